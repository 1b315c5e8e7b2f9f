import { Alert, Anchor, Badge, Button, Checkbox, Code, FileInput, Group, MultiSelect, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { lazy, Suspense, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { HTCDS } from '../../../common/htcds';
import { SERVICE_TYPES } from '../../../common/organisations';
import { Permission } from '../../../common/permissions';
import { RISK_LEVELS, SCREENING_INDICATORS, SCREENING_OUTCOMES, SHARED_FIELDS } from '../../../common/schemas/protection';
import { api, ApiError, downloadUrl, withQuery } from '../../app/api';
import { AppModal } from '../../app/components/AppModal';
import { DataTable } from '../../app/components/DataTable';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';
import { useSession } from '../../app/session';
import { SharedData } from './SharedData';
import { PERSON_FIELD_NAMES, PersonFields, personBody, personDraft, useCountryName, useCountryOptions } from './PersonFields';
import { formatDate, StatusBadge, useOrganisationNames, type CaseDetail, type ReferralDetail } from './shared';

// The map and its country shapes are a chunk of their own, fetched only when the journey tab opens.
const JourneyMap = lazy(() => import('./JourneyMap'));

type Reload = () => void;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="35%">{label}</Table.Th>
      <Table.Td>{children ?? '—'}</Table.Td>
    </Table.Tr>
  );
}

function PersonDetails({ p }: { p: CaseDetail['person'] }) {
  const { t } = useTranslation('protection');
  const countryName = useCountryName();
  const list = (values: string[], prefix: string) => (values.length ? values.map((v) => t(`${prefix}.${v}`, { defaultValue: v })).join(', ') : null);
  const one = (value: string | null, prefix: string) => (value ? t(`${prefix}.${value}`, { defaultValue: value }) : null);
  // The state is free text; when it holds a province code (as the demo data does), show the province's name.
  const state = p.address?.state ? t(`provinces.${p.address.state}`, { defaultValue: p.address.state }) : null;
  const address = p.address ? [p.address.street, p.address.city, state, p.address.country && countryName(p.address.country)].filter(Boolean).join(', ') : null;
  return (
    <Table withTableBorder>
      <Table.Caption className="visually-hidden">{t('tabs.person')}</Table.Caption>
      <Table.Tbody>
        <Field label={t('person.firstName')}>{p.firstName}</Field>
        <Field label={t('person.middleName')}>{p.middleName}</Field>
        <Field label={t('person.secondName')}>{p.secondName}</Field>
        <Field label={p.guardianRelation === 'husband' ? t('person.husbandName') : t('person.fatherName')}>{p.guardianName}</Field>
        <Field label={t('person.identityNumber')}>{p.identityNumber}</Field>
        <Field label={t('person.birthDate')}>{p.birthDate ? formatDate(p.birthDate) : p.birthYear ? t(p.ageEstimated ? 'person.aboutYear' : 'person.inYear', { year: p.birthYear }) : null}</Field>
        <Field label={t('person.gender')}>{t(`gender.${p.gender}`)}</Field>
        <Field label={t('person.maritalStatus')}>{one(p.maritalStatus, 'maritalStatus')}</Field>
        <Field label={t('person.citizenship')}>{p.citizenship.map(countryName).join(', ') || null}</Field>
        <Field label={t('fields.languages')}>{[p.primaryLanguage, p.secondaryLanguage].filter((l) => l !== null).map((l) => t(`language.${l}`, { defaultValue: l })).join(', ') || null}</Field>
        <Field label={t('person.phone')}>{p.phone}</Field>
        <Field label={t('person.email')}>{p.email}</Field>
        <Field label={t('fields.address')}>{address || null}</Field>
        <Field label={t('person.migrationStatus')}>{t(`migration.${p.migrationStatus}`)}</Field>
        <Field label={t('person.traffickingStatus')}>{one(p.traffickingStatus, 'trafficking')}</Field>
        <Field label={t('person.traffickingStatusDecidedBy')}>{one(p.traffickingStatusDecidedBy, 'decidedBy')}</Field>
        <Field label={t('person.exploitationTypes')}>{list(p.exploitationTypes, 'exploitation')}</Field>
        <Field label={t('person.forcedLabourIndustry')}>{one(p.forcedLabourIndustry, 'industry')}</Field>
        <Field label={t('person.recruitmentMethods')}>{list(p.recruitmentMethods, 'recruitment')}</Field>
        <Field label={t('person.methodsOfControl')}>{list(p.methodsOfControl, 'control')}</Field>
        <Field label={t('person.relationshipToTrafficker')}>{one(p.relationshipToTrafficker, 'relationship')}</Field>
        <Field label={t('person.ageWhenTrafficked')}>{p.ageWhenTrafficked}</Field>
        <Field label={t('person.vulnerabilities')}>{list(p.vulnerabilities, 'vulnerability')}</Field>
        <Field label={t('person.perpetratorRoles')}>{list(p.perpetratorRoles, 'perpetratorRole')}</Field>
        <Field label={t('person.perpetratorDetails')}>{p.perpetratorDetails}</Field>
      </Table.Tbody>
    </Table>
  );
}

