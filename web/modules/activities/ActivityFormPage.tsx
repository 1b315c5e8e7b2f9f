import { Button, Checkbox, Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ACTIVITY_SECTORS, ACTIVITY_STATUSES, FUNDING_KINDS, type FigureCell } from '../../../common/activities';
import { GCM_OBJECTIVE_COUNT } from '../../../common/network';
import { Permission } from '../../../common/permissions';
import { api, type Page } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { FiguresGrid, type ActivityDetail } from './shared';

interface Unit { id: string; code: string; level: number; nameEn: string; nameUr: string | null }
interface Line { id: string; titleEn: string }
interface Programme { id: string; code: string; title: string }

/** Create or edit an activity of the user's organisation. */
export function ActivityFormPage() {
  const { t, i18n } = useTranslation('activities');
  const { id } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const form = useFormErrors();
  const existing = useApiQuery<ActivityDetail>(id ? `/activities/${id}` : null);
  const provinces = useApiQuery<Page<Unit>>(session.hasPermission(Permission.PlacesRead) ? '/places/units?level=1&limit=200' : null);
  const districts = useApiQuery<Page<Unit>>(session.hasPermission(Permission.PlacesRead) ? '/places/units?level=2&limit=200' : null);
  const lines = useApiQuery<Line[]>(session.hasPermission(Permission.WorkplanRead) ? '/network/workplan' : null);
  const programmes = useApiQuery<Page<Programme>>(session.hasPermission(Permission.FundProposalRead) ? '/fund/programmes?limit=200' : null);

  const [titleEn, setTitleEn] = useState('');
  const [titleUr, setTitleUr] = useState('');
  const [descriptionEn, setDescriptionEn] = useState('');
  const [sector, setSector] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>('planned');
  const [gcm, setGcm] = useState<string[]>([]);
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [fundingKind, setFundingKind] = useState<string | null>('own_funds');
  const [donorName, setDonorName] = useState('');
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [workplanItemId, setWorkplanItemId] = useState<string | null>(null);
  const [published, setPublished] = useState(false);
  const [targeted, setTargeted] = useState<FigureCell[]>([]);
  const [reached, setReached] = useState<FigureCell[]>([]);

  const loaded = existing.data;
  useEffect(() => {
    if (!loaded) return;
    setTitleEn(loaded.titleEn);
    setTitleUr(loaded.titleUr ?? '');
    setDescriptionEn(loaded.descriptionEn);
    setSector(loaded.sector);
    setStatus(loaded.status);
    setGcm(loaded.gcmObjectives.map(String));
    setStartsOn(loaded.startsOn);
    setEndsOn(loaded.endsOn);
    setFundingKind(loaded.fundingKind);
    setDonorName(loaded.donorName ?? '');
    setProgrammeId(loaded.fundProgrammeId);
    setUnitIds(loaded.places.map((p) => p.id));
    setWorkplanItemId(loaded.workplanItemId);
    setPublished(loaded.published);
    setTargeted(loaded.targeted.cells);
    setReached(loaded.reached.cells);
  }, [loaded]);

  if (id && !loaded) return existing.error ? <FormErrors error={existing.error} /> : <Loading />;
  const unitName = (u: Unit) => `${(i18n.language === 'ur' && u.nameUr) || u.nameEn} (${u.code})`;
  const units = [...(provinces.data?.items ?? []), ...(districts.data?.items ?? [])].map((u) => ({ value: u.id, label: unitName(u) }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      titleEn,
      titleUr: titleUr || null,
      descriptionEn,
      sector: sector ?? undefined,
      status: status ?? undefined,
      gcmObjectives: gcm.map(Number),
      startsOn,
      endsOn,
      fundingKind: fundingKind ?? undefined,
      donorName: fundingKind === 'other_donor' ? donorName || null : null,
      fundProgrammeId: fundingKind === 'mmptf' ? programmeId : null,
      unitIds,
      workplanItemId,
      published,
      targeted: { cells: targeted },
      reached: { cells: reached },
    };
    const saved = await form.run(() =>
      loaded ? api.patch<ActivityDetail>(`/activities/${loaded.id}`, { ...body, version: loaded.version }) : api.post<ActivityDetail>('/activities', { ...body, leadOrganisationId: session.user?.organisation.id }),
    );
    if (saved) navigate(`/activities/${saved.id}`);
  }

  return (
    <Stack>
      <PageTitle>{loaded ? t('form.editTitle') : t('form.newTitle')}</PageTitle>
      <form onSubmit={submit} noValidate>
        <Stack maw={900}>
          <FormErrors error={form.error} fields={['titleEn', 'titleUr', 'descriptionEn', 'sector', 'status', 'gcmObjectives', 'startsOn', 'endsOn', 'fundingKind', 'donorName', 'fundProgrammeId', 'unitIds', 'workplanItemId', 'targeted', 'reached']} />
          <TextInput label={t('fields.titleEn')} required value={titleEn} onChange={(e) => setTitleEn(e.currentTarget.value)} error={form.fieldError('titleEn')} />
          <TextInput label={t('fields.titleUr')} dir="rtl" lang="ur" value={titleUr} onChange={(e) => setTitleUr(e.currentTarget.value)} error={form.fieldError('titleUr')} />
          <Textarea label={t('fields.descriptionEn')} autosize minRows={3} value={descriptionEn} onChange={(e) => setDescriptionEn(e.currentTarget.value)} error={form.fieldError('descriptionEn')} />
          <Select label={t('fields.sector')} allowDeselect={false} required data={ACTIVITY_SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} value={sector} onChange={setSector} error={form.fieldError('sector')} />
          <MultiSelect
            label={t('fields.gcmObjectives')}
            description={t('form.gcmHint')}
            required
            maxValues={3}
            data={Array.from({ length: GCM_OBJECTIVE_COUNT }, (_, i) => ({ value: String(i + 1), label: t('form.objective', { number: i + 1 }) }))}
            value={gcm}
            onChange={setGcm}
            error={form.fieldError('gcmObjectives')}
          />
          <Group grow>
            <TextInput type="date" label={t('fields.startsOn')} required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={form.fieldError('startsOn')} />
            <TextInput type="date" label={t('fields.endsOn')} required value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={form.fieldError('endsOn')} />
          </Group>
          <Select label={t('fields.status')} allowDeselect={false} data={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} value={status} onChange={setStatus} error={form.fieldError('status')} />
          <Select label={t('fields.fundingKind')} allowDeselect={false} required data={FUNDING_KINDS.map((k) => ({ value: k, label: t(`funding.${k}`) }))} value={fundingKind} onChange={setFundingKind} error={form.fieldError('fundingKind')} />
          {fundingKind === 'other_donor' && <TextInput label={t('fields.donorName')} required value={donorName} onChange={(e) => setDonorName(e.currentTarget.value)} error={form.fieldError('donorName')} />}
          {fundingKind === 'mmptf' && (
            <Select label={t('fields.fundProgramme')} required data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))} value={programmeId} onChange={setProgrammeId} error={form.fieldError('fundProgrammeId')} />
          )}
          <MultiSelect label={t('fields.places')} searchable data={units} value={unitIds} onChange={setUnitIds} error={form.fieldError('unitIds')} />
          <Select label={t('fields.workplanLine')} clearable data={(lines.data ?? []).map((l) => ({ value: l.id, label: l.titleEn }))} value={workplanItemId} onChange={setWorkplanItemId} error={form.fieldError('workplanItemId')} />
          <FiguresGrid label={t('fields.targeted')} cells={targeted} onChange={setTargeted} error={form.fieldError('targeted')} />
          <FiguresGrid label={t('fields.reachedToDate')} cells={reached} onChange={setReached} error={form.fieldError('reached')} />
          <Checkbox label={t('fields.publishedHint')} checked={published} onChange={(e) => setPublished(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.busy}>
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
