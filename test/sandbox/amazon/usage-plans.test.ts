import { describe, expect, it } from 'vitest';
import { API_USAGE_PLANS, generateAmazonSeed, SANDBOX_SELLER_ID, startAmazonSandbox, type ApiOperation } from '../../../sandbox/amazon/index.js';
import { postJson, requestToken, spRequest, T0, testClock } from './sandbox-client.js';
import { loadModel, type SwaggerModel } from './swagger-schema.js';

const MODELS = ['listingsItems_2021-08-01.json', 'definitionsProductTypes_2020-09-01.json', 'feeds_2021-06-30.json', 'reports_2021-06-30.json', 'fbaInventory.json', 'tokens_2021-03-01.json', 'ordersV0.json'];

/** operationId → the default usage plan in its description's table ("| Rate (requests per second) | Burst |"). */
function modelPlans(): Map<string, { rate: number; burst: number }> {
  const plans = new Map<string, { rate: number; burst: number }>();
  for (const file of MODELS) {
    const model = loadModel(file) as SwaggerModel & { paths: Record<string, Record<string, { operationId?: string; description?: string }>> };
    for (const ops of Object.values(model.paths)) {
      for (const op of Object.values(ops)) {
        const m = /\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/.exec(op.description ?? '');
        if (op.operationId && m) plans.set(op.operationId, { rate: Number(m[1]), burst: Number(m[2]) });
      }
    }
  }
  return plans;
}

describe('usage plans of the new operations', () => {
  it('match the rate and burst each official model documents', () => {
    const plans = modelPlans();
    for (const [op, plan] of Object.entries(API_USAGE_PLANS)) expect({ op, ...plans.get(op) }).toEqual({ op, ...plan });
  });

  it('throttle getInventorySummaries after its burst of 2 and count it in the stats', async () => {
    const clock = testClock();
    const sandbox = await startAmazonSandbox({ orders: generateAmazonSeed({ now: new Date(T0), count: 30 }).orders, now: clock.now });
    try {
      const token = await requestToken(sandbox.url);
      const query = { granularityType: 'Marketplace', granularityId: 'ATVPDKIKX0DER', marketplaceIds: 'ATVPDKIKX0DER' };
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await spRequest(sandbox.url, 'GET', '/fba/inventory/v1/summaries', token, { query })).status);
      expect(statuses).toEqual([200, 200, 429]);
      clock.advanceSeconds(0.5);
      expect((await spRequest(sandbox.url, 'GET', '/fba/inventory/v1/summaries', token, { query })).status).toBe(200);
      const op: ApiOperation = 'getInventorySummaries';
      expect(sandbox.stats().operations[op]).toMatchObject({ requests: 4, throttled: 1, statuses: { 200: 3, 429: 1 } });
    } finally {
      await sandbox.close();
    }
  });

  it('injects faults into the new operations and resets listings, feeds and stats', async () => {
    const clock = testClock();
    const sandbox = await startAmazonSandbox({ orders: generateAmazonSeed({ now: new Date(T0), count: 30 }).orders, now: clock.now, rateLimits: false });
    try {
      const token = await requestToken(sandbox.url);
      await postJson(sandbox.url, '/_sandbox/faults', { operation: 'getReports', status: 503, count: 1 });
      const failed = await spRequest(sandbox.url, 'GET', '/reports/2021-06-30/reports', token, { query: { reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA' } });
      expect(failed.status).toBe(503);
      expect(failed.body).toEqual({ errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please try again.', details: '' }] });
      const listings = sandbox.stats().catalogue.listings;
      const path = `/listings/2021-08-01/items/${SANDBOX_SELLER_ID}/RESET-ME`;
      const put = await spRequest<{ status: string }>(sandbox.url, 'PUT', path, token, {
        query: { marketplaceIds: 'A1PA6795UKMFR9' },
        body: {
          productType: 'HANDBAG',
          attributes: {
            item_name: [{ value: 'Tasche' }],
            brand: [{ value: 'Caravan Goods' }],
            color: [{ value: 'Rot' }],
            material: [{ value: 'Leder' }],
            condition_type: [{ value: 'new_new' }],
            purchasable_offer: [{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 50 }] }] }],
          },
        },
      });
      expect(put.body.status).toBe('ACCEPTED');
      expect(sandbox.stats().catalogue.listings).toBe(listings + 1);
      await spRequest(sandbox.url, 'POST', '/feeds/2021-06-30/documents', token, { body: { contentType: 'application/json' } });
      expect((await postJson(sandbox.url, '/_sandbox/reset', {})).status).toBe(200);
      const stats = sandbox.stats();
      expect(stats.catalogue).toMatchObject({ listings, feeds: 0 });
      expect((await spRequest(sandbox.url, 'GET', path, token, { query: { marketplaceIds: 'A1PA6795UKMFR9' } })).status).toBe(404);
      expect(stats.operations.getReports.requests).toBe(0);
      expect((await spRequest(sandbox.url, 'GET', '/feeds/2021-06-30/feeds/1', undefined)).status).toBe(403);
    } finally {
      await sandbox.close();
    }
  });
});
