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
} as const satisfies Record<string, RateLimitPlan>;

export type AmazonOperation = keyof typeof AMAZON_RATE_LIMITS;

export const AMAZON_OPERATIONS = Object.keys(AMAZON_RATE_LIMITS) as [AmazonOperation, ...AmazonOperation[]];
