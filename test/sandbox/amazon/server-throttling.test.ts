import { afterEach, describe, expect, it } from 'vitest';
import {
  CURATED_ORDER_IDS,
  SANDBOX_DEMO_CREDENTIALS,
  generateAmazonSeed,
  startAmazonSandbox,
  type AmazonSandbox,
  type AmazonSandboxOptions,
  type LwaCredential,
} from '../../../sandbox/amazon/index.js';
import { postJson, requestToken, spGet, T0, testClock, type OrdersPayload, type Reply, type TestClock } from './sandbox-client.js';
import { validateResponse } from './swagger-schema.js';

const seed = generateAmazonSeed({ now: new Date(T0), count: 40 }).orders;
const QUERY = { MarketplaceIds: 'A1PA6795UKMFR9', CreatedAfter: '2026-03-01T00:00:00Z' };
const QUOTA_EXCEEDED = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] };
const ORDER_PATH = `/orders/v0/orders/${CURATED_ORDER_IDS.arabicNameDe}`;

let sandbox: AmazonSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: AmazonSandboxOptions = {}): Promise<{ sb: AmazonSandbox; clock: TestClock; token: string }> {
  const clock = testClock();
  sandbox = await startAmazonSandbox({ orders: seed, now: clock.now, ...options });
  return { sb: sandbox, clock, token: await requestToken(sandbox.url) };
}

async function getOrders(sb: AmazonSandbox, token: string, times: number): Promise<Reply<OrdersPayload>[]> {
  const replies: Reply<OrdersPayload>[] = [];
  for (let i = 0; i < times; i++) replies.push(await spGet<OrdersPayload>(sb.url, '/orders/v0/orders', token, QUERY));
  return replies;
}

