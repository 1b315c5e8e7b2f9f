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

/** Dashboard counts under this size are withheld so that no one can be singled out. */
export const SMALL_CELL = 5;

/**
 * What a withheld count shows. The same mark for a small count and for one withheld only so that
 * a small one cannot be worked out: a reader must not learn which is which.
 */
export const WITHHELD = 'x';

// ---------- complementary suppression ----------

/** One figure of the statistics: a cell, or a total that cells add up to. */
export interface Figure {
  count: number;
  /** Never published itself (a year's total, the grand total): unknown to a reader, so never a complement. */
  hidden?: boolean;
}

/** A row, column or margin of a table: the `parts` add up to `total`. */
export interface Line {
  parts: string[];
  total: string;
}

const EPSILON = 1e-9;

/**
 * The unknown figures a reader can work out exactly from the published ones: those whose unit
 * vector lies in the row space of the line equations restricted to the unknowns, that is, whose
 * column is a pivot of a reduced row with no other entry.
 */
function derivableFigures(lines: Line[], unknown: Set<string>): Set<string> {
  const columns = [...unknown];
  const index = new Map(columns.map((key, i) => [key, i]));
  const rows: number[][] = [];
  for (const line of lines) {
    const row = new Array<number>(columns.length).fill(0);
    for (const part of line.parts) {
      const i = index.get(part);
      if (i !== undefined) row[i] += 1;
    }
    const t = index.get(line.total);
    if (t !== undefined) row[t] -= 1;
    if (row.some((value) => value !== 0)) rows.push(row);
  }
  let rank = 0;
  for (let column = 0; column < columns.length && rank < rows.length; column++) {
    let pivot = -1;
    for (let r = rank; r < rows.length; r++) {
      if (Math.abs(rows[r][column]) > EPSILON && (pivot < 0 || Math.abs(rows[r][column]) > Math.abs(rows[pivot][column]))) pivot = r;
    }
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot], rows[rank]];
    const p = rows[rank][column];
    for (let c = column; c < columns.length; c++) rows[rank][c] /= p;
    for (let r = 0; r < rows.length; r++) {
      const factor = rows[r][column];
      if (r === rank || Math.abs(factor) <= EPSILON) continue;
      for (let c = column; c < columns.length; c++) rows[r][c] -= factor * rows[rank][c];
    }
    rank++;
  }
  const derivable = new Set<string>();
  for (const row of rows.slice(0, rank)) {
    const nonZero = row.flatMap((value, c) => (Math.abs(value) > EPSILON ? [c] : []));
    if (nonZero.length === 1) derivable.add(columns[nonZero[0]]);
  }
  return derivable;
}

/**
 * Small-cell suppression that subtraction cannot undo. Every published figure from 1 to
 * SMALL_CELL − 1 is withheld, and so is every hidden one that small (it must not be derivable
 * either). Then, while a reader could still work out a protected figure from the published
 * figures and the lines they add up along (a band is the total minus the other bands; a year
 * of one column is its total minus the other years), the smallest published figure of a line
 * near it is withheld too: complementary suppression. Zero figures are never withheld: their
 * absence tells nothing. Answers the keys to withhold.
 */
export function withheldFigures(figures: Map<string, Figure>, lines: Line[]): Set<string> {
  const small = (f: Figure) => f.count > 0 && f.count < SMALL_CELL;
  const withheld = new Set([...figures].filter(([, f]) => !f.hidden && small(f)).map(([key]) => key));
  const protectedHidden = [...figures].filter(([, f]) => f.hidden && small(f)).map(([key]) => key);
  const linesOf = new Map<string, Line[]>();
  for (const line of lines) {
    for (const key of [...line.parts, line.total]) {
      const through = linesOf.get(key);
      if (through) through.push(line);
      else linesOf.set(key, [line]);
    }
  }
  const candidate = (key: string) => {
    const f = figures.get(key);
    return f !== undefined && !f.hidden && f.count > 0 && !withheld.has(key);
  };
  const cheaper = (a: string, b: string) => figures.get(a)!.count - figures.get(b)!.count || (a < b ? -1 : 1);
  /** The smallest published figure on the lines through `key`, or one line further out, and so on. */
  const complementFor = (key: string): string | undefined => {
    const seenLines = new Set<Line>();
    let frontier = [key];
    const seenKeys = new Set(frontier);
    while (frontier.length > 0) {
      const next: string[] = [];
      let best: string | undefined;
      for (const k of frontier) {
        for (const line of linesOf.get(k) ?? []) {
          if (seenLines.has(line)) continue;
          seenLines.add(line);
          for (const other of [...line.parts, line.total]) {
            if (candidate(other) && (best === undefined || cheaper(other, best) < 0)) best = other;
            if (!seenKeys.has(other)) {
              seenKeys.add(other);
              next.push(other);
            }
          }
        }
      }
      if (best !== undefined) return best;
      frontier = next;
    }
    return undefined;
  };
  for (;;) {
    const unknown = new Set([...withheld, ...[...figures].filter(([, f]) => f.hidden).map(([key]) => key)]);
    const derivable = derivableFigures(lines, unknown);
    const exposed = [...withheld, ...protectedHidden].filter((key) => derivable.has(key)).sort();
    const added = new Set<string>();
    for (const key of exposed) {
      // One complement per exposed figure and pass, unless this pass already withheld one on its lines.
      if ((linesOf.get(key) ?? []).some((line) => [...line.parts, line.total].some((k) => added.has(k)))) continue;
      const complement = complementFor(key);
      if (complement === undefined) continue;
      withheld.add(complement);
      added.add(complement);
    }
    if (added.size === 0) return withheld;
  }
}

