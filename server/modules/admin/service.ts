import type { z } from 'zod';
import { ALL_PERMISSIONS, PROTECTION_DATA_PERMISSIONS, Permission, grantScope, opensProtectionData, parseGrant, type GrantScope } from '../../../common/permissions';
import { PROTECTION_CLOSED_ROLES, type RoleKey } from '../../../common/roles';
import {
  ORG_ADMIN_ASSIGNABLE_ROLES,
  type InvitationBody,
  type NetworkSettingsUpdate,
  type OrganisationInput,
  type OrganisationListQuery,
  type OrganisationUpdate,
  type RoleChangeDecisionBody,
  type RoleChangeRequest,
  type RoleUpdateBody,
  type UserListQuery,
  type UserUpdateBody,
} from '../../../common/schemas/accounts';
import type { PageQuery } from '../../../common/schemas/http';
import { organisationFilter, requireAccess, requireSignedIn } from '../../platform/access';
import { changedFields, command, type RequestContext, type Tx } from '../../platform/context';
import { randomToken, sha256Hex } from '../../platform/crypto';
import type { Row } from '../../platform/database/schema';
import { AppError, fieldError, type Message } from '../../platform/errors';
import { defineMessages, translate } from '../../platform/i18n';
import { withoutSecretLinks } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { msg } from './messages';
import * as repo from './repository';
import type { UserSummaryOut } from './schemas';

// The alert names the role only: no personal data.
defineMessages({
  'notification.role.protectionChange': {
    en: 'A change to the role "{{role}}", which opens protection data, waits for a second network admin',
    ur: 'کردار "{{role}}" میں تبدیلی، جو تحفظ کے ڈیٹا تک رسائی دیتا ہے، دوسرے نیٹ ورک منتظم کی منظوری کی منتظر ہے',
  },
});

const INVITATION_TTL_MS = 7 * 24 * 3600_000;
// The reset mail promises 1 hour, like the self-service reset.
const PASSWORD_RESET_TTL_MS = 3600_000;
const DEFAULT_CASE_RETENTION_YEARS = 10;

/** A 409 that names the field, so the form can show it next to the input. */
function duplicate(field: string, message: Message): AppError {
  return new AppError(409, 'conflict', 'Conflict', message, [fieldError(field, message)]);
}

function toUserSummary(row: repo.UserRow, roles: string[]): UserSummaryOut {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    status: row.status,
    roles,
    mfaEnabled: row.mfa_enabled,
    locked: row.locked_until !== null && row.locked_until.getTime() > Date.now(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    version: row.version,
  };
}

async function userSummary(db: Tx['db'], networkId: string, userId: string): Promise<UserSummaryOut> {
  const row = await repo.findUser(db, networkId, userId);
  if (!row) throw AppError.notFound('User');
  const roles = await repo.rolesOfUsers(db, networkId, [userId]);
  return toUserSummary(row, roles.get(userId) ?? []);
}

const isOrganisationRole = (role: string) => (ORG_ADMIN_ASSIGNABLE_ROLES as readonly string[]).includes(role);

/** Organisation admins give only organisation-level roles; network roles stay with the network admin. */
function assertAssignable(scope: GrantScope, roles: readonly string[]): void {
  if (scope === 'network' || roles.every(isOrganisationRole)) return;
  const message = msg('admin.roles.org-admin-limit', { roles: ORG_ADMIN_ASSIGNABLE_ROLES.join(', ') });
  throw new AppError(403, 'forbidden', 'Forbidden', message, [fieldError('roles', message)]);
}

/** An organisation admin may not change an account that holds a role beyond their reach. */
function assertManageable(scope: GrantScope, currentRoles: readonly string[]): void {
  if (scope === 'network' || currentRoles.every(isOrganisationRole)) return;
  throw AppError.forbidden(msg('admin.user.network-role-held'));
}

// Users

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

