/**
 * A PayPal webhook event → what it holds for the settlement ledger. Event types that map to a
 * line (developer.paypal.com/api/rest/webhooks/event-names/, "Payments"):
 * - `PAYMENT.CAPTURE.COMPLETED`, `PAYMENT.SALE.COMPLETED` → `sale` (Payments v2 capture with its
 *   `seller_receivable_breakdown`: gross, PayPal fee, net, exchange rate; v1 sale/capture with
 *   `transaction_fee` when present);
 * - `PAYMENT.CAPTURE.REFUNDED`, `PAYMENT.SALE.REFUNDED` → `refund` (negative; v2 `seller_payable_breakdown`,
 *   v1 `refund_from_transaction_fee` and `refund_from_received_amount`; v1 writes the refunded total
 *   positive (sandbox, 2017) or negative (webhook simulator, 2014));
 * - `PAYMENT.CAPTURE.REVERSED`, `PAYMENT.SALE.REVERSED` → `chargeback` (negative).
 * The resource id (capture, sale or refund id) is the line's identity: it is the
 * `transaction_id` Transaction Search lists for the same movement. Every other event
 * (orders, authorizations, denied or pending captures, disputes, …) is a notice.
 */
import type { PaypalMoney, PaypalPaymentResource, PaypalWebhookEvent } from '../../connectors/paypal/schemas/index.js';
import {
  MappingError,
  fail,
  ok,
  settlementIdempotencyKey,
  type MappingIssue,
  type MappingResult,
  type Money,
  type PaymentEventNotice,
  type SettlementLine,
  type SettlementLineKind,
} from '../canonical/index.js';
import { paypalMoney, paypalTimestamp } from './transactions.js';

export const PAYPAL_EVENT_RECORD_TYPE = 'paypal.event';

export type PaypalLedgerRecord = SettlementLine | PaymentEventNotice;

export const PAYPAL_LEDGER_EVENT_TYPES: Readonly<Record<string, SettlementLineKind>> = {
  'PAYMENT.CAPTURE.COMPLETED': 'sale',
  'PAYMENT.SALE.COMPLETED': 'sale',
  'PAYMENT.CAPTURE.REFUNDED': 'refund',
  'PAYMENT.SALE.REFUNDED': 'refund',
  'PAYMENT.CAPTURE.REVERSED': 'chargeback',
  'PAYMENT.SALE.REVERSED': 'chargeback',
};

const v2 = (m: unknown): m is PaypalMoney => typeof m === 'object' && m !== null && 'currency_code' in m;

/**
 * The line of a payment resource. `resource` is checked by the caller with PaypalPaymentResourceSchema;
 * money leaving the balance (refund, reversal) is made negative whatever sign PayPal writes.
 */
