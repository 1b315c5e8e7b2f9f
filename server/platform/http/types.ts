import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PermissionName } from '../../../common/permissions';
import type { LoadedSession } from '../auth/sessions';
import type { RequestContext } from '../context';

/**
 * What a route requires: a permission, any signed-in user ('authenticated'), a session that may
 * still be at its MFA step ('session'), or nothing ('public', only for routes on PUBLIC_ROUTES).
 */
export type RoutePermission = PermissionName | 'authenticated' | 'session' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    session: LoadedSession | null;
  }
}

export type HamsafarApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
