import type { z } from 'zod';
import { AGE_BANDS, figureTotals, POPULATION_GROUPS, SEXES, type FigureCell } from '../../../common/activities';
import { grantScope, Permission as P } from '../../../common/permissions';
import type {
  ActivityDetail,
  ActivityInput,
  ActivityQuery,
  ActivityReport,
  ActivitySummary,
  ActivityUpdate,
  Figures,
  FiguresInput,
  PeriodInput,
  ReportInput,
  ReportingPeriod,
  UnlockInput,
} from '../../../common/schemas/activities';
import type { PeriodReports, PublicActivityList, WorkplanActivities } from './schemas';
import { hasPermission, requireAccess, type Actor } from '../../platform/access';
import { changedFields, command, type RequestContext } from '../../platform/context';
import { scoped, type Executor, type Scoped } from '../../platform/database/tenant';
import { AppError, fieldError } from '../../platform/errors';
import type { DownloadFile } from '../../platform/http/downloads';
import { pakistanDate } from '../network/time';
import { iatiActivitiesXml } from './iati';
import { msg } from './messages';
import * as repo from './repository';

type Out<T extends z.ZodType> = z.infer<T>;

// ---- Figures: cells stored, totals derived ----------------------------------------------------

/**
 * The cells of a disaggregation, each sex × age band × group at most once. Totals a client sends
 * are a check only: when one does not add up to the cells, the request is refused (400) naming it.
 */
export function checkFigures(input: FiguresInput, field: string): FigureCell[] {
  const seen = new Set<string>();
  input.cells.forEach((c, i) => {
    const key = `${c.sex}/${c.ageBand}/${c.group}`;
    if (seen.has(key)) throw AppError.badRequest(msg('activities.figures-duplicate'), [fieldError(`${field}.cells.${i}`, msg('activities.figures-duplicate'))]);
    seen.add(key);
  });
  const derived = figureTotals(input.cells);
  const sent = input.totals;
  if (sent) {
    const mismatches: Array<[string, number, number]> = [];
    if (sent.total !== undefined && sent.total !== derived.total) mismatches.push([`${field}.totals.total`, sent.total, derived.total]);
    const groups = [
      ['bySex', SEXES, sent.bySex, derived.bySex],
      ['byAgeBand', AGE_BANDS, sent.byAgeBand, derived.byAgeBand],
      ['byGroup', POPULATION_GROUPS, sent.byGroup, derived.byGroup],
    ] as const;
    for (const [name, keys, given, computed] of groups) {
      for (const key of keys) {
        const value = (given as Record<string, number | undefined> | undefined)?.[key];
        const expected = (computed as Record<string, number>)[key];
        if (value !== undefined && value !== expected) mismatches.push([`${field}.totals.${name}.${key}`, value, expected]);
      }
    }
    if (mismatches.length) {
      const errors = mismatches.map(([f, s, d]) => fieldError(f, msg('activities.figures-total-mismatch', { sent: s, derived: d })));
      throw AppError.badRequest(msg('activities.figures-total-mismatch', { sent: mismatches[0][1], derived: mismatches[0][2] }), errors);
    }
  }
  return input.cells.filter((c) => c.people > 0);
}

function figuresFrom(rows: Array<{ sex: FigureCell['sex']; age_band: FigureCell['ageBand']; population_group: FigureCell['group']; people: number }>): Figures {
  const cells = rows.map((r) => ({ sex: r.sex, ageBand: r.age_band, group: r.population_group, people: r.people }));
  const order = (c: FigureCell) => SEXES.indexOf(c.sex) * 100 + AGE_BANDS.indexOf(c.ageBand) * 10 + POPULATION_GROUPS.indexOf(c.group);
  cells.sort((a, b) => order(a) - order(b));
  return { cells, totals: figureTotals(cells) };
}

// ---- Access ---------------------------------------------------------------------------------

/** An own-org reader sees its organisation's activities and every published one; others are 404. */
export function visibleTo(actor: Actor): string | null {
  return grantScope(actor.grants, P.ActivitiesRead) === 'network' ? null : actor.organisationId;
}

