import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { answer, CREDENTIALS, EU_ENDPOINT, fixtureText, isolateNetworkPerTest, makeKit, mockLwa, type SeenRequest } from './amazon-test-kit.js';
import { FakeClock } from '../fake-clock.js';

const ORDER = '902-3159896-1390916';
const ORDER_PATH = `/orders/v0/orders/${ORDER}`;
const ORDER_BODY = fixtureText('get-order.iba.model.json');

isolateNetworkPerTest();

describe('LWA access token', () => {
  it('is fetched once for many requests', async () => {
    const lwa = mockLwa(['Atza|only-token']);
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(ORDER_PATH).times(10).reply(answer(seen, 200, ORDER_BODY));
    const { client } = makeKit();

    for (let i = 0; i < 10; i += 1) await client.getOrder(ORDER);

    expect(lwa.isDone()).toBe(true);
    expect(seen).toHaveLength(10);
    expect(new Set(seen.map((s) => s.headers['x-amz-access-token']))).toEqual(new Set(['Atza|only-token']));
    expect(client.stats()).toMatchObject({ requests: 10, tokenRefreshes: 1 });
  });

  it('is fetched once when many calls need it at the same time (single flight)', async () => {
    mockLwa(['Atza|shared']);
    nock(EU_ENDPOINT).get(ORDER_PATH).times(8).reply(200, ORDER_BODY);
    const { client } = makeKit();

    const results = await Promise.all(Array.from({ length: 8 }, () => client.getOrder(ORDER)));

    expect(results).toHaveLength(8);
    expect(client.stats()).toMatchObject({ requests: 8, tokenRefreshes: 1 });
  });

  it('is refreshed 60 s before it expires, not earlier', async () => {
    const clock = new FakeClock();
    mockLwa(['Atza|first', 'Atza|second'], 3600);
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(ORDER_PATH).times(3).reply(answer(seen, 200, ORDER_BODY));
    const { client } = makeKit({ clock });

    await client.getOrder(ORDER);
    clock.nowMs += 3_539_999; // 3600 s lifetime - 60 s skew - 1 ms
    await client.getOrder(ORDER);
    clock.nowMs += 1;
    await client.getOrder(ORDER);

    expect(seen.map((s) => s.headers['x-amz-access-token'])).toEqual(['Atza|first', 'Atza|first', 'Atza|second']);
    expect(client.stats().tokenRefreshes).toBe(2);
  });

  it('a 403 with an expired token triggers exactly one refresh and one resend with the new token', async () => {
    mockLwa(['Atza|expired', 'Atza|fresh']);
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get(ORDER_PATH)
      .reply(
        answer(seen, 403, {
          errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }],
        }),
      )
      .get(ORDER_PATH)
      .reply(answer(seen, 200, ORDER_BODY));
    const { client } = makeKit();

    const result = await client.getOrder(ORDER);

    expect((result.order as { AmazonOrderId: string }).AmazonOrderId).toBe('921-3175655-0452641');
    expect(seen.map((s) => s.headers['x-amz-access-token'])).toEqual(['Atza|expired', 'Atza|fresh']);
    expect(client.stats()).toEqual({ requests: 2, throttled: 0, rateLimitWaitMs: 0, retries: 1, tokenRefreshes: 2 });
  });

  it('concurrent 403s with the same stale token cause one refresh, not one each', async () => {
    mockLwa(['Atza|stale', 'Atza|fresh']);
    let stale = 0;
    nock(EU_ENDPOINT)
      .get(ORDER_PATH)
      .times(8)
      .reply(function () {
        if (this.req.headers['x-amz-access-token'] === 'Atza|stale') {
          stale += 1;
          return [403, fixtureText('error-403-unauthorized.eolabs.json')];
        }
        return [200, ORDER_BODY];
      });
    const { client } = makeKit();

    await Promise.all(Array.from({ length: 4 }, () => client.getOrder(ORDER)));

    expect(stale).toBe(4);
    expect(client.stats()).toMatchObject({ requests: 8, tokenRefreshes: 2 });
  });

  it('never writes tokens or client secrets to the log', async () => {
    mockLwa(['Atza|access-token-do-not-log']);
    nock(EU_ENDPOINT)
      .get(ORDER_PATH)
      .reply(503, 'x')
      .get(ORDER_PATH)
      .reply(200, ORDER_BODY, { 'x-amzn-requestid': 'rid-7' });
    const { client, logs } = makeKit();

    await client.getOrder(ORDER);

    const text = logs.text();
    for (const secret of [...Object.values(CREDENTIALS), 'access-token-do-not-log']) expect(text).not.toContain(secret);
    const requests = logs.entries().filter((e) => e['msg'] === 'amazon request');
    expect(requests.map((e) => [e['operation'], e['status'], e['requestId'], e['attempt'], e['tenant'], e['region']])).toEqual([
      ['getOrder', 503, undefined, 1, 'acme', 'eu'],
      ['getOrder', 200, 'rid-7', 2, 'acme', 'eu'],
    ]);
  });
});
