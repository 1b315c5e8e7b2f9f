/**
 * Protection benchmark: 1,000,000 generated cases on PostgreSQL, measured through the real HTTP
 * API at 32 concurrent clients. Three baselines run in the same process, on the same machine, with
 * the SQL the API sent for the scenario: a bare Fastify route running it through `pg` (no session,
 * permission, audit, decryption or response schema), the SQL alone through `pg`, and the SQL alone
 * from PostgreSQL's C client pgbench with prepared statements. Clients run on a worker thread.
 * Each line also gives the machine's CPU time per request (server, PostgreSQL and clients).
 *
 *   npx tsx bench/protection/cases.bench.ts            (DATABASE_URL, default postgres://root@127.0.0.1:5432/test)
 *   BENCH_CASES=200000 BENCH_REUSE=1 npx tsx bench/protection/cases.bench.ts
 *   BENCH_ONLY="CNIC" BENCH_SHOW_SQL=1 …                (one scenario; print the SQL of one request)
 *
 * It creates (or, with BENCH_REUSE=1, reuses) its own database `hamsafar_bench`. Cases are
 * generated with INSERT … SELECT generate_series over a pool of values encrypted beforehand, so
 * every row carries real AES-256-GCM ciphertext; 10,000 persons carry real CNIC blind indexes that
 * the search looks up. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Kysely, sql, type CompiledQuery } from 'kysely';
import Fastify from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../server/config';
import { buildApp } from '../../server/platform/http/app';
import { openDatabase } from '../../server/platform/database/connection';
import { migrateToLatest } from '../../server/platform/database/migrate';
import type { Database } from '../../server/platform/database/schema';
import { scoped } from '../../server/platform/database/tenant';
import { createServices } from '../../server/platform/services';
import { registerJobs } from '../../server/modules';
import { Factory } from '../../server/test/factories';
import { createNetwork } from '../../server/seed/networks';
import { identityIndex, nameIndex } from '../../server/modules/protection/search';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const DB_NAME = 'hamsafar_bench';
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const REUSE = process.env.BENCH_REUSE === '1';
const CONCURRENCY = 32;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1600);
const ORGANISATIONS = 20;
const SEARCHABLE = 10_000;

function urlFor(database: string) {
  const u = new URL(BASE_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

const cnicOf = (i: number) => {
  const d = String(3520200000000 + i);
  return `${d.slice(0, 5)}-${d.slice(5, 12)}-${d.slice(12)}`;
};

async function prepareDatabase() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount! > 0;
  if (exists && !REUSE) await admin.query(`DROP DATABASE ${DB_NAME} WITH (FORCE)`);
  if (!exists || !REUSE) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  return exists && REUSE;
}

async function main() {
  const reused = await prepareDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-bench-'));
  const masterKeyFile = path.join(os.tmpdir(), 'hamsafar-bench-master.key');
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: urlFor(DB_NAME), MASTER_KEY_FILE: masterKeyFile, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', DEMO_DATA: 'false' });
  const captured: CompiledQuery[] = [];
  let capturing = false;
  const handle = await openDatabase({
    databaseUrl: urlFor(DB_NAME),
    // Writers and read-only readers each get half, so the API holds as many connections as the bare route.
    poolSize: CONCURRENCY / 2 + 2,
    log: (event) => {
      if (capturing && event.level === 'query') captured.push(event.query);
    },
  });
  const db = handle.db;
  await migrateToLatest(db);
  // The bare Fastify route's own connections; idle ones close quickly, so pgbench's clients fit under max_connections.
  const pool = new pg.Pool({ connectionString: urlFor(DB_NAME), max: CONCURRENCY + 4, idleTimeoutMillis: 200 });
  const services = createServices(config, handle);
  registerJobs(services);

  let networkId: string;
  if (reused) {
    networkId = (await db.selectFrom('networks').select('id').where('code', '=', 'BENCH').executeTakeFirstOrThrow()).id;
  } else {
    networkId = await createNetwork(db, { code: 'BENCH', nameEn: 'Benchmark network', nameUr: 'بینچ مارک نیٹ ورک' });
    await generate(db, services, networkId);
  }
  const orgIds = (await scoped(db, networkId).selectFrom('organisations').select('id').orderBy('name_en').execute()).map((o) => o.id);
  const caseCount = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM protection_cases`.execute(db)).rows[0].n);
  console.log(`cases in database: ${caseCount.toLocaleString('en')}`);

  const { app } = await buildApp({ db, services, logger: process.env.BENCH_LOG === '1' ? { level: 'error' } : false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const factory = new Factory(app, db, services);
  const supervisor = await factory.agent(networkId, ['case_supervisor'], orgIds[0]);
  const donor = await factory.agent(networkId, ['donor_viewer'], orgIds[1]);
  const headers = (agent: typeof supervisor) => ({ cookie: agent.cookie, 'x-csrf-token': agent.csrf });

  // Issue #9's goal for list and search scenarios: API CPU per request and single-client p50 at
  // most this multiple of bare Fastify's, both measured in this run.
  const RATIO_TARGET = 2;
  const scenarios: Array<{ name: string; target: number; agent: typeof supervisor; path: (n: number) => string }> = [
    { name: 'case list (own organisation, newest 50)', target: 50, agent: supervisor, path: () => '/api/v1/protection/cases?limit=50' },
    { name: 'case list, page 5', target: 50, agent: supervisor, path: () => '/api/v1/protection/cases?limit=50&offset=200' },
    { name: 'search: exact CNIC (blind index)', target: 50, agent: supervisor, path: (n) => `/api/v1/protection/cases?identityNumber=${cnicOf((((n * 7919) % SEARCHABLE) + 1) * ORGANISATIONS)}` },
    { name: 'filter: status FollowUp', target: 50, agent: supervisor, path: () => '/api/v1/protection/cases?status=FollowUp&limit=50' },
    { name: 'filter: organisation + status Closed', target: 50, agent: supervisor, path: () => `/api/v1/protection/cases?organisationId=${orgIds[0]}&status=Closed&limit=50` },
    { name: 'dashboard counts by month', target: 100, agent: donor, path: () => '/api/v1/protection/stats?dimension=month' },
    { name: 'dashboard counts by exploitation type', target: 100, agent: donor, path: () => '/api/v1/protection/stats?dimension=exploitationType' },
    { name: 'dashboard counts by province', target: 100, agent: donor, path: () => '/api/v1/protection/stats?dimension=province' },
  ];

  // Bare Fastify: the same SQL behind a route with no session, permission, audit, decryption or
  // response schema; the floor that any Fastify server on this machine starts from.
  let bareQueries: CompiledQuery[] = [];
  let sweepQueries: CompiledQuery[] = [];
  const bareApp = Fastify({ logger: false });
  bareApp.get('/bare', async () => {
    const client = await pool.connect();
    try {
      let rows: unknown[] = [];
      for (const q of bareQueries) rows = (await client.query(q.sql, q.parameters as unknown[])).rows;
      return { items: rows };
    } finally {
      client.release();
    }
  });
  await bareApp.listen({ port: 0, host: '127.0.0.1' });
  const bareAddress = bareApp.server.address();
  const bareBase = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}`;

  const rows: string[] = [];
  const only = process.env.BENCH_ONLY;
  for (const s of scenarios.filter((x) => !only || x.name.includes(only))) {
    // Capture the module's SQL of one request, for the direct-pg comparison.
    captured.length = 0;
    capturing = true;
    const probe = await fetch(base + s.path(0), { headers: headers(s.agent) });
    capturing = false;
    if (probe.status !== 200) throw new Error(`${s.name}: ${probe.status} ${await probe.text()}`);
    if (process.env.BENCH_SHOW_SQL === '1') for (const q of captured) console.log(q.sql, JSON.stringify(q.parameters));
    const moduleQueries = captured.filter((q) => /protection_/.test(q.sql) && /^\s*select/i.test(q.sql));

    const api = await measure({ kind: 'http', base, headers: headers(s.agent), paths: Array.from({ length: REQUESTS }, (_, n) => s.path(n)) });
    bareQueries = moduleQueries;
    if (s === scenarios[0]) sweepQueries = moduleQueries;
    const bare = await measure({ kind: 'http', base: bareBase, headers: {}, paths: ['/bare'] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const kernel = pgbench(moduleQueries);
    const direct = await measure({ kind: 'sql', connectionString: urlFor(DB_NAME), queries: moduleQueries.map((q) => ({ sql: q.sql, parameters: q.parameters })) });
    const verdict = api.p99 < s.target ? 'ok' : 'OVER TARGET';
    const cpuRatio = api.cpuMs / bare.cpuMs;
    const apiSingle = await measure({ kind: 'http', base, headers: headers(s.agent), paths: Array.from({ length: REQUESTS }, (_, n) => s.path(n)) }, 1);
    const bareSingle = await measure({ kind: 'http', base: bareBase, headers: {}, paths: ['/bare'] }, 1);
    const singleRatio = apiSingle.p50 / bareSingle.p50;
    const against = (ratio: number) => `${ratio.toFixed(2)}x (target <= ${RATIO_TARGET}x: ${ratio <= RATIO_TARGET ? 'met' : 'missed'})`;
    const figures = (m: { p50: number; p99: number }) => `p50 ${m.p50.toFixed(1).padStart(6)}  p99 ${m.p99.toFixed(1).padStart(6)}`;
    const ratios = (base: { p50: number; p99: number }) => `${(api.p50 / base.p50).toFixed(1)}x / ${(api.p99 / base.p99).toFixed(1)}x`;
    rows.push(
      [
        s.name,
        `  api          ${figures(api)} ms   ${api.perSecond.toFixed(0).padStart(5)}/s  ${api.cpuMs.toFixed(2)} ms CPU per request   target p99 < ${s.target} ms: ${verdict}`,
        `  bare fastify ${figures(bare)} ms   ${bare.perSecond.toFixed(0).padStart(5)}/s  ${bare.cpuMs.toFixed(2)} ms CPU per request   api ratio p50/p99 ${ratios(bare)}`,
        `  direct sql   ${figures(direct)} ms   ${direct.perSecond.toFixed(0).padStart(5)}/s  ${direct.cpuMs.toFixed(2)} ms CPU per request   api ratio p50/p99 ${ratios(direct)}`,
        `  pgbench (C)  ${figures(kernel)} ms   ${kernel.perSecond.toFixed(0).padStart(5)}/s  ${kernel.cpuMs.toFixed(2)} ms CPU per request   api ratio p50/p99 ${ratios(kernel)}`,
        `  ratio api / bare fastify, CPU per request at ${CONCURRENCY} clients: ${against(cpuRatio)}`,
        `  ratio api / bare fastify, p50 at 1 client (${apiSingle.p50.toFixed(1)} / ${bareSingle.p50.toFixed(1)} ms): ${against(singleRatio)}`,
      ].join('\n'),
    );
    console.log(rows[rows.length - 1]);
  }
  // How the first scenario's p99 grows with the number of clients, on this machine.
  const sweep = scenarios[0];
  if (sweepQueries.length > 0) console.log(`\n${sweep.name}: latency by concurrent clients`);
  for (const clients of sweepQueries.length > 0 ? [1, 2, 4, 8, 16, 32] : []) {
    const api = await measure({ kind: 'http', base, headers: headers(sweep.agent), paths: [sweep.path(0)] }, clients);
    bareQueries = sweepQueries;
    const bare = await measure({ kind: 'http', base: bareBase, headers: {}, paths: ['/bare'] }, clients);
    console.log(`  ${String(clients).padStart(2)} clients: api p50 ${api.p50.toFixed(1).padStart(6)}  p99 ${api.p99.toFixed(1).padStart(6)} ms ${api.perSecond.toFixed(0).padStart(5)}/s | bare fastify p50 ${bare.p50.toFixed(1).padStart(6)}  p99 ${bare.p99.toFixed(1).padStart(6)} ms ${bare.perSecond.toFixed(0).padStart(5)}/s`);
  }

  console.log(`\n${CONCURRENCY} concurrent clients, ${REQUESTS} requests per scenario, ${caseCount.toLocaleString('en')} cases, ${os.cpus().length} CPU cores.`);
  await app.close();
  await bareApp.close();
  await pool.end();
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** CPU time used by the whole machine (all processes, all cores) so far, in ms, from /proc/stat. */
function machineBusyMs(): number {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  // /proc/stat counts in USER_HZ, 100 per second on Linux.
  return (fields.reduce((a, b) => a + b, 0) - idle) * 10;
}

