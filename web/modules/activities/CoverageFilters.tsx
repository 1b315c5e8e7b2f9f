import { SegmentedControl, Select, SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_SECTORS } from '../../../common/activities';
import { GCM_OBJECTIVE_COUNT } from '../../../common/network';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useGcmLabel, useOrganisations } from '../network/shared';
import type { ReportingPeriod } from './shared';

/** What the map and the matrix filter by; a period keeps the activities running in it and counts the people reported for it. */
export interface CoverageFilters {
  gcmObjective: string | null;
  sector: string | null;
  organisationId: string | null;
  periodId: string | null;
}

/** The filters the map and the matrix share: GCM objective (map only), sector, organisation, reporting period. */
export function CoverageFilterFields({ filters, onChange, withObjective }: { filters: CoverageFilters; onChange: (f: CoverageFilters) => void; withObjective: boolean }) {
  const { t } = useTranslation('activities');
  const gcmLabel = useGcmLabel();
  const organisations = useOrganisations();
  const periods = useApiQuery<ReportingPeriod[]>('/activities/periods');
  const set = (key: keyof CoverageFilters) => (value: string | null) => onChange({ ...filters, [key]: value });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      {withObjective && (
        <Select
          label={t('coverage.objective')}
          clearable
          searchable
          data={Array.from({ length: GCM_OBJECTIVE_COUNT }, (_, i) => ({ value: String(i + 1), label: gcmLabel(i + 1) }))}
          value={filters.gcmObjective}
          onChange={set('gcmObjective')}
        />
      )}
      <Select label={t('fields.sector')} clearable data={ACTIVITY_SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} value={filters.sector} onChange={set('sector')} />
      <Select label={t('coverage.organisation')} clearable searchable data={organisations.options} value={filters.organisationId} onChange={set('organisationId')} />
      <Select
        label={t('coverage.period')}
        clearable
        data={(periods.data ?? []).map((p) => ({ value: p.id, label: `${t(`periods.kinds.${p.kind}`)} ${p.startsOn} – ${p.endsOn}` }))}
        value={filters.periodId}
        onChange={set('periodId')}
      />
    </SimpleGrid>
  );
}

export const NO_FILTERS: CoverageFilters = { gcmObjective: null, sector: null, organisationId: null, periodId: null };

export function useLevelChoice() {
  const { t } = useTranslation('activities');
  const [level, setLevel] = useState('1');
  const control = (
    <SegmentedControl
      aria-label={t('coverage.level')}
      value={level}
      onChange={setLevel}
      data={[
        { value: '1', label: t('coverage.levels.1') },
        { value: '2', label: t('coverage.levels.2') },
      ]}
    />
  );
  return { level, control };
}
