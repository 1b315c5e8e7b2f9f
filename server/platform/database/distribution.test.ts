import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/commands';
import { loadConfig, type Config } from '../../config';
import { activeWorkers, emptyDatabase, freshDatabase, onlyOn } from '../../test/database';
import { openDatabase } from './connection';
import { MIGRATIONS, migrateToLatest } from './migrate';
import { scoped, type Executor } from './tenant';

const CITUS_ONLY = onlyOn(['citus'], 'placing tables needs a Citus cluster: it runs in the Citus run');
/** docs/scaling.md: the tenant list and the reference data are copied to every node. */
const REFERENCE_TABLES = ['budget_categories', 'gcm_guiding_principles', 'gcm_objectives', 'mmptf_thematic_areas', 'networks', 'sdg_indicators', 'sdg_targets', 'subdivisions'];
/** The job queue and the migrator's bookkeeping stay plain tables of the coordinator. */
const COORDINATOR_TABLES = ['job_schedules', 'jobs', 'kysely_migration', 'kysely_migration_lock'];

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function cli(config: Config, ...argv: string[]) {
  const info: string[] = [];
  const error: string[] = [];
  const code = await runCli(argv, { info: (l) => info.push(l), error: (l) => error.push(l) }, () => config);
  return { code, out: info.join('\n'), err: error.join('\n') };
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-distribution-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new server database with the schema migrated but not distributed, and the CLI's configuration for it. */
async function migratedDatabase(): Promise<{ config: Config; db: Executor }> {
  const empty = await emptyDatabase();
  cleanups.push(() => empty.drop());
  const config = loadConfig({ DATABASE_URL: empty.url, DATA_DIR: tempDir(), LOG_LEVEL: 'silent' });
  expect((await cli(config, 'migrate')).code).toBe(0);
  const handle = await openDatabase({ databaseUrl: empty.url, poolSize: 2 });
  cleanups.push(() => handle.close());
  return { config, db: handle.db };
}

/** Every constraint of the schema as PostgreSQL writes it (Citus hides its shards from pg_class). */
async function constraints(db: Kysely<any>) {
  const { rows } = await sql<{ table: string; name: string; definition: string }>`
    SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' ORDER BY 1, 2`.execute(db);
  return rows;
}

/** Where Citus keeps each table of the schema. */
async function placements(db: Kysely<any>) {
  const { rows } = await sql<{ table: string; kind: string; column: string | null; colocated: boolean; has_network_id: boolean }>`
    SELECT c.relname AS table,
      CASE WHEN p.logicalrelid IS NULL THEN 'coordinator' WHEN p.partmethod = 'h' THEN 'distributed' WHEN p.repmodel = 't' THEN 'reference' ELSE 'citus local' END AS kind,
      CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END AS column,
      p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'organisations'::regclass) AS colocated,
      EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'network_id') AS has_network_id
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`.execute(db);
  return rows;
}

function tablesOf(rows: Awaited<ReturnType<typeof placements>>, kind: string): string[] {
  return rows.filter((r) => r.kind === kind).map((r) => r.table);
}

/** One network with an organisation and an admin, made by the CLI as an operator would, so the audit chain has entries. */
async function populate(config: Config): Promise<void> {
  expect((await cli(config, 'create-network', '--code', 'DST', '--name-en', 'Distribution network', '--name-ur', 'تقسیم نیٹ ورک')).code).toBe(0);
  expect((await cli(config, 'create-organisation', '--network', 'DST', '--name-en', 'Secretariat', '--name-ur', 'سیکرٹریٹ', '--type', 'un_entity', '--htcds-type', 'NGO')).code).toBe(0);
  expect((await cli(config, 'create-admin', '--network', 'DST', '--email', 'admin@dst.pk', '--name', 'Admin', '--organisation', 'Secretariat', '--password', 'a long enough password')).code).toBe(0);
}

async function rowsOf(db: Executor) {
  const all = async (table: string, order: string) => (await sql.raw(`SELECT to_jsonb(t) AS r FROM ${table} t ORDER BY ${order}`).execute(db)).rows;
  return { networks: await all('networks', 'id'), organisations: await all('organisations', 'id'), users: await all('users', 'id'), audit: await all('audit_log', 'network_id, seq') };
}

describe('distribute on a Citus coordinator', { timeout: 300_000, ...CITUS_ONLY }, () => {
  it('copies networks and the reference data to every node, co-locates every tenant table with organisations, keeps the platform tables on the coordinator, and keeps every constraint', async () => {
    const { config, db } = await migratedDatabase();
    const before = await constraints(db);
    const foreignKeys = before.filter((c) => c.definition.startsWith('FOREIGN KEY')).length;

    const first = await cli(config, 'distribute', '--shard-count', '4');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(`Foreign keys lifted while the tables were placed, and created again: ${foreignKeys}.`);

    const placed = await placements(db);
    expect(tablesOf(placed, 'reference')).toEqual(REFERENCE_TABLES);
    expect(tablesOf(placed, 'coordinator')).toEqual(COORDINATOR_TABLES);
    const tenantTables = placed.filter((r) => r.has_network_id && r.table !== 'networks');
    expect(tenantTables.length).toBeGreaterThan(60);
    expect(tenantTables.filter((r) => r.kind !== 'distributed' || r.column !== 'network_id' || !r.colocated)).toEqual([]);
    expect(placed.length).toBe(REFERENCE_TABLES.length + COORDINATOR_TABLES.length + tenantTables.length);
    expect(await constraints(db)).toEqual(before);

    // The keys hold on the shards: a user of an organisation that does not exist is refused.
    expect((await cli(config, 'create-network', '--code', 'FKS', '--name-en', 'Keys', '--name-ur', 'کلید')).code).toBe(0);
    const network = await db.selectFrom('networks').select('id').where('code', '=', 'FKS').executeTakeFirstOrThrow();
    const orphan = scoped(db, network.id).insertInto('users', {
      organisation_id: '00000000-0000-4000-8000-000000000000', email: 'orphan@fks.pk', display_name: 'Orphan', password_hash: null,
      status: 'invited', locked_until: null, mfa_secret: null, mfa_pending_secret: null, last_login_at: null, updated_at: new Date(),
    });
    await expect(orphan.execute()).rejects.toThrow(/violates foreign key constraint "users_network_id_organisation_id_fkey/);

    const second = await cli(config, 'distribute');
    const kept = `${foreignKeys} foreign keys, ${before.filter((c) => c.definition.startsWith('UNIQUE')).length} unique constraints and ${before.filter((c) => c.definition.startsWith('PRIMARY KEY')).length} primary keys`;
    expect(second).toMatchObject({ code: 0, out: `Every table is in place on the ${await activeWorkers(db)} workers already: nothing changed (${kept}).` });
    expect(await placements(db)).toEqual(placed);
  });

  it('distributes a database that holds data, also where the old procedure left Citus local tables behind', async () => {
    const { config, db } = await migratedDatabase();
    await populate(config);
    const data = await rowsOf(db);
    const before = await constraints(db);
    // The first step of the procedure docs/scaling.md used to give: Citus turns every table with a key to networks into a Citus local table.
    await sql`SELECT create_reference_table('networks')`.execute(db);
    // And one an operator added by hand, which Citus does not take back when its keys go.
    await sql`SELECT citus_add_local_table_to_metadata('mail_outbox')`.execute(db);
    expect(tablesOf(await placements(db), 'citus local')).toEqual(expect.arrayContaining(['organisations', 'mail_outbox']));

    const distributed = await cli(config, 'distribute', '--shard-count', '4');
    expect(distributed.code, distributed.err).toBe(0);
    const placed = await placements(db);
    expect(tablesOf(placed, 'citus local')).toEqual([]);
    expect(tablesOf(placed, 'reference')).toEqual(REFERENCE_TABLES);
    expect(placed.filter((r) => r.has_network_id && r.table !== 'networks' && !(r.kind === 'distributed' && r.colocated))).toEqual([]);
    expect(await constraints(db)).toEqual(before);
    expect(await rowsOf(db)).toEqual(data);
    expect(await cli(config, 'verify-audit')).toMatchObject({ code: 0, out: 'OK      DST: 3 entries, chain intact' });
  });

  it('refuses a tenant table distributed outside the co-location group, naming it, and changes nothing', async () => {
    const { config, db } = await migratedDatabase();
    await sql`SELECT create_distributed_table('audit_heads', 'network_id', colocate_with => 'none', shard_count => 2)`.execute(db);
    const before = await placements(db);
    const refused = await cli(config, 'distribute');
    expect(refused).toMatchObject({
      code: 1,
      err: 'audit_heads is distributed outside the co-location group of organisations. Undistribute it first (undistribute_table). Nothing was changed.',
    });
    expect(await placements(db)).toEqual(before);
  });
});

/** The project's migrations and one more, as a later version of Hamsafar would bring. */
function withMigration(name: string, migration: Migration): MigrationProvider {
  return { getMigrations: async () => ({ ...(await MIGRATIONS.getMigrations()), [name]: migration }) };
}

const VISITS_MIGRATION: Migration = {
  async up(db) {
    await sql`
      CREATE TABLE test_regions (code text PRIMARY KEY, name text NOT NULL);
      INSERT INTO test_regions VALUES ('north', 'North');
      CREATE TABLE test_visits (
        network_id uuid NOT NULL REFERENCES networks (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        region text NOT NULL REFERENCES test_regions (code),
        PRIMARY KEY (network_id, id),
        FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
      );
      CREATE INDEX test_visits_region ON test_visits (network_id, region);
    `.execute(db);
  },
};

describe('migrations on a Citus coordinator', { timeout: 300_000, ...CITUS_ONLY }, () => {
  it('places the tables a migration creates in the same run, once the schema is distributed', async () => {
    const database = await freshDatabase({ poolSize: 2 });
    cleanups.push(() => database.close());
    expect(await migrateToLatest(database.db, withMigration('9900_test_visits', VISITS_MIGRATION))).toEqual(['9900_test_visits']);

    const placed = (await placements(database.db)).filter((r) => r.table.startsWith('test_'));
    expect(placed).toEqual([
      { table: 'test_regions', kind: 'reference', column: null, colocated: false, has_network_id: false },
      { table: 'test_visits', kind: 'distributed', column: 'network_id', colocated: true, has_network_id: true },
    ]);
    expect((await constraints(database.db)).filter((c) => c.table === 'test_visits').map((c) => c.definition)).toEqual([
      'FOREIGN KEY (network_id) REFERENCES networks(id)',
      'FOREIGN KEY (network_id, organisation_id) REFERENCES organisations(network_id, id)',
      'PRIMARY KEY (network_id, id)',
      'FOREIGN KEY (region) REFERENCES test_regions(code)',
    ]);
    expect((await sql<{ name: string }>`SELECT name FROM test_regions`.execute(database.db)).rows).toEqual([{ name: 'North' }]);
    expect(await migrateToLatest(database.db, withMigration('9900_test_visits', VISITS_MIGRATION))).toEqual([]);
  });

  it('leaves the tables of a schema that is not distributed on the coordinator', async () => {
    const { db } = await migratedDatabase();
    expect(await migrateToLatest(db, withMigration('9900_test_visits', VISITS_MIGRATION))).toEqual(['9900_test_visits']);
    expect((await placements(db)).filter((r) => r.kind !== 'coordinator')).toEqual([]);
  });
});

describe('distribute without Citus', { timeout: 300_000 }, () => {
  it('refuses the embedded database before opening it', { ...onlyOn(['pglite'], 'checked once, in the PGlite run') }, async () => {
    const config = loadConfig({ DATA_DIR: tempDir(), LOG_LEVEL: 'silent' });
    expect(await cli(config, 'distribute')).toMatchObject({
      code: 1,
      err: 'distribute runs on the coordinator of a Citus cluster: set DATABASE_URL to it. The embedded database (PGlite) cannot be distributed.',
    });
    expect(fs.readdirSync(config.dataDir)).toEqual([]);
  });

  it('refuses a PostgreSQL database without the citus extension, and changes nothing', { ...onlyOn(['postgres'], 'needs a server database without Citus: it runs in the PostgreSQL run') }, async () => {
    const { config, db } = await migratedDatabase();
    const before = await constraints(db);
    expect(await cli(config, 'distribute')).toMatchObject({
      code: 1,
      err: 'This database is not a Citus coordinator (no citus extension, or a worker node): distribute runs on the coordinator of a Citus cluster. Nothing was changed.',
    });
    expect(await constraints(db)).toEqual(before);
  });
});
