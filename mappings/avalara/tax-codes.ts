/**
 * Canonical tax category → AvaTax system tax code, as data. Codes from Avalara's tax code list
 * (taxcode.avatax.avalara.com; P0000000 and FR also appear in the recordings under
 * shared/vendor/avalara/samples). Categories without an unambiguous AvaTax code are left out on
 * purpose: the mapping then asks for the tenant's own code (`taxCodes` option) instead of
 * guessing one that would tax the line at the wrong rate.
 */
import type { TaxCategory } from '../canonical/tax.js';

export const AVALARA_TAX_CODES: ReadonlyMap<TaxCategory, string> = new Map<TaxCategory, string>([
  // Tangible personal property: AvaTax's default when a line carries no tax code.
  ['standard', 'P0000000'],
  // Non-taxable.
  ['exempt', 'NT'],
  // Food and food ingredients (grocery, not prepared).
  ['food', 'PF050000'],
  // Books, printed.
  ['books', 'PB100000'],
]);

/** Freight (shipping charges), as the recorded Spree requests send it. */
export const AVALARA_FREIGHT_TAX_CODE = 'FR';

/** The AvaTax code for a category: the tenant's override first, then the table. */
export function avalaraTaxCode(category: TaxCategory, overrides?: Partial<Record<TaxCategory, string>>): string | undefined {
  return overrides?.[category] ?? AVALARA_TAX_CODES.get(category);
}
