import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../../platform/database/tenant';
import { testSystem, type TestSystem } from '../../test/harness';
import { daysFromToday, expectOk } from '../network/test-support';
import { API, activityBody, activityWorld, monthEnd, monthStart, reached, type ActivityWorld } from './test-support';

let system: TestSystem;
let world: ActivityWorld;

beforeAll(async () => {
  system = await testSystem();
  world = await activityWorld(system);
});
afterAll(() => system.close());

const create = (overrides: Record<string, unknown> = {}, agent = world.focalA) => agent.post(API, activityBody(world, overrides));

async function auditEntries(action: string) {
  return scoped(system.db, world.networkId).selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'fields', 'actor_user_id']).where('action', '=', action).execute();
}

describe('an activity', () => {
  it('is created by the lead organisation with partners, GCM objectives, places and people targeted, totals derived', async () => {
    const res = await create();
    expectOk(res, 201);
    const activity = res.json();
    expect(activity).toMatchObject({
      titleEn: 'Safe migration information desks',
      leadOrganisation: { id: world.orgA },
      partnerOrganisations: [{ id: world.orgB }],
      gcmObjectives: [3, 10],
      sector: 'labour_migration',
      fundingKind: 'other_donor',
      donorName: 'European Union',
      status: 'ongoing',
      published: false,
      targetedTotal: 60,
      reachedTotal: 0,
      canEdit: true,
      version: 1,
    });
    expect(activity.places.map((p: { code: string }) => p.code)).toEqual(['PK8', 'PK702']);
    expect(activity.targeted.totals).toEqual({
      total: 60,
      bySex: { female: 40, male: 20, other: 0 },
      byAgeBand: { '0-17': 10, '18-59': 50, '60+': 0 },
      byGroup: { migrants: 50, returnees: 10, host_community: 0, idps: 0 },
    });
    expect(await auditEntries('activities.create')).toContainEqual(expect.objectContaining({ entity: 'activity', entity_id: activity.id }));
  });

  it('accepts totals that add up, and refuses those that do not with 400 naming the field', async () => {
    const targeted = { ...activityBody(world).targeted, totals: { total: 60, bySex: { female: 40, male: 20 } } };
    expectOk(await create({ targeted }), 201);

    const wrong = await create({ targeted: { ...targeted, totals: { total: 60, bySex: { female: 45, male: 20 } } } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().errors).toEqual([
      { field: 'targeted.totals.bySex.female', code: 'activities.figures-total-mismatch', message: 'The total 45 does not add up: the figures add up to 40.', params: { sent: 45, derived: 40 } },
    ]);

    const twice = await create({ reached: { cells: [reached(5).cells[0], reached(6).cells[0]] } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].field).toBe('reached.cells.1');
  });

  it('refuses an end before the start, one to three GCM objectives only, and a funding source without its details', async () => {
    const backwards = await create({ startsOn: '2026-05-01', endsOn: '2026-04-30' });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0]).toMatchObject({ field: 'endsOn', message: 'The end is before the start.' });
    expect((await create({ gcmObjectives: [] })).json().errors[0].field).toBe('gcmObjectives');
    expect((await create({ gcmObjectives: [1, 2, 3, 4] })).json().errors[0].field).toBe('gcmObjectives');
    const noProgramme = await create({ fundingKind: 'mmptf', donorName: null });
    expect(noProgramme.statusCode).toBe(422);
    expect(noProgramme.json().errors[0]).toMatchObject({ field: 'fundProgrammeId', message: 'Choose the MMPTF programme that funds the activity.' });
    const noDonor = await create({ donorName: null });
    expect(noDonor.json().errors[0].field).toBe('donorName');
    const unknownUnit = await create({ unitIds: [world.orgA] });
    expect(unknownUnit.json().errors[0].field).toBe('unitIds');
  });

  it('is tagged to a workplan line, and the workplan page lists the activities under each line', async () => {
    const line = await world.admin.post('/api/v1/network/workplan', {
      kind: 'output', titleEn: 'Pre-departure orientation', leadOrganisationId: world.orgA, startsOn: '2025-01-01', endsOn: '2027-12-31', gcmObjectives: [3],
    });
    expectOk(line, 201);
    const tagged = await create({ titleEn: 'Orientation sessions', workplanItemId: line.json().id });
    expectOk(tagged, 201);
    const lines = await world.chair.get(`${API}/workplan`);
    expectOk(lines);
    expect(lines.json()).toContainEqual({ workplanItemId: line.json().id, activities: [expect.objectContaining({ id: tagged.json().id, titleEn: 'Orientation sessions' })] });
    expect((await create({ workplanItemId: world.orgA })).json().errors[0].field).toBe('workplanItemId');
  });

  it('meets a second editor who read an older version with 409', async () => {
    const id = (await create()).json().id;
    expectOk(await world.focalA.patch(`${API}/${id}`, { status: 'completed', version: 1 }));
    const stale = await world.orgAdminA.patch(`${API}/${id}`, { titleEn: 'Renamed', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: expect.stringContaining('stale-version'), currentVersion: 2 });
    const fresh = await world.orgAdminA.patch(`${API}/${id}`, { titleEn: 'Renamed', version: 2 });
    expectOk(fresh);
    expect(fresh.json()).toMatchObject({ titleEn: 'Renamed', status: 'completed', version: 3 });
    expect((await world.orgAdminA.patch(`${API}/${id}`, { targeted: { cells: [], totals: { total: 3 } }, version: 3 })).json().errors[0].field).toBe('targeted.totals.total');
  });
});

