import type { z } from 'zod';
import { requireSignedIn } from '../../platform/access';
import { createSession, userGrants, type LoadedSession } from '../../platform/auth/sessions';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { enrolmentQr, newRecoveryCodes, newTotpSecret, totpStep } from '../../platform/auth/totp';
import { PLATFORM_NETWORK_ID } from '../../platform/audit/chain';
import { changedFields, command, recordEvent, type RequestContext } from '../../platform/context';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { scoped } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import { msg } from './messages';
import { translate } from '../../platform/i18n';
import { notify } from '../../platform/notifications';
import * as repo from './repository';
import type { LoginBody, PasswordChangeBody, ProfileUpdateBody, SessionState, TokenPasswordBody } from './schemas';

type SessionStateOut = z.infer<typeof SessionState>;

const INVALID_LOGIN = msg('auth.login.invalid');

export interface IssuedSession {
  cookieValue: string;
  state: SessionStateOut;
}

async function describeSession(ctx: RequestContext, session: { networkId: string; userId: string; state: LoadedSession['state']; csrfToken: string }): Promise<SessionStateOut> {
  const user = await repo.sessionUser(ctx.db, session.networkId, session.userId);
  const { roles, grants } = await userGrants(ctx.db, session.networkId, session.userId);
  return {
    state: session.state,
    csrfToken: session.csrfToken,
    user: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      language: user.language,
      organisation: { id: user.organisation_id, nameEn: user.org_name_en, nameUr: user.org_name_ur },
      network: { id: session.networkId, code: user.network_code, nameEn: user.network_name_en, nameUr: user.network_name_ur },
      roles,
      // Grants are shown only once the sign-in is complete.
      grants: session.state === 'active' ? [...grants].sort() : [],
      mfaEnabled: user.mfa_enabled,
    },
  };
}

export async function currentSession(ctx: RequestContext, session: LoadedSession | null, anonymousCsrf: string): Promise<SessionStateOut> {
  if (!session) return { state: 'anonymous', csrfToken: anonymousCsrf, user: null };
  return describeSession(ctx, session);
}

export async function login(ctx: RequestContext, input: z.infer<typeof LoginBody>): Promise<IssuedSession> {
  let candidates = await repo.findLoginCandidates(ctx.db, input.email);
  if (input.network) candidates = candidates.filter((c) => c.network_code.toLowerCase() === input.network!.toLowerCase());
  if (candidates.length > 1) {
    throw AppError.field('network', msg('auth.login.several-networks'));
  }
  const user = candidates[0];
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user) {
    await recordEvent(ctx, { networkId: PLATFORM_NETWORK_ID, action: 'auth.login.failed', entity: 'user', fields: ['email'] });
    throw AppError.unauthorized(INVALID_LOGIN);
  }
  const event = { networkId: user.network_id, userId: user.id, organisationId: user.organisation_id, entity: 'user', entityId: user.id };
  // A locked account answers exactly like a wrong password, so the answer does not reveal the lock.
  if (isLocked(user.locked_until)) {
    await recordEvent(ctx, { ...event, action: 'auth.login.refused_locked' });
    throw AppError.unauthorized(INVALID_LOGIN);
  }
  if (!passwordOk || user.status !== 'active') {
    await recordEvent(ctx, { ...event, action: 'auth.login.failed' });
    await countFailure(ctx, event);
    throw AppError.unauthorized(INVALID_LOGIN);
  }
  const { mfaRequired } = await userGrants(ctx.db, user.network_id, user.id);
  const state = user.mfa_enabled ? 'mfa_pending' : mfaRequired ? 'mfa_enrolment' : 'active';
  const issued = await ctx.db.transaction().execute(async (trx) => {
    // Failures are cleared only once the MFA code is right too: otherwise signing in again would
    // reset the count and give unlimited guesses at the code.
    if (state !== 'mfa_pending') await repo.recordLoginSuccess(trx, user.network_id, user.id);
    return createSession(trx, { networkId: user.network_id, userId: user.id }, state, ctx);
  });
  await recordEvent(ctx, { ...event, action: state === 'active' ? 'auth.login.succeeded' : 'auth.login.password_ok' });
  return {
    cookieValue: issued.cookieValue,
    state: await describeSession(ctx, { networkId: user.network_id, userId: user.id, state, csrfToken: issued.csrfToken }),
  };
}

function isLocked(lockedUntil: Date | null): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > Date.now();
}

interface UserEvent {
  networkId: string;
  userId: string;
  organisationId: string;
  entity: string;
  entityId: string;
}

