/** Stripe connector: public surface (wire schemas and the error recogniser; no HTTP client yet). */
export { recogniseStripeErrorReply, STRIPE_ERROR_CODE_KINDS, STRIPE_ERROR_TYPE_KINDS, STRIPE_ERROR_TYPES, STRIPE_VENDOR, StripeErrorReplySchema, type StripeErrorReply } from './errors.js';
export * from './schemas/index.js';
