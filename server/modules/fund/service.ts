import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { grantScope, Permission as P, type GrantScope, type PermissionName } from '../../../common/permissions';
import { formatAmount, fromCents, fromRateMicros, percentage, sumCents, toCents, toRateMicros, type Cents } from '../../../common/money';
import {
  DECIDABLE_STATUSES,
  LIFECYCLE,
  PUBLISHED_STATUSES,
  type CommitmentInput,
  type ContributionAnswer,
  type ContributorInput,
  type DashboardAnswer,
  type DateRangeQuery,
  type DecisionBody,
  type DepositInput,
  type ExchangeRateInput,
  type ExpenditureInput,
  type FundingStatusAnswer,
  type OrganisationRef,
  type OtherIncomeInput,
  type ProgrammeDetail,
  type ProgrammeListQuery,
  type ProgrammeStatus,
  type ProgrammeSummary,
  type ProposalInput,
  type ProposalUpdate,
  type PublicationInput,
  type ReferenceAnswer,
  type RefundInput,
  type ResultInput,
  type ResultsFramework,
  type TransferInput,
  type TransitionAction,
  type TransitionBody,
} from '../../../common/schemas/fund';
import { hasPermission, organisationFilter, requireAccess, type Actor } from '../../platform/access';
import { command, type RequestContext, type Tx } from '../../platform/context';
import { scoped, type Executor, type Scoped } from '../../platform/database/tenant';
import { AppError, fieldError, type Message, type FieldError } from '../../platform/errors';
import { notify } from '../../platform/notifications';
import * as repo from './repository';
import { PROGRAMME_DOCUMENT_KINDS, type ProgrammeDocument, type ProgrammeDocumentKind } from './schemas';
import {
  AA_FEE_PERCENT,
  INDIRECT_SUPPORT_PERCENT,
  annualReportDueDate,
  budgetTotals,
  depositFigures,
  fundingStatus,
  indicatorProgress,
  splitEvenly,
  type LedgerEntry,
} from './ledger';
import { msg } from './messages';

type In<T extends z.ZodType> = z.infer<T>;

// ——— Lifecycle ———

const VERBS: Record<TransitionAction, Message> = {
  submit: msg('fund.verb.submit'),
  start_review: msg('fund.verb.start_review'),
  return_to_authors: msg('fund.verb.return_to_authors'),
  forward_to_committee: msg('fund.verb.forward_to_committee'),
  revise: msg('fund.verb.revise'),
  activate: msg('fund.verb.activate'),
  close_operationally: msg('fund.verb.close_operationally'),
  close_financially: msg('fund.verb.close_financially'),
};
/** Every move of the lifecycle except the steering committee's decision, which is its own record. */
export const TRANSITIONS = Object.fromEntries(
  Object.entries(LIFECYCLE).map(([action, rule]) => [action, { ...rule, verb: VERBS[action as TransitionAction] }]),
) as Record<TransitionAction, (typeof LIFECYCLE)[TransitionAction] & { verb: Message }>;
export { DECIDABLE_STATUSES };
const MONEY_OUT_STATUSES: readonly ProgrammeStatus[] = ['approved', 'approved_with_conditions', 'active'];
const REPORTING_STATUSES: readonly ProgrammeStatus[] = ['approved', 'approved_with_conditions', 'active', 'operationally_closed'];

const STATUS_WORDS = (status: ProgrammeStatus) => msg(`fund.status.${status}`);

function refuseTransition(status: ProgrammeStatus, verb: Message, allowed: readonly ProgrammeStatus[]): AppError {
  return AppError.conflict(msg('fund.proposal.wrong-status', { status: STATUS_WORDS(status), verb, allowed: allowed.map(STATUS_WORDS) }), { status });
}

// ——— Helpers ———

function orgRef(org: { id: string; name_en: string; name_ur: string; acronym: string | null } | undefined, id: string): OrganisationRef {
  return org ? { id: org.id, name: org.name_en, nameUr: org.name_ur, acronym: org.acronym } : { id, name: 'Unknown organisation', nameUr: 'نامعلوم ادارہ', acronym: null };
}

async function orgMap(q: Scoped, ids: string[]) {
  return new Map((await repo.organisations(q, [...new Set(ids)])).map((o) => [o.id, o]));
}

function isoDate(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/** The programme a signed-in actor may read: own-org grants reach programmes their organisation takes part in. */
async function readableProgramme(ctx: RequestContext, q: Scoped, id: string, permission: PermissionName) {
  const scope = requireAccess(ctx.actor, permission);
  const programme = await repo.programme(q, id);
  if (!programme) throw AppError.notFound('Programme');
  if (scope === 'own-org') {
    const members = await repo.punos(q, [id]);
    if (!members.some((m) => m.organisation_id === ctx.actor!.organisationId)) throw AppError.notFound('Programme');
  }
  return programme;
}

async function lockedProgramme(tx: Tx, id: string) {
  const programme = await repo.programmeForUpdate(tx.q, id);
  if (!programme) throw AppError.notFound('Programme');
  return programme;
}

// ——— Reference data ———

export async function reference(ctx: RequestContext): Promise<ReferenceAnswer> {
  requireAccess(ctx.actor, P.FundPublishedRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const [thematicAreas, budgetCategories, gcmObjectives, guidingPrinciples, sdgTargets, provinces, organisations, settings] = await Promise.all([
    ctx.db.selectFrom('mmptf_thematic_areas').selectAll().orderBy('number').execute(),
    ctx.db.selectFrom('budget_categories').selectAll().orderBy('number').execute(),
    ctx.db.selectFrom('gcm_objectives').selectAll().orderBy('number').execute(),
    ctx.db.selectFrom('gcm_guiding_principles').selectAll().orderBy('number').execute(),
    ctx.db.selectFrom('sdg_targets').selectAll().orderBy('code').execute(),
    ctx.db.selectFrom('subdivisions').select(['iso', 'name']).orderBy('iso').execute(),
    repo.allOrganisations(q),
    repo.settings(q),
  ]);
  return {
    thematicAreas,
    budgetCategories,
    gcmObjectives,
    guidingPrinciples,
    sdgTargets,
    provinces,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name_en, acronym: o.acronym, type: o.type })),
    indirectSupportPercent: Number(INDIRECT_SUPPORT_PERCENT),
    administrativeAgentFeePercent: Number(AA_FEE_PERCENT),
    publishedThrough: settings.published_through,
    settingsVersion: settings.version,
  };
}

// ——— Money in ———

