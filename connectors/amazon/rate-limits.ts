/**
 * Published default usage plans (token buckets) of the SP-API operations this connector calls,
 * from the "Usage Plan" table in each operation's description in models/ordersV0.json
 * (searchOrders: models/orders_2026-01-01.json).
 * Amazon may grant a seller other values (Orders has dynamic usage plans); the
 * `x-amzn-RateLimit-Limit` response header corrects the rate at run time.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

export const AMAZON_RATE_LIMITS = {
  getOrders: { rate: 0.0167, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  searchOrders: { rate: 0.0056, burst: 20 },
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
} as const satisfies Record<string, RateLimitPlan>;

export type AmazonOperation = keyof typeof AMAZON_RATE_LIMITS;

export const AMAZON_OPERATIONS = Object.keys(AMAZON_RATE_LIMITS) as [AmazonOperation, ...AmazonOperation[]];
