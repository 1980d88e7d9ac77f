/** Named inputs and results of the payment ledger activities (workflows import these types only). */

export interface PaymentLedgerPageInput {
  tenant: string;
  /** A connection offering paymentLedgerSource (PayPal, Amazon Finances). */
  connection: string;
  /** ISO 8601: the period [from, to) to read; ignored once a cursor is given. */
  from: string;
  to: string;
  cursor?: string;
}

export interface PaymentLedgerPageResult {
  records: number;
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records that do not map (not written); the first named. */
  failed: number;
  firstFailure?: string;
  /** Lines kept without a reporting-currency amount (no stored rate). */
  unconverted: number;
  /** Continues the listing; absent on the last page. */
  cursor?: string;
  /** On the last page: how far the source's data reaches (before `to` when it lags); the next run starts there. */
  coveredTo?: string;
}

export interface PaymentLedgerActivities {
  /** One page of the connection's transactions mapped, converted and upserted into the ledger. */
  importPaymentLedgerPage(input: PaymentLedgerPageInput): Promise<PaymentLedgerPageResult>;
}
