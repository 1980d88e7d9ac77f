/** Stripe mappings: public surface. */
export { STRIPE_THREE_DECIMAL_CURRENCIES, STRIPE_TWO_DECIMAL_OVERRIDES, STRIPE_ZERO_DECIMAL_CURRENCIES, stripeCurrency, stripeExponent, stripeMoney, unixToUtc } from './amounts.js';
export {
  STRIPE_BALANCE_TRANSACTION_RECORD_TYPE,
  STRIPE_BALANCE_TRANSACTION_TYPE_KINDS,
  STRIPE_REPORTING_CATEGORY_KINDS,
  stripeBalanceTransactionToLine,
  stripeLineKind,
} from './balance-transaction.js';
export { STRIPE_EVENT_RECORD_TYPE, STRIPE_LEDGER_EVENT_TYPES, stripeEventToRecords, stripeObjectToRecords, type StripeLedgerRecord } from './event.js';
