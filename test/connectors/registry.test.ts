/**
 * The connector registry: every vendor folder has a descriptor in it, the tenants file is
 * checked through the descriptors, and asking a connection for a capability its vendor
 * lacks says which vendors offer it.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../worker/logger.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import {
  CONNECTORS,
  MissingCapabilityError,
  UnknownVendorError,
  connectorFor,
  knownVendors,
  requireCapability,
  vendorsWith,
} from '../../connectors/registry.js';
import { ConfigError } from '../../config/errors.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';

const CONNECTORS_DIR = join(import.meta.dirname, '..', '..', 'connectors');
const logger = createLogger({ level: 'silent' });

describe('connector registry', () => {
  it('registers a descriptor for every vendor folder (fx holds two sources)', () => {
    const folders = readdirSync(CONNECTORS_DIR).filter((f) => f !== 'http' && statSync(join(CONNECTORS_DIR, f)).isDirectory());
    // Vendor folders that hold only wire schemas, signing and error recognisers (for `caravan map`) so far: no client, so no descriptor yet.
    const mapOnly: string[] = [];
    expect(folders.filter((f) => f !== 'fx' && !mapOnly.includes(f)).sort()).toEqual(['alibaba', 'aliexpress', 'amazon', 'avalara', 'dhl', 'fedex', 'mailchimp', 'paypal', 'stripe', 'vies']);
    expect(folders.filter((f) => f !== 'fx').every((f) => knownVendors().includes(f) || mapOnly.includes(f))).toBe(true);
    expect(knownVendors()).toEqual(['amazon', 'avalara', 'dhl', 'ecb', 'xe', 'vies', 'mailchimp', 'aliexpress', 'alibaba', 'fedex', 'stripe', 'paypal']);
    expect(new Set(knownVendors()).size).toBe(CONNECTORS.length);
  });

  it('lists who offers each capability', () => {
    expect(vendorsWith('orderSource')).toEqual(['amazon', 'aliexpress', 'alibaba']);
    expect(vendorsWith('listingTarget')).toEqual(['amazon', 'aliexpress', 'alibaba']);
    expect(vendorsWith('taxProvider')).toEqual(['avalara']);
    expect(vendorsWith('landedCostProvider')).toEqual(['avalara', 'dhl']);
    expect(vendorsWith('rateSource')).toEqual(['ecb', 'xe']);
    expect(vendorsWith('vatNumberChecker')).toEqual(['vies']);
    expect(vendorsWith('carrier')).toEqual(['dhl', 'fedex']);
    expect(vendorsWith('reportSource')).toEqual(['amazon']);
    expect(vendorsWith('inventorySource')).toEqual(['amazon']);
    expect(vendorsWith('paymentLedgerSource')).toEqual(['amazon', 'stripe', 'paypal']);
    expect(vendorsWith('shipmentConfirmer')).toEqual(['amazon', 'aliexpress', 'alibaba']);
    expect(vendorsWith('inventoryTarget')).toEqual(['amazon', 'aliexpress', 'alibaba']);
    // Mailchimp's read-only getLists is no audienceTarget yet.
    expect(vendorsWith('audienceTarget')).toEqual([]);
  });

  it('declares the secrets each vendor needs, by name', () => {
    expect(Object.fromEntries(CONNECTORS.map((d) => [d.vendor, d.secrets]))).toEqual({
      amazon: [['clientId', 'clientSecret', 'refreshToken']],
      avalara: [['accountId', 'licenseKey'], ['bearerToken']],
      dhl: [['username', 'password']],
      ecb: [],
      xe: [['accountId', 'apiKey']],
      vies: [],
      mailchimp: [['apiKey']],
      aliexpress: [
        ['appSecret', 'accessToken', 'refreshToken'],
        ['appSecret', 'refreshToken'],
      ],
      alibaba: [
        ['appSecret', 'accessToken', 'refreshToken'],
        ['appSecret', 'refreshToken'],
      ],
      fedex: [
        ['clientId', 'clientSecret'],
        ['clientId', 'clientSecret', 'trackingClientId', 'trackingClientSecret'],
      ],
      stripe: [['secretKey'], ['secretKey', 'webhookSecret']],
      paypal: [['clientId', 'clientSecret']],
    });
  });

  it('names exactly the secrets its credentials check reads', () => {
    const keysOf = (schema: z.ZodType): string[][] =>
      schema instanceof z.ZodUnion ? (schema.options as z.ZodType[]).flatMap(keysOf) : [Object.keys((schema as z.ZodObject).shape)];
    for (const d of CONNECTORS) {
      const names = d.secrets.length === 0 ? [[]] : d.secrets.map((set) => [...set]);
      expect([d.vendor, keysOf(d.credentials)]).toEqual([d.vendor, names]);
    }
  });

  it('gives each connection its base URL, overrides applied', () => {
    expect(connectorFor('amazon').baseUrl({ region: 'fe', marketplaceIds: ['A1VC38T7YXB528'] })).toBe('https://sellingpartnerapi-fe.amazon.com');
    expect(connectorFor('dhl').baseUrl({ environment: 'test', accountNumber: '123456789' })).toBe('https://express.api.dhl.com/mydhlapi/test');
    expect(connectorFor('ecb').baseUrl({ baseUrl: 'http://127.0.0.1:8711/' })).toBe('http://127.0.0.1:8711');
    // Mailchimp's host is the API key's data center: the registry, given settings only, says so.
    expect(connectorFor('mailchimp').baseUrl({})).toBe('https://<dc>.api.mailchimp.com/3.0');
    expect(connectorFor('mailchimp').baseUrl({ dataCenter: 'us3' })).toBe('https://us3.api.mailchimp.com/3.0');
    expect(connectorFor('mailchimp').baseUrl({ endpoint: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(connectorFor('aliexpress').baseUrl({ appKey: '123456' })).toBe('https://api-sg.aliexpress.com');
    expect(connectorFor('aliexpress').baseUrl({ appKey: '123456', endpoint: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(connectorFor('alibaba').baseUrl({ appKey: '45678901' })).toBe('https://openapi-api.alibaba.com');
    expect(connectorFor('alibaba').baseUrl({ appKey: '45678901', sandbox: true })).toBe('https://openapi-api-sandbox.alibaba.com');
  });

  it('names an unknown vendor and the known ones', () => {
    expect(() => connectorFor('ebay')).toThrow(UnknownVendorError);
    expect(() => connectorFor('ebay')).toThrow('unknown vendor "ebay" (known: amazon, avalara, dhl, ecb, xe, vies, mailchimp, aliexpress, alibaba, fedex, stripe, paypal)');
  });

  it('builds a connection from a descriptor and hands out only the capabilities it offers', () => {
    const dhl = connectorFor('dhl').connect({
      tenant: 'acme',
      settings: { environment: 'test', accountNumber: '123456789' },
      credentials: { username: 'apiKey', password: 'apiSecret' },
      limiter: new RateLimiterRegistry(),
      logger,
    });
    const landedCost = dhl.capability('landedCostProvider');
    expect(typeof landedCost?.quoteLandedCost).toBe('function');
    // Built once per connection.
    expect(dhl.capability('landedCostProvider')).toBe(landedCost);
    expect(dhl.capability('orderSource')).toBeUndefined();
    expect(() => requireCapability(dhl, 'orderSource', 'acme/dhl-express')).toThrow(MissingCapabilityError);
    expect(() => requireCapability(dhl, 'taxProvider', 'acme/dhl-express')).toThrow(
      'connection "acme/dhl-express" (dhl) is no taxProvider: vendors that are: avalara',
    );
  });

  it('builds a Mailchimp connection on the key\'s data center, with no capability yet', () => {
    const mailchimp = connectorFor('mailchimp').connect({
      tenant: 'acme',
      settings: {},
      credentials: { apiKey: '0123456789abcdef0123456789abcdef-us3' },
      limiter: new RateLimiterRegistry(),
      logger,
    });
    expect(typeof (mailchimp.client as { getLists?: unknown }).getLists).toBe('function');
    expect(() => requireCapability(mailchimp, 'audienceTarget', 'acme/newsletter')).toThrow(
      'connection "acme/newsletter" (mailchimp) is no audienceTarget: vendors that are: (none yet)',
    );
  });
});

describe('tenants file checked through the registry', () => {
  const withConnection = (connection: Record<string, unknown>, tenant: Record<string, unknown> = {}) => ({
    tenants: { acme: { connections: { c: connection }, ...tenant } },
  });
  const errorOf = (raw: unknown): string => {
    try {
      parseTenantsConfig(raw, {});
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('the config was accepted');
  };

  it("validates each vendor's settings with its descriptor's schema, naming the field", () => {
    expect(errorOf(withConnection({ vendor: 'dhl', settings: { environment: 'staging', accountNumber: '1234567890123' }, secrets: { username: { env: 'U' }, password: { env: 'P' } } }))).toBe(
      'invalid config:\n' +
        '  tenants.acme.connections.c.settings.environment: Invalid option: expected one of "test"|"production"\n' +
        '  tenants.acme.connections.c.settings.accountNumber: Too big: expected string to have <=12 characters',
    );
    expect(errorOf(withConnection({ vendor: 'avalara', settings: { environment: 'sandbox', companyCode: 'DEFAULT' }, secrets: { accountId: { env: 'A' } } }))).toMatch(
      /^invalid config:\n {2}tenants\.acme\.connections\.c\.secrets: /,
    );
  });

  it('accepts either set of AvaTax secrets, and none for a keyless vendor', () => {
    const avalara = (secrets: unknown) => withConnection({ vendor: 'avalara', settings: { environment: 'sandbox', companyCode: 'DEFAULT' }, secrets });
    expect(parseTenantsConfig(avalara({ bearerToken: { env: 'T' } }), {}).tenants.acme!.connections.c!.secrets).toEqual({ bearerToken: { env: 'T' } });
    expect(parseTenantsConfig(avalara({ accountId: { env: 'A' }, licenseKey: { file: '/run/k' } }), {}).tenants.acme!.connections.c!.secrets).toEqual({
      accountId: { env: 'A' },
      licenseKey: { file: '/run/k' },
    });
    const vies = parseTenantsConfig(withConnection({ vendor: 'vies' }), {}).tenants.acme!.connections.c!;
    expect(vies).toEqual({ vendor: 'vies', settings: {}, secrets: {} });
    expect(errorOf(withConnection({ vendor: 'vies', secrets: { apiKey: { env: 'K' } } }))).toBe('invalid config:\n  tenants.acme.connections.c.secrets: vies needs no secrets: remove this section');
  });

  it('takes a Mailchimp connection with its API key, and names a bad data center', () => {
    const mailchimp = (settings: unknown) => withConnection({ vendor: 'mailchimp', settings, secrets: { apiKey: { env: 'MAILCHIMP_API_KEY' } } });
    expect(parseTenantsConfig(mailchimp({ dataCenter: 'us3' }), {}).tenants.acme!.connections.c).toEqual({
      vendor: 'mailchimp',
      settings: { dataCenter: 'us3' },
      secrets: { apiKey: { env: 'MAILCHIMP_API_KEY' } },
    });
    expect(errorOf(mailchimp({ dataCenter: 'US-3' }))).toBe(
      'invalid config:\n  tenants.acme.connections.c.settings.dataCenter: must be a Mailchimp data center such as us3',
    );
  });

  it('gives order settings to order sources only', () => {
    expect(errorOf(withConnection({ vendor: 'vies', orders: { pageSize: 10 } }))).toBe('invalid config:\n  tenants.acme.connections.c.orders: vies imports no orders: remove this section');
  });

  it('checks tax and duty providers and the VAT-number check by capability', () => {
    const dhl = { vendor: 'dhl', settings: { environment: 'test', accountNumber: '123456789' }, secrets: { username: { env: 'U' }, password: { env: 'P' } } };
    const seller = { seller: { country: 'DE', registrations: {} }, shipFrom: { name: 'A', lines: ['B 1'], city: 'Hamburg', postalCode: '20457', country: 'DE' } };
    expect(parseTenantsConfig(withConnection(dhl, { duty: { provider: 'c' } }), {}).tenants.acme!.duty!.provider).toBe('c');
    expect(errorOf(withConnection(dhl, { tax: { provider: 'c', ...seller } }))).toBe(
      'invalid config:\n  tenants.acme.tax.provider: must be "builtin" or one of the tenant\'s avalara connections',
    );
    expect(errorOf(withConnection(dhl, { tax: { vatNumberCheck: 'c', ...seller } }))).toBe(
      "invalid config:\n  tenants.acme.tax.vatNumberCheck: must be one of the tenant's vies connections",
    );
  });

  it('takes any registered rate source for fx.sources, and nothing else', () => {
    const fx = (sources: Record<string, unknown>) => ({ fx: { default: Object.keys(sources)[0], sources }, tenants: {} });
    const xe = parseTenantsConfig(fx({ xe: { vendor: 'xe', secrets: { accountId: { env: 'XA' }, apiKey: { env: 'XK' } }, currencies: ['USD'] } }), {}).fx.sources.xe;
    expect(xe).toEqual({ vendor: 'xe', settings: {}, secrets: { accountId: { env: 'XA' }, apiKey: { env: 'XK' } }, base: 'EUR', currencies: ['USD'] });
    expect(errorOf(fx({ rates: { vendor: 'dhl', settings: {} } }))).toBe('invalid config:\n  fx.sources.rates.vendor: dhl is no rateSource (vendors that are: ecb, xe)');
    expect(errorOf(fx({ rates: { vendor: 'oanda' } }))).toBe(
      'invalid config:\n  fx.sources.rates.vendor: unknown vendor "oanda" (known: amazon, avalara, dhl, ecb, xe, vies, mailchimp, aliexpress, alibaba, fedex, stripe, paypal)',
    );
  });
});