describe('who may see and change activities', () => {
  let unpublished: string;
  let published: string;
  beforeAll(async () => {
    unpublished = (await create({ titleEn: 'Internal planning of A' })).json().id;
    published = (await create({ titleEn: 'Published desks of A', published: true })).json().id;
  });

  it('lets another organisation see only what A published, and never change it', async () => {
    expect((await world.focalB.get(`${API}/${unpublished}`)).statusCode).toBe(404);
    const seen = await world.focalB.get(`${API}/${published}`);
    expectOk(seen);
    expect(seen.json()).toMatchObject({ canEdit: false });
    expect(seen.json().comments).toBeUndefined();
    const list = (await world.focalB.get(`${API}?limit=200`)).json().items.map((a: { id: string }) => a.id);
    expect(list).toContain(published);
    expect(list).not.toContain(unpublished);

    expect((await world.focalB.patch(`${API}/${unpublished}`, { titleEn: 'Taken over', version: 1 })).statusCode).toBe(404);
    expect((await world.focalB.patch(`${API}/${published}`, { titleEn: 'Taken over', version: 1 })).statusCode).toBe(403);
    expect((await world.focalB.post(API, activityBody(world))).statusCode).toBe(404);
  });

  it('lets the secretariat see all and comment, the lead organisation read the comments, chair and auditor only view', async () => {
    expectOk(await world.admin.get(`${API}/${unpublished}`));
    const comment = await world.admin.post(`${API}/${unpublished}/comments`, { body: 'Please add the districts.' });
    expectOk(comment, 201);
    expect((await world.focalA.get(`${API}/${unpublished}`)).json().comments).toEqual([expect.objectContaining({ body: 'Please add the districts.' })]);
    expect((await world.focalB.post(`${API}/${published}/comments`, { body: 'x' })).statusCode).toBe(403);
    expect((await world.admin.patch(`${API}/${unpublished}`, { titleEn: 'x', version: 1 })).statusCode).toBe(403);
    expectOk(await world.chair.get(`${API}/${unpublished}`));
    expectOk(await world.auditor.get(`${API}/${unpublished}`));
    expect((await world.auditor.post(API, activityBody(world))).statusCode).toBe(403);
  });

  it('shows the public only the published activities, without people or comments', async () => {
    const code = (await system.db.selectFrom('networks').select('code').where('id', '=', world.networkId).executeTakeFirstOrThrow()).code;
    const res = await system.app.inject({ method: 'GET', url: `${API}/published?network=${code}` });
    expectOk(res);
    const items = res.json().items;
    expect(items.map((a: { id: string }) => a.id)).toContain(published);
    expect(items.map((a: { id: string }) => a.id)).not.toContain(unpublished);
    expect(Object.keys(items[0]).sort()).toEqual(['descriptionEn', 'descriptionUr', 'endsOn', 'gcmObjectives', 'id', 'organisation', 'places', 'reachedTotal', 'sector', 'startsOn', 'status', 'targetedTotal', 'titleEn', 'titleUr']);
    expect((await system.app.inject({ method: 'GET', url: `${API}/published?network=NOSUCH` })).statusCode).toBe(404);
  });

  it('hides an activity of another network, published or not', async () => {
    const other = await system.factory.network();
    const otherAdmin = await system.factory.agent(other, ['network_admin']);
    expect((await otherAdmin.get(`${API}/${published}`)).statusCode).toBe(404);
    expect((await otherAdmin.post(`${API}/${published}/comments`, { body: 'x' })).statusCode).toBe(404);
  });
});

