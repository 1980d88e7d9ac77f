/** Stripe connector: public surface. */
export { createStripeClient, STRIPE_USER_AGENT, stripeErrors, type CreateStripeClientOptions, type StripeClient, type StripePayoutTransactions } from './client.js';
export {
  STRIPE,
  STRIPE_API_BASE_URL,
  STRIPE_API_VERSION,
  stripeBaseUrl,
  StripeConnectionSettingsSchema,
  StripeCredentialsSchema,
  StripeWebhookSecretSchema,
  stripeModeOf,
  type StripeConnectionSettings,
  type StripeCredentials,
  type StripeMode,
} from './config.js';
export { recogniseStripeErrorReply, shouldRetryKind, STRIPE_ERROR_CODE_KINDS, STRIPE_ERROR_TYPE_KINDS, STRIPE_ERROR_TYPES, STRIPE_VENDOR, StripeErrorReplySchema, type StripeErrorReply } from './errors.js';
export { STRIPE_OPERATION_BUCKETS, STRIPE_RATE_LIMITS, type StripeOperation } from './rate-limits.js';
export { STRIPE_REFUND_REASONS, stripeRefundIdempotencyKey, type CreateRefundParams, type CreateRefundResult, type StripeRefundReason } from './operations/create-refund.js';
export { STRIPE_MAX_PAGE_SIZE, type StripeListEntry, type StripeListOperation, type StripeListPage, type StripeListParams } from './operations/list-objects.js';
export { STRIPE_CONNECTOR, stripePaymentLedgerSource } from './descriptor.js';
export * from './schemas/index.js';
