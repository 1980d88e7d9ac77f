/**
 * The per-record path of an Amazon order, shared by the import activity and
 * `caravan map`: wire schema check (connector) → mapping to the canonical Order. A bad
 * record yields a rejection that names the order and the field; nothing is thrown.
 */
import { amazonOrderIdOf, parseAmazon2026Order, parseAmazonOrder, parseAmazonOrderItem, type AmazonOrderItem } from '../connectors/amazon/index.js';
import { AMAZON_ORDER_RECORD_TYPE, amazon2026OrderToOrder, amazonOrderToOrder } from '../mappings/amazon/index.js';
import type { Order } from '../mappings/canonical/index.js';
import { recordRejection, type RecordRejection } from './record-rejections.js';

export const AMAZON_ORDER_RECORD = AMAZON_ORDER_RECORD_TYPE;

export type { RecordRejection } from './record-rejections.js';

export type AmazonRecordResult = { ok: true; order: Order } | { ok: false; rejection: RecordRejection };

function reject(
  externalId: string | undefined,
  errorKind: RecordRejection['errorKind'],
  issues: { field: string; message: string }[],
): AmazonRecordResult {
  return { ok: false, rejection: recordRejection(AMAZON_ORDER_RECORD, externalId, errorKind, issues) };
}

/**
 * Maps one raw order (as getOrders returned it) and its raw items (all getOrderItems
 * pages; `undefined` when they were not fetched) to a canonical Order.
 */
export function mapAmazonOrderRecord(rawOrder: unknown, rawItems: readonly unknown[] | undefined, channel: string): AmazonRecordResult {
  const parsed = parseAmazonOrder(rawOrder);
  if (!parsed.ok) {
    return reject(parsed.id ?? amazonOrderIdOf(rawOrder), 'schema', parsed.issues.map((i) => ({ field: i.path, message: i.message })));
  }
  const externalId = parsed.order.AmazonOrderId;
  const items: AmazonOrderItem[] = [];
  if (rawItems) {
    const issues: { field: string; message: string }[] = [];
    rawItems.forEach((raw, i) => {
      const item = parseAmazonOrderItem(raw);
      if (item.ok) items.push(item.item);
      else issues.push(...item.issues.map((x) => ({ field: `items[${i}].${x.path}`, message: x.message })));
    });
    if (issues.length) return reject(externalId, 'schema', issues);
  }
  const mapped = amazonOrderToOrder(parsed.order, rawItems ? items : undefined, { channel });
  if (!mapped.ok) {
    return reject(
      mapped.error.recordId ?? externalId,
      'mapping',
      mapped.error.issues.map((i) => ({ field: i.field, message: i.message })),
    );
  }
  return { ok: true, order: mapped.value };
}

/**
 * Maps one raw Orders API 2026-01-01 order (as searchOrders or getOrder returned it; its items
 * inside) to a canonical Order: the same record type and rejections as the v0 path.
 */
export function mapAmazon2026OrderRecord(rawOrder: unknown, channel: string): AmazonRecordResult {
  const parsed = parseAmazon2026Order(rawOrder);
  if (!parsed.ok) return reject(parsed.id, 'schema', parsed.issues.map((i) => ({ field: i.path, message: i.message })));
  const mapped = amazon2026OrderToOrder(parsed.order, { channel });
  if (!mapped.ok) {
    return reject(
      mapped.error.recordId ?? parsed.order.orderId,
      'mapping',
      mapped.error.issues.map((i) => ({ field: i.field, message: i.message })),
    );
  }
  return { ok: true, order: mapped.value };
}
