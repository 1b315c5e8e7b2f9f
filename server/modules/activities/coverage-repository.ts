import { sql } from 'kysely';
import type { Scoped } from '../../platform/database/tenant';

/** Which activities the map and the matrix count. */
export interface CoverageFilter {
  gcmObjective?: number;
  sector?: string;
  /** Leads the activity or implements it as a partner. */
  organisationId?: string;
  /** Running at some time in these dates (a reporting period). */
  runningFrom?: string;
  runningTo?: string;
  /** Limits the rows to those this organisation leads plus every published one (as the activity list). */
  visibleTo: string | null;
}

/**
 * Each activity with the unit of `level` it is placed in: a place below the level counts for the
 * unit above it (a district for its province, a tehsil for both), a place above the level for no
 * unit of it (a province is not spread over its districts). Units go three levels deep at most.
 */
function placedAt(q: Scoped, level: number) {
  const unitAtLevel = sql<string>`CASE WHEN u.level = ${level} THEN u.id WHEN p1.level = ${level} THEN p1.id WHEN p2.level = ${level} THEN p2.id END`;
  return q
    .selectFrom('activity_places')
    .innerJoin('admin_units as u', (j) => j.onRef('u.network_id', '=', 'activity_places.network_id').onRef('u.id', '=', 'activity_places.unit_id'))
    .leftJoin('admin_units as p1', (j) => j.onRef('p1.network_id', '=', 'u.network_id').onRef('p1.id', '=', 'u.parent_id'))
    .leftJoin('admin_units as p2', (j) => j.onRef('p2.network_id', '=', 'p1.network_id').onRef('p2.id', '=', 'p1.parent_id'))
    .select(['activity_places.network_id', 'activity_places.activity_id', unitAtLevel.as('unit_id')])
    .distinct()
    .where('u.level', '>=', level as never)
    .where(unitAtLevel, 'is not', null);
}

/** The counted activities, each with the unit of `level` it is in (once per unit), optionally only in one unit. */
function countedActivities(q: Scoped, level: number, f: CoverageFilter, unitId?: string) {
  return q
    .selectFrom('activities')
    .innerJoin(placedAt(q, level).as('pl'), (j) => j.onRef('pl.network_id', '=', 'activities.network_id').onRef('pl.activity_id', '=', 'activities.id'))
    .$if(unitId !== undefined, (qb) => qb.where('pl.unit_id', '=', unitId!))
    // @> rather than = ANY: the GIN index of migration 0440 serves it.
    .$if(f.gcmObjective !== undefined, (qb) => qb.where(sql<boolean>`activities.gcm_objectives @> ARRAY[${f.gcmObjective}]::integer[]`))
    .$if(!!f.sector, (qb) => qb.where('activities.sector', '=', f.sector as never))
    .$if(!!f.organisationId, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('activities.lead_organisation_id', '=', f.organisationId!),
          eb.exists(
            eb
              .selectFrom('activity_partners as ap')
              .select('ap.organisation_id')
              .whereRef('ap.network_id', '=', 'activities.network_id')
              .whereRef('ap.activity_id', '=', 'activities.id')
              .where('ap.organisation_id', '=', f.organisationId!),
          ),
        ]),
      ),
    )
    .$if(!!f.runningFrom, (qb) => qb.where('activities.ends_on', '>=', f.runningFrom!).where('activities.starts_on', '<=', f.runningTo!))
    .$if(!!f.visibleTo, (qb) => qb.where((eb) => eb.or([eb('activities.lead_organisation_id', '=', f.visibleTo!), eb('activities.published', '=', true)])));
}

