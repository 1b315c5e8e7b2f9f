import { Alert, Checkbox, Fieldset, MultiSelect, NumberInput, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery, type Page } from '../../app/api';
import { HTCDS } from '../../../common/htcds';
import { countryOptions } from '../../../common/countries';
import { CNIC_PATTERN, formatCnic, MIGRATION_STATUSES, type Person } from '../../../common/schemas/protection';


/**
 * Languages people in Pakistan's migration corridors speak (ISO 639), named in the protection
 * catalogue: the browser's Intl data lacks several of them (Saraiki, Brahui, Hindko).
 */
const LANGUAGE_CODES = ['ur', 'pa', 'skr', 'ps', 'sd', 'bal', 'brh', 'hno', 'ks', 'en', 'fa', 'prs', 'ar', 'bn', 'rhg'];

/** Names an ISO 3166 country code in the reader's language. */
export function useCountryName(): (code: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' });
    return (code: string) => names.of(code) ?? code;
  }, [i18n.language]);
}

/** Every ISO 3166 country, named and sorted in the reader's language, for a searchable list. */
export function useCountryOptions() {
  const { i18n } = useTranslation();
  return useMemo(() => countryOptions(i18n.language), [i18n.language]);
}

export interface PersonDraft {
  firstName: string;
  middleName: string;
  secondName: string;
  guardianName: string;
  guardianRelation: string | null;
  identityNumber: string;
  /** Whether the exact date of birth is known, or only an (estimated) year. */
  birthKnown: 'date' | 'year';
  birthDate: string;
  birthYear: number | '';
  ageEstimated: boolean;
  gender: string | null;
  maritalStatus: string | null;
  primaryLanguage: string | null;
  secondaryLanguage: string | null;
  citizenship: string[];
  phone: string;
  email: string;
  address: { street: string; city: string; state: string; country: string | null };
  migrationStatus: string | null;
  traffickingStatus: string | null;
  traffickingStatusDecidedBy: string | null;
  exploitationTypes: string[];
  forcedLabourIndustry: string | null;
  methodsOfControl: string[];
  recruitmentMethods: string[];
  relationshipToTrafficker: string | null;
  ageWhenTrafficked: number | '';
  vulnerabilities: string[];
  perpetratorRoles: string[];
  perpetratorDetails: string;
}

/** The names the API gives field errors of a person (relative to the person), so a form can show each beside its input. */
export const PERSON_FIELD_NAMES = [
  'firstName', 'middleName', 'secondName', 'guardianName', 'guardianRelation', 'identityNumber', 'birthDate', 'birthYear',
  'ageEstimated', 'gender', 'maritalStatus', 'primaryLanguage', 'secondaryLanguage', 'citizenship', 'phone', 'email',
  'address.street', 'address.city', 'address.state', 'address.country', 'migrationStatus', 'traffickingStatus',
  'traffickingStatusDecidedBy', 'exploitationTypes', 'forcedLabourIndustry', 'methodsOfControl', 'recruitmentMethods',
  'relationshipToTrafficker', 'ageWhenTrafficked', 'vulnerabilities', 'perpetratorRoles', 'perpetratorDetails',
];

export function newPersonDraft(): PersonDraft {
  return {
    firstName: '', middleName: '', secondName: '', guardianName: '', guardianRelation: 'father', identityNumber: '',
    birthKnown: 'date', birthDate: '', birthYear: '', ageEstimated: true, gender: null, maritalStatus: null,
    primaryLanguage: null, secondaryLanguage: null, citizenship: ['PK'], phone: '', email: '',
    address: { street: '', city: '', state: '', country: null }, migrationStatus: null, traffickingStatus: null,
    traffickingStatusDecidedBy: null, exploitationTypes: [], forcedLabourIndustry: null, methodsOfControl: [],
    recruitmentMethods: [], relationshipToTrafficker: null, ageWhenTrafficked: '', vulnerabilities: [], perpetratorRoles: [],
    perpetratorDetails: '',
  };
}

