/**
 * The tenants file: tenants, their connections (vendor, region, marketplaces, base URLs)
 * and references to their secrets. Each connection is checked by its vendor's descriptor in
 * the connector registry (settings schema, secret names). Bad config stops start-up with a
 * message naming the field, e.g. `tenants.acme.connections.amazon-eu.settings.region: Invalid option`.
 *
 * Strings may use ${VAR} or ${VAR:-default} to take values (never secrets: those are
 * references resolved inside activities) from the environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { connectorFor, findConnector, knownVendors, vendorsWith, type CapabilityName, type ConnectorDescriptor } from '../connectors/registry.js';
import { TariffTableSchema } from '../engines/duty/tariff.js';
import { AddressSchema } from '../mappings/canonical/address.js';
import { CurrencyCodeSchema } from '../mappings/canonical/money.js';
import { SellerTaxProfileSchema } from '../mappings/canonical/tax.js';
import { ConfigError } from './errors.js';
import { FlowScheduleSchema } from './flow-schedule.js';
import { LedgerImportSettingsSchema, SettlementsImportSettingsSchema, type LedgerImportSettings, type SettlementsImportSettings } from './ledger-imports.js';
import { InventorySyncSettingsSchema, TenantInventorySchema, type InventorySyncSettings } from './inventory-sync.js';
import { attributeShapeOf, LISTING_MAPPING_VENDORS, ListingsConfigSchema, type ListingsConfig } from './listing-mapping.js';
import { TenantReconcileSchema } from './reconcile.js';
import { SecretRefSchema, type SecretRef } from './secrets.js';
import { TenantShippingSchema } from './shipping.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes');

/** Tuning of the order import per connection (order sources only). */
export const OrdersSyncSettingsSchema = z
  .object({
    /** Orders per page, at most the source's largest page (Amazon: 100). */
    pageSize: z.number().int().min(1).max(100).default(100),
    /** How far behind now the window ends (Amazon rejects LastUpdatedBefore within two minutes of now); sandboxes may allow 0. */
    settleSeconds: z.number().int().min(0).default(120),
    /** Order-line requests in flight at once within a page, where the source serves lines apart (the rate limiter still paces them). */
    itemsConcurrency: z.number().int().min(1).max(32).default(4),
    /** Orders written per store transaction within a page. */
    writeBatchSize: z.number().int().min(1).max(1000).default(50),
    /**
     * Vendor pages one import activity reads, one after another (each of pageSize orders).
     * Default: 1 where the source fetches each order's lines apart (those calls take the time),
     * 20 where the listing carries them (Temporal's turnaround per activity would), each
     * activity starting no new page after 10 s.
     */
    pagesPerActivity: z.number().int().min(1).max(20).optional(),
    /** Incremental pulls on a Temporal Schedule, created by `caravan schedules apply`. */
    schedule: FlowScheduleSchema.optional(),
  })
  .strict();
export type OrdersSyncSettings = z.infer<typeof OrdersSyncSettingsSchema>;

/**
 * A vendor connection as the tenants file gives it. The vendor's descriptor in the connector
 * registry validates its settings and names the secrets it needs; each secret is a
 * reference (SecretRef), resolved only inside activities.
 */
export interface VendorConnection {
  vendor: string;
  description?: string;
  /** As the vendor's settings schema returned them (defaults applied). */
  settings: Readonly<Record<string, unknown>>;
  secrets: Readonly<Record<string, SecretRef>>;
}

export interface ConnectionConfig extends VendorConnection {
  /** Order-import tuning; present (defaults applied) exactly when the vendor is an order source. */
  orders?: OrdersSyncSettings;
  /** How products become listings on this channel, and their price per marketplace (config/listing-mapping.ts). */
  listings?: ListingsConfig;
  /** Stock published to this channel (config/inventory-sync.ts); only where the vendor offers inventoryTarget. */
  inventory?: InventorySyncSettings;
  /** paymentLedgerSync on a Schedule (config/ledger-imports.ts); only where the vendor is a paymentLedgerSource. */
  ledger?: LedgerImportSettings;
  /** settlementsImport on a Schedule; only where the vendor offers reportSource (Amazon). */
  settlements?: SettlementsImportSettings;
}

/** The schema of a descriptor's secrets: one set of names, or one of several alternatives. */
function secretsSchemaOf(d: ConnectorDescriptor): z.ZodType<Record<string, SecretRef>> | undefined {
  const sets = d.secrets.map((names) => z.strictObject(Object.fromEntries(names.map((n) => [n, SecretRefSchema]))));
  if (sets.length === 0) return undefined;
  return (sets.length === 1 ? sets[0]! : z.union(sets as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])) as z.ZodType<Record<string, SecretRef>>;
}

