/**
 * Stripe's basic rate limiter (docs.stripe.com/rate-limits): per account, 100 read and 100
 * write operations per second in live mode, 25 and 25 in test mode (sandboxes); past it, HTTP 429
 * `rate_limit`. Two buckets per account, reads and writes, whatever the endpoint; the mode
 * comes from the key's prefix. The buckets are the shared limiter's (on PostgreSQL every worker
 * takes from the same ones), so the account's limit holds across processes.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';
import type { StripeMode } from './config.js';

export const STRIPE_RATE_LIMITS: Readonly<Record<StripeMode, RateLimitPlan>> = {
  live: { rate: 100, burst: 100 },
  test: { rate: 25, burst: 25 },
};

/** Which of the account's two buckets each operation takes from. */
export const STRIPE_OPERATION_BUCKETS = {
  listPayouts: 'read',
  listBalanceTransactions: 'read',
  listCharges: 'read',
  listRefunds: 'read',
  listDisputes: 'read',
  listEvents: 'read',
  createRefund: 'write',
} as const satisfies Record<string, 'read' | 'write'>;

export type StripeOperation = keyof typeof STRIPE_OPERATION_BUCKETS;
