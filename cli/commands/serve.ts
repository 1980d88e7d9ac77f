/**
 * `caravan serve [--port N] [--host H]`: the webhook intake (server/webhooks.ts) for every
 * tenant of the tenants file, on the hub database and the Temporal the CLI reaches. Stripe
 * deliveries are checked with each tenant's Stripe connection's `webhookSecret`; PayPal's are
 * refused until a PayPal verifier is given (`paypalVerifier`). Runs until SIGINT or SIGTERM.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { stripeWebhookSecretsFromConfig, temporalPaymentEventStarter } from '../../server/payment-event-starter.js';
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
  paypalVerifier?: PaypalWebhookVerifier;
}

export interface RunningServe {
  app: FastifyInstance;
  /** `http://host:port` as bound (port 0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

export async function serveCommand(deps: ServeDeps, o: { port?: number | undefined; host?: string | undefined }): Promise<RunningServe> {
  const app = await buildWebhookServer({
    db: deps.db,
    tenants: Object.keys(deps.config.tenants),
    stripeSecrets: stripeWebhookSecretsFromConfig(deps.config, deps.logger, deps.env),
    ...(deps.paypalVerifier === undefined ? {} : { paypalVerifier: deps.paypalVerifier }),
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
