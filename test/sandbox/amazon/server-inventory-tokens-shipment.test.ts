import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateAmazonSeed, startAmazonSandbox, type AmazonSandbox, type SandboxOrder, type SandboxStats } from '../../../sandbox/amazon/index.js';
import { postJson, requestToken, spGet, spRequest, T0, testClock } from './sandbox-client.js';
import { iso } from './seeded-sandbox.js';
import { loadModel, validate, validateModelResponse, validateResponse, definition, ORDERS_V0 } from './swagger-schema.js';

const FBA = loadModel('fbaInventory.json');
const TOKENS = loadModel('tokens_2021-03-01.json');
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const seed = generateAmazonSeed({ now: new Date(T0) }).orders;

let sandbox: AmazonSandbox;
let token: string;
const clock = testClock();

beforeAll(async () => {
  sandbox = await startAmazonSandbox({ orders: seed, now: clock.now, rateLimits: false, requireRdtForPii: true });
  token = await requestToken(sandbox.url);
});
beforeEach(async () => {
  sandbox.reset();
  // Some tests move the clock past the access token's hour.
  token = await requestToken(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
});

function seeded(pred: (o: SandboxOrder) => boolean): SandboxOrder {
  const found = seed.find(pred);
  if (!found) throw new Error('no such seed order');
  return found;
}

interface Summaries {
  payload: { granularity: unknown; inventorySummaries: { sellerSku: string; totalQuantity: number; inventoryDetails?: { fulfillableQuantity: number } }[] };
  pagination?: { nextToken?: string };
}

describe('getInventorySummaries', () => {
  const query = { granularityType: 'Marketplace', granularityId: US, marketplaceIds: US };

  it('serves the FBA stock of one marketplace, with details on request and a sellerSkus filter', async () => {
    const plain = await spRequest<Summaries>(sandbox.url, 'GET', '/fba/inventory/v1/summaries', token, { query });
    expect(plain.status).toBe(200);
    expect(validateModelResponse(FBA, 'GET', '/fba/inventory/v1/summaries', 200, plain.body)).toEqual([]);
    expect(plain.body.payload.granularity).toEqual({ granularityType: 'Marketplace', granularityId: US });
    const skus = plain.body.payload.inventorySummaries.map((s) => s.sellerSku);
    expect(skus.length).toBeGreaterThan(3);
    expect(plain.body.payload.inventorySummaries[0]?.inventoryDetails).toBeUndefined();
    const detailed = await spRequest<Summaries>(sandbox.url, 'GET', '/fba/inventory/v1/summaries', token, { query: { ...query, details: 'true', sellerSkus: skus.slice(0, 2).join(',') } });
    expect(validateModelResponse(FBA, 'GET', '/fba/inventory/v1/summaries', 200, detailed.body)).toEqual([]);
    expect(detailed.body.payload.inventorySummaries.map((s) => s.sellerSku)).toEqual(skus.slice(0, 2));
    for (const s of detailed.body.payload.inventorySummaries) expect(s.inventoryDetails?.fulfillableQuantity).toBeLessThanOrEqual(s.totalQuantity);
  });

  it('validates granularity and marketplace', async () => {
    const bad = await spRequest(sandbox.url, 'GET', '/fba/inventory/v1/summaries', token, { query: { ...query, granularityType: 'Country' } });
    expect(bad.status).toBe(400);
    expect(validateModelResponse(FBA, 'GET', '/fba/inventory/v1/summaries', 400, bad.body)).toEqual([]);
    expect((await spRequest(sandbox.url, 'GET', '/fba/inventory/v1/summaries', token, { query: { ...query, marketplaceIds: DE } })).status).toBe(400);
  });

  it('pages 50 summaries at a time with nextToken, over stock added through the admin API', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ sellerSku: `BULK-${String(i).padStart(3, '0')}`, marketplaceId: US, asin: `B0BULK${String(i).padStart(4, '0')}`, fulfillable: i }));
    const admin = await postJson<{ added: number }>(sandbox.url, '/_sandbox/fba-stock', rows);
    expect(admin.body.added).toBe(120);
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const r = await spRequest<Summaries>(sandbox.url, 'GET', '/fba/inventory/v1/summaries', token, { query: { ...query, ...(next ? { nextToken: next } : {}) } });
      expect(r.body.payload.inventorySummaries.length).toBeLessThanOrEqual(50);
      seen.push(...r.body.payload.inventorySummaries.map((s) => s.sellerSku));
      next = r.body.pagination?.nextToken;
      pages++;
    } while (next);
    expect(pages).toBe(Math.ceil(seen.length / 50));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((s) => s.startsWith('BULK-'))).toHaveLength(120);
    expect((await postJson(sandbox.url, '/_sandbox/fba-stock', [{ sellerSku: 'X', marketplaceId: US }])).status).toBe(400);
  });
});

