import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../platform/crypto';
import { translate } from '../../platform/i18n';
import { TEST_PASSWORD, anonymous, type Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';

let system: TestSystem;
let networkId: string;
let organisationId: string;
let admin: Agent;

beforeAll(async () => {
  system = await testSystem();
  networkId = await system.factory.network();
  organisationId = await system.factory.organisation(networkId, { nameEn: 'Roshan Rasta' });
  admin = await system.factory.agent(networkId, ['network_admin'], organisationId);
});
afterAll(() => system.close());

interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  bodyText: string;
  status: string;
}

/** The newest mail to this address as the addressee receives it (admins never see its links). */
async function latestMailTo(address: string): Promise<OutboxMail> {
  const mail = await system.db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address as to', 'subject', 'body_text as bodyText', 'status'])
    .where('to_address', '=', address)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!mail) throw new Error(`no mail to ${address}`);
  return mail;
}

function tokenFrom(body: string, path: string): string {
  const match = new RegExp(`${system.config.publicUrl}${path}\\?token=([A-Za-z0-9_-]+)`).exec(body);
  if (!match) throw new Error(`no ${path} link in: ${body}`);
  return match[1];
}

async function login(email: string, password: string) {
  const anon = await anonymous(system.app);
  return anon.post('/api/v1/auth/login', { email, password });
}

describe('password reset by e-mail', () => {
  it('mails a link; the link sets a new password once, and signs out every session', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const session = await system.factory.signIn(user);
    const anon = await anonymous(system.app);

    const requested = await anon.post('/api/v1/auth/password-reset/request', { email: user.email.toUpperCase() });
    expect(requested.statusCode).toBe(200);
    const mail = await latestMailTo(user.email);
    expect(mail.subject).toBe('Reset your Hamsafar password');
    expect(mail.status).toBe('held');
    const token = tokenFrom(mail.bodyText, '/reset-password');
    const stored = await system.db.selectFrom('user_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ kind: 'password_reset', token_hash: sha256Hex(token), used_at: null });

    const weak = await anon.post('/api/v1/auth/password-reset/complete', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    const done = await anon.post('/api/v1/auth/password-reset/complete', { token, password: 'my new reset password' });
    expect(done.statusCode).toBe(200);
    expect((await session.get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.email, 'my new reset password')).statusCode).toBe(200);

    const again = await anon.post('/api/v1/auth/password-reset/complete', { token, password: 'yet another password' });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ field: 'token', code: 'auth.token.invalid', message: 'This link is not valid or has expired. Ask for a new one.' }]);
  });

  it('answers an unknown e-mail exactly like a known one and sends nothing', async () => {
    const anon = await anonymous(system.app);
    const before = await system.db.selectFrom('mail_outbox').select('id').execute();
    const res = await anon.post('/api/v1/auth/password-reset/request', { email: 'nobody-here@test.hamsafar.pk' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await system.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(before.length);
  });

  it('lets an admin send the reset mail to a user', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const sent = await admin.post(`/api/v1/admin/users/${user.id}/password-reset`);
    expect(sent.statusCode).toBe(200);
    const token = tokenFrom((await latestMailTo(user.email)).bodyText, '/reset-password');
    const anon = await anonymous(system.app);
    expect((await anon.post('/api/v1/auth/password-reset/complete', { token, password: 'chosen after admin reset' })).statusCode).toBe(200);
    expect((await login(user.email, 'chosen after admin reset')).statusCode).toBe(200);
    const entry = await system.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.password_reset.sent').where('entity_id', '=', user.id).executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe(admin.user.id);
  });
});

