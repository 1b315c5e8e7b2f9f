import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToUsd, divideRoundHalfUp, formatAmount, fromCents, percentOf, toCents, toRateMicros } from '../../../common/money';
import { budgetTotals, cashBalance, depositFigures, fundingStatus, indicatorProgress, splitEvenly, annualReportDueDate, type LedgerEntry } from './ledger';

describe('exact money arithmetic', () => {
  it('reads and writes amounts as integer cents without floating point', () => {
    expect(toCents('1234.5')).toBe(123450n);
    expect(toCents('0.07')).toBe(7n);
    expect(toCents('9999999999999999.99')).toBe(999999999999999999n);
    expect(fromCents(123450n)).toBe('1234.50');
    expect(fromCents(-5n)).toBe('-0.05');
    expect(formatAmount(123456789n)).toBe('1,234,567.89');
    expect(() => toCents('1.234')).toThrow(RangeError);
    expect(() => toCents('1e5')).toThrow(RangeError);
    // 0.1 + 0.2 is exact here.
    expect(fromCents(toCents('0.10') + toCents('0.20'))).toBe('0.30');
  });

  it('rounds half up (away from zero) to the cent', () => {
    expect(divideRoundHalfUp(5n, 10n)).toBe(1n);
    expect(divideRoundHalfUp(4n, 10n)).toBe(0n);
    expect(divideRoundHalfUp(-5n, 10n)).toBe(-1n);
    expect(divideRoundHalfUp(15n, 10n)).toBe(2n);
    expect(divideRoundHalfUp(25n, 10n)).toBe(3n);
  });

  it('computes 7% indirect support costs on top of the direct costs, rounded to cents per organisation', () => {
    const totals = budgetTotals([
      { organisationId: 'iom', directCosts: ['100.00', '0.07', '0', '0', '0', '0', '0'].map(toCents) },
      { organisationId: 'unodc', directCosts: ['0.50', '0', '0', '0', '0', '0', '0.00'].map(toCents) },
    ]);
    // 100.07 × 7% = 7.0049 → 7.00; 0.50 × 7% = 0.035 → 0.04 (half up).
    expect(totals.punos.map((p) => [fromCents(p.direct), fromCents(p.indirect), fromCents(p.total)])).toEqual([
      ['100.07', '7.00', '107.07'],
      ['0.50', '0.04', '0.54'],
    ]);
    expect(fromCents(totals.total)).toBe('107.61');
    expect(fromCents(totals.direct + totals.indirect)).toBe(fromCents(totals.total));
  });

  it('converts a deposit at the rate of its date and takes the 1% fee on the USD value', () => {
    // 1,000,000.00 EUR at 1.085000 = 1,085,000.00 USD; fee 10,850.00.
    expect(depositFigures(toCents('1000000.00'), toRateMicros('1.085')).usd).toBe(toCents('1085000.00'));
    expect(depositFigures(toCents('1000000.00'), toRateMicros('1.085')).fee).toBe(toCents('10850.00'));
    // 333.33 GBP at 1.274567 = 424.852420… → 424.85; fee 4.2485 → 4.25.
    const odd = depositFigures(toCents('333.33'), toRateMicros('1.274567'));
    expect(fromCents(odd.usd)).toBe('424.85');
    expect(fromCents(odd.fee)).toBe('4.25');
    // 0.005 USD boundary: 1.00 at 0.005000 = 0.005 → 0.01 (half up).
    expect(convertToUsd(100n, toRateMicros('0.005'))).toBe(1n);
    expect(percentOf(50n, 1n)).toBe(1n);
  });

  it('splits an allocation evenly without losing a cent', () => {
    expect(splitEvenly(100n, 3)).toEqual([34n, 33n, 33n]);
    expect(splitEvenly(0n, 2)).toEqual([0n, 0n]);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 1, max: 23 }), (amount, parts) => {
      const shares = splitEvenly(amount, parts);
      return shares.reduce((a, b) => a + b, 0n) === amount && shares.every((s) => s - shares[shares.length - 1] <= 1n);
    }));
  });

  it('measures indicator progress from the baseline to the target and dates the annual report', () => {
    expect(indicatorProgress(toCents('120'), toCents('600'), toCents('310'))).toBe('39.58');
    expect(indicatorProgress(toCents('0'), toCents('400'), toCents('400'))).toBe('100.00');
    expect(indicatorProgress(toCents('5'), toCents('5'), toCents('6'))).toBeNull();
    expect(indicatorProgress(toCents('0'), toCents('10'), null)).toBeNull();
    expect(annualReportDueDate(2025)).toBe('2026-04-30');
  });
});

