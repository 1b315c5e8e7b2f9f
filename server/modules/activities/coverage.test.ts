import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../../test/harness';
import { daysFromToday, expectOk, type Agent } from '../network/test-support';
import { API, activityBody, activityWorld, monthEnd, monthStart, reached, type ActivityWorld } from './test-support';

let system: TestSystem;
let world: ActivityWorld;
let focalC: Agent;
let periodId: string;

interface UnitFigures {
  code: string;
  activities: number;
  organisations: number;
  reached: number;
}

/**
 * Four activities: A's (labour migration, GCM 3 and 10, B as partner) in Lahore and in Sindh as a
 * whole, reported for the current month; B's published one in Karachi, over before this month;
 * B's unpublished one in Lahore and Punjab; C's in Karachi, protection, GCM 7.
 */
beforeAll(async () => {
  system = await testSystem();
  world = await activityWorld(system);
  focalC = await system.factory.signIn(world.focalCUser);
  const u = world.units;
  const create = async (agent: Agent, overrides: Record<string, unknown>) => {
    const res = await agent.post(API, activityBody(world, overrides));
    expectOk(res, 201);
    return res.json().id as string;
  };
  const desks = await create(world.focalA, { titleEn: 'Desks', unitIds: [u.lahore, u.sindh], reached: reached(40) });
  await create(world.focalB, { titleEn: 'Helpline', leadOrganisationId: world.orgB, partnerOrganisationIds: [], gcmObjectives: [7], sector: 'protection', unitIds: [u.karachi], published: true, endsOn: monthEnd(-2), reached: reached(15) });
  await create(world.focalB, { titleEn: 'Shelter', leadOrganisationId: world.orgB, partnerOrganisationIds: [], gcmObjectives: [7], sector: 'protection', unitIds: [u.lahore, u.punjab], reached: reached(100) });
  await create(focalC, { titleEn: 'Outreach', leadOrganisationId: world.orgC, partnerOrganisationIds: [], gcmObjectives: [7], sector: 'protection', unitIds: [u.karachi], reached: reached(5) });
  const period = await world.admin.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(0), endsOn: monthEnd(0), deadline: daysFromToday(40) });
  expectOk(period, 201);
  periodId = period.json().id;
  expectOk(await world.focalA.put(`${API}/${desks}/reports/${periodId}`, { narrative: 'This month.', reached: reached(7) }));
});
afterAll(() => system.close());

async function coverage(agent: Agent, query: string): Promise<Record<string, Omit<UnitFigures, 'code'>>> {
  const res = await agent.get(`${API}/coverage?${query}`);
  expectOk(res);
  return Object.fromEntries(res.json().units.map((u: UnitFigures) => [u.code, { activities: u.activities, organisations: u.organisations, reached: u.reached }]));
}

async function titlesIn(agent: Agent, unitId: string, query = ''): Promise<string[]> {
  const res = await agent.get(`${API}/coverage/units/${unitId}?${query}`);
  expectOk(res);
  return res.json().items.map((a: { titleEn: string }) => a.titleEn).sort();
}

