/**
 * PayPal throttling: PayPal publishes no per-endpoint figures; past its limit it answers 429
 * RATE_LIMIT_REACHED (errors.ts). Airbyte's PayPal source found Transaction Search limited to
 * about 50 requests a minute from one IP over all endpoints, the IP blocked for minutes past it,
 * and keeps to 30 a minute (airbytehq/airbyte#4240): so does the default here. A connection may
 * set its own plan. Every call of an app shares one bucket.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

export const DEFAULT_PAYPAL_RATE_LIMIT: RateLimitPlan = { rate: 0.5, burst: 5 };

export const PAYPAL_RATE_LIMIT_OPERATION = 'app';
