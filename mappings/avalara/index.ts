/** AvaTax mappings: canonical tax requests ⇄ AvaTax transactions. Pure functions. */
export {
  DEFAULT_SHIPPING_LINE_NUMBER,
  TAX_QUOTE_REQUEST_RECORD_TYPE,
  taxQuoteRequestToCreateTransaction,
  type CreateTransactionOptions,
} from './create-transaction.js';
export { avalaraTransactionToTaxQuote } from './tax-quote.js';
export { avalaraTransactionToLandedCost } from './landed-cost.js';
export { AVALARA_PROVIDER, AVALARA_RULE_SOURCE } from './explain.js';
export { AVALARA_TRANSACTION_RECORD_TYPE } from './read-transaction.js';
export { AVALARA_FREIGHT_TAX_CODE, AVALARA_TAX_CODES, avalaraTaxCode } from './tax-codes.js';
export { AVALARA_TAX_TYPES, avalaraTaxTypeRule, outputScheme, type AvalaraTaxFamily, type AvalaraTaxTypeRule } from './tax-types.js';
export { decimalFromJsonNumber, jsonNumberFromDecimal, moneyFromJsonNumber, percentFromRate, type JsonMoneyResult } from '../canonical/json-numbers.js';
