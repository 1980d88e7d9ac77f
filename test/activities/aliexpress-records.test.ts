/**
 * AliExpress orders from `aliexpress.solution.order.get` through the order import's mapping
 * table: the real reply of test/fixtures/aliexpress (see its SOURCE.md) maps, ids past 2^53 stay
 * exact, and a record that breaks the wire schema is a rejection naming the order and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderMappingFor } from '../../activities/order-mappings.js';
import { aliexpressOrdersIn } from '../../cli/record-kinds-marketplaces.js';
import { quoteUnsafeIntegers } from '../../connectors/http/lossless-json.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'aliexpress');
const ordersOf = (rel: string): unknown[] => aliexpressOrdersIn(JSON.parse(quoteUnsafeIntegers(readFileSync(join(FIX, rel), 'utf8')))).orders;

describe('AliExpress records in the order import', () => {
  const mapping = orderMappingFor('aliexpress');

  it('maps the real order list reply, lines inside each order', () => {
    expect(mapping).toMatchObject({ recordType: 'aliexpress.order', linesInOrder: true });
    const orders = ordersOf('retailcrm-top-client/aliexpress_solution_order_get.json');
    expect(orders.length).toBeGreaterThan(0);
    for (const raw of orders) {
      const r = mapping.map(raw, undefined, 'aliexpress');
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect(r.order).toMatchObject({ channel: 'aliexpress', vendor: 'aliexpress' });
    }
  });

  it('keeps an id past 2^53 exact and Chinese text intact', () => {
    const [raw] = ordersOf('constructed/aliexpress.solution.order.get__simplify_bigid_zh.json');
    const r = mapping.map(raw, undefined, 'aliexpress');
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(r.order.externalId).toBe('8123456789012345678');
  });

  it('names the order and the field of a record the wire schema refuses', () => {
    const [raw] = ordersOf('retailcrm-top-client/aliexpress_solution_order_get.json') as Record<string, unknown>[];
    const r = mapping.map({ ...raw, gmt_create: { not: 'a time' } }, undefined, 'aliexpress');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.rejection).toMatchObject({ recordType: 'aliexpress.order', errorKind: 'schema', field: 'gmt_create' });
  });
});
