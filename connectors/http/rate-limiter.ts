/**
 * Token buckets per (tenant, vendor, operation, scope), shared by every connector in a worker.
 *
 * Vendors such as Amazon SP-API publish usage plans as token buckets (a refill `rate` in
 * requests per second and a `burst` size) and throttle with 429 once their bucket is empty.
 * Mirroring the bucket here keeps us under the limit instead of discovering it by 429s.
 * Waits are computed from the bucket state and slept once (no polling); a penalty or a
 * corrected rate wakes the sleeper so it recomputes.
 *
 * Given a SharedBucketStore (the worker injects the PostgreSQL one), the buckets live there
 * instead and every worker of the hub takes from the same ones: a take reserves tokens
 * atomically and each caller sleeps until its token's time (still no polling). A worker has
 * at most one take per bucket in flight: the callers that arrive meanwhile go in the next
 * one, as one batch, and a busy worker keeps a few free tokens in hand for its next callers
 * (given back if unused), so a request rarely waits for the database.
 */
import { systemClock, type Clock } from './clock.js';
import type { SharedBucketStore, SharedTakeResult } from './shared-buckets.js';

export interface RateLimitKey {
  readonly tenant: string;
  readonly vendor: string;
  readonly operation: string;
  /** Further partition, e.g. the Amazon selling region: plans apply per region. */
  readonly scope?: string;
}

export interface RateLimitPlan {
  /** Tokens added per second. */
  readonly rate: number;
  /** Bucket size: requests that may be sent at once after a quiet period. */
  readonly burst: number;
}

export interface AcquireOptions {
  /** Aborting removes the caller from the queue and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called once, before waiting, with the expected wait (ms); not called when a token is free. */
  readonly onWait?: (ms: number) => void;
  /**
   * Refuse (RateLimitWaitTooLongError, no token taken) instead of waiting longer than this,
   * e.g. so a Temporal activity hands a long wait back to Temporal rather than sleeping.
   */
  readonly maxWaitMs?: number;
}

export class RateLimitWaitTooLongError extends Error {
  override readonly name = 'RateLimitWaitTooLongError';
  constructor(
    readonly key: string,
    /** Expected wait for the next token. */
    readonly waitMs: number,
    readonly maxWaitMs: number,
  ) {
    super(`rate limit ${key}: next token in ${waitMs} ms, more than the allowed ${maxWaitMs} ms`);
  }
}

export interface RateLimitBucketStats {
  readonly key: string;
  readonly rate: number;
  readonly burst: number;
  /** `header` once the vendor told us the rate (e.g. x-amzn-RateLimit-Limit). */
  readonly rateSource: 'plan' | 'header';
  readonly tokens: number;
  readonly queued: number;
  /** Remaining penalty after a throttled response. */
  readonly blockedForMs: number;
  readonly acquired: number;
  /** Acquisitions that had to wait, and for how long in total. */
  readonly waited: number;
  readonly waitedMs: number;
  readonly penalties: number;
}

export interface RateLimiterRegistryOptions {
  readonly clock?: Clock;
  /** Buckets shared by every worker (PostgreSQL hub store); in this process's memory when absent. */
  readonly shared?: SharedBucketStore;
}

/**
 * Shared buckets count a token as free this long after it refilled. The vendor's bucket
 * started when our first request arrived, a little after ours did, and it counts requests
 * when they arrive: without the lag the workers would run that first request's latency
 * ahead of the vendor for the whole import (measured: 3 × 429 in 2,000 calls at 300/s).
 * It delays the import once by this much, not per token (again after a quiet spell that
 * refilled the bucket); at the bucket's first start only until the first answer came back,
 * which bounds the real lag there (the store then keeps the measured one when smaller).
 */
export const SHARED_VENDOR_LAG_MS = 50;

/**
 * A worker taking for several callers at once also takes up to this many more tokens, only
 * if free right now, so that its next callers need not wait for a database round trip.
 */
export const SHARED_IN_HAND_MAX = 8;

/**
 * Tokens in hand that no caller took within this long go back to the shared bucket, so
 * another worker can spend them. Real time: it never decides when a request is sent.
 */
export const SHARED_IN_HAND_MS = 25;

/** Float slack so a bucket refilled to 0.9999999999 tokens counts as one token. */
const EPSILON = 1e-9;