describe('restricted data tokens and PII (requireRdtForPii)', () => {
  const target = seeded((o) => o.order.BuyerInfo?.BuyerEmail !== undefined && o.order.ShippingAddress?.AddressLine1 !== undefined);
  const orderPath = `/orders/v0/orders/${target.order.AmazonOrderId}`;

  async function rdt(restrictedResources: unknown[]): Promise<string> {
    const r = await spRequest<{ restrictedDataToken: string; expiresIn: number }>(sandbox.url, 'POST', '/tokens/2021-03-01/restrictedDataToken', token, { body: { restrictedResources } });
    expect(r.status).toBe(200);
    expect(validateModelResponse(TOKENS, 'POST', '/tokens/2021-03-01/restrictedDataToken', 200, r.body)).toEqual([]);
    expect(r.body.expiresIn).toBe(3600);
    expect(r.body.restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
    return r.body.restrictedDataToken;
  }

  it('withholds buyer and address PII from an LWA access token', async () => {
    const r = await spGet<{ payload: { BuyerInfo?: Record<string, unknown>; ShippingAddress?: Record<string, unknown> } }>(sandbox.url, orderPath, token);
    expect(r.status).toBe(200);
    expect(r.body.payload.BuyerInfo?.BuyerEmail).toBeUndefined();
    expect(r.body.payload.ShippingAddress?.AddressLine1).toBeUndefined();
    expect(r.body.payload.ShippingAddress?.City).toBe(target.order.ShippingAddress?.City);
    expect(validateResponse('/orders/v0/orders/{orderId}', 200, r.body)).toEqual([]);
  });

  it('returns the PII to an RDT for that order path, and only the data elements granted on getOrders', async () => {
    const forOrder = await rdt([{ method: 'GET', path: orderPath }]);
    const full = await spGet<{ payload: { BuyerInfo?: Record<string, unknown>; ShippingAddress?: Record<string, unknown> } }>(sandbox.url, orderPath, forOrder);
    expect(full.body.payload.BuyerInfo).toEqual(target.order.BuyerInfo);
    expect(full.body.payload.ShippingAddress).toEqual(target.order.ShippingAddress);

    const addressesOnly = await rdt([{ method: 'GET', path: '/orders/v0/orders', dataElements: ['shippingAddress'] }]);
    const list = await spGet<{ payload: { Orders: { AmazonOrderId: string; BuyerInfo?: Record<string, unknown>; ShippingAddress?: Record<string, unknown> }[] } }>(sandbox.url, '/orders/v0/orders', addressesOnly, {
      MarketplaceIds: target.order.MarketplaceId ?? '',
      AmazonOrderIds: target.order.AmazonOrderId,
      CreatedAfter: iso(Date.parse(target.order.PurchaseDate) - 1000),
    });
    const o = list.body.payload.Orders[0];
    expect(o?.ShippingAddress).toEqual(target.order.ShippingAddress);
    expect(o?.BuyerInfo?.BuyerEmail).toBeUndefined();
    // An RDT works for the resources it names only.
    const other = await spGet(sandbox.url, `${orderPath}/orderItems`, forOrder);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] });
  });

  it('withholds the item buyer block (gift message) from getOrderItems without a buyerInfo RDT', async () => {
    const gift = seeded((o) => o.items.some((i) => (i as { BuyerInfo?: unknown }).BuyerInfo !== undefined));
    const path = `/orders/v0/orders/${gift.order.AmazonOrderId}/orderItems`;
    type Items = { payload: { OrderItems: { BuyerInfo?: unknown }[] } };
    const plain = await spGet<Items>(sandbox.url, path, token);
    expect(plain.body.payload.OrderItems.every((i) => i.BuyerInfo === undefined)).toBe(true);
    const withRdt = await spGet<Items>(sandbox.url, path, await rdt([{ method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems', dataElements: ['buyerInfo'] }]));
    expect(withRdt.body.payload.OrderItems.some((i) => i.BuyerInfo !== undefined)).toBe(true);
    expect(validateResponse('/orders/v0/orders/{orderId}/orderItems', 200, plain.body)).toEqual([]);
  });

  it('rejects a malformed request and expires RDTs after an hour', async () => {
    const bad = await spRequest(sandbox.url, 'POST', '/tokens/2021-03-01/restrictedDataToken', token, { body: { restrictedResources: [{ method: 'FETCH', path: '/orders/v0/orders' }] } });
    expect(bad.status).toBe(400);
    expect(validateModelResponse(TOKENS, 'POST', '/tokens/2021-03-01/restrictedDataToken', 400, bad.body)).toEqual([]);
    const t = await rdt([{ method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: ['buyerInfo'] }]);
    expect((await spGet(sandbox.url, orderPath, t)).status).toBe(200);
    clock.advanceSeconds(3600);
    expect((await spGet(sandbox.url, orderPath, t)).status).toBe(403);
  });

  it('keeps serving PII to access tokens when requireRdtForPii is off (the default)', async () => {
    const open = await startAmazonSandbox({ orders: seed, now: clock.now, rateLimits: false });
    try {
      const r = await spGet<{ payload: { BuyerInfo?: Record<string, unknown> } }>(open.url, orderPath, await requestToken(open.url));
      expect(r.body.payload.BuyerInfo).toEqual(target.order.BuyerInfo);
    } finally {
      await open.close();
    }
  });
});

describe('confirmShipment', () => {
  const unshipped = seeded((o) => o.order.OrderStatus === 'Unshipped' && o.order.FulfillmentChannel === 'MFN' && o.items.length >= 1 && o.items[0]!.QuantityOrdered >= 1);
  const path = `/orders/v0/orders/${unshipped.order.AmazonOrderId}/shipmentConfirmation`;
  const body = (orderItems: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    marketplaceId: unshipped.order.MarketplaceId,
    packageDetail: { packageReferenceId: '1', carrierCode: 'DHL', trackingNumber: '00340434161094042557', shipDate: iso(T0 - 3600_000), orderItems, ...overrides },
  });
  const allItems = unshipped.items.map((i) => ({ orderItemId: i.OrderItemId, quantity: i.QuantityOrdered }));

  it('checks the request against the model definition', () => {
    expect(validate(ORDERS_V0, definition('ConfirmShipmentRequest'), body(allItems))).toEqual([]);
  });

  it('answers 204 and marks the order Shipped with LastUpdateDate now', async () => {
    clock.advanceSeconds(60);
    const r = await spRequest(sandbox.url, 'POST', path, token, { body: body(allItems) });
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expect(r.headers.get('x-amzn-RateLimit-Limit')).toBe('2.0');
    const order = sandbox.getOrder(unshipped.order.AmazonOrderId);
    expect(order?.order.OrderStatus).toBe('Shipped');
    expect(order?.order.LastUpdateDate).toBe(iso(clock.now().getTime()));
    expect(order?.items.every((i) => i.QuantityShipped === i.QuantityOrdered)).toBe(true);
    // Shipping it again is refused.
    expect((await spRequest(sandbox.url, 'POST', path, token, { body: body(allItems) })).status).toBe(400);
    const stats = (await spGet<SandboxStats>(sandbox.url, '/_sandbox/stats', undefined)).body;
    expect(stats.operations.confirmShipment).toMatchObject({ requests: 2, statuses: { 204: 1, 400: 1 } });
  });

  it('records a partial shipment as PartiallyShipped', async () => {
    const multi = seeded((o) => o.order.OrderStatus === 'Unshipped' && o.order.FulfillmentChannel === 'MFN' && o.items.length >= 2);
    const first = multi.items[0]!;
    const r = await spRequest(sandbox.url, 'POST', `/orders/v0/orders/${multi.order.AmazonOrderId}/shipmentConfirmation`, token, {
      body: { marketplaceId: multi.order.MarketplaceId, packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z999', shipDate: iso(T0 - 60_000), orderItems: [{ orderItemId: first.OrderItemId, quantity: first.QuantityOrdered }] } },
    });
    expect(r.status).toBe(204);
    const order = sandbox.getOrder(multi.order.AmazonOrderId);
    expect(order?.order.OrderStatus).toBe('PartiallyShipped');
    expect(order?.items.find((i) => i.OrderItemId === first.OrderItemId)?.QuantityShipped).toBe(first.QuantityOrdered);
  });

  it('answers 400 for an unknown order item, a missing tracking number or an FBA order, 404 for an unknown order', async () => {
    const unknown = await spRequest(sandbox.url, 'POST', path, token, { body: body([{ orderItemId: '00000000000000', quantity: 1 }]) });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ errors: [{ code: 'InvalidInput', message: `The order item 00000000000000 is not part of order ${unshipped.order.AmazonOrderId}.`, details: '' }] });
    const noTracking = await spRequest(sandbox.url, 'POST', path, token, { body: body(allItems, { trackingNumber: undefined }) });
    expect(noTracking.body).toMatchObject({ errors: [{ message: "Missing required field 'packageDetail.trackingNumber'." }] });
    const afn = seeded((o) => o.order.FulfillmentChannel === 'AFN');
    const fba = await spRequest(sandbox.url, 'POST', `/orders/v0/orders/${afn.order.AmazonOrderId}/shipmentConfirmation`, token, {
      body: { marketplaceId: afn.order.MarketplaceId, packageDetail: { packageReferenceId: '1', carrierCode: 'DHL', trackingNumber: 'X', shipDate: iso(T0 - 60_000), orderItems: [{ orderItemId: afn.items[0]!.OrderItemId, quantity: 1 }] } },
    });
    expect(fba.status).toBe(400);
    expect((await spRequest(sandbox.url, 'POST', '/orders/v0/orders/000-0000000-0000000/shipmentConfirmation', token, { body: body(allItems) })).status).toBe(404);
    expect(sandbox.getOrder(unshipped.order.AmazonOrderId)?.order.OrderStatus).toBe('Unshipped');
  });
});