export function paypalPaymentResourceToLine(event: PaypalWebhookEvent, r: PaypalPaymentResource, kind: SettlementLineKind): MappingResult<SettlementLine> {
  const issues: MappingIssue[] = [];
  const sign = kind === 'sale' ? 1 : -1;
  // A sale keeps PayPal's sign; money leaving the balance (refund, reversal) is negative whatever PayPal writes.
  const signed = (m: Money | undefined) => (m === undefined || sign > 0 ? m : { ...m, amountMinor: -Math.abs(m.amountMinor) || 0 });
  const breakdown = r.seller_receivable_breakdown ?? r.seller_payable_breakdown;
  let gross: Money | undefined;
  let fee: Money | undefined;
  let net: Money | undefined;
  let netField = 'resource.net_amount.value';
  if (breakdown !== undefined) {
    const which = r.seller_receivable_breakdown !== undefined ? 'seller_receivable_breakdown' : 'seller_payable_breakdown';
    gross = paypalMoney(issues, `resource.${which}.gross_amount.value`, breakdown.gross_amount);
    const feeMoney = breakdown.paypal_fee === undefined ? undefined : paypalMoney(issues, `resource.${which}.paypal_fee.value`, breakdown.paypal_fee);
    // PayPal writes its fee as a positive amount; on the balance a fee charged is negative (and a fee returned with a refund positive).
    fee = feeMoney === undefined ? undefined : { ...feeMoney, amountMinor: -sign * Math.abs(feeMoney.amountMinor) || 0 };
    netField = `resource.${which}.net_amount.value`;
    net = breakdown.net_amount === undefined ? undefined : paypalMoney(issues, netField, breakdown.net_amount);
  } else if (r.amount !== undefined) {
    gross = v2(r.amount) ? paypalMoney(issues, 'resource.amount.value', r.amount) : paypalMoney(issues, 'resource.amount.total', { currency_code: r.amount.currency, value: r.amount.total });
    // A v1 sale states its fee as `transaction_fee`; a v1 refund the fee PayPal gives back as `refund_from_transaction_fee`.
    const feeField = r.transaction_fee !== undefined ? 'transaction_fee' : 'refund_from_transaction_fee';
    const v1Fee = r.transaction_fee ?? r.refund_from_transaction_fee;
    if (v1Fee !== undefined) {
      const f = paypalMoney(issues, `resource.${feeField}.value`, { currency_code: v1Fee.currency, value: v1Fee.value });
      fee = f === undefined ? undefined : { ...f, amountMinor: -sign * Math.abs(f.amountMinor) || 0 };
    }
    if (r.refund_from_received_amount !== undefined && r.transaction_fee === undefined) {
      const received = r.refund_from_received_amount;
      netField = 'resource.refund_from_received_amount.value';
      net = paypalMoney(issues, netField, { currency_code: received.currency, value: received.value });
    }
  } else {
    issues.push({ field: 'resource.amount', message: 'missing: the resource states no amount' });
  }
  gross = signed(gross);
  if (net !== undefined) net = signed(net);
  if (gross !== undefined && fee !== undefined) {
    if (fee.currency !== gross.currency) issues.push({ field: 'resource.paypal_fee.currency_code', message: `fee in ${fee.currency}, amount in ${gross.currency}` });
    else if (net === undefined) net = { amountMinor: gross.amountMinor + fee.amountMinor, currency: gross.currency };
    else if (net.amountMinor !== gross.amountMinor + fee.amountMinor) issues.push({ field: netField, message: `net ${net.amountMinor} is not gross ${gross.amountMinor} plus fee ${fee.amountMinor} (minor units)` });
  }
  const rawTime = r.create_time ?? r.update_time ?? event.create_time;
  const postedAt = rawTime === undefined ? undefined : paypalTimestamp(issues, 'resource.create_time', rawTime);
  if (rawTime === undefined) issues.push({ field: 'resource.create_time', message: 'missing' });
  if (issues.length > 0 || gross === undefined || postedAt === undefined) return fail(new MappingError(PAYPAL_EVENT_RECORD_TYPE, event.id, issues));
  const rate = r.seller_receivable_breakdown?.exchange_rate?.value;
  const orderId = r.supplementary_data?.related_ids?.order_id;
  const upCapture = r.links?.find((l) => l.rel === 'up' && /\/(captures|sale)\//.test(l.href))?.href.split('/').pop();
  const captureId = kind === 'sale' ? r.id : (r.capture_id ?? r.sale_id ?? r.supplementary_data?.related_ids?.capture_id ?? upCapture);
  const line: SettlementLine = {
    source: 'paypal',
    lineId: r.id,
    idempotencyKey: settlementIdempotencyKey('paypal', r.id),
    kind,
    rawType: event.event_type,
    ...((r.status ?? r.state) === undefined ? {} : { status: (r.status ?? r.state)! }),
    currency: gross.currency,
    gross,
    ...(fee === undefined ? {} : { fee }),
    ...(net === undefined ? {} : { net }),
    ...(rate === undefined ? {} : { exchangeRate: rate.trim() }),
    postedAt,
    ...(event.summary ? { description: event.summary } : {}),
    refs: {
      eventId: event.id,
      ...(orderId ? { orderId } : r.invoice_id ? { orderId: r.invoice_id } : {}),
      ...(captureId ? { chargeId: captureId } : {}),
      ...(kind === 'refund' ? { refundId: r.id } : {}),
      ...(r.parent_payment ? { paymentIntentId: r.parent_payment } : {}),
    },
  };
  return ok(line);
}

export function paypalEventNotice(event: PaypalWebhookEvent, reason: string): PaymentEventNotice {
  const created = event.create_time === undefined ? undefined : paypalTimestamp([], '', event.create_time);
  return {
    source: 'paypal',
    record: 'non-ledger-event',
    eventId: event.id,
    type: event.event_type,
    ...(created === undefined ? {} : { createdAt: created }),
    ...(event.resource_type ? { objectType: event.resource_type } : {}),
    ...(event.resource.id ? { objectId: event.resource.id } : {}),
    reason,
  };
}

/** Which kind an event's line has, or undefined when the event moves no money. */
export function paypalLedgerKindOf(eventType: string): SettlementLineKind | undefined {
  return Object.hasOwn(PAYPAL_LEDGER_EVENT_TYPES, eventType) ? PAYPAL_LEDGER_EVENT_TYPES[eventType] : undefined;
}
