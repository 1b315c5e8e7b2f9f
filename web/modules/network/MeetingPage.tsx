import { Alert, Anchor, Badge, Button, Checkbox, Group, MultiSelect, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Permission } from '../../../common/permissions';
import { api, downloadUrl } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';
import { useSession } from '../../app/session';
import { formatPkt, GcmBadges, GcmSelect, localTitle, showDone, StatusBadge, useMembers } from './shared';
import type { MeetingDetail } from './types';

type Meeting = MeetingDetail;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Invitations({ meeting, onSaved }: { meeting: Meeting; onSaved: (m: Meeting) => void }) {
  const { t } = useTranslation('network');
  const members = useMembers();
  const form = useFormErrors();
  const [organisationIds, setOrganisationIds] = useState<string[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.post<Meeting>(`/network/meetings/${meeting.id}/invitations`, { organisationIds }));
    if (!saved) return;
    showDone(t('meetings.invited'));
    setOrganisationIds([]);
    onSaved(saved);
  }
  return (
    <Section id="invitations" title={t('meetings.invitations')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrors error={form.error} fields={['organisationIds']} />
          <MultiSelect
            label={t('meetings.inviteOrganisations')}
            description={t('meetings.inviteHelp')}
            searchable
            data={members.map((m) => ({ value: m.organisationId, label: localName(m) }))}
            value={organisationIds}
            onChange={setOrganisationIds}
            error={form.fieldError('organisationIds')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.busy} disabled={organisationIds.length === 0}>
              {t('meetings.sendInvitations')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm" mt="sm">
        {t('meetings.invitedCount', { count: meeting.invitations.length })}
      </Text>
      <ul>
        {meeting.invitations.map((i) => (
          <li key={i.email}>{i.email}</li>
        ))}
      </ul>
    </Section>
  );
}

function Attendance({ meeting, onSaved }: { meeting: Meeting; onSaved: (m: Meeting) => void }) {
  const { t } = useTranslation('network');
  const members = useMembers();
  const form = useFormErrors();
  const [present, setPresent] = useState<string[]>(meeting.attendance.map((a) => a.organisationId));
  async function save() {
    const saved = await form.run(() => api.put<Meeting>(`/network/meetings/${meeting.id}/attendance`, { organisations: present.map((organisationId) => ({ organisationId })) }));
    if (saved) onSaved(saved);
  }
  return (
    <Stack>
      <FormErrors error={form.error} />
      <Checkbox.Group label={t('meetings.attendingOrganisations')} value={present} onChange={setPresent}>
        <Group mt="xs">
          {members.map((m) => (
            <Checkbox key={m.organisationId} value={m.organisationId} label={m.acronym ?? localName(m)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group justify="flex-end">
        <Button onClick={save} loading={form.busy}>
          {t('meetings.saveAttendance')}
        </Button>
      </Group>
    </Stack>
  );
}

function AgendaItemMinutes({ meeting, item, onSaved }: { meeting: Meeting; item: Meeting['agenda'][number]; onSaved: (m: Meeting) => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const [minutes, setMinutes] = useState(item.minutes);
  const [amendment, setAmendment] = useState('');
  const [reason, setReason] = useState('');
  const approved = meeting.minutesStatus === 'approved';
  const amendments = meeting.amendments.filter((a) => a.agendaItemId === item.id);
  const comments = meeting.comments.filter((c) => c.agendaItemId === item.id);

  async function saveMinutes() {
    const saved = await form.run(() => api.put<Meeting>(`/network/meetings/${meeting.id}/agenda/${item.id}/minutes`, { minutes, version: item.version }));
    if (saved) {
      showDone(t('meetings.minutesSaved'));
      onSaved(saved);
    }
  }
  async function amend(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.post<Meeting>(`/network/meetings/${meeting.id}/minutes/amendments`, { agendaItemId: item.id, text: amendment, reason }));
    if (saved) {
      setAmendment('');
      setReason('');
      onSaved(saved);
    }
  }

  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h4">
        {item.position}. {item.title}
      </Title>
      {item.presenter && <Text size="sm">{t('meetings.presenter', { name: item.presenter })}</Text>}
      <FormErrors error={form.error} fields={['minutes', 'text', 'reason']} />
      {meeting.canManage && !approved ? (
        <Stack gap="xs" mt="xs">
          <Textarea label={t('meetings.minutesOfItem', { number: item.position })} autosize minRows={2} value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} error={form.fieldError('minutes')} />
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={saveMinutes} loading={form.busy}>
              {t('meetings.saveMinutes')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {item.minutes || t('meetings.noMinutes')}
        </Text>
      )}
      {amendments.map((a) => (
        <Alert key={a.id} mt="xs" variant="outline" color="blue.9" title={t('meetings.amendmentNumber', { number: a.number })}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.text}
          </Text>
          <Text size="xs">{t('meetings.amendmentReason', { reason: a.reason })}</Text>
        </Alert>
      ))}
      {comments.map((c) => (
        <Text key={c.id} size="sm" mt="xs">
          <strong>{c.authorName}:</strong> {c.body}
        </Text>
      ))}
      {meeting.canManage && approved && (
        <form onSubmit={amend} noValidate>
          <Stack gap="xs" mt="sm">
            <Textarea label={t('meetings.amendmentText', { number: item.position })} required autosize minRows={2} value={amendment} onChange={(e) => setAmendment(e.currentTarget.value)} error={form.fieldError('text')} />
            <TextInput label={t('meetings.amendmentReasonLabel')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={form.fieldError('reason')} />
            <Group justify="flex-end">
              <Button type="submit" size="xs" variant="default" loading={form.busy}>
                {t('meetings.recordAmendment')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

function CommentForm({ meeting, onSaved }: { meeting: Meeting; onSaved: (m: Meeting) => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const [agendaItemId, setAgendaItemId] = useState<string | null>(null);
  const [body, setBody] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.post<Meeting>(`/network/meetings/${meeting.id}/minutes/comments`, { agendaItemId, body }));
    if (saved) {
      setBody('');
      onSaved(saved);
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <FormErrors error={form.error} fields={['body', 'agendaItemId']} />
        <Select label={t('meetings.commentItem')} clearable data={meeting.agenda.map((a) => ({ value: a.id, label: `${a.position}. ${a.title}` }))} value={agendaItemId} onChange={setAgendaItemId} />
        <Textarea label={t('meetings.comment')} required autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={form.fieldError('body')} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={form.busy}>
            {t('meetings.sendComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DecisionForm({ meeting, onSaved }: { meeting: Meeting; onSaved: () => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const [textEn, setTextEn] = useState('');
  const [textUr, setTextUr] = useState('');
  const [gcmObjectives, setGcm] = useState<number[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.post<{ number: string }>(`/network/meetings/${meeting.id}/decisions`, { textEn, textUr: textUr.trim() || null, gcmObjectives }));
    if (!saved) return;
    showDone(t('decisions.recorded', { number: saved.number }));
    setTextEn('');
    setTextUr('');
    onSaved();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <FormErrors error={form.error} fields={['textEn', 'textUr', 'gcmObjectives']} />
        <Textarea label={t('decisions.textEn')} required autosize minRows={2} value={textEn} onChange={(e) => setTextEn(e.currentTarget.value)} error={form.fieldError('textEn')} dir="ltr" lang="en" />
        <Textarea label={t('decisions.textUr')} autosize minRows={2} value={textUr} onChange={(e) => setTextUr(e.currentTarget.value)} error={form.fieldError('textUr')} dir="rtl" lang="ur" />
        <GcmSelect label={t('directory.gcmObjectives')} value={gcmObjectives} onChange={setGcm} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={form.busy}>
            {t('decisions.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MeetingPage() {
  const { t } = useTranslation('network');
  const { id } = useParams();
  const session = useSession();
  const query = useApiQuery<Meeting>(`/network/meetings/${id}`);
  const [override, setOverride] = useState<Meeting | null>(null);
  const workflow = useFormErrors();
  const meeting = override && override.version >= (query.data?.version ?? 0) ? override : query.data;
  if (query.error) return <FormErrors error={query.error} />;
  if (!meeting) return <Loading />;
  const update = (m: Meeting) => setOverride(m);
  const reload = () => {
    setOverride(null);
    query.reload();
  };

  async function step(action: 'circulate' | 'approve') {
    const saved = await workflow.run(() => api.post<Meeting>(`/network/meetings/${meeting!.id}/minutes/${action}`));
    if (saved) {
      showDone(t(`meetings.${action}d`));
      update(saved);
    }
  }

  return (
    <Stack>
      <PageTitle>{localTitle(meeting)}</PageTitle>
      <Group gap="xs">
        <Badge color="dark" variant="outline">
          {t(`meetings.kinds.${meeting.kind}`)}
        </Badge>
        <StatusBadge status={meeting.status} label={t(`meetings.statuses.${meeting.status}`)} />
        {meeting.isPublic && <Badge color="dark">{t('meetings.public')}</Badge>}
      </Group>
      <Text>
        <strong>{t('meetings.when')}:</strong> {formatPkt(meeting.startsAt)} – {formatPkt(meeting.endsAt)}
      </Text>
      <Text>
        <strong>{t('meetings.where')}:</strong> {meeting.location ?? '—'} {meeting.onlineUrl && <Anchor href={meeting.onlineUrl}>{t('meetings.onlineLink')}</Anchor>}
      </Text>
      <Anchor href={downloadUrl(`/network/meetings/${meeting.id}/calendar.ics`)}>{t('meetings.addToCalendar')}</Anchor>

      {meeting.canManage && <Invitations meeting={meeting} onSaved={update} />}

      <Section id="attendance" title={t('meetings.attendance')}>
        <Alert color={meeting.quorum.reached ? 'teal.9' : 'red.9'} variant="outline" title={meeting.quorum.reached ? t('meetings.quorumReached') : t('meetings.quorumNotReached')} mb="sm">
          {t('meetings.quorumFigures', { present: meeting.quorum.present, eligible: meeting.quorum.eligible, required: meeting.quorum.required })}
          <Text size="xs" mt={4}>
            {t('meetings.quorumRule')}
          </Text>
        </Alert>
        {meeting.canManage ? (
          <Attendance meeting={meeting} onSaved={update} />
        ) : (
          <Text>{meeting.attendance.map((a) => a.organisationName).join(', ') || t('meetings.noAttendance')}</Text>
        )}
      </Section>

      <Section id="minutes" title={t('meetings.agendaAndMinutes')}>
        <Group mb="sm">
          <StatusBadge status={meeting.minutesStatus} label={t(`meetings.minutesStatuses.${meeting.minutesStatus}`)} />
          {meeting.canManage && meeting.minutesStatus === 'draft' && (
            <Button size="xs" onClick={() => step('circulate')} loading={workflow.busy}>
              {t('meetings.circulate')}
            </Button>
          )}
          {meeting.canApproveMinutes && (
            <Button size="xs" onClick={() => step('approve')} loading={workflow.busy}>
              {t('meetings.approve')}
            </Button>
          )}
        </Group>
        <FormErrors error={workflow.error} />
        {meeting.minutesStatus === 'approved' && <Text size="sm" mb="sm">{t('meetings.approvedImmutable')}</Text>}
        <Stack>
          {meeting.agenda.map((item) => (
            <AgendaItemMinutes key={`${item.id}-${item.version}-${meeting.minutesStatus}`} meeting={meeting} item={item} onSaved={update} />
          ))}
        </Stack>
        {meeting.comments.filter((c) => !c.agendaItemId).map((c) => (
          <Text key={c.id} size="sm" mt="xs">
            <strong>{c.authorName}:</strong> {c.body}
          </Text>
        ))}
        {meeting.minutesStatus === 'circulated' && session.hasPermission(Permission.MeetingsComment) && (
          <Paper withBorder p="sm" mt="sm">
            <CommentForm meeting={meeting} onSaved={update} />
          </Paper>
        )}
      </Section>

      <Section id="decisions" title={t('decisions.title')}>
        <Stack gap="xs">
          {meeting.decisions.length === 0 && <Text c="dimmed">{t('decisions.none')}</Text>}
          {meeting.decisions.map((d) => (
            <Paper key={d.id} p="xs" withBorder>
              <Text fw={700}>{d.number}</Text>
              <Text>{d.textEn}</Text>
              {d.textUr && (
                <Text dir="rtl" lang="ur">
                  {d.textUr}
                </Text>
              )}
              <GcmBadges objectives={d.gcmObjectives} />
            </Paper>
          ))}
          {meeting.canManage && meeting.status !== 'cancelled' && <DecisionForm meeting={meeting} onSaved={reload} />}
        </Stack>
      </Section>
    </Stack>
  );
}
