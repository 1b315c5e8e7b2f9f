import { sql } from 'kysely';
import { PROTECTION_DATA_PERMISSIONS, grantScope } from '../../../common/permissions';
import type { Config } from '../../config';
import type { Actor } from '../access';
import { randomToken, sha256Hex } from '../crypto';
import { scoped, type Executor } from '../database/tenant';
import type { Row } from '../database/schema';
import type { WriteWatch } from '../database/write-watch';

export const SESSION_COOKIE = 'hamsafar_session';
export const CSRF_COOKIE = 'hamsafar_csrf';

export interface LoadedSession {
  id: string;
  networkId: string;
  userId: string;
  state: Row<'sessions'>['state'];
  csrfToken: string;
  /** Set only once the session is fully signed in (MFA passed where required). */
  actor: Actor | null;
}

export function parseSessionCookie(value: string | undefined): { networkId: string; token: string } | null {
  if (!value) return null;
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,})$/.exec(value);
  return match ? { networkId: match[1], token: match[2] } : null;
}

export async function createSession(
  db: Executor,
  user: { networkId: string; userId: string },
  state: LoadedSession['state'],
  client: { ip: string | null; userAgent: string | null },
): Promise<{ cookieValue: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await scoped(db, user.networkId)
    .insertInto('sessions', {
      id: sha256Hex(token),
      user_id: user.userId,
      csrf_token: csrfToken,
      state,
      last_seen_at: new Date(),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { cookieValue: `${user.networkId}.${token}`, csrfToken };
}

export async function userGrants(db: Executor, networkId: string, userId: string) {
  const rows = await scoped(db, networkId)
    .selectFrom('user_roles')
    .innerJoin('roles', (j) => j.onRef('roles.network_id', '=', 'user_roles.network_id').onRef('roles.id', '=', 'user_roles.role_id'))
    .select(['roles.key', 'roles.grants', 'roles.mfa_required'])
    .where('user_roles.user_id', '=', userId)
    .execute();
  const { roles, grants } = rolesAndGrants(rows);
  const mfaRequired =
    rows.some((r) => r.mfa_required) || PROTECTION_DATA_PERMISSIONS.some((p) => grantScope(grants, p) !== null);
  return { roles, grants, mfaRequired };
}

function rolesAndGrants(rows: Array<{ key: string; grants: string[] }>): Pick<Actor, 'roles' | 'grants'> {
  return { roles: rows.map((r) => r.key).sort(), grants: new Set(rows.flatMap((r) => r.grants)) };
}

/** How long a signed-in session is trusted without asking the database again. */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_ENTRIES = 10_000;
/** Tables whose rows decide whether a session lets its user in, and with which grants. */
const SESSION_TABLES = new Set(['sessions', 'users', 'user_roles', 'roles']);

interface CachedSession {
  session: LoadedSession;
  cachedAt: number;
  createdAt: number;
}

/**
 * Signed-in sessions this process loaded in the last few seconds, so that a burst of requests
 * (a page asks for several resources) reads the session once. Any write through the query
 * builder to a session, a user, a role or a role assignment empties it, so a sign-out, a lock, a
 * disabled account or a changed role applies in this process at once; other processes see it
 * within SESSION_CACHE_MS (docs/decisions/0007-session-cache.md).
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  /** Moves on at every clear, so a load that read the database before a write does not keep what it read. */
  private generation = 0;

  constructor(writes: WriteWatch) {
    writes.onWrite((write) => {
      // Only the loader's own "last seen" refresh leaves what a session allows unchanged.
      const lastSeenOnly = write.table === 'sessions' && write.setColumns?.length === 1 && write.setColumns[0] === 'last_seen_at';
      if (SESSION_TABLES.has(write.table) && !lastSeenOnly) this.clear();
    });
  }

  get(sessionId: string, now: number): CachedSession | undefined {
    const entry = this.entries.get(sessionId);
    if (entry && now - entry.cachedAt > SESSION_CACHE_MS) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry;
  }

  /** A mark to pass back to `set`: what is loaded after it may be kept unless the cache was cleared meanwhile. */
  mark(): number {
    return this.generation;
  }

  set(sessionId: string, entry: CachedSession, mark: number): void {
    if (mark !== this.generation) return;
    if (this.entries.size >= SESSION_CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, entry);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

/**
 * Finds the session behind a cookie, ending it when it is past its idle or absolute timeout.
 * Session, user and role grants come back in one round trip: this runs before every API request,
 * and a signed-in session is then kept in `cache` for a few seconds.
 */
export async function loadSession(db: Executor, config: Config, cache: SessionCache, cookieValue: string | undefined): Promise<LoadedSession | null> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return null;
  const id = sha256Hex(parsed.token);
  const now = Date.now();
  const cached = cache.get(id, now);
  if (cached && cached.session.networkId === parsed.networkId && now - cached.createdAt <= config.sessionAbsoluteHours * 3_600_000) return cached.session;
  const mark = cache.mark();
  const q = scoped(db, parsed.networkId);
  const row = await q
    .selectFrom('sessions')
    .innerJoin('users', (j) => j.onRef('users.network_id', '=', 'sessions.network_id').onRef('users.id', '=', 'sessions.user_id'))
    .select((eb) => [
      'sessions.id',
      'sessions.state',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.organisation_id',
      'users.status',
      'users.locked_until',
      'users.language',
      eb
        .selectFrom('user_roles')
        .innerJoin('roles', (j) => j.onRef('roles.network_id', '=', 'user_roles.network_id').onRef('roles.id', '=', 'user_roles.role_id'))
        .select(sql<Array<{ key: string; grants: string[] }> | null>`json_agg(json_build_object('key', roles.key, 'grants', roles.grants))`.as('roles'))
        .where('user_roles.network_id', '=', parsed.networkId)
        .whereRef('user_roles.user_id', '=', 'sessions.user_id')
        .as('roles'),
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const idleExpired = now - row.last_seen_at.getTime() > config.sessionIdleMinutes * 60_000;
  const absoluteExpired = now - row.created_at.getTime() > config.sessionAbsoluteHours * 3_600_000;
  const userBlocked = row.status !== 'active' || (row.locked_until !== null && row.locked_until.getTime() > now);
  if (idleExpired || absoluteExpired || userBlocked) {
    await q.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now - row.last_seen_at.getTime() > 60_000) {
    await q.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('id', '=', id).execute();
  }
  let actor: Actor | null = null;
  if (row.state === 'active') {
    actor = {
      userId: row.user_id,
      networkId: parsed.networkId,
      organisationId: row.organisation_id,
      ...rolesAndGrants(row.roles ?? []),
      sessionId: id,
      language: row.language,
    };
  }
  const session = { id, networkId: parsed.networkId, userId: row.user_id, state: row.state, csrfToken: row.csrf_token, actor };
  // Only signed-in sessions: one waiting for its MFA code changes state with the next request.
  if (actor) cache.set(id, { session, cachedAt: now, createdAt: row.created_at.getTime() }, mark);
  return session;
}
