import { AGE_BANDS } from '../../../common/schemas/protection';
import type { StatFact } from './tables';

export type AgeBand = (typeof AGE_BANDS)[number];

/** CTDC age bands. */
export function ageBand(age: number | null | undefined): AgeBand {
  if (age === null || age === undefined || age < 0) return 'unknown';
  if (age <= 8) return '0-8';
  if (age <= 17) return '9-17';
  if (age <= 20) return '18-20';
  if (age <= 23) return '21-23';
  if (age <= 26) return '24-26';
  if (age <= 29) return '27-29';
  if (age <= 38) return '30-38';
  if (age <= 47) return '39-47';
  return '48+';
}

export function ageAt(birthYear: number | null, onDate: string): number | null {
  return birthYear === null ? null : Number(onDate.slice(0, 4)) - birthYear;
}

/** The exploitation type of the row that stands for the case itself (counted once per case). */
export const WHOLE_CASE = '*';

export interface StatInput {
  consented: boolean;
  registeredOn: string;
  province: string | null;
  gender: string;
  birthYear: number | null;
  exploitationTypes: string[];
}

/**
 * The cells a case adds to the dashboard counts: one for the case itself and one per exploitation
 * type (so that counting by type never double-counts the other dimensions). None without consent.
 */
export function statFacts(input: StatInput): StatFact[] {
  if (!input.consented) return [];
  const base = {
    month: `${input.registeredOn.slice(0, 7)}-01`,
    province: input.province ?? 'unknown',
    gender: input.gender,
    ageBand: ageBand(ageAt(input.birthYear, input.registeredOn)),
  };
  return [WHOLE_CASE, ...new Set(input.exploitationTypes)].map((exploitationType) => ({ ...base, exploitationType }));
}

const key = (f: StatFact) => [f.month, f.province, f.gender, f.ageBand, f.exploitationType].join('|');

/** Facts to subtract and to add when a case's facts change from `before` to `after`. */
export function statDelta(before: StatFact[], after: StatFact[]): { removed: StatFact[]; added: StatFact[] } {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return { removed: before.filter((f) => !afterKeys.has(key(f))), added: after.filter((f) => !beforeKeys.has(key(f))) };
}

/** Dashboard cells under this size are shown as "<5" so that no one can be singled out. */
export const SMALL_CELL = 5;

export function displayCount(count: number): { count: number | null; display: string } {
  return count < SMALL_CELL ? { count: null, display: '<5' } : { count, display: String(count) };
}
