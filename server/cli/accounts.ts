import { randomBytes } from 'node:crypto';
import { HTCDS_ORG_TYPES, ORGANISATION_TYPES, PK_SUBDIVISIONS } from '../../common/organisations';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../platform/auth/passwords';
import { migrateToLatest } from '../platform/database/migrate';
import { scoped, type Executor } from '../platform/database/tenant';
import { createNetwork } from '../seed/networks';
import { auditCli, CliError, withDatabase, type CommandContext } from './context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A password printed once to the operator, who hands it over and asks for it to be changed. */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}

function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) throw new CliError(`--password must be at least ${PASSWORD_MIN_LENGTH} characters.`);
}

async function findNetwork(db: Executor, code: string) {
  const network = await db.selectFrom('networks').select(['id', 'code', 'name_en']).where('code', '=', code.toUpperCase()).executeTakeFirst();
  if (!network) {
    const known = (await db.selectFrom('networks').select('code').orderBy('code').execute()).map((n) => n.code);
    throw new CliError(`No network with code ${code}. Known: ${known.join(', ') || 'none (create one with create-network)'}.`);
  }
  return network;
}

/** An organisation by id, English name or acronym (case-insensitive). */
async function findOrganisation(db: Executor, networkId: string, ref: string) {
  const q = scoped(db, networkId);
  const byId = UUID.test(ref) ? await q.selectFrom('organisations').select(['id', 'name_en']).where('id', '=', ref).executeTakeFirst() : undefined;
  if (byId) return byId;
  const matches = await q
    .selectFrom('organisations')
    .select(['id', 'name_en'])
    .where((eb) => eb.or([eb(eb.fn('lower', ['name_en']), '=', ref.toLowerCase()), eb(eb.fn('lower', ['acronym']), '=', ref.toLowerCase())]))
    .execute();
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new CliError(`Several organisations match "${ref}": give the id (${matches.map((m) => m.id).join(', ')}).`);
  throw new CliError(`No organisation "${ref}" in this network. Create it with create-organisation.`);
}

export async function createNetworkCommand(ctx: CommandContext, options: { code: string; nameEn: string; nameUr: string }): Promise<number> {
  const code = options.code.toUpperCase();
  if (!/^[A-Z0-9]{2,12}$/.test(code)) throw new CliError('--code must be 2 to 12 letters or digits, e.g. PAK.');
  return withDatabase(ctx.config, async (db) => {
    await migrateToLatest(db);
    if (await db.selectFrom('networks').select('id').where('code', '=', code).executeTakeFirst()) {
      throw new CliError(`A network with code ${code} exists already.`);
    }
    const id = await db.transaction().execute(async (trx) => {
      const networkId = await createNetwork(trx, { code, nameEn: options.nameEn, nameUr: options.nameUr });
      await auditCli(trx, { networkId, action: 'network.created', entity: 'network', entityId: networkId, fields: ['code', 'name_en', 'name_ur'] });
      return networkId;
    });
    ctx.out.info(`Created network ${code} (${id}) with the built-in roles.`);
    return 0;
  });
}

export interface CreateOrganisationOptions {
  network: string;
  nameEn: string;
  nameUr: string;
  acronym?: string;
  type: string;
  htcdsType: string;
  province?: string;
}

