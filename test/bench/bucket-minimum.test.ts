import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUCKET_PLANS, bucketMinimum, bucketSeconds, realTime, tokenCalls, type OperationCalls } from '../../bench/bucket-minimum.js';
import { catalogueVariants, feedsBucketMinimum, sandboxListingRules } from '../../bench/catalogue-publish.js';
import type { Product } from '../../mappings/canonical/index.js';

const op = (statuses: Record<string, number>, throttled = 0) => ({ requests: Object.values(statuses).reduce((a, b) => a + b, 0), throttled, injectedFaults: 0, statuses });
const stats = (ops: OperationCalls) => ({ operations: ops });

describe('bench bucket minimum', () => {
  it('counts every call past the bucket: 2xx (202 included), 400, 404; not 429, 403 or 5xx', () => {
    expect(tokenCalls({ statuses: { '200': 3, '202': 2, '400': 1, '404': 1, '429': 5, '403': 1, '503': 2 } })).toBe(7);
  });

  it('(N − B) / (r × timeScale), never below zero', () => {
    expect(bucketSeconds(10_000, BUCKET_PLANS.getOrderItems, 600)).toBeCloseTo((10_000 - 30) / 300, 9);
    expect(bucketSeconds(10, BUCKET_PLANS.getOrderItems, 600)).toBe(0);
  });

  it('has the official plans of Orders 2026-01-01, Reports and Feeds', () => {
    expect(BUCKET_PLANS.searchOrders).toEqual({ rate: 0.0056, burst: 20 });
    expect(BUCKET_PLANS.getOrder2026).toEqual({ rate: 0.5, burst: 30 });
    expect(BUCKET_PLANS.createReport).toEqual({ rate: 0.0167, burst: 15 });
    expect(BUCKET_PLANS.createFeed).toEqual({ rate: 0.0083, burst: 15 });
  });

  it('rows for the operations called (or those named), bound by the slowest', () => {
    const s = stats({ searchOrders: op({ '200': 120 }), getOrders: op({}), createReport: op({ '202': 3 }, 1) });
    const m = bucketMinimum(s, 600);
    expect(m.rows.map((r) => r.operation)).toEqual(['searchOrders', 'createReport']);
    expect(m.bindingOperation).toBe('searchOrders');
    expect(m.minSeconds).toBeCloseTo(100 / (0.0056 * 600), 9);
    const named = bucketMinimum(s, 600, ['createReport', 'getReport']);
    expect(named.rows.map((r) => [r.operation, r.tokenCalls, r.throttled])).toEqual([
      ['createReport', 3, 1],
      ['getReport', 0, 0],
    ]);
    expect(named).toMatchObject({ minSeconds: 0, bindingOperation: undefined });
  });

  it('F feeds: one call of each Feeds operation per feed, createFeed binding past its burst', () => {
    expect(feedsBucketMinimum(6, 600)).toMatchObject({ minSeconds: 0, bindingOperation: undefined });
    const m = feedsBucketMinimum(120, 600);
    expect(m.bindingOperation).toBe('createFeed');
    expect(m.minSeconds).toBeCloseTo(105 / (0.0083 * 600), 9);
    expect(m.rows.find((r) => r.operation === 'getFeedDocument')!.minSeconds).toBeCloseTo(110 / (0.0222 * 600), 9);
  });

  it('scaled seconds read as the real time they stand for', () => {
    expect(realTime(0.15, 600)).toBe('1.5 min');
    expect(realTime(21, 600)).toBe('3.5 h');
    expect(realTime(0.05, 600)).toBe('30 s');
  });
});

describe('bench catalogue', () => {
  const templates: Product[] = [
    { sku: 'MUG-A', category: 'mug', title: { 'en-GB': 'Mug' }, attributes: {}, basePrice: { amountMinor: 1290, currency: 'EUR' } },
    { sku: 'TS-A', category: 'tshirt', title: { 'en-GB': 'Shirt' }, attributes: { size: 'S' }, basePrice: { amountMinor: 2490, currency: 'EUR' } },
  ];

  it('N deterministic products with unique SKUs, the templates first, mugs with a capacity', () => {
    const a = catalogueVariants(templates, 7);
    expect(a).toEqual(catalogueVariants(templates, 7));
    expect(a.map((p) => p.sku)).toEqual(['MUG-A', 'TS-A', 'MUG-A-V1', 'TS-A-V1', 'MUG-A-V2', 'TS-A-V2', 'MUG-A-V3']);
    expect(new Set(catalogueVariants(templates, 20_000).map((p) => p.sku)).size).toBe(20_000);
    expect(a.filter((p) => p.category === 'mug').every((p) => typeof p.attributes['capacityMl'] === 'string')).toBe(true);
    expect(a.filter((p) => p.category === 'tshirt').every((p) => p.attributes['capacityMl'] === undefined)).toBe(true);
    expect(a[3]!.basePrice).toEqual({ amountMinor: 2590, currency: 'EUR' });
  });

  it('the demo rules keep only Amazon.de, .fr and .co.uk and fit the sandbox product types', () => {
    const rules = sandboxListingRules(readFileSync(join(import.meta.dirname, '..', '..', 'config', 'caravan.demo.yaml'), 'utf8')) as {
      marketplaces: Record<string, unknown>;
      productTypes: Record<string, { attributes: Record<string, unknown> }>;
    };
    expect(Object.keys(rules.marketplaces).sort()).toEqual(['A13V1IB3VIYZZH', 'A1F83G8C2ARO7P', 'A1PA6795UKMFR9']);
    expect(rules.productTypes['tshirt']!.attributes['product_description']).toBeUndefined();
    expect(rules.productTypes['mug']!.attributes['material']).toBeDefined();
  });
});
