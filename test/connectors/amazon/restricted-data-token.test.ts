/**
 * Restricted data tokens (Tokens API 2021-03-01) — createRestrictedDataToken as the model
 * describes it, and Orders API v0 reads sent with a cached RDT instead of the LWA token:
 * one RDT per resource set until shortly before it expires, a refused RDT replaced once, the
 * Tokens API's real error replies typed, and the RDT never in a log line or a message.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ordersRestrictedResources, restrictedResourcesKey } from '../../../connectors/amazon/index.js';
import { answer, EU_ENDPOINT, fixtureJson, isolateNetworkPerTest, makeKit, mockLwa, rejection, type SeenRequest } from './amazon-test-kit.js';
import { sandboxCase } from './model-sandbox.js';

const MODEL = 'tokens_2021-03-01.json';
const RDT_PATH = '/tokens/2021-03-01/restrictedDataToken';
const ORDER_ID = '902-1845936-5435065';
const RDT_1 = 'Atz.sprdt|caravan-rdt-one-secret';
const RDT_2 = 'Atz.sprdt|caravan-rdt-two-secret';

isolateNetworkPerTest();

/** Answers each RDT request with the next token, recording its body. */
function mockRdt(tokens: readonly string[], bodies: unknown[], expiresIn = 3600): void {
  let i = 0;
  nock(EU_ENDPOINT)
    .post(RDT_PATH, (b: unknown) => (bodies.push(b), true))
    .times(tokens.length)
    .reply(() => [200, { restrictedDataToken: tokens[i++], expiresIn }, { 'content-type': 'application/json', 'x-amzn-ratelimit-limit': '1.0' }]);
}

