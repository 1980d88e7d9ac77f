/**
 * Token buckets kept outside the process, so that every worker of a hub spends one vendor
 * budget together (e.g. two workers importing two channels of one Amazon seller).
 *
 * Connectors never see the implementation (the PostgreSQL one lives in store/ and the
 * worker injects it into RateLimiterRegistry); they keep calling the registry as before.
 */
import type { RateLimitPlan } from './rate-limiter.js';

export interface SharedTakeResult {
  /** false: the wait would exceed maxWaitMs, no token was taken. */
  readonly taken: boolean;
  /** How long to wait before sending (0 = now); the token is reserved for that moment. */
  readonly waitMs: number;
  /** The bucket's rate now (the vendor's header wins over the plan once seen). */
  readonly rate: number;
  readonly rateSource: 'plan' | 'header';
  /** Tokens left after this take (below 0 when tokens are owed to waiting callers). */
  readonly tokens: number;
}

export interface SharedBucketStore {
  /**
   * Atomically refills the bucket `id` from its stored state and takes one token, reserving
   * the next one when none is free; refuses (taken false) when the wait exceeds maxWaitMs.
   * Creates the bucket full from `plan` on first use. `lagMs`: how far the vendor's own
   * bucket is taken to run behind this one; a token is free only that long after it refilled.
   */
  take(id: string, plan: RateLimitPlan, maxWaitMs: number | undefined, lagMs: number): Promise<SharedTakeResult>;
  /** The vendor's header corrected the rate (kept for every worker). */
  observeRate(id: string, rate: number): Promise<void>;
  /** A throttled response: empty the bucket and hand out nothing for `waitMs`. */
  penalize(id: string, waitMs: number): Promise<void>;
}