describe('periodic reporting', () => {
  let activityId: string;
  let openPeriod: string;
  let lockedPeriod: string;

  beforeAll(async () => {
    activityId = (await create({ titleEn: 'Reported activity' })).json().id;
  });

  it('lets a network admin open monthly and quarterly periods, each a whole month or quarter', async () => {
    const open = await world.admin.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(0), endsOn: monthEnd(0), deadline: daysFromToday(40) });
    expectOk(open, 201);
    expect(open.json()).toMatchObject({ locked: false, openForMe: false });
    openPeriod = open.json().id;
    const locked = await world.admin.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(-2), endsOn: monthEnd(-2), deadline: monthEnd(-1) });
    expectOk(locked, 201);
    expect(locked.json().locked).toBe(true);
    lockedPeriod = locked.json().id;

    const partial = await world.admin.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(-3), endsOn: daysFromToday(0), deadline: daysFromToday(5) });
    expect(partial.json().errors[0]).toMatchObject({ field: 'endsOn', message: `This period ends on ${monthEnd(-3)}, the last day of its month or quarter.` });
    const midMonth = await world.admin.post(`${API}/periods`, { kind: 'quarterly', startsOn: `${monthStart(-3).slice(0, 8)}05`, endsOn: monthEnd(-1), deadline: daysFromToday(5) });
    expect(midMonth.json().errors[0]).toMatchObject({ field: 'startsOn', message: 'A monthly period starts on the first day of a month, a quarterly one on 1 January, April, July or October.' });
    const twice = await world.admin.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(0), endsOn: monthEnd(0), deadline: daysFromToday(40) });
    expect(twice.statusCode).toBe(409);
    expect((await world.focalA.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(-5), endsOn: monthEnd(-5), deadline: monthEnd(-4) })).statusCode).toBe(403);
  });

  it('takes the report of an activity for a period: reached figures and a narrative, dates inside the period', async () => {
    const url = `${API}/${activityId}/reports/${openPeriod}`;
    const outside = await world.focalA.put(url, { narrative: 'Desks opened.', coveredFrom: monthStart(-1), reached: reached(12) });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].field).toBe('coveredFrom');
    const wrongTotal = await world.focalA.put(url, { narrative: 'Desks opened.', reached: { ...reached(12), totals: { total: 13 } } });
    expect(wrongTotal.statusCode).toBe(400);
    expect(wrongTotal.json().errors[0].field).toBe('reached.totals.total');

    const res = await world.focalA.put(url, { narrative: 'Desks opened in Lahore.', reached: reached(12) });
    expectOk(res);
    expect(res.json()).toMatchObject({ coveredFrom: monthStart(0), coveredTo: monthEnd(0), narrative: 'Desks opened in Lahore.', late: false, version: 1 });
    expect(res.json().reached.totals.total).toBe(12);
    expect((await world.focalA.put(url, { narrative: 'Again', reached: reached(13) })).json().errors[0].field).toBe('version');
    const edited = await world.orgAdminA.put(url, { narrative: 'Desks opened in Lahore and Karachi.', reached: reached(15), version: 1 });
    expectOk(edited);
    expect(edited.json()).toMatchObject({ version: 2, reached: { totals: { total: 15 } } });
    expect((await world.focalA.put(url, { narrative: 'Stale', reached: reached(1), version: 1 })).statusCode).toBe(409);

    const period = (await world.admin.get(`${API}/periods/${openPeriod}/reports`)).json();
    expect(period.reports).toEqual([expect.objectContaining({ activityId, activityTitle: 'Reported activity', late: false })]);
    expect(period.missing.map((m: { activityId: string }) => m.activityId)).not.toContain(activityId);
  });

  it('locks a period after its deadline', async () => {
    const res = await world.focalA.put(`${API}/${activityId}/reports/${lockedPeriod}`, { narrative: 'Late.', reached: reached(4) });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: expect.stringContaining('period-locked'), detail: `The period is locked since its deadline (${monthEnd(-1)}); ask the secretariat to unlock it for your organisation.` });
    const periods = (await world.focalA.get(`${API}/periods`)).json();
    expect(periods.find((p: { id: string }) => p.id === lockedPeriod)).toMatchObject({ locked: true, openForMe: false });
  });

  it("unlocks one organisation's report with a written reason (audited), after which it is submitted, late", async () => {
    const unlock = await world.admin.post(`${API}/periods/${lockedPeriod}/unlocks`, { organisationId: world.orgA, reason: 'The focal point was on leave during the deadline.', until: daysFromToday(7) });
    expectOk(unlock, 201);
    expect(unlock.json()).toMatchObject({ organisationId: world.orgA, until: daysFromToday(7), reason: 'The focal point was on leave during the deadline.' });
    expect(await auditEntries('activities.period.unlock')).toEqual([
      { action: 'activities.period.unlock', entity: 'reporting_period', entity_id: lockedPeriod, fields: ['organisationId', 'reason', 'until'], actor_user_id: world.admin.user.id },
    ]);
    expect((await world.admin.post(`${API}/periods/${openPeriod}/unlocks`, { organisationId: world.orgA, reason: 'x', until: daysFromToday(7) })).statusCode).toBe(409);
    expect((await world.admin.post(`${API}/periods/${lockedPeriod}/unlocks`, { organisationId: world.orgA, reason: 'x', until: daysFromToday(-1) })).json().errors[0].field).toBe('until');

    const res = await world.focalA.put(`${API}/${activityId}/reports/${lockedPeriod}`, { narrative: 'Reported after the unlock.', reached: reached(4) });
    expectOk(res);
    expect(res.json().late).toBe(true);
    expect((await world.focalA.get(`${API}/periods`)).json().find((p: { id: string }) => p.id === lockedPeriod)).toMatchObject({ locked: true, openForMe: true });
    const other = (await create({ titleEn: 'B activity', leadOrganisationId: world.orgB }, world.focalB)).json().id;
    expect((await world.focalB.put(`${API}/${other}/reports/${lockedPeriod}`, { narrative: 'B too', reached: reached(1) })).statusCode).toBe(409);
  });

  it("does not let another organisation report an organisation's activity", async () => {
    const hidden = await world.focalB.put(`${API}/${activityId}/reports/${openPeriod}`, { narrative: 'Not mine', reached: reached(1) });
    expect(hidden.statusCode).toBe(404);
    const published = (await create({ titleEn: 'Published and reported', published: true })).json().id;
    expect((await world.focalB.put(`${API}/${published}/reports/${openPeriod}`, { narrative: 'Not mine', reached: reached(1) })).statusCode).toBe(403);
    expect((await world.admin.put(`${API}/${activityId}/reports/${openPeriod}`, { narrative: 'Secretariat', reached: reached(1) })).statusCode).toBe(403);
    const ownView = (await world.focalB.get(`${API}/periods/${openPeriod}/reports`)).json();
    expect(ownView.reports).toEqual([]);
  });
});
