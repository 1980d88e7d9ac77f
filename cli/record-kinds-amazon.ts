/**
 * `caravan map amazon.order` for Orders API 2026-01-01 files, beside the Orders v0 path of
 * cli/record-kinds.ts: which files hold 2026 orders (by shape), and mapping them. A 2026 order
 * carries its items (`orderItems`), so `--items` (v0 getOrderItems replies) does not apply.
 */
import { mapAmazon2026OrderRecord } from '../activities/amazon-records.js';
import { isAmazon2026Order } from '../connectors/amazon/index.js';
import { CliError } from './output.js';
import type { MappedRecord } from './record-kinds.js';
import { isObject } from '../connectors/http/json-object.js';

/** A 2026 order by its camelCase id, or (id missing: then the schema names it) by the members only 2026 orders have. */
function is2026Order(d: unknown): boolean {
  if (isAmazon2026Order(d)) return true;
  return isObject(d) && !('AmazonOrderId' in d) && ('salesChannel' in d || 'orderItems' in d || 'createdTime' in d);
}

/** A searchOrders reply: `{ orders: [...] }` whose orders are 2026 orders (or none, with the reply's other members). */
function isSearchOrdersReply(d: unknown): d is { orders: unknown[] } {
  if (!isObject(d) || !Array.isArray(d.orders)) return false;
  return d.orders.length === 0 ? 'pagination' in d || 'lastUpdatedBefore' in d || 'createdBefore' in d || Object.keys(d).length === 1 : d.orders.some(is2026Order);
}

/** A getOrder reply: `{ order: {...} }` holding a 2026 order (v0 dead letters are `{ order, items }` with a v0 order). */
function isGetOrderReply(d: unknown): d is { order: unknown } {
  return isObject(d) && is2026Order(d.order);
}

/** True when a value is a 2026-01-01 reply or order (not a v0 one). */
export function isAmazon2026Payload(d: unknown): boolean {
  if (Array.isArray(d)) return d.length > 0 && d.every(isAmazon2026Payload);
  return isSearchOrdersReply(d) || isGetOrderReply(d) || is2026Order(d);
}

/** The raw 2026 orders of a searchOrders reply, a getOrder reply, a bare order, or an array of these. */
function amazon2026OrdersIn(d: unknown): unknown[] {
  if (Array.isArray(d)) return d.flatMap(amazon2026OrdersIn);
  if (isSearchOrdersReply(d)) return d.orders;
  if (isGetOrderReply(d)) return [d.order];
  return [d];
}

/**
 * Canonical orders out of an Orders 2026-01-01 file (already unwrapped from any recording), or
 * undefined when the file is not one (then the v0 path reads it). `itemsFile` is the `--items`
 * argument: refused for a 2026 file.
 */
export function mapAmazon2026OrdersIn(doc: unknown, channel: string, files: { orders: string; items?: string }): MappedRecord[] | undefined {
  if (!isAmazon2026Payload(doc)) return undefined;
  if (files.items !== undefined) {
    throw new CliError(
      `${files.orders} is an Orders API 2026-01-01 reply: its orders carry their items (orderItems), so --items ${files.items} does not apply (--items takes Orders v0 getOrderItems replies)`,
      2,
    );
  }
  return amazon2026OrdersIn(doc).map((raw): MappedRecord => {
    const r = mapAmazon2026OrderRecord(raw, channel);
    return r.ok ? { ok: true, record: r.order } : { ok: false, error: r.rejection };
  });
}

/** For looksLike: a body that is an Orders 2026-01-01 reply. */
export function looksLikeAmazon2026(d: unknown): boolean {
  return isSearchOrdersReply(d) || isGetOrderReply(d) || (is2026Order(d) && isObject(d) && ('salesChannel' in d || 'orderItems' in d));
}
