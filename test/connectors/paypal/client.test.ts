import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability } from '../../../connectors/registry.js';
import { paypalRequestId, PaypalSearchHorizonError, paypalWebhookVerifier, PaypalTransactionDetailSchema, verifyWebhookSignatureBody } from '../../../connectors/paypal/index.js';
import { pino } from 'pino';
import {
  answer,
  BASIC,
  CREDENTIALS,
  drain,
  fakeSearch,
  fixtureText,
  generateRows,
  isolateNetworkPerTest,
  makeKit,
  NOW,
  rejection,
  SANDBOX,
  tokenEndpoint,
  type SearchCall,
  type SeenRequest,
} from './paypal-test-kit.js';

isolateNetworkPerTest();

const json = { 'content-type': 'application/json' };
const DAY = 86_400_000;
const QUERY = { startDate: '2026-02-01T00:00:00Z', endDate: '2026-02-02T00:00:00Z' };

describe('OAuth client credentials', () => {
  it('asks /v1/oauth2/token with HTTP Basic and grant_type=client_credentials once, and reuses the token until 60 s before expiry', async () => {
    const tokens: { authorization: string; body: string }[] = [];
    tokenEndpoint(tokens, 32400);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).get('/v1/reporting/balances').times(3).reply(answer(seen, 200, { balances: [] }));
    const { client, clock } = makeKit();
    await client.listBalances();
    clock.nowMs += (32400 - 61) * 1000;
    await client.listBalances();
    expect(tokens).toEqual([{ authorization: BASIC, body: 'grant_type=client_credentials' }]);
    clock.nowMs += 2000;
    await client.listBalances();
    expect(seen.map((s) => s.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    expect(client.stats().tokenRefreshes).toBe(2);
  });

  it('fetches one token for concurrent callers', async () => {
    const tokens: { authorization: string; body: string }[] = [];
    tokenEndpoint(tokens);
    nock(SANDBOX).get('/v1/reporting/balances').times(6).reply(200, { balances: [] }, json);
    const { client } = makeKit();
    await Promise.all(Array.from({ length: 6 }, () => client.listBalances()));
    expect(tokens).toHaveLength(1);
  });

  it('a 401 invalid_token drops the token, refreshes once and resends', async () => {
    const tokens: { authorization: string; body: string }[] = [];
    tokenEndpoint(tokens);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).get('/v1/reporting/balances').reply(answer(seen, 401, { error: 'invalid_token', error_description: 'Access Token not found in cache' }));
    nock(SANDBOX).get('/v1/reporting/balances').reply(answer(seen, 200, { balances: [] }));
    const { client } = makeKit();
    await client.listBalances();
    expect(seen.map((s) => s.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('a token refused again after the refresh is an auth error naming the connection, never a secret', async () => {
    const tokens: { authorization: string; body: string }[] = [];
    tokenEndpoint(tokens);
    nock(SANDBOX).get('/v1/reporting/balances').times(2).reply(401, { error: 'invalid_token', error_description: 'Token signature verification failed' }, json);
    const { client, logs } = makeKit();
    const failure = await rejection(client.listBalances());
    expect(tokens).toHaveLength(2);
    expect(failure.kind).toBe('auth');
    expect(failure.vendorCode).toBe('invalid_token');
    expect(failure.message).toContain('PayPal connection "paypal-eu" of tenant acme');
    expect(`${failure.message}${logs.text()}`).not.toContain(CREDENTIALS.clientSecret);
  });

  it('refused client credentials (401 invalid_client) are an auth error of the token call', async () => {
    nock(SANDBOX).post('/v1/oauth2/token').reply(401, { error: 'invalid_client', error_description: 'Client Authentication failed' }, json);
    const { client, logs } = makeKit();
    const failure = await rejection(client.listBalances());
    expect([failure.kind, failure.operation, failure.vendorCode]).toEqual(['auth', 'oauthToken', 'invalid_client']);
    expect(failure.message).toContain('"paypal-eu"');
    expect(`${failure.message}${logs.text()}`).not.toContain(CREDENTIALS.clientSecret);
    expect(`${failure.message}${logs.text()}`).not.toContain(BASIC.slice(6));
  });
});

describe('searchTransactions (one page)', () => {
  it('sends the dates, fields, page and page_size and parses the real sandbox page', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).get('/v1/reporting/transactions').query(true).reply(answer(seen, 200, fixtureText('transaction-search/airbyte_sandbox_page_1.json'), { 'paypal-debug-id': 'f00d' }));
    const { client } = makeKit();
    const reply = await client.searchTransactions({ ...QUERY, page: 1, pageSize: 3 });
    expect(seen[0]?.path).toBe('/v1/reporting/transactions?start_date=2026-02-01T00%3A00%3A00.000Z&end_date=2026-02-02T00%3A00%3A00.000Z&fields=transaction_info&page_size=3&page=1');
    expect(reply.total_pages).toBe(118);
    expect(reply.last_refreshed_datetime).toBe('2024-02-14T01:59:59+0000');
    expect(reply.transaction_details.map((d) => PaypalTransactionDetailSchema.parse(d).transaction_info.transaction_event_code)).toEqual(['T1503', 'T0001', 'T1105']);
  });

  it('parses the single-transaction sample (cart lines, a negative discount)', async () => {
    tokenEndpoint([]);
    nock(SANDBOX).get('/v1/reporting/transactions').query(true).reply(200, fixtureText('transaction-search/airbyte_transaction_single.json'), json);
    const { client } = makeKit();
    const reply = await client.searchTransactions({ ...QUERY, transactionId: 'x', fields: 'all' });
    expect(reply.transaction_details.length).toBeGreaterThan(0);
    for (const d of reply.transaction_details) expect(PaypalTransactionDetailSchema.safeParse(d).success).toBe(true);
  });

  it('accepts page counters sent as text and a reply without last_refreshed_datetime', async () => {
    tokenEndpoint([]);
    nock(SANDBOX).get('/v1/reporting/transactions').query(true).reply(200, { transaction_details: [], page: '1', total_items: '0', total_pages: '0' }, json);
    const { client } = makeKit();
    const reply = await client.searchTransactions(QUERY);
    expect([reply.page, reply.total_pages, reply.last_refreshed_datetime]).toEqual([1, 0, undefined]);
  });

  it('refuses a range over 31 days before sending anything', async () => {
    const { client } = makeKit();
    const failure = await rejection(client.searchTransactions({ startDate: '2026-01-01T00:00:00Z', endDate: '2026-02-01T00:00:01Z' }));
    expect(failure.kind).toBe('validation');
    expect(failure.message).toContain('31 days');
  });

  it('an error body is typed from name, message, details[].issue and debug_id', async () => {
    tokenEndpoint([]);
    nock(SANDBOX)
      .get('/v1/reporting/transactions')
      .query(true)
      .reply(400, { name: 'INVALID_REQUEST', message: 'Request is not well-formed, syntactically incorrect, or violates schema.', debug_id: '8a0b27e0e6e1c', details: [{ field: 'start_date', issue: 'INVALID_PARAMETER_SYNTAX', description: 'bad date' }] }, json);
    const { client } = makeKit();
    const failure = await rejection(client.searchTransactions(QUERY));
    expect([failure.kind, failure.vendorCode, failure.requestId, failure.status]).toEqual(['validation', 'INVALID_REQUEST', '8a0b27e0e6e1c', 400]);
    expect(failure.message).toContain('start_date INVALID_PARAMETER_SYNTAX bad date');
  });

  it('a 503 is retried; a 429 RATE_LIMIT_REACHED is rate_limited', async () => {
    tokenEndpoint([]);
    nock(SANDBOX).get('/v1/reporting/transactions').query(true).reply(503, { name: 'SERVICE_UNAVAILABLE', message: 'down', debug_id: 'a' }, json);
    nock(SANDBOX).get('/v1/reporting/transactions').query(true).reply(200, { transaction_details: [] }, json);
    nock(SANDBOX).get('/v1/reporting/transactions').query(true).reply(429, { name: 'RATE_LIMIT_REACHED', message: 'Too many requests. Blocked due to rate limiting.', debug_id: 'b' }, json);
    const { client } = makeKit();
    await client.searchTransactions(QUERY);
    expect((await rejection(client.searchTransactions(QUERY))).kind).toBe('rate_limited');
  });
});

describe('listTransactions (any period)', () => {
  it('walks 31-day windows, half-open, oldest first', async () => {
    tokenEndpoint([]);
    const calls: SearchCall[] = [];
    const rows = generateRows(70, NOW - 70 * DAY, NOW);
    fakeSearch({ maxResults: 10_000, rows }, calls);
    const { client } = makeKit();
    const result = await drain(client, new Date(NOW - 70 * DAY).toISOString(), new Date(NOW).toISOString());
    expect(calls.map((c) => [c.start, c.end])).toEqual([
      ['2025-12-21T12:00:00.000Z', '2026-01-21T11:59:59.999Z'],
      ['2026-01-21T12:00:00.000Z', '2026-02-21T11:59:59.999Z'],
      ['2026-02-21T12:00:00.000Z', '2026-03-01T11:59:59.999Z'],
    ]);
    expect(result.ids).toEqual(rows.map((r) => r.id));
    expect(result.coveredTo).toBe('2026-03-01T12:00:00.000Z');
  });

  it('halves a 31-day window on RESULTSET_TOO_LARGE until it fits: no row lost, none twice', async () => {
    tokenEndpoint([]);
    const calls: SearchCall[] = [];
    const from = NOW - 31 * DAY;
    // Uneven density: a burst of 900 rows in one day beside 300 spread over the month.
    const rows = [...generateRows(300, from, NOW), ...generateRows(900, from + 10 * DAY, from + 11 * DAY).map((r) => ({ ...r, id: `B${r.id}` }))].sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id));
    fakeSearch({ maxResults: 250, rows }, calls);
    const { client } = makeKit();
    const result = await drain(client, new Date(from).toISOString(), new Date(NOW).toISOString(), 100);
    expect(result.splits).toBeGreaterThan(3);
    expect(new Set(result.ids).size).toBe(result.ids.length);
    expect([...result.ids].sort()).toEqual(rows.map((r) => r.id).sort());
    expect(calls.every((c) => Date.parse(c.end) - Date.parse(c.start) <= 31 * DAY)).toBe(true);
    expect(result.coveredTo).toBe(new Date(NOW).toISOString());
  });

  it('pages with page/page_size/total_pages and resumes from the cursor', async () => {
    tokenEndpoint([]);
    const calls: SearchCall[] = [];
    const rows = generateRows(7, NOW - 5 * DAY, NOW - DAY);
    fakeSearch({ maxResults: 10_000, rows }, calls);
    const { client } = makeKit();
    const first = await client.listTransactions({ from: new Date(NOW - 5 * DAY).toISOString(), to: new Date(NOW).toISOString(), pageSize: 3 });
    expect(first.records).toHaveLength(3);
    const second = await client.listTransactions({ from: 'ignored', to: 'ignored', cursor: first.cursor!, pageSize: 3 });
    const third = await client.listTransactions({ from: 'ignored', to: 'ignored', cursor: second.cursor!, pageSize: 3 });
    expect([second.records.length, third.records.length, third.cursor]).toEqual([3, 1, undefined]);
    expect(calls.map((c) => c.page)).toEqual([1, 2, 3]);
  });

  it('never reads past last_refreshed_datetime: the window is shortened and the listing ends there', async () => {
    tokenEndpoint([]);
    const calls: SearchCall[] = [];
    const refreshedMs = NOW - 3 * 3600_000;
    const rows = generateRows(48, NOW - 2 * DAY, NOW);
    fakeSearch({ maxResults: 10_000, rows, refreshedMs }, calls);
    const { client } = makeKit();
    const result = await drain(client, new Date(NOW - 2 * DAY).toISOString(), new Date(NOW).toISOString());
    expect(result.coveredTo).toBe(new Date(refreshedMs).toISOString());
    expect(result.ids).toEqual(rows.filter((r) => r.atMs < refreshedMs).map((r) => r.id));
    expect(calls.map((c) => c.end)).toEqual([new Date(NOW - 1).toISOString(), new Date(refreshedMs - 1).toISOString()]);

    // The next run starts at coveredTo and, once PayPal has refreshed, reads the rest exactly once.
    nock.cleanAll();
    tokenEndpoint([]);
    fakeSearch({ maxResults: 10_000, rows }, []);
    const rest = await drain(client, result.coveredTo!, new Date(NOW).toISOString());
    expect([...result.ids, ...rest.ids]).toEqual(rows.map((r) => r.id));
  });

  it('ends at once when PayPal has nothing refreshed after the start', async () => {
    tokenEndpoint([]);
    const calls: SearchCall[] = [];
    fakeSearch({ maxResults: 10_000, rows: generateRows(5, NOW - DAY, NOW), refreshedMs: NOW - 2 * DAY }, calls);
    const { client } = makeKit();
    const page = await client.listTransactions({ from: new Date(NOW - DAY).toISOString(), to: new Date(NOW).toISOString() });
    expect([page.records, page.cursor, page.coveredTo, calls.length]).toEqual([[], undefined, new Date(NOW - DAY).toISOString(), 1]);
  });

  it('PayPal\'s "Data for the given start date is not available." (no data refreshed past the start yet) ends the listing at its start', async () => {
    tokenEndpoint([]);
    // The real reply of paypal/PayPal-node-SDK#452.
    nock(SANDBOX).get('/v1/reporting/transactions').query(true).reply(400, { debug_id: '4a924c46669da', name: 'INVALID_REQUEST', details: [], links: [], message: 'Data for the given start date is not available.' }, json);
    const { client } = makeKit();
    const from = new Date(NOW - 2 * 3600_000).toISOString();
    expect(await client.listTransactions({ from, to: new Date(NOW).toISOString() })).toEqual({ records: [], coveredTo: from, splits: 0 });
  });

  it('other INVALID_REQUEST replies still fail', async () => {
    tokenEndpoint([]);
    nock(SANDBOX).get('/v1/reporting/transactions').query(true).reply(400, { debug_id: 'x', name: 'INVALID_REQUEST', details: [{ field: 'end_date', issue: 'Date range is greater than 31 days' }], message: 'Request is not well-formed, syntactically incorrect, or violates schema.' }, json);
    const { client } = makeKit();
    expect((await rejection(client.listTransactions({ from: new Date(NOW - DAY).toISOString(), to: new Date(NOW).toISOString() }))).vendorCode).toBe('INVALID_REQUEST');
  });

  it('refuses a start beyond the three-year horizon with a typed error, before any request', async () => {
    const { client } = makeKit();
    const failure = await rejection(client.listTransactions({ from: '2023-02-28T00:00:00Z', to: '2023-03-10T00:00:00Z' }));
    expect(failure).toBeInstanceOf(PaypalSearchHorizonError);
    expect(failure.kind).toBe('validation');
    expect((failure as PaypalSearchHorizonError).earliest).toBe('2023-03-01T12:00:00.000Z');
  });

  it('the registry offers it as the paymentLedgerSource capability', async () => {
    tokenEndpoint([]);
    const rows = generateRows(4, NOW - DAY, NOW);
    fakeSearch({ maxResults: 10_000, rows }, []);
    const connector = connectorFor('paypal').connect({
      tenant: 'acme',
      settings: connectorFor('paypal').settings.parse({ environment: 'sandbox' }),
      credentials: { ...CREDENTIALS },
      limiter: new RateLimiterRegistry(),
      logger: pino({ level: 'silent' }),
    });
    const source = requireCapability(connector, 'paymentLedgerSource', 'acme/paypal');
    const page = await source.listTransactions({ from: new Date(NOW - 2 * DAY).toISOString(), to: new Date(Date.now()).toISOString() });
    expect(page.records).toHaveLength(4);
  });
});

