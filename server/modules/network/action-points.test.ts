import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../../test/harness';
import { API, daysFromToday, memberNetwork, type MemberNetwork } from './test-support';

let system: TestSystem;
let net: MemberNetwork;

beforeAll(async () => {
  system = await testSystem();
  net = await memberNetwork(system);
});
afterAll(() => system.close());

const newPoint = (overrides: Record<string, unknown> = {}) =>
  net.admin.post(`${API}/action-points`, {
    title: 'Share the referral directory with the FIA circles',
    ownerOrganisationId: net.orgA,
    responsibleUserId: net.focalAUser.id,
    dueDate: daysFromToday(10),
    gcmObjectives: [10],
    ...overrides,
  });

describe('creating action points', () => {
  it('refuses a due date in the past with a 422 naming dueDate, and accepts today', async () => {
    const past = await newPoint({ dueDate: daysFromToday(-1) });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([{ field: 'dueDate', code: 'network.action-point.due-date-past', message: 'The due date is in the past.' }]);
    expect((await newPoint({ dueDate: daysFromToday(0) })).statusCode).toBe(201);
  });

  it('refuses a responsible person of another organisation', async () => {
    const res = await newPoint({ responsibleUserId: net.focalBUser.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('responsibleUserId');
  });

  it('lets only the secretariat create action points', async () => {
    expect((await net.focalA.post(`${API}/action-points`, { title: 'x', ownerOrganisationId: net.orgA, dueDate: daysFromToday(3) })).statusCode).toBe(403);
  });
});

describe('progress updates', () => {
  it('lets a focal point update only their own organisation\'s action points (404 for others)', async () => {
    const point = (await newPoint()).json();
    const other = (await newPoint({ ownerOrganisationId: net.orgB, responsibleUserId: null, responsibleName: 'Programme officer' })).json();

    const own = await net.focalA.post(`${API}/action-points/${point.id}/updates`, { status: 'in_progress', note: 'Draft shared internally.', version: point.version });
    expect(own.statusCode).toBe(200);
    expect(own.json().status).toBe('in_progress');
    expect(own.json().updates).toMatchObject([{ status: 'in_progress', note: 'Draft shared internally.' }]);

    const foreign = await net.focalA.post(`${API}/action-points/${other.id}/updates`, { status: 'done', note: 'Not mine', version: other.version });
    expect(foreign.statusCode).toBe(404);
    expect((await net.chair.post(`${API}/action-points/${other.id}/updates`, { note: 'Chair', version: other.version })).statusCode).toBe(403);

    const stale = await net.focalA.post(`${API}/action-points/${point.id}/updates`, { status: 'done', note: 'Done', version: point.version });
    expect(stale.statusCode).toBe(409);

    const bySecretariat = await net.admin.post(`${API}/action-points/${other.id}/updates`, { status: 'done', note: 'Confirmed by e-mail.', version: other.version });
    expect(bySecretariat.json().status).toBe('done');
  });

  it('shows a focal point their organisation\'s commitments', async () => {
    const mine = await net.focalB.get(`${API}/action-points?mine=true`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBeGreaterThan(0);
    expect(mine.json().items.every((p: { ownerOrganisationId: string }) => p.ownerOrganisationId === net.orgB)).toBe(true);
  });
});

describe('overdue action points', () => {
  it('notifies the owner organisation\'s focal points once when an action point becomes overdue', async () => {
    const point = (await newPoint({ title: 'Publish the hotline leaflet in Urdu', ownerOrganisationId: net.orgC, responsibleUserId: null })).json();
    await system.db.updateTable('action_points').set({ due_date: daysFromToday(-3) }).where('network_id', '=', net.networkId).where('id', '=', point.id).execute();

    await system.services.jobs.runDue();
    const notices = await system.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'params', 'link'])
      .where('network_id', '=', net.networkId)
      .where('kind', '=', 'network.actionPoint.overdue')
      .execute();
    const forPoint = notices.filter((n) => n.link === `/network/action-points/${point.id}`);
    expect(forPoint.map((n) => n.user_id)).toEqual([net.focalCUser.id]);
    expect(forPoint[0].params).toEqual({ title: 'Publish the hotline leaflet in Urdu', dueDate: daysFromToday(-3) });
    const mail = await system.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', net.focalCUser.email).execute();
    expect(mail.map((m) => m.subject)).toContain(`Hamsafar: Action point overdue: Publish the hotline leaflet in Urdu (due ${daysFromToday(-3)})`);

    // The schedule is due again only after an hour; force it to check the notice is not repeated.
    await system.db.updateTable('job_schedules').set({ next_run_at: new Date(0) }).where('kind', '=', 'network.actionPoints.overdue').execute();
    await system.services.jobs.runDue();
    const after = await system.db.selectFrom('notifications').select('id').where('network_id', '=', net.networkId).where('link', '=', `/network/action-points/${point.id}`).execute();
    expect(after).toHaveLength(1);

    const overdue = await net.admin.get(`${API}/action-points?overdue=true`);
    expect(overdue.json().items.map((p: { id: string }) => p.id)).toContain(point.id);
    const dashboard = await net.admin.get(`${API}/dashboard`);
    expect(dashboard.json().overdueActionPoints.map((p: { id: string }) => p.id)).toContain(point.id);
  });
});
