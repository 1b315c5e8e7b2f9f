import { Alert, Anchor, Badge, Button, Card, FileInput, Group, List, NumberInput, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { fromCents, sumCents, toCents } from '../../../common/money';
import { Permission } from '../../../common/permissions';
import { DECIDABLE_STATUSES, DECISION_OUTCOMES, LIFECYCLE, TRANSITION_ACTIONS, type TransitionAction } from '../../../common/schemas/fund';
import { api, downloadUrl } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { formatDateTime } from '../../app/format';
import { useSession } from '../../app/session';
import { StatusBadge, amount, orgName, usd, type ProgrammeDetail, type ReferenceAnswer } from './shared';

type Reload = () => void;

/** A programme: its budget against spending, the lifecycle, results, decisions and the actions the reader may take. */
export function ProgrammePage() {
  const { t } = useTranslation('fund');
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const session = useSession();
  const internal = session.hasPermission(Permission.FundProposalRead) && search.get('published') !== '1';
  const programme = useApiQuery<ProgrammeDetail>(internal ? `/fund/programmes/${id}` : `/fund/published/programmes/${id}`);
  const reference = useApiQuery<ReferenceAnswer>('/fund/reference');
  if (programme.error) return <Alert color="red.9" role="alert">{programme.error.message}</Alert>;
  if (!programme.data || !reference.data) return <Loading />;
  const p = programme.data;
  const ref = reference.data;
  const areaTitle = (n: number) => ref.thematicAreas.find((a) => a.number === n)?.title ?? String(n);
  const objectiveTitle = (n: number) => ref.gcmObjectives.find((o) => o.number === n)?.title ?? String(n);
  const provinceName = (iso: string) => ref.provinces.find((x) => x.iso === iso)?.name ?? iso;

  return (
    <Stack gap="lg">
      <PageTitle actions={<StatusBadge status={p.status} />}>{`${p.code}: ${p.title}`}</PageTitle>
      {p.isDemo && <Text c="dimmed">{t('programme.demo')}</Text>}
      <Text>{p.summary}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4">{t('programme.partnership')}</Title>
          <Text>{t('programme.convening')}: {orgName(p.convening)}</Text>
          <Text>{t('programme.punos')}: {p.punos.map((x) => orgName(x.organisation)).join(', ')}</Text>
          <Text>{t('programme.partners')}: {p.partners.map(orgName).join(', ')}</Text>
          <Text>{t('programme.duration', { months: p.durationMonths })}{p.startDate ? `, ${t('programme.from', { date: p.startDate })}` : ''}</Text>
          <Text>{t('programme.provinces')}: {p.provinces.map(provinceName).join(', ')}</Text>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">{t('programme.alignment')}</Title>
          <List size="sm">
            {p.thematicAreas.map((n) => <List.Item key={`a${n}`}>{t('dashboard.areaNumber', { number: n })}: {areaTitle(n)}</List.Item>)}
            {p.gcmObjectives.map((n) => <List.Item key={`g${n}`}>{t('dashboard.objectiveNumber', { number: n })}: {objectiveTitle(n)}</List.Item>)}
          </List>
          <Text size="sm">{t('programme.sdgTargets')}: {p.sdgTargets.join(', ') || '—'}</Text>
          <Text size="sm">{t('programme.guidingPrinciples')}: {p.guidingPrinciples.join(', ') || '—'}</Text>
          {(['gender', 'humanRights', 'childSensitivity'] as const).map((m) => (
            <Text size="sm" key={m}>{t(`markers.${m}`, { score: p.markers[m].score })}: {p.markers[m].justification}</Text>
          ))}
        </Card>
      </SimpleGrid>

      {internal && <Actions programme={p} reload={programme.reload} />}

      <BudgetSection programme={p} reference={ref} />

      <section aria-labelledby="timeline-heading">
        <Title order={2} id="timeline-heading">{t('programme.timeline')}</Title>
        <Timeline active={p.timeline.length - 1} bulletSize={16} mt="sm">
          {p.timeline.map((event, i) => (
            <Timeline.Item key={i} title={t(`status.${event.toStatus}`)}>
              <Text size="sm" c="dimmed">{formatDateTime(event.at)}{event.actorName ? ` · ${event.actorName}` : ''}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </section>

      <ResultsSection programme={p} reload={programme.reload} internal={internal} />

      {p.decisions.length > 0 && (
        <section aria-labelledby="decisions-heading">
          <Title order={2} id="decisions-heading">{t('programme.decisions')}</Title>
          {p.decisions.map((d) => (
            <Card withBorder key={d.id} mt="sm">
              <Group><Badge variant="outline" color="dark">{t(`status.${d.outcome}`)}</Badge><Text>{d.decisionDate}</Text></Group>
              <Text mt="xs">{d.text}</Text>
              {d.conditions && <Text mt="xs">{t('decision.conditions')}: {d.conditions}</Text>}
              <Text size="sm" c="dimmed" mt="xs">{t('decision.membersPresent')}: {d.membersPresent.join(', ')}</Text>
            </Card>
          ))}
        </section>
      )}

      {p.transfers.length > 0 && (
        <section aria-labelledby="transfers-heading">
          <Title order={2} id="transfers-heading">{t('programme.transfers')}</Title>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('transfer.date')}</Table.Th>
                <Table.Th scope="col">{t('figures.organisation')}</Table.Th>
                <Table.Th scope="col">{t('transfer.kind')}</Table.Th>
                <Table.Th scope="col">{t('transfer.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.transfers.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{x.date}</Table.Td>
                  <Table.Td>{orgName(p.punos.find((u) => u.organisation.id === x.organisationId)!.organisation)}</Table.Td>
                  <Table.Td>{x.kind === 'transfer' ? t('transfer.tranche', { number: x.tranche }) : t('transfer.refund')}</Table.Td>
                  <Table.Td>{usd(x.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}

      {p.comments && p.comments.length > 0 && (
        <section aria-labelledby="comments-heading">
          <Title order={2} id="comments-heading">{t('programme.comments')}</Title>
          {p.comments.map((c) => (
            <Card withBorder key={c.id} mt="sm">
              <Text size="sm" c="dimmed">{c.authorName} · {formatDateTime(c.createdAt)}</Text>
              <Text>{c.body}</Text>
            </Card>
          ))}
        </section>
      )}

      <section aria-labelledby="documents-heading">
        <Title order={2} id="documents-heading">{t('programme.documents')}</Title>
        <UploadedDocuments programmeId={p.id} />
        <Title order={3} size="h5" mt="md">{t('documents.generated')}</Title>
        <List>
          {['approved', 'approved_with_conditions', 'active', 'operationally_closed', 'financially_closed'].includes(p.status) && (
            <List.Item><Anchor href={downloadUrl(`/fund/programmes/${p.id}/iati.xml`)}>{t('programme.iati')}</Anchor></List.Item>
          )}
          {session.hasPermission(Permission.FundReportRead) && (
            <List.Item><Anchor href={downloadUrl(`/fund/reports/annual/${new Date().getFullYear() - 1}`)}>{t('export.annual', { year: new Date().getFullYear() - 1 })}</Anchor></List.Item>
          )}
        </List>
      </section>
    </Stack>
  );
}

function BudgetSection({ programme: p, reference }: { programme: ProgrammeDetail; reference: ReferenceAnswer }) {
  const { t } = useTranslation('fund');
  const byCategory = (pick: (puno: ProgrammeDetail['punos'][number]) => string[], i: number) => fromCents(sumCents(p.punos.map((u) => toCents(pick(u)[i]))));
  return (
    <section aria-labelledby="budget-heading">
      <Title order={2} id="budget-heading">{t('programme.budgetAgainstSpending')}</Title>
      <div role="region" aria-label={t('programme.budgetAgainstSpending')} tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table withTableBorder striped mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('budget.category')}</Table.Th>
              <Table.Th scope="col">{t('budget.budget')}</Table.Th>
              <Table.Th scope="col">{t('budget.spent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reference.budgetCategories.map((c, i) => (
              <Table.Tr key={c.number}>
                <Table.Th scope="row">{t(`categories.${c.number}`)}</Table.Th>
                <Table.Td>{amount(byCategory((u) => u.directCosts, i))}</Table.Td>
                <Table.Td>{amount(byCategory((u) => u.expenditureByCategory, i))}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">{t('budget.indirect')}</Table.Th>
              <Table.Td>{amount(p.budget.indirect)}</Table.Td>
              <Table.Td />
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('figures.total')}</Table.Th>
              <Table.Td fw={700}>{amount(p.budget.total)}</Table.Td>
              <Table.Td fw={700}>{amount(fromCents(sumCents(p.punos.map((u) => toCents(u.expenditure)))))}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </div>
      <div role="region" aria-label={t('programme.punoFigures')} tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table withTableBorder striped mt="md">
          <Table.Caption>{t('programme.punoFigures')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('figures.organisation')}</Table.Th>
              <Table.Th scope="col">{t('figures.requested')}</Table.Th>
              <Table.Th scope="col">{t('figures.approved')}</Table.Th>
              <Table.Th scope="col">{t('figures.netFunded')}</Table.Th>
              <Table.Th scope="col">{t('figures.expenditure')}</Table.Th>
              <Table.Th scope="col">{t('figures.balance')}</Table.Th>
              <Table.Th scope="col">{t('figures.deliveryRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.punos.map((u) => (
              <Table.Tr key={u.organisation.id}>
                <Table.Th scope="row">{orgName(u.organisation)}</Table.Th>
                <Table.Td>{amount(u.requestedTotal)}</Table.Td>
                <Table.Td>{amount(u.approvedAmount)}</Table.Td>
                <Table.Td>{amount(u.netFunded)}</Table.Td>
                <Table.Td>{amount(u.expenditure)}</Table.Td>
                <Table.Td>{amount(u.balance)}</Table.Td>
                <Table.Td>{u.deliveryRate === null ? '—' : `${u.deliveryRate}%`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </section>
  );
}

function ResultsSection({ programme: p, reload, internal }: { programme: ProgrammeDetail; reload: Reload; internal: boolean }) {
  const { t } = useTranslation('fund');
  const session = useSession();
  const canReport = internal && session.hasPermission(Permission.FundReportSubmit);
  return (
    <section aria-labelledby="results-heading">
      <Title order={2} id="results-heading">{t('programme.results')}</Title>
      {p.resultsFramework.outcomes.map((outcome) => (
        <Card withBorder key={outcome.id} mt="sm">
          <Title order={3} size="h5">{t('results.outcome')}: {outcome.statement}</Title>
          {outcome.outputs.map((output) => (
            <Stack key={output.id} mt="sm" gap="xs">
              <Text fw={600}>{t('results.output')}: {output.statement}</Text>
              {output.indicators.map((indicator) => {
                const progress = indicator.latestProgress === null ? 0 : Math.max(0, Math.min(100, Number(indicator.latestProgress)));
                const latest = indicator.results[indicator.results.length - 1];
                return (
                  <Stack key={indicator.id} gap={4}>
                    <Text>{indicator.statement} ({indicator.unit})</Text>
                    <Text size="sm" c="dimmed">
                      {t('results.baselineTarget', { baseline: indicator.baseline, target: indicator.target })}
                      {latest ? ` · ${t('results.latest', { period: latest.period, actual: latest.actual })}` : ''}
                    </Text>
                    <Progress value={progress} aria-label={t('results.progressOf', { indicator: indicator.statement, progress: indicator.latestProgress ?? '0' })} />
                    {latest && <Text size="sm">{latest.narrative}</Text>}
                    {canReport && indicator.organisationId === session.user?.organisation.id && <ResultForm programmeId={p.id} indicatorId={indicator.id} reload={reload} />}
                  </Stack>
                );
              })}
            </Stack>
          ))}
        </Card>
      ))}
    </section>
  );
}

function ResultForm({ programmeId, indicatorId, reload }: { programmeId: string; indicatorId: string; reload: Reload }) {
  const { t } = useTranslation('fund');
  const form = useFormErrors();
  const [values, setValues] = useState({ period: String(new Date().getFullYear()), actual: '', narrative: '' });
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const done = await form.run(() => api.post(`/fund/programmes/${programmeId}/results`, { indicatorId, ...values }));
        if (done) reload();
      }}
    >
      <FormErrors error={form.error} fields={['period', 'actual', 'narrative']} />
      <Group align="end">
        <TextInput label={t('results.period')} value={values.period} error={form.fieldError('period')} onChange={(e) => setValues({ ...values, period: e.currentTarget.value })} w={120} />
        <TextInput label={t('results.actual')} value={values.actual} error={form.fieldError('actual')} onChange={(e) => setValues({ ...values, actual: e.currentTarget.value })} w={140} />
        <TextInput label={t('results.narrative')} value={values.narrative} error={form.fieldError('narrative')} onChange={(e) => setValues({ ...values, narrative: e.currentTarget.value })} style={{ flex: 1 }} />
        <Button type="submit" loading={form.busy} variant="light">{t('results.report')}</Button>
      </Group>
    </form>
  );
}

function Actions({ programme: p, reload }: { programme: ProgrammeDetail; reload: Reload }) {
  const { t } = useTranslation('fund');
  const session = useSession();
  const navigate = useNavigate();
  const form = useFormErrors();
  const [comment, setComment] = useState('');
  const ownOrg = session.user?.organisation.id;
  const mayAct = (action: TransitionAction) => {
    const rule = LIFECYCLE[action];
    if (!rule.from.includes(p.status)) return false;
    const scope = session.scopeOf(rule.permission);
    return scope === 'network' || (scope === 'own-org' && p.convening.id === ownOrg);
  };
  const actions = TRANSITION_ACTIONS.filter(mayAct);
  const canComment = session.hasPermission(Permission.FundProposalReview) && ['submitted', 'secretariat_review', 'steering_committee'].includes(p.status);
  const canEdit = p.status === 'draft' && session.scopeOf(Permission.FundProposalDraft) !== null && (session.scopeOf(Permission.FundProposalDraft) === 'network' || p.convening.id === ownOrg);
  const canDecide = session.hasPermission(Permission.FundProposalDecide) && DECIDABLE_STATUSES.includes(p.status);
  const canTransfer = session.hasPermission(Permission.FundRecordMoney) && ['approved', 'approved_with_conditions', 'active'].includes(p.status);
  const ownPuno = p.punos.find((u) => u.organisation.id === ownOrg);
  const canReportExpenditure = session.hasPermission(Permission.FundReportSubmit) && ownPuno && ['approved', 'approved_with_conditions', 'active', 'operationally_closed'].includes(p.status);
  if (actions.length === 0 && !canComment && !canEdit && !canDecide && !canTransfer && !canReportExpenditure) return null;

  const move = async (action: TransitionAction) => {
    const done = await form.run(() => api.post(`/fund/programmes/${p.id}/transitions`, { action, version: p.version, ...(comment.trim() ? { comment } : {}) }));
    if (done) {
      setComment('');
      reload();
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="actions-heading">
      <Title order={2} id="actions-heading" size="h4">{t('actions.title')}</Title>
      <FormErrors error={form.error} fields={['comment']} />
      {(canComment || actions.includes('return_to_authors')) && (
        <Textarea label={t('actions.comment')} description={t('actions.commentHelp')} value={comment} error={form.fieldError('comment')} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} />
      )}
      <Group mt="sm">
        {canEdit && <Button variant="default" onClick={() => navigate(`/fund/programmes/${p.id}/edit`)}>{t('actions.edit')}</Button>}
        {actions.map((action) => (
          <Button key={action} loading={form.busy} onClick={() => move(action)}>{t(`actions.${action}`)}</Button>
        ))}
        {canComment && (
          <Button
            variant="light"
            disabled={!comment.trim()}
            onClick={async () => {
              const done = await form.run(() => api.post(`/fund/programmes/${p.id}/comments`, { body: comment }));
              if (done) {
                setComment('');
                reload();
              }
            }}
          >
            {t('actions.addComment')}
          </Button>
        )}
      </Group>
      {canDecide && <DecisionForm programme={p} reload={reload} />}
      {canTransfer && <TransferForm programme={p} reload={reload} />}
      {canReportExpenditure && ownPuno && <ExpenditureForm programme={p} organisationId={ownPuno.organisation.id} reload={reload} />}
    </Card>
  );
}

function DecisionForm({ programme: p, reload }: { programme: ProgrammeDetail; reload: Reload }) {
  const { t } = useTranslation('fund');
  const form = useFormErrors();
  const [outcome, setOutcome] = useState<string>('approved');
  const [values, setValues] = useState({ decisionDate: new Date().toISOString().slice(0, 10), membersPresent: '', text: '', conditions: '' });
  const [amounts, setAmounts] = useState<Record<string, string>>(Object.fromEntries(p.punos.map((u) => [u.organisation.id, u.requestedTotal])));
  const approving = outcome === 'approved' || outcome === 'approved_with_conditions';
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const done = await form.run(() =>
          api.post(`/fund/programmes/${p.id}/decisions`, {
            outcome,
            version: p.version,
            decisionDate: values.decisionDate,
            membersPresent: values.membersPresent.split('\n').map((m) => m.trim()).filter(Boolean),
            text: values.text,
            conditions: values.conditions.trim() || null,
            ...(approving ? { approvedAmounts: p.punos.map((u) => ({ organisationId: u.organisation.id, amount: amounts[u.organisation.id] })) } : {}),
          }),
        );
        if (done) reload();
      }}
    >
      <Title order={3} size="h5" mt="md">{t('decision.title')}</Title>
      <FormErrors error={form.error} fields={['outcome', 'decisionDate', 'membersPresent', 'text', 'conditions', 'approvedAmounts']} />
      <Stack gap="xs">
        <Select label={t('decision.outcome')} data={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`status.${o}`) }))} value={outcome} onChange={(v) => setOutcome(v ?? 'approved')} allowDeselect={false} />
        <TextInput type="date" label={t('decision.date')} value={values.decisionDate} error={form.fieldError('decisionDate')} onChange={(e) => setValues({ ...values, decisionDate: e.currentTarget.value })} />
        <Textarea label={t('decision.membersPresent')} description={t('decision.membersHelp')} value={values.membersPresent} error={form.fieldError('membersPresent')} onChange={(e) => setValues({ ...values, membersPresent: e.currentTarget.value })} autosize minRows={2} />
        <Textarea label={t('decision.text')} value={values.text} error={form.fieldError('text')} onChange={(e) => setValues({ ...values, text: e.currentTarget.value })} autosize minRows={2} />
        {outcome === 'approved_with_conditions' && (
          <Textarea label={t('decision.conditions')} value={values.conditions} error={form.fieldError('conditions')} onChange={(e) => setValues({ ...values, conditions: e.currentTarget.value })} />
        )}
        {approving &&
          p.punos.map((u) => (
            <TextInput
              key={u.organisation.id}
              label={t('decision.approvedFor', { organisation: orgName(u.organisation) })}
              value={amounts[u.organisation.id]}
              error={form.fieldError('approvedAmounts')}
              onChange={(e) => setAmounts({ ...amounts, [u.organisation.id]: e.currentTarget.value })}
            />
          ))}
        <Group><Button type="submit" loading={form.busy}>{t('decision.record')}</Button></Group>
      </Stack>
    </form>
  );
}

function TransferForm({ programme: p, reload }: { programme: ProgrammeDetail; reload: Reload }) {
  const { t } = useTranslation('fund');
  const form = useFormErrors();
  const [values, setValues] = useState({ kind: 'transfer', organisationId: p.punos[0]?.organisation.id ?? '', transferDate: new Date().toISOString().slice(0, 10), amountUsd: '' });
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const { kind, ...body } = values;
        const done = await form.run(() => api.post(`/fund/programmes/${p.id}/${kind === 'transfer' ? 'transfers' : 'refunds'}`, body));
        if (done) {
          setValues({ ...values, amountUsd: '' });
          reload();
        }
      }}
    >
      <Title order={3} size="h5" mt="md">{t('transfer.title')}</Title>
      <FormErrors error={form.error} fields={['organisationId', 'transferDate', 'amountUsd']} />
      <Group align="end">
        <Select label={t('transfer.kind')} data={[{ value: 'transfer', label: t('transfer.transfer') }, { value: 'refund', label: t('transfer.refund') }]} value={values.kind} onChange={(v) => setValues({ ...values, kind: v ?? 'transfer' })} allowDeselect={false} />
        <Select label={t('figures.organisation')} data={p.punos.map((u) => ({ value: u.organisation.id, label: orgName(u.organisation) }))} value={values.organisationId} error={form.fieldError('organisationId')} onChange={(v) => setValues({ ...values, organisationId: v ?? '' })} allowDeselect={false} />
        <TextInput type="date" label={t('transfer.date')} value={values.transferDate} error={form.fieldError('transferDate')} onChange={(e) => setValues({ ...values, transferDate: e.currentTarget.value })} />
        <TextInput label={t('transfer.amount')} value={values.amountUsd} error={form.fieldError('amountUsd')} onChange={(e) => setValues({ ...values, amountUsd: e.currentTarget.value })} />
        <Button type="submit" loading={form.busy}>{t('transfer.record')}</Button>
      </Group>
    </form>
  );
}