/** The issues of a nested check, under `at` (so the message still names the field, e.g. `….settings.region`). */
function forwardIssues(ctx: z.RefinementCtx, at: string, issues: readonly z.core.$ZodIssue[]): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: [at, ...issue.path], message: issue.message });
}

/**
 * Settings and secrets of a connection checked by its vendor's descriptor (`capability`,
 * when given, is required of the vendor); undefined after adding the issues found.
 */
function checkWithDescriptor(
  c: { vendor: string; settings?: unknown; secrets?: unknown },
  ctx: z.RefinementCtx,
  capability?: CapabilityName,
): { settings: Record<string, unknown>; secrets: Record<string, SecretRef> } | undefined {
  const d = findConnector(c.vendor);
  if (!d) {
    ctx.addIssue({ code: 'custom', path: ['vendor'], message: `unknown vendor "${c.vendor}" (known: ${knownVendors().join(', ')})` });
    return undefined;
  }
  if (capability && !d.capabilities.includes(capability)) {
    ctx.addIssue({ code: 'custom', path: ['vendor'], message: `${c.vendor} is no ${capability} (vendors that are: ${vendorsWith(capability).join(', ')})` });
    return undefined;
  }
  const settings = d.settings.safeParse(c.settings);
  if (!settings.success) forwardIssues(ctx, 'settings', settings.error.issues);
  const secretsSchema = secretsSchemaOf(d);
  let secrets: Record<string, SecretRef> = {};
  let secretsOk = true;
  if (secretsSchema) {
    const parsed = secretsSchema.safeParse(c.secrets);
    if (parsed.success) secrets = parsed.data;
    else forwardIssues(ctx, 'secrets', parsed.error.issues);
    secretsOk = parsed.success;
  } else if (c.secrets !== undefined && !(typeof c.secrets === 'object' && c.secrets !== null && Object.keys(c.secrets).length === 0)) {
    ctx.addIssue({ code: 'custom', path: ['secrets'], message: `${c.vendor} needs no secrets: remove this section` });
    secretsOk = false;
  }
  return settings.success && secretsOk ? { settings: settings.data as Record<string, unknown>, secrets } : undefined;
}

/** A `listings:` section only where the vendor lists products, for the marketplaces the connection serves. */
function listingMarketplacesOk(vendor: string, listings: ListingsConfig, settings: Record<string, unknown>, ctx: z.RefinementCtx): boolean {
  if (!LISTING_MAPPING_VENDORS.includes(vendor)) {
    ctx.addIssue({ code: 'custom', path: ['listings'], message: `${vendor} takes no listings mapping (vendors that do: ${LISTING_MAPPING_VENDORS.join(', ')})` });
    return false;
  }
  const served = Array.isArray(settings['marketplaceIds']) ? (settings['marketplaceIds'] as unknown[]).map(String) : undefined;
  let ok = true;
  for (const id of Object.keys(listings.marketplaces)) {
    if (served !== undefined && !served.includes(id)) {
      ctx.addIssue({ code: 'custom', path: ['listings', 'marketplaces', id], message: `is not one of the connection's settings.marketplaceIds (${served.join(', ')})` });
      ok = false;
    }
  }
  return ok;
}

/** An `inventory:` section only where the vendor takes stock quantities, for the marketplaces the connection serves. */
function inventoryMarketplacesOk(vendor: string, inventory: InventorySyncSettings, settings: Record<string, unknown>, ctx: z.RefinementCtx): boolean {
  if (!connectorFor(vendor).capabilities.includes('inventoryTarget')) {
    ctx.addIssue({ code: 'custom', path: ['inventory'], message: `${vendor} takes no stock quantities (vendors that do: ${vendorsWith('inventoryTarget').join(', ')})` });
    return false;
  }
  const served = Array.isArray(settings['marketplaceIds']) ? (settings['marketplaceIds'] as unknown[]).map(String) : undefined;
  let ok = true;
  for (const id of Object.keys(inventory.marketplaces)) {
    if (served !== undefined && !served.includes(id)) {
      ctx.addIssue({ code: 'custom', path: ['inventory', 'marketplaces', id], message: `is not one of the connection's settings.marketplaceIds (${served.join(', ')})` });
      ok = false;
    }
  }
  return ok;
}

