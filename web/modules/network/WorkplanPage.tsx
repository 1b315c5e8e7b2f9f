import { Anchor, Button, Group, MultiSelect, NumberInput, Paper, Progress, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import sdg from '../../../common/reference/sdg-targets.json';
import { WORKPLAN_STATUSES } from '../../../common/network';
import { Permission } from '../../../common/permissions';
import { api, downloadUrl, withQuery } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';
import { useSession } from '../../app/session';
import { formatDate, GCM_OBJECTIVES, GCM_PRINCIPLES, GcmBadges, GcmSelect, localTitle, OrganisationSelect, showDone, StatusBadge, useGcmLabel, useOrganisations } from './shared';
import type { WorkingGroup, WorkplanItem } from './types';

const SDG_TARGETS = (sdg as { targets: { code: string; title: string }[] }).targets;

function ItemForm({ item, outputs, onDone }: { item: WorkplanItem | null; outputs: WorkplanItem[]; onDone: () => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const organisations = useOrganisations();
  const groups = useApiQuery<WorkingGroup[]>('/network/working-groups');
  const [kind, setKind] = useState<string | null>(item?.kind ?? 'output');
  const [parentId, setParentId] = useState<string | null>(item?.parentId ?? null);
  const [titleEn, setTitleEn] = useState(item?.titleEn ?? '');
  const [titleUr, setTitleUr] = useState(item?.titleUr ?? '');
  const [leadOrganisationId, setLead] = useState<string | null>(item?.leadOrganisationId ?? null);
  const [partners, setPartners] = useState<string[]>(item?.partnerOrganisationIds ?? []);
  const [startsOn, setStartsOn] = useState(item?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(item?.endsOn ?? '');
  const [status, setStatus] = useState<string | null>(item?.status ?? 'planned');
  const [progress, setProgress] = useState<number>(item?.progress ?? 0);
  const [gcmObjectives, setGcm] = useState<number[]>(item?.gcmObjectives ?? []);
  const [principles, setPrinciples] = useState<string[]>((item?.guidingPrinciples ?? []).map(String));
  const [sdgTargets, setSdg] = useState<string[]>(item?.sdgTargets ?? []);
  const [workingGroupId, setWorkingGroupId] = useState<string | null>(item?.workingGroupId ?? null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      titleEn,
      titleUr: titleUr.trim() || null,
      partnerOrganisationIds: partners,
      startsOn,
      endsOn,
      status,
      progress,
      gcmObjectives,
      guidingPrinciples: principles.map(Number),
      sdgTargets,
      workingGroupId,
    };
    const saved = await form.run(() =>
      item ? api.patch(`/network/workplan/${item.id}`, { ...body, version: item.version }) : api.post('/network/workplan', { ...body, kind, parentId: kind === 'activity' ? parentId : null, leadOrganisationId }),
    );
    if (!saved) return;
    showDone(t('workplan.saved'));
    onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['kind', 'parentId', 'titleEn', 'titleUr', 'leadOrganisationId', 'partnerOrganisationIds', 'startsOn', 'endsOn', 'status', 'progress', 'gcmObjectives', 'guidingPrinciples', 'sdgTargets', 'workingGroupId']} />
        {!item && (
          <Select label={t('workplan.kind')} required data={['output', 'activity'].map((k) => ({ value: k, label: t(`workplan.kinds.${k}`) }))} value={kind} onChange={setKind} error={form.fieldError('kind')} />
        )}
        {!item && kind === 'activity' && (
          <Select label={t('workplan.parent')} required data={outputs.map((o) => ({ value: o.id, label: localTitle(o) }))} value={parentId} onChange={setParentId} error={form.fieldError('parentId')} />
        )}
        <TextInput label={t('workplan.titleEn')} required value={titleEn} onChange={(e) => setTitleEn(e.currentTarget.value)} error={form.fieldError('titleEn')} dir="ltr" lang="en" />
        <TextInput label={t('workplan.titleUr')} value={titleUr} onChange={(e) => setTitleUr(e.currentTarget.value)} error={form.fieldError('titleUr')} dir="rtl" lang="ur" />
        {!item && <OrganisationSelect label={t('workplan.lead')} required value={leadOrganisationId} onChange={setLead} error={form.fieldError('leadOrganisationId')} />}
        <MultiSelect label={t('workplan.partners')} searchable data={organisations.options} value={partners} onChange={setPartners} error={form.fieldError('partnerOrganisationIds')} />
        <Group grow>
          <TextInput type="date" label={t('workplan.startsOn')} required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={form.fieldError('startsOn')} />
          <TextInput type="date" label={t('workplan.endsOn')} required value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={form.fieldError('endsOn')} />
        </Group>
        <Group grow>
          <Select label={t('workplan.status')} required data={WORKPLAN_STATUSES.map((s) => ({ value: s, label: t(`workplan.statuses.${s}`) }))} value={status} onChange={setStatus} error={form.fieldError('status')} />
          <NumberInput label={t('workplan.progress')} min={0} max={100} suffix="%" value={progress} onChange={(v) => setProgress(Number(v) || 0)} error={form.fieldError('progress')} />
        </Group>
        <GcmSelect label={t('directory.gcmObjectives')} value={gcmObjectives} onChange={setGcm} error={form.fieldError('gcmObjectives')} />
        <MultiSelect label={t('workplan.principles')} data={GCM_PRINCIPLES.map((p) => ({ value: String(p.number), label: `${p.number}. ${p.title}` }))} value={principles} onChange={setPrinciples} error={form.fieldError('guidingPrinciples')} />
        <MultiSelect label={t('workplan.sdgTargets')} searchable data={SDG_TARGETS.map((s) => ({ value: s.code, label: `${s.code} ${s.title}` }))} value={sdgTargets} onChange={setSdg} error={form.fieldError('sdgTargets')} />
        <Select label={t('meetings.workingGroup')} clearable data={(groups.data ?? []).map((g) => ({ value: g.id, label: localName(g) }))} value={workingGroupId} onChange={setWorkingGroupId} error={form.fieldError('workingGroupId')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            {t('actions.save', { ns: 'common' })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReportPanel() {
  const { t } = useTranslation('network');
  const session = useSession();
  const form = useFormErrors();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [format, setFormat] = useState<string | null>('pdf');
  async function send() {
    const sent = await form.run(() => api.post<{ sentTo: number }>('/network/workplan/report/send', { from, to, format }));
    if (sent) showDone(t('workplan.reportSent', { count: sent.sentTo }));
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-heading">
      <Title order={2} size="h3" id="report-heading" mb="sm">
        {t('workplan.report')}
      </Title>
      <Text size="sm" mb="sm">
        {t('workplan.reportHelp')}
      </Text>
      <FormErrors error={form.error} fields={['from', 'to']} />
      <Group align="flex-end">
        <TextInput type="date" label={t('workplan.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={form.fieldError('from')} />
        <TextInput type="date" label={t('workplan.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={form.fieldError('to')} />
        <Anchor href={downloadUrl(withQuery('/network/workplan/report.pdf', { from, to }))}>{t('workplan.downloadPdf')}</Anchor>
        <Anchor href={downloadUrl(withQuery('/network/workplan/report.docx', { from, to }))}>{t('workplan.downloadDocx')}</Anchor>
      </Group>
      {session.hasPermission(Permission.WorkplanManage) && (
        <Group align="flex-end" mt="sm">
          <Select label={t('workplan.format')} data={[{ value: 'pdf', label: 'PDF' }, { value: 'docx', label: 'DOCX' }]} value={format} onChange={setFormat} />
          <Button onClick={send} loading={form.busy}>
            {t('workplan.sendToChair')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

export function WorkplanPage() {
  const { t } = useTranslation('network');
  const session = useSession();
  const gcmLabel = useGcmLabel();
  const scope = session.scopeOf(Permission.WorkplanEdit);
  const [gcmObjective, setGcmObjective] = useState<string | null>(null);
  const [editing, setEditing] = useState<WorkplanItem | 'new' | null>(null);
  const items = useApiQuery<WorkplanItem[]>(withQuery('/network/workplan', { gcmObjective }));
  // The activities (5W) tagged to each line, as far as the reader may see them.
  const tagged = useApiQuery<Array<{ workplanItemId: string; activities: Array<{ id: string; titleEn: string }> }>>(session.hasPermission(Permission.ActivitiesRead) ? '/activities/workplan' : null);
  const activitiesOf = (id: string) => tagged.data?.find((l) => l.workplanItemId === id)?.activities ?? [];
  const all = items.data ?? [];
  const canEdit = (item: WorkplanItem) => scope === 'network' || (scope === 'own-org' && item.leadOrganisationId === session.user?.organisation.id);
  const parentTitle = (id: string | null) => (id ? all.find((i) => i.id === id) : undefined);

  return (
    <Stack>
      <PageTitle actions={scope && <Button onClick={() => setEditing('new')}>{t('workplan.add')}</Button>}>{t('workplan.title')}</PageTitle>
      <Group align="flex-end" role="search" aria-label={t('workplan.filters')}>
        <Select label={t('directory.gcmObjective')} placeholder={t('directory.all')} clearable searchable data={GCM_OBJECTIVES.map((o) => ({ value: String(o.number), label: gcmLabel(o.number) }))} value={gcmObjective} onChange={setGcmObjective} />
      </Group>
      <FormErrors error={items.error ?? null} />
      <DataTable
        caption={t('workplan.title')}
        loading={items.loading}
        rows={all}
        rowKey={(i) => i.id}
        columns={[
          {
            key: 'title',
            header: t('workplan.line'),
            render: (i) => (
              <Stack gap={0}>
                <Text size="sm" fw={i.kind === 'output' ? 700 : 400}>
                  {t(`workplan.kinds.${i.kind}`)}: {localTitle(i)}
                </Text>
                {i.kind === 'activity' && parentTitle(i.parentId) && (
                  <Text size="xs" c="dimmed">
                    {t('workplan.under', { title: localTitle(parentTitle(i.parentId)!) })}
                  </Text>
                )}
              </Stack>
            ),
          },
          { key: 'lead', header: t('workplan.lead'), render: (i) => i.leadOrganisationName },
          { key: 'time', header: t('workplan.timeframe'), render: (i) => `${formatDate(i.startsOn)} – ${formatDate(i.endsOn)}` },
          { key: 'gcm', header: t('directory.gcmObjectives'), render: (i) => <GcmBadges objectives={i.gcmObjectives} /> },
          { key: 'sdg', header: t('workplan.sdgTargets'), render: (i) => i.sdgTargets.join(', ') },
          { key: 'status', header: t('workplan.status'), render: (i) => <StatusBadge status={i.status} label={t(`workplan.statuses.${i.status}`)} /> },
          {
            key: 'activities',
            header: t('workplan.activities'),
            render: (i) => (
              <Stack gap={0}>
                {activitiesOf(i.id).map((a) => (
                  <Anchor key={a.id} component={Link} to={`/activities/${a.id}`} size="sm">
                    {a.titleEn}
                  </Anchor>
                ))}
              </Stack>
            ),
          },
          {
            key: 'progress',
            header: t('workplan.progress'),
            render: (i) => (
              <Group gap={4} wrap="nowrap">
                <Progress.Root w={60} aria-hidden="true">
                  <Progress.Section value={i.progress} />
                </Progress.Root>
                <Text size="xs">{i.progress}%</Text>
              </Group>
            ),
          },
          {
            key: 'actions',
            header: <span className="visually-hidden">{t('actions.label', { ns: 'common' })}</span>,
            render: (i: WorkplanItem) =>
              canEdit(i) ? (
                <Button size="xs" variant="default" onClick={() => setEditing(i)} aria-label={t('workplan.editNamed', { title: localTitle(i) })}>
                  {t('actions.edit', { ns: 'common' })}
                </Button>
              ) : null,
          },
        ]}
      />
      <ReportPanel />
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('workplan.add') : t('workplan.edit')} size="lg">
        {editing !== null && (
          <ItemForm
            item={editing === 'new' ? null : editing}
            outputs={all.filter((i) => i.kind === 'output')}
            onDone={() => {
              setEditing(null);
              items.reload();
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}
