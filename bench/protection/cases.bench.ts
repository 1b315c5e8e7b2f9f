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
import { sql, type CompiledQuery } from 'kysely';
import Fastify from 'fastify';
import pg from 'pg';
import { migrateToLatest } from '../../server/platform/database/migrate';
import { withDatabase } from '../../server/test/database';
import { createNetwork } from '../../server/seed/networks';
import {
  CONCURRENCY,
  REQUESTS,
  agentHeaders,
  benchSystem,
  figures,
  machineBusyMs,
  generateCases,
  measure,
  networkAgents,
  percentiles,
  prepareDatabase,
  scenarios,
  vacuumGenerated,
} from '../support/protection';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const DB_NAME = 'hamsafar_bench';
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const REUSE = process.env.BENCH_REUSE === '1';
const url = withDatabase(BASE_URL, DB_NAME);

async function main() {
  const reused = await prepareDatabase(BASE_URL, DB_NAME, REUSE);
  const captured: CompiledQuery[] = [];
  let capturing = false;
  const system = await benchSystem(url, { log: (query) => capturing && captured.push(query), migrate: async (db) => void (await migrateToLatest(db)) });
  const db = system.handle.db;

  let networkId: string;
  if (reused) {
    networkId = (await db.selectFrom('networks').select('id').where('code', '=', 'BENCH').executeTakeFirstOrThrow()).id;
  } else {
    const started = performance.now();
    networkId = await createNetwork(db, { code: 'BENCH', nameEn: 'Benchmark network', nameUr: 'بینچ مارک نیٹ ورک' });
    await generateCases(db, system.services, networkId, CASES);
    await vacuumGenerated(db);
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const caseCount = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM protection_cases`.execute(db)).rows[0].n);
  console.log(`cases in database: ${caseCount.toLocaleString('en')}`);
  const { organisationIds, supervisor, donor } = await networkAgents(system, networkId);

  // Issue #9's goal for list and search scenarios: API CPU per request and single-client p50 at
  // most this multiple of bare Fastify's, both measured in this run.
  const RATIO_TARGET = 2;

  // Bare Fastify: the same SQL behind a route with no session, permission, audit, decryption or
  // response schema; the floor that any Fastify server on this machine starts from. Its own
  // connections; idle ones close quickly, so pgbench's clients fit under max_connections.
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY + 4, idleTimeoutMillis: 200 });
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

  const all = scenarios(organisationIds[0], CASES);
  const only = process.env.BENCH_ONLY;
  for (const s of all.filter((x) => !only || x.name.includes(only))) {
    const headers = agentHeaders(s.who === 'supervisor' ? supervisor : donor);
    // Capture the module's SQL of one request, for the direct-pg comparison.
    captured.length = 0;
    capturing = true;
    const probe = await fetch(system.base + s.path(0), { headers });
    capturing = false;
    if (probe.status !== 200) throw new Error(`${s.name}: ${probe.status} ${await probe.text()}`);
    if (process.env.BENCH_SHOW_SQL === '1') for (const q of captured) console.log(q.sql, JSON.stringify(q.parameters));
    const moduleQueries = captured.filter((q) => /protection_/.test(q.sql) && /^\s*select/i.test(q.sql));

    const paths = Array.from({ length: REQUESTS }, (_, n) => s.path(n));
    const api = await measure({ kind: 'http', base: system.base, headers, paths });
    bareQueries = moduleQueries;
    if (s === all[0]) sweepQueries = moduleQueries;
    const bare = await measure({ kind: 'http', base: bareBase, headers: {}, paths: ['/bare'] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const kernel = pgbench(moduleQueries);
    const direct = await measure({ kind: 'sql', connectionString: url, queries: moduleQueries.map((q) => ({ sql: q.sql, parameters: q.parameters })) });
    const verdict = api.p99 < s.target ? 'ok' : 'OVER TARGET';
    const cpuRatio = api.cpuMs / bare.cpuMs;
    const apiSingle = await measure({ kind: 'http', base: system.base, headers, paths }, 1);
    const bareSingle = await measure({ kind: 'http', base: bareBase, headers: {}, paths: ['/bare'] }, 1);
    const singleRatio = apiSingle.p50 / bareSingle.p50;
    const against = (ratio: number) => `${ratio.toFixed(2)}x (target <= ${RATIO_TARGET}x: ${ratio <= RATIO_TARGET ? 'met' : 'missed'})`;
    const ratios = (base: { p50: number; p99: number }) => `${(api.p50 / base.p50).toFixed(1)}x / ${(api.p99 / base.p99).toFixed(1)}x`;
    const lines = [
      s.name,
      `  api          ${figures(api)} ms   ${api.perSecond.toFixed(0).padStart(5)}/s  ${api.cpuMs.toFixed(2)} ms CPU per request   target p99 < ${s.target} ms: ${verdict}`,
      `  bare fastify ${figures(bare)} ms   ${bare.perSecond.toFixed(0).padStart(5)}/s  ${bare.cpuMs.toFixed(2)} ms CPU per request   api ratio p50/p99 ${ratios(bare)}`,
      `  direct sql   ${figures(direct)} ms   ${direct.perSecond.toFixed(0).padStart(5)}/s  ${direct.cpuMs.toFixed(2)} ms CPU per request   api ratio p50/p99 ${ratios(direct)}`,
      `  pgbench (C)  ${figures(kernel)} ms   ${kernel.perSecond.toFixed(0).padStart(5)}/s  ${kernel.cpuMs.toFixed(2)} ms CPU per request   api ratio p50/p99 ${ratios(kernel)}`,
    ];
    if (s.listOrSearch) {
      lines.push(
        `  ratio api / bare fastify, CPU per request at ${CONCURRENCY} clients: ${against(cpuRatio)}`,
        `  ratio api / bare fastify, p50 at 1 client (${apiSingle.p50.toFixed(1)} / ${bareSingle.p50.toFixed(1)} ms): ${against(singleRatio)}`,
      );
    }
    console.log(lines.join('\n'));
  }
  // How the first scenario's p99 grows with the number of clients, on this machine.
  const sweep = all[0];
  if (sweepQueries.length > 0) console.log(`\n${sweep.name}: latency by concurrent clients`);
  for (const clients of sweepQueries.length > 0 ? [1, 2, 4, 8, 16, 32] : []) {
    const api = await measure({ kind: 'http', base: system.base, headers: agentHeaders(supervisor), paths: [sweep.path(0)] }, clients);
    bareQueries = sweepQueries;
    const bare = await measure({ kind: 'http', base: bareBase, headers: {}, paths: ['/bare'] }, clients);
    console.log(`  ${String(clients).padStart(2)} clients: api p50 ${api.p50.toFixed(1).padStart(6)}  p99 ${api.p99.toFixed(1).padStart(6)} ms ${api.perSecond.toFixed(0).padStart(5)}/s | bare fastify p50 ${bare.p50.toFixed(1).padStart(6)}  p99 ${bare.p99.toFixed(1).padStart(6)} ms ${bare.perSecond.toFixed(0).padStart(5)}/s`);
  }

  console.log(`\n${CONCURRENCY} concurrent clients, ${REQUESTS} requests per scenario, ${caseCount.toLocaleString('en')} cases, ${os.cpus().length} CPU cores.`);
  await bareApp.close();
  await pool.end();
  await system.close();
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
  const u = new URL(url);
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
