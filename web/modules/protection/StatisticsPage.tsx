import { Anchor, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { HTCDS_ATTRIBUTION } from '../../../common/htcds';
import { Permission } from '../../../common/permissions';
import { STAT_DIMENSIONS, type StatsAnswer } from '../../../common/schemas/protection';
import { downloadUrl } from '../../app/api';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';

export function StatisticsPage() {
  const { t } = useTranslation('protection');
  const session = useSession();
  const [dimension, setDimension] = useState<string>('month');
  const { data, error, loading } = useApiQuery<z.infer<typeof StatsAnswer>>(`/protection/stats?dimension=${dimension}`);
  const keyLabel = (key: string) =>
    dimension === 'province' ? t(`provinces.${key}`, { defaultValue: key }) : dimension === 'gender' ? t(`gender.${key}`) : dimension === 'exploitationType' ? t(`exploitation.${key}`) : key;
  return (
    <Stack>
      <PageTitle>{t('statistics.title')}</PageTitle>
      <Select label={t('statistics.dimension')} w={260} allowDeselect={false} data={STAT_DIMENSIONS.map((d) => ({ value: d, label: t(`statistics.by.${d}`) }))} value={dimension} onChange={(v) => v && setDimension(v)} />
      <FormErrors error={error ?? null} />
      <DataTable
        caption={t('statistics.caption', { dimension: t(`statistics.by.${dimension}`) })}
        loading={loading}
        rows={data?.items ?? []}
        rowKey={(row) => row.key}
        columns={[
          { key: 'key', header: t(`statistics.by.${dimension}`), render: (row) => keyLabel(row.key) },
          { key: 'count', header: t('statistics.cases'), render: (row) => row.display },
        ]}
      />
      <Text size="sm" c="dimmed">{t('statistics.note')}</Text>
      {(session.hasPermission(Permission.ProtectionExport) || session.hasPermission(Permission.ProtectionExportAnonymised)) && (
        <>
          <Title order={2}>{t('exports.title')}</Title>
          <Group>
            {session.hasPermission(Permission.ProtectionExport) && <Anchor href={downloadUrl('/protection/exports/htcds.csv')}>{t('exports.htcdsCsv')}</Anchor>}
            {session.hasPermission(Permission.ProtectionExport) && <Anchor href={downloadUrl('/protection/exports/htcds.xlsx')}>{t('exports.htcdsXlsx')}</Anchor>}
            {session.hasPermission(Permission.ProtectionExportAnonymised) && <Anchor href={downloadUrl('/protection/exports/anonymised.csv')}>{t('exports.anonymised')}</Anchor>}
          </Group>
          <Text size="xs" c="dimmed">{HTCDS_ATTRIBUTION}</Text>
        </>
      )}
    </Stack>
  );
}
