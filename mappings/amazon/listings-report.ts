// Types only: the report's columns are described once, in connectors/amazon/schemas/reports.ts.
import type { AmazonListingsReportRow, ListingsReportColumn } from '../../connectors/amazon/schemas/reports.js';
import { ListingSchema, type Listing } from '../canonical/listing.js';
import { MappingError, fail, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { checkedRecord, compact, readCount, readReportDecimalText, readReportMoney, readReportTimestamp, type Read } from './report-values.js';

/**
 * Amazon merchant listings report (GET_MERCHANT_LISTINGS_ALL_DATA, GET_MERCHANT_LISTINGS_DATA)
 * → canonical Listing, one per row. The report has no currency column: the price is in the
 * currency of the marketplace the report was requested for, which the caller names. Pure and
 * total: a bad row is a MappingError naming its line and column; the other rows still map.
 */

export const AMAZON_LISTINGS_REPORT_RECORD_TYPE = 'amazon.listings-report';

export interface AmazonListingsReportContext {
  readonly channel: string;
  /** The marketplace the report is of: its id (or storefront when not in the table) and currency. */
  readonly marketplace?: { readonly id: string; readonly country?: string; readonly name?: string };
  /** Absent when the marketplace is not known: the price is then kept as `unpricedAmount`, never given a guessed currency. */
  readonly currency?: string;
  /** Locale of titles and descriptions (BCP 47), e.g. ja-JP. */
  readonly locale: string;
}

const STATUS: ReadonlyMap<string, Listing['status']> = new Map([
  ['active', 'active'],
  ['inactive', 'inactive'],
  ['incomplete', 'incomplete'],
]);

/** product-id-type codes of the listings report (the flat-file inventory loader's codes). */
const PRODUCT_ID_TYPES: Readonly<Record<string, string>> = { '1': 'ASIN', '2': 'ISBN', '3': 'UPC', '4': 'EAN' };


/** fulfillment-channel: DEFAULT is the seller's own; AMAZON_NA, AMAZON_EU, AMAZON_JP … are FBA. */
function fulfilmentOf(raw: string): Read<NonNullable<Listing['fulfilment']>> {
  if (raw.toUpperCase() === 'DEFAULT') return { ok: true, value: 'merchant' };
  if (/^AMAZON(_[A-Z]{2})?$/i.test(raw)) return { ok: true, value: 'marketplace' };
  return { ok: false, message: `unknown fulfilment channel "${raw}" (expected DEFAULT or AMAZON_xx)` };
}

function statusOf(raw: string): Read<NonNullable<Listing['status']>> {
  const s = STATUS.get(raw.trim().toLowerCase());
  return s === undefined ? { ok: false, message: `unknown listing status "${raw}" (expected Active, Inactive or Incomplete)` } : { ok: true, value: s };
}

function mapRow(row: AmazonListingsReportRow, ctx: AmazonListingsReportContext): MappingResult<Listing> {
  const issues: MappingIssue[] = [];
  const cell = (c: ListingsReportColumn): string | undefined => row.cells[c];
  const read = <T>(c: ListingsReportColumn, r: (raw: string) => Read<T>): T | undefined => {
    const raw = cell(c);
    if (raw === undefined) return undefined;
    const v = r(raw);
    if (v.ok) return v.value;
    issues.push({ field: `line ${row.line}.${c}`, message: v.message, value: raw });
    return undefined;
  };
  const sku = cell('seller-sku');
  if (sku === undefined) issues.push({ field: `line ${row.line}.seller-sku`, message: 'is empty or missing' });
  if (row.extraCells !== undefined) issues.push({ field: `line ${row.line}.(row)`, message: `has ${row.extraCells} non-empty cell(s) beyond the header's columns` });
  const currency = ctx.currency;
  const price = currency === undefined ? undefined : read('price', (raw) => readReportMoney(raw, currency));
  const unpricedAmount = currency === undefined ? read('price', readReportDecimalText) : undefined;
  const quantity = read('quantity', readCount);
  const pendingQuantity = read('pending-quantity', readCount);
  const status = read('status', statusOf);
  const fulfilment = read('fulfillment-channel', fulfilmentOf);
  const openedAt = read('open-date', readReportTimestamp);
  if (issues.length > 0 || sku === undefined) return fail(new MappingError(AMAZON_LISTINGS_REPORT_RECORD_TYPE, sku, issues));

  const title = cell('item-name');
  const description = cell('item-description');
  const productIdValue = cell('product-id');
  const productIdType = cell('product-id-type');
  const listing = compact<Listing>({
    channel: ctx.channel,
    vendor: 'amazon',
    sku,
    marketplace: ctx.marketplace === undefined ? undefined : compact({ ...ctx.marketplace }),
    title: title === undefined ? undefined : { [ctx.locale]: title },
    description: description === undefined ? undefined : { [ctx.locale]: description },
    price,
    unpricedAmount,
    quantity,
    pendingQuantity,
    status,
    rawStatus: cell('status'),
    fulfilment,
    rawFulfilment: cell('fulfillment-channel'),
    openedAt,
    condition: cell('item-condition'),
    conditionNote: cell('item-note'),
    productId: productIdValue === undefined ? undefined : { type: (productIdType && PRODUCT_ID_TYPES[productIdType]) ?? productIdType ?? 'unknown', value: productIdValue },
    refs: compact({ asin: cell('asin1'), listingId: cell('listing-id'), reportLine: String(row.line) }) as Record<string, string>,
  });
  return checkedRecord(ListingSchema, listing, AMAZON_LISTINGS_REPORT_RECORD_TYPE, sku);
}

export function amazonListingsReportToListings(rows: readonly AmazonListingsReportRow[], ctx: AmazonListingsReportContext): MappingResult<Listing>[] {
  return rows.map((row) => {
    try {
      return mapRow(row, ctx);
    } catch (e) {
      return fail(new MappingError(AMAZON_LISTINGS_REPORT_RECORD_TYPE, row.cells['seller-sku'], [{ field: `line ${row.line}`, message: `mapping failed unexpectedly: ${(e as Error).message}` }]));
    }
  });
}
