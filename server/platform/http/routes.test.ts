import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../../common/permissions';
import { activeWorkers, TEST_DB } from '../../test/database';
import { testSystem, type TestSystem } from '../../test/harness';
import { PUBLIC_ROUTES, isListedPublic } from './public-routes';

let system: TestSystem;
beforeAll(async () => {
  system = await testSystem();
});
afterAll(() => system.close());

describe('every route declares its permission', () => {
  it('has a known permission, or is on the explicit public list', () => {
    const problems: string[] = [];
    for (const route of system.routes) {
      if (route.method === 'HEAD') continue;
      const { permission } = route;
      const known = permission !== undefined && (['authenticated', 'session', 'public'].includes(permission) || ALL_PERMISSIONS.includes(permission as never));
      if (permission === undefined && !isListedPublic(route.method, route.url)) problems.push(`${route.method} ${route.url}: no permission`);
      else if (permission !== undefined && !known) problems.push(`${route.method} ${route.url}: unknown permission ${permission}`);
      else if (permission === 'public' && !PUBLIC_ROUTES.includes(`${route.method} ${route.url}`)) problems.push(`${route.method} ${route.url}: public but not listed`);
    }
    expect(problems).toEqual([]);
    expect(system.routes.filter((r) => r.url.startsWith('/api/v1/')).length).toBeGreaterThan(10);
  });

  it('refuses a protected route without a session with 401 problem+json', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/api/v1/notifications' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the OpenAPI 3.1 document generated from the schemas', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
  });

  it('answers bad JSON, unknown fields and wrong types with 4xx problems naming the field', async () => {
    const session = await system.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    const csrf = session.json().csrfToken;
    const headers = { cookie: `hamsafar_csrf=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const badJson = await system.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: '{"email":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.headers['content-type']).toContain('application/problem+json');
    const unknown = await system.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { email: 'a@b.pk', password: 'x', admin: true } });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().errors)).toContain('admin');
    const wrongType = await system.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { email: 42, password: 'x' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].field).toBe('email');
    const huge = await system.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: JSON.stringify({ email: 'a@b.pk', password: 'x'.repeat(2_000_000) }) });
    expect(huge.statusCode).toBe(413);
  });

  it('reports the database mode, on Citus with its workers, and the migration version', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/api/v1/health' });
    const mode = TEST_DB === 'citus' ? { mode: 'citus', workers: await activeWorkers(system.db) } : { mode: TEST_DB === 'pglite' ? 'embedded' : 'postgres' };
    expect(res.json().database).toEqual({ ...mode, migration: expect.stringMatching(/^\d{4}_/) });
  });
});
