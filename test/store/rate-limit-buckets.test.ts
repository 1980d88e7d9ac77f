/**
 * Rate-limit buckets shared by several workers through PostgreSQL: two registries (as two
 * worker processes would hold) on one database take from one bucket, see each other's
 * penalties and header rates, and never hand out a token twice. Sleeps go to a fake clock
 * so the computed waits are read, not slept (a token counts as free SHARED_VENDOR_LAG_MS after it refilled).
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiterRegistry, RateLimitWaitTooLongError, SHARED_IN_HAND_MAX, SHARED_VENDOR_LAG_MS, type RateLimitKey } from '../../connectors/http/rate-limiter.js';
import type { SharedBucketStore } from '../../connectors/http/shared-buckets.js';
import { closeDatabase, createPostgresBucketStore, migrateLatest, openDatabase } from '../../store/index.js';
import { FakeClock } from '../connectors/fake-clock.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

const pg = await startTestPostgres();

const KEY: RateLimitKey = { tenant: 'acme', vendor: 'amazon', operation: 'getOrderItems', scope: 'eu' };
const KEY_ID = 'acme/amazon/getOrderItems/eu';
/** Slow refill (one token per 1000 s): the few ms a test takes refill nothing measurable. */
const SLOW = { rate: 0.001, burst: 3 };

interface Worker {
  limiter: RateLimiterRegistry;
  clock: FakeClock;
}

