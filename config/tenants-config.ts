/**
 * The tenants file: tenants, their connections (vendor, region, marketplaces, base URLs)
 * and references to their secrets. Bad config stops start-up with a message naming the
 * field, e.g. `tenants.acme.connections.amazon-eu.settings.region: Invalid option`.
 *
 * Strings may use ${VAR} or ${VAR:-default} to take values (never secrets: those are
 * references resolved inside activities) from the environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AmazonConnectionSettingsSchema } from '../connectors/amazon/config.js';
import { AvalaraConnectionSettingsSchema } from '../connectors/avalara/config.js';
import { DhlConnectionSettingsSchema } from '../connectors/dhl/config.js';
import { EcbSettingsSchema, XeSettingsSchema } from '../connectors/fx/config.js';
import { ViesSettingsSchema } from '../connectors/vies/config.js';
import { TariffTableSchema } from '../engines/duty/tariff.js';
import { AddressSchema } from '../mappings/canonical/address.js';
import { CurrencyCodeSchema } from '../mappings/canonical/money.js';
import { SellerTaxProfileSchema } from '../mappings/canonical/tax.js';
import { ConfigError } from './errors.js';
import { SecretRefSchema } from './secrets.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes');

/** Tuning of the order import per connection. */
export const OrdersSyncSettingsSchema = z
  .object({
    /** Orders per page (Amazon allows 1–100). */
    pageSize: z.number().int().min(1).max(100).default(100),
    /** Amazon rejects LastUpdatedBefore later than two minutes before now; sandboxes may allow 0. */
    settleSeconds: z.number().int().min(0).default(120),
    /** Order-item requests in flight at once within a page (the rate limiter still paces them). */
    itemsConcurrency: z.number().int().min(1).max(32).default(4),
    /** Orders written per store transaction within a page. */
    writeBatchSize: z.number().int().min(1).max(1000).default(50),
    /** Incremental pulls on a Temporal Schedule, created by `caravan schedules apply`. */
    schedule: z
      .object({
        /** Interval such as 15m, 1h, 1d (at least one minute). */
        every: z
          .string()
          .regex(/^[1-9]\d*(m|h|d)$/, 'must be a whole number of minutes, hours or days, e.g. 15m, 1h, 1d'),
        paused: z.boolean().default(false),
      })
      .strict()
      .optional(),
  })
  .strict();
export type OrdersSyncSettings = z.infer<typeof OrdersSyncSettingsSchema>;

const AmazonConnectionSchema = z
  .object({
    vendor: z.literal('amazon'),
    description: z.string().optional(),
    settings: AmazonConnectionSettingsSchema,
    secrets: z
      .object({ clientId: SecretRefSchema, clientSecret: SecretRefSchema, refreshToken: SecretRefSchema })
      .strict(),
    orders: OrdersSyncSettingsSchema.default(OrdersSyncSettingsSchema.parse({})),
  })
  .strict();

const AvalaraConnectionSchema = z
  .object({
    vendor: z.literal('avalara'),
    description: z.string().optional(),
    settings: AvalaraConnectionSettingsSchema,
    secrets: z.union([
      z.object({ accountId: SecretRefSchema, licenseKey: SecretRefSchema }).strict(),
      z.object({ bearerToken: SecretRefSchema }).strict(),
    ]),
  })
  .strict();

const DhlConnectionSchema = z
  .object({
    vendor: z.literal('dhl'),
    description: z.string().optional(),
    settings: DhlConnectionSettingsSchema,
    secrets: z.object({ username: SecretRefSchema, password: SecretRefSchema }).strict(),
  })
  .strict();

/** The EC's VIES service: public, no secrets; a requester (the seller's own VAT number) makes it issue consultation numbers. */
const ViesConnectionSchema = z
  .object({
    vendor: z.literal('vies'),
    description: z.string().optional(),
    settings: ViesSettingsSchema.default({}),
  })
  .strict();

