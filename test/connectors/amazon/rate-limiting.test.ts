/**
 * The client's use of the token bucket: published plans as seeds, waits computed from the
 * bucket, 429s waited out in-process only when short, never a request storm.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import {
  answer,
  EU_ENDPOINT,
  fixtureText,
  isolateNetworkPerTest,
  makeKit,
  mockLwa,
  rejection,
  SETTINGS,
  type SeenRequest,
} from './amazon-test-kit.js';
import { FakeClock } from '../fake-clock.js';

const ORDER = '902-3159896-1390916';
const ORDER_PATH = `/orders/v0/orders/${ORDER}`;
const ORDER_BODY = fixtureText('get-order.iba.model.json');
const QUOTA = fixtureText('error-429-quota-exceeded.synthetic.json');
const EMPTY_PAGE = { payload: { Orders: [] } };
const GET_ORDERS_KEY = { tenant: 'acme', vendor: 'amazon', operation: 'getOrders', scope: 'eu' };

isolateNetworkPerTest();

describe('429 handling', () => {
  it('getOrder: waits exactly 1/rate (2 s) in-process after a 429, then succeeds', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(ORDER_PATH).reply(answer(seen, 429, QUOTA)).get(ORDER_PATH).reply(answer(seen, 200, ORDER_BODY));
    const { client, clock } = makeKit();

    await client.getOrder(ORDER);

    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
    expect(client.stats()).toEqual({ requests: 2, throttled: 1, rateLimitWaitMs: 2000, retries: 1, tokenRefreshes: 1 });
  });

  it('getOrder: after 1 + 3 throttled attempts gives up with rate_limited; one request per computed wait, no storm', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(ORDER_PATH).times(4).reply(answer(seen, 429, QUOTA));
    const { client, clock } = makeKit();

    const error = await rejection(client.getOrder(ORDER));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(2000);
    expect(seen).toHaveLength(4);
    expect(clock.sleeps).toEqual([2000, 2000, 2000]);
    expect(client.stats()).toEqual({ requests: 4, throttled: 4, rateLimitWaitMs: 6000, retries: 3, tokenRefreshes: 1 });
  });

  it('getOrders: a 429 means a 59.9 s wait, longer than the in-process limit: back to Temporal, and the bucket stays shut', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get('/orders/v0/orders')
      .query(true)
      .reply(answer(seen, 429, QUOTA))
      .get('/orders/v0/orders')
      .query(true)
      .reply(answer(seen, 200, EMPTY_PAGE));
    const { client, clock } = makeKit();
    const params = { createdAfter: '2026-03-01T00:00:00Z' };

    const first = await rejection(client.getOrders(params));
    expect(first.retryAfterMs).toBe(59881);

    // An early retry (e.g. another activity) is refused locally, without a request.
    clock.nowMs += 10_000;
    const second = await rejection(client.getOrders(params));
    expect(second.kind).toBe('rate_limited');
    expect(second.retryAfterMs).toBe(49881);
    expect(second.message).toBe('Amazon getOrders: rate limit, next request slot in 49881 ms');
    expect(seen).toHaveLength(1);

    clock.nowMs += 49_881;
    await client.getOrders(params);
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([]);
    expect(client.stats()).toMatchObject({ requests: 2, throttled: 1 });
  });

  it('honours a Retry-After header when one is sent', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .get(ORDER_PATH)
      .reply(429, QUOTA, { 'retry-after': '7' })
      .get(ORDER_PATH)
      .reply(200, ORDER_BODY);
    const { client, clock } = makeKit();
    await client.getOrder(ORDER);
    expect(clock.sleeps).toEqual([7000]);
  });
});

describe('bucket pacing', () => {
  it('getOrders: 20 requests of burst go at once; the 21st would wait 59.9 s, so it is refused with retryAfterMs', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get('/orders/v0/orders').query(true).times(21).reply(answer(seen, 200, EMPTY_PAGE));
    const { client, clock } = makeKit();

    for (let i = 0; i < 20; i += 1) await client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });
    expect(seen).toHaveLength(20);
    expect(clock.sleeps).toEqual([]);

    const error = await rejection(client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' }));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(59881);
    expect(seen).toHaveLength(20);

    // A caller that heartbeats may allow the long wait: it then waits exactly once, exactly 1/rate.
    const waits: number[] = [];
    await client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' }, { maxWaitMs: 120_000, onRateLimitWait: (ms) => waits.push(ms) });
    expect(waits).toEqual([59881]);
    expect(clock.sleeps).toEqual([59881]);
    expect(seen).toHaveLength(21);
    expect(client.stats()).toMatchObject({ requests: 21, rateLimitWaitMs: 59881, throttled: 0 });
  });

  it('x-amzn-RateLimit-Limit overrides the published plan for the following waits', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get('/orders/v0/orders').query(true).times(21).reply(200, EMPTY_PAGE, { 'x-amzn-ratelimit-limit': '0.5' });
    const { client, clock, limiter } = makeKit();

    for (let i = 0; i < 21; i += 1) await client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });

    expect(limiter.stats(GET_ORDERS_KEY)).toMatchObject({ rate: 0.5, rateSource: 'header' });
    expect(clock.sleeps).toEqual([2000]);
  });

  it('a rateLimits override in the settings replaces the published plan', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get(ORDER_PATH).times(3).reply(200, ORDER_BODY);
    const { client, clock } = makeKit({ settings: { ...SETTINGS, rateLimits: { getOrder: { rate: 4, burst: 2 } } } });
    for (let i = 0; i < 3; i += 1) await client.getOrder(ORDER);
    expect(clock.sleeps).toEqual([250]);
  });

  it('buckets are per tenant: one tenant exhausting getOrders does not slow another', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    mockLwa(['FILTERED', 'FILTERED']);
    nock(EU_ENDPOINT).get('/orders/v0/orders').query(true).times(21).reply(200, EMPTY_PAGE);
    const acme = makeKit({ clock, limiter });
    const globex = makeKit({ clock, limiter, tenant: 'globex' });

    for (let i = 0; i < 20; i += 1) await acme.client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });
    await globex.client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });

    expect(clock.sleeps).toEqual([]);
    expect(limiter.stats().map((s) => [s.key, s.acquired])).toEqual([
      ['acme/amazon/getOrders/eu', 20],
      ['globex/amazon/getOrders/eu', 1],
    ]);
  });
});
