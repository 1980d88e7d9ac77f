/**
 * FedEx throttling (developer.fedex.com, "Quotas & rate limits guide"):
 * - per API project: 1,400 transactions in any 10-second window; past it, every request for
 *   the rest of the window answers 429;
 * - per organisation: a daily transaction quota over all its projects; past it, every request
 *   answers 429 "Daily transaction quota exceeded. Retry after 12:00AM GMT" until the day ends.
 * The bucket below never lets more than 1,400 through in 10 s (a full bucket of 140 at once,
 * then 126 a second: 140 + 10 × 126 = 1,400). A daily-quota 429 is not waited out
 * in-process: it goes back to Temporal with the time until 00:00 GMT (errors.ts).
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

export const FEDEX_PROJECT_TRANSACTIONS_PER_WINDOW = 1400;
export const FEDEX_PROJECT_WINDOW_MS = 10_000;

/** burst + rate × window = 1,400: the most any 10 s window can see. */
export const DEFAULT_FEDEX_RATE_LIMIT: RateLimitPlan = { rate: 126, burst: 140 };

/** Every FedEx API call of a project shares one bucket (the limit is per project, not per API). */
export const FEDEX_RATE_LIMIT_OPERATION = 'project';

/** The most requests a token bucket lets through in `windowMs`: a full bucket, then the refill. */
export function worstCaseInWindow(plan: RateLimitPlan, windowMs: number): number {
  return plan.burst + Math.floor((plan.rate * windowMs) / 1000);
}
