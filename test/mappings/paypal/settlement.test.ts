/**
 * PayPal → SettlementLine: every Transaction Search and webhook sample (test/fixtures/paypal),
 * the T-code table (PayPal "Transaction event codes"), and the deviations real replies show.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PaypalPaymentResourceSchema, PaypalTransactionDetailSchema, PaypalTransactionInfoSchema, PaypalTransactionSearchReplySchema, PaypalWebhookEventSchema } from '../../../connectors/paypal/index.js';
import { SettlementLineSchema } from '../../../mappings/canonical/index.js';
import { paypalLedgerKindOf, paypalLineKind, paypalPaymentResourceToLine, paypalTransactionToLine } from '../../../mappings/paypal/index.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'paypal');
const read = (p: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIX, p), 'utf8')) as Record<string, unknown>;

function rowsOf(file: string) {
  const reply = PaypalTransactionSearchReplySchema.parse(read(file));
  return reply.transaction_details.map((x) => {
    const r = paypalTransactionToLine(PaypalTransactionDetailSchema.parse(x).transaction_info);
    if (!r.ok) throw r.error;
    return SettlementLineSchema.parse(r.value);
  });
}

const info = (over: Record<string, unknown>) =>
  PaypalTransactionInfoSchema.parse({
    transaction_id: '9XY',
    transaction_event_code: 'T0006',
    transaction_initiation_date: '2024-02-10T00:01:56+0000',
    transaction_amount: { currency_code: 'USD', value: '10.00' },
    ...over,
  });

describe('PayPal transaction event codes → kinds (developer.paypal.com/docs/transaction-search/transaction-event-codes/)', () => {
  it.each([
    ['T0006', 'sale'], // PayPal Checkout APIs
    ['T0000', 'sale'],
    ['T0001', 'transfer'], // MassPay payment
    ['T0100', 'fee'],
    ['T0200', 'fx'], // General currency conversion
    ['T0300', 'transfer'],
    ['T0400', 'payout'], // General withdrawal from PayPal account
    ['T1105', 'reserve'], // Reversal of general account hold
    ['T1106', 'chargeback'], // Payment reversal, initiated by PayPal
    ['T1107', 'refund'], // Payment refund, initiated by merchant
    ['T1108', 'fee'], // Fee reversal
    ['T1201', 'chargeback'],
    ['T1202', 'chargeback-reversal'],
    ['T1200', 'adjustment'],
    ['T1300', 'other'], // authorization: no balance effect
    ['T1503', 'reserve'], // hold
    ['T2101', 'reserve'], // reserves and releases
    ['T2201', 'transfer'],
    ['T9900', 'other'],
    ['T4200', 'other'], // a group PayPal has not published
  ])('%s → %s', (code, kind) => expect(paypalLineKind(code)).toBe(kind));
});

describe('PayPal Transaction Search rows → lines', () => {
  it('maps the real sandbox page: +0000 offsets, rows without fee_amount (fee 0), the payout fee, the release referring to its payout', () => {
    expect(rowsOf('transaction-search/airbyte_sandbox_page_1.json').map((l) => [l.lineId, l.kind, l.rawType, l.status, l.gross.amountMinor, l.fee?.amountMinor, l.net?.amountMinor, l.postedAt, l.refs])).toEqual([
      ['2N603077GD600560F', 'reserve', 'T1503', 'S', -6075, 0, -6075, '2024-02-10T00:01:56Z', {}],
      ['0JN65120FU073310V', 'transfer', 'T0001', 'P', -1000, -25, -1025, '2024-02-10T00:01:57Z', {}],
      ['4XL46752RR472362C', 'reserve', 'T1105', 'S', 1025, 0, 1025, '2024-02-10T00:01:57Z', { relatedLineId: '0JN65120FU073310V' }],
    ]);
  });

  it('maps the single T0006 sale with its fee and invoice id', () => {
    const [line] = rowsOf('transaction-search/airbyte_transaction_single.json');
    expect(line).toEqual({
      source: 'paypal',
      lineId: '5TY05013RG002845M',
      idempotencyKey: 'paypal:5TY05013RG002845M',
      kind: 'sale',
      rawType: 'T0006',
      status: 'S',
      currency: 'USD',
      gross: { amountMinor: 46500, currency: 'USD' },
      fee: { amountMinor: -1379, currency: 'USD' },
      net: { amountMinor: 45121, currency: 'USD' },
      postedAt: '2014-07-11T04:03:52Z',
      description: 'Bill for your purchase — Check out the latest sales',
      refs: { orderId: 'Invoice-005' },
    });
  });

  it('reads amounts written with any precision the currency allows, and JSON numbers, never through floats', () => {
    const cases: [unknown, string, number][] = [
      ['10', 'USD', 1000],
      ['10.5', 'USD', 1050],
      ['-0.25', 'USD', -25],
      ['1000', 'JPY', 1000],
      ['1000.00', 'JPY', 1000],
      ['1.250', 'KWD', 1250],
      [12.34, 'EUR', 1234],
    ];
    for (const [value, currency_code, minor] of cases) {
      const r = paypalTransactionToLine(info({ transaction_amount: { currency_code, value } }));
      expect(r.ok && r.value.gross).toEqual({ amountMinor: minor, currency: currency_code });
    }
  });

  it('names the transaction and the field for an amount the currency cannot hold, a fee in another currency, or a bad date', () => {
    const tooPrecise = paypalTransactionToLine(info({ transaction_amount: { currency_code: 'USD', value: '10.125' } }));
    expect(!tooPrecise.ok && [tooPrecise.error.recordType, tooPrecise.error.recordId, tooPrecise.error.field]).toEqual(['paypal.transaction', '9XY', 'transaction_info.transaction_amount.value']);
    const feeCurrency = paypalTransactionToLine(info({ fee_amount: { currency_code: 'EUR', value: '-0.30' } }));
    expect(!feeCurrency.ok && feeCurrency.error.field).toBe('transaction_info.fee_amount.currency_code');
    // An impossible date is a schema issue on its field.
    expect(PaypalTransactionInfoSchema.safeParse({ ...info({}), transaction_initiation_date: '2024-02-30T00:00:00+0000' }).error?.issues[0]?.path).toEqual(['transaction_initiation_date']);
  });

  it('keeps both legs of a currency conversion (T0200) as fx lines in their own currencies', () => {
    const legs = [info({ transaction_id: 'A', transaction_event_code: 'T0200', transaction_amount: { currency_code: 'USD', value: '-100.00' } }), info({ transaction_id: 'B', transaction_event_code: 'T0200', transaction_amount: { currency_code: 'EUR', value: '91.23' } })];
    expect(legs.map((t) => paypalTransactionToLine(t)).map((r) => r.ok && [r.value.kind, r.value.gross])).toEqual([
      ['fx', { amountMinor: -10000, currency: 'USD' }],
      ['fx', { amountMinor: 9123, currency: 'EUR' }],
    ]);
  });
});

describe('PayPal webhook events → lines or notices', () => {
  const eventOf = (file: string) => PaypalWebhookEventSchema.parse(read(file));
  const lineOfEvent = (file: string) => {
    const event = eventOf(file);
    const kind = paypalLedgerKindOf(event.event_type)!;
    const r = paypalPaymentResourceToLine(event, PaypalPaymentResourceSchema.parse(event.resource), kind);
    if (!r.ok) throw r.error;
    return SettlementLineSchema.parse(r.value);
  };

  it('PAYMENT.CAPTURE.COMPLETED v2: gross, PayPal fee and net from seller_receivable_breakdown, keyed by the capture id', () => {
    expect(lineOfEvent('webhook-events/PAYMENT.CAPTURE.COMPLETED.v2.json')).toMatchObject({
      lineId: '27M47624FP291604U',
      kind: 'sale',
      rawType: 'PAYMENT.CAPTURE.COMPLETED',
      status: 'COMPLETED',
      gross: { amountMinor: 251, currency: 'USD' },
      fee: { amountMinor: -37, currency: 'USD' },
      net: { amountMinor: 214, currency: 'USD' },
      postedAt: '2019-02-14T21:49:58Z',
      refs: { eventId: 'WH-58D329510W468432D-8HN650336L201105X', chargeId: '27M47624FP291604U' },
    });
  });

  it('PAYMENT.CAPTURE.COMPLETED v1: amount.total, no fee stated (the v1 payload carries no transaction_fee, paypal/PayPal-PHP-SDK#536)', () => {
    const line = lineOfEvent('webhook-events/PAYMENT.CAPTURE.COMPLETED.v1.json');
    expect([line.gross, line.fee, line.net, line.refs.paymentIntentId]).toEqual([{ amountMinor: 747, currency: 'USD' }, undefined, undefined, 'PAY-3YE025760C441402AKTRY2PQ']);
  });

  it('a v2 refund is negative with the returned fee positive; the breakdown must add up', () => {
    const base = eventOf('webhook-events/PAYMENT.CAPTURE.COMPLETED.v2.json');
    const event = { ...base, event_type: 'PAYMENT.CAPTURE.REFUNDED' };
    const resource = PaypalPaymentResourceSchema.parse({
      id: '1JU08902781691411',
      status: 'COMPLETED',
      amount: { currency_code: 'USD', value: '2.51' },
      seller_payable_breakdown: { gross_amount: { currency_code: 'USD', value: '2.51' }, paypal_fee: { currency_code: 'USD', value: '0.07' }, net_amount: { currency_code: 'USD', value: '2.44' } },
      create_time: '2019-02-15T10:00:00-08:00',
      links: [{ href: 'https://api.paypal.com/v2/payments/captures/27M47624FP291604U', rel: 'up', method: 'GET' }],
    });
    const r = paypalPaymentResourceToLine(event, resource, 'refund');
    expect(r.ok && [r.value.kind, r.value.gross.amountMinor, r.value.fee?.amountMinor, r.value.net?.amountMinor, r.value.postedAt, r.value.refs.refundId, r.value.refs.chargeId]).toEqual(['refund', -251, 7, -244, '2019-02-15T18:00:00Z', '1JU08902781691411', '27M47624FP291604U']);
  });

  it('events that move no money are not ledger types', () => {
    for (const t of ['PAYMENT.CAPTURE.DENIED', 'CHECKOUT.ORDER.COMPLETED', 'PAYMENT.AUTHORIZATION.CREATED', 'CUSTOMER.DISPUTE.CREATED']) expect(paypalLedgerKindOf(t)).toBeUndefined();
  });
});

describe('PayPal v1 refund events as PayPal really sends them (held-out sweep, pretix/pretix fixtures)', () => {
  const lineOfEvent = (file: string) => {
    const event = PaypalWebhookEventSchema.parse(read(`heldout-pay/${file}`));
    const r = paypalPaymentResourceToLine(event, PaypalPaymentResourceSchema.parse(event.resource), paypalLedgerKindOf(event.event_type)!);
    if (!r.ok) throw r.error;
    return SettlementLineSchema.parse(r.value);
  };

  it('the refunded total is written positive (sandbox, 2017) or negative (webhook simulator, 2014): a refund line is negative either way', () => {
    expect([lineOfEvent('PAYMENT.SALE.REFUNDED.sandbox-2017.pretix.json')].map((l) => [l.lineId, l.kind, l.gross, l.refs.chargeId])).toEqual([['75S46770PP192124D', 'refund', { amountMinor: -25541, currency: 'EUR' }, '9T0916710M1105906']]);
    expect(lineOfEvent('PAYMENT.SALE.REFUNDED.simulator-2014.pretix.json').gross).toEqual({ amountMinor: -1, currency: 'USD' });
  });

  it('a v1 refund carries the fee PayPal gives back (refund_from_transaction_fee) and what leaves the balance (refund_from_received_amount)', () => {
    const l = lineOfEvent('PAYMENT.SALE.REFUNDED.refund-fee-returned.pretix-2018.json');
    expect([l.gross, l.fee, l.net]).toEqual([
      { amountMinor: -1337, currency: 'EUR' },
      { amountMinor: 7, currency: 'EUR' },
      { amountMinor: -1330, currency: 'EUR' },
    ]);
  });

  it('a v1 refund whose fee and received parts do not add up to the total is refused naming the field', () => {
    const event = PaypalWebhookEventSchema.parse(read('heldout-pay/PAYMENT.SALE.REFUNDED.refund-fee-returned.pretix-2018.json'));
    const resource = PaypalPaymentResourceSchema.parse({ ...event.resource, refund_from_received_amount: { value: '13.00', currency: 'EUR' } });
    const r = paypalPaymentResourceToLine(event, resource, 'refund');
    expect(!r.ok && [r.error.recordType, r.error.field]).toEqual(['paypal.event', 'resource.refund_from_received_amount.value']);
  });
});