/** The whole person, sent with the case version: a stale version answers 409 and the caller reloads the case. */
function PersonForm({ c, conflict, onSaved, onConflict }: { c: CaseDetail; conflict: boolean; onSaved: (next: CaseDetail) => void; onConflict: () => void }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const [person, setPerson] = useState(() => personDraft(c.person));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() =>
      api.put<CaseDetail>(`/protection/cases/${c.id}/person`, { ...personBody(person), version: c.version }).catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 409) onConflict();
        throw failure;
      }),
    );
    if (saved) onSaved(saved);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {conflict && (
          <Alert color="red.9" variant="outline" title={t('person.conflictTitle')} role="alert">
            {t('person.conflict')}
          </Alert>
        )}
        {/* The conflict has its own message above; the generic one would repeat it. */}
        <FormErrors error={form.error?.status === 409 ? null : form.error} fields={PERSON_FIELD_NAMES} />
        <PersonFields value={person} onChange={setPerson} fieldError={form.fieldError} caseId={c.id} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>{t('actions.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function PersonTab({ c, canWrite, onSaved, reload }: { c: CaseDetail; canWrite: boolean; onSaved: (next: CaseDetail) => void; reload: Reload }) {
  const { t } = useTranslation('protection');
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);
  const close = () => { setEditing(false); setConflict(false); };
  return (
    <Stack>
      {canWrite && (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setEditing(true)}>{t('person.edit')}</Button>
        </Group>
      )}
      <PersonDetails p={c.person} />
      <AppModal opened={editing} onClose={close} title={t('person.editTitle')} size="lg">
        {/* Keyed by version: after a conflict the reloaded case refills the form with the current person. */}
        <PersonForm
          key={c.version}
          c={c}
          conflict={conflict}
          onConflict={() => { setConflict(true); reload(); }}
          onSaved={(next) => {
            close();
            onSaved(next);
            notifications.show({ color: 'hamsafar', message: t('person.saved'), closeButtonProps: { 'aria-label': t('actions.close', { ns: 'common' }) } });
          }}
        />
      </AppModal>
    </Stack>
  );
}

function ScreeningTab({ c, onSaved }: { c: CaseDetail; onSaved: (next: CaseDetail) => void }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const [indicators, setIndicators] = useState<string[]>(c.screening?.indicators ?? []);
  const [outcome, setOutcome] = useState<string | null>(c.screening?.outcome ?? null);
  const [notes, setNotes] = useState(c.screening?.notes ?? '');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.put<CaseDetail>(`/protection/cases/${c.id}/screening`, { version: c.version, indicators, outcome, notes: notes || null }));
    if (saved) onSaved(saved);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['outcome', 'indicators', 'notes']} />
        <Checkbox.Group label={t('screening.indicators')} value={indicators} onChange={setIndicators}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            {SCREENING_INDICATORS.map((i) => <Checkbox key={i} value={i} label={t(`indicators.${i}`)} />)}
          </SimpleGrid>
        </Checkbox.Group>
        <Select label={t('screening.outcome')} required data={SCREENING_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} value={outcome} onChange={setOutcome} error={form.fieldError('outcome')} />
        <Textarea label={t('screening.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
        <Group justify="flex-end"><Button type="submit" loading={form.busy}>{t('actions.save')}</Button></Group>
      </Stack>
    </form>
  );
}

