import { sql } from 'kysely';
import type { Executor, Scoped } from '../../platform/database/tenant';
import type { NewRow, RowUpdate } from '../../platform/database/schema';
import type { FigureCell, FundingKind } from '../../../common/activities';

type Insert<T extends Parameters<Scoped['insertInto']>[0]> = Omit<NewRow<T>, 'network_id'>;

export interface ActivityFilter {
  organisationId?: string;
  gcmObjective?: number;
  sector?: string;
  status?: string;
  workplanItemId?: string;
  fundingKinds?: readonly FundingKind[];
  /** Limits the rows to those this organisation leads plus every published one. */
  visibleTo?: string | null;
  publishedOnly?: boolean;
  limit?: number;
  offset?: number;
}

function filtered(q: Scoped, f: ActivityFilter) {
  return q
    .selectFrom('activities')
    .$if(!!f.organisationId, (qb) => qb.where('activities.lead_organisation_id', '=', f.organisationId!))
    .$if(f.gcmObjective !== undefined, (qb) => qb.where(sql<boolean>`${f.gcmObjective} = ANY(activities.gcm_objectives)`))
    .$if(!!f.sector, (qb) => qb.where('activities.sector', '=', f.sector as never))
    .$if(!!f.status, (qb) => qb.where('activities.status', '=', f.status as never))
    .$if(!!f.workplanItemId, (qb) => qb.where('activities.workplan_item_id', '=', f.workplanItemId!))
    .$if(!!f.fundingKinds, (qb) => qb.where('activities.funding_kind', 'in', f.fundingKinds!))
    .$if(!!f.visibleTo, (qb) => qb.where((eb) => eb.or([eb('activities.lead_organisation_id', '=', f.visibleTo!), eb('activities.published', '=', true)])))
    .$if(!!f.publishedOnly, (qb) => qb.where('activities.published', '=', true));
}

