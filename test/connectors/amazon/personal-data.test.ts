/**
 * `settings.personalData` of an Amazon connection: with `rdt`, the v0 order source reads orders
 * and items with one restricted data token for buyerInfo and shippingAddress (requested once,
 * sent as x-amz-access-token, never logged); without it (the default), with the LWA token and no
 * RDT. Against the sandbox with requireRdtForPii: buyer and address data only with `rdt`.
 */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmazonConnectionSettingsSchema } from '../../../connectors/amazon/config.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability, type OrderSource } from '../../../connectors/registry.js';
import { SANDBOX_DEMO_CREDENTIALS, startAmazonSandbox, type AmazonSandbox } from '../../../sandbox/amazon/index.js';
import { captureLogs } from '../log-capture.js';
import { CREDENTIALS, EU_ENDPOINT, isolateNetworkPerTest, mockLwa, SETTINGS } from './amazon-test-kit.js';

const RDT_PATH = '/tokens/2021-03-01/restrictedDataToken';
const RDT = 'Atz.sprdt|caravan-personal-data-secret';
const LWA = 'Atza|caravan-lwa-access';
const WINDOW = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const ORDER = { AmazonOrderId: '302-1234567-1234567', PurchaseDate: '2026-03-01T10:00:00Z', LastUpdateDate: '2026-03-01T11:00:00Z', OrderStatus: 'Unshipped', MarketplaceId: 'A1PA6795UKMFR9' };

function orderSource(settings: Record<string, unknown>, credentials: Record<string, string>, logger = captureLogs().logger): OrderSource {
  const amazon = connectorFor('amazon');
  const connector = amazon.connect({ tenant: 'acme', settings: amazon.settings.parse(settings), credentials, limiter: new RateLimiterRegistry(), logger });
  return requireCapability(connector, 'orderSource', 'acme/amazon-eu');
}

describe('personalData setting (nock)', () => {
  isolateNetworkPerTest();

  it('defaults to none and accepts only none or rdt', () => {
    expect(AmazonConnectionSettingsSchema.parse(SETTINGS).personalData).toBeUndefined();
    expect(AmazonConnectionSettingsSchema.safeParse({ ...SETTINGS, personalData: 'all' }).success).toBe(false);
  });

  it('rdt: one RDT for orders and items, sent on every getOrders and getOrderItems instead of the LWA token, never logged', async () => {
    mockLwa([LWA]);
    const rdtBodies: unknown[] = [];
    nock(EU_ENDPOINT)
      .post(RDT_PATH, (b: unknown) => (rdtBodies.push(b), true))
      .once()
      .reply(200, { restrictedDataToken: RDT, expiresIn: 3600 }, { 'content-type': 'application/json' });
    const tokens: unknown[] = [];
    nock(EU_ENDPOINT)
      .get('/orders/v0/orders')
      .query(true)
      .times(2)
      .reply(function () {
        tokens.push(this.req.headers['x-amz-access-token']);
        return [200, { payload: { Orders: [ORDER] } }, { 'content-type': 'application/json' }];
      });
    nock(EU_ENDPOINT)
      .get(`/orders/v0/orders/${ORDER.AmazonOrderId}/orderItems`)
      .reply(function () {
        tokens.push(this.req.headers['x-amz-access-token']);
        return [200, { payload: { AmazonOrderId: ORDER.AmazonOrderId, OrderItems: [] } }, { 'content-type': 'application/json' }];
      });
    const logs = captureLogs();
    const source = orderSource({ ...SETTINGS, personalData: 'rdt' }, { ...CREDENTIALS }, logs.logger);

    await source.listOrders({ window: WINDOW, pageSize: 10 });
    await source.listOrders({ window: WINDOW, pageSize: 10 });
    await source.orderLines!(ORDER.AmazonOrderId);

    expect(tokens).toEqual([RDT, RDT, RDT]);
    expect(rdtBodies).toEqual([
      {
        restrictedResources: [
          { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
          { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: ['buyerInfo', 'shippingAddress'] },
          { method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems', dataElements: ['buyerInfo'] },
        ],
      },
    ]);
    expect(logs.text()).not.toContain('caravan-personal-data-secret');
    expect(nock.isDone()).toBe(true);
  });

  it('none: orders are read with the LWA token and no RDT is requested', async () => {
    mockLwa([LWA]);
    const tokens: unknown[] = [];
    nock(EU_ENDPOINT)
      .get('/orders/v0/orders')
      .query(true)
      .reply(function () {
        tokens.push(this.req.headers['x-amz-access-token']);
        return [200, { payload: { Orders: [ORDER] } }, { 'content-type': 'application/json' }];
      });
    await orderSource({ ...SETTINGS, personalData: 'none' }, { ...CREDENTIALS }).listOrders({ window: WINDOW, pageSize: 10 });
    expect(tokens).toEqual([LWA]);
  });
});

describe('personalData against the sandbox (requireRdtForPii)', () => {
  const NOW = new Date('2026-03-10T12:00:00Z');
  let sandbox: AmazonSandbox;
  beforeAll(async () => {
    sandbox = await startAmazonSandbox({ seed: { count: 40 }, now: () => NOW, rateLimits: false, requireRdtForPii: true });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const ordersWith = async (personalData: 'none' | 'rdt') => {
    const settings = { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P', 'ATVPDKIKX0DER'], endpoint: sandbox.url, tokenEndpoint: `${sandbox.url}/auth/o2/token`, personalData };
    const page = await orderSource(settings, { ...SANDBOX_DEMO_CREDENTIALS }).listOrders({ window: { from: '2026-01-01T00:00:00Z', to: '2026-03-10T11:00:00Z' }, pageSize: 100 });
    return page.records.map((r) => r.order as { BuyerInfo?: { BuyerEmail?: string }; ShippingAddress?: { AddressLine1?: string; Name?: string } });
  };

  it('buyer e-mail and street address come only with rdt', async () => {
    const plain = await ordersWith('none');
    const withRdt = await ordersWith('rdt');
    expect(plain.length).toBe(withRdt.length);
    expect(plain.some((o) => o.BuyerInfo?.BuyerEmail !== undefined || o.ShippingAddress?.AddressLine1 !== undefined)).toBe(false);
    expect(withRdt.filter((o) => o.BuyerInfo?.BuyerEmail !== undefined).length).toBeGreaterThan(0);
    expect(withRdt.filter((o) => o.ShippingAddress?.AddressLine1 !== undefined).length).toBeGreaterThan(0);
  });
});