function AssessmentTab({ c, onSaved }: { c: CaseDetail; onSaved: (next: CaseDetail) => void }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const [needs, setNeeds] = useState<string[]>(c.assessment?.needs ?? []);
  const [priority, setPriority] = useState<string | null>(c.assessment?.priority ?? 'medium');
  const [notes, setNotes] = useState(c.assessment?.notes ?? '');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.put<CaseDetail>(`/protection/cases/${c.id}/assessment`, { version: c.version, needs, priority, notes: notes || null }));
    if (saved) onSaved(saved);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrors error={form.error} fields={['needs', 'priority']} />
        <MultiSelect label={t('assessment.needs')} data={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))} value={needs} onChange={setNeeds} />
        <Select label={t('assessment.priority')} data={['low', 'medium', 'high'].map((p) => ({ value: p, label: t(`risk.${p}`) }))} value={priority} onChange={setPriority} />
        <Textarea label={t('assessment.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
        <Group justify="flex-end"><Button type="submit" loading={form.busy}>{t('actions.save')}</Button></Group>
      </Stack>
    </form>
  );
}

function PlanTab({ c, reload }: { c: CaseDetail; reload: Reload }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const [type, setType] = useState<string | null>(null);
  const [objectives, setObjectives] = useState('');
  const [plannedEndDate, setEnd] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.post(`/protection/cases/${c.id}/support-plans`, { type, objectives, plannedEndDate: plannedEndDate || null }));
    if (saved) { setObjectives(''); reload(); }
  }
  return (
    <Stack>
      <DataTable caption={t('tabs.plan')} rows={c.supportPlans} rowKey={(p) => p.id} columns={[
        { key: 'type', header: t('plan.type'), render: (p) => t(`planType.${p.type}`) },
        { key: 'objectives', header: t('plan.objectives'), render: (p) => p.objectives },
        { key: 'end', header: t('plan.plannedEnd'), render: (p) => formatDate(p.plannedEndDate) },
      ]} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3}>{t('plan.add')}</Title>
          <FormErrors error={form.error} fields={['type', 'objectives', 'plannedEndDate']} />
          <Select label={t('plan.type')} required data={HTCDS.spl_Type.map((s) => ({ value: s, label: t(`planType.${s}`) }))} value={type} onChange={setType} error={form.fieldError('type')} />
          <Textarea label={t('plan.objectives')} required value={objectives} onChange={(e) => setObjectives(e.currentTarget.value)} error={form.fieldError('objectives')} />
          <TextInput type="date" label={t('plan.plannedEnd')} value={plannedEndDate} onChange={(e) => setEnd(e.currentTarget.value)} />
          <Group justify="flex-end"><Button type="submit" loading={form.busy}>{t('actions.add')}</Button></Group>
        </Stack>
      </form>
    </Stack>
  );
}

function ServicesTab({ c, reload }: { c: CaseDetail; reload: Reload }) {
  const { t } = useTranslation('protection');
  const orgName = useOrganisationNames();
  const form = useFormErrors();
  const [serviceType, setServiceType] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>('planned');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await form.run(() => api.post(`/protection/cases/${c.id}/services`, { serviceType, status }))) reload();
  }
  return (
    <Stack>
      <DataTable caption={t('tabs.services')} rows={c.services} rowKey={(s) => s.id} columns={[
        { key: 'type', header: t('referral.service'), render: (s) => t(`services.${s.serviceType}`) },
        { key: 'provider', header: t('service.provider'), render: (s) => orgName(s.providerOrganisationId) },
        { key: 'status', header: t('case.status'), render: (s) => t(`serviceStatus.${s.status}`) },
      ]} />
      <form onSubmit={submit} noValidate>
        <Group align="flex-end">
          <Select label={t('referral.service')} required data={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))} value={serviceType} onChange={setServiceType} error={form.fieldError('serviceType')} />
          <Select label={t('case.status')} data={['planned', 'in_progress', 'delivered', 'cancelled'].map((s) => ({ value: s, label: t(`serviceStatus.${s}`) }))} value={status} onChange={setStatus} />
          <Button type="submit" loading={form.busy}>{t('actions.add')}</Button>
        </Group>
      </form>
    </Stack>
  );
}