/** People reached per activity: its own reached figures, or in a period the figures of its report for the period. */
function reachedPerActivity(q: Scoped, periodId?: string) {
  if (periodId) {
    return q
      .selectFrom('activity_reports')
      .innerJoin('activity_report_figures as rf', (j) => j.onRef('rf.network_id', '=', 'activity_reports.network_id').onRef('rf.report_id', '=', 'activity_reports.id'))
      .select(['activity_reports.activity_id', (eb) => eb.fn.sum<number>('rf.people').as('people')])
      .where('activity_reports.period_id', '=', periodId)
      .groupBy('activity_reports.activity_id');
  }
  return q
    .selectFrom('activity_figures')
    .select(['activity_figures.activity_id', (eb) => eb.fn.sum<number>('activity_figures.people').as('people')])
    .where('activity_figures.measure', '=', 'reached')
    .groupBy('activity_figures.activity_id');
}

/** Per unit of the level: the activities counted and the people they reached. */
export async function activitiesPerUnit(q: Scoped, level: number, f: CoverageFilter, periodId?: string) {
  const rows = await countedActivities(q, level, f)
    .leftJoin(reachedPerActivity(q, periodId).as('r'), 'r.activity_id', 'activities.id')
    .select(['pl.unit_id', (eb) => eb.fn.countAll<number>().as('activities'), sql<number>`coalesce(sum(r.people), 0)`.as('reached')])
    .groupBy('pl.unit_id')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, activities: Number(r.activities), reached: Number(r.reached) }));
}

/** Who works where on what: each (unit, organisation, GCM objective) once, the lead organisation and the partners alike. */
export async function presence(q: Scoped, level: number, f: CoverageFilter) {
  const objective = sql<number>`unnest(activities.gcm_objectives)`.as('objective');
  const leads = countedActivities(q, level, f).select(['pl.unit_id', 'activities.lead_organisation_id as organisation_id', objective]);
  const partners = countedActivities(q, level, f)
    .innerJoin('activity_partners as ap', (j) => j.onRef('ap.network_id', '=', 'activities.network_id').onRef('ap.activity_id', '=', 'activities.id'))
    .select(['pl.unit_id', 'ap.organisation_id', objective]);
  return leads.union(partners).execute();
}

/** Organisations per unit, each once however many activities or objectives it has there. */
export async function organisationsPerUnit(q: Scoped, level: number, f: CoverageFilter) {
  const leads = countedActivities(q, level, f).select(['pl.unit_id', 'activities.lead_organisation_id as organisation_id']);
  const partners = countedActivities(q, level, f)
    .innerJoin('activity_partners as ap', (j) => j.onRef('ap.network_id', '=', 'activities.network_id').onRef('ap.activity_id', '=', 'activities.id'))
    .select(['pl.unit_id', 'ap.organisation_id']);
  const rows = await q
    .selectFrom('organisations')
    .innerJoin(leads.union(partners).as('w'), 'w.organisation_id', 'organisations.id')
    .select(['w.unit_id', (eb) => eb.fn.countAll<number>().as('organisations')])
    .groupBy('w.unit_id')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, organisations: Number(r.organisations) }));
}

/** The ids of the counted activities of one unit (and the units below it), a page of them, newest first. */
export async function activityIdsIn(q: Scoped, level: number, unitId: string, f: CoverageFilter, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    countedActivities(q, level, f, unitId).select('activities.id').orderBy('activities.starts_on', 'desc').orderBy('activities.title_en').orderBy('activities.id').limit(page.limit).offset(page.offset).execute(),
    countedActivities(q, level, f, unitId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(total.n) };
}

/** The current units of a level, for the map's table and the matrix's columns. */
export function currentUnitsOf(q: Scoped, level: number) {
  return q.selectFrom('admin_units').select(['id', 'code', 'name_en', 'name_ur']).where('level', '=', level as never).where('retired_at', 'is', null).orderBy('code').execute();
}

export function activitiesByIds(q: Scoped, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q.selectFrom('activities').selectAll().where('id', 'in', ids).execute();
}

export function unitById(q: Scoped, id: string) {
  return q.selectFrom('admin_units').select(['id', 'code', 'level', 'name_en', 'name_ur']).where('id', '=', id).executeTakeFirst();
}
