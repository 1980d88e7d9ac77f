/**
 * A Stripe balance transaction → one canonical SettlementLine. The balance transaction is
 * Stripe's own ledger line (docs.stripe.com/reports/balance-transaction-types): its id is the
 * line's identity, `amount`/`fee`/`net` are signed integers of the settlement currency.
 */
import type { StripeBalanceTransaction } from '../../connectors/stripe/schemas/index.js';
import { MappingError, fail, ok, settlementIdempotencyKey, type MappingIssue, type MappingResult, type Money, type SettlementLine, type SettlementLineKind, type SettlementRefs } from '../canonical/index.js';
import { stripeMoney, unixToUtc } from './amounts.js';

export const STRIPE_BALANCE_TRANSACTION_RECORD_TYPE = 'stripe.balance-transaction';

/**
 * Balance transaction `type` → kind. Source: spec3.yaml `balance_transaction.type` (API
 * 2023-08-16) and docs.stripe.com/reports/balance-transaction-types.
 */
export const STRIPE_BALANCE_TRANSACTION_TYPE_KINDS: Readonly<Record<string, SettlementLineKind>> = {
  charge: 'sale',
  payment: 'sale',
  refund: 'refund',
  payment_refund: 'refund',
  refund_failure: 'refund',
  payment_failure_refund: 'refund',
  payment_reversal: 'chargeback',
  adjustment: 'adjustment',
  advance: 'adjustment',
  advance_funding: 'adjustment',
  anticipation_repayment: 'adjustment',
  contribution: 'other',
  application_fee: 'fee',
  application_fee_refund: 'fee',
  stripe_fee: 'fee',
  tax_fee: 'fee',
  stripe_fx_fee: 'fx',
  network_cost: 'fee',
  payout: 'payout',
  payout_cancel: 'payout',
  payout_minimum_balance_hold: 'reserve',
  payout_minimum_balance_release: 'reserve',
  payout_failure: 'payout',
  obligation_payout: 'payout',
  obligation_payout_failure: 'payout',
  transfer: 'transfer',
  transfer_cancel: 'transfer',
  transfer_failure: 'transfer',
  transfer_refund: 'transfer',
  connect_collection_transfer: 'transfer',
  topup: 'transfer',
  topup_reversal: 'transfer',
  reserve_transaction: 'reserve',
  reserved_funds: 'reserve',
  payment_network_reserve_hold: 'reserve',
  payment_network_reserve_release: 'reserve',
  issuing_authorization_hold: 'other',
  issuing_authorization_release: 'other',
  issuing_dispute: 'other',
  issuing_transaction: 'other',
  obligation_inbound: 'other',
  obligation_outbound: 'other',
  obligation_reversal_inbound: 'other',
  obligation_reversal_outbound: 'other',
  climate_order_purchase: 'other',
  climate_order_refund: 'other',
};

/**
 * `reporting_category` → kind, where it says more than the type (a chargeback is an
 * `adjustment` of category `dispute`). Source: docs.stripe.com/reports/reporting-categories.
 */
export const STRIPE_REPORTING_CATEGORY_KINDS: Readonly<Record<string, SettlementLineKind>> = {
  dispute: 'chargeback',
  dispute_reversal: 'chargeback-reversal',
  risk_reserved_funds: 'reserve',
  connect_reserved_funds: 'reserve',
  payout_minimum_balance_hold: 'reserve',
  payout_minimum_balance_release: 'reserve',
  // `payout` also names the transfers to the account's own bank that API versions before 2017-04-06 made (type `transfer`).
  payout: 'payout',
  payout_reversal: 'payout',
  transfer_reversal: 'transfer',
  fee: 'fee',
  network_cost: 'fee',
  // Tax Stripe charges on its fees (VAT on fees): part of what the fees cost.
  tax: 'fee',
  // The part of an authorisation not captured, and a bank debit that failed after it was credited: the sale undone.
  partial_capture_reversal: 'sale',
  charge_failure: 'sale',
  refund_failure: 'refund',
  other_adjustment: 'adjustment',
};