interface Waiter {
  readonly enqueuedAt: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

interface PendingOverride {
  rate?: number;
  blockedUntil?: number;
}

class Bucket {
  tokens: number;
  updatedAt: number;
  blockedUntil = 0;
  rateSource: 'plan' | 'header' = 'plan';
  readonly queue: Waiter[] = [];
  pumping = false;
  wake: AbortController | undefined;
  acquired = 0;
  waited = 0;
  waitedMs = 0;
  penalties = 0;

  constructor(
    readonly id: string,
    public rate: number,
    public burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  refill(now: number): void {
    if (now <= this.updatedAt) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.rate) / 1000);
    this.updatedAt = now;
  }

  /** Milliseconds until `n` tokens are available and no penalty applies (0 = now). */
  msUntil(n: number, now: number): number {
    this.refill(now);
    const blocked = Math.max(0, this.blockedUntil - now);
    const deficit = n - this.tokens;
    const refillMs = deficit <= EPSILON ? 0 : Math.ceil((deficit * 1000) / this.rate);
    return Math.max(blocked, refillMs);
  }

  take(): void {
    this.tokens = Math.max(0, this.tokens - 1);
    this.acquired += 1;
  }
}

export function rateLimitKeyString(key: RateLimitKey): string {
  const parts = [key.tenant, key.vendor, key.operation];
  if (key.scope !== undefined) parts.push(key.scope);
  return parts.map((p) => encodeURIComponent(p)).join('/');
}

function assertPlan(plan: RateLimitPlan): void {
  if (!Number.isFinite(plan.rate) || plan.rate <= 0) throw new RangeError(`rate limit plan: rate must be > 0, got ${plan.rate}`);
  if (!Number.isFinite(plan.burst) || plan.burst < 1) throw new RangeError(`rate limit plan: burst must be >= 1, got ${plan.burst}`);
}

/** A caller of a shared bucket waiting for the store's next take. */
interface SharedWaiter {
  readonly plan: RateLimitPlan;
  readonly maxWaitMs: number | undefined;
  /** Its token: when it may be sent (this clock) and the wait counted from now. */
  readonly resolve: (token: SharedToken) => void;
  readonly reject: (reason: unknown) => void;
}

interface SharedToken {
  readonly at: number;
  readonly waitMs: number;
}

/** What this process knows of a shared bucket: the last state the store returned, and its own counters. */
class SharedView {
  rate: number | undefined;
  burst = 0;
  rateSource: 'plan' | 'header' = 'plan';
  tokens = 0;
  blockedUntil = 0;
  queued = 0;
  acquired = 0;
  waited = 0;
  waitedMs = 0;
  penalties = 0;
  /** The rate last written to or read from the store: an unchanged header costs no write. */
  sharedRate: number | undefined;
  /** observeRate/penalize/release writes in flight; a take waits for them (never rejects: see writeError). */
  writes: Promise<void> = Promise.resolve();
  writeError: unknown;
  /** Callers waiting for the next take (one take in flight at a time: `taking`). */
  readonly waiters: SharedWaiter[] = [];
  taking = false;
  /** Tokens taken and not yet handed to a caller: when each may be sent (this clock), ascending. */
  inHand: number[] = [];
  handBack: NodeJS.Timeout | undefined;

  constructor(readonly id: string) {}
}

export class RateLimiterRegistry {
  private readonly clock: Clock;
  private readonly buckets = new Map<string, Bucket>();
  /** Header rates or penalties seen before the first acquire of a key. */
  private readonly pending = new Map<string, PendingOverride>();
  private readonly shared: SharedBucketStore | undefined;
  private readonly views = new Map<string, SharedView>();

  constructor(options: RateLimiterRegistryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.shared = options.shared;
  }

  /** Whether buckets are shared with other workers (a SharedBucketStore was given). */
  get isShared(): boolean {
    return this.shared !== undefined;
  }

