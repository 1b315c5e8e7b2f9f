import { z } from 'zod';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.object({ mode: z.enum(['embedded', 'postgres']), migration: z.string().nullable() }),
  time: z.string(),
});

export const ReferenceData = z.object({
  gcmObjectives: z.array(z.object({ number: z.number().int(), title: z.string() })),
  gcmGuidingPrinciples: z.array(z.object({ number: z.number().int(), title: z.string() })),
  sdgTargets: z.array(z.object({ code: z.string(), title: z.string() })),
  thematicAreas: z.array(z.object({ number: z.number().int(), title: z.string() })),
  budgetCategories: z.array(z.object({ number: z.number().int(), title: z.string() })),
  subdivisions: z.array(z.object({ iso: z.string(), name: z.string(), type: z.string() })),
});
