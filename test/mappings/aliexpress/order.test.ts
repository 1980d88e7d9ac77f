/** AliExpress order mapping: sample replies → canonical Order; times (US Pacific → UTC), money forms, statuses, typed errors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AliexpressOrderSchema, AliexpressReceiptAddressSchema, type AliexpressOrder } from '../../../connectors/aliexpress/index.js';
import { parseJsonLosslessly } from '../../../connectors/http/lossless-json.js';
import { aliexpressOrderToOrder, aliexpressReceiptToAddress, ALIEXPRESS_ORDER_STATUSES, Issues, platformTimeToUtc, readWireMoney } from '../../../mappings/aliexpress/index.js';
import { OrderSchema } from '../../../mappings/canonical/index.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'aliexpress');
const read = (rel: string): unknown => {
  const r = parseJsonLosslessly(readFileSync(join(FIX, rel), 'utf8'));
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const order = (raw: unknown): AliexpressOrder => AliexpressOrderSchema.parse(raw);
/** The value at a path of member names and indexes. */
const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], v);
const ctx = { channel: 'aliexpress' };

describe('aliexpressOrderToOrder', () => {
  it('maps the retailcrm aliexpress.solution.order.get order (TOP, list wrapped: target_list.order_dto)', () => {
    const raw = at(read('retailcrm-top-client/aliexpress_solution_order_get.json'), 'aliexpress_solution_order_get_response', 'result', 'target_list', 'order_dto', 0);
    const r = aliexpressOrderToOrder(order(raw), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(OrderSchema.parse(r.value)).toBeTruthy();
    expect(r.value).toMatchObject({
      vendor: 'aliexpress',
      externalId: '1160045860056286',
      status: 'pending',
      rawStatus: 'PLACE_ORDER_SUCCESS',
      // 2017-10-12 12:12:12 Pacific daylight time (GMT-7) → 19:12:12Z
      purchasedAt: '2017-10-12T19:12:12Z',
      currency: 'USD',
      buyer: { name: 'test' },
      totals: { orderTotal: { amountMinor: 101, currency: 'USD' }, items: { amountMinor: 101, currency: 'USD' }, shipping: { amountMinor: 101, currency: 'USD' } },
      fees: [{ type: 'escrow_fee', amount: { amountMinor: 101, currency: 'USD' } }],
    });
    expect(r.value.lines).toEqual([
      {
        lineId: '23457890',
        sku: '12',
        title: 'mobile',
        quantity: 1,
        lineTotal: { amountMinor: 101, currency: 'USD' },
        shipping: { amountMinor: 101, currency: 'USD' },
        // The line's own service, states, unit, note and send time (2017-10-12 12:12:12 Pacific → UTC), raw.
        refs: {
          childOrderId: '23457890',
          productId: '2356980',
          childOrderStatus: 'PLACE_ORDER_SUCCESS',
          logisticsService: 'EMS',
          showStatus: 'PLACE_ORDER_SUCCESS',
          fundStatus: 'WAIT_SELLER_CHECK',
          issueStatus: 'END_ISSUE',
          unit: 'piece',
          buyerMemo: '1',
          sentAt: '2017-10-12T19:12:12Z',
        },
      },
    ]);
  });

  it('keeps each line’s own shipping service (logistics_type when no name) and refuses a line send time it cannot read, naming the line', () => {
    const list = read('constructed/aliexpress.solution.order.get__simplify_bigid_zh.json');
    const first = order(at(list, 'result', 'target_list', 0));
    const r = aliexpressOrderToOrder(first, ctx);
    expect(r.ok && r.value.lines[0]!.refs).toMatchObject({ logisticsService: 'CAINIAO_STANDARD', childOrderStatus: 'WAIT_SELLER_SEND_GOODS' });
    const line = first.product_list![0]!;
    const typed = aliexpressOrderToOrder({ ...first, product_list: [{ ...line, logistics_service_name: undefined, logistics_type: 'EMS_ZX_ZX_US' }] }, ctx);
    expect(typed.ok && typed.value.lines[0]!.refs.logisticsService).toBe('EMS_ZX_ZX_US');
    const bad = aliexpressOrderToOrder({ ...first, product_list: [{ ...line, send_goods_time: '12/10/2017' }] }, ctx);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.issues).toEqual([expect.objectContaining({ field: 'product_list[0].send_goods_time' })]);
  });

  it('maps the DS trade.ds.order.get order (child_order_list.aeop_child_order_info, user_order_amount) with the id given by the caller', () => {
    const raw = at(read('official-docs-ds/aliexpress.trade.ds.order.get__response_success.json'), 'aliexpress_trade_ds_order_get_response', 'result');
    const r = aliexpressOrderToOrder(order(raw), { ...ctx, orderId: '3076306514497211' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      externalId: '3076306514497211',
      status: 'shipped',
      rawStatus: 'FINISH',
      purchasedAt: '2024-09-10T04:00:03Z',
      totals: { orderTotal: { amountMinor: 834, currency: 'USD' }, shipping: { amountMinor: 93, currency: 'USD' } },
      refs: { storeId: '1103800006', trackingNumbers: 'LP00675700340000', logisticsStatus: 'BUYER_ACCEPT_GOODS' },
      shipServiceLevel: 'CAINIAO_FULFILLMENT_STD',
    });
    expect(r.value.lines[0]).toMatchObject({ lineId: '1200003702000037', quantity: 1, refs: { skuId: '1200003702000037' } });
  });

  it('fails naming order_id when the reply does not echo it and no id is given', () => {
    const raw = at(read('official-docs-ds/aliexpress.trade.ds.order.get__response_success.json'), 'aliexpress_trade_ds_order_get_response', 'result');
    const r = aliexpressOrderToOrder(order(raw), ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('order_id');
  });

  it('keeps ids above 2^53 exact, non-Latin text intact, cents money (cent ÷ cent_factor), and lists without simplify wrappers', () => {
    const doc = read('constructed/aliexpress.solution.order.get__simplify_bigid_zh.json');
    const [a, b] = (at(doc, 'result', 'target_list') as unknown[]).map((o) => aliexpressOrderToOrder(order(o), ctx));
    if (a === undefined || b === undefined) throw new Error('two orders expected');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.externalId).toBe('8123456789012345678');
    expect(a.value.lines[0]).toMatchObject({ lineId: '8123456789012345679', sku: '保温杯-500ML-黑', title: '不锈钢保温杯 500ML', quantity: 2, refs: { productId: '1005004638293060' } });
    expect(a.value.shipTo).toEqual({ name: '王小明', lines: ['西湖区文三路 478 号', '华星时代广场 A 座 1201'], city: '杭州市', region: '浙江省', postalCode: '310013', country: 'CN', phone: '13800138000' });
    expect(a.value.totals?.orderTotal).toEqual({ amountMinor: 12850, currency: 'CNY' });
    // 2024-01-15 10:20:30 Pacific standard time (GMT-8); 2024-07-01 08:00 daylight time (GMT-7).
    expect([a.value.purchasedAt, a.value.updatedAt]).toEqual(['2024-01-15T18:20:30Z', '2024-07-01T15:00:00Z']);
    // FINISH closed by cancellation is cancelled; JPY has no minor unit.
    expect(b.value).toMatchObject({ status: 'cancelled', rawStatus: 'FINISH', totals: { orderTotal: { amountMinor: 1980, currency: 'JPY' } } });
    expect(b.value.lines[0]!.title).toBe('Ｔシャツ（綿）');
  });

  it('names the order and field of an unknown status and of a bad amount', () => {
    const r = aliexpressOrderToOrder(order({ order_id: '42', order_status: 'TELEPORTED', gmt_create: '2024-01-01 00:00:00', pay_amount: { amount: '1,50', currency_code: 'USD' } }), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.recordId).toBe('42');
    expect(r.error.issues.map((i) => i.field)).toEqual(['order_status', 'pay_amount.amount']);
    expect(r.error.message).toContain('aliexpress.order 42');
  });

  it('maps every known status', () => {
    expect(Object.keys(ALIEXPRESS_ORDER_STATUSES)).toContain('WAIT_SELLER_SEND_GOODS');
    for (const s of Object.keys(ALIEXPRESS_ORDER_STATUSES)) {
      expect(aliexpressOrderToOrder(order({ order_id: '1', order_status: s, gmt_create: '2024-03-10 02:30:00' }), ctx).ok, s).toBe(true);
    }
  });
});