export async function listUsers(ctx: RequestContext, query: z.infer<typeof UserListQuery>) {
  const scope = requireAccess(ctx.actor, Permission.UsersManage, query.organisationId ? { organisationId: query.organisationId } : undefined);
  const actor = requireSignedIn(ctx.actor);
  const organisationId = organisationFilter(actor, scope) ?? query.organisationId ?? null;
  const { rows, total } = await repo.listUsers(ctx.db, actor.networkId, { ...query, organisationId });
  const roles = await repo.rolesOfUsers(ctx.db, actor.networkId, rows.map((r) => r.id));
  return { items: rows.map((r) => toUserSummary(r, roles.get(r.id) ?? [])), total, limit: query.limit, offset: query.offset };
}

/** The invitation mail, in the invitee's language, with the link that sets their password. */
async function queueInvitationMail(
  ctx: RequestContext,
  tx: Tx,
  invitee: { email: string; displayName: string; language: 'en' | 'ur'; organisationId: string },
  token: string,
): Promise<void> {
  const networkId = tx.actor.networkId;
  const network = await repo.networkRow(tx.db, networkId);
  const organisation = await repo.findOrganisation(tx.db, networkId, invitee.organisationId);
  const urdu = invitee.language === 'ur';
  const networkName = urdu ? network.name_ur : network.name_en;
  await ctx.services.mailer.queue(tx.db, networkId, {
    to: invitee.email,
    subject: translate('mail.invitation.subject', invitee.language, { network: networkName }),
    text: translate('mail.invitation.body', invitee.language, {
      name: invitee.displayName,
      network: networkName,
      organisation: (urdu ? organisation?.name_ur : organisation?.name_en) ?? '',
      link: `${ctx.services.config.publicUrl}/accept-invitation?token=${token}`,
    }),
  });
}

export async function inviteUser(ctx: RequestContext, input: z.infer<typeof InvitationBody>): Promise<UserSummaryOut> {
  const scope = requireAccess(ctx.actor, Permission.UsersManage, { organisationId: input.organisationId });
  assertAssignable(scope, input.roles);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    if (!(await repo.findOrganisation(tx.db, networkId, input.organisationId))) throw AppError.field('organisationId', msg('admin.organisation.unknown'));
    if (await repo.emailInUse(tx.db, networkId, input.email)) throw duplicate('email', msg('admin.user.email-taken'));
    const userId = await repo.insertInvitedUser(tx.db, networkId, input);
    await repo.replaceUserRoles(tx.db, networkId, userId, input.roles);
    const token = randomToken();
    await repo.insertUserToken(tx.db, networkId, { userId, kind: 'invitation', tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + INVITATION_TTL_MS) });
    await queueInvitationMail(ctx, tx, input, token);
    await tx.audit({ action: 'user.invited', entity: 'user', entityId: userId, fields: ['display_name', 'email', 'language', 'organisation_id', 'roles'] });
    return userSummary(tx.db, networkId, userId);
  });
}

export async function updateUser(ctx: RequestContext, userId: string, input: z.infer<typeof UserUpdateBody>): Promise<UserSummaryOut> {
  const scope = requireAccess(ctx.actor, Permission.UsersManage);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const user = await repo.findUser(tx.db, networkId, userId);
    if (!user) throw AppError.notFound('User');
    requireAccess(tx.actor, Permission.UsersManage, { organisationId: user.organisation_id });
    const currentRoles = (await repo.rolesOfUsers(tx.db, networkId, [userId])).get(userId) ?? [];
    assertManageable(scope, currentRoles);
    // The edit form sends every field; only what differs counts as a change.
    const roles = input.roles && !sameMembers(input.roles, currentRoles) ? [...new Set(input.roles)] : undefined;
    // An account that never set a password goes back to 'invited', not 'active'.
    const requestedStatus = input.status === 'active' && user.password_hash === null ? 'invited' : input.status;
    const status = requestedStatus !== user.status ? requestedStatus : undefined;
    const displayName = input.displayName !== user.display_name ? input.displayName : undefined;
    if (roles) assertAssignable(scope, roles);
    if (userId === tx.actor.userId && status === 'disabled') throw AppError.field('status', msg('admin.user.cannot-disable-self'));
    if (userId === tx.actor.userId && roles) throw AppError.field('roles', msg('admin.user.own-roles'));

    const updated = await repo.updateUserIfVersion(tx.db, networkId, userId, input.version, {
      ...(displayName !== undefined ? { display_name: displayName } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(input.unlock ? { failed_logins: 0, locked_until: null } : {}),
    });
    if (!updated) throw AppError.staleVersion(user.version, toUserSummary(user, currentRoles));
    if (roles) await repo.replaceUserRoles(tx.db, networkId, userId, roles);
    // A disabled account is signed out everywhere; new roles take effect (and MFA is asked) at the next sign-in.
    if (status === 'disabled' || roles) await repo.deleteUserSessions(tx.db, networkId, userId);
    const fields = changedFields({ display_name: displayName, status, roles, locked_until: input.unlock || undefined });
    await tx.audit({ action: 'user.updated', entity: 'user', entityId: userId, fields });
    return userSummary(tx.db, networkId, userId);
  });
}

