import { afterEach, describe, expect, it } from 'vitest';
import { generateAliexpressSeed } from '../../../sandbox/aliexpress/index.js';
import { adminPost, startGateway, T0, type Gateway } from './gateway-client.js';

let current: Gateway | undefined;
afterEach(async () => {
  await current?.sandbox.close();
  current = undefined;
});
async function start(...args: Parameters<typeof startGateway>) {
  const started = await startGateway(...args);
  current = started.gw;
  return started;
}

const ORDER_GET = 'aliexpress.solution.order.get';
const seed = generateAliexpressSeed({ count: 45, seed: 7 }, T0);

describe('seed', () => {
  it('is deterministic, with order ids above 2^53 and buyers in Chinese, Russian and Spanish among the statuses', () => {
    expect(generateAliexpressSeed({ count: 45, seed: 7 }, T0)).toEqual(seed);
    expect(generateAliexpressSeed({ count: 45, seed: 8 }, T0).orders[0]!.id).not.toBe(seed.orders[0]!.id);
    expect(seed.products).toHaveLength(30);
    expect(seed.products.map((p) => p.skus[0]!.code)).toContain('HB-CLUTCH-BOR');
    for (const o of seed.orders) expect(BigInt(o.id) > 2n ** 53n).toBe(true);
    for (const p of seed.products) expect(BigInt(p.id) > 2n ** 53n).toBe(true);
    const statuses = new Set(seed.orders.map((o) => o.status));
    for (const s of ['PLACE_ORDER_SUCCESS', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_ACCEPT_GOODS', 'FINISH']) expect(statuses).toContain(s);
    const names = seed.orders.map((o) => o.buyer.lastName).join(' ');
    expect(names).toMatch(/[\u4e00-\u9fff]/);
    expect(names).toMatch(/[а-яА-Я]/);
    expect(names).toMatch(/[áéíóúñ]/);
  });
});

describe('aliexpress.solution.order.get', () => {
  it('pages the orders with wrapped lists, ids as bare numbers (exact in the raw text) and amounts as decimal text', async () => {
    const { gw, token } = await start();
    const first = await gw.call(ORDER_GET, { param0: { page_size: 20, current_page: 1 } }, { accessToken: token });
    const result = first.body.aliexpress_solution_order_get_response.result;
    expect(result).toMatchObject({ success: true, total_count: 45, page_size: 20, current_page: 1, total_page: 3 });
    const orders = result.target_list.order_dto as { order_id: string; pay_amount: { amount: string; currency_code: string }; product_list: { order_product_dto: unknown[] } }[];
    expect(orders).toHaveLength(20);
    for (const o of orders) {
      expect(first.text).toContain(`"order_id":${o.order_id},`);
      expect(BigInt(o.order_id) > 2n ** 53n).toBe(true);
      expect(o.pay_amount.amount).toMatch(/^\d+\.\d{2}$/);
      expect(o.pay_amount.currency_code).toBe('USD');
      expect(o.product_list.order_product_dto.length).toBeGreaterThan(0);
    }
    const third = await gw.call(ORDER_GET, { param0: { page_size: 20, current_page: 3 } }, { accessToken: token });
    expect(third.body.aliexpress_solution_order_get_response.result.target_list.order_dto).toHaveLength(5);
    const all = [...orders.map((o) => o.order_id), ...(third.body.aliexpress_solution_order_get_response.result.target_list.order_dto as { order_id: string }[]).map((o) => o.order_id)];
    expect(new Set(all).size).toBe(25);
  });

  it('gives flat lists and no method envelope with simplify=true', async () => {
    const { gw, token } = await start();
    const reply = await gw.call(ORDER_GET, { param0: { page_size: 5, current_page: 1 } }, { accessToken: token, simplify: true });
    expect(reply.body.aliexpress_solution_order_get_response).toBeUndefined();
    expect(reply.body.request_id).toEqual(expect.any(String));
    const list = reply.body.result.target_list as { order_id: string; product_list: unknown[] }[];
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(5);
    expect(Array.isArray(list[0]!.product_list)).toBe(true);
    expect(reply.text).toMatch(/"target_list":\[\{"order_id":\d{19},/);
  });

  it('filters by modified time given as US Pacific wall-clock text, and by status', async () => {
    const { gw, token } = await start();
    // T0 = 2026-03-15 12:00 UTC = 05:00 PDT (daylight saving began on 8 March).
    const since = T0 - 5 * 86_400_000;
    const expected = seed.orders.filter((o) => o.modifiedMs >= since && o.modifiedMs <= T0).length;
    const pacific = (ms: number) => new Date(ms - 7 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    const reply = await gw.call(ORDER_GET, { param0: { modified_date_start: pacific(since), modified_date_end: pacific(T0), page_size: 50, current_page: 1 } }, { accessToken: token });
    expect(reply.body.aliexpress_solution_order_get_response.result.total_count).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(45);
    const waiting = seed.orders.filter((o) => o.status === 'WAIT_SELLER_SEND_GOODS').length;
    const byStatus = await gw.call(ORDER_GET, { param0: { order_status_list: ['WAIT_SELLER_SEND_GOODS'], page_size: 50 } }, { accessToken: token });
    expect(byStatus.body.aliexpress_solution_order_get_response.result.total_count).toBe(waiting);
  });

  it('refuses a malformed time or a missing query as the gateway does', async () => {
    const { gw, token } = await start();
    const bad = await gw.call(ORDER_GET, { param0: { modified_date_start: '2026-03-15T05:00:00Z' } }, { accessToken: token });
    expect(bad.body.error_response).toMatchObject({ code: 'InvalidParameter', msg: expect.stringContaining('param0.modified_date_start must be yyyy-MM-dd HH:mm:ss') });
    expect((await gw.call(ORDER_GET, {}, { accessToken: token })).body.error_response.code).toBe('MissingParameter');
  });
});

describe('one order, receipt address, fulfilment', () => {
  it('gives one order with its children and address, and its receipt info; an unknown order is a business error inside 200', async () => {
    const { gw, token } = await start();
    const o = seed.orders.find((x) => x.buyer.country === 'RU')!;
    const info = await gw.call('aliexpress.solution.order.info.get', { param1: `{"order_id":${o.id}}` }, { accessToken: token });
    const data = info.body.aliexpress_solution_order_info_get_response.result.data;
    expect(data.id).toBe(o.id);
    expect(info.text).toContain(`"id":${o.id},`);
    expect(data.receipt_address.country).toBe('RU');
    expect(data.child_order_list.global_aeop_tp_child_order_dto).toHaveLength(o.lines.length);
    const receipt = await gw.call('aliexpress.solution.order.receiptinfo.get', { param1: { order_id: o.id } }, { accessToken: token });
    expect(receipt.body.aliexpress_solution_order_receiptinfo_get_response.result).toMatchObject({ country: 'RU', city: o.buyer.city, zip: o.buyer.zip, contact_person: `${o.buyer.firstName} ${o.buyer.lastName}` });
    const unknown = await gw.call('aliexpress.solution.order.info.get', { param1: '{"order_id":8100000000000000001}' }, { accessToken: token });
    expect(unknown.status).toBe(200);
    expect(unknown.body.aliexpress_solution_order_info_get_response.result).toMatchObject({ result_success: false, error_code: 'ORDER_NOT_FOUND' });
  });

  it('fulfils an order awaiting shipment with a listed carrier and a tracking number of its format, then refuses a second fulfilment inside 200', async () => {
    const { gw, token } = await start();
    const services = await gw.call('aliexpress.logistics.redefining.listlogisticsservice', {}, { accessToken: token });
    const cpam = (services.body.aliexpress_logistics_redefining_listlogisticsservice_response.result_list.aeop_logistics_service_result as { service_name: string; tracking_no_regex?: string }[]).find((s) => s.service_name === 'CPAM')!;
    expect(cpam.tracking_no_regex).toBe('^[a-zA-z]{2}[A-Za-z0-9]{9}[a-zA-z]{2}$');
    const o = seed.orders.find((x) => x.status === 'WAIT_SELLER_SEND_GOODS')!;
    const fulfil = (logistics_no: string, service_name = 'CPAM') => gw.call('aliexpress.solution.order.fulfill', { service_name, out_ref: o.id, send_type: 'all', logistics_no }, { accessToken: token });
    expect((await fulfil('12345')).body.aliexpress_solution_order_fulfill_response.result).toMatchObject({ result_success: false, error_code: 'LOGISTICS_NO_INVALID' });
    expect((await fulfil('RR123456789CN', 'NOPE')).body.aliexpress_solution_order_fulfill_response.result).toMatchObject({ result_success: false, error_code: 'LOGISTICS_SERVICE_INVALID' });
    expect((await fulfil('RR123456789CN')).body.aliexpress_solution_order_fulfill_response.result).toEqual({ result_success: true });
    const info = await gw.call('aliexpress.solution.order.info.get', { param1: { order_id: o.id } }, { accessToken: token });
    const data = info.body.aliexpress_solution_order_info_get_response.result.data;
    expect(data.order_status).toBe('WAIT_BUYER_ACCEPT_GOODS');
    expect(data.logistic_info_list.global_aeop_tp_logistic_info_dto[0]).toMatchObject({ logistics_no: 'RR123456789CN', logistics_type_code: 'CPAM', logistics_service_name: 'China Post Registered Air Mail' });
    const again = await fulfil('RR987654321CN');
    expect(again.status).toBe(200);
    expect(again.body.aliexpress_solution_order_fulfill_response.result).toEqual({
      result_success: false,
      error_code: 'ORDER_STATUS_INVALID',
      error_message: `order ${o.id} is WAIT_BUYER_ACCEPT_GOODS: only orders awaiting shipment can be fulfilled`,
      time_stamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
  });

  it('ships part, then the rest', async () => {
    const { gw, token } = await start();
    const o = seed.orders.find((x) => x.status === 'WAIT_SELLER_SEND_GOODS')!;
    const ship = (send_type: string, n: string) => gw.call('aliexpress.solution.order.fulfill', { service_name: 'DHL', out_ref: o.id, send_type, logistics_no: n }, { accessToken: token });
    await ship('part', '1234567890');
    const status = async () => (await gw.call('aliexpress.solution.order.info.get', { param1: { order_id: o.id } }, { accessToken: token })).body.aliexpress_solution_order_info_get_response.result.data.order_status as string;
    expect(await status()).toBe('SELLER_PART_SEND_GOODS');
    await ship('all', '1234567891');
    expect(await status()).toBe('WAIT_BUYER_ACCEPT_GOODS');
  });
});

describe('admin', () => {
  it('places an order for a SKU now (stock goes down, the order is listed first) and refuses more than the stock', async () => {
    const { gw, token, clock } = await start();
    const before = gw.sandbox.stock()['MUG-SAG-350']!;
    clock.advanceSeconds(60);
    const placed = await adminPost(gw.sandbox, '/_sandbox/orders', { sku: 'MUG-SAG-350', quantity: 1 });
    expect(placed.status).toBe(200);
    expect(placed.text).toMatch(/^\{"order_id":81\d{17},"orderId":"81\d{17}","remaining":\d+\}$/);
    expect(placed.body.remaining).toBe(before - 1);
    const page = await gw.call(ORDER_GET, { param0: { page_size: 1 } }, { accessToken: token });
    const newest = page.body.aliexpress_solution_order_get_response.result.target_list.order_dto[0];
    expect(newest).toMatchObject({ order_id: placed.body.orderId, order_status: 'WAIT_SELLER_SEND_GOODS' });
    expect(newest.product_list.order_product_dto[0]).toMatchObject({ sku_code: 'MUG-SAG-350', product_count: 1 });
    const tooMany = await adminPost(gw.sandbox, '/_sandbox/orders', { sku: 'MUG-SAG-350', quantity: before });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ available: before - 1 });
    expect((await adminPost(gw.sandbox, '/_sandbox/orders', { sku: 'NOPE', quantity: 1 })).status).toBe(404);
    const stats = (await (await fetch(`${gw.sandbox.url}/_sandbox/stats`)).json()) as { orders: number; products: number; calls: Record<string, number> };
    expect(stats).toMatchObject({ orders: 46, products: 30, calls: { [ORDER_GET]: 1, '/auth/token/refresh': 1 } });
  });
});
