import { Anchor, Button, Checkbox, Group, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { HTCDS } from '../../../common/htcds';
import { PK_SUBDIVISIONS } from '../../../common/organisations';
import { Permission } from '../../../common/permissions';
import { CNIC_PATTERN, MIGRATION_STATUSES, SHARED_FIELDS } from '../../../common/schemas/protection';
import { api, withQuery, type Page } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import type { CaseDetail, CaseSummary } from './shared';

const LIMIT = 25;

function NewCaseForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const [person, setPerson] = useState({ firstName: '', secondName: '', guardianName: '', identityNumber: '', birthDate: '', phone: '' });
  const [gender, setGender] = useState<string | null>(null);
  const [migrationStatus, setMigrationStatus] = useState<string | null>(null);
  const [province, setProvince] = useState<string | null>(null);
  const [exploitationTypes, setExploitation] = useState<string[]>([]);
  const [consents, setConsents] = useState({ services: true, statistics: false, sharing: false });
  const [sharedFields, setSharedFields] = useState<string[]>(['name', 'gender', 'age', 'needs']);
  const text = (key: keyof typeof person) => ({
    value: person[key],
    onChange: (e: { currentTarget: { value: string } }) => setPerson({ ...person, [key]: e.currentTarget.value }),
    error: form.fieldError(`person.${key}`),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const today = new Date().toISOString().slice(0, 10);
    const created = await form.run(() =>
      api.post<CaseDetail>('/protection/cases', {
        person: {
          firstName: person.firstName,
          secondName: person.secondName || null,
          guardianName: person.guardianName || null,
          guardianRelation: person.guardianName ? 'father' : null,
          identityNumber: person.identityNumber || null,
          birthDate: person.birthDate || null,
          phone: person.phone || null,
          gender,
          migrationStatus,
          citizenship: ['PK'],
          exploitationTypes,
        },
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

  const cnicInvalid = person.identityNumber !== '' && !CNIC_PATTERN.test(person.identityNumber);
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['person.firstName', 'person.secondName', 'person.guardianName', 'person.identityNumber', 'person.birthDate', 'person.phone', 'person.gender', 'person.migrationStatus']} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('person.firstName')} required autoComplete="off" {...text('firstName')} />
          <TextInput label={t('person.secondName')} autoComplete="off" {...text('secondName')} />
          <TextInput label={t('person.guardianName')} autoComplete="off" {...text('guardianName')} />
          <TextInput
            label={t('person.identityNumber')}
            description={t('person.cnicHelp')}
            autoComplete="off"
            {...text('identityNumber')}
            error={form.fieldError('person.identityNumber') ?? (cnicInvalid ? t('person.cnicInvalid') : undefined)}
          />
          <TextInput type="date" label={t('person.birthDate')} {...text('birthDate')} />
          <TextInput label={t('person.phone')} autoComplete="off" {...text('phone')} />
          <Select label={t('person.gender')} required data={HTCDS.prs_Gender.map((g) => ({ value: g, label: t(`gender.${g}`) }))} value={gender} onChange={setGender} error={form.fieldError('person.gender')} />
          <Select label={t('person.migrationStatus')} required data={MIGRATION_STATUSES.map((m) => ({ value: m, label: t(`migration.${m}`) }))} value={migrationStatus} onChange={setMigrationStatus} error={form.fieldError('person.migrationStatus')} />
          <Select label={t('case.province')} clearable data={PK_SUBDIVISIONS.map((p) => ({ value: p, label: t(`provinces.${p}`) }))} value={province} onChange={setProvince} />
          <MultiSelect label={t('person.exploitationTypes')} data={HTCDS.vic_TypeOfExploitation.map((v) => ({ value: v, label: t(`exploitation.${v}`) }))} value={exploitationTypes} onChange={setExploitation} />
        </SimpleGrid>
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
