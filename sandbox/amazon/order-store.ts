/**
 * The sandbox's orders: lookup by id plus two sort orders for getOrders paging
 * (PurchaseDate, LastUpdateDate; ties broken by AmazonOrderId). Records are never
 * edited in place: an update builds new objects, so the initial seed stays pristine
 * for reset() and shared frozen sub-objects stay untouched.
 */
import { isoSeconds } from './order-builder.js';
import type { SandboxOrder } from './order-builder.js';
import { parseIsoDate } from './iso-date.js';
import type { AmazonOrder, AmazonOrderItem } from './wire.js';

export interface StoredOrder {
  readonly id: string;
  readonly record: SandboxOrder;
  /** PurchaseDate in ms; a malformed PurchaseDate sorts by its LastUpdateDate. */
  readonly createdMs: number;
  readonly updatedMs: number;
}

export type SortMode = 'created' | 'updated';

/** A JSON merge patch (RFC 7386) of an Order: null removes a field. */
export type OrderPatch = { [K in keyof AmazonOrder]?: AmazonOrder[K] | null } & Record<string, unknown>;

function stored(record: SandboxOrder): StoredOrder {
  const created = parseIsoDate(record.order.PurchaseDate);
  const updated = parseIsoDate(record.order.LastUpdateDate);
  const createdMs = created ?? updated ?? 0;
  return { id: record.order.AmazonOrderId, record, createdMs, updatedMs: updated ?? createdMs };
}

function compare(mode: SortMode): (a: StoredOrder, b: StoredOrder) => number {
  return (a, b) => {
    const ka = mode === 'created' ? a.createdMs : a.updatedMs;
    const kb = mode === 'created' ? b.createdMs : b.updatedMs;
    if (ka !== kb) return ka - kb;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386 merge patch that returns new objects and leaves `target` untouched. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const base = isPlainObject(target) ? target : {};
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(base[key], value);
  }
  return out;
}

const ALL_SHIPPED = new Set(['Shipped', 'InvoiceUnconfirmed']);

export class OrderStore {
  private byId = new Map<string, StoredOrder>();
  private sorted: Record<SortMode, StoredOrder[] | undefined> = { created: undefined, updated: undefined };

  constructor(private readonly initial: readonly SandboxOrder[]) {
    this.reset();
  }

  reset(): void {
    this.byId = new Map(this.initial.map((r) => [r.order.AmazonOrderId, stored(r)] as const));
    this.invalidate();
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SandboxOrder | undefined {
    return this.byId.get(id)?.record;
  }

  /** Adds or replaces records by AmazonOrderId; returns how many. */
  upsert(records: readonly SandboxOrder[]): number {
    for (const r of records) this.byId.set(r.order.AmazonOrderId, stored(r));
    this.invalidate();
    return records.length;
  }

  /**
   * Applies `patch` to the order. LastUpdateDate becomes `now` unless the patch sets it.
   * Leaving Pending reveals the withheld OrderTotal and item prices (as Amazon does once
   * payment is authorised); moving to Shipped/InvoiceUnconfirmed/Unshipped/Canceled
   * fixes the shipped/unshipped counts unless the patch sets them.
   */
  update(id: string, patch: OrderPatch, now: Date): SandboxOrder | undefined {
    const current = this.byId.get(id);
    if (!current) return undefined;
    const before = current.record;
    const order = mergePatch(before.order, patch) as AmazonOrder;
    order.AmazonOrderId = before.order.AmazonOrderId;
    if (patch.LastUpdateDate === undefined) order.LastUpdateDate = isoSeconds(Math.floor(now.getTime() / 1000));

    let items: AmazonOrderItem[] = before.items;
    let withheld = before.withheld;
    const status = order.OrderStatus;
    if (before.order.OrderStatus === 'Pending' && status !== 'Pending' && status !== 'Canceled' && withheld) {
      if (patch.OrderTotal === undefined) order.OrderTotal = withheld.OrderTotal;
      items = withheld.items;
      withheld = undefined;
    }
    if (status !== before.order.OrderStatus) {
      const units = items.reduce((n, i) => n + i.QuantityOrdered, 0);
      const counts = ALL_SHIPPED.has(status)
        ? { shipped: units, unshipped: 0 }
        : status === 'Unshipped'
          ? { shipped: 0, unshipped: units }
          : status === 'Canceled'
            ? { shipped: 0, unshipped: 0 }
            : undefined;
      if (counts) {
        if (patch.NumberOfItemsShipped === undefined) order.NumberOfItemsShipped = counts.shipped;
        if (patch.NumberOfItemsUnshipped === undefined) order.NumberOfItemsUnshipped = counts.unshipped;
        if (ALL_SHIPPED.has(status)) items = items.map((i) => ({ ...i, QuantityShipped: i.QuantityOrdered }));
      }
    }
    const record: SandboxOrder = withheld ? { order, items, withheld } : { order, items };
    this.byId.set(id, stored(record));
    this.invalidate();
    return record;
  }

  /** All orders in `mode` order (rebuilt lazily after a change). */
  ordered(mode: SortMode): readonly StoredOrder[] {
    let list = this.sorted[mode];
    if (!list) {
      list = [...this.byId.values()].sort(compare(mode));
      this.sorted[mode] = list;
    }
    return list;
  }

  private invalidate(): void {
    this.sorted = { created: undefined, updated: undefined };
  }
}

/** First index in `list` whose key is ≥ `keyMs` (or > (keyMs, afterId) when given). */
export function lowerBound(list: readonly StoredOrder[], mode: SortMode, keyMs: number, afterId?: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = list[mid] as StoredOrder;
    const k = mode === 'created' ? e.createdMs : e.updatedMs;
    const before = afterId === undefined ? k < keyMs : k < keyMs || (k === keyMs && e.id <= afterId);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
