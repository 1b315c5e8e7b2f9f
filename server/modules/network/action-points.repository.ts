import { sql } from 'kysely';
import { scoped, type Executor } from '../../platform/database/tenant';
import type { NewRow, RowUpdate } from '../../platform/database/schema';

export const OPEN_STATUSES = ['open', 'in_progress'] as const;

export interface ActionPointFilter {
  status?: string;
  overdue?: boolean;
  organisationId?: string | null;
  workingGroupId?: string;
  today: string;
}

function actionPointQuery(db: Executor, networkId: string, f: ActionPointFilter) {
  return scoped(db, networkId)
    .selectFrom('action_points')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'action_points.network_id').onRef('o.id', '=', 'action_points.owner_organisation_id'))
    .$if(!!f.status, (qb) => qb.where('action_points.status', '=', f.status as never))
    .$if(f.overdue === true, (qb) => qb.where('action_points.due_date', '<', f.today).where('action_points.status', 'in', OPEN_STATUSES))
    .$if(f.overdue === false, (qb) =>
      qb.where((eb) => eb.or([eb('action_points.due_date', '>=', f.today), eb('action_points.status', 'not in', OPEN_STATUSES)])),
    )
    .$if(!!f.organisationId, (qb) => qb.where('action_points.owner_organisation_id', '=', f.organisationId!))
    .$if(!!f.workingGroupId, (qb) => qb.where('action_points.working_group_id', '=', f.workingGroupId!));
}

export async function listActionPoints(db: Executor, networkId: string, f: ActionPointFilter, page?: { limit: number; offset: number }) {
  const rows = await actionPointQuery(db, networkId, f)
    .selectAll('action_points')
    .select('o.name_en as owner_name')
    // Open commitments first, soonest due first; closed ones after them.
    .orderBy(sql`CASE WHEN action_points.status IN ('open', 'in_progress') THEN 0 ELSE 1 END`)
    .orderBy('action_points.due_date')
    .orderBy('action_points.id')
    .$if(!!page, (qb) => qb.limit(page!.limit).offset(page!.offset))
    .execute();
  const count = await actionPointQuery(db, networkId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export type ActionPointRow = Awaited<ReturnType<typeof listActionPoints>>['rows'][number];

export function findActionPoint(db: Executor, networkId: string, id: string) {
  return actionPointQuery(db, networkId, { today: '1970-01-01' })
    .selectAll('action_points')
    .select('o.name_en as owner_name')
    .where('action_points.id', '=', id)
    .executeTakeFirst();
}

export function updatesOf(db: Executor, networkId: string, id: string) {
  return scoped(db, networkId)
    .selectFrom('action_point_updates')
    .innerJoin('users as u', (j) => j.onRef('u.network_id', '=', 'action_point_updates.network_id').onRef('u.id', '=', 'action_point_updates.author_user_id'))
    .select(['action_point_updates.id', 'action_point_updates.status', 'action_point_updates.note', 'action_point_updates.created_at', 'u.display_name'])
    .where('action_point_updates.action_point_id', '=', id)
    .orderBy('action_point_updates.created_at')
    .execute();
}

export function insertActionPoint(db: Executor, networkId: string, values: Omit<NewRow<'action_points'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('action_points', values).returning('id').executeTakeFirstOrThrow();
}

export function updateActionPoint(db: Executor, networkId: string, id: string, version: number, values: RowUpdate<'action_points'>) {
  return scoped(db, networkId)
    .updateTable('action_points')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export function insertUpdate(db: Executor, networkId: string, values: Omit<NewRow<'action_point_updates'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('action_point_updates', values).execute();
}

export function networkIds(db: Executor) {
  return db.selectFrom('networks').select('id').execute().then((rows) => rows.map((r) => r.id));
}

/** Open action points past their due date whose owner has not been told yet. */
export function overdueNotNotified(db: Executor, networkId: string, today: string) {
  return scoped(db, networkId)
    .selectFrom('action_points')
    .select(['id', 'title', 'due_date', 'owner_organisation_id', 'responsible_user_id'])
    .where('due_date', '<', today)
    .where('status', 'in', OPEN_STATUSES)
    .where('overdue_notified_at', 'is', null)
    .orderBy('due_date')
    .limit(500)
    .execute();
}

/** Marks one action point notified; false when another run got there first. */
export async function claimOverdueNotice(db: Executor, networkId: string, id: string): Promise<boolean> {
  const row = await scoped(db, networkId)
    .updateTable('action_points')
    .set({ overdue_notified_at: new Date() })
    .where('id', '=', id)
    .where('overdue_notified_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The organisation's focal points: its membership's focal point and alternate, and its users holding the focal point role. */
export async function focalPointUserIds(db: Executor, networkId: string, organisationId: string, today: string): Promise<string[]> {
  const q = scoped(db, networkId);
  const membership = await q
    .selectFrom('network_memberships')
    .select(['focal_point_user_id', 'alternate_user_id'])
    .where('organisation_id', '=', organisationId)
    .where(sql<boolean>`joined_on <= ${today}::date AND (left_on IS NULL OR left_on > ${today}::date)`)
    .execute();
  const byRole = await q
    .selectFrom('users')
    .innerJoin('user_roles as ur', (j) => j.onRef('ur.network_id', '=', 'users.network_id').onRef('ur.user_id', '=', 'users.id'))
    .innerJoin('roles as r', (j) => j.onRef('r.network_id', '=', 'ur.network_id').onRef('r.id', '=', 'ur.role_id'))
    .select('users.id')
    .where('users.organisation_id', '=', organisationId)
    .where('users.status', '=', 'active')
    .where('r.key', '=', 'focal_point')
    .execute();
  const ids = [...membership.flatMap((m) => [m.focal_point_user_id, m.alternate_user_id]), ...byRole.map((u) => u.id)];
  return [...new Set(ids.filter((id): id is string => !!id))];
}