export async function listActivities(q: Scoped, f: ActivityFilter) {
  const rows = await filtered(q, f)
    .selectAll('activities')
    .orderBy('activities.starts_on', 'desc')
    .orderBy('activities.title_en')
    .orderBy('activities.id')
    .$if(f.limit !== undefined, (qb) => qb.limit(f.limit!).offset(f.offset ?? 0))
    .execute();
  const total = f.limit === undefined ? rows.length : Number((await filtered(q, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { rows, total };
}

export type ActivityRow = Awaited<ReturnType<typeof listActivities>>['rows'][number];

export function findActivity(q: Scoped, id: string) {
  return q.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertActivity(q: Scoped, values: Insert<'activities'>) {
  return q.insertInto('activities', values).returning('id').executeTakeFirstOrThrow();
}

/** Optimistic locking: changes the row only when it still has the version the editor read. */
export function updateActivity(q: Scoped, id: string, version: number, values: RowUpdate<'activities'>) {
  return q
    .updateTable('activities')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}

export function organisations(q: Scoped, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q.selectFrom('organisations').select(['id', 'name_en', 'name_ur', 'acronym']).where('id', 'in', [...new Set(ids)]).execute();
}

/** Organisations as an IATI file names them: with their type and IATI identifier. */
export function iatiOrganisations(q: Scoped, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('organisations')
    .select(['id', 'name_en', 'name_ur', 'type', 'iati_organisation_id', 'publishes_to_iati'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The country of the network's newest gazetteer: where its activities are when they name no place. */
export async function gazetteerCountry(q: Scoped): Promise<string | null> {
  return (await q.selectFrom('admin_unit_sets').select('country').orderBy('imported_at', 'desc').limit(1).executeTakeFirst())?.country ?? null;
}

export function partnersOf(q: Scoped, activityIds: string[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return q.selectFrom('activity_partners').selectAll().where('activity_id', 'in', activityIds).execute();
}

export async function replacePartners(q: Scoped, activityId: string, organisationIds: string[]) {
  await q.deleteFrom('activity_partners').where('activity_id', '=', activityId).execute();
  if (organisationIds.length) await q.insertInto('activity_partners', organisationIds.map((organisation_id) => ({ activity_id: activityId, organisation_id }))).execute();
}

export function placesOf(q: Scoped, activityIds: string[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('activity_places')
    .innerJoin('admin_units as u', (j) => j.onRef('u.network_id', '=', 'activity_places.network_id').onRef('u.id', '=', 'activity_places.unit_id'))
    .innerJoin('admin_unit_sets as s', (j) => j.onRef('s.network_id', '=', 'u.network_id').onRef('s.id', '=', 'u.set_id'))
    .select(['activity_places.activity_id', 'u.id', 'u.code', 'u.level', 'u.name_en', 'u.name_ur', 's.country'])
    .where('activity_places.activity_id', 'in', activityIds)
    .orderBy('u.level')
    .orderBy('u.code')
    .execute();
}

export async function replacePlaces(q: Scoped, activityId: string, unitIds: string[]) {
  await q.deleteFrom('activity_places').where('activity_id', '=', activityId).execute();
  if (unitIds.length) await q.insertInto('activity_places', unitIds.map((unit_id) => ({ activity_id: activityId, unit_id }))).execute();
}

/** Units that exist and are not retired, among these ids. */
export function currentUnits(q: Scoped, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q.selectFrom('admin_units').select('id').where('id', 'in', ids).where('retired_at', 'is', null).execute();
}

export function figuresOf(q: Scoped, activityIds: string[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return q.selectFrom('activity_figures').selectAll().where('activity_id', 'in', activityIds).execute();
}

export async function replaceFigures(q: Scoped, activityId: string, measure: 'targeted' | 'reached', cells: FigureCell[]) {
  await q.deleteFrom('activity_figures').where('activity_id', '=', activityId).where('measure', '=', measure).execute();
  const rows = cells.filter((c) => c.people > 0).map((c) => ({ activity_id: activityId, measure, sex: c.sex, age_band: c.ageBand, population_group: c.group, people: c.people }));
  if (rows.length) await q.insertInto('activity_figures', rows).execute();
}

export function commentsOf(q: Scoped, activityId: string) {
  return q
    .selectFrom('activity_comments')
    .innerJoin('users as u', (j) => j.onRef('u.network_id', '=', 'activity_comments.network_id').onRef('u.id', '=', 'activity_comments.author_id'))
    .select(['activity_comments.id', 'activity_comments.body', 'activity_comments.created_at', 'u.display_name'])
    .where('activity_comments.activity_id', '=', activityId)
    .orderBy('activity_comments.created_at')
    .execute();
}

export function insertComment(q: Scoped, values: Insert<'activity_comments'>) {
  return q.insertInto('activity_comments', values).returning('id').executeTakeFirstOrThrow();
}

// ---- Reference checks -------------------------------------------------------------------------

export async function knownNumbers(db: Executor, table: 'gcm_objectives' | 'gcm_guiding_principles', numbers: number[]) {
  if (numbers.length === 0) return 0;
  return (await db.selectFrom(table).select('number').where('number', 'in', numbers).execute()).length;
}

export async function knownSdgTargets(db: Executor, codes: string[]) {
  if (codes.length === 0) return 0;
  return (await db.selectFrom('sdg_targets').select('code').where('code', 'in', codes).execute()).length;
}

export function fundProgramme(q: Scoped, id: string) {
  return q.selectFrom('fund_programmes').select('id').where('id', '=', id).executeTakeFirst();
}

export function workplanItem(q: Scoped, id: string) {
  return q.selectFrom('workplan_items').select('id').where('id', '=', id).executeTakeFirst();
}

// ---- Periods and reports ----------------------------------------------------------------------

export function listPeriods(q: Scoped) {
  return q.selectFrom('reporting_periods').selectAll().orderBy('starts_on', 'desc').orderBy('kind').execute();
}

export function findPeriod(q: Scoped, id: string) {
  return q.selectFrom('reporting_periods').selectAll().where('id', '=', id).executeTakeFirst();
}

export function periodStartingOn(q: Scoped, kind: string, startsOn: string) {
  return q.selectFrom('reporting_periods').select('id').where('kind', '=', kind as never).where('starts_on', '=', startsOn).executeTakeFirst();
}

export function insertPeriod(q: Scoped, values: Insert<'reporting_periods'>) {
  return q.insertInto('reporting_periods', values).returning('id').executeTakeFirstOrThrow();
}

export function unlocksOf(q: Scoped, periodIds: string[]) {
  if (periodIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('reporting_unlocks')
    .innerJoin('users as u', (j) => j.onRef('u.network_id', '=', 'reporting_unlocks.network_id').onRef('u.id', '=', 'reporting_unlocks.unlocked_by'))
    .selectAll('reporting_unlocks')
    .select('u.display_name as unlocked_by_name')
    .where('reporting_unlocks.period_id', 'in', periodIds)
    .orderBy('reporting_unlocks.created_at')
    .execute();
}

export function insertUnlock(q: Scoped, values: Insert<'reporting_unlocks'>) {
  return q.insertInto('reporting_unlocks', values).returning('id').executeTakeFirstOrThrow();
}

export function reportsWhere(q: Scoped, f: { periodId?: string; activityIds?: string[]; organisationId?: string | null }) {
  if (f.activityIds && f.activityIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('activity_reports')
    .selectAll()
    .$if(!!f.periodId, (qb) => qb.where('period_id', '=', f.periodId!))
    .$if(!!f.activityIds, (qb) => qb.where('activity_id', 'in', f.activityIds!))
    .$if(!!f.organisationId, (qb) => qb.where('organisation_id', '=', f.organisationId!))
    .orderBy('submitted_at')
    .execute();
}

export type ReportRow = Awaited<ReturnType<typeof reportsWhere>>[number];

export function findReport(q: Scoped, periodId: string, activityId: string) {
  return q.selectFrom('activity_reports').selectAll().where('period_id', '=', periodId).where('activity_id', '=', activityId).executeTakeFirst();
}

export function insertReport(q: Scoped, values: Insert<'activity_reports'>) {
  return q.insertInto('activity_reports', values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export function updateReport(q: Scoped, id: string, version: number, values: RowUpdate<'activity_reports'>) {
  return q
    .updateTable('activity_reports')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}

export function reportFiguresOf(q: Scoped, reportIds: string[]) {
  if (reportIds.length === 0) return Promise.resolve([]);
  return q.selectFrom('activity_report_figures').selectAll().where('report_id', 'in', reportIds).execute();
}

export async function replaceReportFigures(q: Scoped, reportId: string, cells: FigureCell[]) {
  await q.deleteFrom('activity_report_figures').where('report_id', '=', reportId).execute();
  const rows = cells.filter((c) => c.people > 0).map((c) => ({ report_id: reportId, sex: c.sex, age_band: c.ageBand, population_group: c.group, people: c.people }));
  if (rows.length) await q.insertInto('activity_report_figures', rows).execute();
}

/** Activities running in a period (for the list of missing reports). */
export function activitiesRunning(q: Scoped, from: string, to: string, organisationId: string | null) {
  return q
    .selectFrom('activities')
    .select(['id', 'title_en', 'lead_organisation_id'])
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .where('status', 'in', ['ongoing', 'completed'])
    .$if(!!organisationId, (qb) => qb.where('lead_organisation_id', '=', organisationId!))
    .orderBy('title_en')
    .execute();
}

export function networkByCode(db: Executor, code: string) {
  return db.selectFrom('networks').select('id').where('code', '=', code).executeTakeFirst();
}

/** Activities whose dates overlap a period, and those given by id (reported in it though their dates moved since), for the GCM report. */
export function activitiesInPeriod(q: Scoped, from: string, to: string, alsoIds: string[]) {
  return q
    .selectFrom('activities')
    .selectAll()
    .where((eb) => {
      const overlapping = eb.and([eb('starts_on', '<=', to), eb('ends_on', '>=', from)]);
      return alsoIds.length ? eb.or([overlapping, eb('id', 'in', alsoIds)]) : overlapping;
    })
    .orderBy('title_en')
    .orderBy('id')
    .execute();
}