function ExpenditureForm({ programme: p, organisationId, reload }: { programme: ProgrammeDetail; organisationId: string; reload: Reload }) {
  const { t } = useTranslation('fund');
  const form = useFormErrors();
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [amounts, setAmounts] = useState<string[]>(Array(7).fill('0.00'));
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const done = await form.run(() => api.put(`/fund/programmes/${p.id}/expenditure`, { organisationId, year, amounts }));
        if (done) reload();
      }}
    >
      <Title order={3} size="h5" mt="md">{t('expenditure.title')}</Title>
      <Text size="sm" c="dimmed">{t('expenditure.due', { year, due: `${year + 1}-04-30` })}</Text>
      <FormErrors error={form.error} fields={['year', 'amounts']} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <NumberInput label={t('expenditure.year')} value={year} onChange={(v) => setYear(Number(v))} min={2000} max={2100} error={form.fieldError('year')} />
        {amounts.map((value, i) => (
          <TextInput
            key={i}
            label={t(`categories.${i + 1}`)}
            value={value}
            error={form.fieldError(`amounts.${i}`)}
            onChange={(e) => setAmounts(amounts.map((a, j) => (j === i ? e.currentTarget.value : a)))}
          />
        ))}
      </SimpleGrid>
      {form.fieldError('amounts') && <Text c="red.9" size="sm" role="alert">{form.fieldError('amounts')}</Text>}
      <Group mt="sm"><Button type="submit" loading={form.busy}>{t('expenditure.report')}</Button></Group>
      <Anchor component={Link} to="/fund/funding-status" size="sm">{t('nav.fundingStatus')}</Anchor>
    </form>
  );
}