interface Preview {
  sharedFields: string[];
  refusedFields: Array<{ field: string; reason: string }>;
  data: Record<string, unknown>;
  dueAt: string;
}

function ReferralForm({ c, onSent }: { c: CaseDetail; onSent: (referralId: string) => void }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const [serviceType, setServiceType] = useState<string | null>(null);
  const [outside, setOutside] = useState(false);
  const [receivingOrganisationId, setReceiver] = useState<string | null>(null);
  const [outsideName, setOutsideName] = useState('');
  const [sharedFields, setSharedFields] = useState<string[]>([]);
  const [urgent, setUrgent] = useState(false);
  const [message, setMessage] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [password, setPassword] = useState<{ password: string; filename: string; href: string } | null>(null);
  const targets = useApiQuery<{ items: Array<{ id: string; nameEn: string; nameUr: string; acronym: string | null }> }>(serviceType ? withQuery('/protection/referral-targets', { serviceType }) : null);
  const body = () => ({
    receivingOrganisationId: outside ? null : receivingOrganisationId,
    outsideOrganisationName: outside ? outsideName : null,
    serviceType,
    urgent,
    sharedFields,
    message: message || null,
  });
  async function showPreview() {
    const answer = await form.run(() => api.post<Preview>(`/protection/cases/${c.id}/referrals/preview`, body()));
    setPreview(answer ?? null);
  }
  async function send(event: FormEvent) {
    event.preventDefault();
    const sent = await form.run(() => api.post<{ referral: ReferralDetail; outsideDelivery: { password: string; filename: string; contentBase64: string } | null }>(`/protection/cases/${c.id}/referrals`, body()));
    if (!sent) return;
    notifications.show({ color: 'hamsafar', message: t('referral.sent') });
    setPreview(null);
    // A fresh form, so the next referral is not sent with this one's choices by mistake.
    setServiceType(null); setOutside(false); setReceiver(null); setOutsideName(''); setSharedFields([]); setUrgent(false); setMessage('');
    if (sent.outsideDelivery) {
      const bytes = Uint8Array.from(atob(sent.outsideDelivery.contentBase64), (ch) => ch.charCodeAt(0));
      setPassword({ password: sent.outsideDelivery.password, filename: sent.outsideDelivery.filename, href: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })) });
    }
    onSent(sent.referral.id);
  }
  return (
    <form onSubmit={send} noValidate>
      <Stack>
        <Title order={3}>{t('referral.new')}</Title>
        <FormErrors error={form.error} fields={['serviceType', 'receivingOrganisationId', 'outsideOrganisationName', 'sharedFields']} />
        <Select label={t('referral.service')} required data={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))} value={serviceType} onChange={(v) => { setServiceType(v); setPreview(null); }} error={form.fieldError('serviceType')} />
        <Checkbox label={t('referral.outside')} checked={outside} onChange={(e) => { setOutside(e.currentTarget.checked); setPreview(null); }} />
        {outside ? (
          <TextInput label={t('referral.outsideName')} required value={outsideName} onChange={(e) => setOutsideName(e.currentTarget.value)} error={form.fieldError('outsideOrganisationName')} />
        ) : (
          <Select label={t('referral.receiver')} required data={(targets.data?.items ?? []).map((o) => ({ value: o.id, label: localName(o) }))} value={receivingOrganisationId} onChange={(v) => { setReceiver(v); setPreview(null); }} error={form.fieldError('receivingOrganisationId')} />
        )}
        <Checkbox.Group label={t('referral.sharedFields')} required value={sharedFields} onChange={(v) => { setSharedFields(v); setPreview(null); }} error={form.fieldError('sharedFields')}>
          <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs">
            {SHARED_FIELDS.map((f) => <Checkbox key={f} value={f} label={t(`fields.${f}`)} />)}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox label={t('referral.urgent')} checked={urgent} onChange={(e) => setUrgent(e.currentTarget.checked)} />
        <Textarea label={t('referral.message')} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={showPreview} loading={form.busy}>{t('referral.preview')}</Button>
          <Button type="submit" disabled={!preview || preview.refusedFields.length > 0} loading={form.busy}>{t('referral.send')}</Button>
        </Group>
        {preview && (
          <Alert color="blue.9" variant="outline" title={t('referral.previewTitle')} data-testid="referral-preview">
            <Text size="sm">{t('referral.willShare', { fields: preview.sharedFields.map((f) => t(`fields.${f}`)).join(', ') || '—' })}</Text>
            {preview.refusedFields.map((f) => (
              <Text key={f.field} size="sm" c="red.9">{t('referral.refused', { field: t(`fields.${f.field}`) })}</Text>
            ))}
            <SharedData data={preview.data} />
            <Text size="sm">{t('referral.dueAt', { date: formatDate(preview.dueAt) })}</Text>
          </Alert>
        )}
        {password && (
          <Alert color="orange.9" variant="outline" title={t('referral.passwordTitle')} role="alert">
            <Text size="sm">{t('referral.passwordOnce')}</Text>
            <Code data-testid="outside-password">{password.password}</Code>
            <Anchor href={password.href} download={password.filename} display="block" mt="xs">{t('referral.downloadPdf')}</Anchor>
          </Alert>
        )}
      </Stack>
    </form>
  );
}

