/**
 * Stripe → SettlementLine on every real sample (test/fixtures/stripe), the money conversion
 * per Stripe's currency rules, and the deviations real payloads show (each with its source).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StripeBalanceTransactionSchema, StripeEventSchema, StripeHeldObjectSchema } from '../../../connectors/stripe/index.js';
import { PaymentEventNoticeSchema, SettlementLineSchema } from '../../../mappings/canonical/index.js';
import { stripeBalanceTransactionToLine, stripeEventToRecords, stripeLineKind, stripeMoney, stripeObjectToRecords, STRIPE_LEDGER_EVENT_TYPES } from '../../../mappings/stripe/index.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'stripe');
const read = (p: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIX, p), 'utf8')) as Record<string, unknown>;
const EVENTS = readdirSync(join(FIX, 'webhook-events')).filter((f) => f.endsWith('.json')).sort();

function mapEvent(raw: unknown) {
  const parsed = StripeEventSchema.parse(raw);
  const r = stripeEventToRecords(parsed);
  if (!r.ok) throw r.error;
  return r.value;
}

const lineOf = (x: unknown) => SettlementLineSchema.parse(x);

describe('Stripe amounts → Money (docs.stripe.com/currencies)', () => {
  it.each([
    [1000, 'usd', 1000, 'USD'],
    [500, 'jpy', 500, 'JPY'], // zero-decimal in both
    [5000, 'ugx', 5000, 'UGX'], // on Stripe's zero-decimal list, ISO 0
    [500, 'isk', 5, 'ISK'], // special case: two-decimal representation, "5 ISK → 500"
    [1000, 'mga', 100000, 'MGA'], // zero-decimal at Stripe, 2 decimals in ISO 4217
    [5120, 'kwd', 5120, 'KWD'], // three-decimal
    [10000, 'huf', 10000, 'HUF'], // charges in two decimals (payouts divisible by 100)
    [10000, 'twd', 10000, 'TWD'],
    [-1500, 'eur', -1500, 'EUR'],
  ])('%i %s → %i %s', (amount, cur, minor, code) => {
    expect(stripeMoney(amount, cur)).toEqual({ ok: true, money: { amountMinor: minor, currency: code } });
  });

  it('never rounds: an ISK amount that is not a multiple of 100 is an error; unknown currencies too', () => {
    expect(stripeMoney(550, 'isk')).toMatchObject({ ok: false, message: expect.stringContaining('multiple of 100') });
    expect(stripeMoney(100, 'xyz')).toMatchObject({ ok: false, message: expect.stringContaining('not an ISO 4217') });
  });
});

describe('stripe balance transactions → lines', () => {
  it('maps the dj-stripe charge balance transaction with fee details (fee negative, net = gross + fee)', () => {
    const bt = StripeBalanceTransactionSchema.parse(read('objects-djstripe/balance_transaction_txn_fake_ch_fakefakefakefakefake0001.json'));
    const r = stripeBalanceTransactionToLine(bt);
    expect(r.ok).toBe(true);
    expect(r.ok && lineOf(r.value)).toEqual({
      source: 'stripe',
      lineId: 'txn_fake_ch_fakefakefakefakefake0001',
      idempotencyKey: 'stripe:txn_fake_ch_fakefakefakefakefake0001',
      kind: 'sale',
      rawType: 'charge',
      status: 'pending',
      currency: 'USD',
      gross: { amountMinor: 2000, currency: 'USD' },
      fee: { amountMinor: -88, currency: 'USD' },
      net: { amountMinor: 1912, currency: 'USD' },
      feeDetails: [{ type: 'stripe_fee', amount: { amountMinor: -88, currency: 'USD' }, description: 'Stripe processing fees' }],
      postedAt: '2019-05-16T08:26:17Z',
      availableAt: '2019-05-23T00:00:00Z',
      description: 'Subscription creation',
      refs: { sourceObjectId: 'ch_fakefakefakefakefake0001', chargeId: 'ch_fakefakefakefakefake0001' },
    });
  });

  it('maps a chargeback withdrawal (adjustment of reporting category dispute) with its dispute fee', () => {
    const bt = StripeBalanceTransactionSchema.parse(read('objects-djstripe/dispute_txn_fakefakefakefake01.json'));
    const r = stripeBalanceTransactionToLine(bt);
    expect(r.ok && [r.value.kind, r.value.rawType, r.value.gross.amountMinor, r.value.fee?.amountMinor, r.value.net?.amountMinor, r.value.refs.disputeId]).toEqual([
      'chargeback',
      'adjustment:dispute',
      -1000,
      -1500,
      -2500,
      'dp_1JHRCWJSZQVUcJYgEHzUiuvb',
    ]);
  });

  it('maps the stripe-mock balance_transaction example (openapi/fixtures3.json)', () => {
    const fixtures = read('openapi/fixtures3.json') as { resources: Record<string, unknown> };
    const r = stripeBalanceTransactionToLine(StripeBalanceTransactionSchema.parse(fixtures.resources.balance_transaction));
    expect(r.ok && [r.value.lineId, r.value.kind, r.value.gross, r.value.fee, r.value.status]).toEqual(['txn_1NnmMBGPxmnHQRkJNo4jmMSX', 'sale', { amountMinor: 100, currency: 'USD' }, { amountMinor: 0, currency: 'USD' }, 'available']);
  });

  it('keeps the exchange rate as decimal text and reads kinds from type and reporting category', () => {
    const bt = StripeBalanceTransactionSchema.parse({ id: 'txn_fx', amount: 9123, currency: 'eur', created: 1700000000, exchange_rate: 0.912345, fee: 295, fee_details: [], net: 8828, type: 'charge', reporting_category: 'charge', source: { id: 'ch_x', object: 'charge' } });
    const r = stripeBalanceTransactionToLine(bt);
    expect(r.ok && [r.value.exchangeRate, r.value.refs.chargeId, r.value.feeDetails]).toEqual(['0.912345', 'ch_x', undefined]);
    expect(stripeLineKind('adjustment', 'dispute_reversal')).toBe('chargeback-reversal');
    expect(stripeLineKind('payout', 'payout')).toBe('payout');
    expect(stripeLineKind('stripe_fx_fee', undefined)).toBe('fx');
    expect(stripeLineKind('reserve_transaction', undefined)).toBe('reserve');
    expect(stripeLineKind('something_new', undefined)).toBe('other');
  });

  it('accepts null fee and fee_details on saved copies (fee = amount − net)', () => {
    const bt = StripeBalanceTransactionSchema.parse({ id: 'txn_n', amount: 1000, currency: 'usd', created: 1700000000, fee: null, fee_details: null, net: 941, type: 'charge' });
    const r = stripeBalanceTransactionToLine(bt);
    expect(r.ok && r.value.fee).toEqual({ amountMinor: -59, currency: 'USD' });
  });

  it('accepts integer amounts sent as digits, and fee_details entries with fields the spec lacks (stripe/stripe-dotnet#1120: amount_refunded)', () => {
    const bt = StripeBalanceTransactionSchema.parse({ id: 'txn_s', amount: '465', currency: 'usd', created: '1700000000', fee: '45', fee_details: [{ amount: 45, amount_refunded: 0, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' }], net: '420', type: 'charge' });
    const r = stripeBalanceTransactionToLine(bt);
    expect(r.ok && [r.value.gross.amountMinor, r.value.fee?.amountMinor, r.value.net?.amountMinor]).toEqual([465, -45, 420]);
  });

  it('names the record and the field when the figures disagree', () => {
    const bt = StripeBalanceTransactionSchema.parse({ id: 'txn_bad', amount: 1000, currency: 'usd', created: 1700000000, fee: 30, net: 990, type: 'charge' });
    const r = stripeBalanceTransactionToLine(bt);
    expect(r.ok).toBe(false);
    expect(!r.ok && [r.error.recordType, r.error.recordId, r.error.field]).toEqual(['stripe.balance-transaction', 'txn_bad', 'net']);
  });
});

/** What each money-moving sample event maps to: [kind, lineId, gross minor units]. */
const EXPECTED_LINES: Record<string, [string, string, number][]> = {
  'charge.succeeded.json': [['sale', 'txn_000000000000000000000000', 2000]],
  'charge.refunded.json': [['refund', 'txn_000000000000000000000000', -100]],
  'charge.dispute.updated.json': [['chargeback', 'txn_00000000000000', -1000]], // 2013 shape: one balance_transaction, no id
  'payout.created.json': [['payout', 'txn_000000000000000000000000', -1100]],
  'payout.paid.json': [['payout', 'txn_000000000000000000000000', -1100]],
  'transfer.created.json': [['transfer', 'txn_00000000000000', -67]], // 2012 shape: `date`, no `created`
  'transfer.paid.json': [['transfer', 'txn_00000000000000', -67]],
  'transfer.updated.json': [['transfer', 'txn_00000000000000', -67]],
};

