import { sql } from 'kysely';
import { scoped, type Executor } from '../../platform/database/tenant';

function ownQuery(db: Executor, networkId: string, userId: string, unreadOnly: boolean) {
  return scoped(db, networkId)
    .selectFrom('notifications')
    .where('user_id', '=', userId)
    .$if(unreadOnly, (qb) => qb.where('read_at', 'is', null));
}

export function listOwn(db: Executor, networkId: string, userId: string, filter: { unreadOnly: boolean; limit: number; offset: number }) {
  return ownQuery(db, networkId, userId, filter.unreadOnly)
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countOwn(db: Executor, networkId: string, userId: string, unreadOnly: boolean): Promise<number> {
  const row = await ownQuery(db, networkId, userId, unreadOnly).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Marks one of the user's notifications read; false when the user has no notification with this id. */
export async function markRead(db: Executor, networkId: string, userId: string, id: string): Promise<boolean> {
  const row = await scoped(db, networkId)
    .updateTable('notifications')
    // The clock is a parameter: Citus refuses now() inside a COALESCE of an UPDATE on a distributed table.
    .set({ read_at: sql`coalesce(read_at, ${new Date()})` })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markAllRead(db: Executor, networkId: string, userId: string): Promise<number> {
  const result = await scoped(db, networkId)
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function preferences(db: Executor, networkId: string, userId: string) {
  return scoped(db, networkId).selectFrom('notification_preferences').select(['kind', 'in_app', 'email']).where('user_id', '=', userId).execute();
}

/** Kinds the user has received, so preferences can be set for them before any is stored. */
export async function receivedKinds(db: Executor, networkId: string, userId: string): Promise<string[]> {
  const rows = await scoped(db, networkId).selectFrom('notifications').select('kind').distinct().where('user_id', '=', userId).execute();
  return rows.map((r) => r.kind);
}

export async function upsertPreferences(db: Executor, networkId: string, userId: string, items: { kind: string; inApp: boolean; email: boolean }[]) {
  if (items.length === 0) return;
  await scoped(db, networkId)
    .insertInto(
      'notification_preferences',
      items.map((i) => ({ user_id: userId, kind: i.kind, in_app: i.inApp, email: i.email })),
    )
    .onConflict((oc) => oc.columns(['network_id', 'user_id', 'kind']).doUpdateSet((eb) => ({ in_app: eb.ref('excluded.in_app'), email: eb.ref('excluded.email') })))
    .execute();
}
