/**
 * Activities import benchmark: a generated 100,000-row CSV of the 5W table imported through the
 * import service (the route's work without the multipart transfer: every row read, checked and
 * written in one transaction, in batches), and in the same run PostgreSQL's own COPY (psql \copy,
 * one transaction) of the same rows into the same tables: activities, their places and their figures.
 * While the import runs, a reader asks the HTTP API for the activity list every 100 ms, to show
 * that other users are still answered; the event loop's longest stall is printed too.
 *
 *   npx tsx bench/activities/import.bench.ts              (DATABASE_URL, default postgres://root@127.0.0.1:5432/test)
 *   BENCH_ROWS=20000 npx tsx bench/activities/import.bench.ts
 *
 * It creates its own database `hamsafar_bench_import`. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { DEFAULT_ROLE_GRANTS } from '../../common/roles';
import { importActivities } from '../../server/modules/activities/import';
import { HEADERS, HXL_ROW } from '../../server/modules/activities/sheet';
import { csvRow } from '../../server/platform/csv';
import { scoped } from '../../server/platform/database/tenant';
import { migrateToLatest } from '../../server/platform/database/migrate';
import { createNetwork } from '../../server/seed/networks';
import { withDatabase } from '../../server/test/database';
import { agentHeaders, benchSystem, percentiles, prepareDatabase } from '../support/protection';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const DB_NAME = 'hamsafar_bench_import';
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const url = withDatabase(BASE_URL, DB_NAME);
const SECTORS = ['protection', 'labour_migration', 'return_reintegration', 'legal_identity'];

interface Generated {
  title: string;
  sector: string;
  gcm: number;
  district: number;
  female: number;
  male: number;
}

const rowOf = (i: number): Generated => ({ title: `Generated activity ${i}`, sector: SECTORS[i % SECTORS.length], gcm: (i % 23) + 1, district: i % 20, female: (i % 50) + 1, male: (i % 30) + 1 });

function csvFile(organisation: string): Buffer {
  const column = new Map(HEADERS.map((h, i) => [h, i]));
  const parts = [csvRow(HEADERS), csvRow(HXL_ROW)];
  for (let i = 0; i < ROWS; i++) {
    const g = rowOf(i);
    const cells: string[] = HEADERS.map(() => '');
    const set = (header: string, value: string) => (cells[column.get(header)!] = value);
    set('Lead organisation', organisation);
    set('Title', g.title);
    set('Sector', g.sector);
    set('GCM objectives', String(g.gcm));
    set('Status', 'ongoing');
    set('Start date', '2026-01-01');
    set('End date', '2026-12-31');
    set('District codes', `PKB${String(g.district).padStart(2, '0')}`);
    set('Funding', 'own_funds');
    set('Published', 'no');
    set('People targeted (sex/age/group=people)', `female/18-59/migrants=${g.female}; male/18-59/migrants=${g.male}`);
    set('Targeted (total)', String(g.female + g.male));
    parts.push(csvRow(cells));
  }
  return Buffer.from(parts.join(''));
}

/** The same rows as COPY text files, with ids made here, loaded by psql's \copy in one transaction. */
function copyRows(dir: string, networkId: string, organisationId: string, units: string[]): string {
  const activities: string[] = [];
  const places: string[] = [];
  const figures: string[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < ROWS; i++) {
    const g = rowOf(i);
    const id = randomUUID();
    activities.push([networkId, id, g.title, organisationId, `{${g.gcm}}`, g.sector, 'own_funds', '2026-01-01', '2026-12-31', 'ongoing', now].join('\t'));
    places.push([networkId, id, units[g.district]].join('\t'));
    figures.push([networkId, id, 'targeted', 'female', '18-59', 'migrants', g.female].join('\t'), [networkId, id, 'targeted', 'male', '18-59', 'migrants', g.male].join('\t'));
  }
  const write = (name: string, lines: string[]) => fs.writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
  write('activities.tsv', activities);
  write('places.tsv', places);
  write('figures.tsv', figures);
  const script = path.join(dir, 'copy.sql');
  fs.writeFileSync(
    script,
    [
      `\\copy activities (network_id, id, title_en, lead_organisation_id, gcm_objectives, sector, funding_kind, starts_on, ends_on, status, updated_at) FROM '${path.join(dir, 'activities.tsv')}'`,
      `\\copy activity_places (network_id, activity_id, unit_id) FROM '${path.join(dir, 'places.tsv')}'`,
      `\\copy activity_figures (network_id, activity_id, measure, sex, age_band, population_group, people) FROM '${path.join(dir, 'figures.tsv')}'`,
    ].join('\n'),
  );
  return script;
}