describe.skipIf(!pg)('shared rate-limit buckets on PostgreSQL', () => {
  const server = pg as TestPostgres;
  let db: Knex;
  const worker = (): Worker => {
    const clock = new FakeClock();
    return { clock, limiter: new RateLimiterRegistry({ clock, shared: createPostgresBucketStore(db) }) };
  };
  const row = async () => db('rate_limit_buckets').where({ id: KEY_ID }).first<Record<string, unknown>>();

  beforeAll(async () => {
    db = openDatabase({ url: server.url });
    await migrateLatest(db);
  });
  afterAll(async () => {
    await closeDatabase(db);
    await server.stop();
  });
  beforeEach(async () => {
    await db('rate_limit_buckets').delete();
  });

  it('two workers spend one burst: the last token of it waits only the vendor lag, the next one refill interval', async () => {
    const a = worker();
    const b = worker();
    const waits: number[] = [];
    await a.limiter.acquire(KEY, SLOW);
    await b.limiter.acquire(KEY, SLOW);
    expect([...a.clock.sleeps, ...b.clock.sleeps]).toEqual([]);
    // One token is left, but the vendor's bucket runs SHARED_VENDOR_LAG_MS behind ours.
    await a.limiter.acquire(KEY, SLOW);
    expect(a.clock.sleeps).toHaveLength(1);
    expect(a.clock.sleeps[0]).toBeGreaterThan(SHARED_VENDOR_LAG_MS - 25);
    expect(a.clock.sleeps[0]).toBeLessThanOrEqual(SHARED_VENDOR_LAG_MS);

    await b.limiter.acquire(KEY, SLOW, { onWait: (ms) => waits.push(ms) });

    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(999_000);
    expect(waits[0]).toBeLessThanOrEqual(1_000_000 + SHARED_VENDOR_LAG_MS);
    expect(b.clock.sleeps).toEqual(waits);
    expect(await row()).toMatchObject({ acquired: '4', burst: 3, rate: 0.001, rate_source: 'plan' });
    expect(a.limiter.stats(KEY)).toMatchObject({ acquired: 2, waited: 1 });
    expect(b.limiter.stats(KEY)).toMatchObject({ acquired: 2, waited: 1 });
  });

  it('concurrent takes from two workers hand out each token once: the burst at once, then one per interval', async () => {
    const a = worker();
    const b = worker();
    const waits: number[] = [];
    const take = (w: Worker) => w.limiter.acquire(KEY, SLOW, { onWait: (ms) => waits.push(ms) });
    await Promise.all(Array.from({ length: 20 }, (_, i) => take(i % 2 === 0 ? a : b)));

    // Two went at once, the burst's last after the lag, then each a different slot: 1, 2, … 17 intervals of 1000 s.
    const slots = waits.map((ms) => Math.round(ms / 1_000_000)).sort((x, y) => x - y);
    expect(slots).toEqual(Array.from({ length: 18 }, (_, i) => i));
    const stored = await row();
    expect(stored).toMatchObject({ acquired: '20' });
    expect(Number(stored?.tokens)).toBeCloseTo(-17, 3);
  });

  it('refuses a wait longer than maxWaitMs without taking the token', async () => {
    const a = worker();
    const b = worker();
    for (let i = 0; i < 3; i += 1) await a.limiter.acquire(KEY, SLOW);

    const refused = await b.limiter.acquire(KEY, SLOW, { maxWaitMs: 20_000 }).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(RateLimitWaitTooLongError);
    expect((refused as RateLimitWaitTooLongError).waitMs).toBeGreaterThan(999_000);
    expect((refused as RateLimitWaitTooLongError).key).toBe(KEY_ID);
    const stored = await row();
    expect(stored).toMatchObject({ acquired: '3' });
    expect(Number(stored?.tokens)).toBeCloseTo(0, 3);
  });

  it("one worker's penalty after a 429 holds the other worker back", async () => {
    const a = worker();
    const b = worker();
    await a.limiter.acquire(KEY, { rate: 100, burst: 30 });

    a.limiter.penalize(KEY, 60_000);
    // The penalty is written before a's next take; b reads it from the database.
    await a.limiter.acquire(KEY, { rate: 100, burst: 30 });
    const waits: number[] = [];
    await b.limiter.acquire(KEY, { rate: 100, burst: 30 }, { onWait: (ms) => waits.push(ms) });

    expect(a.clock.sleeps[0]).toBeGreaterThan(59_000);
    expect(waits[0]).toBeGreaterThan(59_000);
    expect(waits[0]).toBeLessThanOrEqual(60_000 + SHARED_VENDOR_LAG_MS);
    expect(await row()).toMatchObject({ penalties: 1 });
    expect(a.limiter.stats(KEY)).toMatchObject({ penalties: 1 });
  });

  it("a rate from one worker's response header paces the other worker", async () => {
    const a = worker();
    const b = worker();
    const plan = { rate: 0.01, burst: 1 };
    await a.limiter.acquire(KEY, plan);
    a.clock.sleeps.length = 0;
    expect(a.limiter.observeRate(KEY, 0.002)).toBe(true);
    // Flush a's write the way a's next take would.
    await a.limiter.acquire(KEY, plan);

    await b.limiter.acquire(KEY, plan);

    expect(b.limiter.rateOf(KEY)).toBe(0.002);
    expect(b.limiter.stats(KEY)).toMatchObject({ rateSource: 'header', rate: 0.002 });
    // a's second token was owed at 1/0.002 s = 500 s; b's comes one more interval later.
    expect(a.clock.sleeps[0]).toBeGreaterThan(499_000);
    expect(b.clock.sleeps[0]).toBeGreaterThan(999_000);
    expect(b.clock.sleeps[0]).toBeLessThanOrEqual(1_000_000 + SHARED_VENDOR_LAG_MS);
    expect(await row()).toMatchObject({ rate: 0.002, rate_source: 'header' });
  });

  it('an unchanged header rate costs no database write', async () => {
    const a = worker();
    await a.limiter.acquire(KEY, SLOW);
    a.limiter.observeRate(KEY, 0.5);
    await a.limiter.acquire(KEY, SLOW);
    await db('rate_limit_buckets').where({ id: KEY_ID }).update({ rate: 0.25 });

    a.limiter.observeRate(KEY, 0.5);
    await a.limiter.acquire(KEY, SLOW);

    // The same header value again was not written: the row keeps the value set behind a's back.
    expect(await row()).toMatchObject({ rate: 0.25, rate_source: 'header' });
  });

  /** The PostgreSQL store, counting the round trips of each kind. */
  const countingStore = () => {
    const store = createPostgresBucketStore(db);
    const calls = { take: 0, release: 0, observeRate: 0 };
    const counted: SharedBucketStore = {
      take: (...args) => ((calls.take += 1), store.take(...args)),
      release: (...args) => ((calls.release += 1), store.release(...args)),
      observeRate: (...args) => ((calls.observeRate += 1), store.observeRate(...args)),
      penalize: (...args) => store.penalize(...args),
    };
    return { store: counted, calls };
  };
  const until = async (what: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await what()); i += 1) await new Promise((r) => setTimeout(r, 10));
  };

  it('callers waiting at once are served by one take per round trip, first come first served', async () => {
    const { store, calls } = countingStore();
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock, shared: store });
    const waits: number[][] = [];

    await Promise.all(Array.from({ length: 6 }, (_, i) => limiter.acquire(KEY, SLOW, { onWait: (ms) => waits.push([i, ms]) })));

    // The first caller's take was in flight when the other five came: they shared the next one.
    expect(calls.take).toBe(2);
    // Callers 0 and 1 had the burst's free tokens, 2 the last after the lag, 3, 4, 5 one interval each.
    expect(waits.map(([i, ms]) => [i, Math.round(ms! / 1_000_000)])).toEqual([
      [2, 0],
      [3, 1],
      [4, 2],
      [5, 3],
    ]);
    expect(await row()).toMatchObject({ acquired: '6' });
  });

  it('a worker serving several callers takes free tokens ahead for its next ones, and gives back those none took', async () => {
    const { store, calls } = countingStore();
    const limiter = new RateLimiterRegistry({ clock: new FakeClock(), shared: store });
    const plan = { rate: 0.001, burst: 30 };

    // Three at once: one take for the first, one for the other two, which also takes two more (free now).
    await Promise.all([1, 2, 3].map(() => limiter.acquire(KEY, plan)));
    expect(calls.take).toBe(2);
    expect(await row()).toMatchObject({ acquired: '5' });
    // The next caller gets one of them without a round trip.
    await limiter.acquire(KEY, plan);
    expect(calls.take).toBe(2);

    // The one left goes back to the bucket when nobody takes it.
    await until(async () => (await row())?.acquired === '4');
    expect(calls.release).toBe(1);
    expect(Number((await row())?.tokens)).toBeCloseTo(26, 3);
    expect(SHARED_IN_HAND_MAX).toBeGreaterThanOrEqual(2);
  });

  it('a 429 drops the tokens a worker holds: its next caller waits out the penalty', async () => {
    const { store, calls } = countingStore();
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock, shared: store });
    const plan = { rate: 100, burst: 30 };
    await Promise.all([1, 2, 3].map(() => limiter.acquire(KEY, plan)));
    expect(await row()).toMatchObject({ acquired: '5' });

    limiter.penalize(KEY, 60_000);
    await limiter.acquire(KEY, plan);

    expect(calls.take).toBe(3);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(59_000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(60_000 + SHARED_VENDOR_LAG_MS);
  });

  it("the first answer bounds the vendor's lag: later tokens wait no longer than it", async () => {
    const { store } = countingStore();
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock, shared: store });
    const plan = { rate: 0.001, burst: 2 };
    await limiter.acquire(KEY, plan);
    // The answer to that request came back: the vendor's bucket had started by then.
    limiter.observeRate(KEY, 0.001);

    await limiter.acquire(KEY, plan);
    await limiter.acquire(KEY, plan);

    const stored = await row();
    const lag = Number(stored?.lag_ms);
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(SHARED_VENDOR_LAG_MS);
    // The burst's last token needs no lag wait any more (it would without the answer: first test).
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(1_000_000 - 100);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(1_000_000 + lag + 1);
  });

  it('a bucket that refilled to full is back to the full lag: the measured one was for its first start', async () => {
    const { store } = countingStore();
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock, shared: store });
    const plan = { rate: 0.001, burst: 2 };
    await limiter.acquire(KEY, plan);
    limiter.observeRate(KEY, 0.001);
    await limiter.acquire(KEY, plan);
    expect(Number((await row())?.lag_ms)).toBeLessThan(SHARED_VENDOR_LAG_MS);
    // A quiet spell refilled it.
    await db('rate_limit_buckets').where({ id: KEY_ID }).update({ tokens: 2 });

    await limiter.acquire(KEY, plan);
    await limiter.acquire(KEY, plan);

    expect(await row()).toMatchObject({ lag_ms: null, created_at_ms: null });
    // The refilled burst's last token waits the full vendor lag again.
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(SHARED_VENDOR_LAG_MS - 25);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(SHARED_VENDOR_LAG_MS);
  });

  it('aborting while waiting rejects with the signal reason', async () => {
    const clock = new FakeClock(undefined, 'manual');
    const limiter = new RateLimiterRegistry({ clock, shared: createPostgresBucketStore(db) });
    for (let i = 0; i < 2; i += 1) await limiter.acquire(KEY, SLOW);
    const controller = new AbortController();
    const waiting = limiter.acquire(KEY, SLOW, { signal: controller.signal }).catch((e: unknown) => e);
    while (clock.pending === 0) await new Promise((r) => setImmediate(r));

    controller.abort(new Error('activity cancelled'));

    expect(await waiting).toEqual(new Error('activity cancelled'));
    expect(limiter.stats(KEY)).toMatchObject({ queued: 0, acquired: 3, waited: 0 });
    // Nobody else here wanted it: the reserved token went back to the bucket.
    await until(async () => (await row())?.acquired === '2');
    expect(Number((await row())?.tokens)).toBeCloseTo(1, 3);
  });
});

describe('shared buckets need PostgreSQL', () => {
  it('refuses a SQLite database', async () => {
    const db = openDatabase({ sqliteFile: ':memory:' });
    try {
      expect(() => createPostgresBucketStore(db)).toThrow(/need PostgreSQL/);
    } finally {
      await closeDatabase(db);
    }
  });
});
