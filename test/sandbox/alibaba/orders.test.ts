import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alibabaOrderToOrder } from '../../../mappings/alibaba/order.js';
import { AlibabaOrderSchema } from '../../../connectors/alibaba/schemas/order.js';
import { startAlibabaSandbox, type AlibabaSandbox } from '../../../sandbox/alibaba/index.js';
import { accessToken, admin, call, T0, testClock, type Reply } from './alibaba-client.js';

const clock = testClock();
let sb: AlibabaSandbox;
let token: string;
beforeAll(async () => {
  sb = await startAlibabaSandbox({ clock: clock.now, seed: { count: 47, seed: 11 }, rateLimits: false });
  token = await accessToken(sb);
});
afterAll(async () => {
  await sb.close();
});

const api = (path: string, params: Record<string, string>): Promise<Reply> => call(sb, path, params, { accessToken: token, timestampMs: clock.now().getTime() });

type Entry = { trade_id: string; trade_status: string; create_date: { format_date: string; timestamp: string }; modify_date: { format_date: string; timestamp: string } };
type Page = { total_count: string; order_list: Entry[] };

async function walk(params: Record<string, string>): Promise<{ pages: Reply[]; ids: string[] }> {
  const pages: Reply[] = [];
  const ids: string[] = [];
  for (let page = 0; ; page++) {
    const r = await api('/alibaba/order/list', { role: 'seller', page_size: '10', start_page: String(page), ...params });
    const value = r.json.value as Page;
    pages.push(r);
    ids.push(...value.order_list.map((o) => o.trade_id));
    if (value.order_list.length < 10) return { pages, ids };
  }
}

/** Every trade_id of a reply's raw text, exactly as written (bare numbers and strings). */
const rawIds = (text: string): string[] => [...text.matchAll(/"trade_id":"?(\d+)"?/g)].map((m) => m[1] as string);

