/**
 * Vendor clients per (tenant, channel), built on first use inside an activity (that is
 * where secrets are read) and kept for the life of the worker, so access tokens and
 * rate-limit buckets are shared by every activity of the process.
 */
import { createAmazonClient, type AmazonClient } from '../connectors/amazon/index.js';
import { RateLimiterRegistry } from '../connectors/http/rate-limiter.js';
import type { Logger } from 'pino';
import { resolveSecret } from '../config/secrets.js';
import { findAmazonConnection, type AmazonConnectionConfig, type TenantsConfig } from '../config/tenants-config.js';

export interface VendorClients {
  amazon(tenant: string, channel: string): { client: AmazonClient; connection: AmazonConnectionConfig };
  limiter: RateLimiterRegistry;
}

export function createVendorClients(deps: {
  config: TenantsConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  limiter?: RateLimiterRegistry;
}): VendorClients {
  const limiter = deps.limiter ?? new RateLimiterRegistry();
  const amazonClients = new Map<string, AmazonClient>();
  return {
    limiter,
    amazon(tenant, channel) {
      const connection = findAmazonConnection(deps.config, tenant, channel);
      const key = `${tenant}/${channel}`;
      let client = amazonClients.get(key);
      if (!client) {
        const env = deps.env ?? process.env;
        client = createAmazonClient({
          tenant,
          settings: connection.settings,
          credentials: {
            clientId: resolveSecret(connection.secrets.clientId, env),
            clientSecret: resolveSecret(connection.secrets.clientSecret, env),
            refreshToken: resolveSecret(connection.secrets.refreshToken, env),
          },
          limiter,
          logger: deps.logger.child({ tenant, channel, vendor: 'amazon' }),
        });
        amazonClients.set(key, client);
      }
      return { client, connection };
    },
  };
}