export async function createContributor(ctx: RequestContext, input: In<typeof ContributorInput>) {
  requireAccess(ctx.actor, P.FundRecordMoney);
  return command(ctx, async (tx) => {
    const row = await tx.q
      .insertInto('fund_contributors', { name: input.name, type: input.type, country: input.country ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.audit({ action: 'fund.contributor.create', entity: 'fund_contributor', entityId: row.id, fields: ['name', 'type', 'country'] });
    return { id: row.id };
  });
}

async function rateFor(q: Scoped, currency: string, date: string, given: string | undefined): Promise<bigint> {
  if (currency === 'USD') {
    if (given !== undefined && toRateMicros(given) !== 1_000_000n) throw AppError.field('rateToUsd', msg('fund.rate.usd-is-one'));
    return 1_000_000n;
  }
  if (given !== undefined) return toRateMicros(given);
  const published = await repo.rateOn(q, currency, date);
  if (!published) throw AppError.field('rateToUsd', msg('fund.rate.missing', { currency, date }));
  return toRateMicros(published.rate_to_usd);
}

export async function createCommitment(ctx: RequestContext, input: In<typeof CommitmentInput>) {
  requireAccess(ctx.actor, P.FundRecordMoney);
  return command(ctx, async (tx) => {
    const contributor = await tx.q.selectFrom('fund_contributors').select('id').where('id', '=', input.contributorId).executeTakeFirst();
    if (!contributor) throw AppError.field('contributorId', msg('fund.contributor.unknown'));
    const rate = await rateFor(tx.q, input.currency, input.agreementDate, input.rateToUsd);
    const { usd } = depositFigures(toCents(input.amount), rate);
    const row = await tx.q
      .insertInto('fund_commitments', {
        contributor_id: input.contributorId,
        reference: input.reference,
        agreement_date: input.agreementDate,
        amount: input.amount,
        currency: input.currency,
        rate_to_usd: fromRateMicros(rate),
        amount_usd: fromCents(usd),
        earmarked_thematic_area: input.earmarkedThematicArea ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.audit({ action: 'fund.commitment.create', entity: 'fund_commitment', entityId: row.id, fields: Object.keys(input).sort() });
    return { id: row.id, amountUsd: fromCents(usd), rateToUsd: fromRateMicros(rate) };
  });
}

/** A deposit is valued in USD at the rate of its own date and carries the 1% administrative agent fee. */
export async function createDeposit(ctx: RequestContext, input: In<typeof DepositInput>) {
  requireAccess(ctx.actor, P.FundRecordMoney);
  return command(ctx, async (tx) => {
    await repo.lockLedger(tx.q);
    const pledge = await repo.commitment(tx.q, input.commitmentId);
    if (!pledge) throw AppError.field('commitmentId', msg('fund.commitment.unknown'));
    if (input.depositDate < pledge.agreement_date) throw AppError.field('depositDate', msg('fund.deposit.before-agreement', { date: pledge.agreement_date }));
    const outstanding = toCents(pledge.amount) - (await repo.depositedOnCommitment(tx.q, pledge.id));
    const amount = toCents(input.amount);
    if (amount > outstanding) {
      throw AppError.field('amount', msg('fund.deposit.exceeds-pledge', { amount: formatAmount(outstanding), currency: pledge.currency }));
    }
    const rate = await rateFor(tx.q, pledge.currency, input.depositDate, input.rateToUsd);
    const { usd, fee } = depositFigures(amount, rate);
    const row = await tx.q
      .insertInto('fund_deposits', {
        commitment_id: pledge.id,
        deposit_date: input.depositDate,
        amount: input.amount,
        currency: pledge.currency,
        rate_to_usd: fromRateMicros(rate),
        amount_usd: fromCents(usd),
        fee_usd: fromCents(fee),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.audit({ action: 'fund.deposit.create', entity: 'fund_deposit', entityId: row.id, fields: Object.keys(input).sort() });
    return { id: row.id, amountUsd: fromCents(usd), feeUsd: fromCents(fee), rateToUsd: fromRateMicros(rate) };
  });
}

export async function createOtherIncome(ctx: RequestContext, input: In<typeof OtherIncomeInput>) {
  requireAccess(ctx.actor, P.FundRecordMoney);
  return command(ctx, async (tx) => {
    await repo.lockLedger(tx.q);
    const row = await tx.q
      .insertInto('fund_other_income', { income_date: input.incomeDate, kind: input.kind, amount_usd: input.amountUsd, description: input.description })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.audit({ action: 'fund.income.create', entity: 'fund_other_income', entityId: row.id, fields: Object.keys(input).sort() });
    return { id: row.id };
  });
}

export async function createExchangeRate(ctx: RequestContext, input: In<typeof ExchangeRateInput>) {
  requireAccess(ctx.actor, P.FundRecordMoney);
  return command(ctx, async (tx) => {
    const row = await tx.q
      .insertInto('fund_exchange_rates', { currency: input.currency, effective_date: input.effectiveDate, rate_to_usd: fromRateMicros(toRateMicros(input.rateToUsd)) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.audit({ action: 'fund.rate.create', entity: 'fund_exchange_rate', entityId: row.id, fields: ['currency', 'effectiveDate', 'rateToUsd'] });
    return { id: row.id };
  });
}

export async function exchangeRates(ctx: RequestContext) {
  requireAccess(ctx.actor, P.FundMoneyRead);
  const rows = await repo.listExchangeRates(scoped(ctx.db, ctx.actor!.networkId));
  return { items: rows.map((r) => ({ id: r.id, currency: r.currency, effectiveDate: r.effective_date, rateToUsd: r.rate_to_usd })) };
}

export async function contributions(ctx: RequestContext): Promise<{ items: ContributionAnswer[]; otherIncome: Array<{ id: string; incomeDate: string; kind: string; amountUsd: string; description: string }> }> {
  requireAccess(ctx.actor, P.FundMoneyRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const [people, pledges, cash, income] = await Promise.all([repo.contributors(q), repo.commitments(q), repo.deposits(q), repo.otherIncome(q)]);
  const items = people.map((c) => ({
    id: c.id,
    name: c.name,
    type: c.type,
    country: c.country,
    isDemo: c.is_demo,
    commitments: pledges
      .filter((p) => p.contributor_id === c.id)
      .map((p) => {
        const paid = cash.filter((d) => d.commitment_id === p.id);
        const deposited = sumCents(paid.map((d) => toCents(d.amount)));
        const outstanding = toCents(p.amount) - deposited;
        return {
          id: p.id,
          reference: p.reference,
          agreementDate: p.agreement_date,
          amount: p.amount,
          currency: p.currency,
          rateToUsd: p.rate_to_usd,
          amountUsd: p.amount_usd,
          earmarkedThematicArea: p.earmarked_thematic_area,
          deposited: fromCents(deposited),
          outstanding: fromCents(outstanding),
          outstandingUsd: fromCents(depositFigures(outstanding, toRateMicros(p.rate_to_usd)).usd),
          deposits: paid.map((d) => ({ id: d.id, depositDate: d.deposit_date, amount: d.amount, currency: d.currency, rateToUsd: d.rate_to_usd, amountUsd: d.amount_usd, feeUsd: d.fee_usd })),
        };
      }),
  }));
  return {
    items,
    otherIncome: income.map((i) => ({ id: i.id, incomeDate: i.income_date, kind: i.kind, amountUsd: i.amount_usd, description: i.description })),
  };
}

export async function publish(ctx: RequestContext, input: In<typeof PublicationInput>) {
  requireAccess(ctx.actor, P.FundRecordMoney);
  return command(ctx, async (tx) => {
    const current = await repo.lockLedger(tx.q);
    const updated = await repo.updatePublication(tx.q, input.publishedThrough, input.version);
    if (!updated) throw AppError.staleVersion(current.version, { publishedThrough: current.published_through });
    await tx.audit({ action: 'fund.publication.update', entity: 'fund_settings', entityId: tx.q.networkId, fields: ['publishedThrough'] });
    return { publishedThrough: input.publishedThrough, version: updated.version };
  });
}

// ——— Proposals ———

interface ValidatedProposal {
  framework: ResultsFramework;
  totals: ReturnType<typeof budgetTotals>;
}

/** The rules of a joint programme proposal; every broken rule is reported with the field it concerns. */
async function validateProposal(db: Executor, q: Scoped, input: ProposalInput, previous?: ResultsFramework): Promise<ValidatedProposal> {
  const errors: FieldError[] = [];
  const punoIds = input.participatingOrganisations.map((p) => p.organisationId);
  const orgs = await orgMap(q, [...punoIds, ...input.partnerOrganisationIds, input.conveningOrganisationId]);
  if (new Set(punoIds).size !== punoIds.length) {
    errors.push(fieldError('participatingOrganisations', msg('fund.proposal.puno-twice')));
  }
  input.participatingOrganisations.forEach((p, i) => {
    const org = orgs.get(p.organisationId);
    if (!org) errors.push(fieldError(`participatingOrganisations.${i}.organisationId`, msg('fund.proposal.organisation-unknown')));
    else if (org.type !== 'un_entity') errors.push(fieldError(`participatingOrganisations.${i}.organisationId`, msg('fund.proposal.puno-not-un', { organisation: org.name_en })));
  });
  if (new Set(punoIds).size < 2) {
    errors.push(fieldError('participatingOrganisations', msg('fund.proposal.two-punos')));
  }
  if (!punoIds.includes(input.conveningOrganisationId)) {
    errors.push(fieldError('conveningOrganisationId', msg('fund.proposal.convening-not-puno')));
  }
  input.partnerOrganisationIds.forEach((id, i) => {
    const org = orgs.get(id);
    if (!org) errors.push(fieldError(`partnerOrganisationIds.${i}`, msg('fund.proposal.organisation-unknown')));
    else if (org.type === 'un_entity') errors.push(fieldError(`partnerOrganisationIds.${i}`, msg('fund.proposal.partner-is-un', { organisation: org.name_en })));
  });
  if (!input.partnerOrganisationIds.some((id) => orgs.get(id)?.type === 'government')) {
    errors.push(fieldError('partnerOrganisationIds', msg('fund.proposal.government-partner')));
  }
  if (input.sdgTargets.length > 0) {
    const known = new Set((await db.selectFrom('sdg_targets').select('code').execute()).map((r) => r.code));
    input.sdgTargets.forEach((code, i) => {
      if (!known.has(code)) errors.push(fieldError(`sdgTargets.${i}`, msg('fund.proposal.sdg-unknown', { code })));
    });
  }
  const totals = budgetTotals(input.participatingOrganisations.map((p) => ({ organisationId: p.organisationId, directCosts: p.directCosts.map(toCents) })));
  if (totals.direct === 0n) errors.push(fieldError('participatingOrganisations', msg('fund.proposal.no-direct-costs')));
  if (toCents(input.totalBudget) !== totals.total) {
    errors.push(
      fieldError(
        'totalBudget',
        msg('fund.proposal.budget-mismatch', {
          direct: formatAmount(totals.direct),
          percent: Number(INDIRECT_SUPPORT_PERCENT),
          indirect: formatAmount(totals.indirect),
          total: formatAmount(totals.total),
          given: formatAmount(toCents(input.totalBudget)),
        }),
      ),
    );
  }
  // Existing element ids are kept so that reported results stay attached; new elements get one.
  const knownIds = new Set<string>();
  for (const outcome of previous?.outcomes ?? []) {
    knownIds.add(outcome.id);
    for (const output of outcome.outputs) {
      knownIds.add(output.id);
      for (const indicator of output.indicators) knownIds.add(indicator.id);
    }
  }
  const keepId = (id: string | undefined) => (id && knownIds.has(id) ? id : randomUUID());
  const framework: ResultsFramework = {
    outcomes: input.resultsFramework.outcomes.map((outcome, o) => ({
      id: keepId(outcome.id),
      statement: outcome.statement,
      outputs: outcome.outputs.map((output, p) => ({
        id: keepId(output.id),
        statement: output.statement,
        indicators: output.indicators.map((indicator, i) => {
          if (!punoIds.includes(indicator.organisationId)) {
            errors.push(fieldError(`resultsFramework.outcomes.${o}.outputs.${p}.indicators.${i}.organisationId`, msg('fund.proposal.indicator-puno')));
          }
          return { ...indicator, id: keepId(indicator.id) };
        }),
      })),
    })),
  };
  if (errors.length > 0) throw AppError.fields(errors);
  return { framework, totals };
}

function proposalColumns(input: ProposalInput, framework: ResultsFramework) {
  return {
    title: input.title,
    summary: input.summary,
    duration_months: input.durationMonths,
    start_date: input.startDate ?? null,
    convening_organisation_id: input.conveningOrganisationId,
    partner_organisation_ids: [...new Set(input.partnerOrganisationIds)],
    thematic_areas: [...new Set(input.thematicAreas)].sort((a, b) => a - b),
    gcm_objectives: [...new Set(input.gcmObjectives)].sort((a, b) => a - b),
    guiding_principles: [...new Set(input.guidingPrinciples)].sort((a, b) => a - b),
    sdg_targets: [...new Set(input.sdgTargets)],
    provinces: [...new Set(input.provinces)],
    markers: JSON.stringify(input.markers),
    results_framework: JSON.stringify(framework),
    total_budget: fromCents(toCents(input.totalBudget)),
  };
}

async function writePunos(tx: Tx, programmeId: string, input: ProposalInput, totals: ValidatedProposal['totals']) {
  await tx.q.deleteFrom('fund_programme_punos').where('programme_id', '=', programmeId).execute();
  await tx.q
    .insertInto(
      'fund_programme_punos',
      input.participatingOrganisations.map((p, i) => ({
        programme_id: programmeId,
        organisation_id: p.organisationId,
        direct_costs: JSON.stringify(p.directCosts.map((c) => fromCents(toCents(c)))),
        requested_total: fromCents(totals.punos[i].total),
        approved_amount: null,
      })),
    )
    .execute();
}

export async function createProposal(ctx: RequestContext, input: ProposalInput) {
  requireAccess(ctx.actor, P.FundProposalDraft, { organisationId: input.conveningOrganisationId });
  return command(ctx, async (tx) => {
    const { framework, totals } = await validateProposal(tx.db, tx.q, input);
    const number = await repo.nextProgrammeNumber(tx.q);
    const code = `JP-${String(number).padStart(3, '0')}`;
    const row = await tx.q
      .insertInto('fund_programmes', { ...proposalColumns(input, framework), code, status: 'draft', created_by: tx.actor.userId, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePunos(tx, row.id, input, totals);
    await repo.recordEvent(tx.q, row.id, null, 'draft', tx.actor.userId);
    await tx.audit({ action: 'fund.proposal.create', entity: 'fund_programme', entityId: row.id, fields: Object.keys(input).sort() });
    return { id: row.id, code };
  });
}

export async function updateProposal(ctx: RequestContext, id: string, input: In<typeof ProposalUpdate>) {
  requireAccess(ctx.actor, P.FundProposalDraft, { organisationId: input.conveningOrganisationId });
  return command(ctx, async (tx) => {
    const current = await lockedProgramme(tx, id);
    requireAccess(ctx.actor, P.FundProposalDraft, { organisationId: current.convening_organisation_id });
    if (current.status !== 'draft') throw AppError.conflict(msg('fund.proposal.edit-draft-only', { status: STATUS_WORDS(current.status) }), { status: current.status });
    if (current.version !== input.version) throw AppError.staleVersion(current.version);
    const { version, ...proposal } = input;
    const { framework, totals } = await validateProposal(tx.db, tx.q, proposal, current.results_framework as unknown as ResultsFramework);
    await tx.q
      .updateTable('fund_programmes')
      .set({ ...proposalColumns(proposal, framework), updated_at: new Date(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
    await writePunos(tx, id, proposal, totals);
    await tx.audit({ action: 'fund.proposal.update', entity: 'fund_programme', entityId: id, fields: Object.keys(proposal).sort() });
    return { id, version: version + 1 };
  });
}

async function notifyPunoFocalPoints(tx: Tx, ctx: RequestContext, programmeId: string, code: string, status: ProgrammeStatus) {
  const members = await repo.punos(tx.q, [programmeId]);
  const users = await repo.usersWithRole(tx.q, 'focal_point', members.map((m) => m.organisation_id));
  const { services } = ctx;
  await notify(tx.db, services.mailer, services.config.publicUrl, {
    networkId: tx.q.networkId,
    userIds: users.map((u) => u.id).filter((u) => u !== tx.actor.userId),
    kind: 'fund.programme.status',
    params: { code, status },
    link: `/fund/programmes/${programmeId}`,
  });
}

export async function transition(ctx: RequestContext, id: string, input: In<typeof TransitionBody>) {
  const rule = TRANSITIONS[input.action];
  requireAccess(ctx.actor, rule.permission);
  return command(ctx, async (tx) => {
    const programme = await lockedProgramme(tx, id);
    if (rule.permission === P.FundProposalDraft) requireAccess(ctx.actor, rule.permission, { organisationId: programme.convening_organisation_id });
    if (!rule.from.includes(programme.status)) throw refuseTransition(programme.status, rule.verb, rule.from);
    if (programme.version !== input.version) throw AppError.staleVersion(programme.version);
    if (rule.needsComment && !input.comment) throw AppError.field('comment', msg('fund.proposal.comment-needed'));
    if (input.action === 'close_financially') {
      const status = fundingStatus(await repo.ledgerEntries(tx.q, [id]));
      const open = status.punos.filter((p) => p.balance !== 0n);
      if (open.length > 0) {
        const names = await orgMap(tx.q, open.map((p) => p.organisationId));
        const list = open.map((p) => `${names.get(p.organisationId)?.acronym ?? names.get(p.organisationId)?.name_en} ${formatAmount(p.balance)}`).join(', ');
        throw AppError.conflict(msg('fund.programme.unspent-balances', { balances: list }));
      }
    }
    await tx.q
      .updateTable('fund_programmes')
      .set({ status: rule.to, updated_at: new Date(), version: programme.version + 1 })
      .where('id', '=', id)
      .execute();
    await repo.recordEvent(tx.q, id, programme.status, rule.to, tx.actor.userId);
    if (input.comment) await tx.q.insertInto('fund_review_comments', { programme_id: id, author_user_id: tx.actor.userId, body: input.comment }).execute();
    await tx.audit({ action: `fund.proposal.${input.action}`, entity: 'fund_programme', entityId: id, fields: ['status', ...(input.comment ? ['comment'] : [])] });
    await notifyPunoFocalPoints(tx, ctx, id, programme.code, rule.to);
    return { id, status: rule.to, version: programme.version + 1 };
  });
}

export async function addComment(ctx: RequestContext, id: string, body: string) {
  requireAccess(ctx.actor, P.FundProposalReview);
  return command(ctx, async (tx) => {
    const programme = await lockedProgramme(tx, id);
    if (!['submitted', 'secretariat_review', 'steering_committee'].includes(programme.status)) {
      throw AppError.conflict(msg('fund.review.not-in-review', { status: STATUS_WORDS(programme.status) }));
    }
    const row = await tx.q.insertInto('fund_review_comments', { programme_id: id, author_user_id: tx.actor.userId, body }).returning('id').executeTakeFirstOrThrow();
    await tx.audit({ action: 'fund.proposal.comment', entity: 'fund_programme', entityId: id, fields: ['body'] });
    return { id: row.id };
  });
}

/** The steering committee's decision, with the amount approved for each participating organisation. */
export async function decide(ctx: RequestContext, id: string, input: In<typeof DecisionBody>) {
  requireAccess(ctx.actor, P.FundProposalDecide);
  return command(ctx, async (tx) => {
    const programme = await lockedProgramme(tx, id);
    if (!DECIDABLE_STATUSES.includes(programme.status)) throw refuseTransition(programme.status, msg('fund.verb.decide'), DECIDABLE_STATUSES);
    if (programme.version !== input.version) throw AppError.staleVersion(programme.version);
    const approving = input.outcome === 'approved' || input.outcome === 'approved_with_conditions';
    if (input.outcome === 'approved_with_conditions' && !input.conditions) throw AppError.field('conditions', msg('fund.decision.conditions-needed'));
    const members = await repo.punos(tx.q, [id]);
    if (approving) {
      const amounts = input.approvedAmounts ?? [];
      const errors: FieldError[] = [];
      for (const member of members) {
        const given = amounts.find((a) => a.organisationId === member.organisation_id);
        if (!given) errors.push(fieldError('approvedAmounts', msg('fund.decision.amount-for-every-puno')));
        else if (toCents(given.amount) === 0n) errors.push(fieldError('approvedAmounts', msg('fund.decision.amount-positive')));
      }
      amounts.forEach((a, i) => {
        if (!members.some((m) => m.organisation_id === a.organisationId)) {
          errors.push(fieldError(`approvedAmounts.${i}.organisationId`, msg('fund.programme.not-participating')));
        }
      });
      if (errors.length > 0) throw AppError.fields(errors);
      for (const a of amounts) {
        await tx.q
          .updateTable('fund_programme_punos')
          .set({ approved_amount: fromCents(toCents(a.amount)) })
          .where('programme_id', '=', id)
          .where('organisation_id', '=', a.organisationId)
          .execute();
      }
    } else if (input.approvedAmounts && input.approvedAmounts.length > 0) {
      throw AppError.field('approvedAmounts', msg('fund.decision.amounts-only-approval'));
    }
    const row = await tx.q
      .insertInto('fund_decisions', {
        programme_id: id,
        outcome: input.outcome,
        decision_date: input.decisionDate,
        meeting_id: input.meetingId ?? null,
        members_present: input.membersPresent,
        text: input.text,
        conditions: input.conditions ?? null,
        recorded_by: tx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.q
      .updateTable('fund_programmes')
      .set({ status: input.outcome, updated_at: new Date(), version: programme.version + 1 })
      .where('id', '=', id)
      .execute();
    await repo.recordEvent(tx.q, id, programme.status, input.outcome, tx.actor.userId);
    await tx.audit({ action: 'fund.decision.create', entity: 'fund_programme', entityId: id, fields: Object.keys(input).filter((k) => k !== 'version').sort() });
    await notifyPunoFocalPoints(tx, ctx, id, programme.code, input.outcome);
    return { id: row.id, status: input.outcome, version: programme.version + 1 };
  });
}

// ——— Money out ———

async function punoFigures(q: Scoped, programmeId: string, organisationId: string) {
  const status = fundingStatus((await repo.ledgerEntries(q, [programmeId])).filter((e) => e.organisationId === organisationId));
  return status.punos[0] ?? { netFunded: 0n, expenditure: 0n, balance: 0n, transfers: 0n, refunds: 0n };
}

/**
 * A tranche from the administrative agent to a participating organisation. The network's fund row
 * is locked first, so a concurrent transfer waits and then sees this one in the cash balance.
 */
export async function transfer(ctx: RequestContext, id: string, input: In<typeof TransferInput>) {
  requireAccess(ctx.actor, P.FundRecordMoney);
  return command(ctx, async (tx) => {
    await repo.lockLedger(tx.q);
    const programme = await lockedProgramme(tx, id);
    if (!MONEY_OUT_STATUSES.includes(programme.status)) throw refuseTransition(programme.status, msg('fund.verb.fund'), MONEY_OUT_STATUSES);
    const member = await repo.puno(tx.q, id, input.organisationId);
    if (!member) throw AppError.field('organisationId', msg('fund.programme.not-participating'));
    const amount = toCents(input.amountUsd);
    const approved = toCents(member.approved_amount ?? '0');
    const figures = await punoFigures(tx.q, id, input.organisationId);
    if (figures.netFunded + amount > approved) {
      throw AppError.field(
        'amountUsd',
        msg('fund.transfer.exceeds-approved', { approved: formatAmount(approved), transferred: formatAmount(figures.netFunded), remaining: formatAmount(approved - figures.netFunded) }),
      );
    }
    const cash = await repo.cashAvailable(tx.q);
    if (amount > cash) throw AppError.field('amountUsd', msg('fund.transfer.overdraw', { cash: formatAmount(cash), amount: formatAmount(amount) }));
    const previous = await tx.q
      .selectFrom('fund_transfers')
      .select((eb) => eb.fn.max('tranche').as('last'))
      .where('programme_id', '=', id)
      .where('organisation_id', '=', input.organisationId)
      .where('kind', '=', 'transfer')
      .executeTakeFirst();
    const row = await tx.q
      .insertInto('fund_transfers', {
        programme_id: id,
        organisation_id: input.organisationId,
        kind: 'transfer',
        tranche: input.tranche ?? Number(previous?.last ?? 0) + 1,
        transfer_date: input.transferDate,
        amount_usd: fromCents(amount),
        recorded_by: tx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.audit({ action: 'fund.transfer.create', entity: 'fund_transfer', entityId: row.id, fields: Object.keys(input).sort() });
    return { id: row.id, cashAfter: fromCents(cash - amount) };
  });
}

export async function refund(ctx: RequestContext, id: string, input: In<typeof RefundInput>) {
  requireAccess(ctx.actor, P.FundRecordMoney);
  return command(ctx, async (tx) => {
    await repo.lockLedger(tx.q);
    await lockedProgramme(tx, id);
    const member = await repo.puno(tx.q, id, input.organisationId);
    if (!member) throw AppError.field('organisationId', msg('fund.programme.not-participating'));
    const figures = await punoFigures(tx.q, id, input.organisationId);
    const amount = toCents(input.amountUsd);
    if (amount > figures.balance) {
      throw AppError.field('amountUsd', msg('fund.refund.exceeds-balance', { balance: formatAmount(figures.balance) }));
    }
    const row = await tx.q
      .insertInto('fund_transfers', {
        programme_id: id,
        organisation_id: input.organisationId,
        kind: 'refund',
        tranche: null,
        transfer_date: input.transferDate,
        amount_usd: fromCents(amount),
        recorded_by: tx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.audit({ action: 'fund.refund.create', entity: 'fund_transfer', entityId: row.id, fields: Object.keys(input).sort() });
    return { id: row.id };
  });
}

/** A participating organisation's expenditure for one year, per category; a new report replaces that year's. */
export async function reportExpenditure(ctx: RequestContext, id: string, input: In<typeof ExpenditureInput>) {
  requireAccess(ctx.actor, P.FundReportSubmit, { organisationId: input.organisationId });
  return command(ctx, async (tx) => {
    const programme = await lockedProgramme(tx, id);
    if (!REPORTING_STATUSES.includes(programme.status)) throw refuseTransition(programme.status, msg('fund.verb.report'), REPORTING_STATUSES);
    const member = await repo.puno(tx.q, id, input.organisationId);
    if (!member) throw AppError.notFound('Programme');
    if (input.year > new Date().getUTCFullYear()) throw AppError.field('year', msg('fund.expenditure.future-year'));
    const figures = await punoFigures(tx.q, id, input.organisationId);
    const previous = await tx.q
      .selectFrom('fund_expenditures')
      .select('amount_usd')
      .where('programme_id', '=', id)
      .where('organisation_id', '=', input.organisationId)
      .where('year', '=', input.year)
      .execute();
    const total = sumCents(input.amounts.map(toCents));
    const cumulative = figures.expenditure - sumCents(previous.map((p) => toCents(p.amount_usd))) + total;
    if (cumulative > figures.netFunded) {
      throw AppError.field('amounts', msg('fund.expenditure.exceeds-transferred', { reported: formatAmount(cumulative), transferred: formatAmount(figures.netFunded) }));
    }
    await tx.q.deleteFrom('fund_expenditures').where('programme_id', '=', id).where('organisation_id', '=', input.organisationId).where('year', '=', input.year).execute();
    await tx.q
      .insertInto(
        'fund_expenditures',
        input.amounts.map((amount, i) => ({
          programme_id: id,
          organisation_id: input.organisationId,
          year: input.year,
          category: i + 1,
          amount_usd: fromCents(toCents(amount)),
          reported_by: tx.actor.userId,
          reported_at: new Date(),
        })),
      )
      .execute();
    await tx.audit({ action: 'fund.expenditure.report', entity: 'fund_programme', entityId: id, fields: ['organisationId', 'year', 'amounts'] });
    return { total: fromCents(total), dueDate: annualReportDueDate(input.year) };
  });
}

function findIndicator(framework: ResultsFramework, indicatorId: string) {
  for (const outcome of framework.outcomes) for (const output of outcome.outputs) for (const indicator of output.indicators) if (indicator.id === indicatorId) return indicator;
  return null;
}

export async function reportResult(ctx: RequestContext, id: string, input: In<typeof ResultInput>) {
  requireAccess(ctx.actor, P.FundReportSubmit);
  return command(ctx, async (tx) => {
    const programme = await lockedProgramme(tx, id);
    const indicator = findIndicator(programme.results_framework as unknown as ResultsFramework, input.indicatorId);
    // Another organisation's indicator is out of reach: its programme is not confirmed either.
    requireAccess(ctx.actor, P.FundReportSubmit, { organisationId: indicator?.organisationId ?? null });
    const member = await repo.puno(tx.q, id, ctx.actor!.organisationId);
    if (!indicator || !member) throw AppError.notFound('Indicator');
    if (!REPORTING_STATUSES.includes(programme.status)) throw refuseTransition(programme.status, msg('fund.verb.report'), REPORTING_STATUSES);
    const values = { organisation_id: indicator.organisationId, actual: fromCents(toCents(input.actual)), narrative: input.narrative, reported_by: tx.actor.userId, reported_at: new Date() };
    await tx.q
      .insertInto('fund_indicator_results', { programme_id: id, indicator_id: input.indicatorId, period: input.period, ...values })
      .onConflict((oc) => oc.columns(['network_id', 'programme_id', 'indicator_id', 'period']).doUpdateSet(values))
      .execute();
    await tx.audit({ action: 'fund.result.report', entity: 'fund_programme', entityId: id, fields: ['indicatorId', 'period', 'actual', 'narrative'] });
    return {
      progress: indicatorProgress(toCents(indicator.baseline), toCents(indicator.target), toCents(input.actual)),
    };
  });
}

// ——— Reads ———

function summaryOf(p: repo.ProgrammeRow, orgs: Map<string, { id: string; name_en: string; name_ur: string; acronym: string | null }>, members: Array<{ programme_id: string; approved_amount: string | null }>): ProgrammeSummary {
  const approved = members.filter((m) => m.programme_id === p.id && m.approved_amount !== null);
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    status: p.status,
    convening: orgRef(orgs.get(p.convening_organisation_id), p.convening_organisation_id),
    totalBudget: p.total_budget,
    approvedTotal: approved.length > 0 ? fromCents(sumCents(approved.map((m) => toCents(m.approved_amount!)))) : null,
    updatedAt: isoDate(p.updated_at),
    version: p.version,
    isDemo: p.is_demo,
  };
}

export async function listProgrammes(ctx: RequestContext, query: In<typeof ProgrammeListQuery>) {
  const scope = requireAccess(ctx.actor, P.FundProposalRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const rows = (await repo.programmes(q, { organisationId: organisationFilter(ctx.actor!, scope) })).filter((p) => !query.status || p.status === query.status);
  const page = rows.slice(query.offset, query.offset + query.limit);
  const [orgs, members] = await Promise.all([orgMap(q, page.map((p) => p.convening_organisation_id)), repo.punos(q, page.map((p) => p.id))]);
  return { items: page.map((p) => summaryOf(p, orgs, members)), total: rows.length, limit: query.limit, offset: query.offset };
}

/** The end of a reporting period ('2026', '2026-H1', '2026-Q3'), for the published cut-off. */
export function periodEnd(period: string): string {
  const [year, part] = period.split('-');
  const ends: Record<string, string> = { H1: '06-30', H2: '12-31', Q1: '03-31', Q2: '06-30', Q3: '09-30', Q4: '12-31' };
  return `${year}-${part ? ends[part] : '12-31'}`;
}

interface DetailOptions {
  includeComments: boolean;
  /** Figures dated after it are left out (the donor view's published cut-off). */
  cutOff: string | null;
}

async function programmeDetail(q: Scoped, p: repo.ProgrammeRow, options: DetailOptions): Promise<ProgrammeDetail> {
  const within = (date: string) => options.cutOff === null || date <= options.cutOff;
  const [unordered, moves, spent, reported, timeline, decisionRows, commentRows] = await Promise.all([
    repo.punos(q, [p.id]),
    repo.transfers(q, [p.id]),
    repo.expenditures(q, [p.id]),
    repo.results(q, [p.id]),
    repo.events(q, p.id),
    repo.decisions(q, p.id),
    options.includeComments ? repo.comments(q, p.id) : Promise.resolve([]),
  ]);
  const transfersShown = moves.filter((t) => within(t.transfer_date));
  const spentShown = spent.filter((e) => within(`${e.year}-12-31`));
  const resultsShown = reported.filter((r) => within(periodEnd(r.period)));
  const orgs = await orgMap(q, [p.convening_organisation_id, ...unordered.map((m) => m.organisation_id), ...p.partner_organisation_ids]);
  // The convening organisation first, then the others by name.
  const rank = (m: { organisation_id: string }) => (m.organisation_id === p.convening_organisation_id ? '' : (orgs.get(m.organisation_id)?.name_en ?? m.organisation_id));
  const members = [...unordered].sort((a, b) => rank(a).localeCompare(rank(b)));
  const entries: LedgerEntry[] = [
    ...transfersShown.map((t) => ({ kind: t.kind, date: t.transfer_date, usd: toCents(t.amount_usd), organisationId: t.organisation_id })),
    ...spentShown.map((e) => ({ kind: 'expenditure' as const, date: `${e.year}-12-31`, usd: toCents(e.amount_usd), organisationId: e.organisation_id })),
  ];
  const status = fundingStatus(entries);
  const totals = budgetTotals(members.map((m) => ({ organisationId: m.organisation_id, directCosts: (m.direct_costs as unknown as string[]).map(toCents) })));
  const framework = p.results_framework as unknown as ResultsFramework;
  const expenditureYears = new Map<string, { organisationId: string; year: number; byCategory: Cents[] }>();
  for (const e of spentShown) {
    const key = `${e.organisation_id}:${e.year}`;
    const entry = expenditureYears.get(key) ?? { organisationId: e.organisation_id, year: e.year, byCategory: [0n, 0n, 0n, 0n, 0n, 0n, 0n] };
    entry.byCategory[e.category - 1] += toCents(e.amount_usd);
    expenditureYears.set(key, entry);
  }
  return {
    ...summaryOf(p, orgs, members),
    summary: p.summary,
    durationMonths: p.duration_months,
    startDate: p.start_date,
    partners: p.partner_organisation_ids.map((id) => orgRef(orgs.get(id), id)),
    thematicAreas: p.thematic_areas,
    gcmObjectives: p.gcm_objectives,
    guidingPrinciples: p.guiding_principles,
    sdgTargets: p.sdg_targets,
    provinces: p.provinces,
    markers: p.markers as unknown as ProgrammeDetail['markers'],
    budget: { direct: fromCents(totals.direct), indirect: fromCents(totals.indirect), total: fromCents(totals.total) },
    punos: members.map((m, i) => {
      const f = status.punos.find((x) => x.organisationId === m.organisation_id);
      return {
        organisation: orgRef(orgs.get(m.organisation_id), m.organisation_id),
        directCosts: m.direct_costs as unknown as string[],
        direct: fromCents(totals.punos[i].direct),
        indirect: fromCents(totals.punos[i].indirect),
        requestedTotal: m.requested_total,
        approvedAmount: m.approved_amount,
        transferred: fromCents(f?.transfers ?? 0n),
        refunded: fromCents(f?.refunds ?? 0n),
        netFunded: fromCents(f?.netFunded ?? 0n),
        expenditure: fromCents(f?.expenditure ?? 0n),
        expenditureByCategory: [1, 2, 3, 4, 5, 6, 7].map((c) =>
          fromCents(sumCents(spentShown.filter((e) => e.organisation_id === m.organisation_id && e.category === c).map((e) => toCents(e.amount_usd)))),
        ),
        balance: fromCents(f?.balance ?? 0n),
        deliveryRate: f?.deliveryRate ?? null,
      };
    }),
    resultsFramework: {
      outcomes: framework.outcomes.map((outcome) => ({
        ...outcome,
        outputs: outcome.outputs.map((output) => ({
          ...output,
          indicators: output.indicators.map((indicator) => {
            const rows = resultsShown.filter((r) => r.indicator_id === indicator.id);
            const progressOf = (actual: string) => indicatorProgress(toCents(indicator.baseline), toCents(indicator.target), toCents(actual));
            return {
              ...indicator,
              results: rows.map((r) => ({ period: r.period, actual: r.actual, narrative: r.narrative, progress: progressOf(r.actual) })),
              latestProgress: rows.length > 0 ? progressOf(rows[rows.length - 1].actual) : null,
            };
          }),
        })),
      })),
    },
    timeline: timeline.map((t) => ({ fromStatus: t.from_status, toStatus: t.to_status, at: isoDate(t.at), actorName: t.display_name })),
    decisions: decisionRows.map((d) => ({
      id: d.id,
      outcome: d.outcome,
      decisionDate: d.decision_date,
      meetingId: d.meeting_id,
      membersPresent: d.members_present,
      text: d.text,
      conditions: d.conditions,
    })),
    transfers: transfersShown.map((t) => ({ id: t.id, organisationId: t.organisation_id, kind: t.kind, tranche: t.tranche, date: t.transfer_date, amount: t.amount_usd })),
    ...(options.includeComments ? { comments: commentRows.map((c) => ({ id: c.id, authorName: c.display_name, body: c.body, createdAt: isoDate(c.created_at) })) } : {}),
    expenditureReports: [...expenditureYears.values()].map((e) => ({
      organisationId: e.organisationId,
      year: e.year,
      byCategory: e.byCategory.map(fromCents),
      total: fromCents(sumCents(e.byCategory)),
      dueDate: annualReportDueDate(e.year),
    })),
  };
}

export async function getProgramme(ctx: RequestContext, id: string): Promise<ProgrammeDetail> {
  requireAccess(ctx.actor, P.FundProposalRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const programme = await readableProgramme(ctx, q, id, P.FundProposalRead);
  return programmeDetail(q, programme, { includeComments: true, cutOff: null });
}

/**
 * The approved programmes (approved, active or closed) as the fund's figures stood at the end of
 * `asOf`: transfers, expenditure and indicator results dated later are left out, as in the donor
 * view. For reports of a past period (the GCM progress report); the reader's fund dashboard scope applies.
 */
export async function approvedProgrammesAsOf(ctx: RequestContext, asOf: string): Promise<ProgrammeDetail[]> {
  const scope = requireAccess(ctx.actor, P.FundDashboardRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const rows = await repo.programmes(q, { statuses: PUBLISHED_STATUSES, organisationId: organisationFilter(ctx.actor!, scope) });
  return Promise.all(rows.map((p) => programmeDetail(q, p, { includeComments: false, cutOff: asOf })));
}

async function publishedCutOff(q: Scoped): Promise<string | null> {
  return (await repo.settings(q)).published_through;
}

/** The donor view: approved programmes only, figures up to the published date, no review comments. */
export async function getPublishedProgramme(ctx: RequestContext, id: string): Promise<ProgrammeDetail> {
  requireAccess(ctx.actor, P.FundPublishedRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const programme = await repo.programme(q, id);
  if (!programme || !PUBLISHED_STATUSES.includes(programme.status)) throw AppError.notFound('Programme');
  const cutOff = (await publishedCutOff(q)) ?? '0000-01-01';
  return programmeDetail(q, programme, { includeComments: false, cutOff });
}

export async function listPublishedProgrammes(ctx: RequestContext) {
  requireAccess(ctx.actor, P.FundPublishedRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const rows = await repo.programmes(q, { statuses: PUBLISHED_STATUSES });
  const [orgs, members] = await Promise.all([orgMap(q, rows.map((p) => p.convening_organisation_id)), repo.punos(q, rows.map((p) => p.id))]);
  return { items: rows.map((p) => summaryOf(p, orgs, members)), total: rows.length, limit: rows.length, offset: 0 };
}

async function statusAnswer(q: Scoped, range: { from: string | null; to: string | null }): Promise<FundingStatusAnswer> {
  const status = fundingStatus(await repo.ledgerEntries(q), range);
  const orgs = await orgMap(q, status.punos.map((p) => p.organisationId));
  const money = <T extends Record<string, Cents>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromCents(v)])) as { [K in keyof T]: string };
  return {
    from: range.from,
    to: range.to,
    sources: money(status.sources),
    uses: money(status.uses),
    balance: money(status.balance),
    punos: status.punos.map((p) => ({
      organisation: orgRef(orgs.get(p.organisationId), p.organisationId),
      transfers: fromCents(p.transfers),
      refunds: fromCents(p.refunds),
      netFunded: fromCents(p.netFunded),
      expenditure: fromCents(p.expenditure),
      balance: fromCents(p.balance),
      deliveryRate: p.deliveryRate,
    })),
    totals: {
      netFunded: fromCents(status.totals.netFunded),
      expenditure: fromCents(status.totals.expenditure),
      balanceWithPunos: fromCents(status.totals.balanceWithPunos),
      deliveryRate: status.totals.deliveryRate,
    },
  };
}

function checkRange(range: In<typeof DateRangeQuery>) {
  if (range.from && range.to && range.from > range.to) throw AppError.field('to', msg('fund.period.end-before-start'));
}

export async function fundingStatusFor(ctx: RequestContext, range: In<typeof DateRangeQuery>): Promise<FundingStatusAnswer> {
  requireAccess(ctx.actor, P.FundMoneyRead);
  checkRange(range);
  return statusAnswer(scoped(ctx.db, ctx.actor!.networkId), { from: range.from ?? null, to: range.to ?? null });
}

export async function publishedFundingStatus(ctx: RequestContext, range: In<typeof DateRangeQuery>): Promise<FundingStatusAnswer> {
  requireAccess(ctx.actor, P.FundPublishedRead);
  checkRange(range);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const cutOff = (await publishedCutOff(q)) ?? '0000-01-01';
  const to = range.to && range.to < cutOff ? range.to : cutOff;
  return statusAnswer(q, { from: range.from ?? null, to });
}

async function dashboardFor(db: Executor, q: Scoped, scope: DashboardAnswer['scope'], organisationId: string | null, cutOff: string | null): Promise<DashboardAnswer> {
  const within = (date: string) => cutOff === null || date <= cutOff;
  const all = await repo.programmes(q, { organisationId });
  const approvedProgrammes = all.filter((p) => PUBLISHED_STATUSES.includes(p.status) || p.status === 'financially_closed');
  const ids = approvedProgrammes.map((p) => p.id);
  const [members, moves, spent, areas, objectives] = await Promise.all([
    repo.punos(q, ids),
    repo.transfers(q, ids),
    repo.expenditures(q, ids),
    db.selectFrom('mmptf_thematic_areas').selectAll().execute(),
    db.selectFrom('gcm_objectives').selectAll().execute(),
  ]);
  const orgs = await orgMap(q, members.map((m) => m.organisation_id));
  const approvedOf = (programmeId: string) => sumCents(members.filter((m) => m.programme_id === programmeId).map((m) => toCents(m.approved_amount ?? '0')));
  const movesShown = moves.filter((t) => within(t.transfer_date));
  const spentShown = spent.filter((e) => within(`${e.year}-12-31`));
  const net = (filter: (t: (typeof moves)[number]) => boolean) =>
    sumCents(movesShown.filter(filter).map((t) => (t.kind === 'transfer' ? toCents(t.amount_usd) : -toCents(t.amount_usd))));
  const spentOf = (filter: (e: (typeof spent)[number]) => boolean) => sumCents(spentShown.filter(filter).map((e) => toCents(e.amount_usd)));

  let pledged: string | null = null;
  let deposited: string | null = null;
  const byContributorYear = new Map<string, { contributor: string; year: number; amount: Cents }>();
  if (scope !== 'own-org') {
    const [people, pledges, cash] = await Promise.all([repo.contributors(q), repo.commitments(q), repo.deposits(q)]);
    pledged = fromCents(sumCents(pledges.filter((p) => within(p.agreement_date)).map((p) => toCents(p.amount_usd))));
    const cashShown = cash.filter((d) => within(d.deposit_date));
    deposited = fromCents(sumCents(cashShown.map((d) => toCents(d.amount_usd))));
    for (const d of cashShown) {
      const pledge = pledges.find((p) => p.id === d.commitment_id)!;
      const name = people.find((c) => c.id === pledge.contributor_id)?.name ?? '';
      const year = Number(d.deposit_date.slice(0, 4));
      const key = `${name}:${year}`;
      const entry = byContributorYear.get(key) ?? { contributor: name, year, amount: 0n };
      entry.amount += toCents(d.amount_usd);
      byContributorYear.set(key, entry);
    }
  }

  const addTo = (map: Map<string, { label: string; amount: Cents }>, key: string, label: string, amount: Cents) => {
    const slice = map.get(key) ?? { label, amount: 0n };
    slice.amount += amount;
    map.set(key, slice);
  };
  const byArea = new Map<string, { label: string; amount: Cents }>();
  const byObjective = new Map<string, { label: string; amount: Cents }>();
  const byPuno = new Map<string, { label: string; amount: Cents }>();
  const byMarker = new Map<string, { label: string; amount: Cents }>();
  for (const p of approvedProgrammes) {
    const approved = approvedOf(p.id);
    // A programme serving several areas counts a share in each, so the slices add up to the total approved.
    splitEvenly(approved, p.thematic_areas.length).forEach((share, i) =>
      addTo(byArea, String(p.thematic_areas[i]), areas.find((a) => a.number === p.thematic_areas[i])?.title ?? '', share),
    );
    splitEvenly(approved, p.gcm_objectives.length).forEach((share, i) =>
      addTo(byObjective, String(p.gcm_objectives[i]), objectives.find((o) => o.number === p.gcm_objectives[i])?.title ?? '', share),
    );
    for (const m of members.filter((x) => x.programme_id === p.id)) {
      const org = orgs.get(m.organisation_id);
      addTo(byPuno, m.organisation_id, org?.acronym ?? org?.name_en ?? '', toCents(m.approved_amount ?? '0'));
    }
    const markers = p.markers as unknown as ProgrammeDetail['markers'];
    addTo(byMarker, `gender:${markers.gender.score}`, `Gender marker ${markers.gender.score}`, approved);
    addTo(byMarker, `humanRights:${markers.humanRights.score}`, `Human-rights marker ${markers.humanRights.score}`, approved);
    addTo(byMarker, `childSensitivity:${markers.childSensitivity.score}`, `Child-sensitivity marker ${markers.childSensitivity.score}`, approved);
  }
  const slices = (map: Map<string, { label: string; amount: Cents }>) =>
    [...map.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([key, s]) => ({ key, label: s.label, amount: fromCents(s.amount) }));

  return {
    scope,
    publishedThrough: cutOff,
    pipeline: {
      pledged,
      deposited,
      approved: fromCents(sumCents(approvedProgrammes.map((p) => approvedOf(p.id)))),
      transferred: fromCents(net(() => true)),
      spent: fromCents(spentOf(() => true)),
    },
    contributionsByContributorAndYear: [...byContributorYear.values()]
      .sort((a, b) => a.contributor.localeCompare(b.contributor) || a.year - b.year)
      .map((e) => ({ contributor: e.contributor, year: e.year, amount: fromCents(e.amount) })),
    allocation: { thematicArea: slices(byArea), gcmObjective: slices(byObjective), puno: slices(byPuno), marker: slices(byMarker) },
    deliveryRates: approvedProgrammes.map((p) => {
      const netFunded = net((t) => t.programme_id === p.id);
      const expenditure = spentOf((e) => e.programme_id === p.id);
      return {
        programmeId: p.id,
        code: p.code,
        title: p.title,
        netFunded: fromCents(netFunded),
        expenditure: fromCents(expenditure),
        deliveryRate: percentage(expenditure, netFunded),
      };
    }),
  };
}

export async function dashboard(ctx: RequestContext): Promise<DashboardAnswer> {
  const scope = requireAccess(ctx.actor, P.FundDashboardRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  return dashboardFor(ctx.db, q, scope === 'own-org' ? 'own-org' : 'network', organisationFilter(ctx.actor!, scope), null);
}

export async function publishedDashboard(ctx: RequestContext): Promise<DashboardAnswer> {
  requireAccess(ctx.actor, P.FundPublishedRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  return dashboardFor(ctx.db, q, 'published', null, (await publishedCutOff(q)) ?? '0000-01-01');
}

// ——— Programme documents ———

export interface DocumentUpload {
  filename: string;
  data: Buffer;
  fields: Record<string, string>;
}

/** Fund managers upload to every programme; focal points drafting proposals only to those their organisation takes part in. */
function documentUploadScope(actor: Actor | null): GrantScope {
  if (hasPermission(actor, P.FundRecordMoney)) return 'network';
  return requireAccess(actor, P.FundProposalDraft);
}

async function mayUploadTo(q: Scoped, actor: Actor, scope: GrantScope, programmeId: string): Promise<boolean> {
  return scope === 'network' || (await repo.puno(q, programmeId, actor.organisationId)) !== undefined;
}

/** Readers of the programme see its documents; donors (published read only) those of approved programmes. */
async function documentReadableProgramme(ctx: RequestContext, q: Scoped, id: string) {
  if (hasPermission(ctx.actor, P.FundProposalRead)) return readableProgramme(ctx, q, id, P.FundProposalRead);
  requireAccess(ctx.actor, P.FundPublishedRead);
  const programme = await repo.programme(q, id);
  if (!programme || !PUBLISHED_STATUSES.includes(programme.status)) throw AppError.notFound('Programme');
  return programme;
}

function documentFields(fields: Record<string, string>): { title: string; kind: ProgrammeDocumentKind } {
  const title = (fields.title ?? '').trim();
  const kind = fields.kind ?? '';
  if (!title || title.length > 300) throw AppError.field('title', msg('fund.document.title'));
  if (!(PROGRAMME_DOCUMENT_KINDS as readonly string[]).includes(kind)) throw AppError.field('kind', msg('fund.document.kind', { kinds: PROGRAMME_DOCUMENT_KINDS.join(', ') }));
  return { title, kind: kind as ProgrammeDocumentKind };
}

/**
 * Uploads a document to a programme. The upload is read only after the access check, and outside
 * the transaction so a slow connection does not hold it open.
 */
export async function uploadProgrammeDocument(ctx: RequestContext, id: string, readUpload: () => Promise<DocumentUpload>): Promise<ProgrammeDocument> {
  const scope = documentUploadScope(ctx.actor);
  const actor = ctx.actor!;
  const reachable = async (q: Scoped) => (await repo.programme(q, id)) !== undefined && (await mayUploadTo(q, actor, scope, id));
  if (!(await reachable(scoped(ctx.db, actor.networkId)))) throw AppError.notFound('Programme');
  const upload = await readUpload();
  const { title, kind } = documentFields(upload.fields);
  const documentId = await command(ctx, async (tx) => {
    if (!(await reachable(tx.q))) throw AppError.notFound('Programme');
    const file = await ctx.services.files.store(tx.db, {
      networkId: tx.actor.networkId,
      organisationId: tx.actor.organisationId,
      uploadedBy: tx.actor.userId,
      name: upload.filename,
      data: upload.data,
      sensitive: false,
    });
    const row = await repo.insertProgrammeDocument(tx.q, { programme_id: id, file_id: file.id, title, kind, uploaded_by: tx.actor.userId });
    await tx.audit({ action: 'fund.programme.document_upload', entity: 'fund_programme', entityId: id, fields: ['title', 'kind', 'file'] });
    return row.id;
  });
  const created = (await programmeDocumentList(scoped(ctx.db, actor.networkId), id)).find((d) => d.id === documentId);
  if (!created) throw AppError.notFound('Document');
  return created;
}

async function programmeDocumentList(q: Scoped, programmeId: string): Promise<ProgrammeDocument[]> {
  return (await repo.programmeDocuments(q, programmeId)).map((d) => ({
    id: d.id,
    title: d.title,
    kind: d.kind,
    fileName: d.file_name,
    contentType: d.content_type,
    size: Number(d.size),
    uploadedBy: d.uploader_name,
    createdAt: isoDate(d.created_at),
  }));
}

export async function listProgrammeDocuments(ctx: RequestContext, id: string): Promise<{ items: ProgrammeDocument[]; canUpload: boolean }> {
  requireAccess(ctx.actor, P.FundPublishedRead);
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  await documentReadableProgramme(ctx, q, id);
  const uploadScope = hasPermission(actor, P.FundRecordMoney) ? 'network' : grantScope(actor.grants, P.FundProposalDraft);
  const canUpload = uploadScope !== null && (await mayUploadTo(q, actor, uploadScope, id));
  return { items: await programmeDocumentList(q, id), canUpload };
}

export async function downloadProgrammeDocument(ctx: RequestContext, id: string, documentId: string) {
  requireAccess(ctx.actor, P.FundPublishedRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  await documentReadableProgramme(ctx, q, id);
  const document = await repo.programmeDocument(q, id, documentId);
  if (!document) throw AppError.notFound('Document');
  return ctx.services.files.read(ctx.db, ctx.actor!.networkId, document.file_id);
}

export { programmeDetail, statusAnswer, publishedCutOff };
