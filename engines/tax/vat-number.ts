/**
 * Offline check of VAT/GST registration numbers: format and check digits. A number whose
 * check digits fail is invalid whatever its format. A well-formed number with good check
 * digits can still be unregistered: the live answer comes from VIES or a national register
 * through the engine context's `vatNumberCheck`.
 */
import { VAT_NUMBER_FORMATS, type VatNumberFormat } from './data/vat-number-formats.js';
import { checkVatCheckDigits } from './vat-check-digits.js';

export interface VatNumberFormatResult {
  readonly input: string;
  /** Upper case, without spaces, dots and hyphens. */
  readonly normalized: string;
  /** Issuing country (ISO alpha-2; GR for an EL number, XI for Northern Ireland) when recognised. */
  readonly country?: string;
  /** The part after the prefix. */
  readonly number?: string;
  /** Well-formed and, where the country has a check-digit algorithm, with check digits that hold. */
  readonly formatValid: boolean;
  /**
   * The check digits: true (hold), false (fail: `formatValid` is false too), undefined when not
   * reached (bad format) or the country has no public algorithm (NZ, SG: format only).
   */
  readonly checkDigitsValid?: boolean;
  /** Why the number is not valid, in words. */
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

function checkAgainst(input: string, normalizedInput: string, format: VatNumberFormat, restInput: string): VatNumberFormatResult {
  // Old 9-digit Belgian numbers take a leading 0, as VIES does (BE123456789 → BE0123456789).
  const rest = format.country === 'BE' && /^\d{9}$/.test(restInput) ? `0${restInput}` : restInput;
  const normalized = rest === restInput ? normalizedInput : `${normalizedInput.slice(0, normalizedInput.length - restInput.length)}${rest}`;
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
    return { input, normalized, country: 'AU', number: rest, formatValid: false, checkDigitsValid: false, reason: `ABN ${rest} fails the ABN check digits` };
  }
  if (format.country === 'AU') return { input, normalized, country: 'AU', number: rest, formatValid: true, checkDigitsValid: true };
  const digits = checkVatCheckDigits(format.country, rest);
  if (digits === 'fail') {
    return {
      input,
      normalized,
      country: format.country,
      number: rest,
      formatValid: false,
      checkDigitsValid: false,
      reason: `${format.prefix}${rest}: check digits fail (${format.country} check-digit rule)`,
    };
  }
  return digits === 'pass'
    ? { input, normalized, country: format.country, number: rest, formatValid: true, checkDigitsValid: true }
    : { input, normalized, country: format.country, number: rest, formatValid: true };
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