export const ConnectionSchema = z.discriminatedUnion('vendor', [AmazonConnectionSchema, AvalaraConnectionSchema, DhlConnectionSchema, ViesConnectionSchema]);
export type ConnectionConfig = z.infer<typeof ConnectionSchema>;
export type AmazonConnectionConfig = z.infer<typeof AmazonConnectionSchema>;
export type AvalaraConnectionConfig = z.infer<typeof AvalaraConnectionSchema>;
export type DhlConnectionConfig = z.infer<typeof DhlConnectionSchema>;
export type ViesConnectionConfig = z.infer<typeof ViesConnectionSchema>;

/** `builtin` (the offline engines) or the id of one of the tenant's connections that can quote. */
const providerRef = z.string().min(1).default('builtin');

export const TenantSchema = z
  .object({
    name: z.string().optional(),
    /** The currency the seller books in: quotes give every figure in it too. */
    currency: CurrencyCodeSchema.default('EUR'),
    connections: z.record(slug, ConnectionSchema).default({}),
    tax: z
      .object({
        provider: providerRef,
        seller: SellerTaxProfileSchema,
        /** Where goods ship from by default (orders carry no ship-from address). */
        shipFrom: AddressSchema,
        /** A vies connection: business buyers' EU VAT numbers are checked live before reverse charge (built-in engine). */
        vatNumberCheck: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    duty: z
      .object({
        provider: providerRef,
        /** The tenant's duty rates per destination and HS code prefix (dated, with sources). */
        tariff: TariffTableSchema.default([]),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TenantConfig = z.infer<typeof TenantSchema>;

const FxSourceSchema = z.discriminatedUnion('vendor', [
  z.object({ vendor: z.literal('ecb'), settings: EcbSettingsSchema.default({}) }).strict(),
  z
    .object({
      vendor: z.literal('xe'),
      settings: XeSettingsSchema.default({}),
      secrets: z.object({ accountId: SecretRefSchema, apiKey: SecretRefSchema }).strict(),
      /** Base currency of the rates fetched from XE, and the quote currencies wanted. */
      base: CurrencyCodeSchema.default('EUR'),
      currencies: z.array(CurrencyCodeSchema).min(1),
    })
    .strict(),
]);
export type FxSourceConfig = z.infer<typeof FxSourceSchema>;

export const FxConfigSchema = z
  .object({
    /** Source used by conversions unless one is named. */
    default: z.string().min(1).default('ecb'),
    sources: z.record(slug, FxSourceSchema).default({ ecb: { vendor: 'ecb', settings: {} } }),
    /** Daily refresh on a Temporal Schedule (caravan schedules apply); ECB publishes around 16:00 CET. */
    refresh: z
      .object({
        sources: z.array(slug).default(['ecb']),
        at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('16:30'),
        timezone: z.string().default('Europe/Berlin'),
        paused: z.boolean().default(false),
      })
      .strict()
      .optional(),
  })
  .strict();
export type FxConfig = z.infer<typeof FxConfigSchema>;

export const TenantsConfigSchema = z
  .object({
    fx: FxConfigSchema.default(FxConfigSchema.parse({})),
    tenants: z.record(slug, TenantSchema),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!config.fx.sources[config.fx.default]) {
      ctx.addIssue({ code: 'custom', path: ['fx', 'default'], message: `names no source in fx.sources (${Object.keys(config.fx.sources).join(', ')})` });
    }
    for (const s of config.fx.refresh?.sources ?? []) {
      if (!config.fx.sources[s]) ctx.addIssue({ code: 'custom', path: ['fx', 'refresh', 'sources'], message: `"${s}" is not in fx.sources` });
    }
    for (const [id, t] of Object.entries(config.tenants)) {
      for (const [area, vendors] of [['tax', ['avalara']], ['duty', ['dhl', 'avalara']]] as const) {
        const provider = t[area]?.provider;
        if (!provider || provider === 'builtin') continue;
        const c = t.connections[provider];
        if (!c || !(vendors as readonly string[]).includes(c.vendor)) {
          ctx.addIssue({
            code: 'custom',
            path: ['tenants', id, area, 'provider'],
            message: `must be "builtin" or one of the tenant's ${vendors.join('/')} connections`,
          });
        }
      }
      const check = t.tax?.vatNumberCheck;
      if (check !== undefined && t.connections[check]?.vendor !== 'vies') {
        ctx.addIssue({ code: 'custom', path: ['tenants', id, 'tax', 'vatNumberCheck'], message: "must be one of the tenant's vies connections" });
      }
    }
  });
export type TenantsConfig = z.infer<typeof TenantsConfigSchema>;

export const DEMO_CONFIG_PATH = 'config/caravan.demo.yaml';

/** CARAVAN_CONFIG, else ./caravan.config.yaml when present, else the bundled demo config. */
export function defaultConfigPath(explicit?: string, cwd = process.cwd()): string {
  if (explicit) return resolve(cwd, explicit);
  const local = resolve(cwd, 'caravan.config.yaml');
  return existsSync(local) ? local : resolve(cwd, DEMO_CONFIG_PATH);
}

function interpolate(value: unknown, env: NodeJS.ProcessEnv, path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, def?: string) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (def !== undefined) return def;
      throw new ConfigError(`${path}: environment variable ${name} is not set and has no default`);
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, path ? `${path}.${k}` : k)]));
  }
  return value;
}

