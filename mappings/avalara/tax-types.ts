/**
 * AvaTax `taxType` (TransactionLineDetailModel) → what it means for a quote, as data. AvaTax
 * names no scheme; the scheme and who accounts for the tax follow from the tax type.
 */
import type { TaxQuote } from '../canonical/tax.js';

/** tax: sales tax, VAT, GST; duty: customs duty (AvaTax Cross-Border "LandedCost"). */
export type AvalaraTaxFamily = 'tax' | 'duty';

export interface AvalaraTaxTypeRule {
  readonly family: AvalaraTaxFamily;
  readonly scheme: string;
  readonly collectedBy: TaxQuote['collectedBy'];
}

export const AVALARA_TAX_TYPES: ReadonlyMap<string, AvalaraTaxTypeRule> = new Map<string, AvalaraTaxTypeRule>([
  // US/CA sales tax charged by the seller.
  ['Sales', { family: 'tax', scheme: 'sales-tax', collectedBy: 'seller' }],
  ['SellersUse', { family: 'tax', scheme: 'use-tax', collectedBy: 'seller' }],
  // Use tax the buyer accrues himself.
  ['ConsumerUse', { family: 'tax', scheme: 'use-tax', collectedBy: 'buyer' }],
  ['Use', { family: 'tax', scheme: 'use-tax', collectedBy: 'buyer' }],
  // VAT/GST charged on the sale; the scheme is refined by origin and destination (outputScheme).
  ['Output', { family: 'tax', scheme: 'vat-gst', collectedBy: 'seller' }],
  // VAT the buyer self-assesses (reverse charge).
  ['Input', { family: 'tax', scheme: 'reverse-charge', collectedBy: 'buyer' }],
  // Customs duty; paid by the seller only when it is importer of record (DDP).
  ['LandedCost', { family: 'duty', scheme: 'import', collectedBy: 'customs' }],
]);

/** Rule for a tax type; unknown types are taxes collected by the seller, named as AvaTax names them. */
export function avalaraTaxTypeRule(taxType: string | undefined): AvalaraTaxTypeRule & { readonly known: boolean } {
  const rule = taxType === undefined ? undefined : AVALARA_TAX_TYPES.get(taxType);
  if (rule !== undefined) return { ...rule, known: true };
  return { family: 'tax', scheme: taxType === undefined || taxType === '' ? 'unknown' : taxType.toLowerCase(), collectedBy: 'seller', known: false };
}

/**
 * VAT/GST on a sale: `domestic` within one country, `distance-sale` when the seller ships from
 * another country and charges the destination's VAT/GST (EU OSS, Canadian GST for
 * non-residents …), `vat-gst` when the origin is not known.
 */
export function outputScheme(originCountry: string | undefined, destinationCountry: string): string {
  if (originCountry === undefined) return 'vat-gst';
  return originCountry === destinationCountry ? 'domestic' : 'distance-sale';
}
