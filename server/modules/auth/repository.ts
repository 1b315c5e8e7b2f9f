import { sql } from 'kysely';
import { scoped, type Executor } from '../../platform/database/tenant';

export function findLoginCandidates(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('networks', 'networks.id', 'users.network_id')
    .select([
      'users.id',
      'users.network_id',
      'users.organisation_id',
      'users.password_hash',
      'users.status',
      'users.failed_logins',
      'users.locked_until',
      'users.mfa_enabled',
      'networks.code as network_code',
    ])
    .where('users.email', '=', email)
    .execute();
}

export async function sessionUser(db: Executor, networkId: string, userId: string) {
  return scoped(db, networkId)
    .selectFrom('users')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'users.network_id').onRef('o.id', '=', 'users.organisation_id'))
    .innerJoin('networks as n', 'n.id', 'users.network_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.language',
      'users.mfa_enabled',
      'users.mfa_secret',
      'users.mfa_pending_secret',
      'users.password_hash',
      'users.locked_until',
      'users.organisation_id',
      'o.name_en as org_name_en',
      'o.name_ur as org_name_ur',
      'n.code as network_code',
      'n.name_en as network_name_en',
      'n.name_ur as network_name_ur',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function recordLoginFailure(db: Executor, networkId: string, userId: string, maxFailures: number, lockMinutes: number) {
  // The clock is a parameter: Citus refuses now() inside a CASE of an UPDATE on a distributed table.
  const now = new Date();
  const lockEnd = new Date(now.getTime() + lockMinutes * 60_000);
  // Once a lock has run out, counting starts again: otherwise one mistake re-locks at once, unrecorded.
  const lockExpired = sql`(locked_until IS NOT NULL AND locked_until <= ${now})`;
  const failures = sql`CASE WHEN ${lockExpired} THEN 1 ELSE failed_logins + 1 END`;
  return scoped(db, networkId)
    .updateTable('users')
    .set({
      failed_logins: sql`${failures}`,
      locked_until: sql`CASE WHEN ${failures} >= ${maxFailures} THEN ${lockEnd}::timestamptz WHEN ${lockExpired} THEN NULL ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export async function recordLoginSuccess(db: Executor, networkId: string, userId: string) {
  await scoped(db, networkId)
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export async function setSessionState(db: Executor, networkId: string, sessionId: string, state: 'active' | 'mfa_pending' | 'mfa_enrolment') {
  await scoped(db, networkId).updateTable('sessions').set({ state }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Executor, networkId: string, sessionId: string) {
  await scoped(db, networkId).deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Executor, networkId: string, userId: string, exceptSessionId?: string) {
  let query = scoped(db, networkId).deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

export async function replaceRecoveryCodes(db: Executor, networkId: string, userId: string, codeHashes: string[]) {
  const q = scoped(db, networkId);
  await q.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await q.insertInto('mfa_recovery_codes', codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null }))).execute();
}

/** Records a TOTP step as used; false when this step or a later one was already used (a replayed code). */
export async function acceptTotpStep(db: Executor, networkId: string, userId: string, step: number): Promise<boolean> {
  const accepted = await scoped(db, networkId)
    .updateTable('users')
    .set({ mfa_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return accepted !== undefined;
}

/** Marks a recovery code used; true when it existed and was unused. */
export async function consumeRecoveryCode(db: Executor, networkId: string, userId: string, codeHash: string): Promise<boolean> {
  const used = await scoped(db, networkId)
    .updateTable('mfa_recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used !== undefined;
}

/**
 * The unused, unexpired token with this hash, locked until the transaction ends. A link carries no
 * network, so the token is found across networks first, then locked by its key: on Citus a row
 * lock works on one network's shard only.
 */
export async function findValidToken(db: Executor, tokenHash: string, kind: 'invitation' | 'password_reset') {
  const now = new Date();
  const found = await db
    .selectFrom('user_tokens')
    .select(['network_id', 'id'])
    .where('token_hash', '=', tokenHash)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!found) return undefined;
  // Checked again under the lock: a concurrent use of the same link has to wait here, then finds it used.
  return scoped(db, found.network_id)
    .selectFrom('user_tokens')
    .innerJoin('users', (j) => j.onRef('users.network_id', '=', 'user_tokens.network_id').onRef('users.id', '=', 'user_tokens.user_id'))
    .select(['user_tokens.id', 'user_tokens.network_id', 'user_tokens.user_id', 'users.organisation_id', 'users.status'])
    .where('user_tokens.id', '=', found.id)
    .where('user_tokens.used_at', 'is', null)
    .where('user_tokens.expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst();
}
