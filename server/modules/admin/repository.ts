import { sql, type Expression, type SqlBool } from 'kysely';
import { scoped, type Executor } from '../../platform/database/tenant';
import type { NetworkSettings, RowUpdate } from '../../platform/database/schema';

/** `%`, `_` and `\` typed by a user are matched literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface UserFilter {
  search?: string;
  organisationId?: string | null;
  limit: number;
  offset: number;
}

function userQuery(db: Executor, networkId: string, filter: Omit<UserFilter, 'limit' | 'offset'>) {
  return scoped(db, networkId)
    .selectFrom('users')
    .innerJoin('organisations as o', (j) => j.onRef('o.network_id', '=', 'users.network_id').onRef('o.id', '=', 'users.organisation_id'))
    .$if(!!filter.organisationId, (qb) => qb.where('users.organisation_id', '=', filter.organisationId!))
    .$if(!!filter.search, (qb) =>
      qb.where((eb) => eb.or([eb('users.email', 'ilike', likePattern(filter.search!)), eb('users.display_name', 'ilike', likePattern(filter.search!))])),
    );
}

const USER_COLUMNS = [
  'users.id',
  'users.email',
  'users.display_name',
  'users.organisation_id',
  'users.status',
  'users.mfa_enabled',
  'users.locked_until',
  'users.last_login_at',
  'users.password_hash',
  'users.language',
  'users.version',
  'o.name_en as organisation_name',
  'o.name_ur as organisation_name_ur',
] as const;

export async function listUsers(db: Executor, networkId: string, filter: UserFilter) {
  const [rows, count] = await Promise.all([
    userQuery(db, networkId, filter).select(USER_COLUMNS).orderBy('users.display_name').orderBy('users.id').limit(filter.limit).offset(filter.offset).execute(),
    userQuery(db, networkId, filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findUser(db: Executor, networkId: string, userId: string) {
  return userQuery(db, networkId, {}).select(USER_COLUMNS).where('users.id', '=', userId).executeTakeFirst();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

/** Role keys of each user, for a page of users. */
export async function rolesOfUsers(db: Executor, networkId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await scoped(db, networkId)
    .selectFrom('user_roles')
    .innerJoin('roles', (j) => j.onRef('roles.network_id', '=', 'user_roles.network_id').onRef('roles.id', '=', 'user_roles.role_id'))
    .select(['user_roles.user_id', 'roles.key'])
    .where('user_roles.user_id', 'in', userIds)
    .orderBy('roles.key')
    .execute();
  for (const row of rows) byUser.get(row.user_id)?.push(row.key);
  return byUser;
}

export function emailInUse(db: Executor, networkId: string, email: string) {
  return scoped(db, networkId).selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
}