describe('mail outbox', () => {
  it('shows that a link was sent, never a token that the invitation or reset endpoints accept', async () => {
    const email = 'outbox.invitee@test.hamsafar.pk';
    expect((await admin.post('/api/v1/admin/invitations', { email, displayName: 'Invitee', organisationId, roles: ['case_supervisor'], language: 'en' })).statusCode).toBe(201);
    const target = await system.factory.user(networkId, organisationId, ['focal_point']);
    expect((await admin.post(`/api/v1/admin/users/${target.id}/password-reset`)).statusCode).toBe(200);
    const anon = await anonymous(system.app);
    expect((await anon.post('/api/v1/auth/password-reset/request', { email: target.email })).statusCode).toBe(200);

    const outbox = await admin.get('/api/v1/admin/mail-outbox?limit=200');
    expect(outbox.statusCode).toBe(200);
    const items = outbox.json().items as OutboxMail[];
    const invitation = items.find((m) => m.to === email)!;
    expect(invitation.bodyText).toContain(`[link sent: ${system.config.publicUrl}/accept-invitation]`);
    const resets = items.filter((m) => m.to === target.email);
    expect(resets).toHaveLength(2);
    for (const reset of resets) expect(reset.bodyText).toContain(`[link sent: ${system.config.publicUrl}/reset-password]`);

    // The live tokens, as mailed, appear nowhere in what the admin reads.
    const tokens = [tokenFrom((await latestMailTo(email)).bodyText, '/accept-invitation')];
    const mailed = await system.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', target.email).execute();
    for (const mail of mailed) tokens.push(tokenFrom(mail.body_text, '/reset-password'));
    expect(tokens).toHaveLength(3);
    for (const token of tokens) expect(outbox.body).not.toContain(token);
    // Nor does any token-like string of the answer open an account.
    const candidates = [...new Set(outbox.body.match(/[A-Za-z0-9_-]{20,}/g) ?? [])];
    expect(candidates.length).toBeGreaterThan(0);
    for (const [index, candidate] of candidates.entries()) {
      // Each from an address of its own, so that the endpoints' rate limits do not hide the answer.
      const tryer = await anonymous(system.app, `198.51.100.${index + 1}`);
      expect((await tryer.post('/api/v1/auth/invitations/accept', { token: candidate, password: 'taken over by the admin' })).statusCode).toBe(422);
      expect((await tryer.post('/api/v1/auth/password-reset/complete', { token: candidate, password: 'taken over by the admin' })).statusCode).toBe(422);
    }
    // The links still work for their addressees.
    expect((await (await anonymous(system.app, '198.51.100.250')).post('/api/v1/auth/invitations/accept', { token: tokens[0], password: 'the invitee chose this' })).statusCode).toBe(200);
  });
});

