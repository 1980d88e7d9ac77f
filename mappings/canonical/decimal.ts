/**
 * Exact decimal arithmetic for money, rates and percentages: a BigInt coefficient and a
 * scale (value = coefficient × 10^-scale). No floats anywhere; every rounding names its
 * mode, and division states how many decimals it keeps.
 */
import { currencyInfo } from './currencies.js';
import type { Money } from './money.js';

export const ROUNDING_MODES = ['half-even', 'half-up', 'half-down', 'up', 'down', 'ceiling', 'floor'] as const;
/** `half-even` (banker's rounding) is the default wherever a policy is not given. */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export class DecimalFormatError extends Error {
  override readonly name = 'DecimalFormatError';
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
const TEN = 10n;

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

/** Divides a by b (b > 0 or < 0), rounding the integer quotient with `mode`. */
function divRound(a: bigint, b: bigint, mode: RoundingMode): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  if (b < 0n) return divRound(-a, -b, mode);
  const q = a / b; // truncates toward zero
  const r = a % b;
  if (r === 0n) return q;
  const negative = a < 0n;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = negative ? q - 1n : q + 1n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return away;
    case 'ceiling':
      return negative ? q : away;
    case 'floor':
      return negative ? away : q;
    case 'half-up':
      return twice >= b ? away : q;
    case 'half-down':
      return twice > b ? away : q;
    case 'half-even':
      if (twice > b) return away;
      if (twice < b) return q;
      return q % 2n === 0n ? q : away;
  }
}

export class Decimal {
  private constructor(
    /** value = coefficient × 10^-scale */
    readonly coefficient: bigint,
    readonly scale: number,
  ) {}

  static of(coefficient: bigint, scale = 0): Decimal {
    if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`scale must be a non-negative integer, got ${scale}`);
    return new Decimal(coefficient, scale);
  }

  /** Parses "12", "-0.5", "1.23450"; no exponents, no thousands separators. */
  static parse(text: string): Decimal {
    const m = DECIMAL.exec(text.trim());
    if (!m) throw new DecimalFormatError(`"${text}" is not a decimal number`);
    const [, sign, whole = '0', frac = ''] = m;
    const c = BigInt(whole + frac);
    return new Decimal(sign === '-' ? -c : c, frac.length);
  }

  static tryParse(text: string): Decimal | undefined {
    try {
      return Decimal.parse(text);
    } catch {
      return undefined;
    }
  }

  static fromInt(n: number | bigint): Decimal {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`${n} is not a safe integer`);
    return new Decimal(BigInt(n), 0);
  }

  /** The decimal value of a Money (1101 USD minor units → 11.01). */
  static fromMoney(money: Money): Decimal {
    const info = currencyInfo(money.currency);
    if (!info) throw new DecimalFormatError(`unknown currency ${money.currency}`);
    return new Decimal(BigInt(money.amountMinor), info.exponent);
  }

  private align(other: Decimal): [bigint, bigint, number] {
    const scale = Math.max(this.scale, other.scale);
    return [this.coefficient * pow10(scale - this.scale), other.coefficient * pow10(scale - other.scale), scale];
  }

  add(other: Decimal): Decimal {
    const [a, b, scale] = this.align(other);
    return new Decimal(a + b, scale);
  }

  sub(other: Decimal): Decimal {
    const [a, b, scale] = this.align(other);
    return new Decimal(a - b, scale);
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.coefficient * other.coefficient, this.scale + other.scale);
  }

  /** this ÷ other, rounded to `scale` decimals with `mode`. */
  div(other: Decimal, scale: number, mode: RoundingMode = 'half-even'): Decimal {
    if (other.coefficient === 0n) throw new RangeError('division by zero');
    // (a / 10^sa) / (b / 10^sb) = a × 10^(sb + scale - sa) / b, in units of 10^-scale
    const shift = other.scale + scale - this.scale;
    const num = shift >= 0 ? this.coefficient * pow10(shift) : this.coefficient;
    const den = shift >= 0 ? other.coefficient : other.coefficient * pow10(-shift);
    return new Decimal(divRound(num, den, mode), scale);
  }

  /** Rounds to `scale` decimals (or pads with zeros when it has fewer). */
  round(scale: number, mode: RoundingMode = 'half-even'): Decimal {
    if (scale >= this.scale) return new Decimal(this.coefficient * pow10(scale - this.scale), scale);
    return new Decimal(divRound(this.coefficient, pow10(this.scale - scale), mode), scale);
  }

  /** Money in `currency`, rounded to its exponent with `mode`. */
  toMoney(currency: string, mode: RoundingMode = 'half-even'): Money {
    const info = currencyInfo(currency);
    if (!info) throw new DecimalFormatError(`unknown currency ${currency}`);
    const minor = this.round(info.exponent, mode).coefficient;
    if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`${this.toString()} ${currency} exceeds the safe money range`);
    }
    return { amountMinor: Number(minor), currency };
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const [a, b] = this.align(other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  isZero(): boolean {
    return this.coefficient === 0n;
  }

  isNegative(): boolean {
    return this.coefficient < 0n;
  }

  neg(): Decimal {
    return new Decimal(-this.coefficient, this.scale);
  }

  abs(): Decimal {
    return this.coefficient < 0n ? this.neg() : this;
  }

  /** Drops trailing zeros of the fraction: 1.2500 → 1.25, 3.000 → 3. */
  normalize(): Decimal {
    let c = this.coefficient;
    let s = this.scale;
    while (s > 0 && c % TEN === 0n) {
      c /= TEN;
      s -= 1;
    }
    return new Decimal(c, s);
  }

  toString(): string {
    const negative = this.coefficient < 0n;
    const digits = (negative ? -this.coefficient : this.coefficient).toString().padStart(this.scale + 1, '0');
    const whole = this.scale === 0 ? digits : digits.slice(0, -this.scale);
    const frac = this.scale === 0 ? '' : `.${digits.slice(-this.scale)}`;
    return `${negative ? '-' : ''}${whole}${frac}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Sum of decimals (0 for none). */
export function sumDecimals(values: readonly Decimal[]): Decimal {
  return values.reduce((a, b) => a.add(b), Decimal.fromInt(0));
}

/**
 * Splits `total` into parts proportional to `weights`, each rounded to `scale`, with the
 * rounding remainder given to the largest remainders so the parts add up exactly.
 */
export function allocate(total: Decimal, weights: readonly Decimal[], scale: number): Decimal[] {
  const sumW = sumDecimals(weights);
  if (weights.length === 0) return [];
  if (sumW.isZero()) return weights.map((_, i) => (i === 0 ? total.round(scale) : Decimal.fromInt(0).round(scale)));
  const target = total.round(scale);
  const exact = weights.map((w) => total.mul(w).div(sumW, scale + 12, 'down'));
  const floored = exact.map((e) => e.round(scale, 'floor'));
  let remainder = target.sub(sumDecimals(floored));
  const unit = Decimal.of(1n, scale);
  const order = exact
    .map((e, i) => ({ i, frac: e.sub(floored[i]!) }))
    .sort((a, b) => b.frac.compare(a.frac) || a.i - b.i);
  const parts = [...floored];
  for (const { i } of order) {
    if (remainder.compare(unit) < 0) break;
    parts[i] = parts[i]!.add(unit);
    remainder = remainder.sub(unit);
  }
  return parts;
}
