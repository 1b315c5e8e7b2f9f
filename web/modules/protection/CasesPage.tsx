import { Anchor, Button, Checkbox, Group, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { HTCDS } from '../../../common/htcds';
import { PK_SUBDIVISIONS } from '../../../common/organisations';
import { Permission } from '../../../common/permissions';
import { SHARED_FIELDS } from '../../../common/schemas/protection';
import { api, withQuery, type Page } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { newPersonDraft, PERSON_FIELD_NAMES, PersonFields, personBody } from './PersonFields';
import type { CaseDetail, CaseSummary } from './shared';

const LIMIT = 25;

function NewCaseForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const [person, setPerson] = useState(newPersonDraft);
  const [province, setProvince] = useState<string | null>(null);
  const [consents, setConsents] = useState({ services: true, statistics: false, sharing: false });
  const [sharedFields, setSharedFields] = useState<string[]>(['name', 'gender', 'age', 'needs']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const today = new Date().toISOString().slice(0, 10);
    const created = await form.run(() =>
      api.post<CaseDetail>('/protection/cases', {
        person: personBody(person),
        province,
        consents: [
          ...(consents.services ? [{ purpose: 'services', givenOn: today }] : []),
          ...(consents.statistics ? [{ purpose: 'statistics', givenOn: today }] : []),
          ...(consents.sharing ? [{ purpose: 'sharing', sharedFields, givenOn: today }] : []),
        ],
      }),
    );
    if (created) onCreated(created.id);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={[...PERSON_FIELD_NAMES.map((f) => `person.${f}`), 'province']} />
        <PersonFields value={person} onChange={setPerson} fieldError={(field) => form.fieldError(`person.${field}`)} />
        <Select label={t('case.province')} clearable data={PK_SUBDIVISIONS.map((p) => ({ value: p, label: t(`provinces.${p}`) }))} value={province} onChange={setProvince} error={form.fieldError('province')} />
        <Checkbox label={t('consent.purpose.services')} checked={consents.services} onChange={(e) => setConsents({ ...consents, services: e.currentTarget.checked })} />
        <Checkbox label={t('consent.purpose.statistics')} checked={consents.statistics} onChange={(e) => setConsents({ ...consents, statistics: e.currentTarget.checked })} />
        <Checkbox label={t('consent.purpose.sharingAny')} checked={consents.sharing} onChange={(e) => setConsents({ ...consents, sharing: e.currentTarget.checked })} />
        {consents.sharing && (
          <MultiSelect label={t('consent.sharedFields')} data={SHARED_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }))} value={sharedFields} onChange={setSharedFields} />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>{t('case.register')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CasesPage() {
  const { t } = useTranslation('protection');
  const session = useSession();
  const navigate = useNavigate();
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [cnic, setCnic] = useState('');
  const [name, setName] = useState('');
  const [search, setSearch] = useState({ identityNumber: '', name: '' });
  const [creating, setCreating] = useState(false);
  const { data, error, loading } = useApiQuery<Page<CaseSummary>>(
    withQuery('/protection/cases', { limit: LIMIT, offset, status, identityNumber: search.identityNumber, name: search.name }),
  );
  return (
    <Stack>
      <PageTitle actions={session.hasPermission(Permission.CasesWrite) && <Button onClick={() => setCreating(true)}>{t('case.new')}</Button>}>{t('cases.title')}</PageTitle>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setSearch({ identityNumber: cnic.trim(), name: name.trim() });
        }}
      >
        <Group align="flex-end">
          <TextInput label={t('cases.searchCnic')} placeholder="#####-#######-#" value={cnic} onChange={(e) => setCnic(e.currentTarget.value)} autoComplete="off" />
          <TextInput label={t('cases.searchName')} value={name} onChange={(e) => setName(e.currentTarget.value)} autoComplete="off" />
          <Select label={t('case.status')} clearable data={HTCDS.cas_Status.map((s) => ({ value: s, label: t(`status.${s}`) }))} value={status} onChange={(v) => { setStatus(v); setOffset(0); }} />
          <Button type="submit" variant="default">{t('cases.search')}</Button>
        </Group>
      </form>
      <FormErrors error={error ?? null} />
      <DataTable
        caption={t('cases.title')}
        loading={loading}
        rows={data?.items ?? []}
        rowKey={(c) => c.id}
        paging={data ? { limit: LIMIT, offset, total: data.total, onOffsetChange: setOffset } : undefined}
        columns={[
          { key: 'ref', header: t('case.reference'), render: (c) => <Anchor component={Link} to={`/protection/cases/${c.id}`}>{c.reference}</Anchor> },
          { key: 'name', header: t('case.name'), render: (c) => c.displayName ?? '—' },
          { key: 'status', header: t('case.status'), render: (c) => t(`status.${c.status}`) },
          { key: 'stage', header: t('case.stage'), render: (c) => t(`stage.${c.stage}`) },
          { key: 'risk', header: t('case.risk'), render: (c) => t(`risk.${c.riskLevel}`) },
          { key: 'registered', header: t('case.registeredOn'), render: (c) => c.registeredOn },
        ]}
      />
      <AppModal opened={creating} onClose={() => setCreating(false)} title={t('case.new')} size="lg">
        <NewCaseForm onCreated={(id) => navigate(`/protection/cases/${id}`)} />
      </AppModal>
    </Stack>
  );
}
