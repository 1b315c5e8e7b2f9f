import { ActionIcon, Anchor, Badge, Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { MEETING_KINDS } from '../../../common/network';
import { Permission } from '../../../common/permissions';
import { api, withQuery, type Page } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';
import { useSession } from '../../app/session';
import { formatPkt, localTitle, pktInputToIso, showDone, StatusBadge } from './shared';
import type { MeetingDetail, MeetingSummary, WorkingGroup } from './types';

const LIMIT = 25;

export function MeetingTable({ workingGroupId, kind }: { workingGroupId?: string; kind?: string | null }) {
  const { t } = useTranslation('network');
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [kind]);
  const meetings = useApiQuery<Page<MeetingSummary>>(withQuery('/network/meetings', { workingGroupId, kind, limit: LIMIT, offset }));
  return (
    <>
      <FormErrors error={meetings.error ?? null} />
      <DataTable
        caption={t('meetings.title')}
        loading={meetings.loading}
        rows={meetings.data?.items ?? []}
        rowKey={(m) => m.id}
        paging={meetings.data ? { limit: LIMIT, offset, total: meetings.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          {
            key: 'title',
            header: t('meetings.meeting'),
            render: (m) => (
              <Group gap={4}>
                <Anchor component={Link} to={`/network/meetings/${m.id}`}>
                  {localTitle(m)}
                </Anchor>
                {m.isPublic && (
                  <Badge variant="outline" color="dark">
                    {t('meetings.public')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { key: 'kind', header: t('meetings.kind'), render: (m) => t(`meetings.kinds.${m.kind}`) },
          { key: 'when', header: t('meetings.when'), render: (m) => formatPkt(m.startsAt) },
          { key: 'where', header: t('meetings.where'), render: (m) => m.location ?? (m.onlineUrl ? t('meetings.online') : '—') },
          { key: 'status', header: t('meetings.status'), render: (m) => <StatusBadge status={m.status} label={t(`meetings.statuses.${m.status}`)} /> },
          { key: 'minutes', header: t('meetings.minutes'), render: (m) => <StatusBadge status={m.minutesStatus} label={t(`meetings.minutesStatuses.${m.minutesStatus}`)} /> },
        ]}
      />
    </>
  );
}

function ScheduleForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const groups = useApiQuery<WorkingGroup[]>('/network/working-groups');
  const [kind, setKind] = useState<string | null>('network');
  const [workingGroupId, setWorkingGroupId] = useState<string | null>(null);
  const [titleEn, setTitleEn] = useState('');
  const [titleUr, setTitleUr] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [location, setLocation] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [isPublic, setIsPublic] = useState(false);
  const [agenda, setAgenda] = useState<string[]>(['']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      kind,
      workingGroupId: kind === 'working_group' ? workingGroupId : null,
      titleEn,
      titleUr: titleUr.trim() || null,
      startsAt: startsAt ? pktInputToIso(startsAt) : '',
      endsAt: endsAt ? pktInputToIso(endsAt) : '',
      location: location.trim() || null,
      onlineUrl: onlineUrl.trim() || null,
      isPublic,
      agenda: agenda.filter((a) => a.trim()).map((title) => ({ title })),
    };
    const saved = await form.run(() => api.post<MeetingDetail>('/network/meetings', body));
    if (!saved) return;
    showDone(t('meetings.scheduled'));
    onDone(saved.id);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['kind', 'workingGroupId', 'titleEn', 'titleUr', 'startsAt', 'endsAt', 'location', 'onlineUrl']} />
        <Select label={t('meetings.kind')} required data={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))} value={kind} onChange={setKind} error={form.fieldError('kind')} />
        {kind === 'working_group' && (
          <Select label={t('meetings.workingGroup')} required data={(groups.data ?? []).map((g) => ({ value: g.id, label: localName(g) }))} value={workingGroupId} onChange={setWorkingGroupId} error={form.fieldError('workingGroupId')} />
        )}
        <TextInput label={t('meetings.titleEn')} required value={titleEn} onChange={(e) => setTitleEn(e.currentTarget.value)} error={form.fieldError('titleEn')} dir="ltr" lang="en" />
        <TextInput label={t('meetings.titleUr')} value={titleUr} onChange={(e) => setTitleUr(e.currentTarget.value)} error={form.fieldError('titleUr')} dir="rtl" lang="ur" />
        <Group grow>
          <TextInput type="datetime-local" label={t('meetings.startsAt')} description={t('meetings.pktHelp')} required value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} error={form.fieldError('startsAt')} />
          <TextInput type="datetime-local" label={t('meetings.endsAt')} description={t('meetings.pktHelp')} required value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value)} error={form.fieldError('endsAt')} />
        </Group>
        <TextInput label={t('meetings.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={form.fieldError('location')} />
        <TextInput label={t('meetings.onlineUrl')} type="url" value={onlineUrl} onChange={(e) => setOnlineUrl(e.currentTarget.value)} error={form.fieldError('onlineUrl')} />
        <Checkbox label={t('meetings.isPublic')} description={t('meetings.isPublicHelp')} checked={isPublic} onChange={(e) => setIsPublic(e.currentTarget.checked)} />
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text fw={600} size="sm">
              {t('meetings.agenda')}
            </Text>
          </legend>
          <Stack gap="xs">
            {agenda.map((item, index) => (
              <Group key={index} gap="xs" wrap="nowrap">
                <TextInput
                  style={{ flex: 1 }}
                  label={t('meetings.agendaItem', { number: index + 1 })}
                  value={item}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setAgenda((all) => all.map((a, i) => (i === index ? value : a)));
                  }}
                />
                <ActionIcon variant="default" mt={24} aria-label={t('meetings.removeAgendaItem', { number: index + 1 })} onClick={() => setAgenda((all) => all.filter((_, i) => i !== index))} disabled={agenda.length === 1}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button variant="default" size="xs" onClick={() => setAgenda((all) => [...all, ''])} style={{ alignSelf: 'flex-start' }}>
              {t('meetings.addAgendaItem')}
            </Button>
          </Stack>
        </fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            {t('meetings.schedule')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MeetingsPage() {
  const { t } = useTranslation('network');
  const session = useSession();
  const navigate = useNavigate();
  const canSchedule = session.hasPermission(Permission.MeetingsManage) || session.hasPermission(Permission.SteeringMeetingsManage);
  const [kind, setKind] = useState<string | null>(null);
  const [scheduling, setScheduling] = useState(false);
  return (
    <Stack>
      <PageTitle actions={canSchedule && <Button onClick={() => setScheduling(true)}>{t('meetings.schedule')}</Button>}>{t('meetings.title')}</PageTitle>
      <Group align="flex-end" role="search" aria-label={t('meetings.filters')}>
        <Select label={t('meetings.kind')} placeholder={t('directory.all')} clearable data={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))} value={kind} onChange={setKind} />
      </Group>
      <MeetingTable kind={kind} />
      <AppModal opened={scheduling} onClose={() => setScheduling(false)} title={t('meetings.schedule')} size="lg">
        {scheduling && <ScheduleForm onDone={(id) => navigate(`/network/meetings/${id}`)} />}
      </AppModal>
    </Stack>
  );
}