/** One failed password or MFA code towards the account's lock-out; true when it locked the account. */
async function countFailure(ctx: RequestContext, event: UserEvent): Promise<boolean> {
  const { config } = ctx.services;
  const justLocked = await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.recordLoginFailure(trx, event.networkId, event.userId, config.loginMaxFailures, config.loginLockMinutes);
    const locked = updated.locked_until !== null && updated.failed_logins === config.loginMaxFailures;
    if (locked) {
      await notify(trx, ctx.services.mailer, config.publicUrl, { networkId: event.networkId, userIds: [event.userId], kind: 'notification.account.locked', link: '/login' });
    }
    return locked;
  });
  if (justLocked) await recordEvent(ctx, { ...event, action: 'auth.account.locked' });
  return justLocked;
}

function requireSession(session: LoadedSession | null): LoadedSession {
  if (!session) throw AppError.unauthorized();
  return session;
}

export async function verifyMfa(ctx: RequestContext, sessionOrNull: LoadedSession | null, code: string): Promise<SessionStateOut> {
  const session = requireSession(sessionOrNull);
  if (session.state !== 'mfa_pending') throw AppError.conflict(msg('auth.mfa.no-challenge'));
  const user = await repo.sessionUser(ctx.db, session.networkId, session.userId);
  const event = { networkId: session.networkId, userId: session.userId, organisationId: user.organisation_id, entity: 'user', entityId: session.userId };
  // Guessing codes locks the account like guessing passwords; the half-signed-in session then ends.
  if (isLocked(user.locked_until)) {
    await repo.deleteSession(ctx.db, session.networkId, session.id);
    await recordEvent(ctx, { ...event, action: 'auth.mfa.refused_locked' });
    throw AppError.unauthorized(INVALID_LOGIN);
  }
  const cipher = await ctx.services.keys.forNetwork(ctx.db, session.networkId);
  const secret = cipher.decrypt(user.mfa_secret);
  const step = secret && /^\d{6}$/.test(code) ? totpStep(secret, code) : null;
  const ok = await ctx.db.transaction().execute(async (trx) => {
    if (step !== null) return repo.acceptTotpStep(trx, session.networkId, session.userId, step);
    return repo.consumeRecoveryCode(trx, session.networkId, session.userId, sha256Hex(code.toLowerCase()));
  });
  if (!ok) {
    await recordEvent(ctx, { ...event, action: 'auth.mfa.failed' });
    if (await countFailure(ctx, event)) {
      await repo.deleteSession(ctx.db, session.networkId, session.id);
      throw AppError.unauthorized(INVALID_LOGIN);
    }
    throw AppError.field('code', msg('auth.mfa.code-wrong'));
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setSessionState(trx, session.networkId, session.id, 'active');
    await repo.recordLoginSuccess(trx, session.networkId, session.userId);
  });
  await recordEvent(ctx, { ...event, action: 'auth.login.succeeded', fields: ['mfa'] });
  return describeSession(ctx, { ...session, state: 'active' });
}

export async function startMfaEnrolment(ctx: RequestContext, sessionOrNull: LoadedSession | null) {
  const session = requireSession(sessionOrNull);
  if (session.state === 'mfa_pending') throw AppError.conflict(msg('auth.mfa.challenge-first'));
  const user = await repo.sessionUser(ctx.db, session.networkId, session.userId);
  const secret = newTotpSecret();
  const cipher = await ctx.services.keys.forNetwork(ctx.db, session.networkId);
  await scoped(ctx.db, session.networkId)
    .updateTable('users')
    .set({ mfa_pending_secret: cipher.encrypt(secret) })
    .where('id', '=', session.userId)
    .execute();
  const { uri, qrDataUrl } = await enrolmentQr(secret, user.email);
  return { secret, otpauthUri: uri, qrDataUrl };
}

export async function confirmMfaEnrolment(ctx: RequestContext, sessionOrNull: LoadedSession | null, code: string) {
  const session = requireSession(sessionOrNull);
  if (session.state === 'mfa_pending') throw AppError.conflict(msg('auth.mfa.challenge-first'));
  const user = await repo.sessionUser(ctx.db, session.networkId, session.userId);
  const cipher = await ctx.services.keys.forNetwork(ctx.db, session.networkId);
  const pending = cipher.decrypt(user.mfa_pending_secret);
  if (!pending) throw AppError.conflict(msg('auth.mfa.enrol-first'));
  const step = totpStep(pending, code);
  if (step === null) throw AppError.field('code', msg('auth.mfa.enrol-code-wrong'));
  const recoveryCodes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await scoped(trx, session.networkId)
      .updateTable('users')
      // The code that confirmed the enrolment cannot be used again to answer a challenge.
      .set({ mfa_secret: user.mfa_pending_secret, mfa_pending_secret: null, mfa_enabled: true, mfa_last_step: step, version: (eb) => eb('version', '+', 1), updated_at: new Date() })
      .where('id', '=', session.userId)
      .execute();
    await repo.replaceRecoveryCodes(trx, session.networkId, session.userId, recoveryCodes.map((c) => sha256Hex(c)));
    await repo.setSessionState(trx, session.networkId, session.id, 'active');
  });
  await recordEvent(ctx, { networkId: session.networkId, userId: session.userId, organisationId: user.organisation_id, action: 'auth.mfa.enrolled', entity: 'user', entityId: session.userId, fields: ['mfa_secret', 'recovery_codes'] });
  return { recoveryCodes };
}

