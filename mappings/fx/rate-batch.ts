/**
 * What the fx mappers return, and the checks they share: currency codes against the ISO 4217
 * table, rate text as an exact positive decimal, issue lists that stay short.
 */
import { currencyInfo } from '../canonical/currencies.js';
import type { FxRate } from '../canonical/fx.js';
import type { MappingIssue } from '../canonical/result.js';

/** Rates of one document, and the published entries left out (each named and explained). */
export interface FxRateBatch {
  readonly rates: FxRate[];
  /**
   * Entries that are well formed but cannot be a canonical FxRate: a three-letter code that
   * is not in the ISO 4217 table (ROL and TRL in ECB's full history, XAU or BTC at XE), or
   * an identity pair. Listed, never dropped silently.
   */
  readonly skipped: MappingIssue[];
}

export const ECB_SOURCE = 'ecb';
export const XE_SOURCE = 'xe';

/** More issues than this are summarised: a broken full-history file would otherwise list 200 000. */
export const MAX_LISTED_ISSUES = 20;

const SHOWN_STRING_LENGTH = 80;

export class FxIssues {
  readonly issues: MappingIssue[] = [];
  private extra = 0;

  add(field: string, message: string, value?: unknown): void {
    if (this.issues.length >= MAX_LISTED_ISSUES) {
      this.extra += 1;
      return;
    }
    const shown =
      value === null ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (typeof value === 'string' && value.length <= SHOWN_STRING_LENGTH);
    this.issues.push(shown ? { field, message, value } : { field, message });
  }

  get size(): number {
    return this.issues.length + this.extra;
  }

  /** The listed issues, plus one line counting the ones left out. */
  list(): MappingIssue[] {
    return this.extra === 0 ? [...this.issues] : [...this.issues, { field: '(more)', message: `${this.extra} further issue(s) not listed` }];
  }
}

export type CurrencyCodeCheck = 'iso' | 'not_iso' | 'malformed';

/** 'iso': in the ISO 4217 table (current or withdrawn); 'not_iso': three letters but unknown; else 'malformed'. */
export function checkCurrencyCode(code: string): CurrencyCodeCheck {
  if (!/^[A-Z]{3}$/.test(code)) return 'malformed';
  return currencyInfo(code) === undefined ? 'not_iso' : 'iso';
}

const PLAIN = /^\d+(\.\d+)?$/;
const JSON_NUMBER = /^(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/;
/** Exponent notation is expanded digit by digit; beyond this it is refused rather than padded into megabytes. */
const MAX_EXPONENT = 40;

/**
 * A rate as exact plain decimal text ("1.1790" stays "1.1790"), or undefined when `raw` is
 * not a positive decimal. Exponent notation, which JSON allows for numbers ("1.5E-7"), is
 * expanded exactly by moving the decimal point ("0.00000015").
 */
export function positiveDecimalText(raw: string): string | undefined {
  let text = raw;
  const m = JSON_NUMBER.exec(raw);
  if (m) {
    const [, whole = '', frac = '', exp = '0'] = m;
    const shift = Number(exp);
    if (!Number.isInteger(shift) || Math.abs(shift) > MAX_EXPONENT) return undefined;
    const digits = whole + frac;
    const point = whole.length + shift;
    if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
    else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
    else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
    text = text.replace(/^0+(?=\d)/, '');
  }
  if (!PLAIN.test(text)) return undefined;
  if (!/[1-9]/.test(text)) return undefined;
  return text;
}

/** The reason a skipped entry gives for a code outside the ISO 4217 table. */
export function notIsoMessage(code: string): string {
  return `${code} is not in the ISO 4217 table (withdrawn before it or not a currency): left out`;
}
