import { z } from 'zod';
import { PageQuery } from './http';

const Instant = z.iso.datetime({ offset: true }).or(z.iso.date());

/** Filters of the audit trail; `action` also matches every action below it (`auth.login` → `auth.login.failed`). */
export const AuditFilters = z.strictObject({
  action: z.string().trim().min(1).max(100).optional(),
  entity: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  actorUserId: z.uuid().optional(),
  from: Instant.optional().describe('From this instant, or from the start of this day (UTC)'),
  to: Instant.optional().describe('Until this instant, or until the end of this day (UTC)'),
});
export type AuditFilters = z.infer<typeof AuditFilters>;

export const AuditListQuery = PageQuery.extend(AuditFilters.shape);

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorOrganisationId: z.uuid().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  fields: z.array(z.string()),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerification = z.object({
  entries: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
