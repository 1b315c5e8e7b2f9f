import type { AuditFilters } from '../../../common/schemas/audit';
import { scoped, type Executor } from '../../platform/database/tenant';

/** `text` as the start of a LIKE pattern, with `%`, `_` and `\` matched literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date alone means the whole day (UTC): from its start, until the start of the next. */
function bounds(filters: AuditFilters): { from?: Date; before?: Date } {
  const from = filters.from ? new Date(DATE_ONLY.test(filters.from) ? `${filters.from}T00:00:00Z` : filters.from) : undefined;
  let before: Date | undefined;
  if (filters.to) before = DATE_ONLY.test(filters.to) ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS) : new Date(Date.parse(filters.to) + 1);
  return { from, before };
}

/** Entries of one network matching the filters; `organisationId` limits them to that organisation's actors. */
function entryQuery(db: Executor, networkId: string, filters: AuditFilters, organisationId: string | null) {
  const { from, before } = bounds(filters);
  return scoped(db, networkId)
    .selectFrom('audit_log')
    .$if(organisationId !== null, (qb) => qb.where('audit_log.actor_organisation_id', '=', organisationId!))
    .$if(!!filters.action, (qb) =>
      qb.where((eb) => eb.or([eb('audit_log.action', '=', filters.action!), eb('audit_log.action', 'like', likePrefix(`${filters.action}.`))])),
    )
    .$if(!!filters.entity, (qb) => qb.where('audit_log.entity', '=', filters.entity!))
    .$if(!!filters.entityId, (qb) => qb.where('audit_log.entity_id', '=', filters.entityId!))
    .$if(!!filters.actorUserId, (qb) => qb.where('audit_log.actor_user_id', '=', filters.actorUserId!))
    .$if(from !== undefined, (qb) => qb.where('audit_log.at', '>=', from!))
    .$if(before !== undefined, (qb) => qb.where('audit_log.at', '<', before!));
}

export async function countEntries(db: Executor, networkId: string, filters: AuditFilters, organisationId: string | null): Promise<number> {
  const row = await entryQuery(db, networkId, filters, organisationId).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Newest first; the actor's current name is joined for display. */
export function listEntries(db: Executor, networkId: string, filters: AuditFilters, organisationId: string | null, page: { limit: number; offset: number }) {
  return entryQuery(db, networkId, filters, organisationId)
    .leftJoin('users as u', (j) => j.onRef('u.network_id', '=', 'audit_log.network_id').onRef('u.id', '=', 'audit_log.actor_user_id'))
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.actor_user_id',
      'u.display_name as actor_name',
      'audit_log.actor_organisation_id',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.fields',
      'audit_log.ip',
      'audit_log.user_agent',
    ])
    .orderBy('audit_log.seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];
