/**
 * `caravan map` on the settlement-ledger kinds: every Stripe and PayPal sample file (test/fixtures/stripe,
 * test/fixtures/paypal) through stripe.event, stripe.balance-transactions, paypal.transactions and
 * paypal.event; error replies exit 1 with the vendor's code and message; files of another kind say so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';
import { v2Report } from '../mappings/amazon/settlement-kit.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const STRIPE = join(FIX, 'stripe');
const PAYPAL = join(FIX, 'paypal');
const write = scratchFiles('caravan-map-payments-');

const caravan = caravanMap;

afterEach(() => {
  process.exitCode = undefined;
});

type Rec = { kind?: string; record?: string; lineId?: string; gross?: { amountMinor: number; currency: string }; reason?: string; error?: { field: string; message: string } };
const json = (stdout: string) => JSON.parse(stdout) as Rec[];
const files = (d: string) => readdirSync(d).filter((f) => f.endsWith('.json')).sort();

describe('caravan map stripe.event', () => {
  it.each(files(join(STRIPE, 'webhook-events')))('webhook sample %s prints lines or a notice (exit 0)', async (f) => {
    const { code, stdout, stderr } = await caravan('stripe.event', join(STRIPE, 'webhook-events', f));
    expect([code, stderr]).toEqual([0, '']);
    const records = json(stdout);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r.kind !== undefined || r.record === 'non-ledger-event').toBe(true);
  });

  it('payout.paid → one payout line of −11.00 USD keyed by its balance transaction', async () => {
    const { stdout } = await caravan('stripe.event', join(STRIPE, 'webhook-events', 'payout.paid.json'));
    expect(json(stdout).map((r) => [r.kind, r.lineId, r.gross])).toEqual([['payout', 'txn_000000000000000000000000', { amountMinor: -1100, currency: 'USD' }]]);
  });

  it.each([
    ['charge_ch_fakefakefakefakefake0001.json', [['sale', 2000]]],
    ['dispute_dp_fakefakefakefake01.json', [['chargeback', -1000]]],
    ['dispute_dp_fakefakefakefake02.json', [['chargeback', -1000]]],
  ])('dj-stripe object %s (a bare object is read as the event that would carry it)', async (f, expected) => {
    const { code, stdout } = await caravan('stripe.event', join(STRIPE, 'objects-djstripe', f));
    expect(code).toBe(0);
    expect(json(stdout).map((r) => [r.kind, r.gross?.amountMinor])).toEqual(expected);
  });

  it.each(['dispute_pi_fakefakefakefake01.json', 'invoice_in_fakefakefakefakefake0001.json', 'payment_intent_pi_fakefakefakefakefake0001.json'])('dj-stripe object %s moves no money: a notice', async (f) => {
    const { code, stdout } = await caravan('stripe.event', join(STRIPE, 'objects-djstripe', f));
    expect(code).toBe(0);
    expect(json(stdout)).toEqual([expect.objectContaining({ record: 'non-ledger-event' })]);
  });

  it.each([
    ['payout_custom_bank_account.json', 'amount'],
    ['dispute_ch_fakefakefakefake01.json', 'amount'],
  ])('dj-stripe %s saves amounts as "10.00": rejected naming the field (exit 1)', async (f, field) => {
    const { code, stdout } = await caravan('stripe.event', join(STRIPE, 'objects-djstripe', f));
    expect(code).toBe(1);
    expect(json(stdout)[0]?.error).toMatchObject({ field, message: expect.stringContaining('integer amount of minor units') });
  });

  it('a balance transaction given as an event points to stripe.balance-transactions (exit 1)', async () => {
    const { code, stderr } = await caravan('stripe.event', join(STRIPE, 'objects-djstripe', 'dispute_txn_fakefakefakefake01.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('this is a Stripe balance transaction, not a Stripe event; try `caravan map stripe.balance-transactions');
  });

  it('a GET /v1/events list maps each event', async () => {
    const events = ['charge.succeeded.json', 'customer.created.json'].map((f) => JSON.parse(readFileSync(join(STRIPE, 'webhook-events', f), 'utf8')) as unknown);
    const { code, stdout } = await caravan('stripe.event', write('events-list.json', { object: 'list', data: events, has_more: false, url: '/v1/events' }));
    expect(code).toBe(0);
    expect(json(stdout).map((r) => r.kind ?? r.record)).toEqual(['sale', 'non-ledger-event']);
  });

  it("a Stripe error reply exits 1 with Stripe's code and message", async () => {
    const file = write('stripe-404.json', { error: { code: 'resource_missing', doc_url: 'https://stripe.com/docs/error-codes/resource-missing', message: 'No such event: evt_123', param: 'id', type: 'invalid_request_error' } });
    const { code, stderr, stdout } = await caravan('stripe.event', file);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('is an error reply from Stripe, code resource_missing, not a Stripe event');
    expect(stderr).toContain('No such event: evt_123');
  });

  it('a PayPal reply given to stripe.event names what it is', async () => {
    const { code, stderr } = await caravan('stripe.event', join(PAYPAL, 'transaction-search', 'airbyte_sandbox_page_1.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('this is a PayPal Transaction Search reply, not a Stripe event; try `caravan map paypal.transactions');
  });
});

describe('caravan map stripe.balance-transactions', () => {
  it.each(['balance_transaction_txn_fake_ch_fakefakefakefakefake0001.json', 'dispute_txn_fakefakefakefake01.json'])('%s', async (f) => {
    const { code, stdout, stderr } = await caravan('stripe.balance-transactions', join(STRIPE, 'objects-djstripe', f));
    expect([code, stderr]).toEqual([0, '']);
    expect(json(stdout)).toHaveLength(1);
  });

  it('maps a GET /v1/balance_transactions list (the stripe-mock example and the dj-stripe ones)', async () => {
    const fixtures = JSON.parse(readFileSync(join(STRIPE, 'openapi', 'fixtures3.json'), 'utf8')) as { resources: Record<string, unknown> };
    const data = [fixtures.resources.balance_transaction, ...['balance_transaction_txn_fake_ch_fakefakefakefakefake0001.json', 'dispute_txn_fakefakefakefake01.json'].map((f) => JSON.parse(readFileSync(join(STRIPE, 'objects-djstripe', f), 'utf8')) as unknown)];
    const { code, stdout } = await caravan('stripe.balance-transactions', write('bt-list.json', { object: 'list', data, has_more: false, url: '/v1/balance_transactions' }));
    expect(code).toBe(0);
    expect(json(stdout).map((r) => [r.lineId, r.kind, r.gross?.amountMinor])).toEqual([
      ['txn_1NnmMBGPxmnHQRkJNo4jmMSX', 'sale', 100],
      ['txn_fake_ch_fakefakefakefakefake0001', 'sale', 2000],
      ['txn_1JHRCWJSZQVUcJYgYwW8XpF4', 'chargeback', -1000],
    ]);
  });

  it('an empty page maps to no records (exit 0)', async () => {
    const { code, stdout } = await caravan('stripe.balance-transactions', write('bt-empty.json', { object: 'list', data: [], has_more: false, url: '/v1/balance_transactions' }));
    expect([code, JSON.parse(stdout)]).toEqual([0, []]);
  });

  it('an event given as balance transactions points to stripe.event (exit 1)', async () => {
    const { code, stderr } = await caravan('stripe.balance-transactions', join(STRIPE, 'webhook-events', 'payout.paid.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('try `caravan map stripe.event');
  });
});

describe('caravan map paypal.transactions', () => {
  it('maps the real sandbox page and the single-transaction reply (exit 0)', async () => {
    const page = await caravan('paypal.transactions', join(PAYPAL, 'transaction-search', 'airbyte_sandbox_page_1.json'));
    expect([page.code, page.stderr]).toEqual([0, '']);
    expect(json(page.stdout).map((r) => [r.lineId, r.kind, r.gross?.amountMinor])).toEqual([
      ['2N603077GD600560F', 'reserve', -6075],
      ['0JN65120FU073310V', 'transfer', -1000],
      ['4XL46752RR472362C', 'reserve', 1025],
    ]);
    const single = await caravan('paypal.transactions', join(PAYPAL, 'transaction-search', 'airbyte_transaction_single.json'));
    expect(json(single.stdout).map((r) => [r.lineId, r.kind, r.gross?.amountMinor])).toEqual([['5TY05013RG002845M', 'sale', 46500]]);
  });

  it('RESULTSET_TOO_LARGE is an error reply: exit 1 with its name and message (airbytehq/airbyte#70968)', async () => {
    const file = write('paypal-too-large.json', { name: 'RESULTSET_TOO_LARGE', message: 'Result set size is greater than the maximum limit. Change the filter criteria and try again.', debug_id: 'f1c2d3e4a5b6c', links: [] });
    const { code, stderr, stdout } = await caravan('paypal.transactions', file);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('is an error reply from PayPal, code RESULTSET_TOO_LARGE, not a PayPal Transaction Search reply');
    expect(stderr).toContain('Result set size is greater than the maximum limit');
  });

  it('RESULTSET_TOO_LARGE saved without debug_id is still named as PayPal\'s error', async () => {
    const { code, stderr } = await caravan('paypal.transactions', write('paypal-too-large-bare.json', { name: 'RESULTSET_TOO_LARGE', message: 'Result set size is greater than the maximum limit. Change the filter criteria and try again.' }));
    expect(code).toBe(1);
    expect(stderr).toContain('code RESULTSET_TOO_LARGE');
  });

  it('an OAuth token error exits 1 with its code', async () => {
    const { code, stderr } = await caravan('paypal.transactions', write('paypal-oauth.json', { error: 'invalid_client', error_description: 'Client Authentication failed' }));
    expect(code).toBe(1);
    expect(stderr).toContain('code invalid_client');
    expect(stderr).toContain('Client Authentication failed');
  });

  it('a recorded exchange with its status (HTTP 400) names the status too', async () => {
    const file = write('paypal-400-recorded.json', { request: { method: 'GET', path: '/v1/reporting/transactions' }, response: { status: 400, body: { name: 'INVALID_REQUEST', message: 'Data for the given start date is not available.', debug_id: '4a924c46669da', details: [] } } });
    const { code, stderr } = await caravan('paypal.transactions', file);
    expect(code).toBe(1);
    expect(stderr).toContain('HTTP 400 INVALID_REQUEST: Data for the given start date is not available.');
  });

  it('a row the currency cannot hold is rejected naming the transaction and the field (exit 1)', async () => {
    const reply = JSON.parse(readFileSync(join(PAYPAL, 'transaction-search', 'airbyte_transaction_single.json'), 'utf8')) as { transaction_details: { transaction_info: Record<string, unknown> }[] };
    reply.transaction_details[0]!.transaction_info.transaction_amount = { currency_code: 'JPY', value: '465.50' };
    const { code, stdout } = await caravan('paypal.transactions', write('paypal-jpy.json', reply));
    expect(code).toBe(1);
    expect(json(stdout)[0]?.error).toMatchObject({ field: 'transaction_details[0].transaction_info.transaction_amount.value', message: expect.stringContaining('5TY05013RG002845M') });
  });
});

describe('caravan map paypal.event', () => {
  it.each([...files(join(PAYPAL, 'webhook-events')).map((f) => join('webhook-events', f)), 'paypal-php-sdk-v1-fixtures/WebhookFunctionalTest_testGetEvent.json', 'paypal-php-sdk-v1-fixtures/WebhookFunctionalTest_testEventSearch.json'])(
    '%s prints lines or notices (exit 0)',
    async (f) => {
      const { code, stdout, stderr } = await caravan('paypal.event', join(PAYPAL, f));
      expect([code, stderr]).toEqual([0, '']);
      expect(json(stdout).length).toBeGreaterThan(0);
    },
  );

  it('PAYMENT.CAPTURE.COMPLETED v2 → a sale of 2.51 USD with its 0.37 fee', async () => {
    const { stdout } = await caravan('paypal.event', join(PAYPAL, 'webhook-events', 'PAYMENT.CAPTURE.COMPLETED.v2.json'));
    expect(json(stdout)).toEqual([expect.objectContaining({ kind: 'sale', lineId: '27M47624FP291604U', gross: { amountMinor: 251, currency: 'USD' }, fee: { amountMinor: -37, currency: 'USD' } })]);
  });

  it.each(['WebhookFunctionalTest_testCreate.json', 'WebhookFunctionalTest_testEventResend.json', 'WebhookFunctionalTest_testGetSubscribedEventTypes.json', 'WebhookFunctionalTest_webhook_get_available_event_types.json'])(
    '%s holds no webhook event: exit 1 saying so',
    async (f) => {
      const { code, stderr } = await caravan('paypal.event', join(PAYPAL, 'paypal-php-sdk-v1-fixtures', f));
      expect(code).toBe(1);
      expect(stderr).toContain('holds no PayPal webhook events');
    },
  );
});

it('lists the five kinds', async () => {
  const { stdout, stderr } = await caravan('nope.kind', join(PAYPAL, 'webhook-events', 'PAYMENT.CAPTURE.COMPLETED.v2.json'));
  for (const k of ['stripe.event', 'stripe.balance-transactions', 'paypal.transactions', 'paypal.event', 'amazon.settlement-report']) expect(stdout + stderr).toContain(`  ${k} `);
});

describe('caravan map amazon.settlement-report', () => {
  const SETTLEMENT = join(FIX, 'amazon', 'settlement', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.airbyte-fixture.tsv');

  it('maps the airbyte fixture: the settlement total, then its sale and fee lines (exit 0)', async () => {
    const { code, stdout, stderr } = await caravan('amazon.settlement-report', SETTLEMENT);
    expect([code, stderr]).toEqual([0, '']);
    const records = JSON.parse(stdout) as { settlementId?: string; kind?: string; gross?: { amountMinor: number } }[];
    expect(records.map((r) => r.kind ?? r.settlementId)).toEqual(['12345678901', 'sale', 'fee']);
  });

  it('reads a Windows-1252 report (bytes that are not UTF-8): the description keeps its accents', async () => {
    const text = v2Report([
      { 'settlement-id': '42', 'total-amount': '10,00', currency: 'EUR' },
      { 'settlement-id': '42', 'transaction-type': 'Order', 'amount-type': 'Promotion', 'amount-description': 'Réduction', amount: '-2,50', 'posted-date': '04.03.2024' },
    ]);
    const file = write('settlement-cp1252.tsv', Buffer.from(text, 'latin1'));
    const { code, stdout } = await caravan('amazon.settlement-report', file);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)[1]).toMatchObject({ kind: 'sale', description: 'Réduction', gross: { amountMinor: -250, currency: 'EUR' }, postedAt: '2024-03-04' });
  });

  it('a settlement report given as a Stripe event points to amazon.settlement-report (exit 1)', async () => {
    const { code, stderr } = await caravan('stripe.event', SETTLEMENT);
    expect(code).toBe(1);
    expect(stderr).toContain('this is an Amazon settlement report (tab-separated), not a Stripe event; try `caravan map amazon.settlement-report');
  });

  it('a JSON file given as a settlement report says what it is (exit 1)', async () => {
    const { code, stderr } = await caravan('amazon.settlement-report', join(PAYPAL, 'transaction-search', 'airbyte_sandbox_page_1.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('PayPal Transaction Search reply, not an Amazon settlement report');
  });
});
