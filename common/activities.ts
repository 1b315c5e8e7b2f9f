/** Value lists of the activities module (the 5W), without zod, so the web pages can use them cheaply. */

/** The short fixed list of sectors an activity belongs to. */
export const ACTIVITY_SECTORS = [
  'protection',
  'counter_trafficking',
  'labour_migration',
  'return_reintegration',
  'border_management',
  'legal_identity',
  'data_evidence',
  'climate_mobility',
  'migrant_health',
  'social_cohesion',
] as const;
export type ActivitySector = (typeof ACTIVITY_SECTORS)[number];

export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed', 'suspended'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Where the money comes from: an MMPTF programme of the fund module, another donor by name, or the organisation's own funds. */
export const FUNDING_KINDS = ['mmptf', 'other_donor', 'own_funds'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];

/** The disaggregation of people targeted and reached: sex × age band × group. */
export const SEXES = ['female', 'male', 'other'] as const;
export const AGE_BANDS = ['0-17', '18-59', '60+'] as const;
export const POPULATION_GROUPS = ['migrants', 'returnees', 'host_community', 'idps'] as const;
export type Sex = (typeof SEXES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type PopulationGroup = (typeof POPULATION_GROUPS)[number];

export const PERIOD_KINDS = ['monthly', 'quarterly'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const ACTIVITY_GCM_OBJECTIVES_MAX = 3;

export interface FigureCell {
  sex: Sex;
  ageBand: AgeBand;
  group: PopulationGroup;
  people: number;
}

export interface FigureTotals {
  total: number;
  bySex: Record<Sex, number>;
  byAgeBand: Record<AgeBand, number>;
  byGroup: Record<PopulationGroup, number>;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** The totals of a disaggregation, derived from its cells: never stored, so they always add up. */
export function figureTotals(cells: readonly FigureCell[]): FigureTotals {
  const totals: FigureTotals = { total: 0, bySex: zeros(SEXES), byAgeBand: zeros(AGE_BANDS), byGroup: zeros(POPULATION_GROUPS) };
  for (const c of cells) {
    totals.total += c.people;
    totals.bySex[c.sex] += c.people;
    totals.byAgeBand[c.ageBand] += c.people;
    totals.byGroup[c.group] += c.people;
  }
  return totals;
}