export function parseTenantsConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env, source = 'config'): TenantsConfig {
  const parsed = TenantsConfigSchema.safeParse(interpolate(raw, env, ''));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid ${source}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadTenantsConfig(path: string, env: NodeJS.ProcessEnv = process.env): TenantsConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`config file ${path} is not valid YAML/JSON: ${(e as Error).message}`);
  }
  return parseTenantsConfig(raw, env, `config file ${path}`);
}

export class UnknownTenantError extends ConfigError {
  override readonly name = 'UnknownTenantError';
}

export function findConnection(config: TenantsConfig, tenant: string, channel: string): ConnectionConfig {
  const t = config.tenants[tenant];
  if (!t) {
    const known = Object.keys(config.tenants).join(', ') || '(none)';
    throw new UnknownTenantError(`unknown tenant "${tenant}" (configured: ${known})`);
  }
  const c = t.connections[channel];
  if (!c) {
    const known = Object.keys(t.connections).join(', ') || '(none)';
    throw new UnknownTenantError(`tenant "${tenant}" has no channel "${channel}" (configured: ${known})`);
  }
  return c;
}

/** Vendors whose connections import orders (ordersSync channels). */
export const ORDER_VENDORS: ReadonlySet<string> = new Set(['amazon']);

export function findAmazonConnection(config: TenantsConfig, tenant: string, channel: string): AmazonConnectionConfig {
  const c = findConnection(config, tenant, channel);
  if (c.vendor !== 'amazon') {
    throw new UnknownTenantError(`channel "${channel}" of tenant "${tenant}" is a ${c.vendor} connection, not an order channel`);
  }
  return c;
}

/**
 * Channels named by `selector`: a channel id, or a vendor name standing for every
 * channel of that vendor (so `--channel amazon` syncs amazon-eu, amazon-na …).
 */
export function selectChannels(config: TenantsConfig, tenant: string, selector: string): string[] {
  const t = config.tenants[tenant];
  if (!t) {
    const known = Object.keys(config.tenants).join(', ') || '(none)';
    throw new UnknownTenantError(`unknown tenant "${tenant}" (configured: ${known})`);
  }
  const named = t.connections[selector];
  if (named) {
    if (!ORDER_VENDORS.has(named.vendor)) {
      throw new UnknownTenantError(`channel "${selector}" of tenant "${tenant}" is a ${named.vendor} connection, not an order channel`);
    }
    return [selector];
  }
  const byVendor = Object.entries(t.connections)
    .filter(([, c]) => c.vendor === selector && ORDER_VENDORS.has(c.vendor))
    .map(([id]) => id);
  if (byVendor.length === 0) {
    const known = Object.keys(t.connections).join(', ') || '(none)';
    throw new UnknownTenantError(`tenant "${tenant}" has no channel or vendor "${selector}" (channels: ${known})`);
  }
  return byVendor;
}