/**
 * Mails a fresh link: a password reset to an active account, or the invitation again to an account
 * that never accepted it (its first link may have expired). Older unused links of the kind stop working.
 */
export async function sendPasswordReset(ctx: RequestContext, userId: string): Promise<void> {
  const scope = requireAccess(ctx.actor, Permission.UsersManage);
  await command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const user = await repo.findUser(tx.db, networkId, userId);
    if (!user) throw AppError.notFound('User');
    requireAccess(tx.actor, Permission.UsersManage, { organisationId: user.organisation_id });
    assertManageable(scope, (await repo.rolesOfUsers(tx.db, networkId, [userId])).get(userId) ?? []);
    if (user.status === 'disabled') throw AppError.conflict(msg('admin.user.disabled-no-link'));
    const kind = user.status === 'invited' ? 'invitation' : 'password_reset';
    const token = randomToken();
    await repo.withdrawUnusedTokens(tx.db, networkId, userId, kind);
    await repo.insertUserToken(tx.db, networkId, {
      userId,
      kind,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + (kind === 'invitation' ? INVITATION_TTL_MS : PASSWORD_RESET_TTL_MS)),
    });
    if (kind === 'invitation') {
      await queueInvitationMail(ctx, tx, { email: user.email, displayName: user.display_name, language: user.language, organisationId: user.organisation_id }, token);
    } else {
      await ctx.services.mailer.queue(tx.db, networkId, {
        to: user.email,
        subject: translate('mail.passwordReset.subject', user.language),
        text: translate('mail.passwordReset.body', user.language, { name: user.display_name, link: `${ctx.services.config.publicUrl}/reset-password?token=${token}` }),
      });
    }
    await tx.audit({ action: kind === 'invitation' ? 'user.invitation.resent' : 'user.password_reset.sent', entity: 'user', entityId: userId });
  });
}

// Organisations

function toOrganisation(row: Row<'organisations'>) {
  return {
    id: row.id,
    nameEn: row.name_en,
    nameUr: row.name_ur,
    acronym: row.acronym,
    type: row.type,
    htcdsOrgType: row.htcds_org_type,
    province: row.province,
    services: row.services,
    iatiOrganisationId: row.iati_organisation_id,
    publishesToIati: row.publishes_to_iati,
    isDemo: row.is_demo,
    version: row.version,
  };
}

function organisationValues(input: z.infer<typeof OrganisationInput>): repo.OrganisationValues {
  return {
    name_en: input.nameEn,
    name_ur: input.nameUr,
    acronym: input.acronym || null,
    type: input.type,
    htcds_org_type: input.htcdsOrgType,
    province: input.province ?? null,
    services: [...new Set(input.services)],
    iati_organisation_id: input.iatiOrganisationId || null,
    publishes_to_iati: input.publishesToIati,
  };
}

