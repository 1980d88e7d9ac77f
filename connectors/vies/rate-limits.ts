/**
 * Client-side plans for VIES. The EC publishes no per-second quota; it refuses bursts with
 * GLOBAL_/MS_MAX_CONCURRENT_REQ and blocks abusive IPs (IP_BLOCKED). One check per second with
 * a burst of five keeps a quoting run polite.
 */
import type { RateLimitPlan } from '../http/rate-limiter.js';

export const VIES_RATE_LIMITS = {
  checkVatNumber: { rate: 1, burst: 5 },
  checkVatTestService: { rate: 1, burst: 5 },
  checkStatus: { rate: 1, burst: 2 },
} as const satisfies Record<string, RateLimitPlan>;

export type ViesOperation = keyof typeof VIES_RATE_LIMITS;
export const VIES_OPERATIONS = Object.keys(VIES_RATE_LIMITS) as [ViesOperation, ...ViesOperation[]];

/**
 * The tenant part of the bucket key: VIES counts requests per source IP and globally, not
 * per Caravan tenant, so every tenant of a worker shares one bucket per operation.
 */
export const VIES_RATE_LIMIT_TENANT = '*';
