/**
 * Deterministic seed data for the Amazon SP-API sandbox: SP-API Orders v0 records
 * across the EU, NA and FE marketplaces. Same (seed, count, now, days) → same JSON.
 * See order-builder.ts for the money rules and curated-orders.ts for the records that
 * break integrations on purpose.
 */
import { buildCuratedOrders, CURATED_ORDER_IDS } from './curated-orders.js';
import { buildOrder, randomSpec, type BuildContext, type SandboxOrder } from './order-builder.js';
import { createRng } from './prng.js';
import { MARKETPLACE_BY_ID, MARKETPLACES, type MarketplaceInfo } from './seed-data.js';

export type { SandboxOrder } from './order-builder.js';
export { CURATED_ORDER_IDS, KNOWN_MALFORMED_ORDERS, type KnownMalformedOrder } from './curated-orders.js';

export interface GenerateAmazonSeedOptions {
  /** Total orders, curated ones included (they are always present, so at least 16). Default 240. */
  count?: number;
  /** PRNG seed. Default 42. */
  seed?: number;
  /** The clock the data is relative to: PurchaseDates fall in the `days` before it. */
  now: Date;
  /** Spread of PurchaseDate before `now`. Default 30. */
  days?: number;
  /**
   * No timestamp is later than now − minAgeSeconds (default 300), so that the whole seed
   * is visible to queries bounded by Amazon's "two minutes before now" rule.
   */
  minAgeSeconds?: number;
}

export interface AmazonSeed {
  orders: SandboxOrder[];
}

export function generateAmazonSeed(options: GenerateAmazonSeedOptions): AmazonSeed {
  const count = options.count ?? 240;
  const days = options.days ?? 30;
  const minAge = options.minAgeSeconds ?? 300;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  const nowSec = Math.floor(options.now.getTime() / 1000);
  if (!Number.isFinite(nowSec)) throw new Error('now must be a valid Date');

  const ctx: BuildContext = {
    rng: createRng(options.seed ?? 42),
    maxSec: nowSec - minAge,
    days,
    usedOrderIds: new Set(Object.values(CURATED_ORDER_IDS)),
    usedItemIds: new Set(),
    recentOrderIds: [],
    moneyCache: new Map(),
  };
  const orders = buildCuratedOrders(ctx);
  const weights = MARKETPLACES.map((m) => [m, m.weight] as const);
  for (let i = orders.length; i < count; i++) {
    const mp: MarketplaceInfo = ctx.rng.weighted(weights);
    orders.push(buildOrder(ctx, randomSpec(ctx, mp)));
  }
  return { orders };
}

export interface SeedSummary {
  total: number;
  orderItems: number;
  /** Keyed by marketplace short code (DE, UK, US, JP …); unknown ids by their id. */
  byMarketplace: Record<string, number>;
  /** OrderTotal currency, or the marketplace's currency when OrderTotal is withheld. */
  byCurrency: Record<string, number>;
  byStatus: Record<string, number>;
  byFulfillmentChannel: Record<string, number>;
  multiLineOrders: number;
  maxLinesPerOrder: number;
  businessOrders: number;
  primeOrders: number;
}

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}
function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function seedSummary(orders: readonly SandboxOrder[]): SeedSummary {
  const byMarketplace: Record<string, number> = {};
  const byCurrency: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const byFulfillmentChannel: Record<string, number> = {};
  let orderItems = 0;
  let multiLineOrders = 0;
  let maxLinesPerOrder = 0;
  let businessOrders = 0;
  let primeOrders = 0;
  for (const { order, items } of orders) {
    const mp = order.MarketplaceId !== undefined ? MARKETPLACE_BY_ID.get(order.MarketplaceId) : undefined;
    bump(byMarketplace, mp?.code ?? order.MarketplaceId ?? 'none');
    bump(byCurrency, order.OrderTotal?.CurrencyCode ?? mp?.currency ?? 'none');
    bump(byStatus, order.OrderStatus);
    bump(byFulfillmentChannel, order.FulfillmentChannel ?? 'none');
    orderItems += items.length;
    if (items.length > 1) multiLineOrders++;
    maxLinesPerOrder = Math.max(maxLinesPerOrder, items.length);
    if (order.IsBusinessOrder) businessOrders++;
    if (order.IsPrime) primeOrders++;
  }
  return {
    total: orders.length,
    orderItems,
    byMarketplace: sortedRecord(byMarketplace),
    byCurrency: sortedRecord(byCurrency),
    byStatus: sortedRecord(byStatus),
    byFulfillmentChannel: sortedRecord(byFulfillmentChannel),
    multiLineOrders,
    maxLinesPerOrder,
    businessOrders,
    primeOrders,
  };
}
