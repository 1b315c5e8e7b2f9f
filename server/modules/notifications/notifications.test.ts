import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineMessages } from '../../platform/i18n';
import { notify } from '../../platform/notifications';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';

let system: TestSystem;
let networkId: string;
let amna: Agent;
let bilal: Agent;

defineMessages({
  'test.meeting.moved': { en: 'The meeting {{title}} moved to {{day}}', ur: 'اجلاس {{title}} اب {{day}} کو ہوگا' },
});

beforeAll(async () => {
  system = await testSystem();
  networkId = await system.factory.network();
  const organisation = await system.factory.organisation(networkId);
  amna = await system.factory.agent(networkId, ['focal_point'], organisation);
  bilal = await system.factory.agent(networkId, ['focal_point'], organisation);
});
afterAll(() => system.close());

async function send(userIds: string[], kind: string, params: Record<string, string | number> = {}) {
  await system.db.transaction().execute((trx) => notify(trx, system.services.mailer, system.config.publicUrl, { networkId, userIds, kind, params, link: '/network/meetings' }));
}

interface Item {
  id: string;
  kind: string;
  title: string;
  params: Record<string, string | number>;
  link: string | null;
  readAt: string | null;
}

async function list(agent: Agent, query = ''): Promise<{ items: Item[]; total: number; unreadCount: number }> {
  const res = await agent.get(`/api/v1/notifications?limit=200${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('my notifications', () => {
  it('lists only my own, with the title rendered in my language', async () => {
    await send([amna.user.id, bilal.user.id], 'test.meeting.moved', { title: 'TWG-1', day: 'Monday' });
    await send([bilal.user.id], 'notification.account.locked');
    // notify() refuses a kind without a message, but a stored row may outlive its message (a removed kind).
    await system.db.insertInto('notifications').values({ network_id: networkId, user_id: amna.user.id, kind: 'test.kind.without.message', params: '{}', link: null }).execute();

    const mine = await list(amna);
    expect(mine.items.map((i) => i.kind).sort()).toEqual(['test.kind.without.message', 'test.meeting.moved']);
    const moved = mine.items.find((i) => i.kind === 'test.meeting.moved')!;
    expect(moved).toMatchObject({ title: 'The meeting TWG-1 moved to Monday', params: { title: 'TWG-1', day: 'Monday' }, link: '/network/meetings', readAt: null });
    expect(mine.items.find((i) => i.kind === 'test.kind.without.message')!.title).toBe('test.kind.without.message');
    expect(mine).toMatchObject({ total: 2, unreadCount: 2 });

    expect((await bilal.patch('/api/v1/auth/profile', { language: 'ur' })).statusCode).toBe(200);
    const his = await list(bilal);
    expect(his.items.map((i) => i.title).sort()).toEqual(['اجلاس TWG-1 اب Monday کو ہوگا', 'بار بار ناکام سائن اِن کے بعد آپ کا اکاؤنٹ مقفل کر دیا گیا'].sort());
  });

  it("answers 404 for another user's notification and leaves it unread", async () => {
    await send([bilal.user.id], 'test.meeting.moved', { title: 'Private', day: 'Friday' });
    const hisId = (await list(bilal)).items.find((i) => i.params.title === 'Private')!.id;
    const res = await amna.post(`/api/v1/notifications/${hisId}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('Notification not found.');
    expect((await list(bilal)).items.find((i) => i.id === hisId)!.readAt).toBeNull();
  });

  it('marks one read, then all read, counting only mine', async () => {
    await send([amna.user.id, bilal.user.id], 'test.meeting.moved', { title: 'TWG-2', day: 'Tuesday' });
    const before = (await amna.get('/api/v1/notifications/unread-count')).json().count;
    const bilalBefore = (await bilal.get('/api/v1/notifications/unread-count')).json().count;
    expect(before).toBeGreaterThan(1);

    const first = (await list(amna, '&unread=true')).items[0];
    expect((await amna.post(`/api/v1/notifications/${first.id}/read`)).statusCode).toBe(200);
    expect((await amna.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: before - 1 });
    const unread = await list(amna, '&unread=true');
    expect(unread.items.some((i) => i.id === first.id)).toBe(false);
    expect(unread.total).toBe(before - 1);

    expect((await amna.post('/api/v1/notifications/read-all')).statusCode).toBe(200);
    expect((await amna.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await list(amna)).items.every((i) => i.readAt !== null)).toBe(true);
    expect((await bilal.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: bilalBefore });
  });

  it('needs a signed-in user', async () => {
    expect((await system.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' })).statusCode).toBe(401);
  });
});

describe('notification preferences', () => {
  it('lists kinds I received with their defaults, stores my choices, and notify() follows them', async () => {
    const defaults = (await amna.get('/api/v1/notifications/preferences')).json();
    expect(defaults.items).toContainEqual({ kind: 'test.meeting.moved', inApp: true, email: true });

    const saved = await amna.put('/api/v1/notifications/preferences', { items: [{ kind: 'test.meeting.moved', inApp: false, email: false }] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().items).toContainEqual({ kind: 'test.meeting.moved', inApp: false, email: false });
    expect((await bilal.get('/api/v1/notifications/preferences')).json().items).toContainEqual({ kind: 'test.meeting.moved', inApp: true, email: true });

    const mailBefore = await system.db.selectFrom('mail_outbox').select('id').where('to_address', '=', amna.user.email).execute();
    const totalBefore = (await list(amna)).total;
    await send([amna.user.id], 'test.meeting.moved', { title: 'TWG-3', day: 'Sunday' });
    expect((await list(amna)).total).toBe(totalBefore);
    expect(await system.db.selectFrom('mail_outbox').select('id').where('to_address', '=', amna.user.email).execute()).toHaveLength(mailBefore.length);
  });

  it('refuses a kind listed twice or a malformed kind, naming the field', async () => {
    const twice = await amna.put('/api/v1/notifications/preferences', {
      items: [
        { kind: 'a.b', inApp: true, email: false },
        { kind: 'a.b', inApp: false, email: false },
      ],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors).toEqual([{ field: 'items.1.kind', code: 'notifications.preferences.kind-repeated', message: 'Each kind may appear only once.' }]);
    const malformed = await amna.put('/api/v1/notifications/preferences', { items: [{ kind: 'a b<script>', inApp: true, email: true }] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('items.0.kind');
  });
});