/** The form's state for a person as the API answers it. */
export function personDraft(p: Person): PersonDraft {
  return {
    firstName: p.firstName ?? '',
    middleName: p.middleName ?? '',
    secondName: p.secondName ?? '',
    guardianName: p.guardianName ?? '',
    guardianRelation: p.guardianRelation ?? 'father',
    identityNumber: p.identityNumber ?? '',
    birthKnown: !p.birthDate && p.birthYear != null ? 'year' : 'date',
    birthDate: p.birthDate ?? '',
    birthYear: p.birthYear ?? '',
    // A year recorded without a date keeps its flag; otherwise a year entered later starts as an estimate.
    ageEstimated: !p.birthDate && p.birthYear != null ? p.ageEstimated : true,
    gender: p.gender,
    maritalStatus: p.maritalStatus,
    primaryLanguage: p.primaryLanguage,
    secondaryLanguage: p.secondaryLanguage,
    citizenship: p.citizenship,
    phone: p.phone ?? '',
    email: p.email ?? '',
    address: { street: p.address?.street ?? '', city: p.address?.city ?? '', state: p.address?.state ?? '', country: p.address?.country ?? null },
    migrationStatus: p.migrationStatus,
    traffickingStatus: p.traffickingStatus,
    traffickingStatusDecidedBy: p.traffickingStatusDecidedBy,
    exploitationTypes: p.exploitationTypes,
    forcedLabourIndustry: p.forcedLabourIndustry,
    methodsOfControl: p.methodsOfControl,
    recruitmentMethods: p.recruitmentMethods,
    relationshipToTrafficker: p.relationshipToTrafficker,
    ageWhenTrafficked: p.ageWhenTrafficked ?? '',
    vulnerabilities: p.vulnerabilities,
    perpetratorRoles: p.perpetratorRoles,
    perpetratorDetails: p.perpetratorDetails ?? '',
  };
}

const orNull = (text: string) => text.trim() || null;

/** The person as the API takes it: every field, since an update replaces the whole record. */
export function personBody(d: PersonDraft) {
  const address = { street: orNull(d.address.street), city: orNull(d.address.city), state: orNull(d.address.state), country: d.address.country };
  return {
    firstName: d.firstName,
    middleName: orNull(d.middleName),
    secondName: orNull(d.secondName),
    guardianName: orNull(d.guardianName),
    guardianRelation: d.guardianName.trim() ? d.guardianRelation : null,
    identityNumber: orNull(d.identityNumber),
    birthDate: d.birthKnown === 'date' ? orNull(d.birthDate) : null,
    birthYear: d.birthKnown === 'year' && d.birthYear !== '' ? d.birthYear : null,
    ageEstimated: d.birthKnown === 'year' && d.ageEstimated,
    gender: d.gender,
    maritalStatus: d.maritalStatus,
    primaryLanguage: d.primaryLanguage,
    secondaryLanguage: d.secondaryLanguage,
    citizenship: d.citizenship,
    phone: orNull(d.phone),
    email: orNull(d.email),
    address: Object.values(address).some((v) => v !== null) ? address : null,
    migrationStatus: d.migrationStatus,
    traffickingStatus: d.traffickingStatus,
    traffickingStatusDecidedBy: d.traffickingStatusDecidedBy,
    exploitationTypes: d.exploitationTypes,
    forcedLabourIndustry: d.forcedLabourIndustry,
    methodsOfControl: d.methodsOfControl,
    recruitmentMethods: d.recruitmentMethods,
    relationshipToTrafficker: d.relationshipToTrafficker,
    ageWhenTrafficked: d.ageWhenTrafficked === '' ? null : d.ageWhenTrafficked,
    vulnerabilities: d.vulnerabilities,
    perpetratorRoles: d.perpetratorRoles,
    perpetratorDetails: orNull(d.perpetratorDetails),
  };
}

const asNumber = (value: number | string): number | '' => (typeof value === 'number' ? value : '');

type ChoiceKey = 'guardianRelation' | 'gender' | 'maritalStatus' | 'migrationStatus' | 'traffickingStatus' | 'traffickingStatusDecidedBy' | 'forcedLabourIndustry' | 'relationshipToTrafficker';
type ChoicesKey = 'exploitationTypes' | 'recruitmentMethods' | 'methodsOfControl' | 'vulnerabilities' | 'perpetratorRoles';

interface PersonFieldsProps {
  value: PersonDraft;
  onChange: (next: PersonDraft) => void;
  /** The server's message for a person field, named as in PERSON_FIELD_NAMES. */
  fieldError: (field: string) => React.ReactNode;
  /** The case being edited, so its own CNIC is not reported as a match. */
  caseId?: string;
}

/**
 * References of the other cases the user may read whose CNIC is this one, looked up through the
 * blind index of the case search: a warning only, the same person may have two cases.
 */
