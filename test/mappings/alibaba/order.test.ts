/** Alibaba.com Open Platform order mapping on the integration guide's samples. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlibabaOrderSchema, unwrapAlibabaSample } from '../../../connectors/alibaba/index.js';
import { parseJsonLosslessly } from '../../../connectors/http/lossless-json.js';
import { alibabaOrderToOrder, ALIBABA_ORDER_STATUSES } from '../../../mappings/alibaba/index.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'alibaba');
const read = (rel: string): unknown => {
  const r = parseJsonLosslessly(readFileSync(join(FIX, rel), 'utf8'));
  if (!r.ok) throw new Error(r.message);
  return unwrapAlibabaSample(r.value);
};
/** The value at a path of member names and indexes. */
const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], v);
const ctx = { channel: 'alibaba' };

describe('alibabaOrderToOrder', () => {
  it('maps /alibaba/order/get: epoch-ms dates, address, lines (quantity "2.0000", unit price "0.1000"), totals', () => {
    const r = alibabaOrderToOrder(AlibabaOrderSchema.parse(at(read('openapi-v2-guide/get_order_details__example_response.json'), 'value')), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      vendor: 'alibaba',
      externalId: '234193410001028893',
      status: 'pending',
      rawStatus: 'unpay',
      // timestamp 1733821832000 (the guide's format_date text disagrees with it; the epoch value names the instant)
      purchasedAt: '2024-12-10T09:10:32Z',
      currency: 'USD',
      buyer: { name: 'Buyer Name' },
      shipTo: { name: 'John Doe', lines: ['123 Main Street'], city: 'New york', region: 'New York', postalCode: '10012', country: 'US', phone: '+1 5551234567' },
      shipServiceLevel: 'Standard',
      totals: { orderTotal: { amountMinor: 487, currency: 'USD' }, items: { amountMinor: 20, currency: 'USD' }, shipping: { amountMinor: 467, currency: 'USD' } },
      refs: { alibabaTradeId: '234193410001028893', carrierCode: 'SEMI_MANAGED_CARRIER_CODE_CHEAPEST', buyerEid: '8s0vvDIbRvbS9hSAK4bUtw==' },
    });
    expect(r.value.lines).toEqual([
      { lineId: '106117950042', sku: '106117950042', title: 'Product Name', quantity: 2, lineTotal: { amountMinor: 20, currency: 'USD' }, refs: { productId: '1601314875038', skuId: '106117950042', unit: 'Pieces', skuAttributes: 'Color:Red' } },
    ]);
  });

  it('keeps both lines of one variant ordered twice, the second under an id of its own', () => {
    const order = at(read('openapi-v2-guide/get_order_details__example_response.json'), 'value') as { order_products: unknown[] };
    const r = alibabaOrderToOrder(AlibabaOrderSchema.parse({ ...order, order_products: [order.order_products[0], order.order_products[0]] }), ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.lines.map((l) => [l.lineId, l.sku, l.quantity])).toEqual([['106117950042', '106117950042', 2], ['106117950042#2', '106117950042', 2]]);
  });

  it('maps each /alibaba/order/list entry (no lines, no money)', () => {
    const list = at(read('openapi-v2-guide/get_order_list__example_response.json'), 'value', 'order_list');
    const r = alibabaOrderToOrder(AlibabaOrderSchema.parse((list as unknown[])[0]), ctx);
    expect(r).toMatchObject({ ok: true, value: { externalId: '271207727001028893', purchasedAt: '2025-08-01T04:09:36Z', updatedAt: '2025-08-01T04:09:37Z', lines: [] } });
  });

  it('maps every guide status; an unknown one, a fractional quantity and a 5-decimal unit total are named', () => {
    for (const s of Object.keys(ALIBABA_ORDER_STATUSES)) {
      expect(alibabaOrderToOrder(AlibabaOrderSchema.parse({ trade_id: '1', trade_status: s, create_date: { timestamp: '1733821832000' } }), ctx).ok, s).toBe(true);
    }
    const r = alibabaOrderToOrder(
      AlibabaOrderSchema.parse({ trade_id: 271207727001028893n.toString(), trade_status: 'lost', create_date: { timestamp: 1733821832000 }, order_products: [{ quantity: '1.5' }, { quantity: '3', unit_price: { amount: '0.00333', currency: 'USD' } }] }),
      ctx,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.recordId).toBe('271207727001028893');
      expect(r.error.issues.map((i) => i.field)).toEqual(['trade_status', 'order_products[0].quantity', 'order_products[1].unit_price.amount']);
    }
  });
});