export async function insertInvitedUser(
  db: Executor,
  networkId: string,
  input: { organisationId: string; email: string; displayName: string; language: 'en' | 'ur' },
): Promise<string> {
  const row = await scoped(db, networkId)
    .insertInto('users', {
      organisation_id: input.organisationId,
      email: input.email,
      display_name: input.displayName,
      password_hash: null,
      status: 'invited',
      locked_until: null,
      mfa_secret: null,
      mfa_pending_secret: null,
      language: input.language,
      last_login_at: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function replaceUserRoles(db: Executor, networkId: string, userId: string, roleKeys: readonly string[]): Promise<void> {
  const q = scoped(db, networkId);
  const roles = await q.selectFrom('roles').select('id').where('key', 'in', [...roleKeys]).execute();
  await q.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0) await q.insertInto('user_roles', roles.map((r) => ({ user_id: userId, role_id: r.id }))).execute();
}

/** Applies the change only if the row still has the version the editor read; undefined otherwise. */
export function updateUserIfVersion(db: Executor, networkId: string, userId: string, version: number, changes: RowUpdate<'users'>) {
  return scoped(db, networkId)
    .updateTable('users')
    .set({ ...changes, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', userId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function deleteUserSessions(db: Executor, networkId: string, userId: string): Promise<void> {
  await scoped(db, networkId).deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertUserToken(db: Executor, networkId: string, token: { userId: string; kind: 'invitation' | 'password_reset'; tokenHash: string; expiresAt: Date }) {
  await scoped(db, networkId)
    .insertInto('user_tokens', { user_id: token.userId, kind: token.kind, token_hash: token.tokenHash, expires_at: token.expiresAt })
    .execute();
}

export async function withdrawUnusedTokens(db: Executor, networkId: string, userId: string, kind: 'invitation' | 'password_reset'): Promise<void> {
  await scoped(db, networkId).deleteFrom('user_tokens').where('user_id', '=', userId).where('kind', '=', kind).where('used_at', 'is', null).execute();
}

export function networkRow(db: Executor, networkId: string) {
  return scoped(db, networkId).selectFrom('networks').select(['id', 'code', 'name_en', 'name_ur', 'settings']).executeTakeFirstOrThrow();
}

// Organisations

export interface OrganisationFilter {
  search?: string;
  type?: string;
  limit: number;
  offset: number;
}

function organisationQuery(db: Executor, networkId: string, filter: Omit<OrganisationFilter, 'limit' | 'offset'>) {
  return scoped(db, networkId)
    .selectFrom('organisations')
    .$if(!!filter.type, (qb) => qb.where('type', '=', filter.type!))
    .$if(!!filter.search, (qb) =>
      qb.where((eb) => {
        const pattern = likePattern(filter.search!);
        return eb.or([eb('name_en', 'ilike', pattern), eb('name_ur', 'ilike', pattern), eb('acronym', 'ilike', pattern)]);
      }),
    );
}

export async function listOrganisations(db: Executor, networkId: string, filter: OrganisationFilter) {
  const [rows, count] = await Promise.all([
    organisationQuery(db, networkId, filter).selectAll().orderBy('name_en').limit(filter.limit).offset(filter.offset).execute(),
    organisationQuery(db, networkId, filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findOrganisation(db: Executor, networkId: string, id: string) {
  return scoped(db, networkId).selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another organisation of the network with this English name (names are unique per network). */
export function organisationNamed(db: Executor, networkId: string, nameEn: string, exceptId?: string) {
  return scoped(db, networkId)
    .selectFrom('organisations')
    .select('id')
    .where(sql<SqlBool>`lower(name_en) = lower(${nameEn})` as Expression<SqlBool>)
    .$if(!!exceptId, (qb) => qb.where('id', '!=', exceptId!))
    .executeTakeFirst();
}

export interface OrganisationValues {
  name_en: string;
  name_ur: string;
  acronym: string | null;
  type: string;
  htcds_org_type: string;
  province: string | null;
  services: string[];
  iati_organisation_id: string | null;
  publishes_to_iati: boolean;
}

export function insertOrganisation(db: Executor, networkId: string, values: OrganisationValues) {
  return scoped(db, networkId)
    .insertInto('organisations', { ...values, updated_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateOrganisationIfVersion(db: Executor, networkId: string, id: string, version: number, values: OrganisationValues) {
  return scoped(db, networkId)
    .updateTable('organisations')
    .set({ ...values, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

// Roles

export function listRoles(db: Executor, networkId: string) {
  return scoped(db, networkId).selectFrom('roles').selectAll().orderBy('builtin', 'desc').orderBy('key').execute();
}

export function findRole(db: Executor, networkId: string, id: string) {
  return scoped(db, networkId).selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateRoleIfVersion(db: Executor, networkId: string, id: string, version: number, values: { grants: string[]; mfa_required: boolean }) {
  return scoped(db, networkId)
    .updateTable('roles')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

// Mail outbox

export async function listMail(db: Executor, networkId: string, page: { limit: number; offset: number }) {
  const q = scoped(db, networkId);
  const [rows, count] = await Promise.all([
    q.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findMail(db: Executor, networkId: string, id: string) {
  return scoped(db, networkId).selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

// Network settings. The networks table has no version column, so the settings carry their own.

export type StoredNetworkSettings = NetworkSettings & { version?: number };

export async function updateNetworkSettingsIfVersion(db: Executor, networkId: string, version: number, settings: StoredNetworkSettings) {
  const updated = await scoped(db, networkId)
    .updateTable('networks')
    .set({ settings: JSON.stringify(settings) })
    .where(sql<SqlBool>`coalesce((settings->>'version')::int, 1) = ${version}` as Expression<SqlBool>)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Ends the sessions of a role's holders who have not enrolled MFA, now that the role requires it. */
export async function deleteSessionsOfUnenrolledHolders(db: Executor, networkId: string, roleId: string): Promise<void> {
  const q = scoped(db, networkId);
  const holders = q
    .selectFrom('user_roles')
    .innerJoin('users', (j) => j.onRef('users.network_id', '=', 'user_roles.network_id').onRef('users.id', '=', 'user_roles.user_id'))
    .select('users.id')
    .where('user_roles.role_id', '=', roleId)
    .where('users.mfa_enabled', '=', false);
  await q.deleteFrom('sessions').where('user_id', 'in', holders).execute();
}

// Role changes waiting for a second network admin

function roleChangeQuery(db: Executor, networkId: string) {
  return scoped(db, networkId)
    .selectFrom('role_change_requests')
    .innerJoin('roles as r', (j) => j.onRef('r.network_id', '=', 'role_change_requests.network_id').onRef('r.id', '=', 'role_change_requests.role_id'))
    .innerJoin('users as u', (j) => j.onRef('u.network_id', '=', 'role_change_requests.network_id').onRef('u.id', '=', 'role_change_requests.proposed_by'))
    .select([
      'role_change_requests.id',
      'role_change_requests.role_id',
      'role_change_requests.base_version',
      'role_change_requests.grants',
      'role_change_requests.mfa_required',
      'role_change_requests.proposed_by',
      'role_change_requests.proposed_at',
      'role_change_requests.status',
      'role_change_requests.version',
      'r.key as role_key',
      'r.name_en as role_name_en',
      'r.name_ur as role_name_ur',
      'r.grants as current_grants',
      'u.display_name as proposer_name',
    ]);
}

export function pendingRoleChanges(db: Executor, networkId: string) {
  return roleChangeQuery(db, networkId).where('role_change_requests.status', '=', 'pending').orderBy('role_change_requests.proposed_at').orderBy('role_change_requests.id').execute();
}

export function findRoleChange(db: Executor, networkId: string, id: string) {
  return roleChangeQuery(db, networkId).where('role_change_requests.id', '=', id).executeTakeFirst();
}

export type RoleChangeRow = NonNullable<Awaited<ReturnType<typeof findRoleChange>>>;

export async function insertRoleChange(
  db: Executor,
  networkId: string,
  change: { roleId: string; baseVersion: number; grants: string[]; mfaRequired: boolean; proposedBy: string },
): Promise<string> {
  const row = await scoped(db, networkId)
    .insertInto('role_change_requests', {
      role_id: change.roleId,
      base_version: change.baseVersion,
      grants: change.grants,
      mfa_required: change.mfaRequired,
      proposed_by: change.proposedBy,
      decided_by: null,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the decision only if the request is still pending at the version read; false otherwise. */
export async function decideRoleChangeIfVersion(db: Executor, networkId: string, id: string, version: number, status: 'approved' | 'rejected', decidedBy: string) {
  const row = await scoped(db, networkId)
    .updateTable('role_change_requests')
    .set({ status, decided_by: decidedBy, decided_at: new Date(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Active holders of the case supervisor role: the protection organisations' supervisors. */
export async function caseSupervisorIds(db: Executor, networkId: string): Promise<string[]> {
  const rows = await scoped(db, networkId)
    .selectFrom('user_roles')
    .innerJoin('roles', (j) => j.onRef('roles.network_id', '=', 'user_roles.network_id').onRef('roles.id', '=', 'user_roles.role_id'))
    .innerJoin('users', (j) => j.onRef('users.network_id', '=', 'user_roles.network_id').onRef('users.id', '=', 'user_roles.user_id'))
    .select('users.id')
    .where('roles.key', '=', 'case_supervisor')
    .where('users.status', '=', 'active')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}
