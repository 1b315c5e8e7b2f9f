import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../../platform/database/tenant';
import { DEMO_ORGANISATIONS, DEMO_USERS, type DemoContext } from '../../seed/demo';
import { createNetwork } from '../../seed/networks';
import { testSystem, type TestSystem } from '../../test/harness';
import { seedNetworkDemo } from './demo';
import { API } from './test-support';
import { pakistanDate } from './time';

let system: TestSystem;
let demo: DemoContext;

/** The demo network's organisations and users, as `seedDemo` makes them, without the other modules' data. */
async function demoBase(): Promise<DemoContext> {
  const networkId = await createNetwork(system.db, { code: 'PAK', nameEn: 'Pakistan UN Network on Migration', nameUr: 'پاکستان' });
  const q = scoped(system.db, networkId);
  const organisations: Record<string, string> = {};
  for (const o of DEMO_ORGANISATIONS) {
    const row = await q
      .insertInto('organisations', { name_en: o.nameEn, name_ur: o.nameUr, acronym: o.acronym, type: o.type, htcds_org_type: o.htcdsOrgType, province: o.province, services: o.services, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    organisations[o.key] = row.id;
  }
  const users: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const user = await system.factory.user(networkId, organisations[u.organisation], [u.role], { email: u.email });
    users[u.email] = user.id;
  }
  return { db: system.db, services: system.services, networkId, organisations, users };
}

beforeAll(async () => {
  system = await testSystem();
  demo = await demoBase();
  await seedNetworkDemo(demo);
});
afterAll(() => system.close());

describe('network demo data', () => {
  it('seeds a year of the Pakistan network', async () => {
    const q = scoped(system.db, demo.networkId);
    const count = async (table: 'working_groups' | 'decisions' | 'action_points' | 'meetings') =>
      Number((await q.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('working_groups')).toBe(4);
    expect(await count('decisions')).toBeGreaterThanOrEqual(26);
    expect(await count('decisions')).toBeLessThanOrEqual(34);
    expect(await count('action_points')).toBe(80);
    const launch = await q.selectFrom('meetings').select(['starts_at', 'is_public']).where('title_en', 'like', 'Launch%').executeTakeFirstOrThrow();
    expect(pakistanDate(launch.starts_at)).toBe('2025-09-01');
    expect(launch.is_public).toBe(true);

    const statuses = new Set((await q.selectFrom('action_points').select('status').execute()).map((r) => r.status));
    expect([...statuses].sort()).toEqual(['done', 'dropped', 'in_progress', 'open']);
    const overdue = await q.selectFrom('action_points').select('id').where('due_date', '<', pakistanDate()).where('status', 'in', ['open', 'in_progress']).execute();
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('covers GCM objectives 1, 3, 6, 7, 9, 10, 12, 14 and 21 in the workplan, and shows the others as gaps', async () => {
    const admin = await system.factory.signIn({ id: demo.users['admin@demo.hamsafar.pk'], email: 'admin@demo.hamsafar.pk', organisationId: demo.organisations.iom, networkId: demo.networkId, totpSecret: null });
    const matrix = (await admin.get(`${API}/workplan/matrix`)).json();
    const covered = matrix.objectives.filter((o: { gap: boolean }) => !o.gap).map((o: { number: number }) => o.number);
    expect(covered).toEqual([1, 3, 6, 7, 9, 10, 12, 14, 21]);
    const dashboard = (await admin.get(`${API}/dashboard`)).json();
    expect(dashboard.meetingsHeld.length).toBeGreaterThan(10);
    expect(dashboard.attendanceByOrganisation.find((a: { name: string }) => a.name === 'IOM').rate).toBe(100);
  });
});
