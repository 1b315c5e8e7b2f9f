import type { z } from 'zod';
import { Permission } from '../../../common/permissions';
import type { AuditFilters, AuditListQuery } from '../../../common/schemas/audit';
import { organisationFilter, requireAccess, requireSignedIn } from '../../platform/access';
import { verifyAuditChains } from '../../platform/audit/chain';
import { changedFields, command, type RequestContext } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { msg } from './messages';
import { csvRow } from '../../platform/csv';
import * as repo from './repository';

/** An export larger than this is refused: narrow it with filters (a date range) instead. */
export const MAX_EXPORT_ENTRIES = 100_000;
const EXPORT_BATCH = 2_000;

function toEntry(row: repo.EntryRow) {
  return {
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorOrganisationId: row.actor_organisation_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    fields: row.fields,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

function filtersOf(query: AuditFilters): AuditFilters {
  const { action, entity, entityId, actorUserId, from, to } = query;
  return { action, entity, entityId, actorUserId, from, to };
}

export async function listEntries(ctx: RequestContext, query: z.infer<typeof AuditListQuery>) {
  const scope = requireAccess(ctx.actor, Permission.AuditRead);
  const actor = requireSignedIn(ctx.actor);
  const organisationId = organisationFilter(actor, scope);
  const filters = filtersOf(query);
  const [rows, total] = await Promise.all([
    repo.listEntries(ctx.db, actor.networkId, filters, organisationId, query),
    repo.countEntries(ctx.db, actor.networkId, filters, organisationId),
  ]);
  return { items: rows.map(toEntry), total, limit: query.limit, offset: query.offset };
}

const CSV_HEADER = ['seq', 'at', 'actor_user_id', 'actor_name', 'actor_organisation_id', 'action', 'entity', 'entity_id', 'fields', 'ip', 'user_agent'];

/** The filtered trail as CSV (UTF-8 with a byte-order mark, so spreadsheets show Urdu names). The export is itself audited. */
export async function exportCsv(ctx: RequestContext, query: AuditFilters): Promise<{ filename: string; csv: string }> {
  const scope = requireAccess(ctx.actor, Permission.AuditRead);
  const filters = filtersOf(query);
  return command(ctx, async (tx) => {
    const organisationId = organisationFilter(tx.actor, scope);
    const total = await repo.countEntries(tx.db, tx.actor.networkId, filters, organisationId);
    if (total > MAX_EXPORT_ENTRIES) {
      throw AppError.validation(
        [fieldError('from', msg('audit.export.too-many', { max: MAX_EXPORT_ENTRIES }))],
        `The filters match ${total} entries; at most ${MAX_EXPORT_ENTRIES} can be exported at once.`,
      );
    }
    const lines = ['\uFEFF', csvRow(CSV_HEADER)];
    for (let offset = 0; offset < total; offset += EXPORT_BATCH) {
      const rows = await repo.listEntries(tx.db, tx.actor.networkId, filters, organisationId, { limit: EXPORT_BATCH, offset });
      for (const entry of rows.map(toEntry)) {
        lines.push(
          csvRow([entry.seq, entry.at, entry.actorUserId, entry.actorName, entry.actorOrganisationId, entry.action, entry.entity, entry.entityId, entry.fields.join(';'), entry.ip, entry.userAgent]),
        );
      }
    }
    await tx.audit({ action: 'audit.exported', entity: 'audit_log', fields: changedFields(filters) });
    return { filename: `audit-${new Date().toISOString().slice(0, 10)}.csv`, csv: lines.join('') };
  });
}

/** Walks the network's hash chain; needs audit access to the whole network, as the chain spans every organisation. */
export async function verifyChain(ctx: RequestContext) {
  const scope = requireAccess(ctx.actor, Permission.AuditRead);
  if (scope !== 'network') throw AppError.forbidden(msg('audit.verify.network-only'));
  return command(ctx, async (tx) => {
    const report = (await verifyAuditChains(tx.db)).find((r) => r.networkId === tx.actor.networkId);
    await tx.audit({ action: 'audit.verified', entity: 'audit_log' });
    return { entries: report?.entries ?? 0, firstBroken: report?.firstBroken ?? null };
  });
}
