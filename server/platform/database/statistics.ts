import { sql } from 'kysely';
import type { Executor } from './tenant';
import type { TenantTable } from './schema';

/**
 * Gives the planner statistics for tables a long transaction is filling, before it writes their
 * children. Foreign keys here are (network_id, id): on a table never analysed, every index that
 * starts with network_id looks as good as the primary key, and the foreign-key check's cached plan
 * may pick one and filter by id, scanning the whole network per row. A 100,000-row import then
 * slowed batch by batch and never finished. ANALYZE counts the transaction's own new rows; a role
 * that does not own the table gets a warning, not an error, and the import goes on as before.
 */
export async function refreshPlannerStatistics(db: Executor, tables: TenantTable[]): Promise<void> {
  for (const table of tables) await sql`ANALYZE ${sql.table(table)}`.execute(db);
}
