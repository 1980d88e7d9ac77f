/**
 * Token buckets kept outside the process, so that every worker of a hub spends one vendor
 * budget together (e.g. two workers importing two channels of one Amazon seller).
 *
 * Connectors never see the implementation (the PostgreSQL one lives in store/ and the
 * worker injects it into RateLimiterRegistry); they keep calling the registry as before.
 */
import type { RateLimitPlan } from './rate-limiter.js';

export interface SharedTakeRequest {
  /** Tokens wanted, each only if its wait is within maxWaitMs (the first refused ends the batch). */
  readonly count: number;
  /** Further tokens taken only if free right now (kept in hand for callers about to come). */
  readonly extra: number;
  readonly maxWaitMs: number | undefined;
  /**
   * How far the vendor's own bucket is taken to run behind this one; a token is free only
   * that long after it refilled.
   */
  readonly lagMs: number;
}

export interface SharedTakeResult {
  /** One entry per token taken, in order: how long to wait before sending it (0 = now). */
  readonly waits: readonly number[];
  /** The wait of the first wanted token refused (over maxWaitMs); absent when none was. */
  readonly refusedWaitMs?: number;
  /** The bucket's rate now (the vendor's header wins over the plan once seen). */
  readonly rate: number;
  readonly rateSource: 'plan' | 'header';
  /** Tokens left after this take (below 0 when tokens are owed to waiting callers). */
  readonly tokens: number;
}

export interface SharedBucketStore {
  /**
   * Atomically refills the bucket `id` from its stored state and takes a batch of tokens,
   * reserving future ones when none is free (their waits say when). Creates the bucket full
   * from `plan` on first use.
   */
  take(id: string, plan: RateLimitPlan, request: SharedTakeRequest): Promise<SharedTakeResult>;
  /** Gives back `count` tokens taken but not used. */
  release(id: string, count: number): Promise<void>;
  /** The vendor's header corrected the rate (kept for every worker). */
  observeRate(id: string, rate: number): Promise<void>;
  /** A throttled response: empty the bucket and hand out nothing for `waitMs`. */
  penalize(id: string, waitMs: number): Promise<void>;
}
