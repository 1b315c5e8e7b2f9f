/**
 * What the protection benchmarks share: generating cases with real ciphertext, the API under
 * test, the scenarios, and the closed-loop load with the machine's CPU time per request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../server/config';
import { buildApp } from '../../server/platform/http/app';
import { openDatabase, type DatabaseHandle } from '../../server/platform/database/connection';
import type { Database } from '../../server/platform/database/schema';
import { scoped } from '../../server/platform/database/tenant';
import { createServices } from '../../server/platform/services';
import { registerJobs } from '../../server/modules';
import { Factory, type Agent } from '../../server/test/factories';
import { identityIndex, nameIndex, sealedDisplayName } from '../../server/modules/protection/search';

export const CONCURRENCY = 32;
export const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1600);
/** Organisations of each generated network; cases are spread evenly over them. */
export const ORGANISATIONS = 20;

/** Persons of a network whose CNIC blind index is real, one in every ORGANISATIONS cases, all in its first organisation. */
export const searchablePersons = (casesPerNetwork: number) => Math.min(10_000, Math.floor(casesPerNetwork / ORGANISATIONS));

export const cnicOf = (i: number) => {
  const d = String(3520200000000 + i);
  return `${d.slice(0, 5)}-${d.slice(5, 12)}-${d.slice(12)}`;
};

/** Creates `database` on the server at `serverUrl` unless `reuse` and it is there; says whether it was reused. */
export async function prepareDatabase(serverUrl: string, database: string, reuse: boolean): Promise<boolean> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount! > 0;
    if (exists && reuse) return true;
    if (exists) await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    return false;
  } finally {
    await admin.end();
  }
}

export interface BenchSystem {
  handle: DatabaseHandle;
  services: ReturnType<typeof createServices>;
  factory: Factory;
  /** Address of the API, http://127.0.0.1:port. */
  base: string;
  close(): Promise<void>;
}

