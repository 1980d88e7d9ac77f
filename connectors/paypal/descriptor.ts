/** PayPal (REST APIs) in the connector registry: the payment ledger source capability. */
import { defineConnector, type PaymentLedgerSource } from '../capabilities.js';
import { createPaypalClient, type CreatePaypalClientOptions, type PaypalClient } from './client.js';
import { paypalBaseUrl, PaypalConnectionSettingsSchema, PaypalCredentialsSchema } from './config.js';

/**
 * Transaction Search rows over [from, to), page by page. A listing that ends with `coveredTo`
 * before `to` stopped where PayPal's data is refreshed to: the next one starts there.
 */
export function paypalLedgerSource(client: PaypalClient): PaymentLedgerSource {
  return {
    async listTransactions(query, options) {
      const page = await client.listTransactions(query, options?.signal ? { signal: options.signal } : {});
      return {
        records: page.records,
        ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
        ...(page.coveredTo === undefined ? {} : { coveredTo: page.coveredTo }),
      };
    },
  };
}

export const PAYPAL_CONNECTOR = defineConnector({
  vendor: 'paypal',
  title: 'PayPal REST APIs',
  settings: PaypalConnectionSettingsSchema,
  secrets: [['clientId', 'clientSecret']],
  credentials: PaypalCredentialsSchema,
  createClient: (o) => createPaypalClient(o satisfies CreatePaypalClientOptions),
  baseUrl: paypalBaseUrl,
  capabilities: { paymentLedgerSource: paypalLedgerSource },
});
