/**
 * AliExpress in the flows' vendor tables: the listing publish adapter (marketplace, product
 * document, feed item, verdicts of putListing/validateListing answers and of feed.query results),
 * the quantity reply verdicts (batch update replies per SKU, stock feed results), and the shipment
 * confirmation (order.fulfill parameters from a stored order; shipped units from child orders).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LISTING_PUBLISH_ADAPTERS } from '../../activities/listings-publish.js';
import { SHIPMENT_CONFIRM_MAPPINGS } from '../../activities/shipment-confirm-mappings.js';
import { AliexpressBatchUpdateResultSchema, AliexpressFeedQueryResultSchema } from '../../connectors/aliexpress/schemas/catalog.js';
import { AliexpressOrderSchema } from '../../connectors/aliexpress/schemas/order.js';
import { parseJsonLosslessly } from '../../connectors/http/lossless-json.js';
import { aliexpressFeedOutcomes, aliexpressQuantityVerdict } from '../../mappings/aliexpress/index.js';
import { aliexpressOrderToOrder } from '../../mappings/aliexpress/order.js';
import { shipmentConfirmationFor, shippingCarrier } from '../../mappings/canonical/shipment-confirmation.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'aliexpress');
function inner(rel: string): Record<string, unknown> {
  const parsed = parseJsonLosslessly(readFileSync(join(FIX, rel), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return Object.values(parsed.value as Record<string, Record<string, unknown>>)[0]!;
}
const adapter = LISTING_PUBLISH_ADAPTERS.aliexpress!;
const payload = { productType: '200000346', attributes: { title_multi_language_list: [{ locale: 'zh_CN', title: '蓝牙耳机' }], sku_info_list: [{ sku_code: 'EAR-BLK', price: '19.90', inventory: 3 }] } };

describe('AliExpress listing publish adapter', () => {
  it('knows the one marketplace and builds the product document with the category id', () => {
    expect(adapter.recordType).toBe('aliexpress.listing');
    expect(adapter.marketplace('ALIEXPRESS')).toEqual({ id: 'ALIEXPRESS', country: 'CN', currency: 'USD' });
    expect(adapter.marketplace('ATVPDKIKX0DER')).toBeUndefined();
    const doc = { ...payload.attributes, category_id: 200000346 };
    expect(adapter.writeRequest!('EAR-BLK', payload as never)).toEqual(doc);
    expect(adapter.feedMessage('EAR-BLK', payload as never)).toEqual({ item_content_id: 'EAR-BLK', item_content: JSON.stringify(doc) });
  });

  it('reads the listing target’s answers: accepted, valid, rejected with the platform’s code', () => {
    expect(adapter.submissionVerdict({ sku: 'A', operation: 'instance.post', success: true, productId: '1', requestId: 'r1' }, 'ae')).toEqual({ status: 'accepted', issues: [], submissionId: 'r1' });
    expect(adapter.submissionVerdict({ sku: 'A', operation: 'validate', success: true }, 'ae')).toEqual({ status: 'valid', issues: [] });
    expect(adapter.submissionVerdict({ sku: 'A', operation: 'full.update', success: false, errorCode: 'F00-00-10007-007', errorMessage: 'duplicate sku_code' }, 'ae')).toEqual({
      status: 'rejected',
      issues: [{ code: 'F00-00-10007-007', message: 'duplicate sku_code', severity: 'error' }],
    });
  });

  it('reads feed.query results per SKU: success, failure with its code, and a SKU the job does not name', () => {
    const report = AliexpressFeedQueryResultSchema.parse(inner('constructed/aliexpress.solution.feed.query__mixed_items.json'));
    const { verdicts } = adapter.feedVerdicts(report, [{ messageId: 1, sku: 'EAR-BLK' }, { messageId: 2, sku: 'EAR-WHT' }, { messageId: 3, sku: 'LOST' }], 'ae');
    expect(verdicts).toEqual([
      { sku: 'EAR-BLK', status: 'accepted', issues: [] },
      { sku: 'EAR-WHT', status: 'rejected', issues: [{ code: 'F00-00-10007-007', message: 'duplicate sku_code, please check your input', severity: 'error' }] },
      { sku: 'LOST', status: 'rejected', issues: [expect.objectContaining({ code: 'not_in_report' })] },
    ]);
    const real = AliexpressFeedQueryResultSchema.parse(inner('retailcrm-top-client/aliexpress_feed_solution_stocks_workflow__json_feed_query_response.json'));
    expect(adapter.feedVerdicts(real, [{ messageId: 1, sku: 'A00000000Y1' }], 'ae').verdicts[0]).toMatchObject({ status: 'accepted' });
  });
});

describe('AliExpress quantity replies', () => {
  it('a batch update reply per SKU: failed list first, then the successful list', () => {
    const result = AliexpressBatchUpdateResultSchema.parse(inner('retailcrm-top-client/aliexpress_solution_batch_product_inventory_update.json'));
    expect(aliexpressQuantityVerdict({ sku: 'A', productId: '123', result, requestId: 'r' })).toEqual({ status: 'rejected', issues: [{ message: 'message', severity: 'error' }], submissionId: 'r' });
    const ok = AliexpressBatchUpdateResultSchema.parse({ update_success: 'true', update_successful_list: { synchronize_product_response_dto: [{ product_id: 77 }] } });
    expect(aliexpressQuantityVerdict({ sku: 'B', productId: '77', result: ok })).toEqual({ status: 'accepted', issues: [] });
    const neither = AliexpressBatchUpdateResultSchema.parse({ update_success: false });
    expect(aliexpressQuantityVerdict({ sku: 'C', productId: '9', result: neither })).toHaveProperty('unreadable');
    expect(aliexpressQuantityVerdict({ sku: 'D', errorCode: 'no_product_for_sku', errorMessage: 'no product' })).toMatchObject({ status: 'rejected', issues: [{ code: 'no_product_for_sku' }] });
  });

  it('stock feed results by SKU', () => {
    const report = AliexpressFeedQueryResultSchema.parse(inner('constructed/aliexpress.solution.feed.query__mixed_items.json'));
    const outcomes = aliexpressFeedOutcomes(report);
    expect([...outcomes.keys()]).toEqual(['EAR-BLK', 'EAR-WHT']);
    expect(outcomes.get('EAR-WHT')!.status).toBe('rejected');
  });
});

describe('AliExpress shipment confirmation', () => {
  const raw = inner('constructed/aliexpress.solution.order.info.get__result_data.json') as { result: { data: unknown } };
  const wire = AliexpressOrderSchema.parse(raw.result.data);
  const mapped = aliexpressOrderToOrder(wire, { channel: 'aliexpress' });
  if (!mapped.ok) throw mapped.error;
  const order = mapped.value;
  const mapping = SHIPMENT_CONFIRM_MAPPINGS.aliexpress!;

  it('a known carrier goes by its AliExpress service key; every unit shipped is send_type all', () => {
    const c = shipmentConfirmationFor(order, { carrier: shippingCarrier('FedEx')!, trackingNumber: '794612345678', shipDate: '2024-03-11T08:00:00Z' });
    if (!c.ok) throw c.error;
    expect(mapping.request(c.value, order)).toEqual({ ok: true, value: { service_name: 'FEDEX_IE', logistics_no: '794612345678', send_type: 'all' } });
  });

  it('another carrier is other with its name (English remarks only); one line of two is send_type part', () => {
    const lines = [{ lineId: order.lines[0]!.lineId, quantity: 1 }];
    const c = shipmentConfirmationFor(order, { carrier: shippingCarrier('Yanwen')!, service: 'Special Line', trackingNumber: 'YT2412345678901234', shipDate: '2024-03-11T08:00:00Z', lines });
    if (!c.ok) throw c.error;
    expect(mapping.request(c.value, order)).toEqual({ ok: true, value: { service_name: 'other', logistics_no: 'YT2412345678901234', send_type: 'part', description: 'Yanwen Special Line' } });
    const ru = shipmentConfirmationFor(order, { carrier: shippingCarrier('Почта России')!, trackingNumber: 'EE123456789RU', shipDate: '2024-03-11T08:00:00Z', lines });
    if (!ru.ok) throw ru.error;
    expect(mapping.request(ru.value, order)).toEqual({ ok: true, value: { service_name: 'other', logistics_no: 'EE123456789RU', send_type: 'part' } });
  });

  it('refuses a confirmation of another order, naming the field', () => {
    const c = shipmentConfirmationFor(order, { carrier: shippingCarrier('DHL')!, trackingNumber: '1', shipDate: '2024-03-11T08:00:00Z' });
    if (!c.ok) throw c.error;
    const r = mapping.request({ ...c.value, externalOrderId: '1' }, order);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('externalOrderId');
  });

  it('shipped units per child order from the raw lines (shipped statuses only; unreadable lines left out)', () => {
    const shipped = mapping.shippedQuantities([
      { id: '8123456789012345679', product_count: '2', son_order_status: 'WAIT_BUYER_ACCEPT_GOODS' },
      { child_id: '8123456789012345680', product_count: 1, son_order_status: 'WAIT_SELLER_SEND_GOODS' },
      'not a line',
    ]);
    expect([...shipped]).toEqual([
      ['8123456789012345679', 2],
      ['8123456789012345680', 0],
    ]);
  });
});