describe('stripe events → lines or notices (every webhook sample)', () => {
  it.each(EVENTS)('%s', (file) => {
    const raw = read(`webhook-events/${file}`);
    const records = mapEvent(raw);
    const expected = EXPECTED_LINES[file];
    if (expected) {
      expect(records.map((r) => lineOf(r)).map((l) => [l.kind, l.lineId, l.gross.amountMinor])).toEqual(expected);
      for (const r of records) expect(lineOf(r).refs.eventId).toBe(raw.id);
    } else {
      expect(records).toHaveLength(1);
      const notice = PaymentEventNoticeSchema.parse(records[0]);
      expect([notice.eventId, notice.type]).toEqual([raw.id, raw.type]);
    }
  });

  it('maps every ledger event type listed, and only those, to lines', () => {
    const mapped = EVENTS.filter((f) => EXPECTED_LINES[f]).map((f) => String(read(`webhook-events/${f}`).type));
    for (const t of mapped) expect(Object.keys(STRIPE_LEDGER_EVENT_TYPES)).toContain(t);
  });

  it('charge.dispute.created holding an inquiry (warning_needs_response, no balance transactions) is a notice, not a chargeback', () => {
    const [notice] = mapEvent(read('webhook-events/charge.dispute.created.json'));
    expect(notice).toMatchObject({ record: 'non-ledger-event', objectType: 'dispute', objectId: 'dp_000000000000000000000000', reason: expect.stringContaining('inquiry') });
  });

  it('a charge event with an expanded balance_transaction carries fee, net and fee details (stripe/stripe-go#383: id or expanded object)', () => {
    const raw = read('webhook-events/charge.succeeded.json') as { data: { object: Record<string, unknown> } };
    const bt = read('objects-djstripe/balance_transaction_txn_fake_ch_fakefakefakefakefake0001.json');
    raw.data.object.balance_transaction = { ...bt, amount: 2000, currency: 'eur', fee: 88, fee_details: [{ amount: 88, currency: 'eur', type: 'stripe_fee', description: null }], net: 1912, exchange_rate: 0.91 };
    const [line] = mapEvent(raw).map(lineOf);
    expect(line).toMatchObject({
      lineId: 'txn_fake_ch_fakefakefakefakefake0001',
      kind: 'sale',
      currency: 'EUR',
      gross: { amountMinor: 2000, currency: 'EUR' },
      fee: { amountMinor: -88, currency: 'EUR' },
      net: { amountMinor: 1912, currency: 'EUR' },
      original: { amountMinor: 2000, currency: 'USD' },
      exchangeRate: '0.91',
      refs: { eventId: 'evt_000000000000000000000000', chargeId: 'ch_000000000000000000000000' },
    });
  });

  it('a charge event whose balance_transaction is still null is a notice (polarsource/polar#6144: "often null when we receive the event")', () => {
    const raw = read('webhook-events/charge.succeeded.json') as { data: { object: Record<string, unknown> } };
    raw.data.object.balance_transaction = null;
    expect(mapEvent(raw)).toEqual([expect.objectContaining({ record: 'non-ledger-event', reason: expect.stringContaining('balance_transaction: null') })]);
  });

  it('charge.refunded without a refunds list (API 2022-11-15 and later) gives the refunded amount the event adds', () => {
    const raw = read('webhook-events/charge.refunded.json') as { data: { object: Record<string, unknown>; previous_attributes: Record<string, unknown> } };
    delete raw.data.object.refunds;
    raw.data.object.amount_refunded = 60;
    raw.data.previous_attributes = { amount_refunded: 20 };
    const [line] = mapEvent(raw).map(lineOf);
    expect([line!.kind, line!.lineId, line!.gross.amountMinor]).toEqual(['refund', 'ch_000000000000000000000000:refunded:60', -40]);
  });

  it('an uncaptured charge, a failed refund and a non-money object type are notices', () => {
    const fixtures = read('openapi/fixtures3.json') as { resources: Record<string, unknown> };
    const charge = stripeObjectToRecords(StripeHeldObjectSchema.parse(fixtures.resources.charge));
    expect(charge.ok && charge.value).toEqual([expect.objectContaining({ record: 'non-ledger-event', reason: expect.stringContaining('not captured') })]);
    const refund = stripeObjectToRecords(StripeHeldObjectSchema.parse({ ...(fixtures.resources.refund as object), status: 'failed', balance_transaction: 'txn_1' }));
    expect(refund.ok && refund.value).toEqual([expect.objectContaining({ reason: 'the refund failed: no money moved' })]);
  });

  it('maps the dj-stripe dispute objects to one chargeback line per balance transaction', () => {
    for (const f of ['dispute_dp_fakefakefakefake01.json', 'dispute_dp_fakefakefakefake02.json']) {
      const r = stripeObjectToRecords(StripeHeldObjectSchema.parse(read(`objects-djstripe/${f}`)));
      expect(r.ok && r.value.map((x) => lineOf(x)).map((l) => [l.kind, l.gross.amountMinor, l.fee?.amountMinor, l.refs.disputeId])).toEqual([['chargeback', -1000, -1500, 'dp_1JAyTwJSZQVUcJYgPqasUEn1']]);
    }
  });

  it('rejects an amount saved as decimal major units ("10.00", dj-stripe payout fixture), naming the record and the field', () => {
    const raw = { id: 'evt_x', object: 'event', type: 'payout.paid', created: 1629594221, data: { object: read('objects-djstripe/payout_custom_bank_account.json') } };
    const r = stripeEventToRecords(StripeEventSchema.parse(raw));
    expect(r.ok).toBe(false);
    expect(!r.ok && [r.error.recordType, r.error.recordId, r.error.field]).toEqual(['stripe.event', 'evt_x', 'data.object.amount']);
  });

  it('a non-ledger event whose object would not pass its money schema still prints a notice', () => {
    const raw = { id: 'evt_y', type: 'charge.updated', created: 1, data: { object: { id: 'ch_1', object: 'charge', amount: '1.5' } } };
    expect(mapEvent(raw)).toEqual([expect.objectContaining({ record: 'non-ledger-event', type: 'charge.updated', objectId: 'ch_1' })]);
  });
});