/** The real server on `url`, listening on a free port, with no jobs or demo data. */
export async function benchSystem(url: string, options: { log?: (query: CompiledQuery) => void; migrate?: (db: Kysely<Database>) => Promise<void> }): Promise<BenchSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-bench-'));
  const masterKeyFile = path.join(os.tmpdir(), 'hamsafar-bench-master.key');
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, MASTER_KEY_FILE: masterKeyFile, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', DEMO_DATA: 'false' });
  const handle = await openDatabase({
    databaseUrl: url,
    // Writers and read-only readers each get half, so the API holds as many connections as the bare route.
    poolSize: CONCURRENCY / 2 + 2,
    log: (event) => {
      if (event.level === 'query') options.log?.(event.query);
    },
  });
  await options.migrate?.(handle.db);
  const services = createServices(config, handle);
  registerJobs(services);
  const { app } = await buildApp({ db: handle.db, services, logger: process.env.BENCH_LOG === '1' ? { level: 'error' } : false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return {
    handle,
    services,
    factory: new Factory(app, handle.db, services),
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: async () => {
      await app.close();
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Scenario {
  name: string;
  /** The absolute goal of issue #9 for this scenario, in ms of p99 at 32 clients. */
  target: number;
  /** List and search scenarios, held to the ratios of issue #9; the dashboard counts are not. */
  listOrSearch: boolean;
  who: 'supervisor' | 'donor';
  path: (n: number) => string;
}

export function scenarios(firstOrganisationId: string, casesPerNetwork: number): Scenario[] {
  const searchable = searchablePersons(casesPerNetwork);
  return [
    { name: 'case list (own organisation, newest 50)', target: 50, listOrSearch: true, who: 'supervisor', path: () => '/api/v1/protection/cases?limit=50' },
    { name: 'case list, page 5', target: 50, listOrSearch: true, who: 'supervisor', path: () => '/api/v1/protection/cases?limit=50&offset=200' },
    { name: 'search: exact CNIC (blind index)', target: 50, listOrSearch: true, who: 'supervisor', path: (n) => `/api/v1/protection/cases?identityNumber=${cnicOf((((n * 7919) % searchable) + 1) * ORGANISATIONS)}` },
    { name: 'filter: status FollowUp', target: 50, listOrSearch: true, who: 'supervisor', path: () => '/api/v1/protection/cases?status=FollowUp&limit=50' },
    { name: 'filter: organisation + status Closed', target: 50, listOrSearch: true, who: 'supervisor', path: () => `/api/v1/protection/cases?organisationId=${firstOrganisationId}&status=Closed&limit=50` },
    { name: 'dashboard counts by month', target: 100, listOrSearch: false, who: 'donor', path: () => '/api/v1/protection/stats?dimension=month' },
    { name: 'dashboard counts by exploitation type', target: 100, listOrSearch: false, who: 'donor', path: () => '/api/v1/protection/stats?dimension=exploitationType' },
    { name: 'dashboard counts by province', target: 100, listOrSearch: false, who: 'donor', path: () => '/api/v1/protection/stats?dimension=province' },
  ];
}

/** A network's organisations in the order the scenarios name them, and a supervisor and a donor viewer signed in. */
export async function networkAgents(system: BenchSystem, networkId: string): Promise<{ organisationIds: string[]; supervisor: Agent; donor: Agent }> {
  const organisationIds = (await scoped(system.handle.db, networkId).selectFrom('organisations').select('id').orderBy('name_en').execute()).map((o) => o.id);
  return {
    organisationIds,
    supervisor: await system.factory.agent(networkId, ['case_supervisor'], organisationIds[0]),
    donor: await system.factory.agent(networkId, ['donor_viewer'], organisationIds[1]),
  };
}

export const agentHeaders = (agent: Agent) => ({ cookie: agent.cookie, 'x-csrf-token': agent.csrf });

/** A deterministic UUID with valid version-4 and variant bits, from an SQL expression. */
export function uuidFrom(expression: string) {
  return sql.raw(`overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`);
}

/**
 * Generates `cases` cases of one network with INSERT … SELECT generate_series over a pool of
 * values encrypted beforehand, so every row carries real AES-256-GCM ciphertext, and the counts
 * the write path maintains. Keys start with the network, so every network can reuse the same ids.
 */
export async function generateCases(db: Kysely<Database>, services: ReturnType<typeof createServices>, networkId: string, cases: number): Promise<void> {
  const q = scoped(db, networkId);
  const orgIds: string[] = [];
  for (let i = 0; i < ORGANISATIONS; i++) {
    const row = await q
      .insertInto('organisations', { name_en: `Bench org ${String(i).padStart(2, '0')}`, name_ur: `ادارہ ${i}`, acronym: `B${i}`, type: 'civil_society', htcds_org_type: 'NGO', province: 'PK-PB', services: ['shelter'], updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgIds.push(row.id);
  }
  const cipher = await services.keys.forNetwork(db, networkId);
  const firstNames = ['Muhammad', 'Mohammad', 'Ali', 'Ahmed', 'Fatima', 'Ayesha', 'Zainab', 'Hassan', 'Bilal', 'Sana'];
  const familyNames = ['Khan', 'Malik', 'Qureshi', 'Shah', 'Baloch', 'Memon', 'Butt', 'Awan', 'Siddiqui', 'Iqbal'];
  // A pool of ciphertexts reused across rows: real AES-GCM values, generated in milliseconds.
  const firstPool = Array.from({ length: 1000 }, (_, i) => cipher.encrypt(firstNames[i % 10]));
  const secondPool = Array.from({ length: 1000 }, (_, i) => cipher.encrypt(familyNames[i % 10]));
  // Row i has first name i % 10 and family name (i / 7) % 10: its list name is entry 10 * (i % 10) + (i / 7) % 10.
  const displayPool = Array.from({ length: 100 }, (_, k) => sealedDisplayName(cipher, firstNames[Math.floor(k / 10)], familyNames[k % 10]));
  const idPool = Array.from({ length: 1000 }, (_, i) => cipher.encrypt(cnicOf(900_000 + i)));
  const provinces = ['PK-PB', 'PK-SD', 'PK-KP', 'PK-BA', 'PK-IS', 'PK-GB', 'PK-JK'];
  const exploitation = ['ForcedLabour', 'SexualExploitation', 'ChildLabour', 'ForcedMarriage', 'Servitude'];
  const statuses = ['Active', 'Active', 'Active', 'FollowUp', 'Closed', 'ClosedReferred'];
  const stages = ['registered', 'screened', 'assessment', 'support_plan', 'services', 'follow_up'];
  const chunk = 100_000;
  for (let from = 1; from <= cases; from += chunk) {
    const to = Math.min(cases, from + chunk - 1);
    await sql`
      INSERT INTO protection_persons (network_id, id, owner_organisation_id, first_name_enc, second_name_enc, display_name_enc, identity_number_enc,
        identity_index, name_index, birth_year, gender, citizenship, migration_status, exploitation_types, updated_at)
      SELECT ${networkId}::uuid, ${uuidFrom("'p' || i")}, (${orgIds}::uuid[])[1 + i % ${ORGANISATIONS}],
        (${firstPool}::text[])[1 + i % 1000], (${secondPool}::text[])[1 + (i / 7) % 1000], (${displayPool}::text[])[1 + 10 * (i % 10) + (i / 7) % 10],
        (${idPool}::text[])[1 + i % 1000],
        md5('cnic' || i) || md5('x' || i), md5('name' || (i % 50000)) || md5('y' || (i % 50000)),
        1960 + i % 45, CASE WHEN i % 3 = 0 THEN 'Feminine' ELSE 'Masculine' END, '{PK}', 'returnee',
        ARRAY[(${exploitation}::text[])[1 + i % 5]], now()
      FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
    await sql`
      INSERT INTO protection_cases (network_id, id, reference, person_id, owner_organisation_id, status, stage, risk_level, province,
        registered_on, stats_facts, created_at, updated_at)
      SELECT ${networkId}::uuid, ${uuidFrom("'c' || i")}, 'B-' || i, ${uuidFrom("'p' || i")}, (${orgIds}::uuid[])[1 + i % ${ORGANISATIONS}],
        (${statuses}::text[])[1 + (i / 3) % 6], CASE WHEN (i / 3) % 6 >= 4 THEN 'closed' ELSE (${stages}::text[])[1 + i % 6] END,
        'medium', (${provinces}::text[])[1 + i % 7], CURRENT_DATE - (i % 730), '[]', now() - make_interval(secs => ${cases} - i), now()
      FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
  }
  const searchable = searchablePersons(cases);
  for (let from = 0; from < searchable; from += 2000) {
    const batch = Array.from({ length: Math.min(2000, searchable - from) }, (_, k) => (from + k + 1) * ORGANISATIONS);
    await sql`
      UPDATE protection_persons p SET identity_index = v.idx, name_index = v.name_idx
      FROM unnest(${batch.map((i) => `${'p' + i}`)}::text[], ${batch.map((i) => identityIndex(cipher, cnicOf(i)))}::text[], ${batch.map(() => nameIndex(cipher, 'Muhammad Khan'))}::text[]) AS v(pid, idx, name_idx)
      WHERE p.network_id = ${networkId} AND p.id = ${uuidFrom('v.pid')}`.execute(db);
  }
  // Fresh statistics, or the planner joins the new rows as if the tables were empty (on a Citus
  // shard that also holds another network, the join below then ran for minutes).
  await sql`ANALYZE protection_cases, protection_persons`.execute(db);
  // The dashboard summary, as the write path maintains it: one '*' row per case, one per exploitation type.
  await sql`
    INSERT INTO protection_stat_counts (network_id, month, province, gender, age_band, exploitation_type, cases)
    SELECT c.network_id, date_trunc('month', c.registered_on)::date, c.province, p.gender,
      CASE WHEN extract(year FROM c.registered_on) - p.birth_year <= 29 THEN '27-29' WHEN extract(year FROM c.registered_on) - p.birth_year <= 38 THEN '30-38'
           WHEN extract(year FROM c.registered_on) - p.birth_year <= 47 THEN '39-47' ELSE '48+' END,
      t.type, count(*)
    FROM protection_cases c JOIN protection_persons p ON p.network_id = c.network_id AND p.id = c.person_id
    CROSS JOIN LATERAL (SELECT '*' AS type UNION ALL SELECT unnest(p.exploitation_types)) t
    WHERE c.network_id = ${networkId}
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  // The case counts, as the write path maintains them.
  await sql`
    INSERT INTO protection_case_counts (network_id, organisation_id, status, cases)
    SELECT network_id, owner_organisation_id, status, count(*) FROM protection_cases WHERE network_id = ${networkId} GROUP BY 1, 2, 3`.execute(db);
}

/** Index-only scans need the visibility map that VACUUM writes; named tables, so Citus passes it to their shards. */
export async function vacuumGenerated(db: Kysely<Database>): Promise<void> {
  for (const table of ['organisations', 'protection_persons', 'protection_cases', 'protection_stat_counts', 'protection_case_counts']) {
    await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
  }
}

/** CPU time used by the whole machine (all processes, all cores) so far, in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  // /proc/stat counts in USER_HZ, 100 per second on Linux.
  return (fields.reduce((a, b) => a + b, 0) - idle) * 10;
}

export type LoadTask =
  /** `headers` is one set for every request, or one per request in turn (clients of several networks). */
  | { kind: 'http'; base: string; headers: Record<string, string> | Array<Record<string, string>>; paths: string[] }
  | { kind: 'sql'; connectionString: string; queries: Array<{ sql: string; parameters: readonly unknown[] }> };

export interface Measured {
  p50: number;
  p99: number;
  cpuMs: number;
  perSecond: number;
}

/**
 * Runs REQUESTS requests from `concurrency` closed-loop clients on a worker thread, after one
 * warm-up request per client. Reports latency percentiles and the CPU time the whole machine
 * (server, PostgreSQL, clients) spent per request.
 */
export function measure(task: LoadTask, concurrency = CONCURRENCY): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { ...task, concurrency, total: REQUESTS } });
    let busyBefore = 0;
    worker.on('message', (message: { type: 'warm' } | { type: 'done'; latencies: Float64Array; elapsedMs: number }) => {
      if (message.type === 'warm') {
        busyBefore = machineBusyMs();
        worker.postMessage('go');
        return;
      }
      const cpuMs = (machineBusyMs() - busyBefore) / REQUESTS;
      resolve({ ...percentiles(Array.from(message.latencies)), cpuMs, perSecond: (REQUESTS * 1000) / message.elapsedMs });
      void worker.terminate();
    });
    worker.on('error', reject);
  });
}

export function percentiles(latencies: number[]): { p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p99: at(99) };
}

export const figures = (m: { p50: number; p99: number }) => `p50 ${m.p50.toFixed(1).padStart(6)}  p99 ${m.p99.toFixed(1).padStart(6)}`;

