/**
 * Record kinds `caravan map` understands: a vendor payload file in, canonical records
 * (or the typed error naming the field) out. Each connector adds its kinds here.
 */
import { mapAmazonOrderRecord, type RecordRejection } from '../activities/amazon-records.js';
import { parseAmazonOrderItem } from '../connectors/amazon/index.js';
import { AMAZON_ORDER_ITEM_RECORD_TYPE, amazonOrderItemToOrderLine } from '../mappings/amazon/index.js';
import type { Order, OrderLine } from '../mappings/canonical/index.js';

export type MappedRecord = { ok: true; record: Order | OrderLine } | { ok: false; error: RecordRejection };

export interface RecordKind {
  description: string;
  /** `doc` is the parsed main file; `extra` the parsed --items file, if any. */
  map(doc: unknown, extra: unknown, opts: { channel: string }): MappedRecord[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Orders out of any shape ops are likely to hold: getOrders/getOrder responses, a bare order, an array, or {order, items} (a dead letter's payload). */
function amazonOrdersIn(doc: unknown): { order: unknown; items?: unknown[] }[] {
  if (Array.isArray(doc)) return doc.flatMap(amazonOrdersIn);
  if (!isObject(doc)) return [{ order: doc }];
  if ('order' in doc) return [{ order: doc.order, ...(Array.isArray(doc.items) ? { items: doc.items } : {}) }];
  const payload = doc.payload;
  if (isObject(payload)) {
    if (Array.isArray(payload.Orders)) return payload.Orders.map((order) => ({ order }));
    if (Array.isArray(payload.OrderItems)) {
      throw new Error('this file is a getOrderItems response; pass it with --items beside the order file');
    }
    return [{ order: payload }];
  }
  if (Array.isArray(doc.Orders)) return doc.Orders.map((order) => ({ order }));
  return [{ order: doc }];
}

/** Items per order id out of getOrderItems responses (one, or an array of them) or a bare item array. */
function amazonItemsIn(doc: unknown): Map<string | undefined, unknown[]> {
  const byOrder = new Map<string | undefined, unknown[]>();
  const add = (id: string | undefined, items: unknown[]) => byOrder.set(id, [...(byOrder.get(id) ?? []), ...items]);
  const visit = (d: unknown) => {
    if (Array.isArray(d)) {
      if (d.every((x) => isObject(x) && 'OrderItemId' in x)) add(undefined, d);
      else d.forEach(visit);
      return;
    }
    if (!isObject(d)) return;
    const p = isObject(d.payload) ? d.payload : d;
    if (Array.isArray(p.OrderItems)) add(typeof p.AmazonOrderId === 'string' ? p.AmazonOrderId : undefined, p.OrderItems);
  };
  visit(doc);
  return byOrder;
}

export const RECORD_KINDS: Record<string, RecordKind> = {
  'amazon.order': {
    description: 'Amazon SP-API Orders v0 order(s): getOrders/getOrder response, order object or array; --items takes getOrderItems response(s)',
    map(doc, extra, { channel }) {
      const items = extra === undefined ? undefined : amazonItemsIn(extra);
      return amazonOrdersIn(doc).map(({ order, items: inline }) => {
        const id = isObject(order) && typeof order.AmazonOrderId === 'string' ? order.AmazonOrderId : undefined;
        const lines = inline ?? items?.get(id) ?? (items && items.size === 1 ? items.get(undefined) : undefined);
        const r = mapAmazonOrderRecord(order, lines, channel);
        return r.ok ? { ok: true as const, record: r.order } : { ok: false as const, error: r.rejection };
      });
    },
  },
  'amazon.order-item': {
    description: 'Amazon SP-API Orders v0 order item(s): getOrderItems response(s) or item array; mapped to order lines',
    map(doc) {
      const items = [...amazonItemsIn(doc).values()].flat();
      return items.map((raw, i): MappedRecord => {
        const id = isObject(raw) && typeof raw.OrderItemId === 'string' ? raw.OrderItemId : undefined;
        const reject = (errorKind: RecordRejection['errorKind'], issues: { field: string; message: string }[]): MappedRecord => ({
          ok: false,
          error: {
            recordType: AMAZON_ORDER_ITEM_RECORD_TYPE,
            ...(id ? { externalId: id } : {}),
            field: issues[0]?.field ?? '',
            errorKind,
            message: `${AMAZON_ORDER_ITEM_RECORD_TYPE} ${id ?? '(unknown id)'}: ${issues.map((x) => `${x.field}: ${x.message}`).join('; ')}`,
            issues,
          },
        });
        const parsed = parseAmazonOrderItem(raw);
        if (!parsed.ok) return reject('schema', parsed.issues.map((x) => ({ field: `items[${i}].${x.path}`, message: x.message })));
        const line = amazonOrderItemToOrderLine(parsed.item, i);
        if (!line.ok) return reject('mapping', line.error.issues.map((x) => ({ field: x.field, message: x.message })));
        return { ok: true, record: line.value };
      });
    },
  },
};
