import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { grantScope, type PermissionName } from '../../../common/permissions';
import { CSRF_COOKIE, SESSION_COOKIE, loadSession } from '../auth/sessions';
import type { Services } from '../context';
import { randomToken, safeEqual } from '../crypto';
import type { Executor } from '../database/tenant';
import { AppError } from '../errors';
import { moduleRoutes } from '../../modules';
import { isListedPublic } from './public-routes';
import { refuseNulCharacters } from './nul-characters';
import { completeOpenApiDocument } from './openapi';
import { toProblem } from './problems';
import type { HamsafarApp, RoutePermission } from './types';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
}

export interface BuildOptions {
  db: Executor;
  services: Services;
  logger?: boolean | object;
  serveWeb?: boolean;
  /** The built web app; `dist/web` unless a test serves a folder of its own. */
  webRoot?: string;
}

/**
 * Request log lines without query strings: a search by CNIC or name travels in the query, and
 * personal data must never reach a log line.
 */
export function requestLogger(level: string) {
  return {
    level,
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, path: request.url.split('?')[0] }),
    },
  };
}

function clientOf(request: FastifyRequest) {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null };
}

/** Checks a route's declared permission before its handler runs; anything undeclared is refused. */
function enforcePermission(request: FastifyRequest): void {
  if (request.is404) return;
  const permission = request.routeOptions.config.permission;
  const url = request.routeOptions.url ?? '';
  if (permission === undefined) {
    if (isListedPublic(request.method, url)) return;
    throw AppError.forbidden('This route declares no permission.');
  }
  if (permission === 'public') return;
  if (!request.session) throw AppError.unauthorized();
  if (permission === 'session') return;
  const actor = request.ctx.actor;
  if (!actor) throw AppError.unauthorized('Complete the multi-factor sign-in first.');
  if (permission === 'authenticated') return;
  if (!grantScope(actor.grants, permission as PermissionName)) throw AppError.forbidden();
}

export async function buildApp(options: BuildOptions): Promise<{ app: HamsafarApp; routes: RegisteredRoute[] }> {
  const { db, services } = options;
  const { config } = services;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Errors the router raises before any route matches (a bad URL, an over-long id) are problem documents too.
    frameworkErrors: (error, request, reply) => toProblem(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => toProblem(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    if (options.serveWeb && isPageNavigation(request) && fs.existsSync(path.join(options.webRoot ?? WEB_DIST, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    return toProblem(AppError.notFound('Route'), request, reply);
  });

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, permission: route.config?.permission });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables in style attributes; scripts stay strict.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hamsafar API',
        version: '1.0.0',
        description:
          'API of Hamsafar, the platform of a national UN Network on Migration. Errors are RFC 9457 ' +
          '`application/problem+json`; validation failures list the fields in `errors`. Lists take ' +
          '`limit` (1–200, default 50) and `offset` and answer `{ items, total, limit, offset }`. ' +
          'State-changing requests carry the `X-CSRF-Token` header from `GET /api/v1/auth/session`.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => completeOpenApiDocument(jsonSchemaTransformObject(input) as Parameters<typeof completeOpenApiDocument>[0]),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.decorateRequest('ctx', null as never);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    request.session = request.url.startsWith('/api/') ? await loadSession(db, config, services.sessions, request.cookies[SESSION_COOKIE]) : null;
    const client = clientOf(request);
    request.ctx = { db, actor: request.session?.actor ?? null, ip: client.ip, userAgent: client.userAgent, services };
    if (!request.cookies[CSRF_COOKIE] && request.url.startsWith('/api/')) {
      const token = randomToken(24);
      request.cookies[CSRF_COOKIE] = token;
      reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure: config.cookieSecure, httpOnly: false });
    }
    if (STATE_CHANGING.has(request.method) && request.url.startsWith('/api/')) {
      const sent = request.headers['x-csrf-token'];
      // A signed-in request must carry its session's token; before sign-in, the double-submit cookie.
      const expected = request.session?.csrfToken ?? request.cookies[CSRF_COOKIE] ?? '';
      if (typeof sent !== 'string' || !safeEqual(sent, expected)) {
        throw new AppError(403, 'csrf', 'Forbidden', 'Missing or invalid X-CSRF-Token header.');
      }
    }
  });
  // Before validation, so that an anonymous caller learns nothing of a route's schema.
  app.addHook('preValidation', async (request) => {
    enforcePermission(request);
    refuseNulCharacters(request);
  });

  await app.register(moduleRoutes, { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = options.webRoot ?? WEB_DIST;
  if (options.serveWeb && fs.existsSync(webRoot)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: 'index.html',
      // The build writes a brotli and a gzip copy beside each file; they are sent in its place, never by their own URL.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (response, filePath) => {
        // Hashed names change with their content, so they never need asking again; the page that names them always does.
        const hashed = path.relative(webRoot, filePath).startsWith(`assets${path.sep}`);
        response.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        response.setHeader('vary', 'accept-encoding');
      },
    });
  }
  await app.ready();
  return { app: app as HamsafarApp, routes };
}

/**
 * A page of the web app the browser navigates to, answered with index.html. A missing file
 * (`/assets/*.js`, anything with an extension) is a 404: handing it the page breaks scripts
 * and workers in ways that are hard to see.
 */
function isPageNavigation(request: FastifyRequest): boolean {
  const pathname = request.url.split('?')[0];
  if (request.method !== 'GET' || pathname.startsWith('/api/') || pathname.startsWith('/assets/')) return false;
  return !path.posix.basename(pathname).includes('.');
}