function ReferralsTab({ c, canWrite }: { c: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation('protection');
  const orgName = useOrganisationNames();
  const { data, reload } = useApiQuery<{ items: ReferralDetail[] }>(`/protection/cases/${c.id}/referrals`);
  const [sentId, setSentId] = useState<string | null>(null);
  return (
    <Stack>
      <DataTable caption={t('tabs.referrals')} rows={data?.items ?? []} rowKey={(r) => r.id} columns={[
        {
          key: 'service',
          header: t('referral.service'),
          render: (r) => (
            <Group gap="xs">
              <Anchor component={Link} to={`/protection/referrals/${r.id}`}>{t(`services.${r.serviceType}`)}</Anchor>
              {r.id === sentId && <Badge color="hamsafar" data-testid="just-sent">{t('referral.justSent')}</Badge>}
            </Group>
          ),
        },
        { key: 'to', header: t('referral.to'), render: (r) => r.outsideOrganisationName ?? orgName(r.receivingOrganisationId) },
        { key: 'status', header: t('referral.status'), render: (r) => <StatusBadge status={r.status} /> },
        { key: 'due', header: t('referral.due'), render: (r) => (r.overdue ? <Badge color="red.9">{t('referral.overdue')}</Badge> : formatDate(r.dueAt)) },
      ]} />
      {canWrite && <ReferralForm c={c} onSent={(id) => { setSentId(id); reload(); }} />}
    </Stack>
  );
}

function NotesTab({ c, canWrite }: { c: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const [body, setBody] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { data, reload } = useApiQuery<{ items: Array<{ id: string; authorName: string | null; body: string | null; fileId: string | null; createdAt: string }> }>(`/protection/cases/${c.id}/notes`);
  async function attach(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const data = new FormData();
    data.append('file', file);
    if (await form.run(() => api.upload(`/protection/cases/${c.id}/attachments`, data))) { setFile(null); reload(); }
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await form.run(() => api.post(`/protection/cases/${c.id}/notes`, { body }))) { setBody(''); reload(); }
  }
  return (
    <Stack>
      {canWrite && (
        <form onSubmit={submit} noValidate>
          <FormErrors error={form.error} fields={['body']} />
          <Textarea label={t('notes.new')} required value={body} onChange={(e) => setBody(e.currentTarget.value)} error={form.fieldError('body')} />
          <Group justify="flex-end" mt="xs"><Button type="submit" loading={form.busy}>{t('actions.add')}</Button></Group>
        </form>
      )}
      {canWrite && (
        <form onSubmit={attach} noValidate>
          <Group align="flex-end">
            <FileInput label={t('notes.attachment')} description={t('notes.attachmentHelp')} value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('notes.clearFile') }} error={form.fieldError('file')} />
            <Button type="submit" variant="default" disabled={!file} loading={form.busy}>{t('notes.attach')}</Button>
          </Group>
        </form>
      )}
      {(data?.items ?? []).map((n) => (
        <div key={n.id}>
          <Text size="xs" c="dimmed">{n.authorName ?? '—'} · {n.createdAt.slice(0, 16).replace('T', ' ')}</Text>
          {n.fileId ? (
            <Anchor href={downloadUrl(`/protection/cases/${c.id}/attachments/${n.fileId}`)}>{t('notes.download', { name: n.body ?? '' })}</Anchor>
          ) : (
            <Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
          )}
        </div>
      ))}
    </Stack>
  );
}

