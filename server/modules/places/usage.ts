import { sql } from 'kysely';
import type { Executor, Scoped } from '../../platform/database/tenant';

/**
 * "Is this unit in use?": a unit in use is retired, never deleted, when an import leaves it out, so
 * what points to it keeps pointing to it.
 *
 * Found in two ways, both open to other modules:
 * - every foreign key to `admin_units (network_id, id)` from another table counts, found in the
 *   catalogue: a module that references units by a foreign key (activities do) needs nothing more;
 * - a module that refers to units otherwise (a list of ids in jsonb, say) registers a check with
 *   `registerUnitUsage`.
 * The unit hierarchy (`parent_id`) and the ISO mapping (`subdivision_units`) are not uses: the
 * import keeps the parent of a unit that stays, and the mapping follows its unit.
 */
export type UnitUsageCheck = (q: Scoped, unitIds: string[]) => Promise<Iterable<string>>;

const checks: Array<{ name: string; check: UnitUsageCheck }> = [];

export function registerUnitUsage(name: string, check: UnitUsageCheck): void {
  if (!checks.some((c) => c.name === name)) checks.push({ name, check });
}

/** Removes a check registered by a test. */
export function unregisterUnitUsage(name: string): void {
  const i = checks.findIndex((c) => c.name === name);
  if (i >= 0) checks.splice(i, 1);
}

const NOT_USES = new Set(['admin_units', 'subdivision_units']);

/** Table and column of every foreign key (network_id, column) → admin_units (network_id, id). */
async function referencingColumns(db: Executor): Promise<Array<{ table: string; column: string }>> {
  const rows = await sql<{ table: string; column: string }>`
    SELECT rel.relname AS table, att.attname AS column
    FROM pg_constraint con
    JOIN pg_class rel ON rel.oid = con.conrelid
    JOIN pg_namespace ns ON ns.oid = rel.relnamespace AND ns.nspname = current_schema()
    CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(col, fcol)
    JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.col
    JOIN pg_attribute fatt ON fatt.attrelid = con.confrelid AND fatt.attnum = k.fcol
    WHERE con.contype = 'f' AND con.confrelid = to_regclass('admin_units') AND fatt.attname = 'id'`.execute(db);
  return rows.rows.filter((r) => !NOT_USES.has(r.table));
}

/** The ids among `unitIds` that something of the network refers to. */
export async function unitsInUse(db: Executor, q: Scoped, unitIds: string[]): Promise<Set<string>> {
  const used = new Set<string>();
  if (unitIds.length === 0) return used;
  for (const { table, column } of await referencingColumns(db)) {
    // One statement per referencing table, bound to the network (routed to its shard on Citus).
    const rows = await sql<{ id: string }>`
      SELECT DISTINCT ${sql.ref(column)}::text AS id FROM ${sql.table(table)}
      WHERE network_id = ${q.networkId} AND ${sql.ref(column)} = ANY(${sql.val(unitIds)}::uuid[])`.execute(db);
    for (const row of rows.rows) used.add(row.id);
  }
  for (const { check } of checks) for (const id of await check(q, unitIds)) used.add(id);
  return used;
}