type LoadTask =
  | { kind: 'http'; base: string; headers: Record<string, string>; paths: string[] }
  | { kind: 'sql'; connectionString: string; queries: Array<{ sql: string; parameters: readonly unknown[] }> };

/**
 * Runs REQUESTS requests from `concurrency` closed-loop clients on a worker thread, after one
 * warm-up request per client. Reports latency percentiles and the CPU time the whole machine
 * (server, PostgreSQL, clients) spent per request.
 */
function measure(task: LoadTask, concurrency = CONCURRENCY): Promise<{ p50: number; p99: number; cpuMs: number; perSecond: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../support/load-worker.mjs', import.meta.url), { workerData: { ...task, concurrency, total: REQUESTS } });
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

function percentiles(latencies: number[]): { p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p99: at(99) };
}

/**
 * The same SQL from PostgreSQL's own C client, pgbench, with prepared statements: the floor set by
 * the database alone on this machine, with no Node.js anywhere.
 */
function pgbench(queries: CompiledQuery[]): { p50: number; p99: number; cpuMs: number; perSecond: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-pgbench-'));
  const defines: string[] = [];
  const script = queries
    .map((q, qi) => `${q.sql.replace(/\$(\d+)/g, (_, n: string) => `:q${qi}p${n}`)};`)
    .join('\n');
  queries.forEach((q, qi) => q.parameters.forEach((value, i) => defines.push('-D', `q${qi}p${i + 1}=${String(value)}`)));
  fs.writeFileSync(path.join(dir, 'script.sql'), `${script}\n`);
  const u = new URL(urlFor(DB_NAME));
  const perClient = Math.ceil(REQUESTS / CONCURRENCY) + 1;
  const args = ['-n', '-M', 'prepared', '-c', String(CONCURRENCY), '-j', '2', '-t', String(perClient), '-l', '--log-prefix', path.join(dir, 'log'), '-f', path.join(dir, 'script.sql'), ...defines, '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres', DB_NAME];
  const busyBefore = machineBusyMs();
  const started = performance.now();
  const run = spawnSync('pgbench', args, { encoding: 'utf8' });
  const elapsedMs = performance.now() - started;
  const cpuMs = (machineBusyMs() - busyBefore) / (CONCURRENCY * perClient);
  if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr || run.error}`);
  // Log lines: client transaction latency_us script epoch epoch_us. Each client's first
  // transaction prepares the statements on a new connection: a warm-up, left out as for the others.
  const latencies = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('log'))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n'))
    .map((line) => line.split(' ').map(Number))
    .filter(([, transaction]) => transaction > 0)
    .map(([, , latencyUs]) => latencyUs / 1000);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...percentiles(latencies), cpuMs, perSecond: (CONCURRENCY * perClient * 1000) / elapsedMs };
}

/** A deterministic UUID with valid version-4 and variant bits, from an SQL expression. */
function uuidFrom(expression: string) {
  return sql.raw(`overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`);
}

async function generate(db: Kysely<Database>, services: ReturnType<typeof createServices>, networkId: string) {
  const started = performance.now();
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
  const idPool = Array.from({ length: 1000 }, (_, i) => cipher.encrypt(cnicOf(900_000 + i)));
  const provinces = ['PK-PB', 'PK-SD', 'PK-KP', 'PK-BA', 'PK-IS', 'PK-GB', 'PK-JK'];
  const exploitation = ['ForcedLabour', 'SexualExploitation', 'ChildLabour', 'ForcedMarriage', 'Servitude'];
  const statuses = ['Active', 'Active', 'Active', 'FollowUp', 'Closed', 'ClosedReferred'];
  const stages = ['registered', 'screened', 'assessment', 'support_plan', 'services', 'follow_up'];
  const chunk = 100_000;
  for (let from = 1; from <= CASES; from += chunk) {
    const to = Math.min(CASES, from + chunk - 1);
    await sql`
      INSERT INTO protection_persons (network_id, id, owner_organisation_id, first_name_enc, second_name_enc, identity_number_enc,
        identity_index, name_index, birth_year, gender, citizenship, migration_status, exploitation_types, updated_at)
      SELECT ${networkId}::uuid, ${uuidFrom("'p' || i")}, (${orgIds}::uuid[])[1 + i % ${ORGANISATIONS}],
        (${firstPool}::text[])[1 + i % 1000], (${secondPool}::text[])[1 + (i / 7) % 1000], (${idPool}::text[])[1 + i % 1000],
        md5('cnic' || i) || md5('x' || i), md5('name' || (i % 50000)) || md5('y' || (i % 50000)),
        1960 + i % 45, CASE WHEN i % 3 = 0 THEN 'Feminine' ELSE 'Masculine' END, '{PK}', 'returnee',
        ARRAY[(${exploitation}::text[])[1 + i % 5]], now()
      FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
    await sql`
      INSERT INTO protection_cases (network_id, id, reference, person_id, owner_organisation_id, status, stage, risk_level, province,
        registered_on, stats_facts, created_at, updated_at)
      SELECT ${networkId}::uuid, ${uuidFrom("'c' || i")}, 'B-' || i, ${uuidFrom("'p' || i")}, (${orgIds}::uuid[])[1 + i % ${ORGANISATIONS}],
        (${statuses}::text[])[1 + (i / 3) % 6], CASE WHEN (i / 3) % 6 >= 4 THEN 'closed' ELSE (${stages}::text[])[1 + i % 6] END,
        'medium', (${provinces}::text[])[1 + i % 7], CURRENT_DATE - (i % 730), '[]', now() - make_interval(secs => ${CASES} - i), now()
      FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
    process.stdout.write(`\rgenerated ${to.toLocaleString('en')} cases`);
  }
  // Persons whose CNIC blind index is real, so that the exact search finds them: one in every ORGANISATIONS, in org 0.
  for (let from = 0; from < SEARCHABLE; from += 2000) {
    const batch = Array.from({ length: Math.min(2000, SEARCHABLE - from) }, (_, k) => (from + k + 1) * ORGANISATIONS);
    await sql`
      UPDATE protection_persons p SET identity_index = v.idx, name_index = v.name_idx
      FROM unnest(${batch.map((i) => `${'p' + i}`)}::text[], ${batch.map((i) => identityIndex(cipher, cnicOf(i)))}::text[], ${batch.map(() => nameIndex(cipher, 'Muhammad Khan'))}::text[]) AS v(pid, idx, name_idx)
      WHERE p.network_id = ${networkId} AND p.id = ${uuidFrom('v.pid')}`.execute(db);
  }
  // The dashboard summary, as the write path maintains it: one '*' row per case, one per exploitation type.
  await sql`
    INSERT INTO protection_stat_counts (network_id, month, province, gender, age_band, exploitation_type, cases)
    SELECT c.network_id, date_trunc('month', c.registered_on)::date, c.province, p.gender,
      CASE WHEN extract(year FROM c.registered_on) - p.birth_year <= 29 THEN '27-29' WHEN extract(year FROM c.registered_on) - p.birth_year <= 38 THEN '30-38'
           WHEN extract(year FROM c.registered_on) - p.birth_year <= 47 THEN '39-47' ELSE '48+' END,
      t.type, count(*)
    FROM protection_cases c JOIN protection_persons p ON p.network_id = c.network_id AND p.id = c.person_id
    CROSS JOIN LATERAL (SELECT '*' AS type UNION ALL SELECT unnest(p.exploitation_types)) t
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  // The case counts, as the write path maintains them.
  await sql`
    INSERT INTO protection_case_counts (network_id, organisation_id, status, cases)
    SELECT network_id, owner_organisation_id, status, count(*) FROM protection_cases GROUP BY 1, 2, 3`.execute(db);
  // Index-only scans need the visibility map that VACUUM writes.
  await sql`VACUUM ANALYZE`.execute(db);
  console.log(`\ngenerated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
