import { Anchor, Button, Group, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Permission } from '../../../common/permissions';
import { api } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';
import { useSession } from '../../app/session';
import { GcmBadges, GcmSelect, showDone, useOrganisations, usePeople } from './shared';
import type { WorkingGroup } from './types';

/** Creates a group, or edits one: co-chairs are appointed by the secretariat only. */
export function WorkingGroupForm({ group, canAppoint, onDone }: { group: WorkingGroup | null; canAppoint: boolean; onDone: () => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const organisations = useOrganisations();
  const people = usePeople();
  const [nameEn, setNameEn] = useState(group?.nameEn ?? '');
  const [nameUr, setNameUr] = useState(group?.nameUr ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [gcmObjectives, setGcm] = useState<number[]>(group?.gcmObjectives ?? []);
  const [members, setMembers] = useState<string[]>(group?.members.map((m) => m.organisationId) ?? []);
  const [coChairs, setCoChairs] = useState<string[]>(group?.coChairs.map((c) => c.userId) ?? []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { nameEn, nameUr, description, gcmObjectives, memberOrganisationIds: members, ...(canAppoint ? { coChairUserIds: coChairs } : {}) };
    const saved = await form.run(() => (group ? api.patch(`/network/working-groups/${group.id}`, { ...body, version: group.version }) : api.post('/network/working-groups', body)));
    if (!saved) return;
    showDone(t('workingGroups.saved'));
    onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['nameEn', 'nameUr', 'description', 'gcmObjectives', 'memberOrganisationIds', 'coChairUserIds']} />
        <TextInput label={t('workingGroups.nameEn')} required value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} error={form.fieldError('nameEn')} dir="ltr" lang="en" />
        <TextInput label={t('workingGroups.nameUr')} required value={nameUr} onChange={(e) => setNameUr(e.currentTarget.value)} error={form.fieldError('nameUr')} dir="rtl" lang="ur" />
        <Textarea label={t('workingGroups.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={form.fieldError('description')} />
        <GcmSelect label={t('directory.gcmObjectives')} value={gcmObjectives} onChange={setGcm} error={form.fieldError('gcmObjectives')} />
        <MultiSelect label={t('workingGroups.members')} searchable data={organisations.options} value={members} onChange={setMembers} error={form.fieldError('memberOrganisationIds')} />
        {canAppoint && <MultiSelect label={t('workingGroups.coChairs')} searchable data={people} value={coChairs} onChange={setCoChairs} error={form.fieldError('coChairUserIds')} />}
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            {t('actions.save', { ns: 'common' })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function WorkingGroupsPage() {
  const { t } = useTranslation('network');
  const session = useSession();
  const canManage = session.hasPermission(Permission.WorkingGroupsManage);
  const groups = useApiQuery<WorkingGroup[]>('/network/working-groups');
  const [creating, setCreating] = useState(false);

  return (
    <Stack>
      <PageTitle actions={canManage && <Button onClick={() => setCreating(true)}>{t('workingGroups.create')}</Button>}>{t('workingGroups.title')}</PageTitle>
      <FormErrors error={groups.error ?? null} />
      <DataTable
        caption={t('workingGroups.title')}
        loading={groups.loading}
        rows={groups.data ?? []}
        rowKey={(g) => g.id}
        columns={[
          {
            key: 'name',
            header: t('workingGroups.name'),
            render: (g) => (
              <Anchor component={Link} to={`/network/working-groups/${g.id}`}>
                {localName(g)}
              </Anchor>
            ),
          },
          { key: 'gcm', header: t('directory.gcmObjectives'), render: (g) => <GcmBadges objectives={g.gcmObjectives} /> },
          { key: 'coChairs', header: t('workingGroups.coChairs'), render: (g) => g.coChairs.map((c) => c.displayName).join(', ') },
          { key: 'members', header: t('workingGroups.memberCount'), render: (g) => g.members.length },
        ]}
      />
      <AppModal opened={creating} onClose={() => setCreating(false)} title={t('workingGroups.create')} size="lg">
        {creating && (
          <WorkingGroupForm
            group={null}
            canAppoint
            onDone={() => {
              setCreating(false);
              groups.reload();
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}
