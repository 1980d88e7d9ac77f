/** PayPal connector: public surface (wire schemas and the error recogniser; no HTTP client yet). */
export { PAYPAL_ERROR_KINDS, PAYPAL_VENDOR, PaypalErrorReplySchema, PaypalOAuthErrorSchema, recognisePaypalErrorReply, type PaypalErrorReply } from './errors.js';
export * from './schemas/index.js';
