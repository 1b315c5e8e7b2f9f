import { ActionIcon, Button, Card, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { fromCents, isAmount, percentOf, sumCents, toCents } from '../../../common/money';
import { api } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { amount, type ProgrammeDetail, type ReferenceAnswer } from './shared';

interface IndicatorState {
  id?: string;
  statement: string;
  organisationId: string;
  unit: string;
  baseline: string;
  target: string;
  meansOfVerification: string;
  disaggregation: { sex: boolean; age: boolean };
}
interface OutputState { id?: string; statement: string; indicators: IndicatorState[] }
interface OutcomeState { id?: string; statement: string; outputs: OutputState[] }
type MarkerKey = 'gender' | 'humanRights' | 'childSensitivity';

interface FormState {
  title: string;
  summary: string;
  durationMonths: number;
  startDate: string;
  conveningOrganisationId: string;
  punoIds: string[];
  directCosts: Record<string, string[]>;
  partnerOrganisationIds: string[];
  thematicAreas: string[];
  gcmObjectives: string[];
  guidingPrinciples: string[];
  sdgTargets: string[];
  provinces: string[];
  markers: Record<MarkerKey, { score: string; justification: string }>;
  outcomes: OutcomeState[];
}

/** Server field names that the form shows next to their input; any other is listed above the form. */
const SHOWN_BY_FIELD =
  /^(title|summary|durationMonths|startDate|conveningOrganisationId|participatingOrganisations|participatingOrganisations\.\d+\.directCosts\.\d+|partnerOrganisationIds|totalBudget|thematicAreas|gcmObjectives|guidingPrinciples|sdgTargets|provinces|markers\.\w+\.justification|resultsFramework\.outcomes\.\d+(\.outputs\.\d+)?\.statement|resultsFramework\.outcomes\.\d+\.outputs\.\d+\.indicators\.\d+\.(statement|organisationId|unit|baseline|target|meansOfVerification))$/;

const ZERO_COSTS = () => Array(7).fill('0.00') as string[];
const emptyIndicator = (organisationId: string): IndicatorState => ({ statement: '', organisationId, unit: '', baseline: '0.00', target: '', meansOfVerification: '', disaggregation: { sex: true, age: true } });

function blank(ownOrganisation: string): FormState {
  return {
    title: '',
    summary: '',
    durationMonths: 24,
    startDate: '',
    conveningOrganisationId: ownOrganisation,
    punoIds: [ownOrganisation],
    directCosts: { [ownOrganisation]: ZERO_COSTS() },
    partnerOrganisationIds: [],
    thematicAreas: [],
    gcmObjectives: [],
    guidingPrinciples: [],
    sdgTargets: [],
    provinces: [],
    markers: { gender: { score: '2', justification: '' }, humanRights: { score: '2', justification: '' }, childSensitivity: { score: '1', justification: '' } },
    outcomes: [{ statement: '', outputs: [{ statement: '', indicators: [emptyIndicator(ownOrganisation)] }] }],
  };
}

function fromDetail(p: ProgrammeDetail): FormState {
  return {
    title: p.title,
    summary: p.summary,
    durationMonths: p.durationMonths,
    startDate: p.startDate ?? '',
    conveningOrganisationId: p.convening.id,
    punoIds: p.punos.map((u) => u.organisation.id),
    directCosts: Object.fromEntries(p.punos.map((u) => [u.organisation.id, u.directCosts])),
    partnerOrganisationIds: p.partners.map((o) => o.id),
    thematicAreas: p.thematicAreas.map(String),
    gcmObjectives: p.gcmObjectives.map(String),
    guidingPrinciples: p.guidingPrinciples.map(String),
    sdgTargets: p.sdgTargets,
    provinces: p.provinces,
    markers: {
      gender: { score: String(p.markers.gender.score), justification: p.markers.gender.justification },
      humanRights: { score: String(p.markers.humanRights.score), justification: p.markers.humanRights.justification },
      childSensitivity: { score: String(p.markers.childSensitivity.score), justification: p.markers.childSensitivity.justification },
    },
    outcomes: p.resultsFramework.outcomes.map((o) => ({
      id: o.id,
      statement: o.statement,
      outputs: o.outputs.map((x) => ({ id: x.id, statement: x.statement, indicators: x.indicators.map(({ results: _r, latestProgress: _l, ...i }) => i) })),
    })),
  };
}

/** Direct costs, 7% indirect support costs and the total, computed exactly as the server does. */
function totals(state: FormState) {
  const perPuno = state.punoIds.map((id) => {
    const direct = sumCents((state.directCosts[id] ?? ZERO_COSTS()).map((c) => (isAmount(c.trim()) ? toCents(c.trim()) : 0n)));
    return direct + percentOf(direct, 7n);
  });
  const direct = sumCents(state.punoIds.map((id) => sumCents((state.directCosts[id] ?? ZERO_COSTS()).map((c) => (isAmount(c.trim()) ? toCents(c.trim()) : 0n)))));
  const total = sumCents(perPuno);
  return { direct: fromCents(direct), indirect: fromCents(total - direct), total: fromCents(total) };
}

/** Drafting and editing a joint programme proposal. */
export function ProposalFormPage() {
  const { t } = useTranslation('fund');
  const { id } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const reference = useApiQuery<ReferenceAnswer>('/fund/reference');
  const existing = useApiQuery<ProgrammeDetail>(id ? `/fund/programmes/${id}` : null);
  const [state, setState] = useState<FormState | null>(null);
  const form = useFormErrors();

  useEffect(() => {
    if (state) return;
    if (id && existing.data) setState(fromDetail(existing.data));
    else if (!id && session.user) setState(blank(session.user.organisation.id));
  }, [id, existing.data, session.user, state]);

  if (!reference.data || !state) return <Loading />;
  const ref = reference.data;
  const unOrganisations = ref.organisations.filter((o) => o.type === 'un_entity').map((o) => ({ value: o.id, label: o.acronym ?? o.name }));
  const otherOrganisations = ref.organisations.filter((o) => o.type !== 'un_entity').map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name }));
  const orgLabel = (orgId: string) => ref.organisations.find((o) => o.id === orgId)?.acronym ?? ref.organisations.find((o) => o.id === orgId)?.name ?? orgId;
  const set = (patch: Partial<FormState>) => setState({ ...state, ...patch });
  const sums = totals(state);
  const fieldError = form.fieldError;
  const updateOutcome = (i: number, outcome: OutcomeState) => set({ outcomes: state.outcomes.map((o, j) => (j === i ? outcome : o)) });

  const submit = async () => {
    const body = {
      title: state.title,
      summary: state.summary,
      durationMonths: state.durationMonths,
      startDate: state.startDate || null,
      conveningOrganisationId: state.conveningOrganisationId,
      participatingOrganisations: state.punoIds.map((organisationId) => ({ organisationId, directCosts: state.directCosts[organisationId] ?? ZERO_COSTS() })),
      partnerOrganisationIds: state.partnerOrganisationIds,
      thematicAreas: state.thematicAreas.map(Number),
      gcmObjectives: state.gcmObjectives.map(Number),
      guidingPrinciples: state.guidingPrinciples.map(Number),
      sdgTargets: state.sdgTargets,
      provinces: state.provinces,
      totalBudget: sums.total,
      markers: Object.fromEntries(Object.entries(state.markers).map(([k, m]) => [k, { score: Number(m.score), justification: m.justification }])),
      resultsFramework: { outcomes: state.outcomes },
    };
    const answer = await form.run(() =>
      id ? api.put<{ id: string }>(`/fund/programmes/${id}`, { ...body, version: existing.data!.version }) : api.post<{ id: string }>('/fund/programmes', body),
    );
    if (answer) navigate(`/fund/programmes/${answer.id}`);
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <PageTitle>{id ? t('proposal.editTitle') : t('proposal.newTitle')}</PageTitle>
        <FormErrors error={form.error} fields={Object.keys(form.error?.fieldErrors ?? {}).filter((f) => SHOWN_BY_FIELD.test(f))} />
        <TextInput label={t('proposal.title')} value={state.title} error={fieldError('title')} onChange={(e) => set({ title: e.currentTarget.value })} />
        <Textarea label={t('proposal.summary')} value={state.summary} error={fieldError('summary')} onChange={(e) => set({ summary: e.currentTarget.value })} autosize minRows={3} />
        <Group grow>
          <NumberInput label={t('proposal.durationMonths')} value={state.durationMonths} min={1} max={120} error={fieldError('durationMonths')} onChange={(v) => set({ durationMonths: Number(v) || 1 })} />
          <TextInput type="date" label={t('proposal.startDate')} value={state.startDate} error={fieldError('startDate')} onChange={(e) => set({ startDate: e.currentTarget.value })} />
        </Group>

        <Title order={2} size="h4">{t('proposal.partnership')}</Title>
        <Select label={t('proposal.convening')} data={unOrganisations} value={state.conveningOrganisationId} error={fieldError('conveningOrganisationId')} onChange={(v) => set({ conveningOrganisationId: v ?? '' })} allowDeselect={false} searchable />
        <MultiSelect
          label={t('proposal.punos')}
          description={t('proposal.punosHelp')}
          data={unOrganisations}
          value={state.punoIds}
          error={fieldError('participatingOrganisations')}
          searchable
          onChange={(ids) => set({ punoIds: ids, directCosts: Object.fromEntries(ids.map((x) => [x, state.directCosts[x] ?? ZERO_COSTS()])) })}
        />
        <MultiSelect label={t('proposal.partners')} description={t('proposal.partnersHelp')} data={otherOrganisations} value={state.partnerOrganisationIds} error={fieldError('partnerOrganisationIds')} searchable onChange={(v) => set({ partnerOrganisationIds: v })} />

        <Title order={2} size="h4">{t('proposal.budget')}</Title>
        {state.punoIds.map((orgId, p) => (
          <Card withBorder key={orgId}>
            <Text fw={600}>{orgLabel(orgId)}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              {(state.directCosts[orgId] ?? ZERO_COSTS()).map((value, c) => (
                <TextInput
                  key={c}
                  label={`${t(`categories.${c + 1}`)} (${orgLabel(orgId)})`}
                  value={value}
                  error={fieldError(`participatingOrganisations.${p}.directCosts.${c}`)}
                  onChange={(e) => set({ directCosts: { ...state.directCosts, [orgId]: state.directCosts[orgId].map((x, j) => (j === c ? e.currentTarget.value : x)) } })}
                />
              ))}
            </SimpleGrid>
          </Card>
        ))}
        <Text role="status" aria-live="polite">{t('proposal.totals', { direct: amount(sums.direct), indirect: amount(sums.indirect), total: amount(sums.total) })}</Text>
        {fieldError('totalBudget') && <Text c="red.9" role="alert">{fieldError('totalBudget')}</Text>}

        <Title order={2} size="h4">{t('proposal.alignment')}</Title>
        <MultiSelect label={t('proposal.thematicAreas')} data={ref.thematicAreas.map((a) => ({ value: String(a.number), label: `${a.number}. ${a.title}` }))} value={state.thematicAreas} error={fieldError('thematicAreas')} onChange={(v) => set({ thematicAreas: v })} />
        <MultiSelect label={t('proposal.gcmObjectives')} data={ref.gcmObjectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.title}` }))} value={state.gcmObjectives} error={fieldError('gcmObjectives')} searchable onChange={(v) => set({ gcmObjectives: v })} />
        <MultiSelect label={t('proposal.guidingPrinciples')} data={ref.guidingPrinciples.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.title}` }))} value={state.guidingPrinciples} error={fieldError('guidingPrinciples')} onChange={(v) => set({ guidingPrinciples: v })} />
        <MultiSelect label={t('proposal.sdgTargets')} data={ref.sdgTargets.map((s) => ({ value: s.code, label: `${s.code} ${s.title}` }))} value={state.sdgTargets} error={fieldError('sdgTargets')} onChange={(v) => set({ sdgTargets: v })} />
        <MultiSelect label={t('proposal.provinces')} data={ref.provinces.map((x) => ({ value: x.iso, label: x.name }))} value={state.provinces} error={fieldError('provinces')} onChange={(v) => set({ provinces: v })} />

        <Title order={2} size="h4">{t('proposal.markers')}</Title>
        {(['gender', 'humanRights', 'childSensitivity'] as const).map((m) => (
          <Group key={m} align="start" grow>
            <Select label={t(`proposal.marker.${m}`)} data={['0', '1', '2', '3']} value={state.markers[m].score} onChange={(v) => set({ markers: { ...state.markers, [m]: { ...state.markers[m], score: v ?? '0' } } })} allowDeselect={false} />
            <Textarea
              label={t('proposal.justification', { marker: t(`proposal.marker.${m}`) })}
              value={state.markers[m].justification}
              error={fieldError(`markers.${m}.justification`)}
              onChange={(e) => set({ markers: { ...state.markers, [m]: { ...state.markers[m], justification: e.currentTarget.value } } })}
            />
          </Group>
        ))}

        <Title order={2} size="h4">{t('proposal.resultsFramework')}</Title>
        {state.outcomes.map((outcome, o) => (
          <Card withBorder key={o}>
            <Group justify="space-between">
              <Text fw={700}>{t('results.outcomeNumber', { number: o + 1 })}</Text>
              {state.outcomes.length > 1 && <ActionIcon variant="default" aria-label={t('proposal.removeOutcome', { number: o + 1 })} onClick={() => set({ outcomes: state.outcomes.filter((_, j) => j !== o) })}>×</ActionIcon>}
            </Group>
            <TextInput label={t('proposal.outcomeStatement', { number: o + 1 })} value={outcome.statement} error={fieldError(`resultsFramework.outcomes.${o}.statement`)} onChange={(e) => updateOutcome(o, { ...outcome, statement: e.currentTarget.value })} />
            {outcome.outputs.map((output, p) => {
              const updateOutput = (next: OutputState) => updateOutcome(o, { ...outcome, outputs: outcome.outputs.map((x, j) => (j === p ? next : x)) });
              return (
                <Stack key={p} ms="md" mt="sm" gap="xs">
                  <TextInput label={t('proposal.outputStatement', { outcome: o + 1, number: p + 1 })} value={output.statement} error={fieldError(`resultsFramework.outcomes.${o}.outputs.${p}.statement`)} onChange={(e) => updateOutput({ ...output, statement: e.currentTarget.value })} />
                  {output.indicators.map((indicator, i) => {
                    const path = `resultsFramework.outcomes.${o}.outputs.${p}.indicators.${i}`;
                    const name = `${o + 1}.${p + 1}.${i + 1}`;
                    const updateIndicator = (patch: Partial<IndicatorState>) => updateOutput({ ...output, indicators: output.indicators.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                    return (
                      <Card key={i} withBorder ms="md">
                        <SimpleGrid cols={{ base: 1, md: 3 }}>
                          <TextInput label={t('proposal.indicator', { name })} value={indicator.statement} error={fieldError(`${path}.statement`)} onChange={(e) => updateIndicator({ statement: e.currentTarget.value })} />
                          <Select label={t('proposal.indicatorOrganisation', { name })} data={state.punoIds.map((x) => ({ value: x, label: orgLabel(x) }))} value={indicator.organisationId} error={fieldError(`${path}.organisationId`)} onChange={(v) => updateIndicator({ organisationId: v ?? '' })} allowDeselect={false} />
                          <TextInput label={t('proposal.unit', { name })} value={indicator.unit} error={fieldError(`${path}.unit`)} onChange={(e) => updateIndicator({ unit: e.currentTarget.value })} />
                          <TextInput label={t('proposal.baseline', { name })} value={indicator.baseline} error={fieldError(`${path}.baseline`)} onChange={(e) => updateIndicator({ baseline: e.currentTarget.value })} />
                          <TextInput label={t('proposal.target', { name })} value={indicator.target} error={fieldError(`${path}.target`)} onChange={(e) => updateIndicator({ target: e.currentTarget.value })} />
                          <TextInput label={t('proposal.meansOfVerification', { name })} value={indicator.meansOfVerification} error={fieldError(`${path}.meansOfVerification`)} onChange={(e) => updateIndicator({ meansOfVerification: e.currentTarget.value })} />
                        </SimpleGrid>
                        <Group mt="xs">
                          <Checkbox label={t('proposal.bySex', { name })} checked={indicator.disaggregation.sex} onChange={(e) => updateIndicator({ disaggregation: { ...indicator.disaggregation, sex: e.currentTarget.checked } })} />
                          <Checkbox label={t('proposal.byAge', { name })} checked={indicator.disaggregation.age} onChange={(e) => updateIndicator({ disaggregation: { ...indicator.disaggregation, age: e.currentTarget.checked } })} />
                        </Group>
                      </Card>
                    );
                  })}
                  <Group>
                    <Button variant="subtle" size="xs" onClick={() => updateOutput({ ...output, indicators: [...output.indicators, emptyIndicator(state.conveningOrganisationId)] })}>{t('proposal.addIndicator')}</Button>
                  </Group>
                </Stack>
              );
            })}
            <Group mt="xs">
              <Button variant="subtle" size="xs" onClick={() => updateOutcome(o, { ...outcome, outputs: [...outcome.outputs, { statement: '', indicators: [emptyIndicator(state.conveningOrganisationId)] }] })}>{t('proposal.addOutput')}</Button>
            </Group>
          </Card>
        ))}
        <Group>
          <Button variant="default" onClick={() => set({ outcomes: [...state.outcomes, { statement: '', outputs: [{ statement: '', indicators: [emptyIndicator(state.conveningOrganisationId)] }] }] })}>{t('proposal.addOutcome')}</Button>
        </Group>
        <Group>
          <Button type="submit" loading={form.busy}>{t('proposal.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
