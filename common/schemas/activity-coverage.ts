/** Where activities are: the map's figures by administrative unit, and the gap matrix (server routes and web pages). */
import { z } from 'zod';
import { ACTIVITY_SECTORS } from '../activities';
import { GCM_OBJECTIVE_COUNT } from '../network';
import { ActivityPage } from './activities';
import { PageQuery } from './http';

/** The filters the map and the matrix share. A period keeps the activities running in it and counts the people its reports reached. */
const CoverageFilters = {
  gcmObjective: z.coerce.number().int().min(1).max(GCM_OBJECTIVE_COUNT).optional(),
  sector: z.enum(ACTIVITY_SECTORS).optional(),
  /** An organisation that leads the activity or implements it as a partner. */
  organisationId: z.uuid().optional(),
  periodId: z.uuid().optional(),
};

/** 1 province or territory, 2 district. */
const MapLevel = z.coerce.number().int().min(1).max(2);

export const CoverageQuery = z.strictObject({ level: MapLevel.default(1), ...CoverageFilters });
export type CoverageQuery = z.infer<typeof CoverageQuery>;

const UnitRef = z.object({ id: z.uuid(), code: z.string(), nameEn: z.string(), nameUr: z.string().nullable() });

export const UnitCoverage = UnitRef.extend({
  /** Activities placed in the unit or in a unit below it, each once. */
  activities: z.number().int(),
  /** Organisations leading or implementing those activities. */
  organisations: z.number().int(),
  /** People those activities reached (in a period: reported for the period); an activity in several units counts in each. */
  reached: z.number(),
});
export type UnitCoverage = z.infer<typeof UnitCoverage>;

/** Every current unit of the level, those without activities with zeros. */
export const Coverage = z.object({ level: z.number().int(), units: z.array(UnitCoverage) });
export type Coverage = z.infer<typeof Coverage>;

export const UnitActivitiesQuery = PageQuery.extend(CoverageFilters);
export const UnitParams = z.strictObject({ unitId: z.uuid() });
/** The activities of one unit and the units below it, as the activity list shows them. */
export const UnitActivities = ActivityPage.extend({ unit: UnitRef.extend({ level: z.number().int() }) });

export const GapQuery = z.strictObject({ level: MapLevel.default(1), sector: CoverageFilters.sector, organisationId: CoverageFilters.organisationId, periodId: CoverageFilters.periodId });
export type GapQuery = z.infer<typeof GapQuery>;

/**
 * GCM objective × unit × organisation, compactly: `cells` lists only where someone works, as
 * [objective number, index into units, indexes into organisations]; every other pair is a gap.
 */
export const GapMatrix = z.object({
  level: z.number().int(),
  objectives: z.array(z.number().int()),
  units: z.array(UnitRef),
  organisations: z.array(z.object({ id: z.uuid(), acronym: z.string().nullable(), nameEn: z.string(), nameUr: z.string() })),
  cells: z.array(z.tuple([z.number().int(), z.number().int(), z.array(z.number().int())])),
});
export type GapMatrix = z.infer<typeof GapMatrix>;