function canSee(actor: Actor, row: { lead_organisation_id: string; published: boolean }): boolean {
  const scope = grantScope(actor.grants, P.ActivitiesRead) ?? grantScope(actor.grants, P.ActivitiesEdit);
  if (scope === 'network') return true;
  if (scope === 'own-org') return row.published || row.lead_organisation_id === actor.organisationId;
  return false;
}

function canEdit(actor: Actor, row: { lead_organisation_id: string }): boolean {
  const scope = grantScope(actor.grants, P.ActivitiesEdit);
  return scope === 'network' || (scope === 'own-org' && row.lead_organisation_id === actor.organisationId);
}

async function visibleActivity(q: Scoped, actor: Actor, id: string) {
  const row = await repo.findActivity(q, id);
  if (!row || !canSee(actor, row)) throw AppError.notFound('Activity');
  return row;
}

/** An activity the actor may change with this permission: 404 when they cannot see it, 403 when they see it (published) but it is another organisation's. */
async function ownActivity(q: Scoped, actor: Actor, id: string, permission: typeof P.ActivitiesEdit | typeof P.ActivitiesReport) {
  const row = await visibleActivity(q, actor, id);
  requireAccess(actor, permission);
  if (grantScope(actor.grants, permission) === 'own-org' && row.lead_organisation_id !== actor.organisationId) throw AppError.forbidden();
  return row;
}

// ---- Answers --------------------------------------------------------------------------------

type OrgRow = Awaited<ReturnType<typeof repo.organisations>>[number];
const orgRef = (o: OrgRow) => ({ id: o.id, nameEn: o.name_en, nameUr: o.name_ur, acronym: o.acronym });

