import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../../test/harness';
import { WriteWatch, type TableWrite } from '../database/write-watch';
import { SESSION_CACHE_MS, SessionCache, type LoadedSession } from './sessions';

const session = (id: string): LoadedSession => ({ id, networkId: 'n', userId: 'u', state: 'active', csrfToken: 'c', actor: null });

/** A watch whose writes the test announces itself. */
function announcedWrites() {
  const watch = new WriteWatch();
  let announce: (write: TableWrite) => void = () => {};
  watch.onWrite = (listener) => void (announce = listener);
  return { watch, write: (write: TableWrite) => announce(write) };
}

describe('session cache', () => {
  it('keeps a session for SESSION_CACHE_MS, then asks again', () => {
    const { watch } = announcedWrites();
    const cache = new SessionCache(watch);
    cache.set('s1', { session: session('s1'), cachedAt: 1_000, createdAt: 0 }, cache.mark());
    expect(cache.get('s1', 1_000 + SESSION_CACHE_MS)?.session.id).toBe('s1');
    expect(cache.get('s1', 1_001 + SESSION_CACHE_MS)).toBeUndefined();
  });

  it('empties on a write to sessions, users, roles or role assignments, but not on the "last seen" refresh', () => {
    const { watch, write } = announcedWrites();
    const cache = new SessionCache(watch);
    const fill = () => cache.set('s1', { session: session('s1'), cachedAt: 0, createdAt: 0 }, cache.mark());
    fill();
    write({ table: 'sessions', setColumns: ['last_seen_at'] });
    write({ table: 'cases', setColumns: null });
    expect(cache.get('s1', 0)).toBeDefined();
    for (const change of [
      { table: 'sessions', setColumns: ['state'] },
      { table: 'sessions', setColumns: null },
      { table: 'users', setColumns: ['status'] },
      { table: 'user_roles', setColumns: null },
      { table: 'roles', setColumns: ['grants'] },
    ]) {
      fill();
      write(change);
      expect(cache.get('s1', 0), change.table).toBeUndefined();
    }
  });

  it('does not keep what a load read before a write emptied the cache', () => {
    const { watch, write } = announcedWrites();
    const cache = new SessionCache(watch);
    const mark = cache.mark();
    write({ table: 'users', setColumns: ['status'] });
    cache.set('s1', { session: session('s1'), cachedAt: 0, createdAt: 0 }, mark);
    expect(cache.get('s1', 0)).toBeUndefined();
  });
});

describe('session cache in the running server', () => {
  let system: TestSystem;
  let networkId: string;
  let organisationId: string;
  beforeAll(async () => {
    system = await testSystem();
    networkId = await system.factory.network();
    organisationId = await system.factory.organisation(networkId);
  });
  afterAll(() => system.close());

  it('refuses a disabled user at the next request, though the session was just used', async () => {
    const admin = await system.factory.agent(networkId, ['network_admin'], organisationId);
    const user = await system.factory.user(networkId, organisationId, ['focal_point']);
    const signedIn = await system.factory.signIn(user);
    expect((await signedIn.get('/api/v1/notifications')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/admin/users/${user.id}`, { status: 'disabled', version: 1 })).statusCode).toBe(200);
    expect((await signedIn.get('/api/v1/notifications')).statusCode).toBe(401);
  });

  it('applies a changed role at the next request: the user is signed out to sign in with the new grants', async () => {
    const admin = await system.factory.agent(networkId, ['network_admin'], organisationId);
    const user = await system.factory.user(networkId, organisationId, ['network_admin']);
    const signedIn = await system.factory.signIn(user);
    expect((await signedIn.get('/api/v1/admin/users')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/admin/users/${user.id}`, { roles: ['focal_point'], version: 1 })).statusCode).toBe(200);
    expect((await signedIn.get('/api/v1/admin/users')).statusCode).toBe(401);
  });

  it('refuses a signed-out session at once', async () => {
    const agent = await system.factory.agent(networkId, ['focal_point'], organisationId);
    expect((await agent.get('/api/v1/notifications')).statusCode).toBe(200);
    expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await agent.get('/api/v1/notifications')).statusCode).toBe(401);
  });
});