describe('createRestrictedDataToken', () => {
  it('posts the model sandbox request and reads the token and its lifetime, on the 1/s burst 10 bucket', async () => {
    mockLwa();
    const sample = sandboxCase(MODEL, 'createRestrictedDataToken', '200');
    const seen: SeenRequest[] = [];
    let body: unknown;
    nock(EU_ENDPOINT)
      .post(RDT_PATH, (b: unknown) => ((body = b), true))
      .reply(answer(seen, 200, sample.response as Record<string, unknown>, { 'x-amzn-requestid': 'rid-rdt' }));
    const { client, limiter } = makeKit();
    const request = sample.request.parameters.body!.value as { targetApplication: string; restrictedResources: [{ method: 'GET'; path: string }] };

    const result = await client.createRestrictedDataToken(request.restrictedResources);

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([`POST ${RDT_PATH}`]);
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    expect(body).toEqual({ restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }] });
    expect(result).toEqual({ restrictedDataToken: 'Atz.sprdt|IQEBLjAsAhRmHjNgHpi0U-Dme37rR6CuUpSR', expiresInS: 3600, requestId: 'rid-rdt' });
    expect(limiter.stats({ tenant: 'acme', vendor: 'amazon', operation: 'createRestrictedDataToken', scope: 'eu' })).toMatchObject({ rate: 1, burst: 10 });
  });

  it('refuses an empty resource list locally (Amazon answers "Empty target resource arguement found", amzn/selling-partner-api-models#2429) and an unknown data element', async () => {
    const { client } = makeKit();
    expect((await rejection(client.createRestrictedDataToken([]))).message).toBe('Amazon createRestrictedDataToken: restrictedResources needs at least one resource');
    const bad = await rejection(client.createRestrictedDataToken([{ method: 'GET', path: '/orders/v0/orders', dataElements: ['email' as 'buyerInfo'] }]));
    expect(bad.kind).toBe('validation');
    expect(bad.message).toBe('Amazon createRestrictedDataToken: restrictedResources[0] invalid: dataElements[0]: Invalid option: expected one of "buyerInfo"|"shippingAddress"|"buyerTaxInformation"');
    expect(client.stats().requests).toBe(0);
  });

  it('answers "Application do not have access to some or all requested resource" (400 InvalidInput, details "") as validation (amzn/selling-partner-api-models#1316)', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .post(RDT_PATH)
      .reply(400, { errors: [{ code: 'InvalidInput', message: 'Application do not have access to some or all requested resource', details: '' }] }, { 'x-amzn-requestid': 'rid-400' });
    const { client } = makeKit();
    const error = await rejection(client.createRestrictedDataToken([{ method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems' }]));
    expect(error).toMatchObject({ kind: 'validation', status: 400, vendorCode: 'InvalidInput', requestId: 'rid-400' });
    expect(error.message).toBe('Amazon createRestrictedDataToken: HTTP 400 InvalidInput: Application do not have access to some or all requested resource');
  });

  it('a malformed reply is a contract error that does not quote the token', async () => {
    mockLwa();
    nock(EU_ENDPOINT).post(RDT_PATH).reply(200, { restrictedDataToken: RDT_1, expiresIn: 'soon' });
    const { client, logs } = makeKit();
    const error = await rejection(client.createRestrictedDataToken([{ method: 'GET', path: '/orders/v0/orders' }]));
    expect(error.kind).toBe('contract');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('caravan-rdt-one-secret');
    expect(logs.text()).not.toContain('caravan-rdt-one-secret');
  });
});

describe('Orders API v0 with a restricted data token', () => {
  it('sends getOrder and getOrders with one cached RDT for the generic resources, never the LWA token; the RDT is never logged', async () => {
    mockLwa(['Atza|caravan-lwa-token']);
    const bodies: unknown[] = [];
    mockRdt([RDT_1], bodies);
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(`/orders/v0/orders/${ORDER_ID}`).thrice().reply(answer(seen, 200, fixtureJson('get-order.iba.model.json')));
    nock(EU_ENDPOINT).get('/orders/v0/orders').query(true).reply(answer(seen, 200, fixtureJson('get-orders.next-token-page-2.model.json')));
    const { client, logs } = makeKit();

    const pii = client.withRestrictedData(['buyerInfo', 'shippingAddress']);
    await pii.getOrder(ORDER_ID);
    await pii.getOrder(ORDER_ID);
    await pii.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });

    expect(bodies).toEqual([
      {
        restrictedResources: [
          { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
          { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: ['buyerInfo', 'shippingAddress'] },
          { method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems', dataElements: ['buyerInfo'] },
        ],
      },
    ]);
    // Any order of the same data elements shares the cached RDT.
    await client.withRestrictedData(['shippingAddress', 'buyerInfo']).getOrder(ORDER_ID);
    expect(seen.map((s) => s.headers['x-amz-access-token'])).toEqual([RDT_1, RDT_1, RDT_1, RDT_1]);
    expect(bodies).toHaveLength(1);
    const text = logs.text();
    expect(text).not.toContain('caravan-rdt-one-secret');
    expect(text).not.toContain('caravan-lwa-token');
  });

  it('asks for a new RDT once the cached one is within a minute of expiring', async () => {
    mockLwa(['Atza|lwa-1', 'Atza|lwa-2']);
    const bodies: unknown[] = [];
    mockRdt([RDT_1, RDT_2], bodies, 3600);
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(`/orders/v0/orders/${ORDER_ID}`).thrice().reply(answer(seen, 200, fixtureJson('get-order.iba.model.json')));
    const { client, clock } = makeKit();
    const pii = client.withRestrictedData(['shippingAddress']);
    await pii.getOrder(ORDER_ID);
    clock.nowMs += 3_539_000;
    await pii.getOrder(ORDER_ID);
    clock.nowMs += 2_000;
    await pii.getOrder(ORDER_ID);
    expect(seen.map((s) => s.headers['x-amz-access-token'])).toEqual([RDT_1, RDT_1, RDT_2]);
    expect(bodies).toHaveLength(2);
  });

  it('replaces a refused RDT once (403 Unauthorized) and resends', async () => {
    mockLwa();
    const bodies: unknown[] = [];
    mockRdt([RDT_1, RDT_2], bodies);
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(`/orders/v0/orders/${ORDER_ID}`).reply(answer(seen, 403, fixtureJson('error-403-unauthorized.eolabs.json')));
    nock(EU_ENDPOINT).get(`/orders/v0/orders/${ORDER_ID}`).reply(answer(seen, 200, fixtureJson('get-order.iba.model.json')));
    const { client } = makeKit();
    await client.withRestrictedData(['buyerInfo']).getOrder(ORDER_ID);
    expect(seen.map((s) => s.headers['x-amz-access-token'])).toEqual([RDT_1, RDT_2]);
  });

  it('reads order items with the LWA token when buyerInfo is not asked for (their RDT takes only buyerInfo)', async () => {
    mockLwa(['Atza|lwa-1']);
    const bodies: unknown[] = [];
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(`/orders/v0/orders/${ORDER_ID}/orderItems`).reply(answer(seen, 200, fixtureJson('get-order-items.model.json')));
    const { client } = makeKit();
    await client.withRestrictedData(['shippingAddress']).getOrderItems(ORDER_ID);
    expect(bodies).toEqual([]);
    expect(seen[0]?.headers['x-amz-access-token']).toBe('Atza|lwa-1');
    expect(ordersRestrictedResources(['shippingAddress']).map((r) => r.path)).toEqual(['/orders/v0/orders', '/orders/v0/orders/{orderId}']);
  });

  it('leaves the plain client on the LWA token', async () => {
    mockLwa(['Atza|lwa-1']);
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(`/orders/v0/orders/${ORDER_ID}`).reply(answer(seen, 200, fixtureJson('get-order.iba.model.json')));
    const { client } = makeKit();
    client.withRestrictedData(['buyerInfo']);
    await client.getOrder(ORDER_ID);
    expect(seen[0]?.headers['x-amz-access-token']).toBe('Atza|lwa-1');
  });

  it('keys the cache by the resource set, whatever its order', () => {
    const a = ordersRestrictedResources(['buyerInfo', 'shippingAddress']);
    expect(restrictedResourcesKey(a)).toBe(restrictedResourcesKey([...a].reverse()));
    expect(restrictedResourcesKey(a)).not.toBe(restrictedResourcesKey(ordersRestrictedResources(['buyerInfo'])));
  });
});
