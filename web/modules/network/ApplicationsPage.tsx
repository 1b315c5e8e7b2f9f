import { Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { APPLICATION_STATUSES } from '../../../common/network';
import { PK_SUBDIVISIONS } from '../../../common/organisations';
import { Permission } from '../../../common/permissions';
import { api, withQuery, type Page } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { formatDate, GcmBadges, GcmSelect, showDone, StatusBadge } from './shared';
import type { Application } from './types';

function ApplyForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const [requestedRole, setRole] = useState<string | null>('member');
  const [sector, setSector] = useState('');
  const [motivation, setMotivation] = useState('');
  const [gcmObjectives, setGcm] = useState<number[]>([]);
  const [province, setProvince] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.post('/network/applications', { requestedRole, sector: sector.trim() || null, motivation, gcmObjectives, provinces: province ? [province] : [] }));
    if (!saved) return;
    showDone(t('applications.submitted'));
    setMotivation('');
    onDone();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="apply-heading">
      <Title order={2} id="apply-heading" size="h3" mb="sm">
        {t('applications.applyTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrors error={form.error} fields={['requestedRole', 'sector', 'motivation', 'gcmObjectives', 'provinces']} />
          <Select label={t('applications.requestedRole')} required data={['member', 'observer'].map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={requestedRole} onChange={setRole} error={form.fieldError('requestedRole')} />
          <TextInput label={t('directory.sector')} value={sector} onChange={(e) => setSector(e.currentTarget.value)} error={form.fieldError('sector')} />
          <Textarea label={t('applications.motivation')} required autosize minRows={3} value={motivation} onChange={(e) => setMotivation(e.currentTarget.value)} error={form.fieldError('motivation')} />
          <GcmSelect label={t('directory.gcmObjectives')} value={gcmObjectives} onChange={setGcm} error={form.fieldError('gcmObjectives')} />
          <Select label={t('directory.province')} clearable data={PK_SUBDIVISIONS.map((p) => ({ value: p, label: t(`provinces.${p}`) }))} value={province} onChange={setProvince} error={form.fieldError('provinces')} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.busy}>
              {t('applications.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type Step = 'review' | 'approve' | 'reject';

function DecisionForm({ application, step, onDone }: { application: Application; step: Step; onDone: () => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const [text, setText] = useState('');
  const [joinedOn, setJoinedOn] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body =
      step === 'review' ? { note: text, version: application.version } : step === 'reject' ? { reason: text, version: application.version } : { joinedOn: joinedOn || undefined, version: application.version };
    const saved = await form.run(() => api.post(`/network/applications/${application.id}/${step}`, body));
    if (!saved) return;
    showDone(t(`applications.done.${step}`));
    onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['note', 'reason', 'joinedOn']} />
        <Text size="sm">{application.motivation}</Text>
        {step === 'approve' ? (
          <TextInput type="date" label={t('directory.joinedOn')} description={t('applications.joinedOnHelp')} value={joinedOn} onChange={(e) => setJoinedOn(e.currentTarget.value)} error={form.fieldError('joinedOn')} />
        ) : (
          <Textarea
            label={step === 'review' ? t('applications.reviewNote') : t('applications.reason')}
            required
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={form.fieldError(step === 'review' ? 'note' : 'reason')}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" color={step === 'reject' ? 'red.9' : undefined} loading={form.busy}>
            {t(`applications.actions.${step}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ApplicationsPage() {
  const { t } = useTranslation('network');
  const session = useSession();
  const canApply = session.hasPermission(Permission.MembershipApply);
  const canReview = session.hasPermission(Permission.MembershipReview);
  const canApprove = session.hasPermission(Permission.MembershipApprove);
  const [status, setStatus] = useState<string | null>(null);
  const [acting, setActing] = useState<{ application: Application; step: Step } | null>(null);
  const list = useApiQuery<Page<Application>>(withQuery('/network/applications', { status, limit: 100 }));
  const open = (a: Application) => a.status === 'submitted' || a.status === 'under_review';

  return (
    <Stack>
      <PageTitle>{canReview ? t('applications.title') : t('applications.ownTitle')}</PageTitle>
      {canApply && !canReview && <ApplyForm onDone={list.reload} />}
      <Group align="flex-end">
        <Select label={t('applications.status')} placeholder={t('directory.all')} clearable data={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`applications.statuses.${s}`) }))} value={status} onChange={setStatus} />
      </Group>
      <FormErrors error={list.error ?? null} />
      <DataTable
        caption={t('applications.title')}
        loading={list.loading}
        rows={list.data?.items ?? []}
        rowKey={(a) => a.id}
        columns={[
          { key: 'org', header: t('directory.organisation'), render: (a) => a.organisationName },
          { key: 'role', header: t('applications.requestedRole'), render: (a) => t(`roles.${a.requestedRole}`) },
          { key: 'gcm', header: t('directory.gcmObjectives'), render: (a) => <GcmBadges objectives={a.gcmObjectives} /> },
          { key: 'date', header: t('applications.submittedOn'), render: (a) => formatDate(a.createdAt.slice(0, 10)) },
          { key: 'status', header: t('applications.status'), render: (a) => <StatusBadge status={a.status} label={t(`applications.statuses.${a.status}`)} /> },
          { key: 'notes', header: t('applications.notes'), render: (a) => a.decisionReason ?? a.reviewNote ?? '' },
          {
            key: 'actions',
            header: <span className="visually-hidden">{t('actions.label', { ns: 'common' })}</span>,
            render: (a: Application) =>
              open(a) && (canReview || canApprove) ? (
                <Group gap={4} wrap="nowrap">
                  {canReview && a.status === 'submitted' && (
                    <Button size="xs" variant="default" onClick={() => setActing({ application: a, step: 'review' })} aria-label={t('applications.reviewNamed', { name: a.organisationName })}>
                      {t('applications.actions.review')}
                    </Button>
                  )}
                  {canApprove && (
                    <>
                      <Button size="xs" onClick={() => setActing({ application: a, step: 'approve' })} aria-label={t('applications.approveNamed', { name: a.organisationName })}>
                        {t('applications.actions.approve')}
                      </Button>
                      <Button size="xs" variant="outline" color="red.9" onClick={() => setActing({ application: a, step: 'reject' })} aria-label={t('applications.rejectNamed', { name: a.organisationName })}>
                        {t('applications.actions.reject')}
                      </Button>
                    </>
                  )}
                </Group>
              ) : null,
          },
        ]}
      />
      <AppModal opened={acting !== null} onClose={() => setActing(null)} title={acting ? t(`applications.actions.${acting.step}`) + ': ' + acting.application.organisationName : ''} size="lg">
        {acting && (
          <DecisionForm
            application={acting.application}
            step={acting.step}
            onDone={() => {
              setActing(null);
              list.reload();
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}
