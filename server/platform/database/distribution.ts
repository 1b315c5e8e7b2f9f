import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, type Kysely, sql } from 'kysely';

/**
 * Placement of the schema on a Citus cluster (docs/scaling.md): every tenant table distributed by
 * `network_id` in one co-location group, the tenant list and the reference data copied to every
 * node, and the deployment's own tables kept on the coordinator.
 */

/** The tenant list: it carries `network_id` (= id) but is read by every sign-in, so every node holds a copy. */
const TENANT_LIST = 'networks';
/** The table every tenant table is co-located with: a network's rows of all tables share one worker. */
export const COLOCATION_ANCHOR = 'organisations';
/** The job queue and the migrator's bookkeeping belong to the deployment, not to a network. */
const COORDINATOR_TABLES = new Set(['jobs', 'job_schedules', DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);

type Placement = 'distributed' | 'reference' | 'coordinator';

/** A refusal that leaves the database as it was. */
export class DistributionError extends Error {}

export interface CitusCoordinator {
  workers: number;
}

/** The Citus coordinator this connection is on, or null for PostgreSQL without Citus (PGlite included) and for a Citus worker. */
export async function citusCoordinator(db: Kysely<any>): Promise<CitusCoordinator | null> {
  const extension = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'citus'`.execute(db);
  if (extension.rows[0].n === 0) return null;
  const role = await sql<{ coordinator: boolean }>`SELECT citus_is_coordinator() AS coordinator`.execute(db);
  if (!role.rows[0].coordinator) return null;
  const workers = await sql<{ n: number }>`SELECT count(*)::int AS n FROM citus_get_active_worker_nodes()`.execute(db);
  return { workers: workers.rows[0].n };
}

/** Whether the schema has been distributed: from then on every new table must be placed as it is created. */
export async function schemaIsDistributed(db: Kysely<any>): Promise<boolean> {
  const anchor = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_dist_partition
    WHERE logicalrelid = to_regclass(${`public.${COLOCATION_ANCHOR}`}) AND partmethod = 'h'`.execute(db);
  return anchor.rows[0].n > 0;
}

/**
 * Settings of a transaction that places tables, made before its first statement:
 * - one connection per worker for a table's shards: Citus needs it to create a foreign key to a
 *   reference table once the transaction has sent shard commands in parallel;
 * - no automatic Citus local tables: a table created with keys to a reference table and to a
 *   distributed one stays a plain table until it is placed, instead of being refused.
 */
export async function preparePlacementTransaction(trx: Kysely<any>): Promise<void> {
  await sql`SET LOCAL citus.multi_shard_modify_mode = 'sequential'`.execute(trx);
  await sql`SET LOCAL citus.enable_local_reference_table_foreign_keys = off`.execute(trx);
}

interface TableState {
  name: string;
  target: Placement;
  /** Where Citus has it now; null for a plain PostgreSQL table. */
  current: 'distributed' | 'reference' | 'citus-local' | null;
  colocated: boolean;
}

interface LiftedKey {
  table: string;
  name: string;
  definition: string;
}

export interface ConstraintCounts {
  foreignKeys: number;
  unique: number;
  primaryKeys: number;
}

export interface PlacementReport {
  /** Tables placed by this call; empty when everything was in place already. */
  referenceTables: string[];
  distributedTables: string[];
  coordinatorTables: string[];
  /** Foreign keys dropped while the tables were placed, then created again. */
  liftedForeignKeys: number;
  /** Every constraint of the schema after the placement: the same as before it. */
  constraints: ConstraintCounts;
}

function targetOf(name: string, hasNetworkId: boolean): Placement {
  if (COORDINATOR_TABLES.has(name)) return 'coordinator';
  if (name === TENANT_LIST || !hasNetworkId) return 'reference';
  return 'distributed';
}

async function tableStates(db: Kysely<any>): Promise<TableState[]> {
  // Citus hides its shards from pg_class, so these are the tables of the schema.
  const { rows } = await sql<{
    name: string;
    has_network_id: boolean;
    partmethod: string | null;
    repmodel: string | null;
    distribution_column: string | null;
    colocated: boolean;
  }>`
    SELECT c.relname AS name,
      EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'network_id' AND NOT a.attisdropped) AS has_network_id,
      p.partmethod, p.repmodel,
      CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END AS distribution_column,
      p.colocationid IS NOT DISTINCT FROM (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = to_regclass(${`public.${COLOCATION_ANCHOR}`})) AS colocated
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname`.execute(db);
  return rows.map((row) => {
    const current =
      row.partmethod === null ? null : row.partmethod === 'h' ? 'distributed' : row.repmodel === 't' ? 'reference' : 'citus-local';
    if (current === 'distributed' && row.distribution_column !== 'network_id') {
      throw new DistributionError(`${row.name} is distributed by ${row.distribution_column}, not network_id: undistribute it first (undistribute_table).`);
    }
    return { name: row.name, target: targetOf(row.name, row.has_network_id), current, colocated: row.colocated };
  });
}

function isPlaced(table: TableState): boolean {
  switch (table.target) {
    case 'coordinator':
      return table.current === null || table.current === 'citus-local';
    case 'reference':
      return table.current === 'reference';
    case 'distributed':
      return table.current === 'distributed' && table.colocated;
  }
}

function describeMisplacement(table: TableState): string {
  if (table.current === 'distributed' && table.target === 'distributed') {
    return `${table.name} is distributed outside the co-location group of ${COLOCATION_ANCHOR}`;
  }
  const belongs = table.target === 'coordinator' ? 'stays a table of the coordinator' : `is a ${table.target} table`;
  return `${table.name} is a ${table.current} table, but in Hamsafar it ${belongs}`;
}

async function constraintCounts(db: Kysely<any>): Promise<ConstraintCounts> {
  const { rows } = await sql<{ contype: string; n: number }>`
    SELECT k.contype, count(*)::int AS n
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND k.contype IN ('f', 'u', 'p')
    GROUP BY k.contype`.execute(db);
  const count = (type: string) => rows.find((r) => r.contype === type)?.n ?? 0;
  return { foreignKeys: count('f'), unique: count('u'), primaryKeys: count('p') };
}

/** Foreign keys from or to the given tables, as PostgreSQL would write them again. */
async function foreignKeysTouching(db: Kysely<any>, tables: string[]): Promise<LiftedKey[]> {
  if (tables.length === 0) return [];
  const { rows } = await sql<LiftedKey>`
    SELECT child.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k
    JOIN pg_class child ON child.oid = k.conrelid
    JOIN pg_class parent ON parent.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND (child.relname = ANY(${tables}) OR parent.relname = ANY(${tables}))
    ORDER BY child.relname, k.conname`.execute(db);
  return rows;
}

/**
 * Places every table that is not yet where it belongs, inside the caller's transaction (opened with
 * `preparePlacementTransaction`). Foreign keys of the tables being placed are lifted first, so that
 * no table passes through a state Citus cannot co-locate, and created again once all are placed.
 * A Citus local table (what Citus makes of a plain table with a foreign key to a reference table)
 * is placed like the others: with its keys lifted, Citus distributes or copies it as it is.
 * `shardCount` applies when the co-location group is created; without it Citus uses citus.shard_count.
 */
export async function placeTables(trx: Kysely<any>, options: { shardCount?: number } = {}): Promise<PlacementReport> {
  const tables = await tableStates(trx);
  if (!tables.some((t) => t.name === COLOCATION_ANCHOR)) {
    throw new DistributionError(`The database has no ${COLOCATION_ANCHOR} table: run migrate first.`);
  }
  const misplaced = tables.filter((t) => !isPlaced(t));
  // Moving a table Citus already distributes or copies is an operator's decision, not this command's.
  const held = misplaced.filter((t) => t.current === 'distributed' || t.current === 'reference');
  if (held.length) {
    throw new DistributionError(
      `${held.map(describeMisplacement).join('; ')}. Undistribute ${held.length === 1 ? 'it' : 'them'} first (undistribute_table). Nothing was changed.`,
    );
  }
  const before = await constraintCounts(trx);
  const lifted = await foreignKeysTouching(trx, misplaced.map((t) => t.name));
  for (const key of lifted) await sql`ALTER TABLE ${sql.id(key.table)} DROP CONSTRAINT ${sql.id(key.name)}`.execute(trx);

  // Citus leaves a copy of the rows in the coordinator's table; only tables that had rows need clearing.
  const withRows = new Set<string>();
  for (const table of misplaced) {
    const { rows } = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.id(table.name)}) AS found`.execute(trx);
    if (rows[0].found) withRows.add(table.name);
  }

  const referenceTables = misplaced.filter((t) => t.target === 'reference').map((t) => t.name);
  for (const name of referenceTables) await sql`SELECT create_reference_table(${name}::regclass)`.execute(trx);

  const distributedTables = misplaced.filter((t) => t.target === 'distributed').map((t) => t.name);
  // The anchor first: it creates the co-location group the others join.
  distributedTables.sort((a, b) => Number(b === COLOCATION_ANCHOR) - Number(a === COLOCATION_ANCHOR));
  for (const name of distributedTables) {
    if (name === COLOCATION_ANCHOR) {
      await sql`SELECT create_distributed_table(${name}::regclass, 'network_id', colocate_with => 'none', shard_count => ${options.shardCount ?? null}::int)`.execute(trx);
    } else {
      await sql`SELECT create_distributed_table(${name}::regclass, 'network_id', colocate_with => ${COLOCATION_ANCHOR})`.execute(trx);
    }
  }

  for (const key of lifted) {
    await sql`ALTER TABLE ${sql.id(key.table)} ADD CONSTRAINT ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(trx);
  }
  // The rows now live in the shards; the copy left on the coordinator would only take space (and hold personal data).
  for (const name of withRows) await sql`SELECT truncate_local_data_after_distributing_table(${name}::regclass)`.execute(trx);

  const after = await constraintCounts(trx);
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    throw new Error(`Placing the tables changed the constraints (before ${JSON.stringify(before)}, after ${JSON.stringify(after)}).`);
  }
  const coordinatorTables = tables.filter((t) => t.target === 'coordinator').map((t) => t.name);
  return { referenceTables, distributedTables, coordinatorTables, liftedForeignKeys: lifted.length, constraints: after };
}

/**
 * Distributes the schema on a Citus coordinator in one transaction: a refusal or a failure
 * leaves every table where it was. A schema already in place is left alone.
 */
export async function distributeSchema(db: Kysely<any>, options: { shardCount?: number } = {}): Promise<PlacementReport & { workers: number }> {
  const coordinator = await citusCoordinator(db);
  if (!coordinator) {
    throw new DistributionError(
      'This database is not a Citus coordinator (no citus extension, or a worker node): distribute runs on the coordinator of a Citus cluster. Nothing was changed.',
    );
  }
  if (coordinator.workers === 0) {
    throw new DistributionError('The Citus coordinator has no active worker: add the workers with citus_add_node first. Nothing was changed.');
  }
  const report = await db.transaction().execute(async (trx) => {
    await preparePlacementTransaction(trx);
    return placeTables(trx, options);
  });
  return { ...report, workers: coordinator.workers };
}
