/**
 * The PayPal verifier of `caravan serve`, built from the tenants file: a delivery to
 * /webhooks/paypal/<tenant> is checked by verify-webhook-signature with each of that tenant's
 * PayPal connections that names its `webhookId` (one app per connection; several while an app
 * is replaced) and accepted when one answers SUCCESS. Clients come from the vendor clients
 * (secrets read at first use, the OAuth token and rate-limit buckets kept for the server's life).
 */
import type { Logger } from 'pino';
import { createVendorClients, type VendorClients } from '../activities/vendor-clients.js';
import type { TenantsConfig } from '../config/tenants-config.js';
import { paypalWebhookVerifier, type PaypalClient, type PaypalWebhookVerifier as ConnectionVerifier } from '../connectors/paypal/index.js';
import type { PaypalWebhookVerifier } from './webhooks.js';

/** The tenant's PayPal connections that can verify deliveries: those with `settings.webhookId`. */
export function paypalWebhookConnections(config: TenantsConfig, tenant: string): { connection: string; webhookId: string }[] {
  return Object.entries(config.tenants[tenant]?.connections ?? {}).flatMap(([connection, c]) => {
    const webhookId = c.vendor === 'paypal' ? (c.settings as { webhookId?: unknown }).webhookId : undefined;
    return typeof webhookId === 'string' ? [{ connection, webhookId }] : [];
  });
}

/**
 * undefined when no tenant has such a connection: the intake then refuses PayPal deliveries as
 * "not configured". A tenant without one gets false (401) and a warning naming the setting.
 */
export function paypalVerifierFromConfig(
  config: TenantsConfig,
  logger: Logger,
  o: { env?: NodeJS.ProcessEnv; vendors?: VendorClients } = {},
): PaypalWebhookVerifier | undefined {
  const tenants = Object.keys(config.tenants);
  if (!tenants.some((t) => paypalWebhookConnections(config, t).length > 0)) return undefined;
  const vendors = o.vendors ?? createVendorClients({ config, logger, ...(o.env === undefined ? {} : { env: o.env }) });
  const verifiers = new Map<string, ConnectionVerifier>();
  const verifierOf = (tenant: string, connection: string, webhookId: string): ConnectionVerifier => {
    const key = `${tenant}/${connection}`;
    let verifier = verifiers.get(key);
    if (!verifier) {
      // The PayPal descriptor's client (connectors/paypal/descriptor.ts createClient).
      const client = vendors.connection(tenant, connection).connector.client as PaypalClient;
      verifier = paypalWebhookVerifier(client, { webhookId });
      verifiers.set(key, verifier);
    }
    return verifier;
  };
  return async (headers, rawBody, tenant) => {
    const connections = paypalWebhookConnections(config, tenant);
    if (connections.length === 0) {
      logger.warn({ provider: 'paypal', tenant }, 'no PayPal connection of this tenant has settings.webhookId: its deliveries cannot be verified');
      return false;
    }
    for (const { connection, webhookId } of connections) {
      if (await verifierOf(tenant, connection, webhookId)(headers, rawBody)) return true;
    }
    return false;
  };
}
