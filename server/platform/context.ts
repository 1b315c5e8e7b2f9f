import type { Config } from '../config';
import type { Actor } from './access';
import { appendAudit, type AuditEntry } from './audit/chain';
import type { ReadAuditTrail } from './audit/reads';
import type { SessionCache } from './auth/sessions';
import type { KeyRing } from './crypto';
import { scoped, type Executor, type Scoped } from './database/tenant';
import type { DatabaseMode, ReadOnly } from './database/connection';
import type { FileStore } from './files';
import type { JobRunner } from './jobs';
import type { Mailer } from './mail';
import { AppError } from './errors';

/** Long-lived services every request and job can reach. */
export interface Services {
  config: Config;
  databaseMode: DatabaseMode;
  readOnly: ReadOnly;
  keys: KeyRing;
  mailer: Mailer;
  files: FileStore;
  jobs: JobRunner;
  readAudit: ReadAuditTrail;
  sessions: SessionCache;
}

/** What a service function is given: the database, who is acting, and from where. */
export interface RequestContext {
  db: Executor;
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  services: Services;
}

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  fields?: string[];
}

/** One command's transaction: the scoped query builder, and the audit trail of the same transaction. */
export interface Tx {
  db: Executor;
  q: Scoped;
  actor: Actor;
  audit(input: AuditInput): Promise<void>;
}

/**
 * Runs one command in one transaction for a signed-in actor. Either everything it wrote,
 * its audit entries included, is committed, or nothing is.
 */
export async function command<T>(ctx: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  const actor = signedIn(ctx);
  return ctx.db.transaction().execute((trx) => work(txOf(trx, actor, (input) => appendAudit(trx, auditEntry(ctx, actor, input)))));
}

/**
 * Runs one read for a signed-in actor on read-only connections. Each audit entry goes to the
 * trail as soon as the read names it, so recording overlaps the rest of the read; the result is
 * returned only once every entry is committed, together with those of concurrent reads: nothing
 * is read without a record of it. A read that fails after naming an entry leaves it recorded.
 */
export async function query<T>(ctx: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  const actor = signedIn(ctx);
  const recorded: Array<Promise<void>> = [];
  const outcome = await ctx.services
    .readOnly((reader) => work(txOf(reader, actor, async (input) => void recorded.push(recording(ctx.services.readAudit.record([auditEntry(ctx, actor, input)]))))))
    .then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
  await Promise.all(recorded);
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

/** A recording awaited later: marked handled now, so a failure while the read still runs cannot end the process. */
function recording(promise: Promise<void>): Promise<void> {
  promise.catch(() => {});
  return promise;
}

function signedIn(ctx: RequestContext): Actor {
  if (!ctx.actor) throw AppError.unauthorized();
  return ctx.actor;
}

function txOf(trx: Executor, actor: Actor, audit: Tx['audit']): Tx {
  return { db: trx, q: scoped(trx, actor.networkId), actor, audit };
}

function auditEntry(ctx: RequestContext, actor: Actor, input: AuditInput): AuditEntry {
  return {
    networkId: actor.networkId,
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId ?? null,
    fields: input.fields,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
}

/**
 * Records an event that happens outside a signed-in command (sign-in attempts, password resets),
 * in its own transaction so that it stays recorded even when the request itself is refused.
 */
export async function recordEvent(
  ctx: RequestContext,
  event: AuditInput & { networkId: string; userId?: string | null; organisationId?: string | null },
): Promise<void> {
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      networkId: event.networkId,
      actorUserId: event.userId ?? null,
      actorOrganisationId: event.organisationId ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId ?? null,
      fields: event.fields,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    }),
  );
}

/** Names of the fields present in an input object, for audit entries (never the values). */
export function changedFields(input: object): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .sort();
}
