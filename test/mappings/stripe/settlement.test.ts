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
  // 2012 shape (`date`, no `created`): a transfer to the account's own bank (recipient null, `summary`,
  // `other_transfers`), what API 2017-04-06 made a payout.
  'transfer.created.json': [['payout', 'txn_00000000000000', -67]],
  'transfer.paid.json': [['payout', 'txn_00000000000000', -67]],
  'transfer.updated.json': [['payout', 'txn_00000000000000', -67]],
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

  it('charge.refunded without a refunds list (API 2022-11-15 and later) is a notice: its refund is counted once, by the refund.created event\'s balance transaction', () => {
    const raw = read('webhook-events/charge.refunded.json') as { data: { object: Record<string, unknown>; previous_attributes: Record<string, unknown> } };
    delete raw.data.object.refunds;
    raw.data.object.amount_refunded = 60;
    raw.data.previous_attributes = { amount_refunded: 20 };
    expect(mapEvent(raw)).toEqual([expect.objectContaining({ record: 'non-ledger-event', reason: expect.stringMatching(/40 refunded .*without a refunds list.*refund\.created/) })]);
  });

  it('an uncaptured charge, a canceled refund, a refund failed before any balance transaction and a non-money object type are notices', () => {
    const fixtures = read('openapi/fixtures3.json') as { resources: Record<string, unknown> };
    const charge = stripeObjectToRecords(StripeHeldObjectSchema.parse(fixtures.resources.charge));
    expect(charge.ok && charge.value).toEqual([expect.objectContaining({ record: 'non-ledger-event', reason: expect.stringContaining('not captured') })]);
    const canceled = stripeObjectToRecords(StripeHeldObjectSchema.parse({ ...(fixtures.resources.refund as object), status: 'canceled', balance_transaction: 'txn_1' }));
    expect(canceled.ok && canceled.value).toEqual([expect.objectContaining({ reason: 'the refund canceled: no money moved' })]);
    const failed = stripeObjectToRecords(StripeHeldObjectSchema.parse({ ...(fixtures.resources.refund as object), status: 'failed', balance_transaction: null, failure_balance_transaction: null }));
    expect(failed.ok && failed.value).toEqual([expect.objectContaining({ reason: expect.stringContaining('failed before it moved money') })]);
  });

  it('a failed refund: its refund line and the failure balance transaction that gives the amount back (spec3.yaml refund.failure_balance_transaction)', () => {
    const fixtures = read('openapi/fixtures3.json') as { resources: Record<string, unknown> };
    const refund = { ...(fixtures.resources.refund as object), id: 're_f', amount: 1500, currency: 'eur', status: 'failed', balance_transaction: 'txn_out', failure_balance_transaction: 'txn_back', charge: 'ch_f' };
    const records = mapEvent({ id: 'evt_f', object: 'event', type: 'charge.refund.updated', created: 1700000000, data: { object: refund } }).map(lineOf);
    expect(records.map((l) => [l.lineId, l.kind, l.rawType, l.gross, l.refs.refundId, l.refs.chargeId])).toEqual([
      ['txn_out', 'refund', 'refund', { amountMinor: -1500, currency: 'EUR' }, 're_f', 'ch_f'],
      ['txn_back', 'refund', 'refund_failure', { amountMinor: 1500, currency: 'EUR' }, 're_f', 'ch_f'],
    ]);
    // The charge's refund list carries the same failed refund: the same two lines.
    const charge = { ...(read('webhook-events/charge.refunded.json') as { data: { object: object } }).data.object, refunds: { object: 'list', data: [refund] } };
    const viaCharge = mapEvent({ id: 'evt_g', object: 'event', type: 'charge.refunded', created: 1700000000, data: { object: charge } }).map(lineOf);
    expect(viaCharge.map((l) => l.lineId)).toEqual(['txn_out', 'txn_back']);
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

describe('stripe payloads as real accounts send them (held-out sweep)', () => {
  const transferEvent = (object: Record<string, unknown>) => ({ id: 'evt_t', object: 'event', type: 'transfer.paid', created: 1430000000, data: { object: { id: 'tr_1', object: 'transfer', amount: 98754, currency: 'usd', created: 1430000000, balance_transaction: 'txn_t', ...object } } });

  it.each([
    ['API 2015: type bank_account, destination ba_', { type: 'bank_account', destination: 'ba_1', status: 'paid', recipient: null }, 'payout'],
    ['API 2015: type card (debit card payout)', { type: 'card', destination: 'card_1' }, 'payout'],
    ['API 2015: type stripe_account (Connect)', { type: 'stripe_account', destination: 'acct_1' }, 'transfer'],
    ['API 2016, no type: destination ba_', { destination: 'ba_1' }, 'payout'],
    ['API ≥ 2017-04-06: a Connect transfer', { destination: 'acct_1', reversals: { object: 'list', data: [] } }, 'transfer'],
    ['API 2013: a transfer to a recipient (rp_) is money sent out, not a payout', { recipient: 'rp_1', summary: {} }, 'transfer'],
  ])('a transfer before the 2017-04-06 payout split: %s → %s', (_what, object, kind) => {
    const [line] = mapEvent(transferEvent(object)).map(lineOf);
    expect([line!.kind, line!.rawType, line!.gross.amountMinor]).toEqual([kind, 'transfer', -98754]);
    expect(line!.refs.payoutId).toBe(kind === 'payout' ? 'tr_1' : undefined);
  });

  it.each([
    ['transfer', 'payout', 'payout'], // the legacy transfer to the own bank, as Stripe categorises it today
    ['network_cost', 'network_cost', 'fee'],
    ['payout_minimum_balance_hold', 'payout_minimum_balance_hold', 'reserve'],
    ['charge', 'partial_capture_reversal', 'sale'],
    ['adjustment', 'other_adjustment', 'adjustment'],
    ['adjustment', 'tax', 'fee'],
    ['adjustment', 'refund_failure', 'refund'],
  ])('balance transaction type %s, reporting_category %s → %s (docs.stripe.com/reports/reporting-categories)', (type, category, kind) => {
    expect(stripeLineKind(type, category)).toBe(kind);
  });

  const HELD = (f: string) => read(`heldout-pay/${f}`);

  it('a negative payout (the bank debited to cover a negative balance, phil9690/stripe_api_mock) is money into the balance, as its balance transaction says', () => {
    const fromPayout = stripeObjectToRecords(StripeHeldObjectSchema.parse(HELD('payout.negative.po_1JuocE.json')));
    const bt = stripeBalanceTransactionToLine(StripeBalanceTransactionSchema.parse(HELD('balance_transaction.negative_payout.txn_1JuocE.json')));
    const [line] = fromPayout.ok ? fromPayout.value.map(lineOf) : [];
    expect([line?.lineId, line?.kind, line?.gross]).toEqual(['txn_1JuocEGanfOWO3Cztx0NUiBE', 'payout', { amountMinor: 117955, currency: 'GBP' }]);
    expect(bt.ok && [bt.value.lineId, bt.value.gross]).toEqual([line?.lineId, line?.gross]);
  });

  it('a real payout and the reversal of a failed one; a charge whose fee details carry VAT (type tax)', () => {
    const list = HELD('balance_transactions.payout_and_failure.json') as { data: unknown[] };
    const lines = list.data.map((x) => stripeBalanceTransactionToLine(StripeBalanceTransactionSchema.parse(x))).map((r) => r.ok && [r.value.kind, r.value.rawType, r.value.gross.amountMinor, r.value.refs.payoutId]);
    expect(lines).toEqual([
      ['payout', 'payout', -49108, 'po_1HN84zFBTNPFnHZBwVxSjVft'],
      ['payout', 'payout_failure:payout_reversal', 49108, 'po_1GHiN6FBTNPFnHZBSiareiWD'],
    ]);
    const charge = (HELD('balance_transactions.charge_vat_fee.json') as { data: unknown[] }).data[0];
    const r = stripeBalanceTransactionToLine(StripeBalanceTransactionSchema.parse(charge));
    expect(r.ok && [r.value.fee, r.value.net, r.value.feeDetails?.map((d) => [d.type, d.amount.amountMinor])]).toEqual([{ amountMinor: -892, currency: 'EUR' }, { amountMinor: 49108, currency: 'EUR' }, [['stripe_fee', -725], ['tax', -167]]]);
  });
});
