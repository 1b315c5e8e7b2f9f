import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleKey } from '../../../common/roles';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';

/**
 * Every API route, fed malformed input by users of several roles, answers a 4xx problem document:
 * never a 500. Path parameters get a malformed and an unknown id; bodies get junk of every shape.
 */
let system: TestSystem;
const agents: Array<{ role: RoleKey; agent: Agent }> = [];

beforeAll(async () => {
  system = await testSystem();
  const networkId = await system.factory.network();
  const organisationId = await system.factory.organisation(networkId, { type: 'un_entity', services: ['shelter', 'legal_aid'] });
  for (const role of ['network_admin', 'case_supervisor', 'fund_manager', 'focal_point'] as RoleKey[]) {
    agents.push({ role, agent: await system.factory.agent(networkId, [role], organisationId) });
  }
});
afterAll(() => system.close());

const JUNK_BODIES: unknown[] = [{}, { unexpected: true }, [], 'text', { version: 'one', id: 'x', amount: 'lots', dueDate: '2020-13-45' }];

function apiRoutes() {
  return system.routes.filter(
    (r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.startsWith('/api/v1/auth/'),
  );
}

function withParams(url: string, value: () => string): string {
  return url.replace(/:[A-Za-z]+/g, () => value());
}

describe('malformed input never causes a server error', () => {
  it('answers every route with a 4xx or success, never 5xx, for every role', async () => {
    const failures: string[] = [];
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(100);
    for (const { role, agent } of agents) {
      for (const route of routes) {
        const urls = route.url.includes(':')
          ? [withParams(route.url, () => 'not-a-uuid'), withParams(route.url, () => randomUUID()), withParams(route.url, () => '0')]
          : [route.url, `${route.url}?limit=-1&offset=abc&unknown=1`];
        for (const url of urls) {
          const bodies = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : JUNK_BODIES;
          for (const body of bodies) {
            const res = await agent.request(route.method as 'GET', url, body === undefined ? undefined : JSON.stringify(body), {
              'content-type': 'application/json',
            });
            if (res.statusCode >= 500) failures.push(`${role} ${route.method} ${url} ${JSON.stringify(body)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            else if (res.statusCode >= 400) {
              expect(res.headers['content-type'], `${route.method} ${url}`).toContain('application/problem+json');
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
