import { describe, expect, it } from 'vitest';
import { RateLimiterRegistry, RateLimitWaitTooLongError, type RateLimitKey } from '../../../connectors/http/rate-limiter.js';
import { FakeClock, flush } from '../fake-clock.js';

const KEY: RateLimitKey = { tenant: 'acme', vendor: 'amazon', operation: 'getOrder', scope: 'eu' };
const PLAN = { rate: 0.5, burst: 3 };

/** Starts an acquire and reports whether it has resolved yet. */
function track(p: Promise<void>): { done: () => boolean; promise: Promise<void> } {
  let done = false;
  const promise = p.then(() => {
    done = true;
  });
  return { done: () => done, promise };
}

describe('RateLimiterRegistry', () => {
  it('hands out the burst at once, then one token every 1/rate, each wait slept once', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    const waits: number[] = [];

    for (let i = 0; i < 6; i += 1) await limiter.acquire(KEY, PLAN, { onWait: (ms) => waits.push(ms) });

    expect(clock.sleeps).toEqual([2000, 2000, 2000]);
    expect(waits).toEqual([2000, 2000, 2000]);
    expect(limiter.stats(KEY)).toMatchObject({ acquired: 6, waited: 3, waitedMs: 6000, tokens: 0, rate: 0.5, burst: 3, rateSource: 'plan' });
  });

  it('the published getOrders plan (0.0167/s) waits ceil(1000 / 0.0167) = 59881 ms after the burst', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    const key = { ...KEY, operation: 'getOrders' };
    for (let i = 0; i < 21; i += 1) await limiter.acquire(key, { rate: 0.0167, burst: 20 });
    expect(clock.sleeps).toEqual([59881]);
  });

  it('a waiter resolves exactly when its token is due, not a millisecond earlier', async () => {
    const clock = new FakeClock(0, 'manual');
    const limiter = new RateLimiterRegistry({ clock });
    for (let i = 0; i < 3; i += 1) await limiter.acquire(KEY, PLAN);

    const fourth = track(limiter.acquire(KEY, PLAN));
    await clock.advance(1999);
    expect(fourth.done()).toBe(false);
    await clock.advance(1);
    expect(fourth.done()).toBe(true);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('serves concurrent waiters first-come first-served, announcing each expected wait', async () => {
    const clock = new FakeClock(0, 'manual');
    const limiter = new RateLimiterRegistry({ clock });
    for (let i = 0; i < 3; i += 1) await limiter.acquire(KEY, PLAN);
    const announced: number[] = [];
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) =>
      limiter.acquire(KEY, PLAN, { onWait: (ms) => announced.push(ms) }).then(() => {
        order.push(n);
      }),
    );

    expect(announced).toEqual([2000, 4000, 6000]);
    await clock.advance(2000);
    expect(order).toEqual([1]);
    await clock.advance(4000);
    expect(order).toEqual([1, 2, 3]);
    await Promise.all(waiters);
    expect(clock.sleeps).toEqual([2000, 2000, 2000]);
  });

  it('observeRate corrects the refill rate, wakes a sleeper early, and outlives the seed plan', async () => {
    const clock = new FakeClock(0, 'manual');
    const limiter = new RateLimiterRegistry({ clock });
    for (let i = 0; i < 3; i += 1) await limiter.acquire(KEY, PLAN);
    const waiting = track(limiter.acquire(KEY, PLAN));
    await flush();

    expect(limiter.observeRate(KEY, 2)).toBe(true);
    await clock.advance(499);
    expect(waiting.done()).toBe(false);
    await clock.advance(1);
    expect(waiting.done()).toBe(true);

    // The next acquire passes the published plan again: the header-learnt rate stays.
    const next = track(limiter.acquire(KEY, PLAN));
    await clock.advance(500);
    expect(next.done()).toBe(true);
    expect(limiter.stats(KEY)).toMatchObject({ rate: 2, rateSource: 'header' });
    // The 2000 ms sleep was cut short by the corrected rate.
    expect(clock.sleeps).toEqual([2000, 500, 500]);
  });

  it('observeRate ignores values that are not positive numbers', async () => {
    const limiter = new RateLimiterRegistry({ clock: new FakeClock() });
    await limiter.acquire(KEY, PLAN);
    expect([limiter.observeRate(KEY, Number.NaN), limiter.observeRate(KEY, 0), limiter.observeRate(KEY, -1)]).toEqual([false, false, false]);
    expect(limiter.stats(KEY)).toMatchObject({ rate: 0.5, rateSource: 'plan' });
  });

  it('penalize empties the bucket and blocks until the penalty is over', async () => {
    const clock = new FakeClock(0, 'manual');
    const limiter = new RateLimiterRegistry({ clock });
    await limiter.acquire(KEY, PLAN);
    limiter.penalize(KEY, 5000);
    expect(limiter.stats(KEY)).toMatchObject({ tokens: 0, blockedForMs: 5000, penalties: 1 });

    const next = track(limiter.acquire(KEY, PLAN));
    await clock.advance(4999);
    expect(next.done()).toBe(false);
    await clock.advance(1);
    expect(next.done()).toBe(true);
    // Tokens kept refilling during the penalty (as Amazon's do): 5 s × 0.5/s = 2.5, one taken.
    expect(limiter.stats(KEY)?.tokens).toBeCloseTo(1.5, 9);
  });

  it('a penalty arriving while a caller sleeps extends its wait', async () => {
    const clock = new FakeClock(0, 'manual');
    const limiter = new RateLimiterRegistry({ clock });
    for (let i = 0; i < 3; i += 1) await limiter.acquire(KEY, PLAN);
    const waiting = track(limiter.acquire(KEY, PLAN));
    await clock.advance(1000);
    limiter.penalize(KEY, 3000);
    await clock.advance(2999);
    expect(waiting.done()).toBe(false);
    await clock.advance(1);
    expect(waiting.done()).toBe(true);
  });

  it('keeps buckets apart per tenant, operation and scope', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    const keys: RateLimitKey[] = [
      KEY,
      { ...KEY, tenant: 'globex' },
      { ...KEY, operation: 'getOrderItems' },
      { ...KEY, scope: 'na' },
    ];
    for (const key of keys) for (let i = 0; i < 3; i += 1) await limiter.acquire(key, PLAN);
    limiter.penalize(KEY, 10_000);

    expect(clock.sleeps).toEqual([]);
    expect(limiter.stats().map((s) => [s.key, s.acquired, s.penalties])).toEqual([
      ['acme/amazon/getOrder/eu', 3, 1],
      ['globex/amazon/getOrder/eu', 3, 0],
      ['acme/amazon/getOrderItems/eu', 3, 0],
      ['acme/amazon/getOrder/na', 3, 0],
    ]);
  });

  it('maxWaitMs refuses a long wait without taking a token', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    for (let i = 0; i < 3; i += 1) await limiter.acquire(KEY, PLAN);

    const error = await limiter.acquire(KEY, PLAN, { maxWaitMs: 1999 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitWaitTooLongError);
    expect((error as RateLimitWaitTooLongError).waitMs).toBe(2000);
    expect(limiter.stats(KEY)).toMatchObject({ acquired: 3, queued: 0 });
    await limiter.acquire(KEY, PLAN, { maxWaitMs: 2000 });
    expect(clock.sleeps).toEqual([2000]);
  });

  it('an aborted waiter leaves the queue and rejects with the abort reason', async () => {
    const clock = new FakeClock(0, 'manual');
    const limiter = new RateLimiterRegistry({ clock });
    for (let i = 0; i < 3; i += 1) await limiter.acquire(KEY, PLAN);
    const controller = new AbortController();
    const aborted = limiter.acquire(KEY, PLAN, { signal: controller.signal }).catch((e: unknown) => e);
    const behind = track(limiter.acquire(KEY, PLAN));
    await flush();

    controller.abort(new Error('activity cancelled'));
    expect(await aborted).toEqual(new Error('activity cancelled'));
    await clock.advance(2000);
    expect(behind.done()).toBe(true);
    expect(limiter.stats(KEY)).toMatchObject({ acquired: 4, queued: 0 });
  });

  it('a header rate or penalty seen before the first acquire applies to the new bucket', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    limiter.observeRate(KEY, 1);
    limiter.penalize(KEY, 1500);
    await limiter.acquire(KEY, PLAN);
    expect(clock.sleeps).toEqual([1500]);
    expect(limiter.stats(KEY)).toMatchObject({ rate: 1, rateSource: 'header', penalties: 1 });
  });

  it('rejects plans that could never hand out a token', async () => {
    const limiter = new RateLimiterRegistry({ clock: new FakeClock() });
    await expect(limiter.acquire(KEY, { rate: 0, burst: 1 })).rejects.toThrow(RangeError);
    await expect(limiter.acquire(KEY, { rate: 1, burst: 0 })).rejects.toThrow(RangeError);
  });
});