export async function summaries(q: Scoped, actor: Actor, rows: repo.ActivityRow[]): Promise<ActivitySummary[]> {
  const [orgs, figures] = await Promise.all([repo.organisations(q, rows.map((r) => r.lead_organisation_id)), repo.figuresOf(q, rows.map((r) => r.id))]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return rows.map((r) => {
    const mine = figures.filter((f) => f.activity_id === r.id);
    const total = (measure: string) => mine.filter((f) => f.measure === measure).reduce((sum, f) => sum + f.people, 0);
    return {
      id: r.id,
      titleEn: r.title_en,
      titleUr: r.title_ur,
      leadOrganisation: orgRef(byId.get(r.lead_organisation_id)!),
      gcmObjectives: r.gcm_objectives,
      sector: r.sector,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      status: r.status,
      published: r.published,
      workplanItemId: r.workplan_item_id,
      targetedTotal: total('targeted'),
      reachedTotal: total('reached'),
      canEdit: canEdit(actor, r),
      version: r.version,
    };
  });
}

function isLate(report: { submitted_at: Date }, period: { deadline: string }): boolean {
  return pakistanDate(report.submitted_at) > period.deadline;
}

async function reportAnswers(q: Scoped, reports: repo.ReportRow[]): Promise<ActivityReport[]> {
  if (reports.length === 0) return [];
  const [figures, periods] = await Promise.all([repo.reportFiguresOf(q, reports.map((r) => r.id)), repo.listPeriods(q)]);
  const periodById = new Map(periods.map((p) => [p.id, p]));
  return reports.map((r) => ({
    id: r.id,
    periodId: r.period_id,
    activityId: r.activity_id,
    organisationId: r.organisation_id,
    coveredFrom: r.covered_from,
    coveredTo: r.covered_to,
    narrative: r.narrative,
    reached: figuresFrom(figures.filter((f) => f.report_id === r.id)),
    submittedAt: r.submitted_at.toISOString(),
    late: isLate(r, periodById.get(r.period_id)!),
    version: r.version,
  }));
}

async function detail(q: Scoped, actor: Actor, row: repo.ActivityRow): Promise<ActivityDetail> {
  const [[summary], partners, places, figures, reports] = await Promise.all([
    summaries(q, actor, [row]),
    repo.partnersOf(q, [row.id]),
    repo.placesOf(q, [row.id]),
    repo.figuresOf(q, [row.id]),
    repo.reportsWhere(q, { activityIds: [row.id] }),
  ]);
  const partnerOrgs = await repo.organisations(q, partners.map((p) => p.organisation_id));
  const seesComments = grantScope(actor.grants, P.ActivitiesRead) === 'network' || row.lead_organisation_id === actor.organisationId;
  const comments = seesComments ? await repo.commentsOf(q, row.id) : null;
  return {
    ...summary,
    descriptionEn: row.description_en,
    descriptionUr: row.description_ur,
    partnerOrganisations: partnerOrgs.sort((a, b) => a.name_en.localeCompare(b.name_en)).map(orgRef),
    guidingPrinciples: row.guiding_principles,
    sdgTargets: row.sdg_targets,
    fundingKind: row.funding_kind,
    fundProgrammeId: row.fund_programme_id,
    donorName: row.donor_name,
    places: places.map((p) => ({ id: p.id, code: p.code, level: p.level, nameEn: p.name_en, nameUr: p.name_ur })),
    targeted: figuresFrom(figures.filter((f) => f.measure === 'targeted')),
    reached: figuresFrom(figures.filter((f) => f.measure === 'reached')),
    reports: await reportAnswers(q, reports),
    ...(comments ? { comments: comments.map((c) => ({ id: c.id, body: c.body, authorName: c.display_name, createdAt: c.created_at.toISOString() })) } : {}),
  };
}

// ---- Activities ------------------------------------------------------------------------------

export async function listActivities(ctx: RequestContext, query: ActivityQuery) {
  requireAccess(ctx.actor, P.ActivitiesRead);
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  const { rows, total } = await repo.listActivities(q, { ...query, visibleTo: visibleTo(actor) });
  return { items: await summaries(q, actor, rows), total, limit: query.limit, offset: query.offset };
}

export async function getActivity(ctx: RequestContext, id: string): Promise<ActivityDetail> {
  requireAccess(ctx.actor, P.ActivitiesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  return detail(q, ctx.actor!, await visibleActivity(q, ctx.actor!, id));
}

interface References {
  leadOrganisationId: string;
  partnerOrganisationIds?: string[];
  gcmObjectives?: number[];
  guidingPrinciples?: number[];
  sdgTargets?: string[];
  fundingKind: string;
  fundProgrammeId: string | null;
  donorName: string | null;
  unitIds?: string[];
  startsOn: string;
  endsOn: string;
  workplanItemId?: string | null;
}

async function checkReferences(db: Executor, q: Scoped, r: References) {
  if (r.endsOn < r.startsOn) throw AppError.field('endsOn', msg('activities.end-before-start'));
  if ((await repo.organisations(q, [r.leadOrganisationId])).length !== 1) throw AppError.field('leadOrganisationId', msg('activities.organisation-unknown'));
  const partners = [...new Set(r.partnerOrganisationIds ?? [])];
  if ((await repo.organisations(q, partners)).length !== partners.length) throw AppError.field('partnerOrganisationIds', msg('activities.partner-unknown'));
  const objectives = [...new Set(r.gcmObjectives ?? [])];
  if ((await repo.knownNumbers(db, 'gcm_objectives', objectives)) !== objectives.length) throw AppError.field('gcmObjectives', msg('activities.gcm-unknown'));
  const principles = [...new Set(r.guidingPrinciples ?? [])];
  if ((await repo.knownNumbers(db, 'gcm_guiding_principles', principles)) !== principles.length) throw AppError.field('guidingPrinciples', msg('activities.principle-unknown'));
  const targets = [...new Set(r.sdgTargets ?? [])];
  if ((await repo.knownSdgTargets(db, targets)) !== targets.length) throw AppError.field('sdgTargets', msg('activities.sdg-unknown'));
  if (r.fundingKind === 'mmptf') {
    if (!r.fundProgrammeId) throw AppError.field('fundProgrammeId', msg('activities.programme-required'));
    if (!(await repo.fundProgramme(q, r.fundProgrammeId))) throw AppError.field('fundProgrammeId', msg('activities.programme-unknown'));
  } else if (r.fundProgrammeId) throw AppError.field('fundProgrammeId', msg('activities.programme-not-mmptf'));
  if (r.fundingKind === 'other_donor' && !r.donorName) throw AppError.field('donorName', msg('activities.donor-required'));
  if (r.fundingKind !== 'other_donor' && r.donorName) throw AppError.field('donorName', msg('activities.donor-not-other'));
  const units = [...new Set(r.unitIds ?? [])];
  if ((await repo.currentUnits(q, units)).length !== units.length) throw AppError.field('unitIds', msg('activities.unit-unknown'));
  if (r.workplanItemId && !(await repo.workplanItem(q, r.workplanItemId))) throw AppError.field('workplanItemId', msg('activities.workplan-unknown'));
}

/** An organisation records an activity it leads. */
export async function createActivity(ctx: RequestContext, input: ActivityInput): Promise<ActivityDetail> {
  requireAccess(ctx.actor, P.ActivitiesEdit, { organisationId: input.leadOrganisationId });
  const targeted = checkFigures(input.targeted, 'targeted');
  const reached = checkFigures(input.reached, 'reached');
  return command(ctx, async (tx) => {
    const q = tx.q;
    const donorName = input.donorName ?? null;
    await checkReferences(tx.db, q, { ...input, fundProgrammeId: input.fundProgrammeId ?? null, donorName });
    const row = await repo.insertActivity(q, {
      title_en: input.titleEn,
      title_ur: input.titleUr ?? null,
      description_en: input.descriptionEn,
      description_ur: input.descriptionUr ?? null,
      lead_organisation_id: input.leadOrganisationId,
      gcm_objectives: [...new Set(input.gcmObjectives)],
      guiding_principles: [...new Set(input.guidingPrinciples)],
      sdg_targets: [...new Set(input.sdgTargets)],
      sector: input.sector,
      funding_kind: input.fundingKind,
      fund_programme_id: input.fundProgrammeId ?? null,
      donor_name: donorName,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      status: input.status,
      published: input.published,
      workplan_item_id: input.workplanItemId ?? null,
      created_by: tx.actor.userId,
      updated_at: new Date(),
    });
    await repo.replacePartners(q, row.id, [...new Set(input.partnerOrganisationIds)].filter((id) => id !== input.leadOrganisationId));
    await repo.replacePlaces(q, row.id, [...new Set(input.unitIds)]);
    await repo.replaceFigures(q, row.id, 'targeted', targeted);
    await repo.replaceFigures(q, row.id, 'reached', reached);
    await tx.audit({ action: 'activities.create', entity: 'activity', entityId: row.id, fields: changedFields(input) });
    return detail(q, tx.actor, (await repo.findActivity(q, row.id))!);
  });
}

/** The lead organisation edits its activity; two editors of one record meet optimistic locking (409). */
export async function updateActivity(ctx: RequestContext, id: string, input: ActivityUpdate): Promise<ActivityDetail> {
  requireAccess(ctx.actor, P.ActivitiesEdit);
  const targeted = input.targeted && checkFigures(input.targeted, 'targeted');
  const reached = input.reached && checkFigures(input.reached, 'reached');
  return command(ctx, async (tx) => {
    const q = tx.q;
    const current = await ownActivity(q, tx.actor, id, P.ActivitiesEdit);
    const { version, partnerOrganisationIds, unitIds, targeted: _t, reached: _r, ...changes } = input;
    const fundingKind = changes.fundingKind ?? current.funding_kind;
    const fundProgrammeId = changes.fundProgrammeId !== undefined ? changes.fundProgrammeId : changes.fundingKind && changes.fundingKind !== 'mmptf' ? null : current.fund_programme_id;
    const donorName = changes.donorName !== undefined ? changes.donorName : changes.fundingKind && changes.fundingKind !== 'other_donor' ? null : current.donor_name;
    await checkReferences(tx.db, q, {
      leadOrganisationId: current.lead_organisation_id,
      partnerOrganisationIds,
      gcmObjectives: changes.gcmObjectives,
      guidingPrinciples: changes.guidingPrinciples,
      sdgTargets: changes.sdgTargets,
      fundingKind,
      fundProgrammeId,
      donorName,
      unitIds,
      startsOn: changes.startsOn ?? current.starts_on,
      endsOn: changes.endsOn ?? current.ends_on,
      workplanItemId: changes.workplanItemId,
    });
    const updated = await repo.updateActivity(q, id, version, {
      title_en: changes.titleEn,
      title_ur: changes.titleUr,
      description_en: changes.descriptionEn,
      description_ur: changes.descriptionUr,
      gcm_objectives: changes.gcmObjectives && [...new Set(changes.gcmObjectives)],
      guiding_principles: changes.guidingPrinciples && [...new Set(changes.guidingPrinciples)],
      sdg_targets: changes.sdgTargets && [...new Set(changes.sdgTargets)],
      sector: changes.sector,
      funding_kind: changes.fundingKind,
      fund_programme_id: fundProgrammeId,
      donor_name: donorName,
      starts_on: changes.startsOn,
      ends_on: changes.endsOn,
      status: changes.status,
      published: changes.published,
      workplan_item_id: changes.workplanItemId,
    });
    if (!updated) throw AppError.staleVersion(current.version, await detail(q, tx.actor, current));
    if (partnerOrganisationIds) await repo.replacePartners(q, id, [...new Set(partnerOrganisationIds)].filter((o) => o !== current.lead_organisation_id));
    if (unitIds) await repo.replacePlaces(q, id, [...new Set(unitIds)]);
    if (targeted) await repo.replaceFigures(q, id, 'targeted', targeted);
    if (reached) await repo.replaceFigures(q, id, 'reached', reached);
    await tx.audit({ action: 'activities.update', entity: 'activity', entityId: id, fields: changedFields({ ...changes, partnerOrganisationIds, unitIds, targeted: input.targeted, reached: input.reached }) });
    return detail(q, tx.actor, (await repo.findActivity(q, id))!);
  });
}

/** The secretariat comments on any activity; the lead organisation reads the comments. */
export async function addComment(ctx: RequestContext, id: string, body: string): Promise<{ id: string }> {
  requireAccess(ctx.actor, P.ActivitiesComment);
  return command(ctx, async (tx) => {
    await visibleActivity(tx.q, tx.actor, id);
    const row = await repo.insertComment(tx.q, { activity_id: id, author_id: tx.actor.userId, body });
    await tx.audit({ action: 'activities.comment', entity: 'activity', entityId: id, fields: ['body'] });
    return { id: row.id };
  });
}

/** Activities tagged to each workplan line, as far as the reader may see them: the workplan page shows them under the line. */
export async function workplanActivities(ctx: RequestContext): Promise<Out<typeof WorkplanActivities>> {
  requireAccess(ctx.actor, P.ActivitiesRead);
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  const { rows } = await repo.listActivities(q, { visibleTo: visibleTo(actor) });
  const tagged = rows.filter((r) => r.workplan_item_id);
  const items = await summaries(q, actor, tagged);
  const lines = new Map<string, ActivitySummary[]>();
  for (const item of items) lines.set(item.workplanItemId!, [...(lines.get(item.workplanItemId!) ?? []), item]);
  return [...lines.entries()].map(([workplanItemId, activities]) => ({ workplanItemId, activities }));
}

/**
 * The IATI 2.03 activity file of an organisation that publishes to IATI: its activities that the
 * MMPTF does not fund (the fund publishes those), as far as the requester sees them. An organisation
 * exports its own; a network-wide reader any organisation's.
 */
export async function iatiActivities(ctx: RequestContext, organisationId: string): Promise<DownloadFile> {
  const scope = requireAccess(ctx.actor, P.ActivitiesRead);
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  const [organisation] = await repo.iatiOrganisations(q, [organisationId]);
  if (!organisation) throw AppError.notFound('Organisation');
  if (scope === 'own-org' && organisationId !== actor.organisationId) throw AppError.forbidden(msg('activities.iati-other-organisation'));
  if (!organisation.publishes_to_iati || !organisation.iati_organisation_id) throw AppError.conflict(msg('activities.iati-not-publisher'));
  const { rows } = await repo.listActivities(q, { organisationId, fundingKinds: ['other_donor', 'own_funds'], visibleTo: visibleTo(actor) });
  if (rows.length === 0) throw AppError.conflict(msg('activities.iati-no-activities'));
  const ids = rows.map((r) => r.id);
  const [partnerRows, places, defaultCountry] = await Promise.all([repo.partnersOf(q, ids), repo.placesOf(q, ids), repo.gazetteerCountry(q)]);
  const partnerOrgs = new Map((await repo.iatiOrganisations(q, partnerRows.map((p) => p.organisation_id))).map((o) => [o.id, o]));
  const xml = iatiActivitiesXml(
    rows.map((row) => ({
      row,
      partners: partnerRows.filter((p) => p.activity_id === row.id).map((p) => partnerOrgs.get(p.organisation_id)!),
      places: places.filter((p) => p.activity_id === row.id),
    })),
    { reporter: { ...organisation, iati_organisation_id: organisation.iati_organisation_id }, generatedAt: new Date(), today: pakistanDate(), defaultCountry },
  );
  return { contentType: 'application/xml; charset=utf-8', filename: `iati-activities-${organisation.iati_organisation_id}.xml`, body: xml };
}

// ---- Periodic reporting ------------------------------------------------------------------------

type PeriodRow = NonNullable<Awaited<ReturnType<typeof repo.findPeriod>>>;
type UnlockRow = Awaited<ReturnType<typeof repo.unlocksOf>>[number];

function isLocked(period: PeriodRow, today = pakistanDate()): boolean {
  return today > period.deadline;
}

/** Whether an organisation may still report for a period: before its deadline, or while an unlock for it lasts. */
export function openFor(period: PeriodRow, unlocks: UnlockRow[], organisationId: string, today = pakistanDate()): boolean {
  return !isLocked(period, today) || unlocks.some((u) => u.period_id === period.id && u.organisation_id === organisationId && u.until >= today);
}

function periodAnswer(period: PeriodRow, unlocks: UnlockRow[], actor: Actor): ReportingPeriod {
  return {
    id: period.id,
    kind: period.kind,
    startsOn: period.starts_on,
    endsOn: period.ends_on,
    deadline: period.deadline,
    locked: isLocked(period),
    openForMe: hasPermission(actor, P.ActivitiesReport) && openFor(period, unlocks, actor.organisationId),
  };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
function periodEnd(kind: 'monthly' | 'quarterly', startsOn: string): string {
  const [y, m] = startsOn.split('-').map(Number);
  const months = kind === 'monthly' ? 1 : 3;
  const next = new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
  return addDays(next, -1);
}

export async function listPeriods(ctx: RequestContext): Promise<ReportingPeriod[]> {
  requireAccess(ctx.actor, P.ActivitiesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const periods = await repo.listPeriods(q);
  const unlocks = await repo.unlocksOf(q, periods.map((p) => p.id));
  return periods.map((p) => periodAnswer(p, unlocks, ctx.actor!));
}

/** A network admin opens a monthly or quarterly period: it starts on the first day of a month (of a quarter) and ends on the last. */
export async function openPeriod(ctx: RequestContext, input: Out<typeof PeriodInput>): Promise<ReportingPeriod> {
  requireAccess(ctx.actor, P.ActivitiesPeriodsManage);
  const [, month, day] = input.startsOn.split('-').map(Number);
  if (day !== 1 || (input.kind === 'quarterly' && (month - 1) % 3 !== 0)) throw AppError.field('startsOn', msg('activities.period-start'));
  if (input.endsOn !== periodEnd(input.kind, input.startsOn)) throw AppError.field('endsOn', msg('activities.period-end', { end: periodEnd(input.kind, input.startsOn) }));
  if (input.deadline < input.endsOn) throw AppError.field('deadline', msg('activities.deadline-before-end'));
  return command(ctx, async (tx) => {
    if (await repo.periodStartingOn(tx.q, input.kind, input.startsOn)) throw AppError.conflict(msg('activities.period-overlap'));
    const row = await repo.insertPeriod(tx.q, { kind: input.kind, starts_on: input.startsOn, ends_on: input.endsOn, deadline: input.deadline, created_by: tx.actor.userId });
    await tx.audit({ action: 'activities.period.open', entity: 'reporting_period', entityId: row.id, fields: changedFields(input) });
    return periodAnswer((await repo.findPeriod(tx.q, row.id))!, [], tx.actor);
  });
}

/** The reports of a period (an organisation: its own), the activities running in it without one, and its unlocks. */
export async function periodReports(ctx: RequestContext, periodId: string): Promise<Out<typeof PeriodReports>> {
  const scope = requireAccess(ctx.actor, P.ActivitiesRead);
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  const period = await repo.findPeriod(q, periodId);
  if (!period) throw AppError.notFound('Reporting period');
  const organisationId = scope === 'own-org' ? actor.organisationId : null;
  const [reports, running, unlocks] = await Promise.all([
    repo.reportsWhere(q, { periodId, organisationId }),
    repo.activitiesRunning(q, period.starts_on, period.ends_on, organisationId),
    repo.unlocksOf(q, [periodId]),
  ]);
  const orgs = new Map((await repo.organisations(q, [...reports.map((r) => r.organisation_id), ...running.map((a) => a.lead_organisation_id)])).map((o) => [o.id, o.name_en]));
  const titles = new Map(running.map((a) => [a.id, a.title_en]));
  const reportedIds = new Set(reports.map((r) => r.activity_id));
  const missingTitles = reports.filter((r) => !titles.has(r.activity_id));
  for (const r of missingTitles) titles.set(r.activity_id, (await repo.findActivity(q, r.activity_id))?.title_en ?? '');
  const answers = await reportAnswers(q, reports);
  return {
    period: periodAnswer(period, unlocks, actor),
    reports: answers.map((r) => ({ ...r, activityTitle: titles.get(r.activityId) ?? '', organisationName: orgs.get(r.organisationId) ?? '' })),
    missing: running
      .filter((a) => !reportedIds.has(a.id))
      .map((a) => ({ activityId: a.id, activityTitle: a.title_en, organisationId: a.lead_organisation_id, organisationName: orgs.get(a.lead_organisation_id) ?? '' })),
    unlocks: unlocks
      .filter((u) => !organisationId || u.organisation_id === organisationId)
      .map((u) => ({ id: u.id, periodId: u.period_id, organisationId: u.organisation_id, reason: u.reason, until: u.until, unlockedBy: u.unlocked_by_name, createdAt: u.created_at.toISOString() })),
  };
}

/**
 * The lead organisation submits, or edits, its report of an activity for a period: reached figures
 * and a short narrative, for dates inside the period. After the deadline only an unlock reopens it.
 */
export async function submitReport(ctx: RequestContext, activityId: string, periodId: string, input: ReportInput): Promise<ActivityReport> {
  requireAccess(ctx.actor, P.ActivitiesReport);
  const cells = checkFigures(input.reached, 'reached');
  return command(ctx, async (tx) => {
    const q = tx.q;
    const activity = await ownActivity(q, tx.actor, activityId, P.ActivitiesReport);
    const period = await repo.findPeriod(q, periodId);
    if (!period) throw AppError.notFound('Reporting period');
    const unlocks = await repo.unlocksOf(q, [periodId]);
    if (!openFor(period, unlocks, activity.lead_organisation_id)) throw new AppError(409, 'period-locked', 'Period locked', msg('activities.period-locked', { deadline: period.deadline }));
    if (activity.starts_on > period.ends_on || activity.ends_on < period.starts_on) throw AppError.field('periodId', msg('activities.activity-outside-period'));
    const coveredFrom = input.coveredFrom ?? period.starts_on;
    const coveredTo = input.coveredTo ?? period.ends_on;
    const outside = msg('activities.date-outside-period', { from: period.starts_on, to: period.ends_on });
    if (coveredFrom < period.starts_on || coveredFrom > period.ends_on) throw AppError.field('coveredFrom', outside);
    if (coveredTo < period.starts_on || coveredTo > period.ends_on) throw AppError.field('coveredTo', outside);
    if (coveredTo < coveredFrom) throw AppError.field('coveredTo', msg('activities.end-before-start'));
    const existing = await repo.findReport(q, periodId, activityId);
    let reportId: string;
    if (existing) {
      if (input.version === undefined) throw AppError.field('version', msg('activities.report-version-required'));
      const updated = await repo.updateReport(q, existing.id, input.version, { narrative: input.narrative, covered_from: coveredFrom, covered_to: coveredTo, submitted_by: tx.actor.userId });
      if (!updated) throw AppError.staleVersion(existing.version, (await reportAnswers(q, [existing]))[0]);
      reportId = existing.id;
    } else {
      const row = await repo.insertReport(q, {
        period_id: periodId,
        activity_id: activityId,
        organisation_id: activity.lead_organisation_id,
        covered_from: coveredFrom,
        covered_to: coveredTo,
        narrative: input.narrative,
        submitted_by: tx.actor.userId,
        submitted_at: new Date(),
        updated_at: new Date(),
      });
      reportId = row.id;
    }
    await repo.replaceReportFigures(q, reportId, cells);
    await tx.audit({ action: existing ? 'activities.report.update' : 'activities.report.submit', entity: 'activity_report', entityId: reportId, fields: changedFields(input) });
    const [answer] = await reportAnswers(q, [(await repo.findReport(q, periodId, activityId))!]);
    return answer;
  });
}

/** The secretariat reopens a locked period for one organisation, with a written reason, until a date (audited). */
export async function unlockPeriod(ctx: RequestContext, periodId: string, input: Out<typeof UnlockInput>) {
  requireAccess(ctx.actor, P.ActivitiesPeriodsManage);
  return command(ctx, async (tx) => {
    const period = await repo.findPeriod(tx.q, periodId);
    if (!period) throw AppError.notFound('Reporting period');
    if ((await repo.organisations(tx.q, [input.organisationId])).length !== 1) throw AppError.field('organisationId', msg('activities.organisation-unknown'));
    const today = pakistanDate();
    if (!isLocked(period, today)) throw AppError.conflict(msg('activities.unlock-not-locked'));
    if (input.until < today) throw AppError.field('until', msg('activities.unlock-until-past'));
    const row = await repo.insertUnlock(tx.q, { period_id: periodId, organisation_id: input.organisationId, reason: input.reason, until: input.until, unlocked_by: tx.actor.userId });
    await tx.audit({ action: 'activities.period.unlock', entity: 'reporting_period', entityId: periodId, fields: ['organisationId', 'reason', 'until'] });
    const [unlock] = (await repo.unlocksOf(tx.q, [periodId])).filter((u) => u.id === row.id);
    return { id: unlock.id, periodId, organisationId: unlock.organisation_id, reason: unlock.reason, until: unlock.until, unlockedBy: unlock.unlocked_by_name, createdAt: unlock.created_at.toISOString() };
  });
}

// ---- Public view -----------------------------------------------------------------------------------

/**
 * Anyone, signed in or not: the activities organisations chose to publish, without personal data
 * (no people's names, no comments, no reports). An unknown network is 404.
 */
export async function publicActivities(ctx: RequestContext, networkCode: string): Promise<Out<typeof PublicActivityList>> {
  const network = await repo.networkByCode(ctx.db, networkCode);
  if (!network) throw AppError.notFound('Network');
  const q = scoped(ctx.db, network.id);
  const { rows } = await repo.listActivities(q, { publishedOnly: true });
  const [orgs, places, figures] = await Promise.all([
    repo.organisations(q, rows.map((r) => r.lead_organisation_id)),
    repo.placesOf(q, rows.map((r) => r.id)),
    repo.figuresOf(q, rows.map((r) => r.id)),
  ]);
  const names = new Map(orgs.map((o) => [o.id, o.acronym ?? o.name_en]));
  const total = (id: string, measure: string) => figures.filter((f) => f.activity_id === id && f.measure === measure).reduce((s, f) => s + f.people, 0);
  return {
    items: rows.map((r) => ({
      id: r.id,
      titleEn: r.title_en,
      titleUr: r.title_ur,
      descriptionEn: r.description_en,
      descriptionUr: r.description_ur,
      organisation: names.get(r.lead_organisation_id) ?? '',
      gcmObjectives: r.gcm_objectives,
      sector: r.sector,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      status: r.status,
      places: places.filter((p) => p.activity_id === r.id).map((p) => ({ id: p.id, code: p.code, level: p.level, nameEn: p.name_en, nameUr: p.name_ur })),
      targetedTotal: total(r.id, 'targeted'),
      reachedTotal: total(r.id, 'reached'),
    })),
  };
}
