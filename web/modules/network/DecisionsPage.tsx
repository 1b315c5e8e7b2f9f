import { Anchor, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { withQuery, type Page } from '../../app/api';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { formatDate, GcmBadges } from './shared';
import type { Decision } from './types';

const LIMIT = 25;

export function DecisionTable({ workingGroupId, year, search }: { workingGroupId?: string; year?: string | null; search?: string }) {
  const { t } = useTranslation('network');
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [year, search]);
  const decisions = useApiQuery<Page<Decision>>(withQuery('/network/decisions', { workingGroupId, year, search, limit: LIMIT, offset }));
  return (
    <>
      <FormErrors error={decisions.error ?? null} />
      <DataTable
        caption={t('decisions.title')}
        loading={decisions.loading}
        rows={decisions.data?.items ?? []}
        rowKey={(d) => d.id}
        paging={decisions.data ? { limit: LIMIT, offset, total: decisions.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'number', header: t('decisions.number'), render: (d) => <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>{d.number}</Text> },
          {
            key: 'text',
            header: t('decisions.text'),
            render: (d) => (
              <Stack gap={2}>
                <Text size="sm">{d.textEn}</Text>
                {d.textUr && (
                  <Text size="sm" dir="rtl" lang="ur">
                    {d.textUr}
                  </Text>
                )}
              </Stack>
            ),
          },
          { key: 'gcm', header: t('directory.gcmObjectives'), render: (d) => <GcmBadges objectives={d.gcmObjectives} /> },
          {
            key: 'meeting',
            header: t('meetings.meeting'),
            render: (d) => (
              <Anchor component={Link} to={`/network/meetings/${d.meetingId}`} size="sm">
                {d.meetingTitle} ({formatDate(d.meetingDate)})
              </Anchor>
            ),
          },
        ]}
      />
    </>
  );
}

export function DecisionsPage() {
  const { t } = useTranslation('network');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 400);
  const [year, setYear] = useState<string | null>(null);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - 2024 }, (_, i) => String(thisYear - i));
  return (
    <Stack>
      <PageTitle>{t('decisions.title')}</PageTitle>
      <Group align="flex-end" role="search" aria-label={t('decisions.filters')}>
        <TextInput label={t('decisions.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select label={t('decisions.year')} placeholder={t('directory.all')} clearable data={years} value={year} onChange={setYear} />
      </Group>
      <DecisionTable year={year} search={debounced} />
    </Stack>
  );
}
