/**
 * Activities map benchmark: the district map's data (GET /api/v1/activities/coverage?level=2) at
 * 100,000 generated activities on PostgreSQL, through the real HTTP API beside the bare SQL that
 * the API sent for it, run through `pg` in the same process, on the same machine, in the same run.
 * One client, one request at a time: the figure is the latency of one map load.
 *
 *   npx tsx bench/activities/map.bench.ts              (DATABASE_URL, default postgres://root@127.0.0.1:5432/test)
 *   BENCH_ACTIVITIES=20000 BENCH_REUSE=1 npx tsx bench/activities/map.bench.ts
 *
 * It creates (or, with BENCH_REUSE=1, reuses) its own database `hamsafar_bench_activities`.
 * Activities are generated with INSERT … SELECT generate_series: 8 provinces of 17 districts, each
 * activity in one or two districts (one in ten also in a province as a whole), a partner for one
 * in three, people reached in three cells. Not part of `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { ACTIVITY_SECTORS } from '../../common/activities';
import { migrateToLatest } from '../../server/platform/database/migrate';
import type { Database } from '../../server/platform/database/schema';
import { scoped } from '../../server/platform/database/tenant';
import { createNetwork } from '../../server/seed/networks';
import { withDatabase } from '../../server/test/database';
import type { Agent } from '../../server/test/factories';
import { agentHeaders, benchSystem, percentiles, prepareDatabase, uuidFrom } from '../support/protection';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const DB_NAME = 'hamsafar_bench_activities';
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 100_000);
const REUSE = process.env.BENCH_REUSE === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const ORGANISATIONS = 20;
const PROVINCES = 8;
const DISTRICTS_PER_PROVINCE = 17;
const url = withDatabase(BASE_URL, DB_NAME);

async function generate(db: Kysely<Database>, networkId: string, activities: number): Promise<void> {
  const q = scoped(db, networkId);
  const orgIds: string[] = [];
  for (let i = 0; i < ORGANISATIONS; i++) {
    const row = await q
      .insertInto('organisations', { name_en: `Bench org ${String(i).padStart(2, '0')}`, name_ur: `ادارہ ${i}`, acronym: `B${i}`, type: 'un_entity', htcds_org_type: 'NGO', province: 'PK-PB', services: ['shelter'], updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgIds.push(row.id);
  }
  const set = await q.insertInto('admin_unit_sets', { country: 'PK', gazetteer: 'bench', version: '1', source: 'generated', licence: 'none', imported_by: null }).returning('id').executeTakeFirstOrThrow();
  const provinces: string[] = [];
  const districts: string[] = [];
  for (let p = 0; p < PROVINCES; p++) {
    const province = await q.insertInto('admin_units', { set_id: set.id, code: `PK${p}`, level: 1, name_en: `Province ${p}`, name_ur: null, parent_id: null, geometry: null, retired_at: null }).returning('id').executeTakeFirstOrThrow();
    provinces.push(province.id);
    for (let d = 0; d < DISTRICTS_PER_PROVINCE; d++) {
      const district = await q
        .insertInto('admin_units', { set_id: set.id, code: `PK${p}${String(d).padStart(2, '0')}`, level: 2, name_en: `District ${p}.${d}`, name_ur: null, parent_id: province.id, geometry: null, retired_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      districts.push(district.id);
    }
  }
  const id = uuidFrom(`'${networkId}' || g::text`);
  const orgs = sql`${orgIds}::uuid[]`;
  const units = sql`${districts}::uuid[]`;
  const nd = districts.length;
  const net = sql`${networkId}::uuid`;
  await sql`
    INSERT INTO activities (network_id, id, title_en, lead_organisation_id, gcm_objectives, sector, funding_kind, starts_on, ends_on, status, published)
    SELECT ${net}, ${id}, 'Activity ' || g, (${orgs})[1 + g % ${ORGANISATIONS}],
           CASE WHEN g % 3 = 0 THEN ARRAY[1 + g % 23, 1 + (g / 3 + 5) % 23] ELSE ARRAY[1 + g % 23] END,
           (${sql`${[...ACTIVITY_SECTORS]}::text[]`})[1 + g % ${ACTIVITY_SECTORS.length}], 'own_funds',
           date '2025-01-01' + g % 700, date '2025-01-01' + g % 700 + 90 + g % 300, 'ongoing', g % 4 = 0
    FROM generate_series(1, ${activities}) g`.execute(db);
  await sql`
    INSERT INTO activity_places (network_id, activity_id, unit_id)
    SELECT ${net}, ${id}, (${units})[1 + (g * 13) % ${nd}] FROM generate_series(1, ${activities}) g
    UNION SELECT ${net}, ${id}, (${units})[1 + (g * 31 + 5) % ${nd}] FROM generate_series(1, ${activities}) g WHERE g % 2 = 0
    UNION SELECT ${net}, ${id}, (${sql`${provinces}::uuid[]`})[1 + g % ${PROVINCES}] FROM generate_series(1, ${activities}) g WHERE g % 10 = 0`.execute(db);
  await sql`
    INSERT INTO activity_partners (network_id, activity_id, organisation_id)
    SELECT ${net}, ${id}, (${orgs})[1 + (g + 7) % ${ORGANISATIONS}] FROM generate_series(1, ${activities}) g WHERE g % 3 = 0`.execute(db);
  await sql`
    INSERT INTO activity_figures (network_id, activity_id, measure, sex, age_band, population_group, people)
    SELECT ${net}, ${id}, m, c.sex, c.age_band, c.grp, 1 + (g + c.k) % 50
    FROM generate_series(1, ${activities}) g
    CROSS JOIN (VALUES ('reached'), ('targeted')) AS measures (m)
    CROSS JOIN (VALUES ('female', '18-59', 'migrants', 1), ('male', '18-59', 'migrants', 2), ('female', '0-17', 'returnees', 3)) AS c (sex, age_band, grp, k)`.execute(db);
  await sql`VACUUM ANALYZE`.execute(db);
}

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const latencies: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await run();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

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
    await generate(db, networkId, ACTIVITIES);
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const count = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM activities`.execute(db)).rows[0].n;
  const placed = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM activity_places`.execute(db)).rows[0].n;
  console.log(`activities: ${count.toLocaleString('en')}, places: ${placed.toLocaleString('en')}`);
  const orgIds = (await scoped(db, networkId).selectFrom('organisations').select('id').orderBy('name_en').execute()).map((o) => o.id);
  const admin = await system.factory.agent(networkId, ['network_admin'], orgIds[0]);
  const focalPoint = await system.factory.agent(networkId, ['focal_point'], orgIds[1]);
  const pool = new pg.Pool({ connectionString: url, max: 8 });

  const scenarios: Array<{ name: string; agent: Agent; path: string }> = [
    { name: 'Districts, network reader', agent: admin, path: '/api/v1/activities/coverage?level=2' },
    { name: 'Districts, own-org reader', agent: focalPoint, path: '/api/v1/activities/coverage?level=2' },
    { name: 'Districts, sector filter', agent: admin, path: '/api/v1/activities/coverage?level=2&sector=protection' },
    { name: 'Districts, GCM objective 7', agent: admin, path: '/api/v1/activities/coverage?level=2&gcmObjective=7' },
    { name: 'Provinces, network reader', agent: admin, path: '/api/v1/activities/coverage?level=1' },
    { name: 'Gap matrix, districts', agent: admin, path: '/api/v1/activities/gaps?level=2' },
  ];
  console.log(`\n${ROUNDS} sequential requests each after 3 warm-ups; p50 / p99 in ms`);
  console.log('| Scenario | API | Bare SQL | p50 ratio |\n|---|---|---|---|');
  for (const s of scenarios) {
    const get = async () => {
      const response = await fetch(`${system.base}${s.path}`, { headers: agentHeaders(s.agent) });
      if (response.status !== 200) throw new Error(`${s.path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    captured.length = 0;
    capturing = true;
    await get();
    capturing = false;
    // The map's own statements (the session's lookups are the platform's, not the map's), run as the service runs them: together.
    const statements = captured.filter((c) => /activity_places|"admin_units"|from "activities"/i.test(c.sql) && !/"sessions"|"users"/.test(c.sql));
    const bare = () => Promise.all(statements.map((c) => pool.query(c.sql, c.parameters as unknown[])));
    const api = percentiles(await timed(get));
    const direct = percentiles(await timed(bare));
    console.log(`| ${s.name} | ${api.p50.toFixed(1)} / ${api.p99.toFixed(1)} | ${direct.p50.toFixed(1)} / ${direct.p99.toFixed(1)} | ${(api.p50 / direct.p50).toFixed(2)}× |`);
    if (process.env.BENCH_EXPLAIN === '1') {
      for (const c of statements) {
        const plan = await pool.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${c.sql}`, c.parameters as unknown[]);
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), '\n');
      }
    }
  }
  await pool.end();
  await system.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