/** The IATI export is offered only to an organisation that publishes: its activities' identifiers start with its own. */
function checkIati(input: z.infer<typeof OrganisationInput>) {
  if (input.publishesToIati && !input.iatiOrganisationId) throw AppError.field('iatiOrganisationId', msg('admin.organisation.iati-id-required'));
}

const ORGANISATION_NAME_TAKEN = msg('admin.organisation.name-taken');

export async function listOrganisations(ctx: RequestContext, query: z.infer<typeof OrganisationListQuery>) {
  requireAccess(ctx.actor, Permission.DirectoryRead);
  const actor = requireSignedIn(ctx.actor);
  const { rows, total } = await repo.listOrganisations(ctx.db, actor.networkId, query);
  return { items: rows.map(toOrganisation), total, limit: query.limit, offset: query.offset };
}

export async function createOrganisation(ctx: RequestContext, input: z.infer<typeof OrganisationInput>) {
  requireAccess(ctx.actor, Permission.OrganisationsManage);
  checkIati(input);
  return command(ctx, async (tx) => {
    if (await repo.organisationNamed(tx.db, tx.actor.networkId, input.nameEn)) throw duplicate('nameEn', ORGANISATION_NAME_TAKEN);
    const row = await repo.insertOrganisation(tx.db, tx.actor.networkId, organisationValues(input));
    await tx.audit({ action: 'organisation.created', entity: 'organisation', entityId: row.id, fields: changedFields(input) });
    return toOrganisation(row);
  });
}

export async function updateOrganisation(ctx: RequestContext, id: string, input: z.infer<typeof OrganisationUpdate>) {
  requireAccess(ctx.actor, Permission.OrganisationsManage);
  checkIati(input);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const current = await repo.findOrganisation(tx.db, networkId, id);
    if (!current) throw AppError.notFound('Organisation');
    if (await repo.organisationNamed(tx.db, networkId, input.nameEn, id)) throw duplicate('nameEn', ORGANISATION_NAME_TAKEN);
    const { version, ...values } = input;
    const row = await repo.updateOrganisationIfVersion(tx.db, networkId, id, version, organisationValues(values));
    if (!row) throw AppError.staleVersion(current.version, toOrganisation(current));
    await tx.audit({ action: 'organisation.updated', entity: 'organisation', entityId: id, fields: changedFields(values) });
    return toOrganisation(row);
  });
}

// Roles and permissions

function toRole(row: Row<'roles'>) {
  const mfaEnforced = opensProtectionData(row.grants);
  return {
    id: row.id,
    key: row.key,
    nameEn: row.name_en,
    nameUr: row.name_ur,
    grants: [...row.grants].sort(),
    mfaRequired: row.mfa_required || mfaEnforced,
    mfaEnforced,
    version: row.version,
  };
}

export async function listRoles(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.RolesManage);
  const actor = requireSignedIn(ctx.actor);
  return (await repo.listRoles(ctx.db, actor.networkId)).map(toRole);
}

export function listPermissions(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.RolesManage);
  return { permissions: [...ALL_PERMISSIONS].sort() };
}

function toRoleChange(row: repo.RoleChangeRow): RoleChangeRequest {
  return {
    id: row.id,
    roleId: row.role_id,
    roleKey: row.role_key,
    roleNameEn: row.role_name_en,
    roleNameUr: row.role_name_ur,
    currentGrants: [...row.current_grants].sort(),
    grants: [...row.grants].sort(),
    mfaRequired: row.mfa_required,
    proposedBy: { id: row.proposed_by, displayName: row.proposer_name },
    proposedAt: row.proposed_at.toISOString(),
    status: row.status,
    version: row.version,
  };
}

/** The access model closes personal protection data to these roles: no grant may open it. */
function assertProtectionClosed(roleKey: string, grants: readonly string[]): void {
  if (!(PROTECTION_CLOSED_ROLES as readonly string[]).includes(roleKey as RoleKey)) return;
  const refused = grants.flatMap((grant, index) => {
    const permission = parseGrant(grant)?.permission;
    if (!permission || !PROTECTION_DATA_PERMISSIONS.includes(permission)) return [];
    return [fieldError(`grants.${index}`, msg('admin.role.protection-closed', { role: roleKey, grant }))];
  });
  if (refused.length > 0) throw AppError.validation(refused, msg('admin.role.protection-closed-summary'));
}

