/** Bad config stops start-up with a message naming the field. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../worker/env.js';
import { resolveSecret, SecretUnavailableError } from '../../config/secrets.js';
import {
  DEMO_CONFIG_PATH,
  findOrderConnection,
  findConnection,
  loadTenantsConfig,
  parseTenantsConfig,
  selectChannels,
  UnknownTenantError,
} from '../../config/tenants-config.js';

const amazon = (settings: Record<string, unknown> = {}) => ({
  vendor: 'amazon',
  settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], ...settings },
  secrets: { clientId: { env: 'A_ID' }, clientSecret: { env: 'A_SECRET' }, refreshToken: { file: '/run/secrets/rt' } },
});

describe('tenants config', () => {
  it('loads the bundled demo config', () => {
    const c = loadTenantsConfig(DEMO_CONFIG_PATH, {});
    expect(Object.keys(c.tenants)).toEqual(['demo']);
    expect(Object.keys(c.tenants.demo!.connections)).toEqual(['dhl-express', 'fedex', 'amazon-eu', 'amazon-na', 'amazon-fe', 'paypal', 'stripe', 'aliexpress', 'alibaba']);
    // The demo ships through both carriers' stand-ins (npm start).
    expect(c.tenants.demo!.shipping).toMatchObject({ carriers: ['dhl-express', 'fedex'], shipFrom: { country: 'DE', phone: expect.any(String) }, defaultIncoterm: 'DAP' });
    expect(findConnection(c, 'demo', 'fedex').settings).toMatchObject({ endpoint: 'http://127.0.0.1:8716', accountNumber: '740561073' });
    const eu = findOrderConnection(c, 'demo', 'amazon-eu');
    expect(eu.settings).toMatchObject({ region: 'eu', endpoint: 'http://127.0.0.1:8700' });
    expect(eu.orders).toEqual({ pageSize: 100, settleSeconds: 120, itemsConcurrency: 4, writeBatchSize: 50, schedule: { every: '15m', paused: false } });
  });

  it('interpolates ${VAR:-default} from the environment', () => {
    const c = loadTenantsConfig(DEMO_CONFIG_PATH, { CARAVAN_SANDBOX_URL: 'http://10.0.0.5:9000' });
    expect(findConnection(c, 'demo', 'amazon-na').settings).toMatchObject({
      endpoint: 'http://10.0.0.5:9000',
      tokenEndpoint: 'http://10.0.0.5:9000/auth/o2/token',
    });
  });

  it.each([
    [{ tenants: { acme: { connections: { 'amazon-eu': amazon({ region: 'mars' }) } } } }, 'tenants.acme.connections.amazon-eu.settings.region'],
    [{ tenants: { acme: { connections: { 'amazon-eu': amazon({ marketplaceIds: [] }) } } } }, 'tenants.acme.connections.amazon-eu.settings.marketplaceIds'],
    [{ tenants: { acme: { connections: { 'amazon-eu': { ...amazon(), vendor: 'ebay' } } } } }, 'tenants.acme.connections.amazon-eu.vendor'],
    [{ tenants: { acme: { connections: { 'amazon-eu': { ...amazon(), secrets: { clientId: 'plain-text-secret' } } } } } }, 'tenants.acme.connections.amazon-eu.secrets'],
    [{ tenants: { acme: { connections: { 'amazon-eu': { ...amazon(), orders: { pageSize: 500 } } } } } }, 'tenants.acme.connections.amazon-eu.orders.pageSize'],
    [{ tenants: { acme: { connections: { 'amazon-eu': { ...amazon(), orders: { schedule: { every: '90s' } } } } } } }, 'tenants.acme.connections.amazon-eu.orders.schedule.every'],
    [{ tenants: { acme: { connections: { 'amazon-eu': { ...amazon(), orders: { pagesPerActivity: 21 } } } } } }, 'tenants.acme.connections.amazon-eu.orders.pagesPerActivity'],
    [{ tenants: { acme: { connections: { 'amazon-eu': amazon({ ordersApi: '2025-01-01' }) } } } }, 'tenants.acme.connections.amazon-eu.settings.ordersApi'],
    [{ tenants: { 'Acme Inc': { connections: {} } } }, 'tenants.Acme Inc'],
    [{ tenant: {} }, '(root)'],
  ])('names the field at fault (%#)', (raw, field) => {
    expect(() => parseTenantsConfig(raw, {})).toThrow(ConfigError);
    expect(() => parseTenantsConfig(raw, {})).toThrow(field);
  });

  it('takes the Orders API and the vendor pages per activity of a connection (both optional)', () => {
    const c = parseTenantsConfig({ tenants: { acme: { connections: { 'amazon-eu': { ...amazon({ ordersApi: '2026-01-01' }), orders: { pagesPerActivity: 8 } } } } } }, {});
    const eu = findOrderConnection(c, 'acme', 'amazon-eu');
    expect([eu.settings.ordersApi, eu.orders.pagesPerActivity]).toEqual(['2026-01-01', 8]);
  });

  it('says which variable is missing when interpolation cannot resolve', () => {
    expect(() => parseTenantsConfig({ tenants: { acme: { connections: { a: amazon({ endpoint: '${NOPE}' }) } } } }, {})).toThrow(
      /tenants\.acme\.connections\.a\.settings\.endpoint: environment variable NOPE is not set/,
    );
  });

  it('reports unreadable and unparsable files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-cfg-'));
    expect(() => loadTenantsConfig(join(dir, 'missing.yaml'))).toThrow(/cannot read config file .*ENOENT/);
    writeFileSync(join(dir, 'bad.yaml'), 'tenants: [unclosed');
    expect(() => loadTenantsConfig(join(dir, 'bad.yaml'))).toThrow(/not valid YAML/);
  });

  it('selects channels by id or by vendor, and rejects unknown tenants and channels', () => {
    const c = loadTenantsConfig(DEMO_CONFIG_PATH, {});
    expect(selectChannels(c, 'demo', 'amazon')).toEqual(['amazon-eu', 'amazon-na', 'amazon-fe']);
    expect(selectChannels(c, 'demo', 'amazon-fe')).toEqual(['amazon-fe']);
    expect(() => selectChannels(c, 'acme', 'amazon')).toThrow(UnknownTenantError);
    expect(() => selectChannels(c, 'acme', 'amazon')).toThrow('unknown tenant "acme" (configured: demo)');
    expect(() => findConnection(c, 'demo', 'ebay')).toThrow('tenant "demo" has no channel "ebay" (configured: dhl-express, fedex, amazon-eu, amazon-na, amazon-fe, paypal, stripe, aliexpress, alibaba)');
  });
});

describe('secrets', () => {
  it('reads from the environment or a file and never echoes a value in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-sec-'));
    writeFileSync(join(dir, 'token'), 'Atzr|file-token\n');
    expect(resolveSecret({ env: 'X' }, { X: 'value' })).toBe('value');
    expect(resolveSecret({ file: join(dir, 'token') })).toBe('Atzr|file-token');
    expect(() => resolveSecret({ env: 'MISSING' }, {})).toThrow(SecretUnavailableError);
    expect(() => resolveSecret({ env: 'MISSING' }, {})).toThrow('environment variable MISSING is not set');
    expect(() => resolveSecret({ file: join(dir, 'nope') })).toThrow(/cannot be read: ENOENT/);
  });
});

describe('environment', () => {
  it('applies defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ CARAVAN_DATA_DIR: 'data', TEMPORAL_NAMESPACE: 'default', CARAVAN_TEMPORAL_PORT: 7233, CARAVAN_TEMPORAL_UI_PORT: 8233, LOG_LEVEL: 'info' });
    expect(env.TEMPORAL_ADDRESS).toBeUndefined();
  });
  it('names the bad variable', () => {
    expect(() => loadEnv({ CARAVAN_TEMPORAL_PORT: '99999' })).toThrow(/CARAVAN_TEMPORAL_PORT/);
    expect(() => loadEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadEnv({ CARAVAN_DATABASE_URL: 'not a url' })).toThrow(/CARAVAN_DATABASE_URL/);
    expect(() => loadEnv({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/c.pem' })).toThrow(/TEMPORAL_TLS_CLIENT_KEY_PATH/);
  });
});