const ORGS = ['iom', 'unodc', 'ilo'];
const day = fc.integer({ min: 0, max: 365 * 3 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const entry: fc.Arbitrary<LedgerEntry> = fc.record({
  kind: fc.constantFrom('deposit', 'fee', 'other_income', 'transfer', 'refund', 'expenditure' as const),
  date: day,
  usd: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  organisationId: fc.constantFrom(...ORGS),
});
const range = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

describe('funding status (MPTF Office layout)', () => {
  it('reconciles exactly on 10,000 random ledgers: sources − uses = change, opening + change = closing', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), range, (entries, period) => {
        const status = fundingStatus(entries, period);
        const sum = (kinds: string[]) => entries.filter((e) => kinds.includes(e.kind) && e.date >= period.from && e.date <= period.to).reduce((a, e) => a + e.usd, 0n);
        expect(status.sources.total - status.uses.total).toBe(status.balance.change);
        expect(status.balance.opening + status.balance.change).toBe(status.balance.closing);
        // The closing balance is the cash of every entry up to the end, computed independently.
        expect(status.balance.closing).toBe(cashBalance(entries.filter((e) => e.date <= period.to)));
        expect(status.sources.total).toBe(sum(['deposit', 'other_income']));
        expect(status.uses.netFunded).toBe(sum(['transfer']) - sum(['refund']));
        expect(status.uses.total).toBe(status.uses.netFunded + status.uses.administrativeAgentFees);
        // Participating organisations: net funded − expenditure = balance, each and in total.
        for (const p of status.punos) expect(p.netFunded - p.expenditure).toBe(p.balance);
        expect(status.totals.netFunded - status.totals.expenditure).toBe(status.totals.balanceWithPunos);
        // Two adjacent periods add up to the whole.
        const whole = fundingStatus(entries, { to: period.to });
        expect(fundingStatus(entries, { to: period.from }).balance.closing - cashBalance(entries.filter((e) => e.date === period.from)) + status.balance.change).toBe(
          whole.balance.closing,
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it('lays out a small ledger as the MPTF Office does', () => {
    const status = fundingStatus(
      [
        { kind: 'deposit', date: '2025-04-15', usd: toCents('1085000.00') },
        { kind: 'fee', date: '2025-04-15', usd: toCents('10850.00') },
        { kind: 'other_income', date: '2025-12-31', usd: toCents('100.00') },
        { kind: 'transfer', date: '2025-06-10', usd: toCents('500000.00'), organisationId: 'iom' },
        { kind: 'refund', date: '2026-01-10', usd: toCents('1000.00'), organisationId: 'iom' },
        { kind: 'expenditure', date: '2025-12-31', usd: toCents('200000.00'), organisationId: 'iom' },
      ],
      { from: '2025-01-01', to: '2025-12-31' },
    );
    expect(fromCents(status.sources.total)).toBe('1085100.00');
    expect(fromCents(status.uses.total)).toBe('510850.00');
    expect(fromCents(status.balance.closing)).toBe('574250.00');
    expect(status.punos).toEqual([{ organisationId: 'iom', transfers: toCents('500000.00'), refunds: 0n, expenditure: toCents('200000.00'), netFunded: toCents('500000.00'), balance: toCents('300000.00'), deliveryRate: '40.00' }]);
  });
});
