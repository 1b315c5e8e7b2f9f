import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ok } from '../../../common/schemas/http';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/sessions';
import { recordEvent } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { PLATFORM_NETWORK_ID } from '../../platform/audit/chain';
import type { HamsafarApp } from '../../platform/http/types';
import {
  LoginBody,
  MfaCodeBody,
  MfaEnrolment,
  PasswordChangeBody,
  PasswordResetRequestBody,
  ProfileUpdateBody,
  RecoveryCodes,
  SessionState,
  TokenPasswordBody,
} from './schemas';
import { msg } from './messages';
import * as service from './service';

const tags = ['auth'];

/** The rate limiter's callback cannot wait, so the 429 answer waits here until its audit entry is written. */
const pendingAudits = new WeakMap<FastifyRequest, Promise<void>>();

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string) {
  const { config } = request.ctx.services;
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/api',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

function auditRateLimited(request: FastifyRequest, entity: string, entityId: string) {
  pendingAudits.set(
    request,
    recordEvent(request.ctx, { networkId: PLATFORM_NETWORK_ID, action: 'auth.login.rate_limited', entity, entityId }).catch((err) =>
      request.log.error({ err }, 'could not audit a rate-limited sign-in'),
    ),
  );
}

export default async function authRoutes(app: HamsafarApp) {
  const signInsFromAddress = app.createRateLimit({ max: (request) => request.ctx.services.config.loginMaxPerAddressPerMinute, timeWindow: '1 minute', keyGenerator: (request) => `login-address|${request.ip}` });

  app.get('/session', {
    config: { permission: 'public' },
    schema: { tags, summary: 'The current session and its CSRF token', response: { 200: SessionState } },
    handler: (request) => service.currentSession(request.ctx, request.session, request.cookies[CSRF_COOKIE] ?? ''),
  });

  app.post('/login', {
    config: {
      permission: 'public',
      rateLimit: {
        max: 10,
        timeWindow: '1 minute',
        // After the body is parsed, so the limit is per address and account: a shared office
        // connection does not lock everyone out, and one account cannot be guessed at quickly.
        hook: 'preHandler',
        keyGenerator: (request: FastifyRequest) => `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        onExceeded: (request: FastifyRequest) => auditRateLimited(request, 'ip', request.ip),
      },
    },
    // Across accounts too: many e-mails tried from one address is password spraying.
    preHandler: async (request) => {
      const limit = await signInsFromAddress(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      auditRateLimited(request, 'ip', request.ip);
      await pendingAudits.get(request);
      throw AppError.tooManyRequests(msg('auth.login.too-many-from-address'));
    },
    onSend: async (request) => {
      await pendingAudits.get(request);
    },
    schema: { tags, summary: 'Sign in with e-mail and password', body: LoginBody, response: { 200: SessionState } },
    handler: async (request, reply) => {
      const issued = await service.login(request.ctx, request.body);
      setSessionCookie(request, reply, issued.cookieValue);
      return issued.state;
    },
  });

  app.post('/mfa/verify', {
    config: {
      permission: 'session',
      // Per account, so codes cannot be guessed from many addresses; failures also count towards the lock-out.
      rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (request: FastifyRequest) => (request.session ? `mfa|${request.session.userId}` : `mfa-address|${request.ip}`) },
    },
    schema: { tags, summary: 'Answer the multi-factor challenge with a TOTP or recovery code', body: MfaCodeBody, response: { 200: SessionState } },
    handler: (request) => service.verifyMfa(request.ctx, request.session, request.body.code),
  });

  app.post('/mfa/enrolment', {
    config: { permission: 'session' },
    schema: { tags, summary: 'Start MFA enrolment: a new secret and its QR code', response: { 200: MfaEnrolment } },
    handler: (request) => service.startMfaEnrolment(request.ctx, request.session),
  });

  app.post('/mfa/enrolment/confirm', {
    config: { permission: 'session', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Confirm enrolment with a code; returns recovery codes once', body: MfaCodeBody, response: { 200: RecoveryCodes } },
    handler: (request) => service.confirmMfaEnrolment(request.ctx, request.session, request.body.code),
  });

  app.post('/logout', {
    config: { permission: 'session' },
    schema: { tags, summary: 'Sign out', response: { 200: Ok } },
    handler: async (request, reply) => {
      await service.logout(request.ctx, request.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/api' });
      return { ok: true as const };
    },
  });

  app.post('/password', {
    config: { permission: 'authenticated', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Change my password', body: PasswordChangeBody, response: { 200: Ok } },
    handler: async (request) => {
      await service.changePassword(request.ctx, request.body);
      return { ok: true as const };
    },
  });

  app.patch('/profile', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Update my name or language', body: ProfileUpdateBody, response: { 200: Ok } },
    handler: async (request) => {
      await service.updateProfile(request.ctx, request.body);
      return { ok: true as const };
    },
  });

  app.post('/password-reset/request', {
    config: { permission: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Send a password reset link', body: PasswordResetRequestBody, response: { 200: Ok } },
    handler: async (request) => {
      await service.requestPasswordReset(request.ctx, request.body.email);
      return { ok: true as const };
    },
  });

  app.post('/password-reset/complete', {
    config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Set a new password from a reset link', body: TokenPasswordBody, response: { 200: Ok } },
    handler: async (request) => {
      await service.completeTokenPassword(request.ctx, 'password_reset', request.body);
      return { ok: true as const };
    },
  });

  app.post('/invitations/accept', {
    config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Accept an invitation by setting a password', body: TokenPasswordBody, response: { 200: Ok } },
    handler: async (request) => {
      await service.completeTokenPassword(request.ctx, 'invitation', request.body);
      return { ok: true as const };
    },
  });
}
