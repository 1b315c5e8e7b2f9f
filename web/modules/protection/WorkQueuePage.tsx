import { Anchor, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { WorkQueue } from '../../../common/schemas/protection';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { formatDate, StatusBadge, useOrganisationNames, type ReferralSummary } from './shared';

export function WorkQueuePage() {
  const { t } = useTranslation('protection');
  const { data, error, loading } = useApiQuery<z.infer<typeof WorkQueue>>('/protection/work-queue');
  const orgName = useOrganisationNames();
  const referralColumns = [
    { key: 'service', header: t('referral.service'), render: (r: ReferralSummary) => <Anchor component={Link} to={`/protection/referrals/${r.id}`}>{t(`services.${r.serviceType}`)}</Anchor> },
    { key: 'from', header: t('referral.from'), render: (r: ReferralSummary) => orgName(r.senderOrganisationId) },
    { key: 'to', header: t('referral.to'), render: (r: ReferralSummary) => r.outsideOrganisationName ?? orgName(r.receivingOrganisationId) },
    { key: 'due', header: t('referral.due'), render: (r: ReferralSummary) => formatDate(r.dueAt) },
    { key: 'status', header: t('referral.status'), render: (r: ReferralSummary) => <StatusBadge status={r.status} /> },
  ];
  return (
    <Stack>
      <PageTitle>{t('workQueue.title')}</PageTitle>
      <FormErrors error={error ?? null} />
      <Title order={2}>{t('workQueue.myCases')}</Title>
      <DataTable
        caption={t('workQueue.myCases')}
        loading={loading}
        rows={data?.myCases ?? []}
        rowKey={(c) => c.id}
        columns={[
          { key: 'ref', header: t('case.reference'), render: (c) => <Anchor component={Link} to={`/protection/cases/${c.id}`}>{c.reference}</Anchor> },
          { key: 'name', header: t('case.name'), render: (c) => c.displayName ?? '—' },
          { key: 'stage', header: t('case.stage'), render: (c) => t(`stage.${c.stage}`) },
          { key: 'risk', header: t('case.risk'), render: (c) => t(`risk.${c.riskLevel}`) },
        ]}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <div>
          <Title order={2} mb="sm">{t('workQueue.tasksDue')}</Title>
          <DataTable
            caption={t('workQueue.tasksDue')}
            rows={data?.tasksDue ?? []}
            rowKey={(task) => `${task.kind}-${task.caseId}-${task.dueOn}`}
            columns={[
              { key: 'case', header: t('case.reference'), render: (task) => <Anchor component={Link} to={`/protection/cases/${task.caseId}`}>{task.caseReference}</Anchor> },
              { key: 'kind', header: t('workQueue.task'), render: (task) => t(`workQueue.kind.${task.kind}`) },
              { key: 'due', header: t('referral.due'), render: (task) => formatDate(task.dueOn) },
            ]}
          />
        </div>
        <div>
          <Title order={2} mb="sm">{t('workQueue.referralsWaiting')}</Title>
          <DataTable caption={t('workQueue.referralsWaiting')} rows={data?.referralsWaiting ?? []} rowKey={(r) => r.id} columns={referralColumns} />
        </div>
      </SimpleGrid>
      <Title order={2}>{t('workQueue.overdue')}</Title>
      <DataTable caption={t('workQueue.overdue')} rows={data?.overdueReferrals ?? []} rowKey={(r) => r.id} columns={referralColumns} />
    </Stack>
  );
}
