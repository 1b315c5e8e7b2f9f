import { type Kysely, sql } from 'kysely';

/**
 * The places permissions for networks created before the places module: every built-in role reads
 * the administrative units, the network admin imports boundaries (common/roles.ts, places block).
 * Roles a network admin has edited keep their edits; only the missing grant is added.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE roles SET grants = array_append(grants, 'places.read'), version = version + 1
    WHERE builtin AND NOT ('places.read' = ANY (grants));
    UPDATE roles SET grants = array_append(grants, 'places.import'), version = version + 1
    WHERE builtin AND key = 'network_admin' AND NOT ('places.import' = ANY (grants));
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
