import { sql } from 'kysely';
import { scoped, type Executor } from '../../platform/database/tenant';
import type { NewRow, RowUpdate } from '../../platform/database/schema';

export interface WorkplanFilter {
  gcmObjective?: number;
  workingGroupId?: string;
  organisationId?: string;
}

export function listItems(db: Executor, networkId: string, f: WorkplanFilter = {}) {
  return scoped(db, networkId)
    .selectFrom('workplan_items')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'workplan_items.network_id').onRef('o.id', '=', 'workplan_items.lead_organisation_id'))
    .selectAll('workplan_items')
    .select(['o.name_en as lead_name'])
    .$if(f.gcmObjective !== undefined, (qb) => qb.where(sql<boolean>`${f.gcmObjective} = ANY(workplan_items.gcm_objectives)`))
    .$if(!!f.workingGroupId, (qb) => qb.where('workplan_items.working_group_id', '=', f.workingGroupId!))
    .$if(!!f.organisationId, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('workplan_items.lead_organisation_id', '=', f.organisationId!),
          eb.exists(
            eb
              .selectFrom('workplan_partners')
              .select('workplan_partners.organisation_id')
              .where('workplan_partners.network_id', '=', networkId)
              .whereRef('workplan_partners.workplan_item_id', '=', 'workplan_items.id')
              .where('workplan_partners.organisation_id', '=', f.organisationId!),
          ),
        ]),
      ),
    )
    .orderBy('workplan_items.starts_on')
    .orderBy('workplan_items.title_en')
    .execute();
}

export type WorkplanRow = Awaited<ReturnType<typeof listItems>>[number];

export async function findItem(db: Executor, networkId: string, id: string) {
  const rows = await scoped(db, networkId)
    .selectFrom('workplan_items')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'workplan_items.network_id').onRef('o.id', '=', 'workplan_items.lead_organisation_id'))
    .selectAll('workplan_items')
    .select(['o.name_en as lead_name'])
    .where('workplan_items.id', '=', id)
    .execute();
  return rows[0];
}

export function partnersOf(db: Executor, networkId: string, itemIds: string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return scoped(db, networkId).selectFrom('workplan_partners').selectAll().where('workplan_item_id', 'in', itemIds).execute();
}

export function insertItem(db: Executor, networkId: string, values: Omit<NewRow<'workplan_items'>, 'network_id'>) {
  return scoped(db, networkId).insertInto('workplan_items', values).returning('id').executeTakeFirstOrThrow();
}

export function updateItem(db: Executor, networkId: string, id: string, version: number, values: RowUpdate<'workplan_items'>) {
  return scoped(db, networkId)
    .updateTable('workplan_items')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function replacePartners(db: Executor, networkId: string, itemId: string, organisationIds: string[]) {
  const q = scoped(db, networkId);
  await q.deleteFrom('workplan_partners').where('workplan_item_id', '=', itemId).execute();
  if (organisationIds.length) await q.insertInto('workplan_partners', organisationIds.map((id) => ({ workplan_item_id: itemId, organisation_id: id }))).execute();
}

/** Activities of an output; their timeframe must stay inside the output's. */
export function childrenOf(db: Executor, networkId: string, parentId: string) {
  return scoped(db, networkId).selectFrom('workplan_items').select(['id', 'starts_on', 'ends_on']).where('parent_id', '=', parentId).execute();
}

export function gcmObjectives(db: Executor) {
  return db.selectFrom('gcm_objectives').selectAll().orderBy('number').execute();
}

export function chairUsers(db: Executor, networkId: string) {
  return scoped(db, networkId)
    .selectFrom('users')
    .innerJoin('user_roles as ur', (j) => j.onRef('ur.network_id', '=', 'users.network_id').onRef('ur.user_id', '=', 'users.id'))
    .innerJoin('roles as r', (j) => j.onRef('r.network_id', '=', 'ur.network_id').onRef('r.id', '=', 'ur.role_id'))
    .select(['users.id', 'users.email'])
    .where('r.key', '=', 'chair')
    .where('users.status', '=', 'active')
    .execute();
}
