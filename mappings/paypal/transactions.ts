/**
 * PayPal Transaction Search rows (`transaction_details[].transaction_info`) → SettlementLines.
 * A row is one movement on the PayPal balance: `transaction_amount` is the gross (signed: a
 * credit to the account is positive), `fee_amount` the fee (negative when charged; absent when
 * the row bears none), net = gross + fee. A currency conversion (T0200) comes as two rows, one
 * per currency, each its own `fx` line. `transaction_id` is the line's identity.
 */
import type { PaypalMoney, PaypalTransactionInfo } from '../../connectors/paypal/schemas/index.js';
import {
  MappingError,
  fail,
  normaliseUtcTimestamp,
  ok,
  parseDecimalMoney,
  settlementIdempotencyKey,
  zeroMoney,
  type MappingIssue,
  type MappingResult,
  type Money,
  type SettlementLine,
} from '../canonical/index.js';
import { paypalLineKind } from './event-codes.js';

export const PAYPAL_TRANSACTION_RECORD_TYPE = 'paypal.transaction';

/** Money from PayPal's `{ currency_code, value }`, or an issue on `field`. */
export function paypalMoney(issues: MappingIssue[], field: string, m: PaypalMoney): Money | undefined {
  const r = parseDecimalMoney(m.value, m.currency_code.trim().toUpperCase());
  if (r.ok) return r.money;
  issues.push({ field, message: r.message, value: m.value });
  return undefined;
}

export function paypalTimestamp(issues: MappingIssue[], field: string, raw: string): string | undefined {
  const r = normaliseUtcTimestamp(raw.trim());
  if (r.ok) return r.value;
  issues.push({ field, message: r.message, value: raw });
  return undefined;
}

/** One row → one line. `field` prefixes issue paths (`transaction_details[2].transaction_info`). */
export function paypalTransactionToLine(t: PaypalTransactionInfo, field = 'transaction_info'): MappingResult<SettlementLine> {
  const issues: MappingIssue[] = [];
  const gross = paypalMoney(issues, `${field}.transaction_amount.value`, t.transaction_amount);
  const fee = t.fee_amount === undefined ? (gross === undefined ? undefined : zeroMoney(gross.currency)) : paypalMoney(issues, `${field}.fee_amount.value`, t.fee_amount);
  if (gross !== undefined && fee !== undefined && fee.currency !== gross.currency) {
    issues.push({ field: `${field}.fee_amount.currency_code`, message: `fee in ${fee.currency}, amount in ${gross.currency}`, value: fee.currency });
  }
  const rawDate = t.transaction_initiation_date ?? t.transaction_updated_date;
  const postedAt = rawDate === undefined ? undefined : paypalTimestamp(issues, `${field}.${t.transaction_initiation_date === undefined ? 'transaction_updated_date' : 'transaction_initiation_date'}`, rawDate);
  if (rawDate === undefined) issues.push({ field: `${field}.transaction_initiation_date`, message: 'missing: the row has neither transaction_initiation_date nor transaction_updated_date' });
  if (issues.length > 0 || gross === undefined || fee === undefined || postedAt === undefined) {
    return fail(new MappingError(PAYPAL_TRANSACTION_RECORD_TYPE, t.transaction_id, issues));
  }
  const net: Money = { amountMinor: gross.amountMinor + fee.amountMinor, currency: gross.currency };
  const description = [t.transaction_subject, t.transaction_note].filter((x) => x !== undefined && x.trim() !== '').join(' — ');
  const line: SettlementLine = {
    source: 'paypal',
    lineId: t.transaction_id,
    idempotencyKey: settlementIdempotencyKey('paypal', t.transaction_id),
    kind: paypalLineKind(t.transaction_event_code),
    rawType: t.transaction_event_code,
    ...(t.transaction_status === undefined ? {} : { status: t.transaction_status }),
    currency: gross.currency,
    gross,
    fee,
    net,
    postedAt,
    ...(description === '' ? {} : { description }),
    refs: {
      ...(t.invoice_id ? { orderId: t.invoice_id } : t.paypal_reference_id && t.paypal_reference_id_type === 'ODR' ? { orderId: t.paypal_reference_id } : {}),
      // TXN: the transaction this row follows (a refund's sale, a release's hold); ODR, SUB, PAP name an order, subscription or agreement.
      ...(t.paypal_reference_id && t.paypal_reference_id_type !== 'ODR' ? { relatedLineId: t.paypal_reference_id } : {}),
    },
  };
  return ok(line);
}