function useCnicMatches(cnic: string, caseId: string | undefined): string[] {
  const [matches, setMatches] = useState<string[]>([]);
  useEffect(() => {
    if (!CNIC_PATTERN.test(cnic)) { setMatches([]); return; }
    let current = true;
    api.get<Page<{ id: string; reference: string }>>(withQuery('/protection/cases', { identityNumber: cnic, limit: 5 }))
      .then((page) => { if (current) setMatches(page.items.filter((c) => c.id !== caseId).map((c) => c.reference)); })
      .catch(() => { if (current) setMatches([]); });
    return () => { current = false; };
  }, [cnic, caseId]);
  return matches;
}

/** Every field of a person, in the value lists of HTCDS: the case registration form and the person edit form share it. */
export function PersonFields({ value: d, onChange, fieldError, caseId }: PersonFieldsProps) {
  const { t } = useTranslation('protection');
  const set = <K extends keyof PersonDraft>(key: K, next: PersonDraft[K]) => onChange({ ...d, [key]: next });
  const text = (key: 'firstName' | 'middleName' | 'secondName' | 'guardianName' | 'phone' | 'email' | 'perpetratorDetails') => ({
    value: d[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
    error: fieldError(key),
  });
  const addressText = (key: 'street' | 'city' | 'state') => ({
    label: t(`person.address.${key}`),
    value: d.address[key],
    onChange: (e: { currentTarget: { value: string } }) => set('address', { ...d.address, [key]: e.currentTarget.value }),
    error: fieldError(`address.${key}`),
  });
  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const choice = (key: ChoiceKey, values: readonly string[], prefix: string) => ({
    label: t(`person.${key}`),
    data: options(values, prefix),
    value: d[key],
    onChange: (next: string | null) => set(key, next),
    error: fieldError(key),
    clearable: true,
  });
  const choices = (key: ChoicesKey, values: readonly string[], prefix: string) => ({
    label: t(`person.${key}`),
    data: options(values, prefix),
    value: d[key],
    onChange: (next: string[]) => set(key, next),
    error: fieldError(key),
    searchable: true,
  });

  const countries = useCountryOptions();
  // A code the person already has but the list lacks stays choosable, named by its code.
  const languageOptions = (current: string | null) =>
    [...LANGUAGE_CODES, ...(current && !LANGUAGE_CODES.includes(current) ? [current] : [])].map((code) => ({ value: code, label: t(`language.${code}`, { defaultValue: code }) }));

  const thisYear = new Date().getFullYear();
  const cnicInvalid = d.identityNumber !== '' && !CNIC_PATTERN.test(d.identityNumber.trim());
  const cnicMatches = useCnicMatches(d.identityNumber.trim(), caseId);
  return (
    <Stack>
      <Fieldset legend={t('person.sections.identity')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('person.firstName')} required autoComplete="off" {...text('firstName')} />
          <TextInput label={t('person.middleName')} autoComplete="off" {...text('middleName')} />
          <TextInput label={t('person.secondName')} autoComplete="off" {...text('secondName')} />
          <TextInput label={t('person.guardianName')} autoComplete="off" {...text('guardianName')} />
          <Select {...choice('guardianRelation', ['father', 'husband'], 'relation')} clearable={false} disabled={!d.guardianName.trim()} />
          <TextInput
            label={t('person.identityNumber')}
            // The hint is digits and dashes: an isolate keeps it left to right inside Urdu text.
            description={<>{t('person.cnicHelp')} <bdi dir="ltr">#####-#######-#</bdi></>}
            autoComplete="off"
            inputMode="numeric"
            dir="ltr"
            value={d.identityNumber}
            onChange={(e) => set('identityNumber', e.currentTarget.value)}
            onBlur={() => set('identityNumber', formatCnic(d.identityNumber.trim()))}
            error={fieldError('identityNumber') ?? (cnicInvalid ? t('person.cnicInvalid') : undefined)}
          />
          {cnicMatches.length > 0 && (
            <Alert color="red.9" variant="outline" role="status" title={t('person.duplicateCnic')}>
              <bdi dir="ltr">{cnicMatches.join(', ')}</bdi>
            </Alert>
          )}
          <Select {...choice('gender', HTCDS.prs_Gender, 'gender')} required clearable={false} />
          <Select {...choice('maritalStatus', HTCDS.prs_MaritalStatus, 'maritalStatus')} />
        </SimpleGrid>
        <Radio.Group label={t('person.birthKnown')} value={d.birthKnown} onChange={(v) => set('birthKnown', v as PersonDraft['birthKnown'])} mt="md">
          <Stack gap="xs" mt="xs">
            <Radio value="date" label={t('person.birthKnownDate')} />
            <Radio value="year" label={t('person.birthKnownYear')} />
          </Stack>
        </Radio.Group>
        {d.birthKnown === 'date' ? (
          <TextInput type="date" mt="sm" label={t('person.birthDate')} value={d.birthDate} onChange={(e) => set('birthDate', e.currentTarget.value)} error={fieldError('birthDate')} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
            <NumberInput
              label={t('person.age')}
              min={0}
              max={120}
              allowDecimal={false}
              value={d.birthYear === '' ? '' : thisYear - d.birthYear}
              onChange={(v) => set('birthYear', typeof v === 'number' ? thisYear - v : '')}
            />
            <NumberInput label={t('person.birthYear')} min={1900} max={thisYear} allowDecimal={false} value={d.birthYear} onChange={(v) => set('birthYear', asNumber(v))} error={fieldError('birthYear')} />
            <Checkbox label={t('person.ageEstimated')} checked={d.ageEstimated} onChange={(e) => set('ageEstimated', e.currentTarget.checked)} />
          </SimpleGrid>
        )}
      </Fieldset>

      <Fieldset legend={t('person.sections.contact')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect label={t('person.citizenship')} data={countries} value={d.citizenship} onChange={(v) => set('citizenship', v)} searchable maxValues={5} error={fieldError('citizenship')} />
          <Select label={t('person.primaryLanguage')} data={languageOptions(d.primaryLanguage)} value={d.primaryLanguage} onChange={(v) => set('primaryLanguage', v)} searchable clearable error={fieldError('primaryLanguage')} />
          <Select label={t('person.secondaryLanguage')} data={languageOptions(d.secondaryLanguage)} value={d.secondaryLanguage} onChange={(v) => set('secondaryLanguage', v)} searchable clearable error={fieldError('secondaryLanguage')} />
          <TextInput label={t('person.phone')} type="tel" autoComplete="off" {...text('phone')} />
          <TextInput label={t('person.email')} type="email" autoComplete="off" {...text('email')} />
          <TextInput {...addressText('street')} autoComplete="off" />
          <TextInput {...addressText('city')} autoComplete="off" />
          <TextInput {...addressText('state')} autoComplete="off" />
          <Select
            label={t('person.address.country')}
            data={countries}
            value={d.address.country}
            onChange={(v) => set('address', { ...d.address, country: v })}
            searchable
            clearable
            error={fieldError('address.country')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t('person.sections.migration')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select {...choice('migrationStatus', MIGRATION_STATUSES, 'migration')} required clearable={false} />
          <Select {...choice('traffickingStatus', HTCDS.vic_TraffickingStatus, 'trafficking')} />
          <Select {...choice('traffickingStatusDecidedBy', HTCDS.vic_TraffickingStatusDecisionMakingOrg, 'decidedBy')} />
          <MultiSelect {...choices('exploitationTypes', HTCDS.vic_TypeOfExploitation, 'exploitation')} />
          <Select {...choice('forcedLabourIndustry', HTCDS.vic_ForcedLabourIndustry, 'industry')} searchable />
          <MultiSelect {...choices('recruitmentMethods', HTCDS.vic_MethodOfRecruitment, 'recruitment')} />
          <MultiSelect {...choices('methodsOfControl', HTCDS.vic_MethodsOfControl, 'control')} />
          <Select {...choice('relationshipToTrafficker', HTCDS.vic_RelationshipToTrafficker, 'relationship')} />
          <NumberInput label={t('person.ageWhenTrafficked')} min={0} max={120} allowDecimal={false} value={d.ageWhenTrafficked} onChange={(v) => set('ageWhenTrafficked', asNumber(v))} error={fieldError('ageWhenTrafficked')} />
          <MultiSelect {...choices('vulnerabilities', HTCDS.vic_Vulnerabilities, 'vulnerability')} />
          <MultiSelect {...choices('perpetratorRoles', HTCDS.per_RoleInProcess, 'perpetratorRole')} />
        </SimpleGrid>
        <Textarea label={t('person.perpetratorDetails')} description={t('person.perpetratorDetailsHelp')} autosize minRows={2} mt="sm" {...text('perpetratorDetails')} />
      </Fieldset>
    </Stack>
  );
}
