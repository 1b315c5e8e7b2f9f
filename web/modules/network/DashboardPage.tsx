import { Anchor, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChartWithTable } from '../../app/components/ChartWithTable';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { formatDate, useGcmLabel } from './shared';
import type { NetworkDashboard } from './types';

/** The secretariat's figures, each chart with its table beside it. */
export function DashboardPage() {
  const { t } = useTranslation('network');
  const gcmLabel = useGcmLabel();
  const query = useApiQuery<NetworkDashboard>('/network/dashboard');
  if (query.error) return <FormErrors error={query.error} />;
  if (!query.data) return <Loading />;
  const d = query.data;
  return (
    <Stack gap="xl">
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <SimpleGrid cols={{ base: 1 }} spacing="xl">
        <ChartWithTable
          title={t('dashboard.membersByType')}
          kind="pie"
          headingOrder={2}
          categoryHeader={t('directory.type')}
          categories={d.membersByType.map((m) => t(`types.${m.type}`, { defaultValue: m.type }))}
          series={[{ name: t('dashboard.members'), values: d.membersByType.map((m) => m.count) }]}
        />
        <ChartWithTable
          title={t('dashboard.meetingsHeld')}
          kind="bar"
          headingOrder={2}
          categoryHeader={t('dashboard.month')}
          categories={d.meetingsHeld.map((m) => m.month)}
          series={[{ name: t('dashboard.meetings'), values: d.meetingsHeld.map((m) => m.count) }]}
        />
        <ChartWithTable
          title={t('dashboard.attendance')}
          kind="bar"
          headingOrder={2}
          categoryHeader={t('directory.organisation')}
          categories={d.attendanceByOrganisation.map((a) => a.name)}
          series={[{ name: t('dashboard.attendanceRate'), values: d.attendanceByOrganisation.map((a) => a.rate) }]}
          formatValue={(v) => `${v}%`}
        />
        <ChartWithTable
          title={t('dashboard.decisions')}
          kind="bar"
          headingOrder={2}
          categoryHeader={t('decisions.year')}
          categories={d.decisionsByYear.map((y) => String(y.year))}
          series={[{ name: t('decisions.title'), values: d.decisionsByYear.map((y) => y.count) }]}
        />
        <ChartWithTable
          title={t('dashboard.actionPoints')}
          kind="bar"
          headingOrder={2}
          categoryHeader={t('actionPoints.status')}
          categories={[...d.actionPointsByStatus.map((s) => t(`actionPoints.statuses.${s.status}`)), t('actionPoints.overdue')]}
          series={[{ name: t('actionPoints.title'), values: [...d.actionPointsByStatus.map((s) => s.count), d.overdueActionPoints.length] }]}
        />
        <ChartWithTable
          title={t('dashboard.workplan')}
          kind="bar"
          headingOrder={2}
          categoryHeader={t('matrix.objective')}
          categories={d.workplanByObjective.map((w) => gcmLabel(w.objective, false))}
          series={[
            { name: t('dashboard.averageProgress'), values: d.workplanByObjective.map((w) => w.averageProgress) },
            { name: t('dashboard.lines'), values: d.workplanByObjective.map((w) => w.items) },
            { name: t('dashboard.completedLines'), values: d.workplanByObjective.map((w) => w.completed) },
          ]}
        />
      </SimpleGrid>
      <section aria-labelledby="overdue-heading">
        <Title order={2} id="overdue-heading" mb="sm">
          {t('dashboard.overdue', { count: d.overdueActionPoints.length })}
        </Title>
        <DataTable
          caption={t('dashboard.overdueCaption')}
          rows={d.overdueActionPoints}
          rowKey={(p) => p.id}
          columns={[
            {
              key: 'title',
              header: t('actionPoints.action'),
              render: (p) => (
                <Anchor component={Link} to={`/network/action-points/${p.id}`}>
                  {p.title}
                </Anchor>
              ),
            },
            { key: 'owner', header: t('actionPoints.owner'), render: (p) => p.ownerOrganisationName },
            { key: 'due', header: t('actionPoints.dueDate'), render: (p) => formatDate(p.dueDate) },
          ]}
        />
      </section>
    </Stack>
  );
}