export async function logout(ctx: RequestContext, session: LoadedSession | null): Promise<void> {
  if (!session) return;
  await repo.deleteSession(ctx.db, session.networkId, session.id);
  await recordEvent(ctx, { networkId: session.networkId, userId: session.userId, action: 'auth.logout', entity: 'user', entityId: session.userId });
}

export async function changePassword(ctx: RequestContext, input: z.infer<typeof PasswordChangeBody>): Promise<void> {
  const actor = requireSignedIn(ctx.actor);
  const user = await repo.sessionUser(ctx.db, actor.networkId, actor.userId);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw AppError.field('currentPassword', msg('auth.password.current-wrong'));
  }
  const hash = await hashPassword(input.newPassword);
  await command(ctx, async (tx) => {
    await tx.q.updateTable('users').set({ password_hash: hash, updated_at: new Date(), version: (eb) => eb('version', '+', 1) }).where('id', '=', actor.userId).execute();
    // Other devices signed in with the old password are signed out.
    await repo.deleteUserSessions(tx.db, actor.networkId, actor.userId, actor.sessionId);
    await tx.audit({ action: 'auth.password.changed', entity: 'user', entityId: actor.userId, fields: ['password_hash'] });
  });
}

export async function updateProfile(ctx: RequestContext, input: z.infer<typeof ProfileUpdateBody>): Promise<void> {
  const actor = requireSignedIn(ctx.actor);
  await command(ctx, async (tx) => {
    await tx.q
      .updateTable('users')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        updated_at: new Date(),
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', actor.userId)
      .execute();
    await tx.audit({ action: 'user.profile.updated', entity: 'user', entityId: actor.userId, fields: changedFields(input) });
  });
}

const RESET_TTL_MS = 60 * 60 * 1000;

/** Always answers the same way, so the form does not reveal which e-mails have accounts. */
export async function requestPasswordReset(ctx: RequestContext, email: string): Promise<void> {
  const candidates = (await repo.findLoginCandidates(ctx.db, email)).filter((c) => c.status === 'active');
  for (const user of candidates) {
    const token = randomToken();
    await ctx.db.transaction().execute(async (trx) => {
      const q = scoped(trx, user.network_id);
      await q.insertInto('user_tokens', { user_id: user.id, kind: 'password_reset', token_hash: sha256Hex(token), expires_at: new Date(Date.now() + RESET_TTL_MS) }).execute();
      const profile = await repo.sessionUser(trx, user.network_id, user.id);
      const link = `${ctx.services.config.publicUrl}/reset-password?token=${token}`;
      await ctx.services.mailer.queue(trx, user.network_id, {
        to: profile.email,
        subject: translate('mail.passwordReset.subject', profile.language),
        text: translate('mail.passwordReset.body', profile.language, { name: profile.display_name, link }),
      });
    });
    await recordEvent(ctx, { networkId: user.network_id, userId: user.id, organisationId: user.organisation_id, action: 'auth.password_reset.requested', entity: 'user', entityId: user.id });
  }
}

/** Sets a password from an invitation or reset link; an invitation also activates the account. */
export async function completeTokenPassword(ctx: RequestContext, kind: 'invitation' | 'password_reset', input: z.infer<typeof TokenPasswordBody>): Promise<void> {
  const hash = await hashPassword(input.password);
  const done = await ctx.db.transaction().execute(async (trx) => {
    const token = await repo.findValidToken(trx, sha256Hex(input.token), kind);
    if (!token || token.status === 'disabled') return null;
    const q = scoped(trx, token.network_id);
    await q.updateTable('user_tokens').set({ used_at: new Date() }).where('id', '=', token.id).execute();
    await q
      .updateTable('users')
      .set({ password_hash: hash, status: 'active', failed_logins: 0, locked_until: null, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
      .where('id', '=', token.user_id)
      .execute();
    await repo.deleteUserSessions(trx, token.network_id, token.user_id);
    return token;
  });
  if (!done) throw AppError.field('token', msg('auth.token.invalid'));
  await recordEvent(ctx, {
    networkId: done.network_id,
    userId: done.user_id,
    organisationId: done.organisation_id,
    action: kind === 'invitation' ? 'auth.invitation.accepted' : 'auth.password_reset.completed',
    entity: 'user',
    entityId: done.user_id,
    fields: ['password_hash'],
  });
}
