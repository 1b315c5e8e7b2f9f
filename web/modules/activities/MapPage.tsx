import { Alert, Anchor, Box, Button, Group, Loader, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Coverage, UnitCoverage } from '../../../common/schemas/activity-coverage';
import { withQuery, type Page } from '../../app/api';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { CLASS_COLOURS, classBreaks, EMPTY_COLOUR } from './choropleth';
import { CoverageFilterFields, NO_FILTERS, useLevelChoice, type CoverageFilters } from './CoverageFilters';
import type { ActivitySummary } from './shared';

const CoverageMap = lazy(() => import('./CoverageMap'));

const MEASURES = ['activities', 'organisations', 'reached'] as const;
type Measure = (typeof MEASURES)[number];
const LIMIT = 25;

function Legend({ breaks, measure }: { breaks: number[]; measure: Measure }) {
  const { t } = useTranslation('activities');
  const entries = [{ colour: EMPTY_COLOUR, label: t('coverage.legendNone') }, ...breaks.map((bound, i) => ({ colour: CLASS_COLOURS[i], label: i + 1 < breaks.length ? `${bound} – ${breaks[i + 1] - 1}` : `${bound}+` }))];
  return (
    <Box component="figure" m={0} aria-label={t('coverage.legend')}>
      <Text component="figcaption" size="sm" fw={600}>
        {t('coverage.legendTitle', { measure: t(`coverage.measures.${measure}`) })}
      </Text>
      <Group gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {entries.map((e) => (
          <Group key={e.label} gap={4} component="li" wrap="nowrap">
            <Box w={18} h={14} style={{ background: e.colour, border: '1px solid #5c5f66' }} aria-hidden />
            <Text size="sm">{e.label}</Text>
          </Group>
        ))}
      </Group>
    </Box>
  );
}

function UnitActivities({ unitId, filters, onClose }: { unitId: string; filters: CoverageFilters; onClose: () => void }) {
  const { t, i18n } = useTranslation('activities');
  const urdu = i18n.language === 'ur';
  const [offset, setOffset] = useState(0);
  const answer = useApiQuery<Page<ActivitySummary> & { unit: { nameEn: string; nameUr: string | null } }>(withQuery(`/activities/coverage/units/${unitId}`, { ...filters, limit: LIMIT, offset }));
  const unitName = answer.data ? (urdu && answer.data.unit.nameUr) || answer.data.unit.nameEn : '';
  return (
    <Stack component="section" aria-labelledby="unit-activities" gap="xs">
      <Group justify="space-between">
        <Text component="h2" id="unit-activities" fw={700} size="lg">
          {t('coverage.activitiesIn', { unit: unitName })}
        </Text>
        <Button variant="subtle" onClick={onClose}>
          {t('coverage.close')}
        </Button>
      </Group>
      <FormErrors error={answer.error ?? null} />
      <DataTable
        caption={t('coverage.activitiesIn', { unit: unitName })}
        loading={answer.loading}
        rows={answer.data?.items ?? []}
        rowKey={(a) => a.id}
        emptyText={t('coverage.noActivities')}
        paging={answer.data ? { limit: LIMIT, offset, total: answer.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'title', header: t('fields.titleEn'), render: (a) => <Anchor component={Link} to={`/activities/${a.id}`}>{(urdu && a.titleUr) || a.titleEn}</Anchor> },
          { key: 'lead', header: t('fields.leadOrganisation'), render: (a) => a.leadOrganisation.acronym ?? (urdu ? a.leadOrganisation.nameUr : a.leadOrganisation.nameEn) },
          { key: 'sector', header: t('fields.sector'), render: (a) => t(`sectors.${a.sector}`) },
          { key: 'dates', header: t('fields.dates'), render: (a) => `${a.startsOn} – ${a.endsOn}` },
          { key: 'status', header: t('fields.status'), render: (a) => t(`statuses.${a.status}`) },
        ]}
      />
    </Stack>
  );
}

