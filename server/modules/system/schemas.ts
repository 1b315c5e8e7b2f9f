import { z } from 'zod';

const migration = z.string().nullable();

export const Health = z.object({
  status: z.literal('ok'),
  database: z.discriminatedUnion('mode', [
    z.object({ mode: z.enum(['embedded', 'postgres']), migration }),
    z.object({ mode: z.literal('citus'), migration, workers: z.number().int().min(0).describe('Active worker nodes of the Citus cluster') }),
  ]),
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
