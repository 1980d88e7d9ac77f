/**
 * `caravan map aliexpress.order | alibaba.order` on every order-related sample: canonical orders
 * as JSON (big ids exact, non-Latin text intact), or exit 1 with the vendor's code and message for
 * an error reply (gateway errors and business errors inside HTTP 200 envelopes), or exit 1 naming
 * what a reply holds when it holds no order.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';
import { RECORD_KINDS } from '../../cli/record-kinds.js';
import type { Order } from '../../mappings/canonical/index.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const AE = join(FIX, 'aliexpress');
const AB = join(FIX, 'alibaba');
const write = scratchFiles('caravan-map-market-');

const caravan = caravanMap;

const orders = (stdout: string): Order[] => JSON.parse(stdout) as Order[];

describe('caravan map aliexpress.order', () => {
  it('is listed among the kinds', () => {
    expect(Object.keys(RECORD_KINDS)).toEqual(expect.arrayContaining(['aliexpress.order', 'alibaba.order']));
  });

  it('maps the aliexpress.solution.order.get list (TOP envelope, simplify=false)', async () => {
    const r = await caravan('aliexpress.order', join(AE, 'retailcrm-top-client/aliexpress_solution_order_get.json'));
    expect(r.code).toBe(0);
    expect(orders(r.stdout).map((o) => [o.externalId, o.status, o.purchasedAt, o.totals?.orderTotal])).toEqual([
      ['1160045860056286', 'pending', '2017-10-12T19:12:12Z', { amountMinor: 101, currency: 'USD' }],
    ]);
  });

  it('maps a simplify=true list (root `result`, flat arrays: hahoocn/node-taobao-topclient#4) with an id above 2^53 kept exact and Chinese text intact', async () => {
    const r = await caravan('aliexpress.order', join(AE, 'constructed/aliexpress.solution.order.get__simplify_bigid_zh.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"externalId": "8123456789012345678"');
    expect(r.stdout).toContain('"productId": "1005004638293060"');
    const [a, b] = orders(r.stdout);
    expect(a!.shipTo?.lines).toEqual(['西湖区文三路 478 号', '华星时代广场 A 座 1201']);
    expect(a!.lines[0]!.title).toBe('不锈钢保温杯 500ML');
    expect(b!.status).toBe('cancelled');
  });

  it('maps a single DS order (trade.ds.order.get) taking the id the reply lacks from the file name; without one, names order_id (exit 1)', async () => {
    const r = await caravan('aliexpress.order', join(AE, 'constructed/aliexpress.trade.ds.order.get__3076306514497211.json'));
    expect(r.code).toBe(0);
    expect(orders(r.stdout)[0]).toMatchObject({ externalId: '3076306514497211', status: 'shipped', rawStatus: 'FINISH', totals: { orderTotal: { amountMinor: 834, currency: 'USD' } } });
    const bare = await caravan('aliexpress.order', join(AE, 'official-docs-ds/aliexpress.trade.ds.order.get__response_success.json'));
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain('"field": "order_id"');
  });

  it('maps the same order unwrapped (no `<api>_response`) and as a bare order array', async () => {
    const one = { order_id: 8123456789012345678n.toString(), order_status: 'WAIT_BUYER_ACCEPT_GOODS', gmt_create: '2024-06-01 12:00:00' };
    const text = `[{"order_id": 8123456789012345678, "order_status": "WAIT_BUYER_ACCEPT_GOODS", "gmt_create": "2024-06-01 12:00:00"}]`;
    const r = await caravan('aliexpress.order', write('bare.json', text));
    expect(r.code).toBe(0);
    expect(orders(r.stdout)[0]).toMatchObject({ externalId: one.order_id, status: 'shipped', purchasedAt: '2024-06-01T19:00:00Z' });
  });

  it('maps a single seller order (order.info.get: result.data, `id`, child_order_list.global_aeop_tp_child_order_dto) across the March DST change, Cyrillic intact', async () => {
    const r = await caravan('aliexpress.order', join(AE, 'constructed/aliexpress.solution.order.info.get__result_data.json'));
    expect(r.code).toBe(0);
    const [o] = orders(r.stdout);
    expect(o).toMatchObject({
      externalId: '8123456789012345678',
      status: 'partially_shipped',
      purchasedAt: '2024-03-10T09:30:00Z', // 01:30 PST
      updatedAt: '2024-03-10T10:30:00Z', // 03:30 PDT
      buyer: { name: 'Иван Петров' },
      shipTo: { city: 'Москва', country: 'RU', phone: '+7 9161234567' },
      totals: { orderTotal: { amountMinor: 199900, currency: 'RUB' }, items: { amountMinor: 184900, currency: 'RUB' }, shipping: { amountMinor: 15000, currency: 'RUB' } },
    });
    expect(o!.lines.map((l) => [l.lineId, l.sku, l.refs.productId])).toEqual([
      ['8123456789012345679', 'ЧЕХОЛ-S', '1005004638293060'],
      ['8123456789012345680', 'ЧЕХОЛ-M', '1005004638293061'],
    ]);
  });

  it.each([
    ['constructed/error_response.gateway.json', '15', 'Remote service error'],
    ['constructed/iop_top_level_error.json', 'IllegalAccessToken', 'The specified access token is invalid or expired'],
    ['constructed/aliexpress.ds.order.create__business_error.json', 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL', 'address validate fail'],
    ['constructed/aliexpress.ds.product.get__rsp_code_605.json', '605', 'item not found'],
    ['constructed/aliexpress.ds.freight.query__code_505.json', '505', 'Product not exist'],
    ['constructed/aliexpress.ds.order.tracking.get__ret_false.json', '1001', 'order not found'],
    ['constructed/aliexpress.trade.ds.order.get__result_error_code.json', 'ORDER_NOT_FOUND', '订单不存在 order not found'],
  ])('exits 1 with the vendor code and message for the error reply %s', async (file, code, message) => {
    const r = await caravan('aliexpress.order', join(AE, file));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`is an error reply from AliExpress, code ${code}, not an AliExpress order reply`);
    expect(r.stderr).toContain(message);
  });

  it('maps an empty list page to no records (exit 0), also when TOP dropped the empty target_list', async () => {
    const r = await caravan('aliexpress.order', write('empty.json', '{"aliexpress_solution_order_get_response":{"result":{"success":true,"total_count":0,"current_page":1}}}'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const a = await caravan('alibaba.order', write('empty-ab.json', '{"code":"0","value":{"total_count":"0"},"request_id":"0b"}'));
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual([]);
  });

  it('does not take a product reply (it has gmt_create too) for an order', async () => {
    const r = await caravan('aliexpress.order', write('product.json', '{"aliexpress_solution_product_info_get_response":{"result":{"product_id":1005004638293060,"gmt_create":"2024-01-01 00:00:00","subject":"保温杯"}}}'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('aliexpress.solution.product.info.get reply, which carries no order');
  });

  it.each([
    ['retailcrm-top-client/aliexpress_solution_order_receipt_info_get.json', "the buyer's receipt address"],
    ['retailcrm-top-client/aliexpress_solution_order_fulfill.json', 'aliexpress.solution.order.fulfill reply'],
    ['official-docs-ds/aliexpress.ds.order.create__response_success.json', 'aliexpress.ds.order.create reply'],
    ['official-docs-ds/aliexpress.ds.order.tracking.get__response_success.json', 'aliexpress.ds.order.tracking.get reply'],
    ['official-docs-ds/aliexpress.ds.order.create__request_params.json', 'no order'],
    ['official-docs-ds/aliexpress.ds.order.create__param_place_order_request_multi_product.json', 'no order'],
  ])('exits 1 naming what %s holds (no order in it)', async (file, what) => {
    const r = await caravan('aliexpress.order', join(AE, file));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds no AliExpress order');
    expect(r.stderr).toContain(what);
  });
});

describe('caravan map alibaba.order', () => {
  it('maps /alibaba/order/get (guide sample with its {_api_path, body} wrapper)', async () => {
    const r = await caravan('alibaba.order', join(AB, 'openapi-v2-guide/get_order_details__example_response.json'));
    expect(r.code).toBe(0);
    expect(orders(r.stdout)[0]).toMatchObject({ externalId: '234193410001028893', status: 'pending', totals: { orderTotal: { amountMinor: 487, currency: 'USD' } } });
  });

  it('maps /alibaba/order/list, bare body too', async () => {
    const r = await caravan('alibaba.order', join(AB, 'openapi-v2-guide/get_order_list__example_response.json'));
    expect(r.code).toBe(0);
    expect(orders(r.stdout).map((o) => o.externalId)).toEqual(['271207727001028893']);
    const bare = await caravan('alibaba.order', write('list.json', '{"code":"0","value":{"total_count":"1","order_list":[{"trade_id":8123456789012345678,"trade_status":"trade_success","create_date":{"timestamp":"1754021376000"}}]},"request_id":"0b"}'));
    expect(bare.code).toBe(0);
    expect(orders(bare.stdout)[0]).toMatchObject({ externalId: '8123456789012345678', status: 'shipped' });
  });

  it.each([
    ['constructed/iop_error__unauthorized_buyer.json', '110001', '买家需使用海外注册账号'],
    ['openapi-v2-guide/pay_for_order__example_response_requires_manual_payment.json', 'NEVER_PAY_SUCCESS_IN_DROPSHIPER', 'needs to visit payUrl'],
  ])('exits 1 with the vendor code and message for the error reply %s', async (file, code, message) => {
    const r = await caravan('alibaba.order', join(AB, file));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`is an error reply from Alibaba.com, code ${code}, not an Alibaba.com order reply`);
    expect(r.stderr).toContain(message);
  });

  it.each([
    'create_buynow_order__example_response.json',
    'create_buynow_order__product_list.json',
    'get_order_list__date_object.json',
    'pay_for_order__example_response_success.json',
    'pay_for_order__payment_request_object.json',
    'order_fund_query__example_response.json',
    'order_logistics_query__example_response.json',
  ])('exits 1 naming that %s holds no order', async (file) => {
    const r = await caravan('alibaba.order', join(AB, 'openapi-v2-guide', file));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds no Alibaba.com order');
  });
});