/** Where activities are: provinces or districts coloured by activities, organisations present or people reached; a unit's activities on a click. */
export function MapPage() {
  const { t, i18n } = useTranslation('activities');
  const urdu = i18n.language === 'ur';
  const { level, control: levelChoice } = useLevelChoice();
  const [measure, setMeasure] = useState<Measure>('activities');
  const [filters, setFilters] = useState<CoverageFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<string | null>(null);
  const features = useApiQuery<GeoJSON.FeatureCollection>(`/places/levels/${level}/features`);
  const coverage = useApiQuery<Coverage>(withQuery('/activities/coverage', { level, ...filters }));
  const units = coverage.data?.level === Number(level) ? coverage.data.units : [];
  const values = useMemo(() => new Map(units.map((u) => [u.id, u[measure]])), [units, measure]);
  const breaks = useMemo(() => classBreaks([...values.values()]), [values]);
  const name = (u: UnitCoverage) => (urdu && u.nameUr) || u.nameEn;
  const levelName = t(`coverage.levelNames.${level}`);
  const noUnits = features.data !== undefined && features.data.features.length === 0;

  return (
    <Stack>
      <PageTitle
        actions={
          <Button component={Link} to="/activities/gaps" variant="light">
            {t('nav.gaps')}
          </Button>
        }
      >
        {t('coverage.mapTitle')}
      </PageTitle>
      <Text>{t('coverage.mapHelp')}</Text>
      <Group>
        {levelChoice}
        <SegmentedControl
          aria-label={t('coverage.measure')}
          value={measure}
          onChange={(v) => setMeasure(v as Measure)}
          data={MEASURES.map((m) => ({ value: m, label: t(`coverage.measures.${m}`) }))}
        />
      </Group>
      <CoverageFilterFields filters={filters} onChange={(f) => { setFilters(f); setSelected(null); }} withObjective />
      <FormErrors error={features.error ?? coverage.error ?? null} />
      {noUnits ? (
        <Alert variant="outline" color="dark" title={t('coverage.noUnitsTitle', { level: levelName })}>
          {t('coverage.noUnits', { level: levelName })}
        </Alert>
      ) : !features.data ? (
        <Loader size="sm" />
      ) : (
        <Suspense fallback={<Loader size="sm" />}>
          <CoverageMap
            features={features.data}
            values={values}
            breaks={breaks}
            selectedId={selected}
            onSelect={setSelected}
            nameKey={urdu ? 'nameUr' : 'nameEn'}
            label={t('coverage.mapLabel', { level: levelName, measure: t(`coverage.measures.${measure}`) })}
          />
        </Suspense>
      )}
      {!noUnits && <Legend breaks={breaks} measure={measure} />}
      {!noUnits && <Text size="sm" c="dimmed">{t('coverage.displayOnly')}</Text>}
      {selected && <UnitActivities unitId={selected} filters={filters} onClose={() => setSelected(null)} />}
      {!noUnits && (
        <div role="region" aria-label={t('coverage.tableCaption', { level: levelName })} tabIndex={0} className="table-scroll">
          <Table withTableBorder striped>
            <Table.Caption>{t('coverage.tableCaption', { level: levelName })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('coverage.unit')}</Table.Th>
                {MEASURES.map((m) => (
                  <Table.Th key={m} scope="col">
                    {t(`coverage.measures.${m}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.map((u) => (
                <Table.Tr key={u.id} aria-current={u.id === selected ? 'true' : undefined}>
                  <Table.Th scope="row">
                    <Anchor component="button" type="button" onClick={() => setSelected(u.id)} aria-label={t('coverage.showActivities', { unit: name(u) })}>
                      {name(u)}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{u.activities}</Table.Td>
                  <Table.Td>{u.organisations}</Table.Td>
                  <Table.Td>{u.reached.toLocaleString(i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
