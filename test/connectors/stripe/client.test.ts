/**
 * The Stripe client on the shared pipeline: per operation the request (method, path, query,
 * headers, form body) and the parsed reply; Stripe's example objects and the real webhook
 * samples as replies; errors typed from Stripe's error object, 429 and Stripe-Should-Retry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { STRIPE_CONNECTOR, STRIPE_API_VERSION, stripeRefundIdempotencyKey } from '../../../connectors/stripe/index.js';
import { answer, API, exampleObject, isolateNetworkPerTest, list, LIVE_KEY, makeKit, rejection, TEST_KEY, webhookEvents, type SeenRequest } from './stripe-test-kit.js';
import { captureLogs } from '../log-capture.js';

isolateNetworkPerTest();

describe('every request', () => {
  it('carries the secret key as Bearer, the pinned Stripe-Version and our user agent, and never logs the key', async () => {
    const seen: SeenRequest[] = [];
    nock(API).get('/v1/payouts').query(true).reply(answer(seen, 200, list([exampleObject('payout')])));
    const { client, logs } = makeKit();
    await client.listPayouts();
    expect(seen[0]?.headers['authorization']).toBe(`Bearer ${TEST_KEY}`);
    expect(seen[0]?.headers['stripe-version']).toBe('2023-08-16');
    expect(seen[0]?.headers['user-agent']).toBe('Caravan/0.1 (Stripe API)');
    expect(logs.entries().filter((e) => e['msg'] === 'stripe request').map((e) => [e['operation'], e['status'], e['requestId'], e['tenant']])).toEqual([['listPayouts', 200, 'req_1', 'acme']]);
    expect(logs.text()).not.toContain(TEST_KEY);
    expect(STRIPE_API_VERSION).toBe('2023-08-16');
  });
});

describe('list operations', () => {
  it('listPayouts: limit, cursor and created range in the query; next cursor from the last id when has_more', async () => {
    const seen: SeenRequest[] = [];
    const first = exampleObject('payout');
    const second = { ...exampleObject('payout'), id: 'po_second' };
    nock(API).get('/v1/payouts').query(true).reply(answer(seen, 200, list([first, second], true)));
    const { client } = makeKit();
    const page = await client.listPayouts({ limit: 2, startingAfter: 'po_before', created: { gte: 1_700_000_000, lt: 1_700_086_400 }, filters: [['status', 'paid']] });
    expect(seen.map((s) => [s.method, decodeURIComponent(s.path)])).toEqual([
      ['GET', '/v1/payouts?limit=2&starting_after=po_before&created[gte]=1700000000&created[lt]=1700086400&status=paid'],
    ]);
    expect(page.data.map((p) => [p.id, p.amount, p.currency, p.status])).toEqual([
      [first['id'], 1100, 'usd', first['status']],
      ['po_second', 1100, 'usd', first['status']],
    ]);
    expect([page.hasMore, page.nextCursor, page.requestId]).toEqual([true, 'po_second', 'req_1']);
  });

  it.each([
    ['listCharges', '/v1/charges', 'charge'],
    ['listRefunds', '/v1/refunds', 'refund'],
    ['listDisputes', '/v1/disputes', 'dispute'],
    ['listBalanceTransactions', '/v1/balance_transactions', 'balance_transaction'],
  ] as const)('%s: GET %s, Stripe\'s example %s parsed, no cursor on the last page', async (method, path, resource) => {
    const seen: SeenRequest[] = [];
    const example = exampleObject(resource);
    nock(API).get(path).query(true).reply(answer(seen, 200, list([example])));
    const { client } = makeKit();
    const page = await client[method]({ limit: 100 });
    expect(seen.map((s) => [s.method, s.path])).toEqual([['GET', `${path}?limit=100`]]);
    expect(page.data.map((o) => [o.id, o.amount])).toEqual([[example['id'], example['amount']]]);
    expect([page.hasMore, page.nextCursor]).toEqual([false, undefined]);
  });

  it('listEvents: every real webhook sample of the shared folder parses as an event of the list', async () => {
    const samples = webhookEvents();
    nock(API).get('/v1/events').query({ type: 'charge.*' }).reply(200, list(samples.map((s) => s.event)));
    const { client } = makeKit();
    const page = await client.listEvents({ filters: [['type', 'charge.*']] });
    expect(page.data).toHaveLength(samples.length);
    expect(page.data.map((e) => e.type)).toEqual(samples.map((s) => s.event['type']));
  });

  it('names the entry and field of a list entry Stripe would never send', async () => {
    nock(API).get('/v1/charges').reply(200, list([{ ...exampleObject('charge'), amount: '10.00' }]));
    const error = await rejection(makeKit().client.listCharges());
    expect([error.kind, error.operation]).toEqual(['contract', 'listCharges']);
    expect(error.message).toBe('Stripe listCharges: response is not a Stripe list of charges (data[0].amount: expected an integer amount of minor units)');
  });

  it('refuses a limit outside 1–100 and an empty range before sending', async () => {
    const { client } = makeKit();
    expect((await rejection(client.listEvents({ limit: 101 }))).message).toContain('limit must be an integer from 1 to 100');
    expect((await rejection(client.listEvents({ created: { gte: 5, lt: 5 } }))).kind).toBe('validation');
  });
});

describe('balanceTransactionsOfPayout', () => {
  it('filters by payout= and follows starting_after until has_more is false', async () => {
    const seen: SeenRequest[] = [];
    const bt = (id: string) => ({ ...exampleObject('balance_transaction'), id });
    nock(API).get('/v1/balance_transactions').query({ limit: '100', payout: 'po_123' }).reply(answer(seen, 200, list([bt('txn_1'), bt('txn_2')], true)));
    nock(API).get('/v1/balance_transactions').query({ limit: '100', starting_after: 'txn_2', payout: 'po_123' }).reply(answer(seen, 200, list([bt('txn_3')], false)));
    const all = await makeKit().client.balanceTransactionsOfPayout('po_123');
    expect(seen.map((s) => s.path)).toEqual(['/v1/balance_transactions?limit=100&payout=po_123', '/v1/balance_transactions?limit=100&starting_after=txn_2&payout=po_123']);
    expect(all.payoutId).toBe('po_123');
    expect(all.transactions.map((t) => t.id)).toEqual(['txn_1', 'txn_2', 'txn_3']);
    // The entries name no payout (airbytehq/airbyte#46499): the result does.
    expect(all.transactions.some((t) => 'payout' in t)).toBe(false);
  });

  it("parses dj-stripe's real balance transaction of a charge", async () => {
    const real = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'stripe', 'objects-djstripe', 'balance_transaction_txn_fake_ch_fakefakefakefakefake0001.json'), 'utf8')) as Record<string, unknown>;
    nock(API).get('/v1/balance_transactions').query(true).reply(200, list([real]));
    const [line] = (await makeKit().client.balanceTransactionsOfPayout('po_x')).transactions;
    expect([line?.id, line?.amount, line?.fee, line?.net, line?.type]).toEqual([real['id'], real['amount'], real['fee'], real['net'], real['type']]);
  });
});

describe('createRefund', () => {
  const params = { orderId: 'ORD-1001', charge: 'ch_1NnlpSGPxmnHQRkJcYsK19E8', amount: 500, reason: 'requested_by_customer' } as const;

  it('POSTs the form with metadata[order_id] and an Idempotency-Key from the business keys', async () => {
    const seen: SeenRequest[] = [];
    nock(API).post('/v1/refunds').reply(answer(seen, 200, exampleObject('refund')));
    const result = await makeKit().client.createRefund(params);
    expect(seen.map((s) => [s.method, s.path, s.headers['content-type']])).toEqual([['POST', '/v1/refunds', 'application/x-www-form-urlencoded;charset=UTF-8']]);
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({ charge: params.charge, amount: '500', reason: 'requested_by_customer', 'metadata[order_id]': 'ORD-1001' });
    expect(seen[0]?.headers['idempotency-key']).toBe(stripeRefundIdempotencyKey('acme', params));
    expect(result.idempotencyKey).toMatch(/^caravan-refund-[0-9a-f]{48}$/);
    expect([result.refund.id, result.refund.amount, result.replayed]).toEqual(['re_1NnmX5GPxmnHQRkJzG1txqB9', 100, false]);
  });

  it('derives the same key for the same refund, another for any other business key', () => {
    const key = stripeRefundIdempotencyKey('acme', params);
    expect(stripeRefundIdempotencyKey('acme', { ...params })).toBe(key);
    const others = [
      stripeRefundIdempotencyKey('globex', params),
      stripeRefundIdempotencyKey('acme', { ...params, orderId: 'ORD-1002' }),
      stripeRefundIdempotencyKey('acme', { ...params, amount: 501 }),
      stripeRefundIdempotencyKey('acme', { ...params, reason: 'duplicate' }),
      stripeRefundIdempotencyKey('acme', { ...params, refundKey: 'RMA-2' }),
    ];
    expect(new Set([key, ...others]).size).toBe(6);
  });

  it('resends after a 500 with the same key, and reports a replayed refund', async () => {
    const seen: SeenRequest[] = [];
    nock(API).post('/v1/refunds').reply(answer(seen, 500, { error: { type: 'api_error', message: 'An unknown error occurred' } }));
    nock(API).post('/v1/refunds').reply(answer(seen, 200, exampleObject('refund'), { 'idempotent-replayed': 'true' }));
    const result = await makeKit().client.createRefund(params);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.headers['idempotency-key']).toBe(seen[0]?.headers['idempotency-key']);
    expect(result.replayed).toBe(true);
  });

  it('does not resend when Stripe says Stripe-Should-Retry: false (a conflict to settle)', async () => {
    const seen: SeenRequest[] = [];
    nock(API).post('/v1/refunds').reply(answer(seen, 500, { error: { type: 'api_error', message: 'Keys for idempotent requests can only be used for the same endpoint' } }, { 'stripe-should-retry': 'false' }));
    const error = await rejection(makeKit().client.createRefund(params));
    expect([seen.length, error.kind, error.retryable]).toEqual([1, 'conflict', false]);
  });

  it('types a card error with its code, decline code and param', async () => {
    nock(API)
      .post('/v1/refunds')
      .reply(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', param: 'amount', message: 'Your card has insufficient funds.' } }, { 'request-id': 'req_decl' });
    const error = await rejection(makeKit().client.createRefund(params));
    expect([error.kind, error.status, error.vendorCode, error.requestId]).toEqual(['validation', 402, 'card_declined', 'req_decl']);
    expect(error.message).toBe('Stripe createRefund: HTTP 402 card_declined: Your card has insufficient funds.; param amount; decline_code insufficient_funds');
  });

  it('refuses a refund naming both a charge and a payment intent, or a fractional amount', async () => {
    const { client } = makeKit();
    expect((await rejection(client.createRefund({ ...params, paymentIntent: 'pi_1' }))).message).toContain('exactly one of charge');
    expect((await rejection(client.createRefund({ ...params, amount: 5.5 }))).message).toContain('positive integer of minor units');
  });
});

describe('rate limits', () => {
  const RATE_LIMITED = { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } };

  it('waits out one 429 in-process, and hands the second back as rate_limited', async () => {
    const seen: SeenRequest[] = [];
    nock(API).get('/v1/events').times(2).reply(answer(seen, 429, RATE_LIMITED));
    const { client } = makeKit({ settings: { rateLimit: { rate: 1000, burst: 1 } } });
    const error = await rejection(client.listEvents());
    expect([seen.length, error.kind, error.vendorCode, error.retryable]).toEqual([2, 'rate_limited', 'rate_limit', true]);
    expect(error.retryAfterMs).toBeGreaterThan(0);
  });

  it('retries a 409 lock_timeout Stripe marks Stripe-Should-Retry: true', async () => {
    const seen: SeenRequest[] = [];
    nock(API).get('/v1/disputes').reply(answer(seen, 409, { error: { type: 'invalid_request_error', code: 'lock_timeout', message: 'This object cannot be accessed right now' } }, { 'stripe-should-retry': 'true' }));
    nock(API).get('/v1/disputes').reply(answer(seen, 200, list([])));
    await makeKit().client.listDisputes();
    expect(seen).toHaveLength(2);
  });

  it("takes reads and writes from the account's two buckets: 25/s in test mode, 100/s live", async () => {
    nock(API).get('/v1/charges').times(2).reply(200, list([]));
    nock(API).post('/v1/refunds').reply(200, exampleObject('refund'));
    const test = makeKit();
    await test.client.listCharges();
    await test.client.createRefund({ orderId: 'o', charge: 'ch_1' });
    const live = makeKit({ credentials: { secretKey: LIVE_KEY } });
    await live.client.listCharges();
    const plan = (kit: typeof test) => kit.limiter.stats().map((s) => [s.key, s.rate, s.burst, s.acquired]);
    expect(plan(test)).toEqual([
      [expect.stringContaining('read'), 25, 25, 1],
      [expect.stringContaining('write'), 25, 25, 1],
    ]);
    expect(plan(live)).toEqual([[expect.stringContaining('read'), 100, 100, 1]]);
  });
});

describe('paymentLedgerSource', () => {
  it('lists the balance transactions created in [from, to), 100 a page, the last id as cursor', async () => {
    const seen: SeenRequest[] = [];
    const bt = exampleObject('balance_transaction');
    nock(API).get('/v1/balance_transactions').query(true).reply(answer(seen, 200, list([bt], true)));
    const connector = STRIPE_CONNECTOR.connect({ tenant: 'acme', settings: {}, credentials: { secretKey: TEST_KEY }, limiter: new RateLimiterRegistry(), logger: captureLogs().logger });
    const source = connector.capability('paymentLedgerSource')!;
    const page = await source.listTransactions({ from: '2023-11-14T22:13:20Z', to: '2023-11-15T00:00:00Z', cursor: 'txn_prev' });
    expect(decodeURIComponent(seen[0]!.path)).toBe('/v1/balance_transactions?limit=100&starting_after=txn_prev&created[gte]=1700000000&created[lt]=1700006400');
    expect([page.records.length, page.cursor]).toEqual([1, bt['id']]);
  });

  it('refuses a window bound that is no date', async () => {
    const connector = STRIPE_CONNECTOR.connect({ tenant: 'acme', settings: {}, credentials: { secretKey: TEST_KEY }, limiter: new RateLimiterRegistry(), logger: captureLogs().logger });
    const error = await rejection(connector.capability('paymentLedgerSource')!.listTransactions({ from: 'yesterday', to: '2023-11-15T00:00:00Z' }));
    expect(error.message).toContain('from must be an ISO 8601 date-time');
  });
});
