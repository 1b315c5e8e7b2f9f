import { z } from 'zod';

/** `?limit=&offset=` on every list; out-of-range values are a 400, not a silent clamp. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

export const IdParams = z.strictObject({ id: z.uuid() });

export const Version = z.number().int().positive().describe('Optimistic-locking version read with the record');

export const ProblemDocument = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    messageCode: z.string().optional().describe("Code of the server's message in `detail`, e.g. network.action-point.due-date-past"),
    errors: z
      .array(
        z.object({
          field: z.string(),
          message: z.string(),
          code: z.string().optional().describe('Stable: a schema rule (required, too_long, invalid_email, invalid_option…) or a message code'),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      )
      .optional(),
  })
  .passthrough();

export const Ok = z.object({ ok: z.literal(true) });

export const Language = z.enum(['en', 'ur']);

export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));