const ConnectionSchema = z
  .object({
    vendor: z.string(),
    description: z.string().optional(),
    settings: z.unknown().optional(),
    secrets: z.unknown().optional(),
    orders: OrdersSyncSettingsSchema.optional(),
    listings: ListingsConfigSchema.optional(),
    inventory: InventorySyncSettingsSchema.optional(),
    ledger: LedgerImportSettingsSchema.optional(),
    settlements: SettlementsImportSettingsSchema.optional(),
  })
  .strict()
  .transform((c, ctx): ConnectionConfig => {
    const checked = checkWithDescriptor(c, ctx);
    if (!checked) return z.NEVER;
    if (c.listings !== undefined && !listingMarketplacesOk(c.vendor, c.listings, checked.settings, ctx)) return z.NEVER;
    if (c.inventory !== undefined && !inventoryMarketplacesOk(c.vendor, c.inventory, checked.settings, ctx)) return z.NEVER;
    const isOrderSource = connectorFor(c.vendor).capabilities.includes('orderSource');
    if (c.orders !== undefined && !isOrderSource) {
      ctx.addIssue({ code: 'custom', path: ['orders'], message: `${c.vendor} imports no orders: remove this section` });
      return z.NEVER;
    }
    for (const [section, capability] of [['ledger', 'paymentLedgerSource'], ['settlements', 'reportSource']] as const) {
      if (c[section] !== undefined && !connectorFor(c.vendor).capabilities.includes(capability)) {
        ctx.addIssue({ code: 'custom', path: [section], message: `${c.vendor} is no ${capability}: remove this section` });
        return z.NEVER;
      }
    }
    const connection: ConnectionConfig = {
      vendor: c.vendor,
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...checked,
      ...(c.listings !== undefined ? { listings: { ...c.listings, attributeShape: c.listings.attributeShape ?? attributeShapeOf(c.vendor) } } : {}),
      ...(c.inventory !== undefined ? { inventory: c.inventory } : {}),
      ...(c.ledger !== undefined ? { ledger: c.ledger } : {}),
      ...(c.settlements !== undefined ? { settlements: c.settlements } : {}),
    };
    return isOrderSource ? { ...connection, orders: c.orders ?? OrdersSyncSettingsSchema.parse({}) } : connection;
  });

/** `builtin` (the offline engines) or the id of one of the tenant's connections that can quote. */
const providerRef = z.string().min(1).default('builtin');

export const TenantSchema = z
  .object({
    name: z.string().optional(),
    /** The currency the seller books in: quotes give every figure in it too. */
    currency: CurrencyCodeSchema.default('EUR'),
    connections: z.record(slug, ConnectionSchema).default({}),
    /** How stock several channels ship from is split among them (config/inventory-sync.ts). */
    inventory: TenantInventorySchema.optional(),
    tax: z
      .object({
        provider: providerRef,
        seller: SellerTaxProfileSchema,
        /** Where goods ship from by default (orders carry no ship-from address). */
        shipFrom: AddressSchema,
        /** A vies connection: business buyers' EU VAT numbers are checked live before reverse charge (built-in engine). */
        vatNumberCheck: z.string().min(1).optional(),
        /**
         * A business buyer's EU or XI VAT number with good check digits that VIES has not confirmed
         * (no vatNumberCheck, or VIES down): 'reverse-charge' (the default) grants the reverse charge
         * and the quote says it rests on an unverified number; 'charge-vat' charges VAT as to a
         * consumer until VIES confirms the number.
         */
        unconfirmedVatNumbers: z.enum(['reverse-charge', 'charge-vat']).optional(),
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
    /** Reconciliation: nightly Schedule, fee rules per channel, tolerances, grace periods (config/reconcile.ts). */
    reconcile: TenantReconcileSchema.optional(),
    /** Carriers, rate-shopping rule and ship-from address of fulfilOrder, and parcel tracking's stall thresholds and polling (config/shipping.ts). */
    shipping: TenantShippingSchema.optional(),
  })
  .strict();
export type TenantConfig = z.infer<typeof TenantSchema>;

export interface FxSourceConfig extends VendorConnection {
  /** Base currency of the rates asked for, where the vendor quotes per base (XE). */
  base: string;
  /** Quote currencies wanted, where the vendor lets you choose (XE; every currency of its package when absent). */
  currencies?: string[];
}

/** A currency-rate source: any registered rate source (ecb, xe …) with its own settings and secrets. */
const FxSourceSchema = z
  .object({
    vendor: z.string(),
    description: z.string().optional(),
    settings: z.unknown().optional(),
    secrets: z.unknown().optional(),
    base: CurrencyCodeSchema.default('EUR'),
    currencies: z.array(CurrencyCodeSchema).min(1).optional(),
  })
  .strict()
  .transform((c, ctx): FxSourceConfig => {
    const checked = checkWithDescriptor(c, ctx, 'rateSource');
    if (!checked) return z.NEVER;
    return {
      vendor: c.vendor,
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...checked,
      base: c.base,
      ...(c.currencies !== undefined ? { currencies: c.currencies } : {}),
    };
  });

export const FxConfigSchema = z
  .object({
    /** Source used by conversions unless one is named. */
    default: z.string().min(1).default('ecb'),
    sources: z.record(slug, FxSourceSchema).default({ ecb: { vendor: 'ecb', settings: {}, secrets: {}, base: 'EUR' } }),
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
      const offers = (connection: string, capability: CapabilityName) => {
        const c = t.connections[connection];
        return c !== undefined && connectorFor(c.vendor).capabilities.includes(capability);
      };
      for (const [area, capability] of [['tax', 'taxProvider'], ['duty', 'landedCostProvider']] as const) {
        const provider = t[area]?.provider;
        if (!provider || provider === 'builtin' || offers(provider, capability)) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', id, area, 'provider'],
          message: `must be "builtin" or one of the tenant's ${vendorsWith(capability).join('/')} connections`,
        });
      }
      (t.shipping?.carriers ?? []).forEach((carrier, i) => {
        if (!offers(carrier, 'carrier')) {
          ctx.addIssue({ code: 'custom', path: ['tenants', id, 'shipping', 'carriers', i], message: `must be one of the tenant's ${vendorsWith('carrier').join('/')} connections` });
        }
      });
      const check = t.tax?.vatNumberCheck;
      if (check !== undefined && !offers(check, 'vatNumberChecker')) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', id, 'tax', 'vatNumberCheck'],
          message: `must be one of the tenant's ${vendorsWith('vatNumberChecker').join('/')} connections`,
        });
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

