/**
 * Exact money arithmetic. Amounts travel as decimal strings ('1234.56'), are stored as
 * numeric(18,2) and are computed as integer cents in bigint; exchange rates are numeric(18,6)
 * computed as integer millionths. Rounding is half-up (away from zero) to the cent, once, at the
 * point where a value is derived. No floating point number ever holds an amount.
 */
export type Cents = bigint;

const AMOUNT = /^(-)?(\d{1,16})(?:\.(\d{1,2}))?$/;
const RATE = /^(\d{1,12})(?:\.(\d{1,6}))?$/;
export const RATE_SCALE = 1_000_000n;

/** Whether a text is an amount with at most two decimals, as numeric(18,2) keeps it. */
export function isAmount(text: string): boolean {
  return AMOUNT.test(text);
}

export function isRate(text: string): boolean {
  return RATE.test(text);
}

/** '1234.5' → 123450n. Throws RangeError on anything that is not an exact amount. */
export function toCents(text: string | number): Cents {
  const match = AMOUNT.exec(String(text).trim());
  if (!match) throw new RangeError(`Not an amount: ${text}`);
  const [, minus, whole, fraction = ''] = match;
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return minus ? -cents : cents;
}

/** 123450n → '1234.50'. */
export function fromCents(cents: Cents): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** '0.925' → 925000n millionths. */
export function toRateMicros(text: string | number): bigint {
  const match = RATE.exec(String(text).trim());
  if (!match) throw new RangeError(`Not a rate: ${text}`);
  const [, whole, fraction = ''] = match;
  return BigInt(whole) * RATE_SCALE + BigInt(fraction.padEnd(6, '0'));
}

export function fromRateMicros(micros: bigint): string {
  return `${micros / RATE_SCALE}.${(micros % RATE_SCALE).toString().padStart(6, '0')}`;
}

/** numerator ÷ denominator rounded half away from zero: the rounding of financial statements. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** An amount in a currency converted to USD at a rate (USD per unit), rounded to the cent. */
export function convertToUsd(amount: Cents, rateMicros: bigint): Cents {
  return divideRoundHalfUp(amount * rateMicros, RATE_SCALE);
}

/** `percent` per cent of an amount, rounded to the cent (the 1% fee, the 7% support costs). */
export function percentOf(amount: Cents, percent: bigint): Cents {
  return divideRoundHalfUp(amount * percent, 100n);
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** A share as a percentage with two decimals ('37.25'), or null when the base is zero. */
export function percentage(part: Cents, whole: Cents): string | null {
  if (whole === 0n) return null;
  return fromCents(divideRoundHalfUp(part * 10_000n, whole));
}

/** 1234567.8 → '1,234,567.80' for reports. */
export function formatAmount(cents: Cents): string {
  const [whole, fraction] = fromCents(cents).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  return `${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}