export interface JourneyEventView {
  id: string;
  type: string;
  country: string;
  city: string | null;
  date: string | null;
  description: string | null;
}

function JourneyTab({ c, canWrite }: { c: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation('protection');
  const form = useFormErrors();
  const { data, reload } = useApiQuery<{ items: JourneyEventView[] }>(`/protection/cases/${c.id}/journey`);
  const [type, setType] = useState<string | null>('Transit');
  const [country, setCountry] = useState<string | null>(null);
  const countries = useCountryOptions();
  const countryName = useCountryName();
  const [city, setCity] = useState('');
  const [date, setDate] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await form.run(() => api.post(`/protection/cases/${c.id}/journey`, { type, country, city: city || null, date: date || null }))) { setCountry(null); setCity(''); reload(); }
  }
  const events = data?.items ?? [];
  return (
    <Stack>
      <Suspense fallback={<Text role="status">{t('journey.loadingMap')}</Text>}>
        <JourneyMap events={events} label={t('journey.mapLabel', { route: events.map((e) => countryName(e.country)).join(' → ') })} />
      </Suspense>
      <DataTable caption={t('tabs.journey')} rows={events} rowKey={(e) => e.id} columns={[
        { key: 'date', header: t('journey.date'), render: (e) => formatDate(e.date) },
        { key: 'type', header: t('journey.type'), render: (e) => t(`journeyType.${e.type}`) },
        { key: 'place', header: t('journey.place'), render: (e) => [e.city, countryName(e.country)].filter(Boolean).join(', ') },
      ]} />
      {canWrite && (
        <form onSubmit={submit} noValidate>
          <FormErrors error={form.error} fields={['type', 'country', 'city', 'date']} />
          <Group align="flex-end">
            <Select label={t('journey.type')} data={HTCDS.hte_Type.map((v) => ({ value: v, label: t(`journeyType.${v}`) }))} value={type} onChange={setType} />
            <Select label={t('journey.country')} data={countries} searchable clearable value={country} onChange={setCountry} nothingFoundMessage={t('journey.noCountry')} error={form.fieldError('country')} />
            <TextInput label={t('journey.city')} value={city} onChange={(e) => setCity(e.currentTarget.value)} />
            <TextInput type="date" label={t('journey.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
            <Button type="submit" loading={form.busy}>{t('actions.add')}</Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function ConsentTab({ c, canWrite, reload }: { c: CaseDetail; canWrite: boolean; reload: Reload }) {
  const { t } = useTranslation('protection');
  const orgName = useOrganisationNames();
  const form = useFormErrors();
  const [purpose, setPurpose] = useState<string | null>('sharing');
  const [sharedFields, setSharedFields] = useState<string[]>(['name', 'gender', 'needs']);
  async function add(event: FormEvent) {
    event.preventDefault();
    const today = new Date().toISOString().slice(0, 10);
    if (await form.run(() => api.post(`/protection/cases/${c.id}/consents`, { purpose, sharedFields: purpose === 'sharing' ? sharedFields : [], givenOn: today }))) reload();
  }
  async function withdraw(id: string) {
    if (await form.run(() => api.post(`/protection/cases/${c.id}/consents/${id}/withdraw`))) {
      notifications.show({ color: 'hamsafar', message: t('consent.withdrawnNotice') });
      reload();
    }
  }
  return (
    <Stack>
      <FormErrors error={form.error} fields={['purpose', 'sharedFields']} />
      <DataTable caption={t('tabs.consent')} rows={c.consents} rowKey={(x) => x.id} columns={[
        { key: 'purpose', header: t('consent.purposeLabel'), render: (x) => t(`consent.purpose.${x.purpose}`) },
        { key: 'org', header: t('consent.organisation'), render: (x) => (x.purpose === 'sharing' ? (x.organisationId ? orgName(x.organisationId) : t('consent.anyOrganisation')) : '—') },
        { key: 'fields', header: t('consent.sharedFields'), render: (x) => x.sharedFields.map((f) => t(`fields.${f}`)).join(', ') || '—' },
        { key: 'given', header: t('consent.givenOn'), render: (x) => x.givenOn },
        {
          key: 'state',
          header: t('consent.state'),
          render: (x) =>
            x.withdrawnAt ? (
              <Badge variant="outline" color="gray.8">{t('consent.withdrawnOn', { date: formatDate(x.withdrawnAt) })}</Badge>
            ) : canWrite ? (
              <Button size="xs" variant="outline" color="red.9" onClick={() => withdraw(x.id)} aria-label={t('consent.withdrawLabel', { purpose: t(`consent.purpose.${x.purpose}`) })}>
                {t('consent.withdraw')}
              </Button>
            ) : (
              t('consent.active')
            ),
        },
      ]} />
      {canWrite && (
        <form onSubmit={add} noValidate>
          <Group align="flex-end">
            <Select label={t('consent.purposeLabel')} data={['services', 'sharing', 'statistics'].map((p) => ({ value: p, label: t(`consent.purpose.${p}`) }))} value={purpose} onChange={setPurpose} />
            {purpose === 'sharing' && <MultiSelect label={t('consent.sharedFields')} data={SHARED_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }))} value={sharedFields} onChange={setSharedFields} />}
            <Button type="submit" loading={form.busy}>{t('consent.record')}</Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function HistoryTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('protection');
  const { data } = useApiQuery<{ items: Array<{ seq: number; at: string; actorName: string | null; action: string; fields: string[] }> }>(`/protection/cases/${c.id}/history`);
  return (
    <DataTable caption={t('tabs.history')} rows={data?.items ?? []} rowKey={(h) => String(h.seq)} columns={[
      { key: 'at', header: t('history.at'), render: (h) => h.at.slice(0, 16).replace('T', ' ') },
      { key: 'who', header: t('history.who'), render: (h) => h.actorName ?? t('history.system') },
      { key: 'action', header: t('history.action'), render: (h) => h.action },
      { key: 'fields', header: t('history.fields'), render: (h) => h.fields.join(', ') },
    ]} />
  );
}

/** Status and risk of the case, and its closure: the edits most likely to collide, so a 409 is shown here. */
function CaseHeader({ c, onSaved, canWrite }: { c: CaseDetail; onSaved: (next: CaseDetail) => void; canWrite: boolean }) {
  const { t } = useTranslation('protection');
  const session = useSession();
  const form = useFormErrors();
  const [risk, setRisk] = useState<string | null>(c.riskLevel);
  const [reason, setReason] = useState('');
  async function saveRisk(event: FormEvent) {
    event.preventDefault();
    const saved = await form.run(() => api.patch<CaseDetail>(`/protection/cases/${c.id}`, { version: c.version, riskLevel: risk }));
    if (saved) { onSaved(saved); notifications.show({ color: 'hamsafar', message: t('case.saved') }); }
  }
  async function requestClosure() {
    const saved = await form.run(() => api.post<CaseDetail>(`/protection/cases/${c.id}/closure-request`, { version: c.version, reason }));
    if (saved) onSaved(saved);
  }
  async function decide(approve: boolean) {
    const saved = await form.run(() => api.post<CaseDetail>(`/protection/cases/${c.id}/closure-decision`, { version: c.version, approve }));
    if (saved) onSaved(saved);
  }
  return (
    <Stack mb="md">
      <Group>
        <StatusBadge status={c.status} />
        <Badge variant="outline" color="dark">{t(`stage.${c.stage}`)}</Badge>
        {c.access === 'break_glass' && <Badge color="red.9">{t('breakGlass.active')}</Badge>}
        {session.hasPermission(Permission.ProtectionExportCasePdf) && c.access === 'owner' && (
          <Anchor href={downloadUrl(`/protection/cases/${c.id}/export.pdf`)}>{t('case.exportPdf')}</Anchor>
        )}
      </Group>
      <FormErrors error={form.error} fields={['riskLevel', 'reason']} />
      {form.error?.status === 409 && (
        <Button variant="default" size="xs" w="fit-content" onClick={() => window.location.reload()}>{t('case.reload')}</Button>
      )}
      {canWrite && c.stage !== 'closed' && (
        <form onSubmit={saveRisk} noValidate>
          <Group align="flex-end">
            <Select label={t('case.risk')} data={RISK_LEVELS.map((r) => ({ value: r, label: t(`risk.${r}`) }))} value={risk} onChange={setRisk} />
            <Button type="submit" variant="default" loading={form.busy}>{t('case.saveRisk')}</Button>
          </Group>
        </form>
      )}
      {canWrite && !['closed', 'closure_requested'].includes(c.stage) && (
        <Group align="flex-end">
          <TextInput label={t('closure.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={form.fieldError('reason')} />
          <Button variant="default" onClick={requestClosure} disabled={!reason.trim()}>{t('closure.request')}</Button>
        </Group>
      )}
      {c.stage === 'closure_requested' && (
        <Alert color="blue.9" variant="outline" title={t('closure.waiting')}>
          <Text size="sm">{c.closure?.reason}</Text>
          {session.hasPermission(Permission.CasesClose) && (
            <Group mt="xs">
              <Button size="xs" onClick={() => decide(true)}>{t('closure.approve')}</Button>
              <Button size="xs" variant="default" onClick={() => decide(false)}>{t('closure.refuse')}</Button>
            </Group>
          )}
        </Alert>
      )}
    </Stack>
  );
}

export function CasePage() {
  const { t } = useTranslation('protection');
  const { id } = useParams();
  const session = useSession();
  const { data, error, reload } = useApiQuery<CaseDetail>(`/protection/cases/${id}`);
  const [override, setOverride] = useState<CaseDetail | null>(null);
  const c = override && data && override.id === data.id && override.version >= data.version ? override : data;
  if (error) return (<Stack><PageTitle>{t('case.title')}</PageTitle><FormErrors error={error} /></Stack>);
  if (!c) return <Text role="status">{t('loading')}</Text>;
  const canWrite = c.access !== 'break_glass' && session.hasPermission(Permission.CasesWrite) && !c.anonymised;
  const refresh = () => { setOverride(null); reload(); };
  return (
    <Stack>
      <PageTitle>{t('case.heading', { reference: c.reference })}</PageTitle>
      <CaseHeader key={c.version} c={c} onSaved={setOverride} canWrite={canWrite} />
      <Tabs defaultValue="person" keepMounted={false}>
        <Tabs.List>
          {['person', 'screening', 'assessment', 'plan', 'services', 'referrals', 'notes', 'journey', 'consent', 'history'].map((tab) => (
            <Tabs.Tab key={tab} value={tab}>{t(`tabs.${tab}`)}</Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="person" pt="md"><PersonTab c={c} canWrite={canWrite} onSaved={setOverride} reload={refresh} /></Tabs.Panel>
        <Tabs.Panel value="screening" pt="md">{canWrite ? <ScreeningTab key={c.version} c={c} onSaved={setOverride} /> : <Text>{c.screening ? c.screening.indicators.map((i) => t(`indicators.${i}`)).join(', ') : '—'}</Text>}</Tabs.Panel>
        <Tabs.Panel value="assessment" pt="md">{canWrite ? <AssessmentTab key={c.version} c={c} onSaved={setOverride} /> : <Text>{c.assessment?.needs.map((n) => t(`services.${n}`)).join(', ') ?? '—'}</Text>}</Tabs.Panel>
        <Tabs.Panel value="plan" pt="md"><PlanTab c={c} reload={refresh} /></Tabs.Panel>
        <Tabs.Panel value="services" pt="md"><ServicesTab c={c} reload={refresh} /></Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md"><ReferralsTab c={c} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="notes" pt="md"><NotesTab c={c} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="journey" pt="md"><JourneyTab c={c} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="consent" pt="md"><ConsentTab c={c} canWrite={canWrite} reload={refresh} /></Tabs.Panel>
        <Tabs.Panel value="history" pt="md"><HistoryTab c={c} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