const DOCUMENT_KINDS = ['proposal', 'agreement', 'report', 'other'] as const;

interface ProgrammeDocument {
  id: string;
  title: string;
  kind: (typeof DOCUMENT_KINDS)[number];
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  createdAt: string;
}

function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Documents uploaded to the programme, with the upload form for participating focal points and fund managers. */
function UploadedDocuments({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation('fund');
  const documents = useApiQuery<{ items: ProgrammeDocument[]; canUpload: boolean }>(`/fund/programmes/${programmeId}/documents`);
  if (documents.error) return <Alert color="red.9" role="alert">{documents.error.message}</Alert>;
  if (!documents.data) return <Loading />;
  const { items, canUpload } = documents.data;
  return (
    <Stack gap="sm" mt="sm">
      <Title order={3} size="h5">{t('documents.uploaded')}</Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('documents.none')}</Text>
      ) : (
        <List>
          {items.map((d) => (
            <List.Item key={d.id}>
              <Anchor href={downloadUrl(`/fund/programmes/${programmeId}/documents/${d.id}`)}>{d.title}</Anchor>
              <Text size="sm" c="dimmed">{t('documents.byLine', { kind: t(`documents.kinds.${d.kind}`), size: fileSize(d.size), name: d.uploadedBy, date: formatDateTime(d.createdAt) })}</Text>
            </List.Item>
          ))}
        </List>
      )}
      {canUpload && <DocumentUploadForm programmeId={programmeId} onUploaded={documents.reload} />}
    </Stack>
  );
}

