import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { isListedPublic } from './public-routes';

/** What every request meets before its route's schema: sign-in, NUL characters, router errors. */
let system: TestSystem;
let admin: Agent;

beforeAll(async () => {
  system = await testSystem();
  const networkId = await system.factory.network();
  admin = await system.factory.agent(networkId, ['network_admin']);
});
afterAll(() => system.close());

const ANONYMOUS_CSRF = { 'x-csrf-token': 'anonymous-token', cookie: 'hamsafar_csrf=anonymous-token', 'content-type': 'application/json' };

describe('an anonymous caller', () => {
  it('gets 401 from every route that needs a session, before its schema is checked', async () => {
    const guarded = system.routes.filter(
      (r) => r.url.startsWith('/api/v1/') && !['HEAD', 'OPTIONS'].includes(r.method) && r.permission !== 'public' && !isListedPublic(r.method, r.url),
    );
    expect(guarded.length).toBeGreaterThan(100);
    const answeredOtherwise: string[] = [];
    for (const route of guarded) {
      const url = route.url.replace(/:[A-Za-z]+/g, 'not-an-id');
      const withoutBody = route.method === 'GET' || route.method === 'DELETE';
      const { 'content-type': _json, ...noBodyHeaders } = ANONYMOUS_CSRF;
      const response = await system.app.inject({ method: route.method as 'GET', url, ...(withoutBody ? { headers: noBodyHeaders } : { headers: ANONYMOUS_CSRF, payload: '{}' }) });
      if (response.statusCode !== 401 || !String(response.headers['content-type']).startsWith('application/problem+json') || 'errors' in response.json()) {
        answeredOtherwise.push(`${route.method} ${route.url}: ${response.statusCode}`);
      }
    }
    expect(answeredOtherwise).toEqual([]);
  });

  it('is told only to sign in when inviting with an empty body', async () => {
    const response = await system.app.inject({ method: 'POST', url: '/api/v1/admin/invitations', headers: ANONYMOUS_CSRF, payload: '{}' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      type: 'https://hamsafar.dev/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'Sign in to continue.',
      instance: '/api/v1/admin/invitations',
    });
  });
});

describe('a NUL character in any text', () => {
  it('is refused with 400 naming the field in a body', async () => {
    const response = await admin.patch('/api/v1/auth/profile', { displayName: 'Ayesha\u0000' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual([
      { field: 'displayName', code: 'input.nul-character', message: 'Remove the invisible NUL character from this field.' },
    ]);
    const profile = await admin.get('/api/v1/auth/session');
    expect(JSON.stringify(profile.json())).not.toContain('\\u0000');
  });

  it('names the nested field, the query parameter and the path parameter', async () => {
    const nested = await admin.post('/api/v1/network/action-points', { title: 'Plan', commitments: [{ note: 'ok' }, { note: 'a\u0000b' }] });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errors[0].field).toBe('commitments.1.note');
    const query = await admin.get('/api/v1/network/meetings?search=a%00b');
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0].field).toBe('search');
    const param = await admin.get('/api/v1/network/meetings/%00');
    expect(param.statusCode).toBe(400);
    expect(param.json().errors[0].field).toBe('id');
  });

  it('is refused in Urdu when the page is in Urdu', async () => {
    const response = await admin.request('PATCH', '/api/v1/auth/profile', { displayName: 'x\u0000' }, { 'accept-language': 'ur' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toBe('اس خانے سے غیر مرئی NUL حرف ہٹا دیں۔');
  });
});

describe('errors the router raises', () => {
  it('answers an over-long path id with 414 as a problem document', async () => {
    const response = await admin.get(`/api/v1/network/meetings/${'a'.repeat(500)}`);
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 414, title: 'URI Too Long', detail: 'The address is too long.' });
  });

  it('answers a malformed URL with 400 as a problem document', async () => {
    const response = await system.app.inject({ method: 'GET', url: '/api/v1/%' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, detail: 'The address is not valid.' });
  });

  it('answers an unknown route and an unknown method with 404 problem documents', async () => {
    for (const method of ['GET', 'PROPFIND'] as const) {
      const response = await system.app.inject({ method: method as 'GET', url: '/api/v1/nowhere' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
