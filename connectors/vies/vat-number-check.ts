/**
 * The tax engine's live VAT-number check backed by VIES. Three answers: 'valid', 'invalid', and
 * 'unknown' when VIES cannot say now (member state or VIES down, timeout, throttled) or does
 * not cover the country (GB, NO, CH …): the engine then falls back to the format check and
 * says so in the quote. Failures that need ops (access blocked, wrong requester settings, an
 * answer breaking the contract) are thrown, not hidden behind 'unknown'.
 */
import { isConnectorError } from '../http/errors.js';
import type { ViesClient } from './client.js';
import { toViesCountryCode } from './member-states.js';
import type { ViesCheckResult } from './operations/check-vat-number.js';

/** Same values as the engine's VatNumberStatus (engines/tax). */
export type ViesVatNumberStatus = 'valid' | 'invalid' | 'unknown';

export interface ViesVatNumberAnswer {
  readonly status: ViesVatNumberStatus;
  /** VIES's answer (date, consultation number) when it gave one. */
  readonly result?: ViesCheckResult;
  /** Why there is no answer ('unknown') or why the number was refused without one. */
  readonly reason?: string;
}

/** `country`: ISO 3166-1 alpha-2 of the issuing country (GR for an EL number, XI); `number`: the part after the prefix. */
export type ViesVatNumberCheck = (country: string, number: string) => Promise<ViesVatNumberAnswer>;

export function viesVatNumberCheck(client: Pick<ViesClient, 'checkVatNumber'>): ViesVatNumberCheck {
  return async (country, number) => {
    const countryCode = toViesCountryCode(country);
    if (countryCode === undefined) return { status: 'unknown', reason: `VIES does not cover ${country}` };
    try {
      const result = await client.checkVatNumber({ countryCode, vatNumber: number });
      return { status: result.valid ? 'valid' : 'invalid', result };
    } catch (error) {
      if (!isConnectorError(error)) throw error;
      if (error.kind === 'transient' || error.kind === 'rate_limited') return { status: 'unknown', reason: error.message };
      // VIES (or our local check) refuses the number itself: it cannot be a registered one.
      if (error.vendorCode === 'INVALID_INPUT') return { status: 'invalid', reason: error.message };
      throw error;
    }
  };
}
