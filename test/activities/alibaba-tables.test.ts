/** Alibaba.com's lines in the flows' vendor tables: order records mapped through the wire check, the listing adapter, the shipment confirmation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LISTING_PUBLISH_ADAPTERS } from '../../activities/listings-publish.js';
import { orderMappingFor } from '../../activities/order-mappings.js';
import { shipmentConfirmMappingFor } from '../../activities/shipment-confirm-mappings.js';
import { parseJsonLosslessly } from '../../connectors/http/lossless-json.js';

const sample = () => {
  const r = parseJsonLosslessly(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'alibaba', 'openapi-v2-guide', 'get_order_details__example_response.json'), 'utf8'));
  if (!r.ok) throw new Error(r.message);
  return (r.value as { body: { value: unknown } }).body.value;
};

describe('Alibaba.com in the vendor tables', () => {
  it('maps an order record whole (lines inside), and rejects a malformed one by its id and field', () => {
    const m = orderMappingFor('alibaba');
    expect([m.recordType, m.linesInOrder, m.format]).toEqual(['alibaba.order', true, undefined]);
    const r = m.map(sample(), undefined, 'alibaba');
    expect(r).toMatchObject({ ok: true, order: { externalId: '234193410001028893', marketplace: { id: 'ALIBABA' }, lines: [{ quantity: 2 }] } });
    const bad = m.map({ trade_id: '77', trade_status: 'undeliver', create_date: { timestamp: 'yesterday' } }, undefined, 'alibaba');
    expect(bad).toMatchObject({ ok: false, rejection: { recordType: 'alibaba.order', externalId: '77', errorKind: 'mapping', field: 'create_date.timestamp' } });
  });

  it('publishes listings through the alibaba adapter and confirms shipments through its mapping', () => {
    const adapter = LISTING_PUBLISH_ADAPTERS.alibaba!;
    expect(adapter.recordType).toBe('alibaba.listing');
    expect(adapter.marketplace('ALIBABA')).toEqual({ id: 'ALIBABA', country: 'CN', currency: 'USD' });
    expect(adapter.writeRequest!('SKU-1', { productType: '200000346', attributes: { subject: 'x' } } as never)).toEqual({ subject: 'x', sku_code: 'SKU-1', category_id: 200000346 });
    const confirm = shipmentConfirmMappingFor('alibaba');
    expect(confirm.shippedQuantities([{ sku_id: '1', quantity: '2' }]).size).toBe(0);
  });
});