describe('the map of activities', () => {
  it('counts a district activity for its province once, and a province activity for the province only', async () => {
    expect(await coverage(world.admin, 'level=1')).toEqual({
      PK7: { activities: 2, organisations: 2, reached: 140 },
      PK8: { activities: 3, organisations: 3, reached: 60 },
    });
    expect(await coverage(world.admin, 'level=2')).toEqual({
      PK702: { activities: 2, organisations: 2, reached: 140 },
      PK801: { activities: 2, organisations: 2, reached: 20 },
    });
  });

  it('filters by GCM objective, sector and organisation, a partner counting as working there', async () => {
    expect(await coverage(world.admin, 'gcmObjective=10')).toEqual({ PK7: { activities: 1, organisations: 2, reached: 40 }, PK8: { activities: 1, organisations: 2, reached: 40 } });
    expect(await coverage(world.admin, 'sector=protection')).toEqual({ PK7: { activities: 1, organisations: 1, reached: 100 }, PK8: { activities: 2, organisations: 2, reached: 20 } });
    expect(await coverage(world.admin, `organisationId=${world.orgA}`)).toEqual({ PK7: { activities: 1, organisations: 2, reached: 40 }, PK8: { activities: 1, organisations: 2, reached: 40 } });
    expect(await coverage(world.admin, `organisationId=${world.orgB}&level=2`)).toEqual({ PK702: { activities: 2, organisations: 2, reached: 140 }, PK801: { activities: 1, organisations: 1, reached: 15 } });
  });

  it('in a period, counts the activities running in it and the people reported for it', async () => {
    expect(await coverage(world.admin, `periodId=${periodId}`)).toEqual({
      PK7: { activities: 2, organisations: 2, reached: 7 },
      PK8: { activities: 2, organisations: 3, reached: 7 },
    });
    const unknown = await world.admin.get(`${API}/coverage?periodId=${world.orgA}`);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'periodId', message: 'The reporting period does not exist.' });
    expect((await world.admin.get(`${API}/coverage?level=3`)).statusCode).toBe(400);
  });

  it("does not count another organisation's unpublished activity for an organisation's reader", async () => {
    expect(await coverage(world.focalA, 'level=1')).toEqual({
      PK7: { activities: 1, organisations: 2, reached: 40 },
      PK8: { activities: 2, organisations: 2, reached: 55 },
    });
  });

  it('lists the activities of a unit, those of the districts below it included, as the reader may see them', async () => {
    expect(await titlesIn(world.admin, world.units.punjab)).toEqual(['Desks', 'Shelter']);
    expect(await titlesIn(world.focalA, world.units.punjab)).toEqual(['Desks']);
    expect(await titlesIn(world.admin, world.units.karachi)).toEqual(['Helpline', 'Outreach']);
    expect(await titlesIn(world.admin, world.units.sindh, `periodId=${periodId}`)).toEqual(['Desks', 'Outreach']);
    const page = (await world.admin.get(`${API}/coverage/units/${world.units.sindh}?limit=1`)).json();
    expect(page).toMatchObject({ unit: { code: 'PK8', level: 1, nameEn: 'Sindh' }, total: 3, limit: 1 });
    expect(page.items).toHaveLength(1);
    expect((await world.admin.get(`${API}/coverage/units/${world.orgA}`)).statusCode).toBe(404);
  });
});

describe('the gap matrix', () => {
  async function matrix(agent: Agent, query = '') {
    const res = await agent.get(`${API}/gaps?${query}`);
    expectOk(res);
    const m = res.json() as { objectives: number[]; units: Array<{ code: string }>; organisations: Array<{ id: string }>; cells: Array<[number, number, number[]]> };
    const names = new Map([[world.orgA, 'A'], [world.orgB, 'B'], [world.orgC, 'C']]);
    /** "objective/unit code" → organisations working there; a pair missing is a gap. */
    const worked = Object.fromEntries(m.cells.map(([objective, unit, orgs]) => [`${objective}/${m.units[unit].code}`, orgs.map((o) => names.get(m.organisations[o].id)).sort().join(',')]));
    return { objectives: m.objectives, units: m.units.map((u) => u.code), worked };
  }

  it('shows who works on each GCM objective in each province, and leaves the gaps empty', async () => {
    const m = await matrix(world.admin);
    expect(m.objectives).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(m.units).toEqual(['PK7', 'PK8']);
    expect(m.worked).toEqual({ '3/PK7': 'A,B', '3/PK8': 'A,B', '7/PK7': 'B', '7/PK8': 'B,C', '10/PK7': 'A,B', '10/PK8': 'A,B' });
  });

  it("by district, with the filters, and without another organisation's unpublished work for an organisation's reader", async () => {
    expect((await matrix(world.admin, 'level=2&sector=protection')).worked).toEqual({ '7/PK702': 'B', '7/PK801': 'B,C' });
    expect((await matrix(world.focalA)).worked).toEqual({ '3/PK7': 'A,B', '3/PK8': 'A,B', '7/PK8': 'B', '10/PK7': 'A,B', '10/PK8': 'A,B' });
    expect((await matrix(world.admin, `periodId=${periodId}`)).worked).toEqual({ '3/PK7': 'A,B', '3/PK8': 'A,B', '7/PK7': 'B', '7/PK8': 'C', '10/PK7': 'A,B', '10/PK8': 'A,B' });
  });
});
