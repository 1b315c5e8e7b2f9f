/**
 * Protection benchmark on Citus: the same generated cases, 1,000,000 spread over 20 networks, on
 * a single PostgreSQL server and on a three-node Citus cluster (a coordinator and two workers, all
 * on this machine), measured through the real HTTP API in the same run. Requests rotate over the
 * 20 networks, so the coordinator routes them to both workers. On one machine the cluster shares
 * the same cores, so this measures the cost of routing, not a speed-up: issue #10's goal is API
 * p50 on Citus at most 1.3 times single-node.
 *
 *   npx tsx bench/protection/citus.bench.ts                 (generates both databases, about 10 min, then measures)
 *   BENCH_REUSE=1 npx tsx bench/protection/citus.bench.ts   (measures again on what was generated)
 *   BENCH_ONLY="CNIC" …                                      (one scenario)
 *
 * DATABASE_URL names the single server (default postgres://root@127.0.0.1:5432/test; the bench
 * creates its database `hamsafar_bench_networks` there). The cluster is started with
 * ../shared/citus/cluster.sh in BENCH_CITUS_DIR (default /tmp/hamsafar-bench-citus) on
 * BENCH_CITUS_PORT (default 57432) unless it already answers there. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { distributeSchema } from '../../server/platform/database/distribution';
import { migrateToLatest } from '../../server/platform/database/migrate';
import { withDatabase } from '../../server/test/database';
import { createNetwork } from '../../server/seed/networks';
import { agentHeaders, benchSystem, figures, generateCases, measure, networkAgents, prepareDatabase, scenarios, vacuumGenerated, CONCURRENCY, REQUESTS, type BenchSystem, type Measured } from '../support/protection';

const SINGLE_SERVER = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const SINGLE_DB = 'hamsafar_bench_networks';
const CITUS_DIR = process.env.BENCH_CITUS_DIR ?? '/tmp/hamsafar-bench-citus';
const CITUS_PORT = Number(process.env.BENCH_CITUS_PORT ?? 57432);
const CITUS_DB = 'hamsafar_bench';
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const NETWORKS = 20;
const REUSE = process.env.BENCH_REUSE === '1';
const RATIO_TARGET = 1.3;
const CLUSTER_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/citus/cluster.sh');

/** Whether the cluster answers at `url`, and whether the cases were generated in it. */
async function clusterState(url: string): Promise<{ running: boolean; generated: boolean }> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return { running: false, generated: false };
  }
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'protection_cases'");
    return { running: true, generated: rows[0].n > 0 };
  } finally {
    await client.end();
  }
}

/** A cluster with nothing generated in it, or the one already running when its data is reused. */
async function prepareCluster(): Promise<{ url: string; reused: boolean }> {
  const url = `postgres://root@127.0.0.1:${CITUS_PORT}/${CITUS_DB}`;
  const { running, generated } = await clusterState(url);
  if (running && generated && REUSE) return { url, reused: true };
  if (running) spawnSync('bash', [CLUSTER_SCRIPT, 'stop', CITUS_DIR], { stdio: 'inherit' });
  fs.rmSync(CITUS_DIR, { recursive: true, force: true });
  const started = spawnSync('bash', [CLUSTER_SCRIPT, 'start', CITUS_DIR, String(CITUS_PORT), CITUS_DB], { stdio: 'inherit' });
  if (started.status !== 0) throw new Error(`${CLUSTER_SCRIPT} start failed (run ../shared/citus/install.sh first)`);
  return { url, reused: false };
}

interface Target {
  label: string;
  system: BenchSystem;
  networkIds: string[];
}

