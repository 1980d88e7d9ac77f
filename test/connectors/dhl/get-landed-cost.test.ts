import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { DhlLandedCostRequest } from '../../../connectors/dhl/index.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { FakeClock } from '../fake-clock.js';
import {
  answer,
  CREDENTIALS,
  EXPECTED_AUTHORIZATION,
  fixtureJson,
  fixtureText,
  isolateNetworkPerTest,
  makeKit,
  rejection,
  SETTINGS,
  TEST_BASE,
  TEST_PATH_PREFIX,
  type SeenRequest,
} from './dhl-test-kit.js';

isolateNetworkPerTest();

const REQUEST = fixtureJson<DhlLandedCostRequest>('request.spec-example.json');
const RESPONSE = fixtureJson('response-200.spec-example.json');
const PATH = `${TEST_PATH_PREFIX}/landed-cost`;

describe('getLandedCost request', () => {
  it('POSTs the body to /landed-cost of the test environment with Basic auth, x-version and Message-Reference, and parses the answer', async () => {
    const seen: SeenRequest[] = [];
    const api = nock(TEST_BASE)
      .post(PATH)
      .reply(
        answer(seen, 200, fixtureText('response-200.spec-example.json'), {
          'invocation-id': '3caf468a-c2fb-4837-b271-reqeust',
          'message-reference': 'caravan-ref-1',
        }),
      );
    const { client } = makeKit();

    const result = await client.getLandedCost(REQUEST);

    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.path).toBe('/mydhlapi/test/landed-cost');
    const headers = seen[0]?.headers ?? {};
    expect(headers['authorization']).toBe(EXPECTED_AUTHORIZATION);
    expect(headers['x-version']).toBe('3.1.0');
    expect(headers['message-reference']).toBe('caravan-ref-1');
    expect(headers['message-reference-date']).toBe('Sun, 01 Mar 2026 00:00:00 GMT');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['accept']).toBe('application/json');
    expect(headers['user-agent']).toBe('Caravan/0.1');
    // The exact body: the description's request example, unchanged.
    expect(seen[0]?.body).toEqual(REQUEST);
    expect(JSON.stringify(seen[0]?.body)).toBe(JSON.stringify(REQUEST));

    expect(result).toEqual({
      response: RESPONSE,
      invocationId: '3caf468a-c2fb-4837-b271-reqeust',
      messageReference: 'caravan-ref-1',
    });
    expect(api.isDone()).toBe(true);
  });

  it('uses the Message-Reference the caller gives and returns the Quotation-Id header', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE)
      .post(PATH)
      .reply(answer(seen, 200, RESPONSE, { 'quotation-id': 'Q-2021-100-000018059' }));
    const { client } = makeKit();

    const result = await client.getLandedCost(REQUEST, { messageReference: 'landed-cost/shp-1001' });

    expect(seen[0]?.headers['message-reference']).toBe('landed-cost/shp-1001');
    expect(result.quotationId).toBe('Q-2021-100-000018059');
    expect(result.messageReference).toBe('landed-cost/shp-1001');
    expect(result.invocationId).toBeUndefined();
  });

  it('calls the production base URL, and an endpoint override', async () => {
    const seen: SeenRequest[] = [];
    nock('https://express.api.dhl.com').post('/mydhlapi/landed-cost').reply(answer(seen, 200, RESPONSE));
    nock('http://127.0.0.1:4010').post('/landed-cost').reply(answer(seen, 200, RESPONSE));

    await makeKit({ settings: { ...SETTINGS, environment: 'production' } }).client.getLandedCost(REQUEST);
    await makeKit({ settings: { ...SETTINGS, endpoint: 'http://127.0.0.1:4010/' } }).client.getLandedCost(REQUEST);

    expect(seen.map((s) => s.path)).toEqual(['/mydhlapi/landed-cost', '/landed-cost']);
  });

  it('refuses a Message-Reference longer than 36 characters without calling DHL', async () => {
    const { client } = makeKit();
    const error = await rejection(client.getLandedCost(REQUEST, { messageReference: 'x'.repeat(37) }));
    expect(error.kind).toBe('validation');
    expect(error.message).toBe('DHL Express landedCost: Message-Reference must be 1 to 36 characters, got 37');
  });

  it('refuses a body that breaks the description (unknown field, missing items) without calling DHL', async () => {
    const { client } = makeKit();
    const { items: _items, ...withoutItems } = REQUEST;
    const bad = { ...withoutItems, plannedShippingDateAndTime: '2026-03-01T10:00:00 GMT+01:00' } as unknown as DhlLandedCostRequest;

    const error = await rejection(client.getLandedCost(bad));

    expect(error.kind).toBe('validation');
    expect(error.operation).toBe('landedCost');
    expect(error.message).toContain('request breaks the MyDHL description');
    expect(error.message).toContain('items: Invalid input: expected array, received undefined');
    expect(error.message).toContain('Unrecognized key: "plannedShippingDateAndTime"');
  });

  it('resends after a 503 (a quote creates nothing) and returns the second answer', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(PATH).reply(answer(seen, 503, { title: 'Service Unavailable', detail: 'try later' }));
    nock(TEST_BASE).post(PATH).reply(answer(seen, 200, RESPONSE));
    const { client } = makeKit();

    const result = await client.getLandedCost(REQUEST);

    expect(seen).toHaveLength(2);
    expect(seen.map((s) => s.headers['message-reference'])).toEqual(['caravan-ref-1', 'caravan-ref-1']);
    expect(result.response).toEqual(RESPONSE);
  });

  it('a 200 that is not a landed-cost answer is a contract error', async () => {
    nock(TEST_BASE).post(PATH).reply(200, '<html><body>Maintenance</body></html>', { 'content-type': 'text/html' });
    nock(TEST_BASE).post(PATH).reply(200, { warnings: ['no products'] });
    const { client } = makeKit();

    const html = await rejection(client.getLandedCost(REQUEST));
    const shape = await rejection(client.getLandedCost(REQUEST));

    expect([html.kind, shape.kind]).toEqual(['contract', 'contract']);
    expect(html.message).toBe('DHL Express landedCost: HTTP 200 without a JSON body: <html><body>Maintenance</body></html>');
    expect(shape.message).toBe(
      'DHL Express landedCost: response is not a landed-cost answer (products: Invalid input: expected array, received undefined)',
    );
  });

  it('a network failure is transient once the short retries ran out, and names no secret', async () => {
    // An Error instance: nock 14 + axios hang on a plain-object error.
    nock(TEST_BASE)
      .post(PATH)
      .times(3)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { client, logs } = makeKit();

    const error = await rejection(client.getLandedCost(REQUEST));

    expect(error.kind).toBe('transient');
    expect(error.vendorCode).toBe('ECONNRESET');
    expect(error.message).toBe('DHL Express landedCost: network error ECONNRESET: socket hang up');
    const everything = `${error.message} ${String((error.cause as Error).message)} ${logs.text()}`;
    expect(everything).not.toContain(CREDENTIALS.password);
    expect(everything).not.toContain(EXPECTED_AUTHORIZATION.slice(6));
  });

  it('logs each request without credentials', async () => {
    nock(TEST_BASE).post(PATH).reply(200, RESPONSE, { 'invocation-id': 'inv-1' });
    const { client, logs } = makeKit();

    await client.getLandedCost(REQUEST);

    const entry = logs.entries().find((e) => e['msg'] === 'dhl request');
    expect(entry).toMatchObject({
      vendor: 'dhl',
      tenant: 'acme',
      environment: 'test',
      operation: 'landedCost',
      status: 200,
      // The pipeline logs every vendor's request id as requestId (here DHL's Invocation-Id).
      requestId: 'inv-1',
      messageReference: 'caravan-ref-1',
      attempt: 1,
    });
    expect(logs.text()).not.toContain(CREDENTIALS.password);
    expect(logs.text()).not.toContain(EXPECTED_AUTHORIZATION.slice(6));
  });
});

