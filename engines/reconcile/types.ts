/**
 * What the reconciliation engine takes and returns. Pure data: the caller (an activity or the
 * CLI) reads orders, ledger lines and bank lines from the store for a period and hands them in
 * with the tenant's rules and the time of the run (`asOf`).
 */
import type { BankStatementLine } from '../../mappings/canonical/bank.js';
import type { Money } from '../../mappings/canonical/money.js';
import type { Order } from '../../mappings/canonical/order.js';
import type { SettlementLine, SettlementSource } from '../../mappings/canonical/settlement.js';

/** A transfer from a provider's balance to the seller's bank: what must show up as a bank credit. */
export interface Payout {
  source: SettlementSource;
  /** Stripe po_…, PayPal withdrawal transaction id, Amazon settlement id. */
  payoutId: string;
  /** Positive: the amount the bank should receive. */
  amount: Money;
  /** The day the money should reach the bank (Stripe arrival_date / available_on, Amazon deposit-date, else the posting date). */
  expectedOn: string;
  /** Texts a bank line may carry for it (statement descriptor, trace id): matched in remittance fields. */
  references: string[];
  /** The ledger lines the payout was derived from. */
  lineIds: string[];
}

export interface FeeRule {
  source: SettlementSource;
  currency: string;
  /** Percent of the sale's gross, decimal text ("2.9" for 2.9 %). */
  percent: string;
  /** A fixed fee per sale in minor units of `currency` (Stripe's 30 cents: 30). */
  fixedMinor: number;
  /** How far the charged fee may be from the rule's fee, minor units, before it is an anomaly. */
  toleranceMinor: number;
  /**
   * Only fee lines of these types count (the last part of rawType or the description, e.g.
   * Amazon `Commission`, leaving out `FBAPerUnitFulfillmentFee`, which is per unit, not a
   * percentage). Absent: every sale fee counts. A sale line's own fee (Stripe, PayPal) always counts.
   */
  feeTypes?: readonly string[];
}

export interface ReconcileRules {
  /** The fee each channel should charge, per source and currency. No rule: fees are not checked. */
  feeRules: readonly FeeRule[];
  /** Per currency, how far an order's settled amount may be from its total (minor units). Default 0. */
  amountToleranceMinor?: Readonly<Record<string, number>>;
  /** Days a bank credit may be booked before (2) or after (this many) a payout's expected day. Default 5. */
  bankDateWindowDays?: number;
  /**
   * Days after a payout's expected day (from the end of that day) before it is declared not
   * received; until then it is pending. Fractions allowed. Default 5.
   */
  payoutGraceDays?: number;
  /** Days after a line's posting day before a missing order is declared (orders sync with a lag). Default 2. */
  orderGraceDays?: number;
  /** Hours after the last sale line's posting instant before a missing order is declared; replaces orderGraceDays when set. */
  orderGraceHours?: number;
}

export interface ReconcileInput {
  tenant: string;
  /** Posting dates, YYYY-MM-DD inclusive. */
  period: { from: string; to: string };
  /** When the run looks: grace periods end relative to it (UTC ISO instant or date). */
  asOf: string;
  /** The tenant's orders the lines may name (include orders purchased before the period). */
  orders: readonly Order[];
  /**
   * Settlement lines of the period, plus the earlier sales and refunds of orders the period's
   * refunds name (ledgerLinesByOrder), so a refund is judged against its sale.
   */
  lines: readonly SettlementLine[];
  payouts: readonly Payout[];
  /** Booked bank entries from a little before the period to `asOf`. */
  bankLines: readonly BankStatementLine[];
  rules: ReconcileRules;
}

export const DISCREPANCY_KINDS = [
  'missing-order',
  'amount-mismatch',
  'fee-anomaly',
  'unmatched-refund',
  'duplicate-refund',
  'payout-not-received',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export interface Discrepancy {
  /** Stable across runs: the kind and the keys hashed (discrepancyId). */
  id: string;
  kind: DiscrepancyKind;
  source: SettlementSource;
  /** What the discrepancy is about: { orderId } or { payoutId }, and for amounts what was compared. */
  keys: Record<string, string>;
  /** One line a finance person reads. */
  summary: string;
  expected?: Money;
  actual?: Money;
  /** actual − expected. */
  difference?: Money;
  /** The ledger lines involved. */
  lineIds: string[];
  /** The posting (or expected) date it belongs to. */
  date: string;
}

/** Found but inside its grace period: the workflow waits (a durable timer) until `decideAfter`. */
export interface PendingItem {
  kind: Extract<DiscrepancyKind, 'missing-order' | 'payout-not-received'>;
  source: SettlementSource;
  keys: Record<string, string>;
  summary: string;
  /** The id the discrepancy will have if it is declared. */
  id: string;
  /** UTC date after which it is declared a discrepancy. */
  decideAfter: string;
  /** The UTC instant from which it is declared (a run at or after it declares it): a workflow sleeps until then. */
  decideAt: string;
}

export interface OrderMatch {
  source: SettlementSource;
  orderId: string;
  channel: string;
  lineIds: string[];
  sales: Money;
}

export interface PayoutMatch {
  source: SettlementSource;
  payoutId: string;
  amount: Money;
  bankAccount: string;
  bookingDate: string;
  /** The bank entry's reference, or its place in the statement. */
  bankEntry: string;
  /** How it was matched: a reference found in the bank entry, or amount and date alone. */
  by: 'reference' | 'amount-and-date';
}

export interface CurrencyTotals {
  currency: string;
  sales: number;
  fees: number;
  refunds: number;
  chargebacks: number;
  payouts: number;
  other: number;
}

export interface ReconciliationResult {
  tenant: string;
  period: { from: string; to: string };
  asOf: string;
  orderMatches: OrderMatch[];
  payoutMatches: PayoutMatch[];
  discrepancies: Discrepancy[];
  pending: PendingItem[];
  /** Minor units per currency of the period's lines, by kind. */
  totals: CurrencyTotals[];
}