  /**
   * Takes one token for `key`, waiting exactly until one is available. `plan` seeds the
   * bucket (published usage plan); once the vendor's header corrected the rate, the header wins.
   */
  async acquire(key: RateLimitKey, plan: RateLimitPlan, options: AcquireOptions = {}): Promise<void> {
    assertPlan(plan);
    if (this.shared !== undefined) return this.acquireShared(this.shared, key, plan, options);
    const { signal, onWait, maxWaitMs } = options;
    if (signal?.aborted) throw signal.reason;
    const now = this.clock.now();
    const bucket = this.bucketFor(key, plan, now);
    if (bucket.queue.length === 0 && bucket.msUntil(1, now) === 0) {
      bucket.take();
      return;
    }
    const expectedWait = bucket.msUntil(bucket.queue.length + 1, now);
    if (maxWaitMs !== undefined && expectedWait > maxWaitMs) throw new RateLimitWaitTooLongError(bucket.id, expectedWait, maxWaitMs);
    onWait?.(expectedWait);
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = bucket.queue.indexOf(waiter);
        if (i >= 0) bucket.queue.splice(i, 1);
        bucket.wake?.abort();
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        enqueuedAt: now,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      bucket.queue.push(waiter);
      void this.pump(bucket);
    });
  }

  /**
   * Corrects the refill rate from a vendor header (e.g. `x-amzn-RateLimit-Limit: 0.0167`).
   * Ignores values that are not positive finite numbers. Returns whether it was applied.
   */
  observeRate(key: RateLimitKey, rate: number): boolean {
    if (!Number.isFinite(rate) || rate <= 0) return false;
    const id = rateLimitKeyString(key);
    if (this.shared !== undefined) {
      const store = this.shared;
      const view = this.viewOf(id);
      view.rate = rate;
      view.rateSource = 'header';
      if (view.sharedRate !== rate) {
        view.sharedRate = rate;
        this.write(view, () => store.observeRate(id, rate));
      }
      return true;
    }
    const bucket = this.buckets.get(id);
    if (bucket === undefined) {
      this.pending.set(id, { ...this.pending.get(id), rate });
      return true;
    }
    bucket.refill(this.clock.now());
    const changed = bucket.rate !== rate;
    bucket.rate = rate;
    bucket.rateSource = 'header';
    if (changed) bucket.wake?.abort();
    return true;
  }

  /**
   * After a throttled response: the vendor's bucket is empty, so ours is emptied too and no
   * token is handed out for `waitMs` (tokens keep refilling meanwhile, as the vendor's do).
   */
  penalize(key: RateLimitKey, waitMs: number): void {
    const now = this.clock.now();
    const until = now + Math.max(0, waitMs);
    const id = rateLimitKeyString(key);
    if (this.shared !== undefined) {
      const store = this.shared;
      const view = this.viewOf(id);
      view.tokens = Math.min(view.tokens, 0);
      view.blockedUntil = Math.max(view.blockedUntil, until);
      view.penalties += 1;
      // Tokens in hand were free before the vendor said otherwise: dropped, not given back.
      view.inHand = [];
      this.write(view, () => store.penalize(id, Math.max(0, waitMs)));
      return;
    }
    const bucket = this.buckets.get(id);
    if (bucket === undefined) {
      const prev = this.pending.get(id);
      this.pending.set(id, { ...prev, blockedUntil: Math.max(prev?.blockedUntil ?? 0, until) });
      return;
    }
    bucket.refill(now);
    bucket.tokens = 0;
    bucket.blockedUntil = Math.max(bucket.blockedUntil, until);
    bucket.penalties += 1;
    bucket.wake?.abort();
  }

  /** Current refill rate of a key (header-corrected when seen), or undefined before first use. */
  rateOf(key: RateLimitKey): number | undefined {
    const id = rateLimitKeyString(key);
    if (this.shared !== undefined) return this.views.get(id)?.rate;
    return this.buckets.get(id)?.rate ?? this.pending.get(id)?.rate;
  }

  stats(): RateLimitBucketStats[];
  stats(key: RateLimitKey): RateLimitBucketStats | undefined;
  stats(key?: RateLimitKey): RateLimitBucketStats[] | RateLimitBucketStats | undefined {
    const now = this.clock.now();
    if (this.shared !== undefined) {
      if (key !== undefined) {
        const view = this.views.get(rateLimitKeyString(key));
        return view === undefined ? undefined : this.sharedSnapshot(view, now);
      }
      return [...this.views.values()].map((v) => this.sharedSnapshot(v, now));
    }
    if (key !== undefined) {
      const bucket = this.buckets.get(rateLimitKeyString(key));
      return bucket === undefined ? undefined : this.snapshot(bucket, now);
    }
    return [...this.buckets.values()].map((b) => this.snapshot(b, now));
  }

  /**
   * A token from the shared store (or from those this worker holds), then one sleep until its
   * time. Aborting while asleep hands the token to the next caller here, or back to the store.
   */
  private async acquireShared(store: SharedBucketStore, key: RateLimitKey, plan: RateLimitPlan, options: AcquireOptions): Promise<void> {
    const { signal, onWait, maxWaitMs } = options;
    if (signal?.aborted) throw signal.reason;
    const id = rateLimitKeyString(key);
    const view = this.viewOf(id);
    // A penalty or corrected rate written by this process applies to its next take.
    await view.writes;
    if (view.writeError !== undefined) {
      const error = view.writeError;
      view.writeError = undefined;
      throw error;
    }
    view.burst = plan.burst;
    const token = await this.sharedToken(store, view, plan, maxWaitMs);
    view.acquired += 1;
    if (token.waitMs <= 0) return;
    const waitMs = Math.ceil(token.waitMs);
    onWait?.(waitMs);
    view.queued += 1;
    const started = this.clock.now();
    const deadline = started + waitMs;
    try {
      // A timer may fire early by as long as the event loop was busy before it was set: sleep
      // again for what is left rather than send before the token's time.
      for (let left = waitMs; left > 0; left = deadline - this.clock.now()) await this.clock.sleep(left, signal);
    } catch (error) {
      this.giveBack(store, view, deadline);
      if (signal?.aborted) throw signal.reason;
      throw error;
    } finally {
      view.queued -= 1;
    }
    view.waited += 1;
    view.waitedMs += this.clock.now() - started;
  }

  /** The next token in hand when nobody here waits before this caller; otherwise a place in the next take. */
  private async sharedToken(store: SharedBucketStore, view: SharedView, plan: RateLimitPlan, maxWaitMs: number | undefined): Promise<SharedToken> {
    const at = view.waiters.length === 0 ? view.inHand[0] : undefined;
    if (at !== undefined) {
      const waitMs = at - this.clock.now();
      if (maxWaitMs !== undefined && waitMs > maxWaitMs) throw new RateLimitWaitTooLongError(view.id, Math.ceil(waitMs), maxWaitMs);
      view.inHand.shift();
      return { at, waitMs };
    }
    return new Promise<SharedToken>((resolve, reject) => {
      view.waiters.push({ plan, maxWaitMs, resolve, reject });
      void this.take(store, view);
    });
  }

  /**
   * Takes for every caller waiting, one batch per round trip: first come first served, each
   * refused alone when its token would come later than its maxWaitMs. A batch of several
   * callers also takes up to as many tokens more if they are free now, kept in hand.
   */
  private async take(store: SharedBucketStore, view: SharedView): Promise<void> {
    if (view.taking) return;
    view.taking = true;
    try {
      while (view.waiters.length > 0) {
        const batch = view.waiters.splice(0);
        const limits = batch.map((w) => w.maxWaitMs);
        const maxWaitMs = limits.some((l) => l === undefined) ? undefined : Math.max(...(limits as number[]));
        const extra = batch.length > 1 ? Math.max(0, Math.min(batch.length, SHARED_IN_HAND_MAX - view.inHand.length)) : 0;
        let taken: SharedTakeResult;
        try {
          taken = await store.take(view.id, batch[0]!.plan, { count: batch.length, extra, maxWaitMs, lagMs: SHARED_VENDOR_LAG_MS });
        } catch (error) {
          for (const w of batch) w.reject(error);
          continue;
        }
        const received = this.clock.now();
        view.rate = taken.rate;
        view.sharedRate = taken.rateSource === 'header' ? taken.rate : view.sharedRate;
        view.rateSource = taken.rateSource;
        view.tokens = taken.tokens;
        const waits = [...taken.waits];
        for (const w of batch) {
          const waitMs = waits[0];
          if (waitMs === undefined || (w.maxWaitMs !== undefined && waitMs > w.maxWaitMs)) {
            w.reject(new RateLimitWaitTooLongError(view.id, Math.ceil(waitMs ?? taken.refusedWaitMs ?? 0), w.maxWaitMs ?? Number.POSITIVE_INFINITY));
            continue;
          }
          waits.shift();
          w.resolve({ at: received + waitMs, waitMs });
        }
        if (waits.length > 0) this.keepInHand(store, view, waits.map((w) => received + w));
      }
    } finally {
      view.taking = false;
    }
  }

  /** Tokens taken ahead for callers about to come; those none takes in time go back to the store. */
  private keepInHand(store: SharedBucketStore, view: SharedView, tokens: readonly number[]): void {
    view.inHand = [...view.inHand, ...tokens].sort((a, b) => a - b);
    if (view.handBack !== undefined) return;
    view.handBack = setTimeout(() => {
      view.handBack = undefined;
      const unused = view.inHand.length;
      view.inHand = [];
      if (unused > 0) this.write(view, () => store.release(view.id, unused));
    }, SHARED_IN_HAND_MS);
    view.handBack.unref();
  }

  /** A token its caller gave up: to the next caller here waiting for one, else back to the store. */
  private giveBack(store: SharedBucketStore, view: SharedView, at: number): void {
    const next = view.waiters[0];
    const waitMs = at - this.clock.now();
    if (next !== undefined && (next.maxWaitMs === undefined || waitMs <= next.maxWaitMs)) {
      view.waiters.shift();
      next.resolve({ at, waitMs });
      return;
    }
    this.write(view, () => store.release(view.id, 1));
  }

  private viewOf(id: string): SharedView {
    let view = this.views.get(id);
    if (view === undefined) {
      view = new SharedView(id);
      this.views.set(id, view);
    }
    return view;
  }

  /** Queues a store write behind earlier ones of the same bucket; a failure surfaces on the next take. */
  private write(view: SharedView, op: () => Promise<void>): void {
    view.writes = view.writes.then(op).catch((error: unknown) => {
      view.writeError = error;
    });
  }

  private sharedSnapshot(v: SharedView, now: number): RateLimitBucketStats {
    return {
      key: v.id,
      rate: v.rate ?? 0,
      burst: v.burst,
      rateSource: v.rateSource,
      tokens: v.tokens,
      queued: v.queued + v.waiters.length,
      blockedForMs: Math.max(0, v.blockedUntil - now),
      acquired: v.acquired,
      waited: v.waited,
      waitedMs: v.waitedMs,
      penalties: v.penalties,
    };
  }

  private snapshot(b: Bucket, now: number): RateLimitBucketStats {
    b.refill(now);
    return {
      key: b.id,
      rate: b.rate,
      burst: b.burst,
      rateSource: b.rateSource,
      tokens: b.tokens,
      queued: b.queue.length,
      blockedForMs: Math.max(0, b.blockedUntil - now),
      acquired: b.acquired,
      waited: b.waited,
      waitedMs: b.waitedMs,
      penalties: b.penalties,
    };
  }

  private bucketFor(key: RateLimitKey, plan: RateLimitPlan, now: number): Bucket {
    const id = rateLimitKeyString(key);
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = new Bucket(id, plan.rate, plan.burst, now);
      const pending = this.pending.get(id);
      if (pending !== undefined) {
        this.pending.delete(id);
        if (pending.rate !== undefined) {
          bucket.rate = pending.rate;
          bucket.rateSource = 'header';
        }
        if (pending.blockedUntil !== undefined) {
          bucket.tokens = 0;
          bucket.blockedUntil = pending.blockedUntil;
          bucket.penalties += 1;
        }
      }
      this.buckets.set(id, bucket);
      return bucket;
    }
    bucket.refill(now);
    // The published plan is only a seed: a rate learnt from the vendor's header wins.
    if (bucket.rateSource === 'plan') bucket.rate = plan.rate;
    bucket.burst = plan.burst;
    bucket.tokens = Math.min(bucket.tokens, bucket.burst);
    return bucket;
  }

  /** One sleeper per bucket hands tokens to waiters in FIFO order. */
  private async pump(bucket: Bucket): Promise<void> {
    if (bucket.pumping) return;
    bucket.pumping = true;
    try {
      while (bucket.queue.length > 0) {
        const now = this.clock.now();
        const wait = bucket.msUntil(1, now);
        if (wait === 0) {
          const waiter = bucket.queue.shift();
          if (waiter === undefined) break;
          bucket.take();
          bucket.waited += 1;
          bucket.waitedMs += now - waiter.enqueuedAt;
          waiter.detach();
          waiter.resolve();
          continue;
        }
        const wake = new AbortController();
        bucket.wake = wake;
        try {
          await this.clock.sleep(wait, wake.signal);
        } catch (error) {
          // Woken early (penalty, corrected rate, a waiter left): recompute. Anything else is fatal.
          if (!wake.signal.aborted) throw error;
        } finally {
          bucket.wake = undefined;
        }
      }
    } catch (error) {
      for (const waiter of bucket.queue.splice(0)) {
        waiter.detach();
        waiter.reject(error);
      }
    } finally {
      bucket.pumping = false;
    }
  }
}
