/**
 * The stock each channel may promise per SKU, from the seller's warehouse counts and the
 * orders the hub holds: free units per location, then allocateStock across the channels.
 *
 * A warehouse count is the stock on hand when it was taken (`countedAt`). From it go:
 * - units of open seller-fulfilled orders (pending, unshipped, partially shipped) not yet
 *   shipped: they are still on the shelf but sold;
 * - units of seller-fulfilled orders shipped after the count (their last update after
 *   `countedAt`, the hub's best knowledge of when they shipped): they left since. A shipped
 *   order last updated before the count was already gone when it was taken.
 * Marketplace-fulfilled orders (FBA) draw on the marketplace's stock, not the seller's.
 * An order's units are charged to the locations its channel ships from, in the order the
 * channel lists them, each up to its count (the last takes any excess: free never below
 * zero is enforced by the allocation).
 */
import { allocateStock, type Allocation, type AllocationRule, type AllocationTarget } from './allocate.js';

export interface StockCount {
  readonly sku: string;
  readonly locationId: string;
  /** Units on hand and sellable when counted. */
  readonly onHand: number;
  /** When counted (UTC ISO 8601): the count's own time, or when it was imported. */
  readonly countedAt: string;
}

export interface OrderDemand {
  /** The channel (connection) the order came through and its marketplace. */
  readonly channel: string;
  readonly marketplaceId: string;
  readonly status: string;
  readonly fulfilment?: 'merchant' | 'marketplace';
  /** The order's last update (UTC ISO 8601). */
  readonly updatedAt: string;
  readonly lines: readonly { readonly sku?: string; readonly quantity: number; readonly quantityShipped?: number }[];
}

export interface ChannelTarget extends Omit<AllocationTarget, 'key'> {
  readonly channel: string;
  readonly marketplaceId: string;
}

export interface SkuPlan {
  readonly sku: string;
  /** Free units per location after the orders were charged. */
  readonly free: Readonly<Record<string, number>>;
  /** Units charged to each location by orders. */
  readonly committed: Readonly<Record<string, number>>;
  readonly allocations: readonly (Allocation & { readonly channel: string; readonly marketplaceId: string })[];
}

const OPEN = new Set(['pending', 'unshipped', 'partially_shipped']);

export const targetKey = (channel: string, marketplaceId: string): string => `${channel}/${marketplaceId}`;

/** Milliseconds since the epoch of a UTC ISO 8601 timestamp (fractions beyond ms ignored). */
function instant(ts: string): number {
  const t = Date.parse(ts);
  if (Number.isNaN(t)) throw new RangeError(`"${ts}" is not a timestamp`);
  return t;
}

/** Units an order takes from the seller's shelves, per SKU, against a count taken at `countedAt` (ms). */
function unitsTaken(order: OrderDemand, countedAt: number): Map<string, number> {
  const out = new Map<string, number>();
  if (order.fulfilment === 'marketplace') return out;
  const open = OPEN.has(order.status);
  const changedSinceCount = instant(order.updatedAt) > countedAt;
  for (const line of order.lines) {
    if (!line.sku) continue;
    const shipped = Math.min(line.quantity, line.quantityShipped ?? (order.status === 'shipped' ? line.quantity : 0));
    // Sold but still on the shelf, plus what left the shelf since it was counted.
    const units = (open ? line.quantity - shipped : 0) + (changedSinceCount && (open || order.status === 'shipped') ? shipped : 0);
    if (units > 0) out.set(line.sku, (out.get(line.sku) ?? 0) + units);
  }
  return out;
}

/**
 * Plans every SKU that has a count. Targets name their locations; `rule` splits each
 * location among the targets that ship from it (see allocateStock).
 */
export function planStock(counts: readonly StockCount[], orders: readonly OrderDemand[], targets: readonly ChannelTarget[], rule: AllocationRule = 'share'): SkuPlan[] {
  const bySku = new Map<string, StockCount[]>();
  for (const c of counts) {
    const list = bySku.get(c.sku) ?? [];
    list.push(c);
    bySku.set(c.sku, list);
  }
  const locationsOf = new Map<string, readonly string[]>();
  for (const t of targets) locationsOf.set(t.channel, [...new Set([...(locationsOf.get(t.channel) ?? []), ...t.locations])]);

  const allocationTargets = targets.map(({ channel, marketplaceId, ...rest }) => ({ ...rest, key: targetKey(channel, marketplaceId) }));
  const plans: SkuPlan[] = [];
  for (const sku of [...bySku.keys()].sort()) {
    const skuCounts = bySku.get(sku)!;
    const free: Record<string, number> = {};
    const countedAt: Record<string, number> = {};
    for (const c of skuCounts) {
      free[c.locationId] = (free[c.locationId] ?? 0) + c.onHand;
      countedAt[c.locationId] = Math.max(countedAt[c.locationId] ?? 0, instant(c.countedAt));
    }
    const committed: Record<string, number> = {};
    for (const order of orders) {
      const locations = (locationsOf.get(order.channel) ?? []).filter((l) => l in free);
      if (locations.length === 0) continue;
      // The count the order is measured against: its channel's first location with this SKU.
      let units = unitsTaken(order, countedAt[locations[0]!]!).get(sku) ?? 0;
      for (let i = 0; i < locations.length && units > 0; i++) {
        const l = locations[i]!;
        const take = i === locations.length - 1 ? units : Math.min(units, Math.max(0, free[l]!));
        free[l]! -= take;
        committed[l] = (committed[l] ?? 0) + take;
        units -= take;
      }
    }
    const allocations = allocateStock(
      Object.entries(free).map(([locationId, n]) => ({ locationId, free: n })),
      allocationTargets,
      rule,
    ).map((a, i) => ({ ...a, channel: targets[i]!.channel, marketplaceId: targets[i]!.marketplaceId }));
    plans.push({ sku, free, committed, allocations });
  }
  return plans;
}