describe('through the registry', () => {
  it('a connection built by the registry names itself in an auth failure', async () => {
    nock(SANDBOX).post('/v1/oauth2/token').reply(401, { error: 'invalid_client', error_description: 'Client Authentication failed' }, json);
    const descriptor = connectorFor('paypal');
    const connector = descriptor.connect({
      tenant: 'acme',
      connection: 'paypal-us',
      settings: descriptor.settings.parse({ environment: 'sandbox' }),
      credentials: { ...CREDENTIALS },
      limiter: new RateLimiterRegistry(),
      logger: pino({ level: 'silent' }),
    });
    const source = requireCapability(connector, 'paymentLedgerSource', 'acme/paypal-us');
    const failure = await rejection(source.listTransactions({ from: new Date(Date.now() - DAY).toISOString(), to: new Date().toISOString() }));
    expect(failure.message).toContain('PayPal connection "paypal-us" of tenant acme');
  });
});

describe('balances', () => {
  it('GET /v1/reporting/balances with as_of_time and currency_code; amounts as text or numbers', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX)
      .get('/v1/reporting/balances')
      .query(true)
      .reply(
        answer(seen, 200, {
          balances: [
            { currency: 'EUR', primary: true, total_balance: { currency_code: 'EUR', value: '1250.40' }, available_balance: { currency_code: 'EUR', value: '1200.00' }, withheld_balance: { currency_code: 'EUR', value: '50.40' } },
            { currency: 'USD', total_balance: { currency_code: 'USD', value: 19.5 } },
          ],
          account_id: 'C7CYMKZDG8D6E',
          as_of_time: '2026-03-01T00:00:00+0000',
          last_refresh_time: '2026-02-28T21:59:59+0000',
        }),
      );
    const { client } = makeKit();
    const reply = await client.listBalances({ asOfTime: '2026-03-01T00:00:00Z', currencyCode: 'EUR' });
    expect(seen[0]?.path).toBe('/v1/reporting/balances?as_of_time=2026-03-01T00%3A00%3A00.000Z&currency_code=EUR');
    expect(reply.balances.map((b) => [b.currency, b.total_balance.value])).toEqual([
      ['EUR', '1250.40'],
      ['USD', '19.5'],
    ]);
  });
});

