/**
 * Format check of VAT/GST registration numbers (offline). A well-formed number can still be
 * unregistered: the live answer comes from VIES or a national register through the
 * engine context's `vatNumberCheck`.
 */
import { VAT_NUMBER_FORMATS, type VatNumberFormat } from './data/vat-number-formats.js';

export interface VatNumberFormatResult {
  readonly input: string;
  /** Upper case, without spaces, dots and hyphens. */
  readonly normalized: string;
  /** Issuing country (ISO alpha-2; GR for an EL number, XI for Northern Ireland) when recognised. */
  readonly country?: string;
  /** The part after the prefix. */
  readonly number?: string;
  readonly formatValid: boolean;
  /** Why the format is not valid, in words. */
  readonly reason?: string;
}

// Longest prefix first, so 'CHE' is tried before any two-letter prefix.
const BY_PREFIX = [...VAT_NUMBER_FORMATS].sort((a, b) => b.prefix.length - a.prefix.length);

function normalize(input: string): string {
  return input.toUpperCase().replace(/[\s.\-]/g, '');
}

/** Australian Business Number check digits (ABR): weights 10,1,3,…,19 after subtracting 1 from the first digit; sum mod 89 = 0. */
export function isValidAbn(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  const sum = [...digits].reduce((acc, ch, i) => acc + (Number(ch) - (i === 0 ? 1 : 0)) * weights[i]!, 0);
  return sum % 89 === 0;
}

function checkAgainst(input: string, normalized: string, format: VatNumberFormat, rest: string): VatNumberFormatResult {
  if (!format.pattern.test(rest)) {
    return {
      input,
      normalized,
      country: format.country,
      number: rest,
      formatValid: false,
      reason: `${format.prefix}${rest} does not match the ${format.country} format (${format.prefix} + ${format.shape})`,
    };
  }
  if (format.country === 'AU' && !isValidAbn(rest)) {
    return { input, normalized, country: 'AU', number: rest, formatValid: false, reason: `ABN ${rest} fails the ABN check digits` };
  }
  return { input, normalized, country: format.country, number: rest, formatValid: true };
}

/**
 * Checks the format of `input`. The country comes from its prefix (DE…, EL…, XI…, CHE…);
 * a number written without prefix is read as a number of `presumedCountry` when given
 * (an ABN is usually written without "AU").
 */
export function checkVatNumberFormat(input: string, presumedCountry?: string): VatNumberFormatResult {
  const normalized = normalize(input);
  if (normalized.length === 0) return { input, normalized, formatValid: false, reason: 'the VAT number is empty' };
  if (normalized.startsWith('GR')) {
    return { input, normalized, country: 'GR', formatValid: false, reason: 'Greek VAT numbers carry the prefix EL, not GR' };
  }
  const prefixed = BY_PREFIX.find((f) => normalized.startsWith(f.prefix));
  if (prefixed) return checkAgainst(input, normalized, prefixed, normalized.slice(prefixed.prefix.length));
  if (presumedCountry !== undefined) {
    const format = VAT_NUMBER_FORMATS.find((f) => f.country === presumedCountry);
    if (format) return checkAgainst(input, normalized, format, normalized);
  }
  return {
    input,
    normalized,
    formatValid: false,
    reason: `${normalized} has no known country prefix (expected e.g. DE, FR, EL, XI, GB, NO, CHE)`,
  };
}
