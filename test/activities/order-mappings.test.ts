/** The sync's order mappings: one per vendor and record format, refused by name when missing. */
import { describe, expect, it } from 'vitest';
import { mapAmazon2026OrderRecord, mapAmazonOrderRecord } from '../../activities/amazon-records.js';
import { orderMappingFor } from '../../activities/order-mappings.js';
import { ConfigError } from '../../config/errors.js';
import { AMAZON_ORDERS_2026_FORMAT } from '../../connectors/amazon/index.js';
import { generateAmazonSeed } from '../../sandbox/amazon/index.js';
import { toOrder2026 } from '../../sandbox/amazon/orders-2026-api.js';

const [record] = generateAmazonSeed({ now: new Date('2026-03-10T11:00:00Z'), count: 20 }).orders.filter((o) => o.order.OrderStatus === 'Shipped');

describe('orderMappingFor', () => {
  it('maps an Amazon record with v0 when the source names no format, with 2026-01-01 when it names that one', () => {
    const v0 = orderMappingFor('amazon');
    expect([v0.format, v0.linesInOrder, v0.recordType]).toEqual([undefined, false, 'amazon.order']);
    expect(v0.map(record!.order, record!.items, 'c')).toEqual(mapAmazonOrderRecord(record!.order, record!.items, 'c'));

    const v2026 = orderMappingFor('amazon', AMAZON_ORDERS_2026_FORMAT);
    expect([v2026.format, v2026.linesInOrder, v2026.recordType]).toEqual([AMAZON_ORDERS_2026_FORMAT, true, 'amazon.order']);
    const raw = toOrder2026(record!, new Set(['PROCEEDS', 'FULFILLMENT']));
    expect(v2026.map(raw, undefined, 'c')).toEqual(mapAmazon2026OrderRecord(raw, 'c'));
    expect(v2026.map(raw, undefined, 'c').ok).toBe(true);
  });

  it('refuses a vendor or a format it has no mapping for, naming what it has', () => {
    expect(() => orderMappingFor('ebay')).toThrow(ConfigError);
    expect(() => orderMappingFor('amazon', 'orders-2099-01-01')).toThrow(/format "orders-2099-01-01".*has: \(default\), orders-2026-01-01/);
  });
});
