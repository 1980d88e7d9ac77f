/**
 * Client-side plans for the rate sources. Neither publishes a per-second limit: ECB serves
 * static files (one download a day is what is needed), XE sells a monthly request quota
 * and answers 429 past it. These plans keep a backfill or a retry storm polite.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

export const FX_RATE_LIMITS = {
  ecbReferenceRates: { rate: 1, burst: 3 },
  xeConvertFrom: { rate: 2, burst: 5 },
  xeHistoricRate: { rate: 2, burst: 5 },
} as const satisfies Record<string, RateLimitPlan>;

export type FxOperation = keyof typeof FX_RATE_LIMITS;
export const FX_OPERATIONS = Object.keys(FX_RATE_LIMITS) as [FxOperation, ...FxOperation[]];
