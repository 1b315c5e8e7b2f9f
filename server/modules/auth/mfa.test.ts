import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../platform/auth/totp';
import { Agent, TEST_PASSWORD, anonymous } from '../../test/factories';
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

type TestUser = Awaited<ReturnType<TestSystem['factory']['user']>>;

/** The code of the next time step: accepted (clock drift), and not yet used by the enrolment. */
function nextCode(secret: string): string {
  return currentTotp(secret, Date.now() + 30_000);
}

/** Signs in with the password only, leaving any MFA step to the test. */
async function passwordStep(user: TestUser, remoteAddress?: string): Promise<{ agent: Agent; state: string }> {
  const anon = await anonymous(system.app, remoteAddress);
  const res = await anon.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'hamsafar_session')!;
  return { agent: new Agent(system.app, `hamsafar_session=${cookie.value}`, res.json().csrfToken, user), state: res.json().state };
}

async function enrol(agent: Agent): Promise<{ secret: string; recoveryCodes: string[]; enrolmentCode: string }> {
  const started = await agent.post('/api/v1/auth/mfa/enrolment');
  expect(started.statusCode).toBe(200);
  const { secret } = started.json();
  const enrolmentCode = currentTotp(secret);
  const confirmed = await agent.post('/api/v1/auth/mfa/enrolment/confirm', { code: enrolmentCode });
  expect(confirmed.statusCode).toBe(200);
  return { secret, recoveryCodes: confirmed.json().recoveryCodes, enrolmentCode };
}

