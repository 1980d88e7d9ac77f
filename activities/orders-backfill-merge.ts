/**
 * How an order read from an orders report meets the order the store already holds. The
 * report lacks what the Orders API gives (the buyer's name and e-mail, the street lines, the
 * order total, the channel's order-item ids …), so a report never replaces richer data:
 * - nothing stored: the report's order is stored;
 * - the stored order is as fresh as the report's or fresher (its updatedAt not older): it
 *   stays as it is, so a backfill over orders a sync imported changes nothing;
 * - the report's order is newer: its values win, and every field it lacks is filled from the
 *   stored order, lines matched by SKU in order (a matched line keeps the stored line id,
 *   i.e. the Orders API's OrderItemId).
 * Pure: canonical orders in, a canonical order out.
 */
import type { Order, OrderLine } from '../mappings/canonical/index.js';

/**
 * What an order read from an orders report lacks, or says otherwise, beside the same order from
 * Orders v0: what "the same canonical order either way" leaves out (test/integration/orders-backfill.test.ts).
 */
export const REPORT_ORDER_DIFFERENCES = [
  'buyer: name, e-mail, tax ids (the report has the purchase-order number only)',
  'shipTo: name, company, street lines, phone and address type (the report has city, region, postal code, country)',
  'totals.orderTotal (the report has the per-item amounts only)',
  'status / rawStatus: the report writes InvoiceUnconfirmed as Shipped, PendingAvailability as Pending, Canceled as Cancelled',
  'shipServiceLevel: the report writes the service level category (Standard, Expedited), the API the level (Std DE Dom_1)',
  'earliest/latest ship and delivery dates, isPrime, isReplacement',
  'currency of an order without amounts (a cancelled one)',
  'marketplace of a multi-channel order: the report writes sales-channel Non-Amazon',
  'text the report\'s charset cannot hold comes as "?" (Shift_JIS has no en dash; Cp1252 no CJK)',
  'lines: lineId (the report numbers its rows; the API gives OrderItemIds), refs, condition, isGift, quantityShipped, codFee, shippingDiscount when the report leaves ship-promotion-discount empty',
  'refs: sellerOrderId when it equals the order id (the report leaves merchant-order-id empty), and the API-only ids',
] as const;

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Absent: undefined or an empty list (the report's addresses have `lines: []`). */
function absent(v: unknown): boolean {
  return v === undefined || (Array.isArray(v) && v.length === 0);
}

/** `base` with every key it lacks taken from `extra`, objects merged the same way; lists are `base`'s unless empty. */
function fillAbsent<T>(base: T, extra: unknown): T {
  if (!isPlain(base) || !isPlain(extra)) return base;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) continue;
    out[k] = absent(out[k]) ? v : fillAbsent(out[k], v);
  }
  return out as T;
}

function mergeLines(report: readonly OrderLine[], stored: readonly OrderLine[]): OrderLine[] {
  const unused = [...stored];
  return report.map((line) => {
    const i = unused.findIndex((s) => s.sku !== undefined && s.sku === line.sku);
    if (i === -1) return line;
    const [match] = unused.splice(i, 1);
    return { ...fillAbsent(line, match), lineId: match!.lineId };
  });
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

export function mergeReportOrder(stored: Order | undefined, report: Order): Order {
  if (stored === undefined) return report;
  if (time(stored.updatedAt) >= time(report.updatedAt)) return stored;
  const merged = fillAbsent(report, stored);
  return { ...merged, lines: mergeLines(report.lines, stored.lines) };
}
