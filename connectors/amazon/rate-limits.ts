/**
 * Published default usage plans (token buckets) of the SP-API operations this connector calls,
 * from the "Usage Plan" table in each operation's description in models/ordersV0.json
 * (searchOrders: models/orders_2026-01-01.json).
 * Amazon may grant a seller other values (Orders has dynamic usage plans); the
 * `x-amzn-RateLimit-Limit` response header corrects the rate at run time.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

// ---- Listings: Listings Items, Product Type Definitions, Feeds ------------------------------
/**
 * From the "Usage Plan" table in each operation's description in models/listingsItems_2021-08-01.json,
 * models/definitionsProductTypes_2020-09-01.json and models/feeds_2021-06-30.json (commit 34dc93f).
 * createFeed's plan is the operation's; JSON_LISTINGS_FEED submissions have a lower per-feed-type
 * limit of their own (five per five minutes per region, "Feed size and rate limit changes for the
 * JSON_LISTINGS_FEED", SP-API changelog 2025-05-06), which Amazon answers with a 429 too.
 */
export const AMAZON_LISTINGS_RATE_LIMITS = {
  getListingsItem: { rate: 5, burst: 10 },
  putListingsItem: { rate: 5, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  deleteListingsItem: { rate: 5, burst: 5 },
  getDefinitionsProductType: { rate: 5, burst: 10 },
  searchDefinitionsProductTypes: { rate: 5, burst: 10 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  cancelFeed: { rate: 2, burst: 15 },
  getFeeds: { rate: 0.0222, burst: 10 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
} as const satisfies Record<string, RateLimitPlan>;
// ---- end Listings -----------------------------------------------------------------------------

export const AMAZON_RATE_LIMITS = {
  getOrders: { rate: 0.0167, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  searchOrders: { rate: 0.0056, burst: 20 },
  ...AMAZON_LISTINGS_RATE_LIMITS,
  // ---- reports, restricted data tokens, FBA inventory, shipment confirmation ----
  // Each from the "Usage Plan" table of the operation's description in the model named.
  // models/reports_2021-06-30.json
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  getReports: { rate: 0.0222, burst: 10 },
  cancelReport: { rate: 0.0222, burst: 10 },
  getReportDocument: { rate: 0.0167, burst: 15 },
  // models/tokens_2021-03-01.json
  createRestrictedDataToken: { rate: 1, burst: 10 },
  // models/fbaInventory.json
  getInventorySummaries: { rate: 2, burst: 2 },
  // models/ordersV0.json
  confirmShipment: { rate: 2, burst: 10 },
  updateShipmentStatus: { rate: 5, burst: 15 },
  // ---- end reports, tokens, inventory, shipment confirmation ----
  // models/finances_2024-06-19.json
  listTransactions: { rate: 0.5, burst: 10 },
} as const satisfies Record<string, RateLimitPlan>;

export type AmazonOperation = keyof typeof AMAZON_RATE_LIMITS;

export const AMAZON_OPERATIONS = Object.keys(AMAZON_RATE_LIMITS) as [AmazonOperation, ...AmazonOperation[]];