export function stripeLineKind(type: string, category: string | undefined): SettlementLineKind {
  if (category !== undefined && Object.hasOwn(STRIPE_REPORTING_CATEGORY_KINDS, category)) return STRIPE_REPORTING_CATEGORY_KINDS[category]!;
  return Object.hasOwn(STRIPE_BALANCE_TRANSACTION_TYPE_KINDS, type) ? STRIPE_BALANCE_TRANSACTION_TYPE_KINDS[type]! : 'other';
}

/** Refs a Stripe object id implies by its prefix (ch_/py_ charge, re_/pyr_ refund, dp_/du_ dispute, po_ payout). */
export function refsOfStripeId(id: string | undefined): SettlementRefs {
  if (id === undefined) return {};
  if (/^(ch|py)_/.test(id)) return { sourceObjectId: id, chargeId: id };
  if (/^(re|pyr)_/.test(id)) return { sourceObjectId: id, refundId: id };
  if (/^(dp|du)_/.test(id)) return { sourceObjectId: id, disputeId: id };
  if (/^po_/.test(id)) return { sourceObjectId: id, payoutId: id };
  return { sourceObjectId: id };
}

const idOf = (ref: string | { id: string } | undefined): string | undefined => (typeof ref === 'string' ? ref : ref?.id);

/** Money from a Stripe integer amount, or an issue on `field`. */
export function moneyAt(issues: MappingIssue[], field: string, amount: number, currency: string): Money | undefined {
  const r = stripeMoney(amount, currency);
  if (r.ok) return r.money;
  issues.push({ field, message: r.message, value: amount });
  return undefined;
}

/**
 * One line for one balance transaction. `field` prefixes issue paths (`data.object.balance_transactions[0]`);
 * `refs` adds what the caller knows (the event, the dispute, the charge).
 */
export function stripeBalanceTransactionToLine(bt: StripeBalanceTransaction, opts: { field?: string; refs?: SettlementRefs } = {}): MappingResult<SettlementLine> {
  const at = (f: string) => (opts.field ? `${opts.field}.${f}` : f);
  const issues: MappingIssue[] = [];
  const gross = moneyAt(issues, at('amount'), bt.amount, bt.currency);
  const net = moneyAt(issues, at('net'), bt.net, bt.currency);
  // `fee` null (saved copies): what amount and net imply.
  const feeCharged = bt.fee ?? bt.amount - bt.net;
  const fee = moneyAt(issues, at('fee'), -feeCharged, bt.currency);
  if (bt.amount - feeCharged !== bt.net) {
    issues.push({ field: at('net'), message: `net ${bt.net} is not amount ${bt.amount} minus fee ${feeCharged}`, value: bt.net });
  }
  const feeDetails = (bt.fee_details ?? []).flatMap((d, i) => {
    const amount = moneyAt(issues, at(`fee_details[${i}].amount`), -d.amount, d.currency);
    return amount === undefined ? [] : [{ type: d.type, amount, ...(d.description ? { description: d.description } : {}) }];
  });
  if (issues.length > 0 || gross === undefined || net === undefined || fee === undefined) {
    return fail(new MappingError(STRIPE_BALANCE_TRANSACTION_RECORD_TYPE, bt.id, issues));
  }
  const category = bt.reporting_category;
  const sourceId = idOf(bt.source);
  const line: SettlementLine = {
    source: 'stripe',
    lineId: bt.id,
    idempotencyKey: settlementIdempotencyKey('stripe', bt.id),
    kind: stripeLineKind(bt.type, category),
    rawType: category === undefined || category === bt.type ? bt.type : `${bt.type}:${category}`,
    ...(bt.status === undefined ? {} : { status: bt.status }),
    currency: gross.currency,
    gross,
    fee,
    net,
    ...(feeDetails.length === 0 ? {} : { feeDetails }),
    ...(bt.exchange_rate === undefined ? {} : { exchangeRate: String(bt.exchange_rate) }),
    postedAt: unixToUtc(bt.created),
    ...(bt.available_on === undefined ? {} : { availableAt: unixToUtc(bt.available_on) }),
    ...(bt.description ? { description: bt.description } : {}),
    refs: { ...refsOfStripeId(sourceId), ...opts.refs },
  };
  return ok(line);
}
