import { Anchor, Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORK_ROLES } from '../../../common/network';
import { ORGANISATION_TYPES, PK_SUBDIVISIONS } from '../../../common/organisations';
import { Permission } from '../../../common/permissions';
import { api, downloadUrl, withQuery, type Page } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';
import { useSession } from '../../app/session';
import { formatDate, GCM_OBJECTIVES, GcmBadges, GcmSelect, OrganisationSelect, showDone, useGcmLabel, usePeople } from './shared';
import type { DirectoryEntry } from './types';

const LIMIT = 25;

function MembershipForm({ entry, onDone }: { entry: DirectoryEntry | null; onDone: () => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const [organisationId, setOrganisationId] = useState<string | null>(entry?.organisationId ?? null);
  const [role, setRole] = useState<string | null>(entry?.role ?? 'member');
  const [sector, setSector] = useState(entry?.sector ?? '');
  const [joinedOn, setJoinedOn] = useState(entry?.joinedOn ?? '');
  const [leftOn, setLeftOn] = useState(entry?.leftOn ?? '');
  const [focalPointUserId, setFocal] = useState<string | null>(entry?.focalPoint?.id ?? null);
  const [alternateUserId, setAlternate] = useState<string | null>(entry?.alternate?.id ?? null);
  const [gcmObjectives, setGcm] = useState<number[]>(entry?.gcmObjectives ?? []);
  const [provinces, setProvinces] = useState<string | null>(entry?.provinces[0] ?? null);
  const people = usePeople(organisationId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const common = { role, sector: sector.trim() || null, focalPointUserId, alternateUserId, gcmObjectives, provinces: provinces ? [provinces] : [], leftOn: leftOn || null };
    const saved = await form.run(() =>
      entry
        ? api.patch(`/network/memberships/${entry.membershipId}`, { ...common, version: entry.version })
        : api.post('/network/memberships', { ...common, organisationId, joinedOn }),
    );
    if (!saved) return;
    showDone(t('directory.saved'));
    onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['organisationId', 'role', 'sector', 'joinedOn', 'leftOn', 'focalPointUserId', 'alternateUserId', 'gcmObjectives', 'provinces']} />
        {!entry && <OrganisationSelect label={t('directory.organisation')} required value={organisationId} onChange={setOrganisationId} error={form.fieldError('organisationId')} />}
        <Select label={t('directory.role')} required data={NETWORK_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={setRole} error={form.fieldError('role')} />
        <TextInput label={t('directory.sector')} value={sector} onChange={(e) => setSector(e.currentTarget.value)} error={form.fieldError('sector')} />
        {!entry && <TextInput type="date" label={t('directory.joinedOn')} required value={joinedOn} onChange={(e) => setJoinedOn(e.currentTarget.value)} error={form.fieldError('joinedOn')} />}
        <TextInput type="date" label={t('directory.leftOn')} description={t('directory.leftOnHelp')} value={leftOn} onChange={(e) => setLeftOn(e.currentTarget.value)} error={form.fieldError('leftOn')} />
        <Select label={t('directory.focalPoint')} clearable searchable data={people} value={focalPointUserId} onChange={setFocal} error={form.fieldError('focalPointUserId')} />
        <Select label={t('directory.alternate')} clearable searchable data={people} value={alternateUserId} onChange={setAlternate} error={form.fieldError('alternateUserId')} />
        <GcmSelect label={t('directory.gcmObjectives')} value={gcmObjectives} onChange={setGcm} error={form.fieldError('gcmObjectives')} />
        <Select label={t('directory.province')} clearable data={PK_SUBDIVISIONS.map((p) => ({ value: p, label: t(`provinces.${p}`) }))} value={provinces} onChange={setProvinces} error={form.fieldError('provinces')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            {t('actions.save', { ns: 'common' })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DirectoryPage() {
  const { t } = useTranslation('network');
  const session = useSession();
  const canManage = session.hasPermission(Permission.MembershipApprove);
  const gcmLabel = useGcmLabel();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 400);
  const [role, setRole] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [gcmObjective, setGcmObjective] = useState<string | null>(null);
  const [province, setProvince] = useState<string | null>(null);
  const [includeFormer, setIncludeFormer] = useState(false);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<DirectoryEntry | 'new' | null>(null);
  const filters = { search: debounced, role, type, gcmObjective, province, includeFormer: includeFormer || undefined };
  const directory = useApiQuery<Page<DirectoryEntry>>(withQuery('/network/directory', { ...filters, limit: LIMIT, offset }));
  useEffect(() => setOffset(0), [debounced, role, type, gcmObjective, province, includeFormer]);

  return (
    <Stack>
      <PageTitle actions={canManage && <Button onClick={() => setEditing('new')}>{t('directory.add')}</Button>}>{t('directory.title')}</PageTitle>
      <Group align="flex-end" role="search" aria-label={t('directory.filters')} wrap="wrap">
        <TextInput label={t('directory.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select label={t('directory.role')} placeholder={t('directory.all')} clearable data={NETWORK_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={setRole} />
        <Select label={t('directory.type')} placeholder={t('directory.all')} clearable data={ORGANISATION_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))} value={type} onChange={setType} />
        <Select label={t('directory.gcmObjective')} placeholder={t('directory.all')} clearable searchable data={GCM_OBJECTIVES.map((o) => ({ value: String(o.number), label: gcmLabel(o.number) }))} value={gcmObjective} onChange={setGcmObjective} />
        <Select label={t('directory.province')} placeholder={t('directory.all')} clearable data={PK_SUBDIVISIONS.map((p) => ({ value: p, label: t(`provinces.${p}`) }))} value={province} onChange={setProvince} />
        <Checkbox label={t('directory.includeFormer')} checked={includeFormer} onChange={(e) => setIncludeFormer(e.currentTarget.checked)} />
      </Group>
      <Group>
        <Anchor href={downloadUrl(withQuery('/network/directory/export.csv', filters))} download>
          {t('directory.exportCsv')}
        </Anchor>
        <Anchor href={downloadUrl(withQuery('/network/directory/export.xlsx', filters))} download>
          {t('directory.exportXlsx')}
        </Anchor>
      </Group>
      <FormErrors error={directory.error ?? null} />
      <DataTable
        caption={t('directory.title')}
        loading={directory.loading}
        rows={directory.data?.items ?? []}
        rowKey={(e) => e.membershipId}
        paging={directory.data ? { limit: LIMIT, offset, total: directory.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          {
            key: 'name',
            header: t('directory.organisation'),
            render: (e) => (
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {localName(e)} {e.acronym ? `(${e.acronym})` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`types.${e.type}`, { defaultValue: e.type })}
                  {e.sector ? ` · ${e.sector}` : ''}
                </Text>
              </Stack>
            ),
          },
          { key: 'role', header: t('directory.role'), render: (e) => t(`roles.${e.role}`) },
          {
            key: 'focal',
            header: t('directory.focalPoints'),
            render: (e) => (
              <Stack gap={0}>
                <Text size="sm">{e.focalPoint?.displayName ?? '—'}</Text>
                {e.alternate && <Text size="xs">{t('directory.alternateNamed', { name: e.alternate.displayName })}</Text>}
              </Stack>
            ),
          },
          { key: 'gcm', header: t('directory.gcmObjectives'), render: (e) => <GcmBadges objectives={e.gcmObjectives} /> },
          { key: 'provinces', header: t('directory.provinces'), render: (e) => e.provinces.map((p) => t(`provinces.${p}`, { defaultValue: p })).join(', ') },
          { key: 'period', header: t('directory.period'), render: (e) => (e.leftOn ? t('directory.fromTo', { from: formatDate(e.joinedOn), to: formatDate(e.leftOn) }) : t('directory.since', { from: formatDate(e.joinedOn) })) },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  header: <span className="visually-hidden">{t('actions.label', { ns: 'common' })}</span>,
                  render: (e: DirectoryEntry) => (
                    <Button size="xs" variant="default" onClick={() => setEditing(e)} aria-label={t('directory.editNamed', { name: localName(e) })}>
                      {t('actions.edit', { ns: 'common' })}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('directory.add') : t('directory.edit')} size="lg">
        {editing !== null && (
          <MembershipForm
            entry={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              directory.reload();
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}
