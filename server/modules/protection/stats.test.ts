import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishedStats, SMALL_CELL, statTables, withheldFigures, WITHHELD, type StatCell, type StatDimension, type StatItem } from './stats';

const PROVINCES = ['PK-BA', 'PK-KP', 'PK-PB'];
const GENDERS = ['Feminine', 'Masculine'];
const BANDS = ['9-17', '18-20', '21-23'];
const TYPES = ['ForcedLabour', 'SexualExploitation'];

/** One consented case profile and how many cases share it in a month. */
interface Group {
  month: string;
  province: string;
  gender: string;
  ageBand: string;
  types: string[];
  cases: number;
}

/** The dashboard cells of the groups, as the `protection_stat_counts` table sums them. */
function cellsOf(groups: Group[]): StatCell[] {
  const sums = new Map<string, StatCell>();
  const add = (dimension: StatDimension, month: string, key: string, count: number) => {
    const id = `${dimension}|${month}|${key}`;
    sums.set(id, { dimension, month, key, count: (sums.get(id)?.count ?? 0) + count });
  };
  for (const g of groups) {
    add('month', g.month, g.month, g.cases);
    add('province', g.month, g.province, g.cases);
    add('gender', g.month, g.gender, g.cases);
    add('ageBand', g.month, g.ageBand, g.cases);
    for (const type of g.types) add('exploitationType', g.month, type, g.cases);
  }
  return [...sums.values()];
}

const groupArbitrary = fc.record({
  month: fc.constantFrom('2024-02-01', '2024-07-01', '2025-01-01', '2025-03-01', '2025-11-01', '2026-05-01'),
  province: fc.constantFrom(...PROVINCES),
  gender: fc.constantFrom(...GENDERS),
  ageBand: fc.constantFrom(...BANDS),
  types: fc.subarray(TYPES),
  cases: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 12 })),
});

/** Every question a reader can ask: each dimension over all time and over each year, and the months. */
function everyAnswer(cells: StatCell[]): Array<{ dimension: StatDimension; year?: string; item: StatItem }> {
  const answers: Array<{ dimension: StatDimension; year?: string; item: StatItem }> = [];
  for (const item of publishedStats(cells, 'month', {})) answers.push({ dimension: 'month', item });
  for (const dimension of ['province', 'gender', 'ageBand', 'exploitationType'] as const) {
    for (const item of publishedStats(cells, dimension, {})) answers.push({ dimension, item });
    for (const year of ['2024', '2025', '2026']) {
      for (const item of publishedStats(cells, dimension, { from: `${year}-01-01`, to: `${year}-12-31` })) answers.push({ dimension, year, item });
    }
  }
  return answers;
}

const PRIME = 1_000_003;
const mod = (n: number) => ((n % PRIME) + PRIME) % PRIME;
function inverse(a: number): number {
  let [t, newT, r, newR] = [0, 1, PRIME, mod(a)];
  while (newR !== 0) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}

/**
 * An independent check, over the people rather than over the tables: every answer is a sum of
 * the cases of some profiles (month, province, gender, band; or month and type). A withheld
 * answer is derivable when its profile vector is a combination of the published answers'
 * vectors (exact arithmetic modulo a prime).
 */
function derivableWithheldAnswers(groups: Group[], answers: ReturnType<typeof everyAnswer>): string[] {
  const profiles: string[] = [];
  for (const month of new Set(groups.map((g) => g.month)))
    for (const province of PROVINCES) for (const gender of GENDERS) for (const band of BANDS) profiles.push(`${month}|${province}|${gender}|${band}`);
  for (const month of new Set(groups.map((g) => g.month))) for (const type of TYPES) profiles.push(`${month}|${type}`);
  const vectorOf = ({ dimension, year, item }: (typeof answers)[number]) =>
    profiles.map((profile) => {
      const [month, ...rest] = profile.split('|');
      if (year !== undefined && !month.startsWith(year)) return 0;
      if (dimension === 'exploitationType') return rest.length === 1 && rest[0] === item.key ? 1 : 0;
      if (rest.length === 1) return 0;
      if (dimension === 'month') return month === item.key ? 1 : 0;
      const [province, gender, band] = rest;
      return { province, gender, ageBand: band }[dimension] === item.key ? 1 : 0;
    });
  const basis: Array<{ pivot: number; row: number[] }> = [];
  const reduce = (vector: number[]) => {
    const row = vector.map(mod);
    for (const b of basis) {
      const factor = row[b.pivot];
      if (factor !== 0) for (let c = 0; c < row.length; c++) row[c] = mod(row[c] - factor * b.row[c]);
    }
    return row;
  };
  for (const answer of answers.filter((a) => a.item.count !== null)) {
    const row = reduce(vectorOf(answer));
    const pivot = row.findIndex((v) => v !== 0);
    if (pivot < 0) continue;
    const scale = inverse(row[pivot]);
    basis.push({ pivot, row: row.map((v) => mod(v * scale)) });
  }
  return answers.filter((a) => a.item.count === null && reduce(vectorOf(a)).every((v) => v === 0)).map((a) => `${a.dimension} ${a.year ?? 'all'} ${a.item.key}`);
}

