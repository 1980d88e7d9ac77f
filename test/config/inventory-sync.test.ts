import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/errors.js';
import { handlingDaysOf, inventoryTargetsOf, InventorySyncSettingsSchema } from '../../config/inventory-sync.js';
import { DEMO_CONFIG_PATH, findConnection, findTenant, loadTenantsConfig, parseTenantsConfig } from '../../config/tenants-config.js';

describe('inventory settings', () => {
  it('applies defaults and per-marketplace overrides, and skips switched-off marketplaces', () => {
    const s = InventorySyncSettingsSchema.parse({
      locations: ['DE-HAM'],
      safetyBuffer: 2,
      marketplaces: { A1F83G8C2ARO7P: { locations: ['UK-LON', 'DE-HAM'], weight: 3 }, A2VIGQ35RCS4UG: false },
    });
    expect(s).toMatchObject({ weight: 1, readMarketplaceStock: false, feedThreshold: 20 });
    expect(inventoryTargetsOf('amazon-eu', ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P', 'A2VIGQ35RCS4UG'], s)).toEqual([
      { channel: 'amazon-eu', marketplaceId: 'A1PA6795UKMFR9', locations: ['DE-HAM'], safetyBuffer: 2, weight: 1 },
      { channel: 'amazon-eu', marketplaceId: 'A1F83G8C2ARO7P', locations: ['UK-LON', 'DE-HAM'], safetyBuffer: 2, weight: 3 },
    ]);
  });

  it('gives each marketplace its handling time: its own, else the channel\'s, else none', () => {
    const s = InventorySyncSettingsSchema.parse({ locations: ['DE-HAM'], handlingDays: 2, marketplaces: { A1F83G8C2ARO7P: { handlingDays: 4 }, A2VIGQ35RCS4UG: false } });
    expect(['A1PA6795UKMFR9', 'A1F83G8C2ARO7P', 'A2VIGQ35RCS4UG'].map((m) => handlingDaysOf(s, m))).toEqual([2, 4, 2]);
    expect(handlingDaysOf(InventorySyncSettingsSchema.parse({ locations: ['DE-HAM'] }), 'A1PA6795UKMFR9')).toBeUndefined();
    expect(InventorySyncSettingsSchema.safeParse({ locations: ['DE-HAM'], handlingDays: 31 }).success).toBe(false);
  });

  it('names the field at fault', () => {
    const r = InventorySyncSettingsSchema.safeParse({ locations: ['DE HAM'], marketplaces: { X: { weight: 0 } }, extra: 1 });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toContain('locations.0: must be a location id such as DE-HAM (letters, digits, . _ : -)');
    expect(issues.some((i) => i.startsWith('marketplaces.X'))).toBe(true);
    expect(issues.some((i) => i.includes('extra'))).toBe(true);
  });
});

describe('inventory in the tenants file', () => {
  const DE = 'A1PA6795UKMFR9';
  const UK = 'A1F83G8C2ARO7P';
  const amazon = (inventory: unknown) => ({
    vendor: 'amazon',
    settings: { region: 'eu', marketplaceIds: [DE, UK] },
    secrets: { clientId: { env: 'A_ID' }, clientSecret: { env: 'A_SECRET' }, refreshToken: { env: 'A_RT' } },
    inventory,
  });
  const errorsOf = (raw: unknown): string => {
    try {
      parseTenantsConfig(raw, {});
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('config accepted');
  };

  it('keeps a connection’s section and the tenant rule as the flow reads them', () => {
    const c = parseTenantsConfig({ tenants: { acme: { inventory: { rule: 'priority' }, connections: { 'amazon-eu': amazon({ locations: ['DE-HAM'], marketplaces: { [UK]: { weight: 2 } } }) } } } }, {});
    expect(findTenant(c, 'acme').inventory).toEqual({ rule: 'priority' });
    expect(findConnection(c, 'acme', 'amazon-eu').inventory).toMatchObject({ locations: ['DE-HAM'], safetyBuffer: 0, weight: 1, marketplaces: { [UK]: { weight: 2 } } });
  });

  it('the demo config: amazon-eu from DE-HAM with UK weighted and buffered, amazon-na from US-NJ then DE-HAM, amazon-fe capped', () => {
    const c = loadTenantsConfig(DEMO_CONFIG_PATH, {});
    expect(findTenant(c, 'demo').inventory).toEqual({ rule: 'share' });
    const eu = findConnection(c, 'demo', 'amazon-eu').inventory!;
    expect(eu).toMatchObject({ locations: ['DE-HAM'], safetyBuffer: 0, readMarketplaceStock: true, marketplaces: { [UK]: { weight: 2, safetyBuffer: 1 } } });
    expect(findConnection(c, 'demo', 'amazon-na').inventory).toMatchObject({ locations: ['US-NJ', 'DE-HAM'] });
    expect(findConnection(c, 'demo', 'amazon-fe').inventory).toMatchObject({ locations: ['DE-HAM'], maxUnits: 5 });
  });

  it.each([
    ['a marketplace the connection does not serve', { tenants: { acme: { connections: { 'amazon-eu': amazon({ locations: ['DE-HAM'], marketplaces: { ATVPDKIKX0DER: { weight: 2 } } }) } } } }, `tenants.acme.connections.amazon-eu.inventory.marketplaces.ATVPDKIKX0DER: is not one of the connection's settings.marketplaceIds (${DE}, ${UK})`],
    ['no locations', { tenants: { acme: { connections: { 'amazon-eu': amazon({ safetyBuffer: 1 }) } } } }, 'tenants.acme.connections.amazon-eu.inventory.locations:'],
    ['a negative buffer', { tenants: { acme: { connections: { 'amazon-eu': amazon({ locations: ['DE-HAM'], safetyBuffer: -1 }) } } } }, 'tenants.acme.connections.amazon-eu.inventory.safetyBuffer:'],
    ['a vendor that takes no stock', { tenants: { acme: { connections: { rates: { vendor: 'ecb', inventory: { locations: ['DE-HAM'] } } } } } }, 'tenants.acme.connections.rates.inventory: ecb takes no stock quantities (vendors that do: amazon, aliexpress, alibaba)'],
    ['an unknown rule', { tenants: { acme: { inventory: { rule: 'first-come' }, connections: {} } } }, 'tenants.acme.inventory.rule:'],
  ])('%s is refused, naming the path', (_what, raw, message) => {
    expect(errorsOf(raw)).toContain(message);
  });
});