export async function createOrganisationCommand(ctx: CommandContext, options: CreateOrganisationOptions): Promise<number> {
  if (!(ORGANISATION_TYPES as readonly string[]).includes(options.type)) throw new CliError(`--type must be one of: ${ORGANISATION_TYPES.join(', ')}.`);
  if (!(HTCDS_ORG_TYPES as readonly string[]).includes(options.htcdsType)) throw new CliError(`--htcds-type must be one of: ${HTCDS_ORG_TYPES.join(', ')}.`);
  if (options.province && !PK_SUBDIVISIONS.includes(options.province)) throw new CliError(`--province must be one of: ${PK_SUBDIVISIONS.join(', ')}.`);
  return withDatabase(ctx.config, async (db) => {
    await migrateToLatest(db);
    const network = await findNetwork(db, options.network);
    const id = await db.transaction().execute(async (trx) => {
      const row = await scoped(trx, network.id)
        .insertInto('organisations', {
          name_en: options.nameEn,
          name_ur: options.nameUr,
          acronym: options.acronym ?? null,
          type: options.type,
          htcds_org_type: options.htcdsType,
          province: options.province ?? null,
          services: [],
          updated_at: new Date(),
        })
        .onConflict((oc) => oc.columns(['network_id', 'name_en']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new CliError(`An organisation named "${options.nameEn}" exists already in ${network.code}.`);
      await auditCli(trx, {
        networkId: network.id,
        action: 'organisation.created',
        entity: 'organisation',
        entityId: row.id,
        fields: ['name_en', 'name_ur', 'acronym', 'type', 'htcds_org_type', 'province'],
      });
      return row.id;
    });
    ctx.out.info(`Created organisation "${options.nameEn}" (${id}) in network ${network.code}.`);
    return 0;
  });
}

export interface CreateAdminOptions {
  network: string;
  email: string;
  name: string;
  organisation: string;
  password?: string;
}

export async function createAdminCommand(ctx: CommandContext, options: CreateAdminOptions): Promise<number> {
  const email = options.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new CliError('--email is not an e-mail address.');
  if (options.password !== undefined) checkPassword(options.password);
  const password = options.password ?? oneTimePassword();
  const passwordHash = await hashPassword(password);
  return withDatabase(ctx.config, async (db) => {
    await migrateToLatest(db);
    const network = await findNetwork(db, options.network);
    const organisation = await findOrganisation(db, network.id, options.organisation);
    const userId = await db.transaction().execute(async (trx) => {
      const q = scoped(trx, network.id);
      const user = await q
        .insertInto('users', {
          organisation_id: organisation.id,
          email,
          display_name: options.name,
          password_hash: passwordHash,
          status: 'active',
          locked_until: null,
          mfa_secret: null,
          mfa_pending_secret: null,
          last_login_at: null,
          updated_at: new Date(),
        })
        .onConflict((oc) => oc.columns(['network_id', 'email']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!user) throw new CliError(`${email} has an account in ${network.code} already; use reset-password to sign in again.`);
      const role = await q.selectFrom('roles').select('id').where('key', '=', 'network_admin').executeTakeFirstOrThrow();
      await q.insertInto('user_roles', { user_id: user.id, role_id: role.id }).execute();
      await auditCli(trx, {
        networkId: network.id,
        action: 'user.created',
        entity: 'user',
        entityId: user.id,
        fields: ['email', 'display_name', 'organisation_id', 'password_hash', 'roles'],
      });
      return user.id;
    });
    ctx.out.info(`Created network admin ${email} (${userId}) in ${organisation.name_en}, network ${network.code}.`);
    if (options.password === undefined) {
      ctx.out.info(`One-time password: ${password}`);
      ctx.out.info('Hand it over in person or by phone, and have the admin change it in their profile at first sign-in.');
    }
    return 0;
  });
}

export async function resetPasswordCommand(ctx: CommandContext, options: { email: string; network?: string; password?: string }): Promise<number> {
  const email = options.email.trim().toLowerCase();
  if (options.password !== undefined) checkPassword(options.password);
  const password = options.password ?? oneTimePassword();
  const passwordHash = await hashPassword(password);
  return withDatabase(ctx.config, async (db) => {
    await migrateToLatest(db);
    let candidates = await db
      .selectFrom('users')
      .innerJoin('networks', 'networks.id', 'users.network_id')
      .select(['users.id', 'users.network_id', 'users.status', 'networks.code'])
      .where('users.email', '=', email)
      .execute();
    if (options.network) candidates = candidates.filter((c) => c.code === options.network!.toUpperCase());
    if (candidates.length === 0) throw new CliError(`No account ${email}${options.network ? ` in ${options.network.toUpperCase()}` : ''}.`);
    if (candidates.length > 1) throw new CliError(`${email} has accounts in ${candidates.map((c) => c.code).join(', ')}: give --network.`);
    const user = candidates[0];
    await db.transaction().execute(async (trx) => {
      const q = scoped(trx, user.network_id);
      await q
        .updateTable('users')
        .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
        .where('id', '=', user.id)
        .execute();
      // Whoever held the old password is signed out everywhere.
      await q.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await auditCli(trx, { networkId: user.network_id, action: 'user.password.reset', entity: 'user', entityId: user.id, fields: ['password_hash', 'failed_logins', 'locked_until'] });
    });
    ctx.out.info(`Reset the password of ${email} in ${user.code}; the account is unlocked and its sessions are ended.`);
    if (options.password === undefined) ctx.out.info(`One-time password: ${password}`);
    if (user.status !== 'active') ctx.out.info(`Note: the account's status is "${user.status}"; an admin must activate it before it can sign in.`);
    return 0;
  });
}