describe('complementary suppression', () => {
  it('withholds the other age band too, since a band is the total (known from the genders) minus the others', () => {
    const cells: StatCell[] = [
      { dimension: 'month', month: '2025-03-01', key: '2025-03-01', count: 20 },
      { dimension: 'gender', month: '2025-03-01', key: 'Feminine', count: 20 },
      { dimension: 'ageBand', month: '2025-03-01', key: '18-20', count: 17 },
      { dimension: 'ageBand', month: '2025-03-01', key: '21-23', count: 3 },
    ];
    expect(publishedStats(cells, 'gender', {})).toEqual([{ key: 'Feminine', count: 20, display: '20' }]);
    expect(publishedStats(cells, 'ageBand', {})).toEqual([
      { key: '18-20', count: null, display: WITHHELD },
      { key: '21-23', count: null, display: WITHHELD },
    ]);
  });

  it('withholds the other years too, since a year is the all-time total minus the other years', () => {
    const cells: StatCell[] = [
      { dimension: 'month', month: '2024-05-01', key: '2024-05-01', count: 12 },
      { dimension: 'month', month: '2025-05-01', key: '2025-05-01', count: 20 },
      { dimension: 'gender', month: '2024-05-01', key: 'Feminine', count: 10 },
      { dimension: 'gender', month: '2024-05-01', key: 'Masculine', count: 2 },
      { dimension: 'gender', month: '2025-05-01', key: 'Feminine', count: 10 },
      { dimension: 'gender', month: '2025-05-01', key: 'Masculine', count: 10 },
    ];
    const withheld = [
      { key: 'Feminine', count: null, display: WITHHELD },
      { key: 'Masculine', count: null, display: WITHHELD },
    ];
    // Without the complements, 2024's 2 men would be the 12 of all time minus 2025's 10.
    expect(publishedStats(cells, 'gender', { from: '2024-01-01', to: '2024-12-31' })).toEqual(withheld);
    expect(publishedStats(cells, 'gender', { from: '2025-01-01', to: '2025-12-31' })).toEqual(withheld);
    expect(publishedStats(cells, 'gender', {})).toEqual([
      { key: 'Feminine', count: 20, display: '20' },
      { key: 'Masculine', count: 12, display: '12' },
    ]);
    expect(publishedStats(cells, 'month', {}).map((i) => i.display)).toEqual(['12', '20']);
  });

  it('for random tables, withholds every small count and leaves no withheld count derivable from the published ones', () => {
    fc.assert(
      fc.property(fc.array(groupArbitrary, { minLength: 1, maxLength: 25 }), (groups) => {
        const cells = cellsOf(groups);
        const answers = everyAnswer(cells);
        for (const { item } of answers) {
          if (item.count !== null) expect(item.count).toBeGreaterThanOrEqual(SMALL_CELL);
          else expect(item.display).toBe(WITHHELD);
        }
        expect(derivableWithheldAnswers(groups, answers)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('for random tables, leaves at least two unknown figures on every line through a withheld one', () => {
    fc.assert(
      fc.property(fc.array(groupArbitrary, { minLength: 1, maxLength: 25 }), (groups) => {
        const { figures, lines } = statTables(cellsOf(groups));
        const withheld = withheldFigures(figures, lines);
        const unknown = (key: string) => withheld.has(key) || figures.get(key)?.hidden === true;
        for (const line of lines) {
          const entries = [...line.parts, line.total];
          if (entries.some((key) => withheld.has(key))) expect(entries.filter(unknown).length).toBeGreaterThanOrEqual(2);
        }
        for (const key of withheld) expect(figures.get(key)!.count).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('publishes the true counts of everything it does not withhold', () => {
    fc.assert(
      fc.property(fc.array(groupArbitrary, { minLength: 1, maxLength: 25 }), (groups) => {
        const cells = cellsOf(groups);
        for (const { item } of publishedStats(cells, 'gender', {}).map((item) => ({ item }))) {
          const truth = groups.filter((g) => g.gender === item.key).reduce((n, g) => n + g.cases, 0);
          if (item.count !== null) expect(item.count).toBe(truth);
        }
        for (const item of publishedStats(cells, 'month', { from: '2025-01-01', to: '2025-12-31' })) expect(item.key.startsWith('2025-')).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
