import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../../platform/database/tenant';
import { testSystem, type TestSystem } from '../../test/harness';
import { fundDemoWorld, SECRETARIAT } from '../fund/test-support';
import { pakistanDate } from '../network/time';
import { seedActivitiesDemo } from './demo';
import { API } from './test-support';

let system: TestSystem;
let world: Awaited<ReturnType<typeof fundDemoWorld>>;

beforeAll(async () => {
  system = await testSystem();
  // The demo organisations and users with the fund's programmes, and a gazetteer of four provinces with districts.
  world = await fundDemoWorld(system);
  const q = scoped(system.db, world.networkId);
  const set = await q.insertInto('admin_unit_sets', { country: 'PK', gazetteer: 'demo test', version: '1', source: 'tests', licence: 'public domain', imported_by: null }).returning('id').executeTakeFirstOrThrow();
  for (const [n, name] of ['Punjab', 'Sindh', 'Khyber Pakhtunkhwa', 'Balochistan', 'Islamabad', 'Gilgit-Baltistan', 'Azad Jammu and Kashmir'].entries()) {
    const province = await q.insertInto('admin_units', { set_id: set.id, code: `PK${n + 1}`, level: 1, name_en: name, name_ur: null, parent_id: null, geometry: null, retired_at: null }).returning('id').executeTakeFirstOrThrow();
    await q.insertInto('admin_units', { set_id: set.id, code: `PK${n + 1}01`, level: 2, name_en: `${name} district`, name_ur: null, parent_id: province.id, geometry: null, retired_at: null }).execute();
  }
  await seedActivitiesDemo(world);
});
afterAll(() => system.close());

describe('activities demo data', () => {
  it('seeds two years of activities across most provinces, with gaps', async () => {
    const q = scoped(system.db, world.networkId);
    const activities = await q.selectFrom('activities').select(['starts_on', 'gcm_objectives', 'lead_organisation_id', 'fund_programme_id']).execute();
    expect(activities.length).toBeGreaterThanOrEqual(25);
    expect(new Set(activities.map((a) => a.lead_organisation_id)).size).toBeGreaterThanOrEqual(10);
    expect(activities.some((a) => a.fund_programme_id)).toBe(true);
    const objectives = new Set(activities.flatMap((a) => a.gcm_objectives));
    expect(objectives.has(8)).toBe(false);
    expect(objectives.size).toBeLessThan(23);
    const provinces = await q
      .selectFrom('activity_places')
      .innerJoin('admin_units as d', (j) => j.onRef('d.network_id', '=', 'activity_places.network_id').onRef('d.id', '=', 'activity_places.unit_id'))
      .select('d.parent_id')
      .distinct()
      .execute();
    expect(provinces.length).toBe(5);
    const first = activities.map((a) => a.starts_on).sort()[0];
    expect(Number(pakistanDate().slice(0, 4)) - Number(first.slice(0, 4))).toBeGreaterThanOrEqual(2);
  });

  it('has reports of past periods, locked periods, an open one, and one late report after an unlock', async () => {
    const admin = await world.as(SECRETARIAT);
    const periods = (await admin.get(`${API}/periods`)).json() as Array<{ id: string; locked: boolean }>;
    expect(periods.filter((p) => p.locked).length).toBeGreaterThanOrEqual(1);
    expect(periods.filter((p) => !p.locked).length).toBeGreaterThanOrEqual(1);
    const reports = await Promise.all(periods.map(async (p) => (await admin.get(`${API}/periods/${p.id}/reports`)).json()));
    const all = reports.flatMap((r) => r.reports);
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((r: { late: boolean }) => r.late)).toHaveLength(1);
    expect(reports.flatMap((r) => r.unlocks)).toHaveLength(1);
    expect(reports.some((r) => r.missing.length > 0)).toBe(true);
  });
});