export type RoleUpdateOutcome = { applied: true; role: ReturnType<typeof toRole> } | { applied: false; change: RoleChangeRequest };

/**
 * Changes a role at once, unless the role opens protection data before or after the change: then
 * the change waits for a second network admin, and the case supervisors are alerted.
 */
export async function updateRole(ctx: RequestContext, id: string, input: z.infer<typeof RoleUpdateBody>): Promise<RoleUpdateOutcome> {
  requireAccess(ctx.actor, Permission.RolesManage);
  const unknown = input.grants.flatMap((grant, index) => (parseGrant(grant) ? [] : [fieldError(`grants.${index}`, msg('admin.role.unknown-permission', { grant }))]));
  if (unknown.length > 0) throw AppError.validation(unknown);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const current = await repo.findRole(tx.db, networkId, id);
    if (!current) throw AppError.notFound('Role');
    assertProtectionClosed(current.key, input.grants);
    const grants = [...new Set(input.grants)].sort();
    // Without this the network could lock itself out of its own administration.
    if (current.key === 'network_admin' && grantScope(grants, Permission.RolesManage) !== 'network') {
      throw AppError.field('grants', msg('admin.role.keep-roles-manage', { permission: Permission.RolesManage }));
    }
    if (current.version !== input.version) throw AppError.staleVersion(current.version, toRole(current));
    const mfaRequired = input.mfaRequired || opensProtectionData(grants);
    if (opensProtectionData(current.grants) || opensProtectionData(grants)) {
      const changeId = await repo.insertRoleChange(tx.db, networkId, { roleId: id, baseVersion: current.version, grants, mfaRequired, proposedBy: tx.actor.userId });
      await notify(tx.db, ctx.services.mailer, ctx.services.config.publicUrl, {
        networkId,
        userIds: await repo.caseSupervisorIds(tx.db, networkId),
        kind: 'notification.role.protectionChange',
        params: { role: current.name_en },
        link: '/notifications',
      });
      await tx.audit({ action: 'role.change.proposed', entity: 'role', entityId: id, fields: ['grants', 'mfa_required'] });
      return { applied: false as const, change: toRoleChange((await repo.findRoleChange(tx.db, networkId, changeId))!) };
    }
    const row = await applyRoleChange(tx, current, grants, mfaRequired, input.version);
    await tx.audit({ action: 'role.updated', entity: 'role', entityId: id, fields: ['grants', 'mfa_required'] });
    return { applied: true as const, role: toRole(row) };
  });
}

async function applyRoleChange(tx: Tx, current: Row<'roles'>, grants: string[], mfaRequired: boolean, version: number) {
  const row = await repo.updateRoleIfVersion(tx.db, tx.actor.networkId, current.id, version, { grants, mfa_required: mfaRequired });
  if (!row) throw AppError.staleVersion(current.version, toRole(current));
  // Holders not yet enrolled must sign in again, which takes them to MFA enrolment.
  if (mfaRequired) await repo.deleteSessionsOfUnenrolledHolders(tx.db, tx.actor.networkId, current.id);
  return row;
}

export async function listRoleChanges(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.RolesManage);
  const actor = requireSignedIn(ctx.actor);
  return (await repo.pendingRoleChanges(ctx.db, actor.networkId)).map(toRoleChange);
}

