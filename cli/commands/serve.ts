/**
 * `caravan serve [--port N] [--host H]`: the webhook intake (server/webhooks.ts) for every
 * tenant of the tenants file, on the hub database and the Temporal the CLI reaches. Stripe
 * deliveries are checked with each tenant's Stripe connection's `webhookSecret`; PayPal's through
 * verify-webhook-signature of each tenant's PayPal connection with `settings.webhookId`
 * (server/paypal-verifier.ts; refused where there is none). Runs until SIGINT or SIGTERM.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { stripeWebhookSecretsFromConfig, temporalPaymentEventStarter } from '../../server/payment-event-starter.js';
import { paypalVerifierFromConfig } from '../../server/paypal-verifier.js';
import { buildWebhookServer, type PaypalWebhookVerifier } from '../../server/webhooks.js';
import { CliError } from '../output.js';

export const DEFAULT_SERVE_PORT = 8088;
export const DEFAULT_SERVE_HOST = '127.0.0.1';

export interface ServeDeps {
  db: Knex;
  config: TenantsConfig;
  client: Client;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** Default: built from the tenants file (paypalVerifierFromConfig). */
  paypalVerifier?: PaypalWebhookVerifier;
}

export interface RunningServe {
  app: FastifyInstance;
  /** `http://host:port` as bound (port 0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

export async function serveCommand(deps: ServeDeps, o: { port?: number | undefined; host?: string | undefined }): Promise<RunningServe> {
  const paypalVerifier = deps.paypalVerifier ?? paypalVerifierFromConfig(deps.config, deps.logger, deps.env === undefined ? {} : { env: deps.env });
  const app = await buildWebhookServer({
    db: deps.db,
    tenants: Object.keys(deps.config.tenants),
    stripeSecrets: stripeWebhookSecretsFromConfig(deps.config, deps.logger, deps.env),
    ...(paypalVerifier === undefined ? {} : { paypalVerifier }),
    startPaymentEvent: temporalPaymentEventStarter(deps.client),
    logger: deps.logger,
  });
  const host = o.host ?? DEFAULT_SERVE_HOST;
  try {
    await app.listen({ port: o.port ?? DEFAULT_SERVE_PORT, host });
  } catch (e) {
    await app.close();
    throw new CliError(`cannot listen on ${host}:${o.port ?? DEFAULT_SERVE_PORT}: ${(e as Error).message}`, 1);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (o.port ?? DEFAULT_SERVE_PORT);
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, close: () => app.close() };
}