function DocumentUploadForm({ programmeId, onUploaded }: { programmeId: string; onUploaded: Reload }) {
  const { t } = useTranslation('fund');
  const form = useFormErrors();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string | null>('report');
  const [file, setFile] = useState<File | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const data = new FormData();
    // Text fields go before the file: the server reads them as it reaches the file part.
    data.append('title', title);
    data.append('kind', kind ?? '');
    if (file) data.append('file', file);
    const saved = await form.run(() => api.upload(`/fund/programmes/${programmeId}/documents`, data));
    if (!saved) return;
    notifications.show({ color: 'hamsafar', message: t('documents.done'), closeButtonProps: { 'aria-label': t('common:actions.close') } });
    setTitle('');
    setFile(null);
    onUploaded();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="document-upload-heading">
      <Title order={4} size="h6" id="document-upload-heading">{t('documents.upload')}</Title>
      <FormErrors error={form.error} fields={['title', 'kind', 'file']} />
      <Group align="end">
        <TextInput label={t('documents.docTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.fieldError('title')} style={{ flex: 1 }} />
        <Select label={t('documents.kind')} required data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))} value={kind} onChange={setKind} error={form.fieldError('kind')} allowDeselect={false} />
        <FileInput label={t('documents.file')} required value={file} onChange={setFile} error={form.fieldError('file')} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt" clearable clearButtonProps={{ 'aria-label': t('documents.clearFile') }} />
        <Button type="submit" loading={form.busy}>{t('documents.uploadAction')}</Button>
      </Group>
    </form>
  );
}
