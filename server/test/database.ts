import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../platform/database/connection';
import { distributeSchema } from '../platform/database/distribution';
import { migrateToLatest } from '../platform/database/migrate';

export type TestDatabase = 'pglite' | 'postgres' | 'citus';

function chosenDatabase(value: string | undefined): TestDatabase {
  if (value === undefined || value === 'pglite' || value === 'postgres' || value === 'citus') return value ?? 'pglite';
  throw new Error(`HAMSAFAR_TEST_DB=${value}: expected pglite, postgres or citus.`);
}

/**
 * Which database the suite runs on: in-memory PGlite by default; HAMSAFAR_TEST_DB=postgres uses the
 * server at TEST_DATABASE_URL, HAMSAFAR_TEST_DB=citus the coordinator of a Citus cluster at TEST_CITUS_URL.
 */
export const TEST_DB = chosenDatabase(process.env.HAMSAFAR_TEST_DB);
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
/** A database of the cluster with the citus extension on every node and the workers registered (what cluster.sh starts). */
export const TEST_CITUS_URL = process.env.TEST_CITUS_URL ?? 'postgres://root@127.0.0.1:56432/hamsafar';
/** PostgreSQL and Citus are servers: many connections, and processes that share one database. */
export const ON_SERVER = TEST_DB !== 'pglite';
/** One shard group a worker: networks land on both workers, and each test file's schema is distributed in about two seconds. */
export const TEST_SHARD_COUNT = 2;

/**
 * Options for a describe whose tests run only on some databases. Elsewhere they are skipped with
 * the reason, and the run's closing lines (server/test/not-run-reporter.ts) name them, so none is
 * skipped silently.
 */
export function onlyOn(databases: TestDatabase[], reason: string): { skip: boolean; meta?: { notRunBecause: string } } {
  return databases.includes(TEST_DB) ? { skip: false } : { skip: true, meta: { notRunBecause: reason } };
}

/** Workers of the cluster as its metadata lists them, for tests that check what the server reports. */
export async function activeWorkers(db: Kysely<any>): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_dist_node WHERE isactive AND noderole = 'primary' AND groupid <> 0`.execute(db);
  return rows[0].n;
}

/**
 * Drops a test database on one node. FORCE ends client sessions, but Citus's maintenance daemon of
 * that database can connect again in between ("being accessed by other users"): try a few times.
 */
async function dropDatabaseOn(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runOn(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The same server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function runOn(url: string, ...statements: string[]): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results: pg.QueryResult[] = [];
    for (const statement of statements) results.push(await client.query(statement));
    return results;
  } finally {
    await client.end();
  }
}

export interface EmptyDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the suite's server. On Citus it exists on every node with the extension,
 * and its coordinator knows the workers, as `cluster.sh` prepares the first database of a cluster.
 */
export async function emptyDatabase(): Promise<EmptyDatabase> {
  const name = `hamsafar_t_${randomBytes(6).toString('hex')}`;
  if (TEST_DB === 'postgres') {
    await runOn(TEST_DATABASE_URL, `CREATE DATABASE ${name}`);
    return { url: withDatabase(TEST_DATABASE_URL, name), drop: () => runOn(TEST_DATABASE_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined) };
  }
  if (TEST_DB !== 'citus') throw new Error('emptyDatabase() needs a database server: HAMSAFAR_TEST_DB=postgres or citus.');
  const [nodeList] = await runOn(TEST_CITUS_URL, `SELECT nodename, nodeport, groupid FROM pg_dist_node WHERE isactive AND noderole = 'primary' ORDER BY groupid`);
  const nodes = nodeList.rows.map((row) => {
    const admin = new URL(TEST_CITUS_URL);
    admin.hostname = row.nodename;
    admin.port = String(row.nodeport);
    return { host: row.nodename as string, port: row.nodeport as number, coordinator: row.groupid === 0, admin: admin.toString() };
  });
  const coordinator = nodes.find((n) => n.coordinator);
  if (!coordinator) throw new Error(`${TEST_CITUS_URL} has no coordinator in pg_dist_node: start the cluster with cluster.sh.`);
  const url = withDatabase(coordinator.admin, name);
  const drop = async () => {
    // The coordinator first: its sessions hold connections to the workers' copies.
    await dropDatabaseOn(coordinator.admin, name);
    await Promise.all(nodes.filter((n) => !n.coordinator).map((n) => dropDatabaseOn(n.admin, name)));
  };
  try {
    await Promise.all(
      nodes.map(async (node) => {
        await runOn(node.admin, `CREATE DATABASE ${name}`);
        await runOn(withDatabase(node.admin, name), 'CREATE EXTENSION citus');
      }),
    );
    await registerNodes(url, nodes);
  } catch (error) {
    // A half-made database would stay on the cluster, each copy with its maintenance daemon.
    await drop();
    throw error;
  }
  return { url, drop };
}

/**
 * Tells a new database's coordinator about itself and the workers. Registering a node copies the
 * roles to it, and roles are shared by all databases of a server: two test files doing it at once
 * collide ("tuple concurrently updated"), so they take turns.
 */
async function registerNodes(url: string, nodes: Array<{ host: string; port: number; coordinator: boolean }>): Promise<void> {
  const turn = new pg.Client({ connectionString: TEST_CITUS_URL });
  await turn.connect();
  try {
    await turn.query(`SELECT pg_advisory_lock(hashtext('hamsafar test node registration'))`);
    await runOn(
      url,
      ...nodes.map((n) => (n.coordinator ? `SELECT citus_set_coordinator_host('${n.host}', ${n.port})` : `SELECT citus_add_node('${n.host}', ${n.port})`)),
    );
  } finally {
    await turn.end();
  }
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the server.
 * On Citus the schema is distributed, as a deployment's is, before any test uses it.
 */
export async function freshDatabase(options: { poolSize?: number } = {}): Promise<DatabaseHandle & { url?: string }> {
  if (TEST_DB === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return handle;
  }
  const empty = await emptyDatabase();
  const handle = await openDatabase({ databaseUrl: empty.url, poolSize: options.poolSize ?? 10 });
  const close = async () => {
    await handle.close();
    await empty.drop();
  };
  try {
    await migrateToLatest(handle.db);
    if (TEST_DB === 'citus') await distributeSchema(handle.db, { shardCount: TEST_SHARD_COUNT });
  } catch (error) {
    await close();
    throw error;
  }
  return { ...handle, url: empty.url, close };
}