describe('token buckets (usage plans from ordersV0.json)', () => {
  it('lets a burst of 20 getOrders through, then answers 429 without the rate-limit header', async () => {
    const { sb, token } = await start();
    const replies = await getOrders(sb, token, 22);
    expect(replies.map((r) => r.status)).toEqual([...Array(20).fill(200), 429, 429]);
    expect(replies[0]?.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0167');
    const throttled = replies[20] as Reply<OrdersPayload>;
    expect(throttled.body).toEqual(QUOTA_EXCEEDED);
    expect(throttled.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
    expect(throttled.headers.get('x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(validateResponse('/orders/v0/orders', 429, throttled.body)).toEqual([]);
    expect(sb.stats().operations.getOrders).toEqual({ requests: 22, throttled: 2, injectedFaults: 0, statuses: { 200: 20, 429: 2 }, firstAt: expect.any(Number), lastAt: expect.any(Number) });
  });

  it('refills at 0.0167 tokens per second on the sandbox clock', async () => {
    const { sb, clock, token } = await start();
    await getOrders(sb, token, 20);
    clock.advanceSeconds(59); // 0.985 tokens: not yet one
    expect((await getOrders(sb, token, 1))[0]?.status).toBe(429);
    clock.advanceSeconds(1); // 1.002 tokens
    expect((await getOrders(sb, token, 2)).map((r) => r.status)).toEqual([200, 429]);
  });

  it('scales rates (not bursts) by timeScale and reports the scaled rate', async () => {
    const { sb, clock, token } = await start({ timeScale: 60 });
    const burst = await getOrders(sb, token, 21);
    expect(burst.map((r) => r.status)).toEqual([...Array(20).fill(200), 429]);
    expect(burst[0]?.headers.get('x-amzn-RateLimit-Limit')).toBe('1.002');
    clock.advanceSeconds(1);
    expect((await getOrders(sb, token, 2)).map((r) => r.status)).toEqual([200, 429]);
    const item = await spGet(sb.url, ORDER_PATH, token);
    expect(item.headers.get('x-amzn-RateLimit-Limit')).toBe('30.0');
  });

  it('gives getOrder its own bucket of 30 at 0.5 per second', async () => {
    const { sb, clock, token } = await start();
    await getOrders(sb, token, 21); // getOrders exhausted…
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await spGet(sb.url, ORDER_PATH, token)).status);
    expect(statuses).toEqual([...Array(30).fill(200), 429]); // …getOrder is not
    clock.advanceSeconds(2);
    expect((await spGet(sb.url, ORDER_PATH, token)).status).toBe(200);
    expect((await spGet(sb.url, ORDER_PATH, token)).status).toBe(429);
  });

  it('keeps one set of buckets per application–selling-partner credential', async () => {
    const other: LwaCredential = { clientId: 'amzn1.application-oa2-client.other', clientSecret: 'other-secret', refreshToken: 'Atzr|other' };
    const { sb, token } = await start({ clients: [SANDBOX_DEMO_CREDENTIALS, other] });
    await getOrders(sb, token, 20);
    expect((await getOrders(sb, token, 1))[0]?.status).toBe(429);
    const otherToken = await requestToken(sb.url, other);
    expect((await getOrders(sb, otherToken, 1))[0]?.status).toBe(200);
  });

  it('never throttles with rateLimits: false', async () => {
    const { sb, token } = await start({ rateLimits: false });
    const replies = await getOrders(sb, token, 30);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies[29]?.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0167');
  });
});

describe('fault injection', () => {
  it('fails the next calls of one operation, then recovers (a 429 storm)', async () => {
    const { sb, token } = await start();
    sb.injectFaults({ operation: 'getOrders', status: 429, count: 3 });
    const replies = await getOrders(sb, token, 4);
    expect(replies.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(replies[0]?.body).toEqual(QUOTA_EXCEEDED);
    expect(replies[0]?.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
    // Injected faults do not spend bucket tokens: 19 more fit in the burst of 20.
    expect((await getOrders(sb, token, 20)).map((r) => r.status)).toEqual([...Array(19).fill(200), 429]);
    expect(sb.stats().operations.getOrders).toMatchObject({ requests: 24, throttled: 4, injectedFaults: 3 });
  });

  it('injects 500 and 503 through the admin API, only for the named operation', async () => {
    const { sb, token } = await start();
    const admin = await postJson(sb.url, '/_sandbox/faults', { operation: 'getOrder', status: 503, count: 1 });
    expect(admin.status).toBe(200);
    await postJson(sb.url, '/_sandbox/faults', [{ operation: 'getOrder', status: 500, count: 1 }]);
    expect((await getOrders(sb, token, 1))[0]?.status).toBe(200);
    const first = await spGet(sb.url, ORDER_PATH, token);
    const second = await spGet(sb.url, ORDER_PATH, token);
    const third = await spGet(sb.url, ORDER_PATH, token);
    expect([first.status, second.status, third.status]).toEqual([503, 500, 200]);
    expect(first.body).toEqual({ errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please try again.', details: '' }] });
    expect(second.body).toEqual({ errors: [{ code: 'InternalFailure', message: 'We encountered an internal error. Please try again.', details: '' }] });
    expect(validateResponse('/orders/v0/orders/{orderId}', 503, first.body)).toEqual([]);
    expect(validateResponse('/orders/v0/orders/{orderId}', 500, second.body)).toEqual([]);
  });

  it('can make the LWA token endpoint fail', async () => {
    const { sb } = await start();
    sb.injectFaults({ operation: 'token', status: 503, count: 1 });
    await expect(requestToken(sb.url)).rejects.toThrow('token request failed with 503');
    await expect(requestToken(sb.url)).resolves.toMatch(/^Atza\|/);
  });

  it('rejects a malformed fault spec', async () => {
    const { sb } = await start();
    const r = await postJson<{ error: string }>(sb.url, '/_sandbox/faults', { operation: 'getOrders', status: 404, count: 1 });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('status must be 429, 500 or 503');
    expect(() => sb.injectFaults({ operation: 'listOrders' as 'getOrders', status: 500, count: 1 })).toThrow(/operation must be one of/);
  });
});
