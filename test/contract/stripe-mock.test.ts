/**
 * Every Stripe client operation against stripe-mock, Stripe's own mock built from its OpenAPI
 * description: it refuses (400) a request whose path, method or parameters the description does
 * not allow, so a call that succeeds was sent as Stripe describes it; its answers are Stripe's
 * example objects, parsed by the connector's schemas.
 *
 * stripe-mock is found or built like the Temporal CLI (worker/stripe-mock.ts). Without a binary
 * and without Go the tests are skipped with the reason, unless CARAVAN_REQUIRE_STRIPE_MOCK=1
 * (.ci/run) makes that a failure.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { createStripeClient, STRIPE_CONNECTOR, type StripeClient } from '../../connectors/stripe/index.js';
import { findGo } from '../../worker/go-binary.js';
import { resolveStripeMock, startStripeMock, type RunningStripeMock } from '../../worker/stripe-mock.js';
import { startPrismRecorder, type PrismExchange, type RunningRecorder } from '../support/prism.js';

const binary = await resolveStripeMock({ allowBuild: findGo() !== undefined, log: (l) => console.error(l) }).then(
  (r) => r.path,
  (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
);
if (binary instanceof Error) {
  if (process.env.CARAVAN_REQUIRE_STRIPE_MOCK === '1') throw new Error(`stripe-mock is required (CARAVAN_REQUIRE_STRIPE_MOCK=1) but unavailable: ${binary.message}`);
  console.warn(`\n!!! Stripe contract tests SKIPPED: ${binary.message.split('\n')[0]}\n!!! Set CARAVAN_REQUIRE_STRIPE_MOCK=1 to make this a failure.\n`);
}

describe.skipIf(binary instanceof Error)('Stripe client against stripe-mock', () => {
  let mock: RunningStripeMock | undefined;
  let proxy: RunningRecorder | undefined;
  let endpoint = '';
  const seen: PrismExchange[] = [];
  let client: StripeClient;

  beforeAll(async () => {
    mock = await startStripeMock(binary as string);
    // The recording proxy of the Prism tests: it reports each exchange, whatever mock answers.
    proxy = await startPrismRecorder(mock.url, (exchange) => seen.push(exchange));
    endpoint = proxy.url;
    client = createStripeClient({
      tenant: 'contract',
      settings: { endpoint },
      credentials: { secretKey: 'sk_test_123' },
      logger: pino({ level: 'silent' }),
      retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([proxy?.stop(), mock?.stop()]);
  });

  beforeEach(() => {
    seen.length = 0;
  });

  const summary = () => seen.map((e) => [e.method, decodeURIComponent(e.url), e.status]);

  it('lists payouts, charges, refunds, disputes and events with paging and a created range', async () => {
    const range = { limit: 3, startingAfter: 'obj_before', created: { gte: 1_700_000_000, lt: 1_700_086_400 } };
    const pages = [
      await client.listPayouts({ ...range, filters: [['status', 'paid']] }),
      await client.listCharges(range),
      await client.listRefunds({ ...range, filters: [['charge', 'ch_123']] }),
      await client.listDisputes(range),
      await client.listEvents({ ...range, filters: [['type', 'payout.paid']] }),
    ];
    const query = '?limit=3&starting_after=obj_before&created[gte]=1700000000&created[lt]=1700086400';
    expect(summary()).toEqual([
      ['GET', `/v1/payouts${query}&status=paid`, 200],
      ['GET', `/v1/charges${query}`, 200],
      ['GET', `/v1/refunds${query}&charge=ch_123`, 200],
      ['GET', `/v1/disputes${query}`, 200],
      ['GET', `/v1/events${query}&type=payout.paid`, 200],
    ]);
    expect(pages.map((p) => p.data.length > 0)).toEqual([true, true, true, true, true]);
    expect(seen.every((e) => e.requestHeaders['stripe-version'] === '2023-08-16' && e.requestHeaders['authorization'] === 'Bearer sk_test_123')).toBe(true);
  });

  it('lists the balance transactions of a payout (payout=, every page)', async () => {
    const { payoutId, transactions } = await client.balanceTransactionsOfPayout('po_123');
    expect(summary()).toEqual([['GET', '/v1/balance_transactions?limit=100&payout=po_123', 200]]);
    expect(payoutId).toBe('po_123');
    expect(transactions.length > 0 && transactions.every((l) => l.object === 'balance_transaction')).toBe(true);
  });

  it('creates a refund with its Idempotency-Key, form-encoded as the description allows', async () => {
    const result = await client.createRefund({ orderId: 'ORD-1', charge: 'ch_123', amount: 500, reason: 'requested_by_customer' });
    expect(summary()).toEqual([['POST', '/v1/refunds', 200]]);
    expect(seen[0]?.requestHeaders['idempotency-key']).toBe(result.idempotencyKey);
    expect([result.refund.object, result.refund.amount, result.refund.charge]).toEqual(['refund', 500, 'ch_123']);
  });

  it('reads a window of balance transactions as the ledger does (paymentLedgerSource)', async () => {
    const connector = STRIPE_CONNECTOR.connect({ tenant: 'contract', settings: { endpoint }, credentials: { secretKey: 'sk_test_123' }, limiter: new RateLimiterRegistry(), logger: pino({ level: 'silent' }) });
    const page = await connector.capability('paymentLedgerSource')!.listTransactions({ from: '2023-11-14T00:00:00Z', to: '2023-11-15T00:00:00Z' });
    expect(summary()).toEqual([['GET', '/v1/balance_transactions?limit=100&created[gte]=1699920000&created[lt]=1700006400', 200]]);
    expect(page.records.length).toBeGreaterThan(0);
  });

  it('stripe-mock refuses what the description does not allow, and the client types it from the error object', async () => {
    const error = await client.listCharges({ filters: [['no_such_filter', 'x']] }).then(
      () => undefined,
      (e: unknown) => e as { kind?: string; status?: number; vendorCode?: string },
    );
    expect([error?.kind, error?.status, error?.vendorCode]).toEqual(['validation', 400, 'invalid_request_error']);
  });
});
