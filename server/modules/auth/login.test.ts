import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_NETWORK_ID } from '../../platform/audit/chain';
import { TEST_PASSWORD, anonymous } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';

let system: TestSystem;
let networkId: string;
let organisationId: string;

beforeAll(async () => {
  system = await testSystem();
  networkId = await system.factory.network();
  organisationId = await system.factory.organisation(networkId);
});
afterAll(() => system.close());

function auditRows(userId: string) {
  return system.db.selectFrom('audit_log').selectAll().where('network_id', '=', networkId).where('actor_user_id', '=', userId).orderBy('seq').execute();
}

let signIns = 0;
/** Signs in from the given address, or from an address of its own so that limits per address stay out of the way. */
async function login(email: string, password: string, remoteAddress = `127.1.0.${++signIns}`) {
  const anon = await anonymous(system.app);
  return system.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers: { cookie: anon.cookie, 'x-csrf-token': anon.csrf },
    remoteAddress,
  });
}

describe('sign-in with e-mail and password', () => {
  it('signs in with the right password and answers the session with its CSRF token and grants', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.state).toBe('active');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(body.user).toMatchObject({ id: user.id, email: user.email, roles: ['focal_point'] });
    expect(body.user.grants).toContain('directory.read');
    const cookie = res.cookies.find((c) => c.name === 'hamsafar_session');
    expect(cookie).toMatchObject({ httpOnly: true, path: '/api', sameSite: 'Strict' });

    const session = await system.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `hamsafar_session=${cookie!.value}` } });
    expect(session.json()).toMatchObject({ state: 'active', csrfToken: body.csrfToken, user: { id: user.id } });
  });

  it('refuses a wrong password or an unknown e-mail with the same 401 message', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const wrong = await login(user.email, 'not the password at all');
    const unknown = await login('nobody@test.hamsafar.pk', 'not the password at all');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toBe('The e-mail or password is not correct.');
      expect(res.cookies.find((c) => c.name === 'hamsafar_session')).toBeUndefined();
    }
    const failed = await auditRows(user.id);
    expect(failed.map((r) => r.action)).toEqual(['auth.login.failed']);
    const platformEntries = await system.db.selectFrom('audit_log').selectAll().where('network_id', '=', PLATFORM_NETWORK_ID).where('action', '=', 'auth.login.failed').execute();
    expect(platformEntries.length).toBeGreaterThanOrEqual(1);
    expect(platformEntries.every((r) => r.actor_user_id === null && r.fields.join() === 'email')).toBe(true);
  });

  it('locks the account after LOGIN_MAX_FAILURES failures, then answers the right password exactly like a wrong one', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const max = system.config.loginMaxFailures;
    for (let attempt = 1; attempt <= max; attempt++) {
      expect((await login(user.email, `wrong password ${attempt}`)).statusCode).toBe(401);
    }
    const locked = await login(user.email, TEST_PASSWORD);
    const wrong = await login(user.email, 'wrong password again');
    const unknown = await login('nobody-at-all@test.hamsafar.pk', TEST_PASSWORD);
    // Status, headers that matter and body are alike, so the answer does not reveal the lock.
    for (const res of [locked, wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toBe(unknown.headers['content-type']);
      expect(res.cookies.find((c) => c.name === 'hamsafar_session')).toBeUndefined();
    }
    expect(locked.body).toBe(unknown.body);
    expect(wrong.body).toBe(unknown.body);

    const actions = (await auditRows(user.id)).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.login.failed')).toHaveLength(max);
    expect(actions.filter((a) => a === 'auth.account.locked')).toHaveLength(1);
    expect(actions.slice(-2)).toEqual(['auth.login.refused_locked', 'auth.login.refused_locked']);
    const stored = await system.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.failed_logins).toBe(max);
    expect(stored.locked_until!.getTime()).toBeGreaterThan(Date.now());
    const notice = await system.db.selectFrom('notifications').select('kind').where('user_id', '=', user.id).execute();
    expect(notice.map((n) => n.kind)).toEqual(['notification.account.locked']);
  });

  it('counts failures afresh once a lock has expired, and audits each new lock', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const max = system.config.loginMaxFailures;
    for (let attempt = 1; attempt <= max; attempt++) await login(user.email, 'wrong password');
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    await system.db.updateTable('users').set({ locked_until: sql`now() - interval '1 minute'` }).where('id', '=', user.id).execute();

    // One more mistake after the lock ran out is one failure, not a new lock.
    expect((await login(user.email, 'wrong again')).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(200);

    await system.db.updateTable('users').set({ failed_logins: max - 1, locked_until: sql`now() - interval '1 minute'` }).where('id', '=', user.id).execute();
    // From another address, so the per-address rate limit does not cut the attempts short.
    for (let attempt = 1; attempt <= max; attempt++) expect((await login(user.email, 'wrong password', '198.51.100.4')).statusCode).toBe(401);
    const locks = (await auditRows(user.id)).filter((r) => r.action === 'auth.account.locked');
    expect(locks).toHaveLength(2);
  });

  it('answers 429 after 10 sign-in attempts a minute from one address for one account, and audits it', async () => {
    const email = 'guessing-target@test.hamsafar.pk';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login(email, 'guess', '203.0.113.7')).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    const limited = await system.db
      .selectFrom('audit_log')
      .selectAll()
      .where('network_id', '=', PLATFORM_NETWORK_ID)
      .where('action', '=', 'auth.login.rate_limited')
      .where('entity_id', '=', '203.0.113.7')
      .execute();
    expect(limited.map((r) => [r.entity, r.entity_id])).toEqual([['ip', '203.0.113.7']]);
    // Another address is not held back by this one.
    expect((await login(email, 'guess', '203.0.113.8')).statusCode).toBe(401);
  });

  it('answers 429 problem+json to password spraying: one address trying 30 different e-mails in a minute', async () => {
    const address = '203.0.113.30';
    const SIGN_INS_PER_ADDRESS_PER_MINUTE = system.config.loginMaxPerAddressPerMinute;
    expect(SIGN_INS_PER_ADDRESS_PER_MINUTE).toBe(20);
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await login(`sprayed-${i}@test.hamsafar.pk`, 'Summer2026!', address));
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.slice(0, SIGN_INS_PER_ADDRESS_PER_MINUTE)).toEqual(Array(SIGN_INS_PER_ADDRESS_PER_MINUTE).fill(401));
    expect(statuses.slice(SIGN_INS_PER_ADDRESS_PER_MINUTE)).toEqual(Array(30 - SIGN_INS_PER_ADDRESS_PER_MINUTE).fill(429));
    const refused = answers.at(-1)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 429, detail: 'Too many sign-ins from this address. Wait a minute and try again.' });
    const limited = await system.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'auth.login.rate_limited').where('entity_id', '=', address).execute();
    expect(limited).toHaveLength(30 - SIGN_INS_PER_ADDRESS_PER_MINUTE);
    // A user at another address signs in as usual.
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    expect((await login(user.email, TEST_PASSWORD, '203.0.113.31')).statusCode).toBe(200);
  });
});

