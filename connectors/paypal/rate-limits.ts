/**
 * PayPal throttling: PayPal publishes no per-endpoint figures; past its limit it answers 429
 * RATE_LIMIT_REACHED (errors.ts). Transaction Search is a reporting call, so the default keeps
 * well under any plausible limit; a connection may set its own plan. Every call of an app
 * shares one bucket.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

export const DEFAULT_PAYPAL_RATE_LIMIT: RateLimitPlan = { rate: 5, burst: 10 };

export const PAYPAL_RATE_LIMIT_OPERATION = 'app';
