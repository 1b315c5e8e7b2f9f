import { Anchor, Badge, Button, Checkbox, Group, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ACTION_POINT_STATUSES } from '../../../common/network';
import { Permission } from '../../../common/permissions';
import { api, withQuery, type Page } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { formatDate, GcmSelect, OrganisationSelect, showDone, StatusBadge, usePeople } from './shared';
import type { ActionPoint } from './types';

const LIMIT = 25;

export interface ActionPointFilters {
  status?: string | null;
  overdue?: boolean;
  mine?: boolean;
  workingGroupId?: string;
}

export function ActionPointTable({ filters }: { filters: ActionPointFilters }) {
  const { t } = useTranslation('network');
  const [offset, setOffset] = useState(0);
  const key = JSON.stringify(filters);
  useEffect(() => setOffset(0), [key]);
  const points = useApiQuery<Page<ActionPoint>>(withQuery('/network/action-points', { ...filters, overdue: filters.overdue || undefined, mine: filters.mine || undefined, limit: LIMIT, offset }));
  return (
    <>
      <FormErrors error={points.error ?? null} />
      <DataTable
        caption={t('actionPoints.title')}
        loading={points.loading}
        rows={points.data?.items ?? []}
        rowKey={(p) => p.id}
        paging={points.data ? { limit: LIMIT, offset, total: points.data.total, onOffsetChange: setOffset } : undefined}
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
          { key: 'responsible', header: t('actionPoints.responsible'), render: (p) => p.responsibleName ?? '' },
          {
            key: 'due',
            header: t('actionPoints.dueDate'),
            render: (p) => (
              <Group gap={4} wrap="nowrap">
                <span>{formatDate(p.dueDate)}</span>
                {p.overdue && <Badge color="red.9">{t('actionPoints.overdue')}</Badge>}
              </Group>
            ),
          },
          { key: 'status', header: t('actionPoints.status'), render: (p) => <StatusBadge status={p.status} label={t(`actionPoints.statuses.${p.status}`)} /> },
        ]}
      />
    </>
  );
}

function CreateForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [ownerOrganisationId, setOwner] = useState<string | null>(null);
  const [responsibleUserId, setResponsible] = useState<string | null>(null);
  const [responsibleName, setResponsibleName] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [gcmObjectives, setGcm] = useState<number[]>([]);
  const people = usePeople(ownerOrganisationId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() =>
      api.post<ActionPoint>('/network/action-points', { title, description, ownerOrganisationId, responsibleUserId, responsibleName: responsibleName.trim() || null, dueDate, gcmObjectives }),
    );
    if (!saved) return;
    showDone(t('actionPoints.created'));
    onDone(saved.id);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['title', 'description', 'ownerOrganisationId', 'responsibleUserId', 'responsibleName', 'dueDate', 'gcmObjectives']} />
        <TextInput label={t('actionPoints.action')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.fieldError('title')} />
        <Textarea label={t('actionPoints.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={form.fieldError('description')} />
        <OrganisationSelect label={t('actionPoints.owner')} required value={ownerOrganisationId} onChange={setOwner} error={form.fieldError('ownerOrganisationId')} />
        <Select label={t('actionPoints.responsiblePerson')} clearable searchable data={people} value={responsibleUserId} onChange={setResponsible} error={form.fieldError('responsibleUserId')} />
        <TextInput label={t('actionPoints.responsibleName')} description={t('actionPoints.responsibleNameHelp')} value={responsibleName} onChange={(e) => setResponsibleName(e.currentTarget.value)} error={form.fieldError('responsibleName')} />
        <TextInput type="date" label={t('actionPoints.dueDate')} required value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={form.fieldError('dueDate')} />
        <GcmSelect label={t('directory.gcmObjectives')} value={gcmObjectives} onChange={setGcm} error={form.fieldError('gcmObjectives')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            {t('actionPoints.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ActionPointsPage() {
  const { t } = useTranslation('network');
  const session = useSession();
  const navigate = useNavigate();
  const canCreate = session.hasPermission(Permission.ActionPointsManage);
  const [tab, setTab] = useState<string>(session.scopeOf(Permission.ActionPointsUpdate) === 'own-org' ? 'mine' : 'all');
  const [status, setStatus] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const filters = { status, overdue, mine: tab === 'mine' };
  return (
    <Stack>
      <PageTitle actions={canCreate && <Button onClick={() => setCreating(true)}>{t('actionPoints.create')}</Button>}>{t('actionPoints.title')}</PageTitle>
      <SegmentedControl
        aria-label={t('actionPoints.view')}
        value={tab}
        onChange={setTab}
        data={[
          { value: 'all', label: t('actionPoints.all') },
          { value: 'mine', label: t('actionPoints.mine') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <Group align="flex-end" role="search" aria-label={t('actionPoints.filters')}>
        <Select label={t('actionPoints.status')} placeholder={t('directory.all')} clearable data={ACTION_POINT_STATUSES.map((s) => ({ value: s, label: t(`actionPoints.statuses.${s}`) }))} value={status} onChange={setStatus} />
        <Checkbox label={t('actionPoints.overdueOnly')} checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} />
      </Group>
      <ActionPointTable filters={filters} />
      <AppModal opened={creating} onClose={() => setCreating(false)} title={t('actionPoints.create')} size="lg">
        {creating && (
          <CreateForm onDone={(id) => navigate(`/network/action-points/${id}`)} />
        )}
      </AppModal>
    </Stack>
  );
}
