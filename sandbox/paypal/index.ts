/** Public surface of the PayPal stand-in (OAuth, Transaction Search, balances, webhook signature verification). */
export {
  SANDBOX_PAYPAL_ACCOUNT,
  SANDBOX_PAYPAL_CREDENTIALS,
  SANDBOX_PAYPAL_WEBHOOK_ID,
  startPaypalSandbox,
  type PaypalSandbox,
  type PaypalSandboxCredentials,
  type PaypalSandboxOptions,
  type PaypalSandboxStats,
} from './server.js';
export { decimalText, seedTransactions, type SandboxTransaction } from './seed.js';