describe('AliExpress readers', () => {
  it('maps the receipt info sample (aliexpress.solution.order.receiptinfo.get) to an address', () => {
    const raw = at(read('retailcrm-top-client/aliexpress_solution_order_receipt_info_get.json'), 'aliexpress_solution_order_receiptinfo_get_response', 'result');
    const issues = new Issues();
    const a = aliexpressReceiptToAddress(AliexpressReceiptAddressSchema.parse(raw), 'result', issues);
    expect(issues.list).toEqual([]);
    expect(a).toEqual({ name: 'Mark', lines: ['center street No.99', 'address 001'], city: 'Babenki', region: 'Moscow', postalCode: '400120', country: 'RU', phone: '4679974' });
  });

  it('reads money as decimal text, JSON numbers, and cents with or without cent_factor; never rounds', () => {
    const issues = new Issues();
    expect(readWireMoney({ amount: '8.34', currency_code: 'USD' }, 'a', issues)).toEqual({ amountMinor: 834, currency: 'USD' });
    expect(readWireMoney({ amount: 8.34, currency_code: 'USD' }, 'a', issues)).toEqual({ amountMinor: 834, currency: 'USD' });
    expect(readWireMoney({ cent: 834, cent_factor: 100, currency: { currency_code: 'USD' } }, 'a', issues)).toEqual({ amountMinor: 834, currency: 'USD' });
    expect(readWireMoney({ cent: '1500', currency_code: 'KWD' }, 'a', issues)).toEqual({ amountMinor: 1500, currency: 'KWD' });
    expect(readWireMoney({ cent: 1980, cent_factor: 1, currency_code: 'JPY' }, 'a', issues)).toEqual({ amountMinor: 1980, currency: 'JPY' });
    expect(issues.list).toEqual([]);
    expect(readWireMoney({ amount: '1.005', currency_code: 'USD' }, 'x', issues)).toBeUndefined();
    expect(readWireMoney({ amount: '1', currency: 'XXY' }, 'y', issues)).toBeUndefined();
    expect(issues.list.map((i) => i.field)).toEqual(['x.amount', 'y.currency_code']);
  });

  it('converts US Pacific wall-clock times to UTC across daylight saving, and passes ISO and epoch ms through', () => {
    const z = 'America/Los_Angeles';
    expect(platformTimeToUtc('2024-01-15 10:20:30', z)).toEqual({ ok: true, value: '2024-01-15T18:20:30Z' });
    expect(platformTimeToUtc('2024-09-09 21:00:03', z)).toEqual({ ok: true, value: '2024-09-10T04:00:03Z' });
    expect(platformTimeToUtc('10/12/2017 12:12:12', z)).toEqual({ ok: true, value: '2017-10-12T19:12:12Z' });
    expect(platformTimeToUtc('2024-11-03 01:30:00', z)).toEqual({ ok: true, value: '2024-11-03T08:30:00Z' }); // overlap: the earlier (PDT) reading
    expect(platformTimeToUtc('2024-01-15T10:20:30+08:00', z)).toEqual({ ok: true, value: '2024-01-15T02:20:30Z' });
    expect(platformTimeToUtc('1739928180000', z)).toEqual({ ok: true, value: '2025-02-19T01:23:00Z' });
    expect(platformTimeToUtc('2024-02-30 10:00:00', z).ok).toBe(false);
  });
});

describe('aliexpress.solution.order.info.get in its TOP model\'s names', () => {
  it('reads shipments from logistic_info_list (tracking numbers, service) and the end reason from order_end_reason', () => {
    const data = at(read('constructed/aliexpress.solution.order.info.get__result_data.json'), 'aliexpress_solution_order_info_get_response', 'result', 'data') as Record<string, unknown>;
    const raw = {
      ...data,
      order_status: 'FINISH',
      order_end_reason: 'buyer_cancel_order',
      logistic_info_list: { global_aeop_tp_logistic_info_dto: [{ logistics_no: 'LP00123456789CN', logistics_service_name: 'AliExpress Standard Shipping', logistics_type_code: 'CAINIAO_STANDARD', gmt_send: '2024-03-12 10:00:00' }] },
    };
    const r = aliexpressOrderToOrder(order(raw), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ status: 'cancelled', rawStatus: 'FINISH', shipServiceLevel: 'AliExpress Standard Shipping', refs: { trackingNumbers: 'LP00123456789CN', endReason: 'buyer_cancel_order' } });
  });
});
