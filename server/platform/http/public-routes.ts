/**
 * The explicit list of routes anyone may call without signing in. A route test fails when a
 * route declares 'public' without being listed here, or declares no permission at all.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /api/v1/health',
  'GET /api/v1/auth/session',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/password-reset/request',
  'POST /api/v1/auth/password-reset/complete',
  'POST /api/v1/auth/invitations/accept',
  'GET /api/v1/reference',
  'GET /api/v1/activities/published',
];

/** Routes registered by plugins (API docs, the web app's static files) rather than by modules. */
export const PUBLIC_ROUTE_PREFIXES: readonly string[] = ['/api/docs', '/api/v1/openapi.json', '/assets/', '/fonts/'];

export function isListedPublic(method: string, url: string): boolean {
  return (
    PUBLIC_ROUTES.includes(`${method} ${url}`) ||
    PUBLIC_ROUTE_PREFIXES.some((prefix) => url.startsWith(prefix)) ||
    (method === 'GET' || method === 'HEAD') && (url === '/' || url === '/*' || url === '/index.html' || url === '/favicon.svg')
  );
}