/** A second network admin, not the proposer, approves (the change is applied) or rejects a pending role change. */
export async function decideRoleChange(ctx: RequestContext, id: string, decision: 'approved' | 'rejected', input: z.infer<typeof RoleChangeDecisionBody>) {
  requireAccess(ctx.actor, Permission.RolesManage);
  return command(ctx, async (tx) => {
    const networkId = tx.actor.networkId;
    const change = await repo.findRoleChange(tx.db, networkId, id);
    if (!change) throw AppError.notFound('Role change');
    if (change.status !== 'pending') throw AppError.conflict(msg('admin.role-change.decided'));
    if (change.proposed_by === tx.actor.userId) throw AppError.forbidden(msg('admin.role-change.own-proposal'));
    if (!(await repo.decideRoleChangeIfVersion(tx.db, networkId, id, input.version, decision, tx.actor.userId))) {
      throw AppError.staleVersion(change.version, toRoleChange(change));
    }
    if (decision === 'approved') {
      const role = (await repo.findRole(tx.db, networkId, change.role_id))!;
      // The role changed since the proposal: approving would overwrite that change unseen.
      await applyRoleChange(tx, role, change.grants, change.mfa_required, change.base_version);
      await tx.audit({ action: 'role.updated', entity: 'role', entityId: change.role_id, fields: ['grants', 'mfa_required'] });
    }
    await tx.audit({ action: `role.change.${decision}`, entity: 'role', entityId: change.role_id, fields: ['status'] });
    return toRoleChange((await repo.findRoleChange(tx.db, networkId, id))!);
  });
}

// Mail outbox

export async function listMailOutbox(ctx: RequestContext, query: PageQuery) {
  requireAccess(ctx.actor, Permission.MailOutboxRead);
  // Reading mail is recorded; the sign-in links in it are never shown (withoutSecretLinks).
  return command(ctx, async (tx) => {
    const { rows, total } = await repo.listMail(tx.db, tx.actor.networkId, query);
    await tx.audit({ action: 'mail_outbox.read', entity: 'mail_outbox', fields: ['body_text'] });
    return {
      items: rows.map((row) => ({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        bodyText: withoutSecretLinks(row.body_text),
        status: row.status,
        createdAt: row.created_at.toISOString(),
        attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.contentBase64, 'base64') })),
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  });
}

export async function mailAttachment(ctx: RequestContext, mailId: string, index: number) {
  requireAccess(ctx.actor, Permission.MailOutboxRead);
  return command(ctx, async (tx) => {
    const mail = await repo.findMail(tx.db, tx.actor.networkId, mailId);
    const attachment = mail?.attachments[index];
    if (!attachment) throw AppError.notFound('Attachment');
    await tx.audit({ action: 'mail_outbox.attachment.read', entity: 'mail_outbox', entityId: mailId, fields: [`attachments.${index}`] });
    return { filename: attachment.filename, contentType: attachment.contentType, content: Buffer.from(attachment.contentBase64, 'base64') };
  });
}

// Network settings

function settingsView(settings: repo.StoredNetworkSettings) {
  return { caseRetentionYears: settings.caseRetentionYears ?? DEFAULT_CASE_RETENTION_YEARS, version: settings.version ?? 1 };
}

export async function networkSettings(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.NetworkSettingsManage);
  const actor = requireSignedIn(ctx.actor);
  return settingsView((await repo.networkRow(ctx.db, actor.networkId)).settings);
}

export async function updateNetworkSettings(ctx: RequestContext, input: z.infer<typeof NetworkSettingsUpdate>) {
  requireAccess(ctx.actor, Permission.NetworkSettingsManage);
  return command(ctx, async (tx) => {
    const stored: repo.StoredNetworkSettings = (await repo.networkRow(tx.db, tx.actor.networkId)).settings;
    const current = settingsView(stored);
    const expected = input.version ?? current.version;
    if (expected !== current.version) throw AppError.staleVersion(current.version, current);
    const next = { ...stored, caseRetentionYears: input.caseRetentionYears, version: current.version + 1 };
    if (!(await repo.updateNetworkSettingsIfVersion(tx.db, tx.actor.networkId, expected, next))) throw AppError.staleVersion(current.version, current);
    await tx.audit({ action: 'network.settings.updated', entity: 'network', entityId: tx.actor.networkId, fields: ['caseRetentionYears'] });
    return settingsView(next);
  });
}