describe('client configuration', () => {
  it('rejects settings and credentials that break their schema, naming the field and no secret', () => {
    expect(() => makeKit({ settings: { ...SETTINGS, accountNumber: '1234567890123' } })).toThrow(
      'DHL Express connection settings invalid: accountNumber: Too big: expected string to have <=12 characters',
    );
    expect(() => makeKit({ credentials: { username: 'a:b', password: 'caravan-secret-Xy9!' } })).toThrow(
      'DHL Express credentials invalid: username: must not contain ":"',
    );
    let message = '';
    try {
      makeKit({ credentials: { username: '', password: 'caravan-secret-Xy9!' } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('DHL Express credentials invalid: username: Too small: expected string to have >=1 characters');
  });
});

describe('getLandedCost rate limit', () => {
  it("takes a token from the tenant's DHL bucket: past the burst, a call that would wait longer than allowed is refused as rate_limited before any request", async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(PATH).times(2).reply(answer(seen, 200, RESPONSE));
    const limiter = new RateLimiterRegistry({ clock: new FakeClock() });
    const { client } = makeKit({ limiter, settings: { ...SETTINGS, rateLimit: { rate: 0.01, burst: 2 }, maxInProcessWaitMs: 0 } });

    await client.getLandedCost(REQUEST);
    await client.getLandedCost(REQUEST);
    const third = await client.getLandedCost(REQUEST).catch((e: unknown) => e);

    expect(seen).toHaveLength(2);
    expect(third).toMatchObject({ name: 'ConnectorError', kind: 'rate_limited', vendor: 'dhl' });
    expect(limiter.stats().map((s) => s.key)).toEqual(['acme/dhl/mydhl']);
  });
});
