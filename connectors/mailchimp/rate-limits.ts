/**
 * Mailchimp publishes no per-second plan, only "up to 10 simultaneous connections" per account
 * (Marketing API, "Fundamentals: API limits") and 429 beyond: a bucket of 10 refilled at 10/s
 * keeps one tenant's calls under that.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

export const MAILCHIMP_RATE_LIMITS = {
  getLists: { rate: 10, burst: 10 },
} as const satisfies Record<string, RateLimitPlan>;

export type MailchimpOperation = keyof typeof MAILCHIMP_RATE_LIMITS;
