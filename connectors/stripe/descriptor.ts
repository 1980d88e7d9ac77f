/** Stripe in the connector registry: the paymentLedgerSource (balance transactions by creation window). */
import { defineConnector, type PaymentLedgerSource } from '../capabilities.js';
import { refuse, siteOf } from '../http/request-checks.js';
import { createStripeClient, type StripeClient } from './client.js';
import { STRIPE, stripeBaseUrl, StripeConnectionSettingsSchema, StripeCredentialsSchema } from './config.js';
import { STRIPE_MAX_PAGE_SIZE } from './operations/list-objects.js';

function unixSeconds(iso: string, field: string, round: (n: number) => number): number {
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso) || Number.isNaN(ms)) throw refuse(siteOf(STRIPE, 'listBalanceTransactions'), `${field} must be an ISO 8601 date-time, got "${iso}"`);
  return round(ms / 1000);
}

/**
 * Balance transactions created in [from, to), 100 a page; the cursor is the last id
 * (`starting_after`). The records are Stripe's own objects (mappings/stripe reads them).
 */
export function stripePaymentLedgerSource(client: StripeClient): PaymentLedgerSource {
  return {
    async listTransactions(query, options) {
      const created = { gte: unixSeconds(query.from, 'from', Math.floor), lt: unixSeconds(query.to, 'to', Math.ceil) };
      const page = await client.listBalanceTransactions(
        { limit: STRIPE_MAX_PAGE_SIZE, created, ...(query.cursor === undefined ? {} : { startingAfter: query.cursor }) },
        options?.signal === undefined ? {} : { signal: options.signal },
      );
      return { records: page.data, ...(page.nextCursor === undefined ? {} : { cursor: page.nextCursor }) };
    },
  };
}

export const STRIPE_CONNECTOR = defineConnector({
  vendor: 'stripe',
  title: 'Stripe API',
  settings: StripeConnectionSettingsSchema,
  // The webhook signing secret is needed only where `caravan serve` takes the tenant's events.
  secrets: [['secretKey'], ['secretKey', 'webhookSecret']],
  credentials: StripeCredentialsSchema,
  createClient: (o) => createStripeClient(o),
  baseUrl: stripeBaseUrl,
  capabilities: { paymentLedgerSource: stripePaymentLedgerSource },
});
