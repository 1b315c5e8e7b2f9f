import { Anchor, Badge, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { withQuery, type Page } from '../../app/api';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { formatDate, StatusBadge, useOrganisationNames, type ReferralSummary } from './shared';

/** A list row carries the sender's message, so the receiver can triage before accepting. */
type ReferralListItem = ReferralSummary & { message: string | null };

const LIMIT = 25;

function ReferralBox({ box }: { box: 'inbox' | 'outbox' }) {
  const { t } = useTranslation('protection');
  const orgName = useOrganisationNames();
  const [offset, setOffset] = useState(0);
  const { data, error, loading } = useApiQuery<Page<ReferralListItem>>(withQuery('/protection/referrals', { box, limit: LIMIT, offset }));
  return (
    <Stack>
      <FormErrors error={error ?? null} />
      <DataTable
        caption={t(`referrals.${box}`)}
        loading={loading}
        rows={data?.items ?? []}
        rowKey={(r) => r.id}
        paging={data ? { limit: LIMIT, offset, total: data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'service', header: t('referral.service'), render: (r) => <Anchor component={Link} to={`/protection/referrals/${r.id}`}>{t(`services.${r.serviceType}`)}</Anchor> },
          { key: 'urgency', header: t('referral.urgency'), render: (r) => (r.urgent ? <Badge color="red.9">{t('referral.urgentBadge')}</Badge> : t('referral.routine')) },
          ...(box === 'outbox' ? [{ key: 'case', header: t('case.reference'), render: (r: ReferralListItem) => r.caseReference ?? '—' }] : []),
          { key: 'org', header: box === 'inbox' ? t('referral.from') : t('referral.to'), render: (r) => (box === 'inbox' ? orgName(r.senderOrganisationId) : (r.outsideOrganisationName ?? orgName(r.receivingOrganisationId))) },
          { key: 'sent', header: t('referral.sentAt'), render: (r) => formatDate(r.sentAt) },
          { key: 'due', header: t('referral.due'), render: (r) => <>{formatDate(r.dueAt)} {r.overdue && <Badge color="red.9">{t('referral.overdue')}</Badge>}</> },
          { key: 'message', header: t('referral.message'), render: (r) => r.message ?? '—' },
          { key: 'status', header: t('referral.status'), render: (r) => <StatusBadge status={r.status} /> },
        ]}
      />
    </Stack>
  );
}

export function ReferralsPage() {
  const { t } = useTranslation('protection');
  return (
    <Stack>
      <PageTitle>{t('referrals.title')}</PageTitle>
      <Tabs defaultValue="inbox" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="inbox">{t('referrals.inbox')}</Tabs.Tab>
          <Tabs.Tab value="outbox">{t('referrals.outbox')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="inbox" pt="md"><ReferralBox box="inbox" /></Tabs.Panel>
        <Tabs.Panel value="outbox" pt="md"><ReferralBox box="outbox" /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