describe('/alibaba/order/list', () => {
  it('pages through every seeded order (start_page from 0) with big ids exact, as text or bare numbers', async () => {
    const { pages, ids } = await walk({});
    expect(pages).toHaveLength(5);
    expect((pages[0]!.json.value as Page).total_count).toBe('47');
    expect(ids).toHaveLength(47);
    expect(new Set(ids).size).toBe(47);
    const texts = pages.map((p) => p.text).join('\n');
    // Both forms occur, every id is 18 digits (above 2^53), and the lossless parse kept each one.
    expect(texts).toMatch(/"trade_id":\d{18},/);
    expect(texts).toMatch(/"trade_id":"\d{18}",/);
    expect(pages.flatMap((p) => rawIds(p.text))).toEqual(ids);
    expect(ids.every((id) => /^2\d{8}001028893$/.test(id) && BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    // The sample's entry shape.
    const first = (pages[0]!.json.value as Page).order_list[0]!;
    expect(Object.keys(first)).toEqual(['trade_id', 'trade_status', 'create_date', 'modify_date']);
    expect(first.modify_date.format_date).toMatch(/^[A-Z][a-z]{2}\. \d{1,2}, 20\d\d, \d\d:\d\d:\d\d P[DS]T\.$/);
    // Newest modification first.
    const modified = (pages.flatMap((p) => (p.json.value as Page).order_list)).map((o) => Number(o.modify_date.timestamp));
    expect(modified).toEqual([...modified].sort((a, b) => b - a));
  });

  it('filters by a modify-time window given as the sample date objects, [start, end)', async () => {
    const all = (await walk({})).pages.flatMap((p) => (p.json.value as Page).order_list);
    const times = all.map((o) => Number(o.modify_date.timestamp)).sort((a, b) => a - b);
    const from = times[10]!;
    const to = times[30]!;
    const window = await walk({
      modified_date_start: JSON.stringify({ date_timestamp: String(from), date_str: '' }),
      modified_date_end: JSON.stringify({ date_timestamp: String(to) }),
    });
    const expected = all.filter((o) => Number(o.modify_date.timestamp) >= from && Number(o.modify_date.timestamp) < to).map((o) => o.trade_id);
    expect(window.ids).toEqual(expected);
    expect(window.ids).toHaveLength(20);
    // date_str alone is US Pacific wall time: 2026-03-15 05:00:00 PDT is T0 (12:00 UTC).
    const untilT0 = await walk({ modified_date_end: JSON.stringify({ date_str: '2026-03-15 05:00:00' }) });
    expect(untilT0.ids).toHaveLength(47);
    const afterT0 = await api('/alibaba/order/list', { role: 'seller', modified_date_start: JSON.stringify({ date_str: '2026-03-15 05:00:00' }) });
    expect((afterT0.json.value as Page).total_count).toBe('0');
    expect((await api('/alibaba/order/list', { role: 'seller', modified_date_start: '{"date_str":"yesterday"}' })).json).toMatchObject({ code: 'InvalidParameter', type: 'ISV' });
    expect((await api('/alibaba/order/list', {})).json).toMatchObject({ code: 'MissingParameter' });
  });

  it('filters by status', async () => {
    const closed = await walk({ status: 'trade_close' });
    const stats = (await admin(sb, 'GET', '/_sandbox/stats')).json as { ordersByStatus: Record<string, number>; orders: number; products: number; tokensIssued: number };
    expect(stats).toMatchObject({ orders: 47, products: 30, tokensIssued: 1 });
    expect(Object.values(stats.ordersByStatus).reduce((a, b) => a + b, 0)).toBe(47);
    expect(closed.ids).toHaveLength(stats.ordersByStatus.trade_close ?? -1);
    expect(closed.pages.flatMap((p) => (p.json.value as Page).order_list).every((o) => o.trade_status === 'trade_close')).toBe(true);
  });
});

describe('/alibaba/order/get', () => {
  it('serves the guide shape with trade_id and sku_id as bare numbers, and the order mapping maps it', async () => {
    const { ids } = await walk({});
    for (const id of ids.slice(0, 12)) {
      const r = await api('/alibaba/order/get', { e_trade_id: id });
      expect(r.text).toContain(`"trade_id":${id},`);
      expect(r.text).toMatch(/"sku_id":1061\d{14},/);
      const value = r.json.value as Record<string, unknown>;
      expect(Object.keys(value)).toEqual([
        'trade_id', 'trade_status', 'pay_step', 'fulfillment_channel', 'create_date', 'modify_date', 'shipping_address',
        'order_products', 'product_total_amount', 'shipment_fee', 'total_amount', 'carrier', 'buyer', 'seller',
      ]);
      const mapped = alibabaOrderToOrder(AlibabaOrderSchema.parse(value), { channel: 'alibaba' });
      if (!mapped.ok) throw new Error(`${id}: ${mapped.error.message}`);
      expect(mapped.value.externalId).toBe(id);
      const totals = mapped.value.totals;
      expect((totals?.items?.amountMinor ?? 0) + (totals?.shipping?.amountMinor ?? 0)).toBe(totals?.orderTotal?.amountMinor);
    }
    expect((await api('/alibaba/order/get', { e_trade_id: '200000000001028893' })).json).toMatchObject({ code: 'ORDER_NOT_EXIST', type: 'ISV' });
  });

  it('names buyers in their own scripts', async () => {
    const { ids } = await walk({});
    const names = new Set<string>();
    for (const id of ids) names.add(((await api('/alibaba/order/get', { e_trade_id: id })).json.value as { buyer: { full_name: string } }).buyer.full_name);
    expect([...names].some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    expect([...names].some((n) => /^[A-Za-z]/.test(n))).toBe(true);
  });
});

describe('shipment notification and admin orders', () => {
  it('places a paid order through the admin API, takes its stock, and ships it once', async () => {
    const placed = await admin(sb, 'POST', '/_sandbox/orders', { sku: 'TS-NAV-M', quantity: 2 });
    expect(placed.status).toBe(200);
    expect(placed.json).toMatchObject({ trade_id: expect.stringMatching(/^\d{18}$/), sku: 'TS-NAV-M', quantity: 2, trade_status: 'paid', inventory: expect.any(Number) });
    const tradeId = placed.json.trade_id as string;

    const got = await api('/alibaba/order/get', { e_trade_id: tradeId });
    const value = got.json.value as { trade_status: string; order_products: { sku_code: string; quantity: string }[]; create_date: { timestamp: string } };
    expect(value).toMatchObject({ trade_status: 'paid', order_products: [{ sku_code: 'TS-NAV-M', quantity: '2.0000' }], create_date: { timestamp: String(T0) } });
    expect((await walk({ status: 'paid' })).ids).toContain(tradeId);

    const ship = { trade_id: tradeId, logistics_company: 'DHL', tracking_number: 'JD014600006281234567', ship_date: '2026-03-15' };
    clock.advanceSeconds(30);
    const first = await api('/alibaba/order/shipment/notify', ship);
    expect(first.json).toEqual({ code: '0', result: { success: true, trade_id: tradeId, trade_status: 'wait_confirm_receipt' }, request_id: expect.any(String) });
    const shipped = (await api('/alibaba/order/get', { e_trade_id: tradeId })).json.value as { trade_status: string; modify_date: { timestamp: string } };
    expect(shipped).toMatchObject({ trade_status: 'wait_confirm_receipt', modify_date: { timestamp: String(T0 + 30_000) } });

    const again = await api('/alibaba/order/shipment/notify', ship);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ code: '0', result: { success: false, error_code: 'ORDER_ALREADY_SHIPPED', error_message: `order ${tradeId} has already been shipped (wait_confirm_receipt)` } });
  });

  it('refuses to ship a closed order, and checks the parameters', async () => {
    const closed = (await walk({ status: 'trade_close' })).ids[0];
    if (closed === undefined) throw new Error('the seed has no closed order');
    const r = await api('/alibaba/order/shipment/notify', { trade_id: closed, logistics_company: 'UPS', tracking_number: '1Z999', ship_date: '2026-03-15' });
    expect(r.json.result).toMatchObject({ success: false, error_code: 'ORDER_STATUS_INVALID' });
    expect((await api('/alibaba/order/shipment/notify', { trade_id: closed, logistics_company: 'UPS', ship_date: '2026-03-15' })).json).toMatchObject({ code: 'MissingParameter' });
    expect((await api('/alibaba/order/shipment/notify', { trade_id: closed, logistics_company: 'UPS', tracking_number: '1Z', ship_date: '15.03.2026' })).json).toMatchObject({ code: 'InvalidParameter' });
  });

  it('refuses admin orders beyond the stock and for unknown SKUs', async () => {
    const product = ((await api('/alibaba/icbu/product/list', { subject: 'evening clutch, black' })).json.value as { products: { product_id: string }[] }).products[0]!;
    await api('/alibaba/icbu/product/inventory/update', { product_id: product.product_id, sku_inventory_list: JSON.stringify([{ sku_code: 'HB-CLUTCH-BLA', inventory: 3 }]) });
    expect((await admin(sb, 'POST', '/_sandbox/orders', { sku: 'HB-CLUTCH-BLA', quantity: 2 })).json).toMatchObject({ inventory: 1 });
    const over = await admin(sb, 'POST', '/_sandbox/orders', { sku: 'HB-CLUTCH-BLA', quantity: 2 });
    expect(over).toEqual({ status: 409, json: { error: 'insufficient inventory for "HB-CLUTCH-BLA": 1 left, 2 ordered' } });
    expect((await admin(sb, 'POST', '/_sandbox/orders', { sku: 'NOPE', quantity: 1 })).status).toBe(404);
    expect((await admin(sb, 'POST', '/_sandbox/orders', { sku: 'HB-CLUTCH-BLA', quantity: 0 })).status).toBe(400);
    const detail = (await api('/alibaba/icbu/product/get', { product_id: product.product_id })).json.value as { product_sku: { skus: { inventory: number }[] } };
    expect(detail.product_sku.skus[0]?.inventory).toBe(1);
  });
});