describe('MFA enrolment', () => {
  it('gives a secret with its QR code, confirms with a TOTP code and hands out single-use recovery codes once', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const { agent, state } = await passwordStep(user);
    expect(state).toBe('active');

    const started = await agent.post('/api/v1/auth/mfa/enrolment');
    expect(started.statusCode).toBe(200);
    const { secret, otpauthUri, qrDataUrl } = started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(`otpauth://totp/Hamsafar:${encodeURIComponent(user.email)}?issuer=Hamsafar&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);

    const wrong = await agent.post('/api/v1/auth/mfa/enrolment/confirm', { code: currentTotp(secret) === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([{ field: 'code', code: 'auth.mfa.enrol-code-wrong', message: 'The code is not correct. Check the time on your phone.' }]);

    const confirmed = await agent.post('/api/v1/auth/mfa/enrolment/confirm', { code: currentTotp(secret) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-f]{5}-[0-9a-f]{5}$/);

    const stored = await system.db.selectFrom('users').select(['mfa_enabled', 'mfa_secret', 'mfa_pending_secret']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.mfa_enabled).toBe(true);
    expect(stored.mfa_pending_secret).toBeNull();
    // The secret is stored encrypted, the recovery codes only as hashes.
    expect(stored.mfa_secret).toMatch(/^v1\./);
    expect(stored.mfa_secret).not.toContain(secret);
    const codes = await system.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(codes).toHaveLength(10);
    expect(codes.some((c) => recoveryCodes.includes(c.code_hash))).toBe(false);

    const entry = await system.db.selectFrom('audit_log').selectAll().where('actor_user_id', '=', user.id).where('action', '=', 'auth.mfa.enrolled').executeTakeFirstOrThrow();
    expect(entry.fields).toEqual(['mfa_secret', 'recovery_codes']);
    expect(JSON.stringify(entry)).not.toContain(secret);
  });

  it('challenges at the next sign-in and accepts the current TOTP code', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const { secret } = await enrol((await passwordStep(user)).agent);

    const { agent, state } = await passwordStep(user);
    expect(state).toBe('mfa_pending');
    const blocked = await agent.get('/api/v1/notifications');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().detail).toBe('Complete the multi-factor sign-in first.');
    expect((await agent.get('/api/v1/auth/session')).json()).toMatchObject({ state: 'mfa_pending', user: { grants: [] } });

    const wrong = await agent.post('/api/v1/auth/mfa/verify', { code: currentTotp(secret) === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([{ field: 'code', code: 'auth.mfa.code-wrong', message: 'The code is not correct.' }]);

    // The enrolment used this step's code; the next step's code is within the accepted drift.
    const verified = await agent.post('/api/v1/auth/mfa/verify', { code: nextCode(secret) });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().state).toBe('active');
    expect((await agent.get('/api/v1/notifications')).statusCode).toBe(200);
    const actions = await system.db.selectFrom('audit_log').select('action').where('actor_user_id', '=', user.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action).slice(-2)).toEqual(['auth.mfa.failed', 'auth.login.succeeded']);
  });

  it('refuses a TOTP code already used within its step (RFC 6238 §5.2), also the code that confirmed the enrolment', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const { secret, enrolmentCode } = await enrol((await passwordStep(user)).agent);

    const first = await passwordStep(user);
    const replayedEnrolment = await first.agent.post('/api/v1/auth/mfa/verify', { code: enrolmentCode });
    expect(replayedEnrolment.statusCode).toBe(422);
    expect(replayedEnrolment.json().errors).toEqual([{ field: 'code', code: 'auth.mfa.code-wrong', message: 'The code is not correct.' }]);
    const code = nextCode(secret);
    expect((await first.agent.post('/api/v1/auth/mfa/verify', { code })).statusCode).toBe(200);

    const second = await passwordStep(user);
    const replayed = await second.agent.post('/api/v1/auth/mfa/verify', { code });
    expect(replayed.statusCode).toBe(422);
    expect((await second.agent.get('/api/v1/notifications')).statusCode).toBe(401);
  });
});

describe('MFA failures', () => {
  it('count towards the account lock-out: the session ends and the right password is then refused like a wrong one', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const { secret } = await enrol((await passwordStep(user)).agent);
    const wrongCode = nextCode(secret) === '000000' ? '111111' : '000000';
    const max = system.config.loginMaxFailures;
    // Signing in again between guesses does not reset the count.
    for (let attempt = 1; attempt < max; attempt++) {
      const { agent } = await passwordStep(user);
      expect((await agent.post('/api/v1/auth/mfa/verify', { code: wrongCode })).statusCode).toBe(422);
    }
    const { agent } = await passwordStep(user);
    const locking = await agent.post('/api/v1/auth/mfa/verify', { code: wrongCode });
    expect(locking.statusCode).toBe(401);
    expect(locking.json().detail).toBe('The e-mail or password is not correct.');
    expect((await agent.get('/api/v1/auth/session')).json().state).toBe('anonymous');

    const stored = await system.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.failed_logins).toBe(max);
    expect(stored.locked_until!.getTime()).toBeGreaterThan(Date.now());
    const anon = await anonymous(system.app, '198.51.100.77');
    const refused = await anon.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toBe('The e-mail or password is not correct.');
    const actions = (await system.db.selectFrom('audit_log').select('action').where('actor_user_id', '=', user.id).execute()).map((a) => a.action);
    expect(actions.filter((a) => a === 'auth.mfa.failed')).toHaveLength(max);
    expect(actions).toContain('auth.account.locked');
  });

  it('are limited per account, whatever the address: the 11th code in a minute answers 429', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const { secret } = await enrol((await passwordStep(user)).agent);
    // Keep the lock-out out of the way to see the rate limit alone.
    await system.db.updateTable('users').set({ failed_logins: -100 }).where('id', '=', user.id).execute();
    const wrongCode = nextCode(secret) === '000000' ? '111111' : '000000';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const { agent } = await passwordStep(user, `198.51.100.${attempt + 1}`);
      const res = await agent.request('POST', '/api/v1/auth/mfa/verify', { code: wrongCode });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422));
    expect(statuses[10]).toBe(429);
  });
});

describe('MFA recovery codes', () => {

  it('accepts a recovery code instead of a TOTP code, once only', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const { recoveryCodes } = await enrol((await passwordStep(user)).agent);

    const first = await passwordStep(user);
    const used = await first.agent.post('/api/v1/auth/mfa/verify', { code: recoveryCodes[0].toUpperCase() });
    expect(used.statusCode).toBe(200);
    expect(used.json().state).toBe('active');

    const second = await passwordStep(user);
    const reused = await second.agent.post('/api/v1/auth/mfa/verify', { code: recoveryCodes[0] });
    expect(reused.statusCode).toBe(422);
    expect((await second.agent.get('/api/v1/notifications')).statusCode).toBe(401);
    const another = await second.agent.post('/api/v1/auth/mfa/verify', { code: recoveryCodes[1] });
    expect(another.statusCode).toBe(200);

    const unused = await system.db.selectFrom('mfa_recovery_codes').select('id').where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    expect(unused).toHaveLength(8);
  });
});

describe('MFA forced by a role that opens protection data', () => {
  it('puts a caseworker without MFA into enrolment: protected routes answer 401 until it is done', async () => {
    const user = await system.factory.user(networkId, organisationId, ['caseworker']);
    const { agent, state } = await passwordStep(user);
    expect(state).toBe('mfa_enrolment');
    const session = (await agent.get('/api/v1/auth/session')).json();
    expect(session).toMatchObject({ state: 'mfa_enrolment', user: { roles: ['caseworker'], grants: [], mfaEnabled: false } });

    for (const url of ['/api/v1/notifications', '/api/v1/admin/organisations']) {
      const res = await agent.get(url);
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('Complete the multi-factor sign-in first.');
    }
    const changePassword = await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'another long password' });
    expect(changePassword.statusCode).toBe(401);
    const skipToVerify = await agent.post('/api/v1/auth/mfa/verify', { code: '123456' });
    expect(skipToVerify.statusCode).toBe(409);

    await enrol(agent);
    expect((await agent.get('/api/v1/auth/session')).json()).toMatchObject({ state: 'active', user: { mfaEnabled: true } });
    expect((await agent.get('/api/v1/notifications')).statusCode).toBe(200);
  });

  it('lets a user whose roles do not require MFA sign in without it', async () => {
    const user = await system.factory.user(networkId, organisationId, ['donor_viewer']);
    expect((await passwordStep(user)).state).toBe('active');
  });
});
