/**
 * The orders that bear on the stock of some SKUs: open orders (pending, unshipped, partially
 * shipped) and orders shipped after a given time (a warehouse count's). Read for the stock
 * plan (engines/inventory planStock); only the lines of the SKUs asked for are returned.
 */
import type { Knex } from 'knex';
import { chunk, IN_LIST_CHUNK, toSafeInteger, toStoredTimestamp } from './sql-values.js';
import { StoreDataError } from './store-errors.js';

export interface StockDemandOrder {
  readonly channel: string;
  readonly externalId: string;
  readonly marketplaceId: string;
  readonly status: string;
  readonly fulfilment?: 'merchant' | 'marketplace';
  /** The channel's last update of the order (UTC). */
  readonly updatedAt: string;
  readonly lines: { sku: string; quantity: number; quantityShipped?: number }[];
}

const OPEN_STATUSES = ['pending', 'unshipped', 'partially_shipped'];

interface DemandRow {
  channel: string;
  external_id: string;
  marketplace_id: string;
  status: string;
  source_updated_at: string;
  order_record: string;
  sku: string;
  quantity: number | string;
  line_record: string;
}

function field(text: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new StoreDataError(`${what}: stored record is not JSON`);
  }
}

/** Orders of `tenant` open now or shipped after `shippedAfter`, with their lines of `skus`. */
export async function stockDemand(db: Knex, tenant: string, skus: readonly string[], shippedAfter: string | Date): Promise<StockDemandOrder[]> {
  const after = toStoredTimestamp(shippedAfter, 'shippedAfter');
  const byOrder = new Map<string, StockDemandOrder>();
  for (const part of chunk([...new Set(skus)], IN_LIST_CHUNK)) {
    const rows: DemandRow[] = await db('orders as o')
      .join('order_lines as l', function joinLines() {
        this.on('l.external_order_id', 'o.external_id').andOn('l.channel', 'o.channel').andOn('l.tenant', 'o.tenant');
      })
      .select('o.channel', 'o.external_id', 'o.marketplace_id', 'o.status', 'o.source_updated_at', 'o.record as order_record', 'l.sku', 'l.quantity', 'l.record as line_record')
      .where('o.tenant', tenant)
      .andWhere((w) => w.whereIn('o.status', OPEN_STATUSES).orWhere((s) => s.where('o.status', 'shipped').andWhere('o.source_updated_at', '>', after)))
      .whereIn('l.sku', part)
      .orderBy(['o.channel', 'o.external_id', 'l.position']);
    for (const row of rows) {
      const key = `${row.channel}\u0000${row.external_id}`;
      let order = byOrder.get(key);
      if (!order) {
        const fulfilment = field(row.order_record, `order ${row.external_id}`).fulfilment;
        order = {
          channel: row.channel,
          externalId: row.external_id,
          marketplaceId: row.marketplace_id,
          status: row.status,
          ...(fulfilment === 'merchant' || fulfilment === 'marketplace' ? { fulfilment } : {}),
          updatedAt: row.source_updated_at,
          lines: [],
        };
        byOrder.set(key, order);
      }
      const shipped = field(row.line_record, `order ${row.external_id} line`).quantityShipped;
      order.lines.push({
        sku: row.sku,
        quantity: toSafeInteger(row.quantity, 'order_lines.quantity'),
        ...(typeof shipped === 'number' ? { quantityShipped: shipped } : {}),
      });
    }
  }
  return [...byOrder.values()];
}
