import { grantScope, type GrantScope, type PermissionName } from '../../common/permissions';
import { AppError } from './errors';

/** Who is acting: a signed-in user, through one organisation, in one network. */
export interface Actor {
  userId: string;
  networkId: string;
  organisationId: string;
  roles: string[];
  grants: ReadonlySet<string>;
  sessionId: string;
  language: 'en' | 'ur';
}

export interface AccessTarget {
  /** The organisation that owns the record acted on. */
  organisationId?: string | null;
}

/**
 * The one permission check. Services call it on their first line. It answers 401 without an actor,
 * 403 without the permission, and 404 for a record of another organisation when the grant is
 * limited to the actor's own: the record's existence is not confirmed. Returns the scope granted,
 * which list queries use to limit rows to the actor's organisation.
 */
export function requireAccess(actor: Actor | null, permission: PermissionName, target?: AccessTarget): GrantScope {
  if (!actor) throw AppError.unauthorized();
  const scope = grantScope(actor.grants, permission);
  if (!scope) throw AppError.forbidden();
  if (scope === 'own-org' && target && target.organisationId !== undefined && target.organisationId !== actor.organisationId) {
    throw AppError.notFound();
  }
  return scope;
}

/** Whether the actor holds the permission at all; for showing optional parts of an answer. */
export function hasPermission(actor: Actor | null, permission: PermissionName): boolean {
  return actor !== null && grantScope(actor.grants, permission) !== null;
}

/** The organisation a list must be limited to for this scope, or null for network-wide. */
export function organisationFilter(actor: Actor, scope: GrantScope): string | null {
  return scope === 'own-org' ? actor.organisationId : null;
}

/** For actions every signed-in user may take on their own account (profile, password, notifications). */
export function requireSignedIn(actor: Actor | null): Actor {
  if (!actor) throw AppError.unauthorized();
  return actor;
}
