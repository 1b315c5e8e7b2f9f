import { Badge, Button, Group, MultiSelect, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HTCDS_ORG_TYPES, ORGANISATION_TYPES, PK_SUBDIVISIONS, SERVICE_TYPES } from '../../../common/organisations';
import { Permission } from '../../../common/permissions';
import type { Organisation } from '../../../common/schemas/accounts';
import { api, withQuery, type Page } from '../api';
import { AppModal } from '../components/AppModal';
import { DataTable } from '../components/DataTable';
import { FormErrors, useFormErrors } from '../components/FormErrors';
import { PageTitle } from '../components/PageTitle';
import { useApiQuery } from '../components/useApiQuery';
import { localName } from '../labels';
import { useSession } from '../session';

const LIMIT = 25;

function OrganisationForm({ organisation, onDone }: { organisation: Organisation | null; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const form = useFormErrors();
  const [nameEn, setNameEn] = useState(organisation?.nameEn ?? '');
  const [nameUr, setNameUr] = useState(organisation?.nameUr ?? '');
  const [acronym, setAcronym] = useState(organisation?.acronym ?? '');
  const [type, setType] = useState<string | null>(organisation?.type ?? null);
  const [htcdsOrgType, setHtcdsOrgType] = useState<string | null>(organisation?.htcdsOrgType ?? null);
  const [province, setProvince] = useState<string | null>(organisation?.province ?? null);
  const [services, setServices] = useState<string[]>(organisation?.services ?? []);
  const [iatiOrganisationId, setIatiOrganisationId] = useState(organisation?.iatiOrganisationId ?? '');
  const [publishesToIati, setPublishesToIati] = useState(organisation?.publishesToIati ?? false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { nameEn, nameUr, acronym: acronym.trim() || null, type, htcdsOrgType, province, services, iatiOrganisationId: iatiOrganisationId.trim() || null, publishesToIati };
    const saved = await form.run(() =>
      organisation ? api.patch<Organisation>(`/admin/organisations/${organisation.id}`, { ...body, version: organisation.version }) : api.post<Organisation>('/admin/organisations', body),
    );
    if (!saved) return;
    notifications.show({ color: 'hamsafar', message: t('organisations.saved') });
    onDone();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['nameEn', 'nameUr', 'acronym', 'type', 'htcdsOrgType', 'province', 'services', 'iatiOrganisationId', 'publishesToIati']} />
        <TextInput label={t('organisations.nameEn')} required value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} error={form.fieldError('nameEn')} dir="ltr" lang="en" />
        <TextInput label={t('organisations.nameUr')} required value={nameUr} onChange={(e) => setNameUr(e.currentTarget.value)} error={form.fieldError('nameUr')} dir="rtl" lang="ur" />
        <TextInput label={t('organisations.acronym')} value={acronym} onChange={(e) => setAcronym(e.currentTarget.value)} error={form.fieldError('acronym')} />
        <Select label={t('organisations.type')} required data={ORGANISATION_TYPES.map((value) => ({ value, label: t(`organisations.types.${value}`) }))} value={type} onChange={setType} error={form.fieldError('type')} />
        <Select label={t('organisations.htcdsOrgType')} description={t('organisations.htcdsHelp')} required data={HTCDS_ORG_TYPES.map((value) => ({ value, label: t(`organisations.htcdsTypes.${value}`) }))} value={htcdsOrgType} onChange={setHtcdsOrgType} error={form.fieldError('htcdsOrgType')} />
        <Select label={t('organisations.province')} clearable data={PK_SUBDIVISIONS.map((value) => ({ value, label: t(`organisations.provinces.${value}`) }))} value={province} onChange={setProvince} error={form.fieldError('province')} />
        <MultiSelect label={t('organisations.services')} data={SERVICE_TYPES.map((value) => ({ value, label: t(`organisations.serviceTypes.${value}`) }))} value={services} onChange={setServices} error={form.fieldError('services')} />
        <TextInput label={t('organisations.iatiOrganisationId')} description={t('organisations.iatiOrganisationIdHelp')} value={iatiOrganisationId} onChange={(e) => setIatiOrganisationId(e.currentTarget.value)} error={form.fieldError('iatiOrganisationId')} dir="ltr" />
        <Switch label={t('organisations.publishesToIati')} description={t('organisations.publishesToIatiHelp')} checked={publishesToIati} onChange={(e) => setPublishesToIati(e.currentTarget.checked)} error={form.fieldError('publishesToIati')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            {t('actions.save', { ns: 'common' })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OrganisationsPage() {
  const { t } = useTranslation('admin');
  const session = useSession();
  const canManage = session.hasPermission(Permission.OrganisationsManage);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 400);
  const [type, setType] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const organisations = useApiQuery<Page<Organisation>>(withQuery('/admin/organisations', { limit: LIMIT, offset, search: debouncedSearch, type }));
  useEffect(() => setOffset(0), [debouncedSearch, type]);
  const typeOptions = ORGANISATION_TYPES.map((value) => ({ value, label: t(`organisations.types.${value}`) }));

  return (
    <Stack>
      <PageTitle actions={canManage && <Button onClick={() => setEditing('new')}>{t('organisations.create')}</Button>}>{t('organisations.title')}</PageTitle>
      <Group align="flex-end" role="search" aria-label={t('organisations.filters')}>
        <TextInput label={t('organisations.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select label={t('organisations.type')} placeholder={t('organisations.allTypes')} data={typeOptions} value={type} onChange={setType} clearable />
      </Group>
      <FormErrors error={organisations.error ?? null} />
      <DataTable
        caption={t('organisations.title')}
        loading={organisations.loading}
        rows={organisations.data?.items ?? []}
        rowKey={(org) => org.id}
        paging={organisations.data ? { limit: LIMIT, offset, total: organisations.data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          {
            key: 'name',
            header: t('organisations.name'),
            render: (org) => (
              <Group gap={4}>
                <span>{localName(org)}</span>
                {org.isDemo && (
                  <Badge variant="outline" color="dark">
                    {t('organisations.demo')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { key: 'acronym', header: t('organisations.acronym'), render: (org) => org.acronym ?? '' },
          { key: 'type', header: t('organisations.type'), render: (org) => t(`organisations.types.${org.type}`, { defaultValue: org.type }) },
          { key: 'province', header: t('organisations.province'), render: (org) => (org.province ? t(`organisations.provinces.${org.province}`, { defaultValue: org.province }) : '') },
          { key: 'services', header: t('organisations.services'), render: (org) => org.services.map((s) => t(`organisations.serviceTypes.${s}`, { defaultValue: s })).join(', ') },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  header: <span className="visually-hidden">{t('actions.label', { ns: 'common' })}</span>,
                  render: (org: Organisation) => (
                    <Button size="xs" variant="default" onClick={() => setEditing(org)} aria-label={t('organisations.editNamed', { name: localName(org) })}>
                      {t('actions.edit', { ns: 'common' })}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('organisations.create') : t('organisations.edit')} size="lg">
        {editing !== null && (
          <OrganisationForm
            organisation={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              organisations.reload();
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}
