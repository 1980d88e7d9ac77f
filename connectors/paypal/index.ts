/** PayPal REST APIs (OAuth, Transaction Search, balances, webhook verification): client, wire schemas and the error recogniser. */
export { PAYPAL_ERROR_KINDS, PAYPAL_VENDOR, PaypalErrorReplySchema, PaypalOAuthErrorSchema, recognisePaypalErrorReply, type PaypalErrorReply } from './errors.js';
export * from './schemas/index.js';
export * from './config.js';
export * from './rate-limits.js';
export { PAYPAL_TOKEN_OPERATION, PAYPAL_TOKEN_PATH, PaypalTokenResponseSchema } from './auth.js';
export { createPaypalClient, PAYPAL_USER_AGENT, type CreatePaypalClientOptions, type PaypalClient } from './client.js';
export { paypalRequestId } from './request-id.js';
export { PAYPAL_MAX_SEARCH_RANGE_MS, SEARCH_TRANSACTIONS_OPERATION, SEARCH_TRANSACTIONS_PATH, buildSearchTransactionsRequest, type PaypalTransactionSearchQuery } from './operations/search-transactions.js';
export { LIST_BALANCES_OPERATION, LIST_BALANCES_PATH, type PaypalBalancesQuery } from './operations/list-balances.js';
export {
  VERIFY_WEBHOOK_SIGNATURE_OPERATION,
  VERIFY_WEBHOOK_SIGNATURE_PATH,
  paypalWebhookDelivery,
  verifyWebhookSignatureBody,
  type PaypalWebhookDelivery,
  type WebhookHeaders,
} from './operations/verify-webhook-signature.js';
export {
  PAYPAL_MIN_SPLIT_MS,
  PAYPAL_RESULTSET_TOO_LARGE,
  PAYPAL_START_NOT_AVAILABLE,
  PAYPAL_SEARCH_HORIZON_YEARS,
  PaypalSearchHorizonError,
  paypalInstant,
  paypalSearchHorizon,
  type PaypalListingPage,
  type PaypalListingQuery,
} from './transaction-listing.js';
export { paypalWebhookVerifier, type PaypalWebhookVerifier } from './webhook-verifier.js';
export * from './descriptor.js';