async function main() {
  await prepareDatabase(BASE_URL, DB_NAME, false);
  const system = await benchSystem(url, { migrate: async (db) => void (await migrateToLatest(db)) });
  const db = system.handle.db;
  const networkId = await createNetwork(db, { code: 'BENCH', nameEn: 'Benchmark network', nameUr: 'بینچ مارک نیٹ ورک' });
  const q = scoped(db, networkId);
  const organisationId = await system.factory.organisation(networkId, { nameEn: 'Bench organisation', type: 'civil_society' });
  const set = await q
    .insertInto('admin_unit_sets', { country: 'PK', gazetteer: 'bench', version: '1', source: 'bench', licence: 'public domain', imported_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const units: string[] = [];
  for (let i = 0; i < 20; i++) {
    const code = `PKB${String(i).padStart(2, '0')}`;
    units.push((await q.insertInto('admin_units', { set_id: set.id, code, level: 2, name_en: `District ${i}`, name_ur: null, parent_id: null, geometry: null, retired_at: null }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const user = await system.factory.user(networkId, organisationId, ['focal_point']);
  const reader = await system.factory.agent(networkId, ['network_admin']);
  const file = csvFile('Bench organisation');
  console.log(`rows: ${ROWS.toLocaleString('en')}, CSV ${(file.length / 1024 / 1024).toFixed(1)} MB`);

  const ctx = {
    db,
    actor: { userId: user.id, networkId, organisationId, roles: ['focal_point'], grants: new Set(DEFAULT_ROLE_GRANTS.focal_point as string[]), sessionId: 'bench', language: 'en' as const },
    ip: null,
    userAgent: null,
    services: system.services,
  };

  // Another user reads the activity list while the import runs.
  const latencies: number[] = [];
  let reading = true;
  const readerLoop = (async () => {
    while (reading) {
      const started = performance.now();
      const res = await fetch(`${system.base}/api/v1/activities?limit=10`, { headers: agentHeaders(reader) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`reader: ${res.status}`);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const result = await importActivities(ctx, async () => ({ filename: 'bench.csv', mimeType: 'text/plain', data: file, fields: {} }), 'all-or-nothing');
  const apiMs = performance.now() - started;
  loop.disable();
  reading = false;
  await readerLoop;
  if (result.created !== ROWS) throw new Error(`imported ${result.created} of ${ROWS}: ${JSON.stringify(result.report.problems.slice(0, 3))}`);
  const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM activities`.execute(db)).rows[0].n);
  console.log(`activities after the import: ${(await count()).toLocaleString('en')}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-copy-'));
  const script = copyRows(dir, networkId, organisationId, units);
  const copyStarted = performance.now();
  const copy = spawnSync('psql', ['-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', script], { encoding: 'utf8' });
  const copyMs = performance.now() - copyStarted;
  if (copy.status !== 0) throw new Error(`psql: ${copy.stderr}`);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`activities after COPY: ${(await count()).toLocaleString('en')}`);

  const { p50, p99 } = percentiles(latencies);
  console.log(`import (service, check + write, one transaction): ${(apiMs / 1000).toFixed(1)} s  (${Math.round(ROWS / (apiMs / 1000)).toLocaleString('en')} rows/s)`);
  console.log(`PostgreSQL COPY of the same rows (psql \\copy, one transaction): ${(copyMs / 1000).toFixed(1)} s`);
  console.log(`ratio import / COPY: ${(apiMs / copyMs).toFixed(1)}×`);
  console.log(`other user's list request during the import: ${latencies.length} requests, p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
  console.log(`longest event-loop stall during the import: ${(loop.max / 1e6).toFixed(0)} ms`);
  await system.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