describe('CSRF protection', () => {
  it('refuses a state-changing request without the token, or with a wrong one', async () => {
    const agent = await system.factory.agent(networkId, ['focal_point'], organisationId);
    const missing = await system.app.inject({ method: 'PATCH', url: '/api/v1/auth/profile', payload: { displayName: 'Changed' }, headers: { cookie: agent.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().detail).toBe('Missing or invalid X-CSRF-Token header.');
    const wrong = await agent.request('PATCH', '/api/v1/auth/profile', { displayName: 'Changed' }, { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().detail).toBe('Missing or invalid X-CSRF-Token header.');
    // The anonymous double-submit token is not accepted once signed in.
    const anon = await anonymous(system.app);
    const anonToken = await agent.request('PATCH', '/api/v1/auth/profile', { displayName: 'Changed' }, { 'x-csrf-token': anon.csrf });
    expect(anonToken.statusCode).toBe(403);
    const name = await system.db.selectFrom('users').select('display_name').where('id', '=', agent.user.id).executeTakeFirstOrThrow();
    expect(name.display_name).not.toBe('Changed');

    const right = await agent.patch('/api/v1/auth/profile', { displayName: 'Changed' });
    expect(right.statusCode).toBe(200);
  });

  it('refuses an anonymous sign-in whose header does not match the CSRF cookie', async () => {
    const res = await system.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@test.hamsafar.pk', password: 'x' },
      headers: { cookie: 'hamsafar_csrf=cookie-token-value-aaaaaaaa', 'x-csrf-token': 'another-token-value-bbbbbbb' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('session lifetime', () => {
  it('ends a session idle for longer than SESSION_IDLE_MINUTES', async () => {
    const agent = await system.factory.agent(networkId, ['focal_point'], organisationId);
    expect((await agent.get('/api/v1/notifications')).statusCode).toBe(200);
    const idle = system.config.sessionIdleMinutes + 1;
    await system.db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now() - make_interval(mins => ${idle})` })
      .where('user_id', '=', agent.user.id)
      .execute();
    // The minutes that make a session idle also outlast its few seconds in the session cache.
    system.services.sessions.clear();

    const res = await agent.get('/api/v1/notifications');
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Sign in to continue.');
    expect((await agent.get('/api/v1/auth/session')).json()).toMatchObject({ state: 'anonymous', user: null });
    const left = await system.db.selectFrom('sessions').select('id').where('user_id', '=', agent.user.id).execute();
    expect(left).toEqual([]);
  });

  it('keeps a session that was active within the idle limit', async () => {
    const agent = await system.factory.agent(networkId, ['focal_point'], organisationId);
    await system.db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now() - make_interval(mins => ${system.config.sessionIdleMinutes - 5})` })
      .where('user_id', '=', agent.user.id)
      .execute();
    expect((await agent.get('/api/v1/notifications')).statusCode).toBe(200);
  });

  it('signs out: the session cookie no longer works', async () => {
    const agent = await system.factory.agent(networkId, ['focal_point'], organisationId);
    expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await agent.get('/api/v1/notifications')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('needs the current password, keeps this session, ends the others and takes the new password', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const here = await system.factory.signIn(user);
    const elsewhere = await system.factory.signIn(user);

    const wrongCurrent = await here.post('/api/v1/auth/password', { currentPassword: 'not it', newPassword: 'a brand new long password' });
    expect(wrongCurrent.statusCode).toBe(422);
    expect(wrongCurrent.json().errors).toEqual([{ field: 'currentPassword', code: 'auth.password.current-wrong', message: 'The current password is not correct.' }]);
    const tooShort = await here.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0]).toMatchObject({ field: 'newPassword', message: 'Use at least 12 characters.' });

    const changed = await here.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new long password' });
    expect(changed.statusCode).toBe(200);
    expect((await here.get('/api/v1/notifications')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.email, 'a brand new long password')).statusCode).toBe(200);

    const entry = (await auditRows(user.id)).find((r) => r.action === 'auth.password.changed');
    expect(entry?.fields).toEqual(['password_hash']);
  });
});
