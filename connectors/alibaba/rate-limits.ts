/**
 * Alibaba.com grants each app its own call quota (shown in the developer console) and answers
 * `ApiCallLimit` / `AppCallLimit` (code 7 on the legacy gateway) beyond it. Neither the vendor
 * folder nor the issue trackers state a default figure, so every operation gets a conservative
 * plan (2 calls/s per tenant and operation, bursts of 4); a connection with a known quota sets
 * `rateLimit` in its settings.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

const CONSERVATIVE: RateLimitPlan = { rate: 2, burst: 4 };

/** The plan of an operation (its API path). */
export function alibabaRateLimit(_operation: string): RateLimitPlan {
  return CONSERVATIVE;
}