describe('invitation', () => {
  it('admin invites, the mail carries the link in the invitee language, accepting sets the password and activates the account', async () => {
    const email = 'new.colleague@test.hamsafar.pk';
    const invited = await admin.post('/api/v1/admin/invitations', { email, displayName: 'نئی ساتھی', organisationId, roles: ['focal_point'], language: 'ur' });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ email, displayName: 'نئی ساتھی', organisationId, organisationName: 'Roshan Rasta', status: 'invited', roles: ['focal_point'], mfaEnabled: false, locked: false, lastLoginAt: null, version: 1 });
    const userId = invited.json().id;

    const mail = await latestMailTo(email);
    const network = await system.db.selectFrom('networks').select('name_ur').where('id', '=', networkId).executeTakeFirstOrThrow();
    expect(mail.subject).toBe(translate('mail.invitation.subject', 'ur', { network: network.name_ur }));
    expect(mail.bodyText).toContain('السلام علیکم نئی ساتھی');
    expect(mail.bodyText).toContain('ادارہ Roshan Rasta');
    const token = tokenFrom(mail.bodyText, '/accept-invitation');
    const stored = await system.db.selectFrom('user_tokens').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect(stored.kind).toBe('invitation');
    expect(stored.token_hash).toBe(sha256Hex(token));
    const days = (stored.expires_at.getTime() - stored.created_at.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);

    expect((await login(email, 'the password I will choose')).statusCode).toBe(401);
    const anon = await anonymous(system.app);
    const accepted = await anon.post('/api/v1/auth/invitations/accept', { token, password: 'the password I will choose' });
    expect(accepted.statusCode).toBe(200);

    const signedIn = await login(email, 'the password I will choose');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ state: 'active', user: { id: userId, language: 'ur', roles: ['focal_point'] } });
    const reused = await anon.post('/api/v1/auth/invitations/accept', { token, password: 'someone else is trying' });
    expect(reused.statusCode).toBe(422);

    // The trail names what was written, never the address, the name or the link.
    const entries = await system.db.selectFrom('audit_log').selectAll().where('entity_id', '=', userId).orderBy('seq').execute();
    expect(entries.map((e) => e.action)).toEqual(['user.invited', 'auth.login.failed', 'auth.invitation.accepted', 'auth.login.succeeded']);
    expect(entries[0].fields).toEqual(['display_name', 'email', 'language', 'organisation_id', 'roles']);
    const all = JSON.stringify(entries);
    for (const secret of [email, 'نئی ساتھی', token, sha256Hex(token), 'the password I will choose']) expect(all).not.toContain(secret);
  });

  it('sends an invited caseworker to MFA enrolment at the first sign-in', async () => {
    const email = 'new.caseworker@test.hamsafar.pk';
    expect((await admin.post('/api/v1/admin/invitations', { email, displayName: 'Caseworker', organisationId, roles: ['caseworker'], language: 'en' })).statusCode).toBe(201);
    const mail = await latestMailTo(email);
    expect(mail.subject).toMatch(/^You are invited to Hamsafar, Test network /);
    const anon = await anonymous(system.app);
    expect((await anon.post('/api/v1/auth/invitations/accept', { token: tokenFrom(mail.bodyText, '/accept-invitation'), password: 'caseworker password' })).statusCode).toBe(200);
    expect((await login(email, 'caseworker password')).json().state).toBe('mfa_enrolment');
  });

  it('sends the invitation again to an account that never accepted it; only the newest link works', async () => {
    const email = 'slow.to.answer@test.hamsafar.pk';
    const invited = await admin.post('/api/v1/admin/invitations', { email, displayName: 'Slow', organisationId, roles: ['focal_point'], language: 'en' });
    const firstToken = tokenFrom((await latestMailTo(email)).bodyText, '/accept-invitation');
    expect((await admin.post(`/api/v1/admin/users/${invited.json().id}/password-reset`)).statusCode).toBe(200);
    const resent = await latestMailTo(email);
    expect(resent.subject).toMatch(/^You are invited to Hamsafar/);
    const secondToken = tokenFrom(resent.bodyText, '/accept-invitation');
    expect(secondToken).not.toBe(firstToken);

    const anon = await anonymous(system.app);
    expect((await anon.post('/api/v1/auth/invitations/accept', { token: firstToken, password: 'slow but sure password' })).statusCode).toBe(422);
    expect((await anon.post('/api/v1/auth/invitations/accept', { token: secondToken, password: 'slow but sure password' })).statusCode).toBe(200);
    expect((await login(email, 'slow but sure password')).statusCode).toBe(200);
  });

  it('sends no link to a disabled account', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    expect((await admin.patch(`/api/v1/admin/users/${user.id}`, { status: 'disabled', version: 1 })).statusCode).toBe(200);
    const res = await admin.post(`/api/v1/admin/users/${user.id}/password-reset`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('The account is disabled: enable it before sending a link.');
  });

  it('refuses an e-mail that already has an account in the network, naming the field', async () => {
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const res = await admin.post('/api/v1/admin/invitations', { email: user.email, displayName: 'Twin', organisationId, roles: ['focal_point'], language: 'en' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ field: 'email', code: 'admin.user.email-taken', message: 'An account with this e-mail already exists in this network.' }]);
  });

  it('refuses an organisation that is not in the network', async () => {
    const otherNetwork = await system.factory.network();
    const foreignOrg = await system.factory.organisation(otherNetwork);
    const res = await admin.post('/api/v1/admin/invitations', { email: 'x@test.hamsafar.pk', displayName: 'X', organisationId: foreignOrg, roles: ['focal_point'], language: 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'organisationId', code: 'admin.organisation.unknown', message: 'This organisation does not exist.' }]);
  });
});
