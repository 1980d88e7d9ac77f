/** PayPal mappings: public surface. */
export { PAYPAL_EVENT_CODE_KINDS, PAYPAL_EVENT_GROUP_KINDS, paypalLineKind } from './event-codes.js';
export { PAYPAL_TRANSACTION_RECORD_TYPE, paypalMoney, paypalTimestamp, paypalTransactionToLine } from './transactions.js';
export { PAYPAL_EVENT_RECORD_TYPE, PAYPAL_LEDGER_EVENT_TYPES, paypalEventNotice, paypalLedgerKindOf, paypalPaymentResourceToLine, type PaypalLedgerRecord } from './event.js';
