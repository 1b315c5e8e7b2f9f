import { Alert, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Permission } from '../../../common/permissions';
import { ChartWithTable } from '../../app/components/ChartWithTable';
import { DataTable } from '../../app/components/DataTable';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { amount, chartValue, formatChartAmount, usd, type DashboardAnswer } from './shared';

/** The fund at a glance: the pipeline, who contributed when, where the money goes and how fast it is spent. */
export function DashboardPage() {
  const { t } = useTranslation('fund');
  const session = useSession();
  const internal = session.hasPermission(Permission.FundDashboardRead);
  const { data, error } = useApiQuery<DashboardAnswer>(internal ? '/fund/dashboard' : '/fund/published/dashboard');
  if (error) return <Alert color="red.9" role="alert">{error.message}</Alert>;
  if (!data) return <Loading />;

  const pipeline: Array<[string, string | null]> = [
    [t('pipeline.pledged'), data.pipeline.pledged],
    [t('pipeline.deposited'), data.pipeline.deposited],
    [t('pipeline.approved'), data.pipeline.approved],
    [t('pipeline.transferred'), data.pipeline.transferred],
    [t('pipeline.spent'), data.pipeline.spent],
  ];
  const shown = pipeline.filter(([, value]) => value !== null) as Array<[string, string]>;
  const years = [...new Set(data.contributionsByContributorAndYear.map((c) => c.year))].sort();
  const contributors = [...new Set(data.contributionsByContributorAndYear.map((c) => c.contributor))];
  const markerLabel = (key: string) => {
    const [marker, score] = key.split(':');
    return t(`markers.${marker}`, { score });
  };

  return (
    <Stack gap="xl">
      <PageTitle>{t('dashboard.title')}</PageTitle>
      {data.scope === 'published' && (
        <Text>{data.publishedThrough && data.publishedThrough !== '0000-01-01' ? t('dashboard.publishedThrough', { date: data.publishedThrough }) : t('dashboard.nothingPublished')}</Text>
      )}
      {data.scope === 'own-org' && <Text>{t('dashboard.ownProgrammes')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }}>
        {shown.map(([label, value]) => (
          <Card key={label} withBorder>
            <Text size="sm" c="dimmed">{label}</Text>
            <Text fw={700} size="lg">{usd(value)}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <ChartWithTable
        title={t('dashboard.pipeline')}
        kind="bar"
        categoryHeader={t('dashboard.stage')}
        categories={shown.map(([label]) => label)}
        series={[{ name: t('dashboard.amountUsd'), values: shown.map(([, value]) => chartValue(value)) }]}
        formatValue={formatChartAmount}
        headingOrder={2}
      />
      {contributors.length > 0 && (
        <ChartWithTable
          title={t('dashboard.contributions')}
          kind="bar"
          categoryHeader={t('dashboard.contributor')}
          categories={contributors}
          series={years.map((year) => ({
            name: String(year),
            values: contributors.map((c) => chartValue(data.contributionsByContributorAndYear.find((x) => x.contributor === c && x.year === year)?.amount ?? '0')),
          }))}
          formatValue={formatChartAmount}
          headingOrder={2}
        />
      )}
      <ChartWithTable
        title={t('dashboard.byThematicArea')}
        kind="pie"
        categoryHeader={t('dashboard.thematicArea')}
        categories={data.allocation.thematicArea.map((s) => t('dashboard.areaNumber', { number: s.key }))}
        series={[{ name: t('dashboard.approvedUsd'), values: data.allocation.thematicArea.map((s) => chartValue(s.amount)) }]}
        formatValue={formatChartAmount}
        headingOrder={2}
      />
      <ChartWithTable
        title={t('dashboard.byGcmObjective')}
        kind="bar"
        categoryHeader={t('dashboard.gcmObjective')}
        categories={data.allocation.gcmObjective.map((s) => t('dashboard.objectiveNumber', { number: s.key }))}
        series={[{ name: t('dashboard.approvedUsd'), values: data.allocation.gcmObjective.map((s) => chartValue(s.amount)) }]}
        formatValue={formatChartAmount}
        headingOrder={2}
      />
      <ChartWithTable
        title={t('dashboard.byPuno')}
        kind="pie"
        categoryHeader={t('dashboard.puno')}
        categories={data.allocation.puno.map((s) => s.label)}
        series={[{ name: t('dashboard.approvedUsd'), values: data.allocation.puno.map((s) => chartValue(s.amount)) }]}
        formatValue={formatChartAmount}
        headingOrder={2}
      />
      <ChartWithTable
        title={t('dashboard.byMarker')}
        kind="bar"
        categoryHeader={t('dashboard.marker')}
        categories={data.allocation.marker.map((s) => markerLabel(s.key))}
        series={[{ name: t('dashboard.approvedUsd'), values: data.allocation.marker.map((s) => chartValue(s.amount)) }]}
        formatValue={formatChartAmount}
        headingOrder={2}
      />
      <Title order={2}>{t('dashboard.deliveryRates')}</Title>
      <DataTable
        caption={t('dashboard.deliveryRates')}
        rows={data.deliveryRates}
        rowKey={(r) => r.programmeId}
        emptyText={t('dashboard.noProgrammes')}
        columns={[
          { key: 'code', header: t('programme.code'), render: (r) => r.code },
          { key: 'title', header: t('programme.title'), render: (r) => r.title },
          { key: 'net', header: t('figures.netFunded'), render: (r) => amount(r.netFunded) },
          { key: 'spent', header: t('figures.expenditure'), render: (r) => amount(r.expenditure) },
          { key: 'rate', header: t('figures.deliveryRate'), render: (r) => (r.deliveryRate === null ? '—' : `${r.deliveryRate}%`) },
        ]}
      />
    </Stack>
  );
}
