/**
 * One cache of vendor connectors per (tenant, connection), for every vendor: built on
 * first use inside an activity (that is where secrets are read) and kept for the life of
 * the worker, so access tokens and the worker's rate-limit buckets are shared by every
 * activity of the process. Shared rate sources (fx.sources) are cached under `_shared`.
 */
import type { Logger } from 'pino';
import { RateLimiterRegistry } from '../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability, type Capabilities, type CapabilityName, type Connector } from '../connectors/registry.js';
import { ConfigError } from '../config/errors.js';
import { resolveSecret } from '../config/secrets.js';
import {
  findConnection,
  findFxSource,
  type ConnectionConfig,
  type FxSourceConfig,
  type TenantsConfig,
  type VendorConnection,
} from '../config/tenants-config.js';

/** Tenant id of connections no tenant owns (rate sources): their buckets and logs carry it. */
export const SHARED_TENANT = '_shared';

export interface VendorClients {
  /** The connector of a tenant's connection. */
  connection(tenant: string, connection: string): { connector: Connector; config: ConnectionConfig };
  /** A capability of a tenant's connection, or a ConfigError saying which vendors offer it. */
  capability<K extends CapabilityName>(tenant: string, connection: string, name: K): { capability: Capabilities[K]; config: ConnectionConfig };
  /** The connector of a rate source of `fx.sources`. */
  fxSource(source: string): { connector: Connector; config: FxSourceConfig };
  /** The worker's limiter, shared by every connector built here. */
  readonly limiter: RateLimiterRegistry;
}

export function createVendorClients(deps: {
  config: TenantsConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  limiter?: RateLimiterRegistry;
}): VendorClients {
  const limiter = deps.limiter ?? new RateLimiterRegistry();
  const cache = new Map<string, Connector>();

  /** Secret values by name; a malformed value is named by its field, never echoed. */
  function credentialsOf(c: VendorConnection, where: string): unknown {
    const env = deps.env ?? process.env;
    const values = Object.fromEntries(Object.entries(c.secrets).map(([name, ref]) => [name, resolveSecret(ref, env)]));
    const checked = connectorFor(c.vendor).credentials.safeParse(values);
    if (!checked.success) {
      const lines = checked.error.issues.map((i) => `${where}.secrets${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`);
      throw new ConfigError(`the secrets of ${where} are not usable:\n  ${lines.join('\n  ')}`);
    }
    return checked.data;
  }

  function connect(tenant: string, id: string, c: VendorConnection, where: string): Connector {
    const key = `${tenant}/${id}`;
    let connector = cache.get(key);
    if (!connector) {
      connector = connectorFor(c.vendor).connect({
        tenant,
        connection: id,
        settings: c.settings,
        credentials: credentialsOf(c, where),
        limiter,
        logger: deps.logger.child({ tenant, connection: id, vendor: c.vendor }),
      });
      cache.set(key, connector);
    }
    return connector;
  }

  function connection(tenant: string, id: string) {
    const config = findConnection(deps.config, tenant, id);
    return { connector: connect(tenant, id, config, `tenants.${tenant}.connections.${id}`), config };
  }

  return {
    limiter,
    connection,
    capability(tenant, id, name) {
      const { connector, config } = connection(tenant, id);
      try {
        return { capability: requireCapability(connector, name, `${tenant}/${id}`), config };
      } catch (e) {
        throw new ConfigError((e as Error).message);
      }
    },
    fxSource(source) {
      const config = findFxSource(deps.config, source);
      return { connector: connect(SHARED_TENANT, `fx:${source}`, config, `fx.sources.${source}`), config };
    },
  };
}