// ---------- the published tables ----------

export type StatDimension = 'month' | 'province' | 'gender' | 'ageBand' | 'exploitationType';

/** A count of consented cases in one month and one category of a dimension (for `month`, the key is the month). */
export interface StatCell {
  dimension: StatDimension;
  month: string;
  key: string;
  count: number;
}

/** Dimensions whose categories split every case once, so their years add up to the same totals. */
const WHOLE_CASE_DIMENSIONS = ['province', 'gender', 'ageBand'] as const;
const TOTAL = 'total';
const yearTotal = (year: string) => `year|${year}`;
const cellKey = (dimension: StatDimension, year: string, key: string) => `${dimension}|${year}|${key}`;
const columnTotal = (dimension: StatDimension, key: string) => `${dimension}|*|${key}`;

/**
 * Everything a reader can combine, as one system of figures and lines: for each dimension a
 * table of years by categories with its column totals (the counts published without a period),
 * and, for months, the months of each year. The years' totals and the grand total are never
 * published but are shared by every table whose categories split each case once, so they
 * link the tables: the protection holds across dimensions and periods at once. Exploitation
 * types (a case may have several) form a table of their own.
 */
export function statTables(cells: StatCell[]): { figures: Map<string, Figure>; lines: Line[] } {
  const figures = new Map<string, Figure>();
  const add = (key: string, count: number, hidden = false) => figures.set(key, { count: (figures.get(key)?.count ?? 0) + count, hidden });
  const groups = new Map<string, Set<string>>();
  const member = (group: string, key: string) => groups.set(group, (groups.get(group) ?? new Set()).add(key));
  for (const cell of cells) {
    if (cell.count <= 0) continue;
    const year = cell.month.slice(0, 4);
    const isMonth = cell.dimension === 'month';
    const key = cellKey(cell.dimension, year, isMonth ? cell.month.slice(0, 10) : cell.key);
    add(key, cell.count);
    member(`${cell.dimension}|row|${year}`, key);
    if (isMonth) {
      add(yearTotal(year), cell.count, true);
      add(TOTAL, cell.count, true);
      member('years', yearTotal(year));
      continue;
    }
    add(columnTotal(cell.dimension, cell.key), cell.count);
    member(`${cell.dimension}|column|${cell.key}`, key);
    member(`${cell.dimension}|columns`, columnTotal(cell.dimension, cell.key));
    if (cell.dimension === 'exploitationType') {
      add(`exploitationType|year|${year}`, cell.count, true);
      add('exploitationType|total', cell.count, true);
      member('exploitationType|years', `exploitationType|year|${year}`);
    }
  }
  const lines: Line[] = [];
  const line = (group: string, total: string) => groups.has(group) && lines.push({ parts: [...groups.get(group)!].sort(), total });
  line('years', TOTAL);
  line('exploitationType|years', 'exploitationType|total');
  line('exploitationType|columns', 'exploitationType|total');
  for (const dimension of WHOLE_CASE_DIMENSIONS) line(`${dimension}|columns`, TOTAL);
  for (const group of [...groups.keys()].sort()) {
    const [dimension, kind, which] = group.split('|');
    if (kind === 'row') line(group, dimension === 'exploitationType' ? `exploitationType|year|${which}` : yearTotal(which));
    if (kind === 'column') line(group, columnTotal(dimension as StatDimension, which));
  }
  return { figures, lines };
}

export interface StatItem {
  key: string;
  count: number | null;
  display: string;
}

/**
 * The counts of one dimension as published: by month (within the range) for `month`; for the
 * others, the totals of the whole years in the range. Every count a reader could use to work out
 * a withheld one is withheld too, across dimensions and periods.
 */
export function publishedStats(cells: StatCell[], dimension: StatDimension, range: { from?: string; to?: string }): StatItem[] {
  const { figures, lines } = statTables(cells);
  const withheld = withheldFigures(figures, lines);
  const item = (key: string, figureKeys: string[]): StatItem | null => {
    const present = figureKeys.filter((k) => figures.has(k));
    const count = present.reduce((sum, k) => sum + figures.get(k)!.count, 0);
    if (count === 0) return null;
    return present.some((k) => withheld.has(k)) ? { key, count: null, display: WITHHELD } : { key, count, display: String(count) };
  };
  const inRange = (first: string, last: string) => (range.from === undefined || range.from <= first) && (range.to === undefined || last <= range.to);
  const keys = [...figures.keys()].filter((k) => k.startsWith(`${dimension}|`)).map((k) => k.split('|'));
  if (dimension === 'month') {
    return keys
      .filter(([, , month]) => inRange(month, month))
      .sort((a, b) => a[2].localeCompare(b[2]))
      .flatMap(([, year, month]) => item(month, [cellKey('month', year, month)]) ?? []);
  }
  const years = [...new Set(keys.filter(([, year]) => /^\d{4}$/.test(year)).map(([, year]) => year))].sort();
  const chosen = years.filter((year) => inRange(`${year}-01-01`, `${year}-12-31`));
  const bandOrder = (key: string) => (dimension === 'ageBand' ? AGE_BANDS.indexOf(key as AgeBand) : 0);
  const categories = [...new Set(keys.filter(([, year]) => year === '*').map(([, , key]) => key))].sort((a, b) => bandOrder(a) - bandOrder(b) || a.localeCompare(b));
  return categories.flatMap(
    (key) => (chosen.length === years.length ? item(key, [columnTotal(dimension, key)]) : item(key, chosen.map((year) => cellKey(dimension, year, key)))) ?? [],
  );
}