describe('verify-webhook-signature', () => {
  const raw = fixtureText('webhook-events/PAYMENT.CAPTURE.COMPLETED.v2.json');
  const headers = {
    'paypal-auth-algo': 'SHA256withRSA',
    'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
    'paypal-transmission-id': '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
    'paypal-transmission-sig': 'lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz',
    'paypal-transmission-time': '2016-02-18T20:01:35Z',
  };

  it('sends the event byte for byte, the webhook id and a PayPal-Request-Id derived from the transmission', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/v1/notifications/verify-webhook-signature').times(2).reply(answer(seen, 200, { verification_status: 'SUCCESS' }));
    const { client } = makeKit();
    const verify = paypalWebhookVerifier(client);
    expect(await verify(headers, raw)).toBe(true);
    expect(await verify(headers, Buffer.from(raw))).toBe(true);
    const body = seen[0]?.body as Record<string, unknown>;
    expect(body['webhook_event']).toEqual(JSON.parse(raw));
    expect(verifyWebhookSignatureBody({ authAlgo: 'a', certUrl: 'c', transmissionId: 't', transmissionSig: 's', transmissionTime: 'x', rawBody: raw }, 'W1')).toContain(`"webhook_event":${raw.trim()}}`);
    expect(body).toMatchObject({ auth_algo: 'SHA256withRSA', transmission_id: headers['paypal-transmission-id'], webhook_id: '1JE4291016473214C' });
    expect(seen[0]?.headers['paypal-request-id']).toBe(paypalRequestId('verifyWebhookSignature', ['1JE4291016473214C', headers['paypal-transmission-id']]));
    expect(seen[1]?.headers['paypal-request-id']).toBe(seen[0]?.headers['paypal-request-id']);
  });

  it('FAILURE is false; missing headers or a non-JSON body are false without asking PayPal', async () => {
    tokenEndpoint([]);
    nock(SANDBOX).post('/v1/notifications/verify-webhook-signature').reply(200, { verification_status: 'FAILURE' }, json);
    const { client } = makeKit();
    const verify = paypalWebhookVerifier(client);
    expect(await verify(headers, raw)).toBe(false);
    const { 'paypal-transmission-sig': _sig, ...unsigned } = headers;
    expect(await verify(unsigned, raw)).toBe(false);
    // Either would have failed on the spent interceptor (a thrown network error) had it asked PayPal.
    expect(await verify(headers, 'not json')).toBe(false);
  });

  it('PayPal unreachable is thrown, not taken for a forgery', async () => {
    tokenEndpoint([]);
    nock(SANDBOX).post('/v1/notifications/verify-webhook-signature').times(3).reply(500, { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred.', debug_id: 'e' }, json);
    const { client } = makeKit();
    expect((await rejection(paypalWebhookVerifier(client)(headers, raw))).kind).toBe('transient');
  });
});
