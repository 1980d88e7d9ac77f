/**
 * AliExpress grants each app its own call quota (per-second and daily, shown in the developer
 * console) and answers `ApiCallLimit` / `AppCallLimit` (TOP code 7) beyond it. Neither the vendor
 * folder nor the issue trackers state a default figure, so these plans are a conservative guess
 * (2 calls/s per tenant and operation, bursts of 4; writes the same); a connection with a known quota sets
 * `rateLimit` in its settings.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

const CONSERVATIVE: RateLimitPlan = { rate: 2, burst: 4 };

export const ALIEXPRESS_RATE_LIMITS = {
  'aliexpress.solution.order.get': CONSERVATIVE,
  'aliexpress.solution.order.info.get': CONSERVATIVE,
  'aliexpress.solution.order.receiptinfo.get': CONSERVATIVE,
  'aliexpress.solution.order.fulfill': CONSERVATIVE,
  'aliexpress.logistics.redefining.listlogisticsservice': CONSERVATIVE,
  'aliexpress.solution.product.list.get': CONSERVATIVE,
  'aliexpress.solution.product.info.get': CONSERVATIVE,
  'aliexpress.solution.product.schema.get': CONSERVATIVE,
  'aliexpress.solution.schema.product.instance.post': CONSERVATIVE,
  'aliexpress.solution.schema.product.full.update': CONSERVATIVE,
  'aliexpress.solution.batch.product.inventory.update': CONSERVATIVE,
  'aliexpress.solution.batch.product.price.update': CONSERVATIVE,
  'aliexpress.solution.feed.submit': CONSERVATIVE,
  'aliexpress.solution.feed.query': CONSERVATIVE,
  'aliexpress.solution.feed.list.get': CONSERVATIVE,
  '/auth/token/create': CONSERVATIVE,
  '/auth/token/refresh': CONSERVATIVE,
} as const satisfies Record<string, RateLimitPlan>;

export type AliexpressOperation = keyof typeof ALIEXPRESS_RATE_LIMITS;

/** The plan of an operation; one not listed gets the conservative default too. */
export function aliexpressRateLimit(operation: string): RateLimitPlan {
  return Object.hasOwn(ALIEXPRESS_RATE_LIMITS, operation) ? ALIEXPRESS_RATE_LIMITS[operation as AliexpressOperation] : CONSERVATIVE;
}
