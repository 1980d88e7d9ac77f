/**
 * Every SP-API error body → ConnectorError kind, with the number of requests it cost
 * (errors that cannot succeed on resend are sent once; transient ones 1 + 2 short retries).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { recogniseAmazonErrorReply, recogniseLwaErrorReply } from '../../../connectors/amazon/index.js';
import { ConnectorError, type ConnectorErrorKind } from '../../../connectors/http/errors.js';
import {
  answer,
  CREDENTIALS,
  EU_ENDPOINT,
  fixtureText,
  isolateNetworkPerTest,
  LWA_HOST,
  LWA_PATH,
  makeKit,
  mockLwa,
  rejection,
  type SeenRequest,
} from './amazon-test-kit.js';

const ORDER_PATH = '/orders/v0/orders/902-3159896-1390916';

isolateNetworkPerTest();

interface Case {
  readonly name: string;
  readonly status: number;
  readonly body: string;
  readonly kind: ConnectorErrorKind;
  readonly vendorCode?: string;
  readonly message: string;
  readonly requests: number;
}

const cases: Case[] = [
  {
    name: '400 InvalidInput (model sandbox body)',
    status: 400,
    body: fixtureText('error-400-invalid-input.model.json'),
    kind: 'validation',
    vendorCode: 'InvalidInput',
    message: 'Amazon getOrder: HTTP 400 InvalidInput: Invalid Input',
    requests: 1,
  },
  {
    name: '404 NotFound',
    status: 404,
    body: fixtureText('error-404-not-found.synthetic.json'),
    kind: 'not_found',
    vendorCode: 'NotFound',
    message: 'Amazon getOrder: HTTP 404 NotFound: The requested order was not found.',
    requests: 1,
  },
  {
    name: '500 InternalFailure',
    status: 500,
    body: fixtureText('error-500-internal-failure.synthetic.json'),
    kind: 'transient',
    vendorCode: 'InternalFailure',
    message: 'Amazon getOrder: HTTP 500 InternalFailure: We encountered an internal error. Please try again.',
    requests: 3,
  },
  {
    name: '503 ServiceUnavailable',
    status: 503,
    body: fixtureText('error-503-service-unavailable.synthetic.json'),
    kind: 'transient',
    vendorCode: 'ServiceUnavailable',
    message: 'Amazon getOrder: HTTP 503 ServiceUnavailable: Service temporarily unavailable. Please try again.',
    requests: 3,
  },
  {
    name: '502 HTML error page',
    status: 502,
    body: fixtureText('error-502-gateway.synthetic.html'),
    kind: 'transient',
    message:
      'Amazon getOrder: HTTP 502 with a non-JSON body: <!DOCTYPE html> <html><head><title>502 Bad Gateway</title></head> <body><h1>502 Bad Gateway</h1><p>The server returned a…',
    requests: 3,
  },
  {
    name: '500 truncated JSON',
    status: 500,
    body: '{"errors":[{"code":"InternalFail',
    kind: 'transient',
    message: 'Amazon getOrder: HTTP 500 with a non-JSON body: {"errors":[{"code":"InternalFail',
    requests: 3,
  },
  {
    name: '400 HTML page',
    status: 400,
    body: '<html><body>Bad Request</body></html>',
    kind: 'validation',
    message: 'Amazon getOrder: HTTP 400 with a non-JSON body: <html><body>Bad Request</body></html>',
    requests: 1,
  },
];

describe('SP-API error bodies', () => {
  it.each(cases)('$name → $kind after $requests request(s)', async (c) => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get(ORDER_PATH)
      .times(c.requests)
      .reply(answer(seen, c.status, c.body, { 'x-amzn-requestid': 'req-42' }));
    const { client } = makeKit();

    const error = await rejection(client.getOrder('902-3159896-1390916'));

    expect(error.kind).toBe(c.kind);
    expect(error.status).toBe(c.status);
    expect(error.vendorCode).toBe(c.vendorCode);
    expect(error.requestId).toBe('req-42');
    expect(error.vendor).toBe('amazon');
    expect(error.operation).toBe('getOrder');
    expect(error.message).toBe(c.message);
    expect(seen).toHaveLength(c.requests);
    expect(client.stats()).toMatchObject({ requests: c.requests, retries: c.requests - 1, throttled: 0 });
  });

  it('403 Unauthorized (recorded body): one token refresh and one resend, then auth', async () => {
    mockLwa(['Atza|first-token', 'Atza|second-token']);
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get(ORDER_PATH)
      .times(2)
      .reply(answer(seen, 403, fixtureText('error-403-unauthorized.eolabs.json'), { 'x-amzn-requestid': 'req-403' }));
    const { client } = makeKit();

    const error = await rejection(client.getOrder('902-3159896-1390916'));

    expect(error.kind).toBe('auth');
    expect(error.vendorCode).toBe('Unauthorized');
    expect(error.message).toBe(
      'Amazon getOrder: HTTP 403 Unauthorized: Access to requested resource is denied. (Access token is missing in the request header.)',
    );
    expect(seen.map((s) => s.headers['x-amz-access-token'])).toEqual(['Atza|first-token', 'Atza|second-token']);
    expect(client.stats()).toEqual({ requests: 2, throttled: 0, rateLimitWaitMs: 0, retries: 1, tokenRefreshes: 2 });
  });

  it('429 QuotaExceeded on getOrders: one request, rate_limited with retryAfterMs = 1/rate', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get('/orders/v0/orders')
      .query(true)
      .reply(answer(seen, 429, fixtureText('error-429-quota-exceeded.synthetic.json'), { 'x-amzn-requestid': 'req-429' }));
    const { client } = makeKit();

    const error = await rejection(client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' }));

    expect(error.kind).toBe('rate_limited');
    expect(error.vendorCode).toBe('QuotaExceeded');
    // getOrders refills 0.0167 tokens/s: the next token is ceil(1000 / 0.0167) ms away.
    expect(error.retryAfterMs).toBe(59881);
    expect(error.requestId).toBe('req-429');
    expect(seen).toHaveLength(1);
    expect(client.stats()).toEqual({ requests: 1, throttled: 1, rateLimitWaitMs: 0, retries: 0, tokenRefreshes: 1 });
  });

  it('a network reset is retried twice, then transient with the error code and no request config', async () => {
    mockLwa(['Atza|secret-access-token']);
    // An Error instance: nock 14 + axios hang on a plain-object error.
    nock(EU_ENDPOINT)
      .get(ORDER_PATH)
      .times(3)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { client } = makeKit();

    const error = await rejection(client.getOrder('902-3159896-1390916'));

    expect(error.kind).toBe('transient');
    expect(error.vendorCode).toBe('ECONNRESET');
    expect(error.message).toBe('Amazon getOrder: network error ECONNRESET: socket hang up');
    expect(JSON.stringify(error.cause, Object.getOwnPropertyNames(error.cause ?? {}))).not.toContain('secret-access-token');
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('a transient 503 followed by success returns the page', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .get(ORDER_PATH)
      .reply(503, fixtureText('error-503-service-unavailable.synthetic.json'))
      .get(ORDER_PATH)
      .reply(200, fixtureText('get-order.iba.model.json'));
    const { client } = makeKit();
    const result = await client.getOrder('902-3159896-1390916');
    expect((result.order as { AmazonOrderId: string }).AmazonOrderId).toBe('921-3175655-0452641');
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
  });
});

describe('LWA token errors', () => {
  it.each([
    ['invalid_grant', 400, fixtureText('lwa-invalid-grant.synthetic.json'), "Amazon LWA token request failed: HTTP 400 invalid_grant: The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission."],
    ['invalid_client', 401, fixtureText('lwa-invalid-client.synthetic.json'), 'Amazon LWA token request failed: HTTP 401 invalid_client: Client authentication failed'],
    ['unsupported_grant_type', 400, fixtureText('lwa-unsupported-grant-type.peddler.json'), 'Amazon LWA token request failed: HTTP 400 unsupported_grant_type: The authorization grant type is not supported by the authorization server'],
  ])('%s → auth with vendorCode, no SP-API request, no secret in the message', async (code, status, body, message) => {
    const lwa = nock(LWA_HOST).post(LWA_PATH).reply(status, body, { 'content-type': 'application/json;charset=UTF-8' });
    const { client } = makeKit();

    const error = await rejection(client.getOrder('902-3159896-1390916'));

    expect(error.kind).toBe('auth');
    expect(error.vendorCode).toBe(code);
    expect(error.status).toBe(status);
    expect(error.operation).toBe('lwaToken');
    expect(error.message).toBe(message);
    for (const secret of Object.values(CREDENTIALS)) expect(error.message).not.toContain(secret);
    expect(lwa.isDone()).toBe(true);
    expect(client.stats()).toEqual({ requests: 0, throttled: 0, rateLimitWaitMs: 0, retries: 0, tokenRefreshes: 1 });
  });

  it('the recorded unsupported_grant_type answer keeps its request id', async () => {
    nock(LWA_HOST)
      .post(LWA_PATH)
      .reply(400, fixtureText('lwa-unsupported-grant-type.peddler.json'), { 'content-type': 'application/json;charset=UTF-8' });
    const { client } = makeKit();
    const error = await rejection(client.getOrder('1'));
    expect(error.requestId).toBe('29beab06-480f-4ed4-9af4-01895c820a7b');
  });

  it('an LWA 503 is transient after the short retries; an LWA 200 HTML page is a contract error', async () => {
    nock(LWA_HOST).post(LWA_PATH).times(3).reply(503, '<html>down</html>');
    const first = makeKit();
    const down = await rejection(first.client.getOrder('1'));
    expect(down.kind).toBe('transient');
    expect(down.message).toBe('Amazon LWA token request failed: HTTP 503 a non-JSON body: <html>down</html>');

    nock(LWA_HOST).post(LWA_PATH).reply(200, '<html>login</html>');
    const second = makeKit();
    const html = await rejection(second.client.getOrder('1'));
    expect(html.kind).toBe('contract');
    expect(html.message).toBe('Amazon lwaToken: token response without access_token/expires_in: <html>login</html>');
  });
});

describe('recogniseAmazonErrorReply: one function for the connector and `caravan map`', () => {
  // amzn/selling-partner-api-models#767: a real HTTP 200 whose body is only `errors` (no details, no payload).
  const OK_WITH_ERRORS = { errors: [{ code: 'InvalidInput', message: 'Invalid request, please check your input.' }] };

  it('an errors[] body inside an HTTP 200 is an error with the code, message and status', () => {
    const error = recogniseAmazonErrorReply(OK_WITH_ERRORS, { operation: 'getOrders', status: 200, headers: { 'x-amzn-RequestId': 'rid-767' } });
    expect(error).toBeInstanceOf(ConnectorError);
    expect([error?.kind, error?.status, error?.vendorCode, error?.requestId, error?.message]).toEqual([
      'validation',
      200,
      'InvalidInput',
      'rid-767',
      'Amazon getOrders: HTTP 200 InvalidInput: Invalid request, please check your input.',
    ]);
  });

  it('getOrders answered 200 with only errors fails with that error, sent once', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get('/orders/v0/orders').query(true).reply(answer(seen, 200, JSON.stringify(OK_WITH_ERRORS), { 'x-amzn-requestid': 'rid-1' }));
    const { client } = makeKit();
    const error = await rejection(client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' }));
    expect([error.kind, error.status, error.vendorCode, error.message]).toEqual([
      'validation',
      200,
      'InvalidInput',
      'Amazon getOrders: HTTP 200 InvalidInput: Invalid request, please check your input.',
    ]);
    expect(seen).toHaveLength(1);
  });

  it('a file with no status: the recorded 403 body is still Unauthorized (auth), with its details', () => {
    const error = recogniseAmazonErrorReply(JSON.parse(fixtureText('error-403-unauthorized.eolabs.json')), { operation: 'getOrder' });
    expect([error?.kind, error?.status, error?.vendorCode, error?.message]).toEqual([
      'auth',
      undefined,
      'Unauthorized',
      'Amazon getOrder: Unauthorized: Access to requested resource is denied. (Access token is missing in the request header.)',
    ]);
  });

  it('reads errors without message or details, lists the others, and an unknown code in a 200 is a contract error', () => {
    const throttled = recogniseAmazonErrorReply({ errors: [{ code: 'QuotaExceeded' }] }, { operation: 'getOrderItems', status: 429, headers: { 'retry-after': '2' } });
    expect([throttled?.kind, throttled?.retryAfterMs, throttled?.message]).toEqual(['rate_limited', 2000, 'Amazon getOrderItems: HTTP 429 QuotaExceeded']);
    const two = recogniseAmazonErrorReply(
      { errors: [{ code: 'InvalidInput', message: 'Invalid Input', details: null }, { code: 'InvalidInput', message: 'MarketplaceIds is required' }] },
      { operation: 'getOrders', status: 400 },
    );
    expect(two?.message).toBe('Amazon getOrders: HTTP 400 InvalidInput: Invalid Input [+1 more: InvalidInput: MarketplaceIds is required]');
    const unknown = recogniseAmazonErrorReply({ errors: [{ code: 'BrandNewCode', message: 'x' }] }, { operation: 'getOrders', status: 200 });
    expect([unknown?.kind, unknown?.vendorCode]).toEqual(['contract', 'BrandNewCode']);
  });

  it('the newer APIs\' upper-snake codes: NOT_FOUND (a real getListingsItem 404) is not_found and BAD_REQUEST validation, with or without a status', () => {
    // selling-partner-api-models#4283 and jlevers/selling-partner-api#451: the 404 bodies as Amazon sent them.
    const listing = { errors: [{ code: 'NOT_FOUND', message: "SKU '00278-0210-0090' not found in marketplace ATVPDKIKX0DER" }] };
    for (const status of [404, undefined]) {
      const error = recogniseAmazonErrorReply(listing, { operation: 'getListingsItem', ...(status === undefined ? {} : { status }) });
      expect([error?.kind, error?.vendorCode]).toEqual(['not_found', 'NOT_FOUND']);
    }
    // The Listings Items model's 400 example.
    const bad = recogniseAmazonErrorReply({ errors: [{ code: 'BAD_REQUEST', message: 'Invalid input', details: 'Invalid input' }] }, { operation: 'putListingsItem' });
    expect([bad?.kind, bad?.vendorCode, bad?.message]).toEqual(['validation', 'BAD_REQUEST', 'Amazon putListingsItem: BAD_REQUEST: Invalid input (Invalid input)']);
  });

  it('LWA error bodies: the recorded 400, one with no status (a file) and one inside a 200 are all auth', () => {
    const recorded = recogniseAmazonErrorReply(JSON.parse(fixtureText('lwa-unsupported-grant-type.peddler.json')), { operation: 'lwaToken', status: 400 });
    expect([recorded?.kind, recorded?.vendorCode, recorded?.requestId, recorded?.operation, recorded?.message]).toEqual([
      'auth',
      'unsupported_grant_type',
      '29beab06-480f-4ed4-9af4-01895c820a7b',
      'lwaToken',
      'Amazon LWA token request failed: HTTP 400 unsupported_grant_type: The authorization grant type is not supported by the authorization server',
    ]);
    const file = recogniseAmazonErrorReply(JSON.parse(fixtureText('lwa-invalid-grant.synthetic.json')), { operation: 'getOrders' });
    expect([file?.kind, file?.vendorCode, file?.status]).toEqual(['auth', 'invalid_grant', undefined]);
    const inOk = recogniseLwaErrorReply({ error: 'invalid_client', error_description: 'Client authentication failed' }, { status: 200 });
    expect([inOk?.kind, inOk?.message]).toEqual(['auth', 'Amazon LWA token request failed: HTTP 200 invalid_client: Client authentication failed']);
  });

  it('any body with a failure status is an error; a success body, an empty errors list or a page without status is not', () => {
    const html = fixtureText('error-502-gateway.synthetic.html');
    const gateway = recogniseAmazonErrorReply(html, { operation: 'getOrders', status: 502 });
    expect([gateway?.kind, gateway?.vendorCode]).toEqual(['transient', undefined]);
    expect(recogniseAmazonErrorReply(JSON.parse(fixtureText('get-order-items.model.json')), { operation: 'getOrderItems', status: 200 })).toBeUndefined();
    expect(recogniseAmazonErrorReply({ payload: { Orders: [] }, errors: [] }, { operation: 'getOrders', status: 200 })).toBeUndefined();
    expect(recogniseAmazonErrorReply(html, { operation: 'getOrders' })).toBeUndefined();
  });
});