async function target(label: string, url: string, reused: boolean, distribute: boolean): Promise<Target> {
  const system = await benchSystem(url, {
    migrate: async (db) => {
      await migrateToLatest(db);
      if (distribute) {
        const report = await distributeSchema(db);
        console.log(`${label}: ${report.distributedTables.length} distributed, ${report.referenceTables.length} reference, ${report.coordinatorTables.length} coordinator tables on ${report.workers} workers`);
      }
    },
  });
  const db = system.handle.db;
  if (!reused) {
    const started = performance.now();
    for (let n = 0; n < NETWORKS; n++) {
      const networkId = await createNetwork(db, { code: `BENCH${n}`, nameEn: `Benchmark network ${n}`, nameUr: `بینچ مارک نیٹ ورک ${n}` });
      await generateCases(db, system.services, networkId, CASES / NETWORKS);
      process.stdout.write(`\r${label}: generated ${(((n + 1) * CASES) / NETWORKS).toLocaleString('en')} cases`);
    }
    await vacuumGenerated(db);
    console.log(` in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const networks = await db.selectFrom('networks').select(['id', 'code']).where('code', 'like', 'BENCH%').execute();
  const networkIds = networks.sort((a, b) => Number(a.code.slice(5)) - Number(b.code.slice(5))).map((n) => n.id);
  return { label, system, networkIds };
}

async function main() {
  const singleReused = await prepareDatabase(SINGLE_SERVER, SINGLE_DB, REUSE);
  const cluster = await prepareCluster();
  const single = await target('single PostgreSQL', withDatabase(SINGLE_SERVER, SINGLE_DB), singleReused, false);
  const citus = await target('Citus, 3 nodes', cluster.url, cluster.reused, true);
  const workerOf = await Promise.all(
    citus.networkIds.map(async (networkId) => {
      const { rows } = await sql<{ nodeport: number }>`
        SELECT d.nodeport FROM pg_dist_placement p JOIN pg_dist_node d ON d.groupid = p.groupid
        WHERE p.shardid = get_shard_id_for_distribution_column('organisations', ${networkId}::uuid)`.execute(citus.system.handle.db);
      return rows[0].nodeport;
    }),
  );
  const perWorker = new Map<number, number>();
  for (const port of workerOf) perWorker.set(port, (perWorker.get(port) ?? 0) + 1);
  console.log(`networks per worker: ${[...perWorker].sort().map(([port, n]) => `port ${port}: ${n}`).join(', ')}`);

  // Per target, one supervisor and one donor viewer of every network, and the scenarios of each network.
  const prepared = await Promise.all(
    [single, citus].map(async (t) => {
      const agents = [];
      for (const networkId of t.networkIds) agents.push(await networkAgents(t.system, networkId));
      return { t, agents };
    }),
  );

  const only = process.env.BENCH_ONLY;
  const names = scenarios('', CASES / NETWORKS).map((s) => s.name).filter((name) => !only || name.includes(only));
  for (const name of names) {
    const results: Measured[][] = [];
    for (const { t, agents } of prepared) {
      const perNetwork = agents.map((a) => scenarios(a.organisationIds[0], CASES / NETWORKS).find((s) => s.name === name)!);
      const headers = agents.map((a, i) => agentHeaders(perNetwork[i].who === 'supervisor' ? a.supervisor : a.donor));
      // Request n goes to network n mod 20, with that network's own path and session.
      const paths = Array.from({ length: REQUESTS }, (_, n) => perNetwork[n % NETWORKS].path(Math.floor(n / NETWORKS)));
      const check = await fetch(t.system.base + paths[0], { headers: headers[0] });
      if (check.status !== 200) throw new Error(`${t.label}, ${name}: ${check.status} ${await check.text()}`);
      results.push([await measure({ kind: 'http', base: t.system.base, headers, paths }), await measure({ kind: 'http', base: t.system.base, headers, paths }, 1)]);
    }
    const [[singleMany, singleOne], [citusMany, citusOne]] = results;
    const ratio = (a: Measured, b: Measured) => {
      const r = a.p50 / b.p50;
      return `${r.toFixed(2)}x (target <= ${RATIO_TARGET}x: ${r <= RATIO_TARGET ? 'met' : 'missed'})`;
    };
    console.log(
      [
        name,
        `  single PostgreSQL  ${CONCURRENCY} clients ${figures(singleMany)} ms ${singleMany.perSecond.toFixed(0).padStart(5)}/s   1 client ${figures(singleOne)} ms`,
        `  Citus, 3 nodes     ${CONCURRENCY} clients ${figures(citusMany)} ms ${citusMany.perSecond.toFixed(0).padStart(5)}/s   1 client ${figures(citusOne)} ms`,
        `  ratio Citus / single, API p50 at ${CONCURRENCY} clients: ${ratio(citusMany, singleMany)}`,
        `  ratio Citus / single, API p50 at 1 client: ${ratio(citusOne, singleOne)}`,
      ].join('\n'),
    );
  }
  console.log(`\n${CASES.toLocaleString('en')} cases over ${NETWORKS} networks, ${REQUESTS} requests per scenario and database, ${os.cpus().length} CPU cores.`);
  for (const { t } of prepared) await t.system.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
