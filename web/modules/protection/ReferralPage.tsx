import { Alert, Anchor, Button, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { SharedData } from './SharedData';
import { formatDate, StatusBadge, useOrganisationNames, type ReferralDetail } from './shared';

export function ReferralPage() {
  const { t } = useTranslation('protection');
  const { id } = useParams();
  const session = useSession();
  const orgName = useOrganisationNames();
  const form = useFormErrors();
  const { data, error, reload } = useApiQuery<ReferralDetail>(`/protection/referrals/${id}`);
  const [reason, setReason] = useState('');
  const [feedback, setFeedback] = useState('');
  if (error) return (<Stack><PageTitle>{t('referral.title')}</PageTitle><FormErrors error={error} /></Stack>);
  if (!data) return <Text role="status">{t('loading')}</Text>;
  const r = data;
  const mine = session.user?.organisation.id;
  const receiving = r.receivingOrganisationId === mine || (r.receivingOrganisationId === null && r.senderOrganisationId === mine);
  const sending = r.senderOrganisationId === mine;
  const act = async (action: string, body: Record<string, unknown> = {}) => {
    if (await form.run(() => api.post(`/protection/referrals/${r.id}/${action}`, { version: r.version, ...body }))) reload();
  };
  return (
    <Stack>
      <PageTitle>{t('referral.heading', { service: t(`services.${r.serviceType}`) })}</PageTitle>
      <Group>
        <StatusBadge status={r.status} />
        {r.overdue && <Text c="red.9" fw={600}>{t('referral.overdue')}</Text>}
        {r.caseId && <Anchor component={Link} to={`/protection/cases/${r.caseId}`}>{t('referral.openCase', { reference: r.caseReference })}</Anchor>}
      </Group>
      <Table withTableBorder>
        <Table.Caption className="visually-hidden">{t('referral.title')}</Table.Caption>
        <Table.Tbody>
          <Table.Tr><Table.Th scope="row" w="35%">{t('referral.from')}</Table.Th><Table.Td>{orgName(r.senderOrganisationId)}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th scope="row">{t('referral.to')}</Table.Th><Table.Td>{r.outsideOrganisationName ?? orgName(r.receivingOrganisationId)}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th scope="row">{t('referral.sentAt')}</Table.Th><Table.Td>{formatDate(r.sentAt)}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th scope="row">{t('referral.due')}</Table.Th><Table.Td>{r.dueAt.slice(0, 16).replace('T', ' ')}{r.urgent ? ` · ${t('referral.urgent')}` : ''}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th scope="row">{t('referral.sharedFields')}</Table.Th><Table.Td>{r.sharedFields.map((f) => t(`fields.${f}`)).join(', ')}</Table.Td></Table.Tr>
          {r.message && <Table.Tr><Table.Th scope="row">{t('referral.message')}</Table.Th><Table.Td>{r.message}</Table.Td></Table.Tr>}
          {r.declineReason && <Table.Tr><Table.Th scope="row">{t('referral.declineReason')}</Table.Th><Table.Td>{r.declineReason}</Table.Td></Table.Tr>}
          {r.feedback && <Table.Tr><Table.Th scope="row">{t('referral.feedback')}</Table.Th><Table.Td data-testid="referral-feedback">{r.feedback}</Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
      <Title order={2}>{t('referral.sharedData')}</Title>
      {r.shared ? <SharedData data={r.shared} /> : <Alert color="gray" variant="outline">{t('referral.noSharedData')}</Alert>}
      <FormErrors error={form.error} fields={['reason', 'feedback']} />
      {receiving && r.status === 'sent' && (
        <Stack>
          <Button w="fit-content" onClick={() => act('accept')}>{t('referral.accept')}</Button>
          <Textarea label={t('referral.declineReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={form.fieldError('reason')} />
          <Button w="fit-content" variant="outline" color="red.9" disabled={!reason.trim()} onClick={() => act('decline', { reason })}>{t('referral.decline')}</Button>
        </Stack>
      )}
      {receiving && r.status === 'accepted' && <Button w="fit-content" onClick={() => act('start')}>{t('referral.start')}</Button>}
      {receiving && (r.status === 'accepted' || r.status === 'in_progress') && (
        <Stack>
          <Textarea label={t('referral.feedback')} value={feedback} onChange={(e) => setFeedback(e.currentTarget.value)} error={form.fieldError('feedback')} />
          <Button w="fit-content" disabled={!feedback.trim()} onClick={() => act('complete', { feedback })}>{t('referral.complete')}</Button>
        </Stack>
      )}
      {sending && r.receivingOrganisationId !== null && ['sent', 'accepted', 'in_progress'].includes(r.status) && (
        <Button w="fit-content" variant="default" onClick={() => act('withdraw')}>{t('referral.withdraw')}</Button>
      )}
    </Stack>
  );
}
