import { sql } from 'kysely';
import { PROTECTION_DATA_PERMISSIONS, grantScope } from '../../../common/permissions';
import type { Config } from '../../config';
import type { Actor } from '../access';
import { randomToken, sha256Hex } from '../crypto';
import { scoped, type Executor } from '../database/tenant';
import type { Row } from '../database/schema';

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

/**
 * Finds the session behind a cookie, ending it when it is past its idle or absolute timeout.
 * Session, user and role grants come back in one round trip: this runs before every API request.
 */
export async function loadSession(db: Executor, config: Config, cookieValue: string | undefined): Promise<LoadedSession | null> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return null;
  const q = scoped(db, parsed.networkId);
  const id = sha256Hex(parsed.token);
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
  const now = Date.now();
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
  return { id, networkId: parsed.networkId, userId: row.user_id, state: row.state, csrfToken: row.csrf_token, actor };
}