/** The tenant's config, or an error naming the tenants configured. */
export function findTenant(config: TenantsConfig, tenant: string): TenantConfig {
  const t = config.tenants[tenant];
  if (!t) {
    const known = Object.keys(config.tenants).join(', ') || '(none)';
    throw new UnknownTenantError(`unknown tenant "${tenant}" (configured: ${known})`);
  }
  return t;
}

export function findConnection(config: TenantsConfig, tenant: string, channel: string): ConnectionConfig {
  const c = findTenant(config, tenant).connections[channel];
  if (!c) {
    const known = Object.keys(findTenant(config, tenant).connections).join(', ') || '(none)';
    throw new UnknownTenantError(`tenant "${tenant}" has no channel "${channel}" (configured: ${known})`);
  }
  return c;
}

/** A rate source of `fx.sources`, or an error naming those configured. */
export function findFxSource(config: TenantsConfig, source: string): FxSourceConfig {
  const s = config.fx.sources[source];
  if (!s) throw new ConfigError(`unknown rate source "${source}" (fx.sources: ${Object.keys(config.fx.sources).join(', ')})`);
  return s;
}

export function isOrderChannel(c: VendorConnection): boolean {
  return connectorFor(c.vendor).capabilities.includes('orderSource');
}

/** A channel whose orders the hub imports (its vendor is an order source). */
export function findOrderConnection(config: TenantsConfig, tenant: string, channel: string): ConnectionConfig & { orders: OrdersSyncSettings } {
  const c = findConnection(config, tenant, channel);
  if (!isOrderChannel(c) || c.orders === undefined) {
    throw new UnknownTenantError(`channel "${channel}" of tenant "${tenant}" is a ${c.vendor} connection, not an order channel`);
  }
  return { ...c, orders: c.orders };
}

/**
 * Channels named by `selector`: a channel id, or a vendor name standing for every
 * channel of that vendor (so `--channel amazon` syncs amazon-eu, amazon-na …).
 */
export function selectChannels(config: TenantsConfig, tenant: string, selector: string): string[] {
  const t = findTenant(config, tenant);
  const named = t.connections[selector];
  if (named) {
    if (!isOrderChannel(named)) {
      throw new UnknownTenantError(`channel "${selector}" of tenant "${tenant}" is a ${named.vendor} connection, not an order channel`);
    }
    return [selector];
  }
  const byVendor = Object.entries(t.connections)
    .filter(([, c]) => c.vendor === selector && isOrderChannel(c))
    .map(([id]) => id);
  if (byVendor.length === 0) {
    const known = Object.keys(t.connections).join(', ') || '(none)';
    throw new UnknownTenantError(`tenant "${tenant}" has no channel or vendor "${selector}" (channels: ${known})`);
  }
  return byVendor;
}
