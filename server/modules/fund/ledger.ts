import { convertToUsd, divideRoundHalfUp, fromCents, percentOf, percentage, sumCents, type Cents } from '../../../common/money';

/** The administrative agent's fee: 1% of each deposit (migration-mptf.json, governance). */
export const AA_FEE_PERCENT = 1n;
/** Indirect support costs: 7% of direct costs, added on top. */
export const INDIRECT_SUPPORT_PERCENT = 7n;
export const BUDGET_CATEGORY_COUNT = 7;

export interface PunoBudget {
  organisationId: string;
  /** Direct costs in the seven UNSDG categories, in order. */
  directCosts: Cents[];
}

export interface PunoBudgetTotals {
  organisationId: string;
  direct: Cents;
  indirect: Cents;
  total: Cents;
}

/** Direct costs, 7% indirect support costs (rounded per organisation) and the total requested. */
export function budgetTotals(budgets: PunoBudget[]): { punos: PunoBudgetTotals[]; direct: Cents; indirect: Cents; total: Cents } {
  const punos = budgets.map((budget) => {
    const direct = sumCents(budget.directCosts);
    const indirect = percentOf(direct, INDIRECT_SUPPORT_PERCENT);
    return { organisationId: budget.organisationId, direct, indirect, total: direct + indirect };
  });
  return {
    punos,
    direct: sumCents(punos.map((p) => p.direct)),
    indirect: sumCents(punos.map((p) => p.indirect)),
    total: sumCents(punos.map((p) => p.total)),
  };
}

/** A deposit's USD value at its own rate and the 1% fee on it. */
export function depositFigures(amount: Cents, rateMicros: bigint): { usd: Cents; fee: Cents } {
  const usd = convertToUsd(amount, rateMicros);
  return { usd, fee: percentOf(usd, AA_FEE_PERCENT) };
}

export type LedgerEntryKind = 'deposit' | 'fee' | 'other_income' | 'transfer' | 'refund' | 'expenditure';

/** One dated USD movement; transfers, refunds and expenditure name the participating organisation. */
export interface LedgerEntry {
  kind: LedgerEntryKind;
  /** 'YYYY-MM-DD' */
  date: string;
  usd: Cents;
  organisationId?: string;
}

export interface DateRange {
  from?: string | null;
  to?: string | null;
}

export interface FundingStatus {
  sources: { contributions: Cents; otherIncome: Cents; total: Cents };
  uses: { transfers: Cents; refunds: Cents; netFunded: Cents; administrativeAgentFees: Cents; total: Cents };
  balance: { opening: Cents; change: Cents; closing: Cents };
  punos: Array<{ organisationId: string; transfers: Cents; refunds: Cents; netFunded: Cents; expenditure: Cents; balance: Cents; deliveryRate: string | null }>;
  totals: { netFunded: Cents; expenditure: Cents; balanceWithPunos: Cents; deliveryRate: string | null };
}

const CASH_SIGN: Record<LedgerEntryKind, -1n | 0n | 1n> = {
  deposit: 1n,
  other_income: 1n,
  refund: 1n,
  fee: -1n,
  transfer: -1n,
  expenditure: 0n,
};

/** Cash held by the administrative agent after these entries: deposits − fees + income − transfers + refunds. */
export function cashBalance(entries: Iterable<LedgerEntry>): Cents {
  let balance = 0n;
  for (const entry of entries) balance += CASH_SIGN[entry.kind] * entry.usd;
  return balance;
}

/**
 * The funding-status table in the layout the MPTF Office publishes: sources of funds, uses of
 * funds, and the administrative agent's balance, for a date range (inclusive); the opening
 * balance is everything before `from`. Participating organisations' figures are cumulative to `to`.
 */
export function fundingStatus(entries: LedgerEntry[], range: DateRange = {}): FundingStatus {
  const inRange = (e: LedgerEntry) => (!range.from || e.date >= range.from) && (!range.to || e.date <= range.to);
  const before = entries.filter((e) => range.from && e.date < range.from);
  const within = entries.filter(inRange);
  const total = (kind: LedgerEntryKind) => sumCents(within.filter((e) => e.kind === kind).map((e) => e.usd));

  const contributions = total('deposit');
  const otherIncome = total('other_income');
  const transfers = total('transfer');
  const refunds = total('refund');
  const netFunded = transfers - refunds;
  const administrativeAgentFees = total('fee');
  const sources = { contributions, otherIncome, total: contributions + otherIncome };
  const uses = { transfers, refunds, netFunded, administrativeAgentFees, total: netFunded + administrativeAgentFees };
  const opening = cashBalance(before);
  const change = sources.total - uses.total;

  const upToEnd = entries.filter((e) => !range.to || e.date <= range.to);
  const byPuno = new Map<string, { transfers: Cents; refunds: Cents; expenditure: Cents }>();
  for (const entry of upToEnd) {
    if (!entry.organisationId || !['transfer', 'refund', 'expenditure'].includes(entry.kind)) continue;
    const figures = byPuno.get(entry.organisationId) ?? { transfers: 0n, refunds: 0n, expenditure: 0n };
    if (entry.kind === 'transfer') figures.transfers += entry.usd;
    else if (entry.kind === 'refund') figures.refunds += entry.usd;
    else figures.expenditure += entry.usd;
    byPuno.set(entry.organisationId, figures);
  }
  const punos = [...byPuno.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([organisationId, f]) => {
      const punoNetFunded = f.transfers - f.refunds;
      return {
        organisationId,
        ...f,
        netFunded: punoNetFunded,
        balance: punoNetFunded - f.expenditure,
        deliveryRate: percentage(f.expenditure, punoNetFunded),
      };
    });
  const totalNetFunded = sumCents(punos.map((p) => p.netFunded));
  const totalExpenditure = sumCents(punos.map((p) => p.expenditure));
  return {
    sources,
    uses,
    balance: { opening, change, closing: opening + change },
    punos,
    totals: {
      netFunded: totalNetFunded,
      expenditure: totalExpenditure,
      balanceWithPunos: totalNetFunded - totalExpenditure,
      deliveryRate: percentage(totalExpenditure, totalNetFunded),
    },
  };
}

/** Progress of an indicator from its baseline towards its target, in per cent (0–100+), or null. */
export function indicatorProgress(baseline: Cents, target: Cents, actual: Cents | null): string | null {
  if (actual === null || target === baseline) return null;
  return fromCents(divideRoundHalfUp((actual - baseline) * 10_000n, target - baseline));
}

/** The date an annual expenditure report for `year` is due: 30 April of the next year. */
export function annualReportDueDate(year: number): string {
  return `${year + 1}-04-30`;
}

/** Splits an amount into n parts that differ by at most a cent and add up exactly. */
export function splitEvenly(amount: Cents, parts: number): Cents[] {
  if (parts <= 0) return [];
  const n = BigInt(parts);
  const base = amount / n;
  const remainder = Number(amount - base * n);
  return Array.from({ length: parts }, (_, i) => base + (i < remainder ? 1n : 0n));
}
