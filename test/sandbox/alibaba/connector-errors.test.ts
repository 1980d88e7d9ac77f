/**
 * The sandbox's replies read by the connector's error recogniser (connectors/alibaba/errors.ts):
 * gateway errors and business failures are claimed with the kind a connection acts on, and
 * successes are not claimed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recogniseAlibabaErrorReply } from '../../../connectors/alibaba/errors.js';
import { startAlibabaSandbox, type AlibabaSandbox } from '../../../sandbox/alibaba/index.js';
import { accessToken, call, testClock, type Reply } from './alibaba-client.js';

const clock = testClock();
let sb: AlibabaSandbox;
let token: string;
beforeAll(async () => {
  sb = await startAlibabaSandbox({ clock: clock.now, seed: { count: 6, seed: 5 }, flowLimit: { perSecond: 1, burst: 1 } });
  token = await accessToken(sb);
});
afterAll(async () => {
  await sb.close();
});

const recognise = (r: Reply, operation: string) => recogniseAlibabaErrorReply(r.json, { operation, status: r.status });
const api = (path: string, params: Record<string, string>): Promise<Reply> => {
  clock.advanceSeconds(1); // one call per second per path: under the flow limit
  return call(sb, path, params, { accessToken: token, timestampMs: clock.now().getTime() });
};

describe('connector error recognition of sandbox replies', () => {
  it('does not claim successes', async () => {
    const list = await api('/alibaba/order/list', { role: 'seller' });
    expect(recognise(list, 'order/list')).toBeUndefined();
    const products = await api('/alibaba/icbu/product/list', {});
    expect(recognise(products, 'product/list')).toBeUndefined();
    const id = (list.json.value as { order_list: { trade_id: string }[] }).order_list[0]!.trade_id;
    expect(recognise(await api('/alibaba/order/get', { e_trade_id: id }), 'order/get')).toBeUndefined();
    expect(recognise(await call(sb, '/auth/token/refresh', { refresh_token: 'x' }, { timestampMs: clock.now().getTime() }), 'token/refresh')).toMatchObject({ vendorCode: 'IllegalRefreshToken' });
  });

  it('claims gateway errors with the kind a connection acts on', async () => {
    expect(recognise(await call(sb, '/alibaba/order/list', { role: 'seller' }, { accessToken: token, secret: 'wrong', timestampMs: clock.now().getTime() }), 'order/list')).toMatchObject({ kind: 'auth', vendorCode: 'IncompleteSignature' });
    clock.advanceSeconds(1);
    const noToken = await call(sb, '/alibaba/order/list', { role: 'seller' }, { timestampMs: clock.now().getTime() });
    expect(recognise(noToken, 'order/list')).toMatchObject({ kind: 'auth', vendorCode: 'IllegalAccessToken' });
    await api('/alibaba/icbu/product/list', {});
    const limited = await call(sb, '/alibaba/icbu/product/list', {}, { accessToken: token, timestampMs: clock.now().getTime() });
    expect(recognise(limited, 'product/list')).toMatchObject({ kind: 'rate_limited', vendorCode: 'ApiCallLimit' });
    expect(recognise(await api('/alibaba/icbu/product/get', { product_id: '1600000000000' }), 'product/get')).toMatchObject({ kind: 'not_found', vendorCode: '130106' });
  });

  it('claims business failures inside HTTP 200', async () => {
    const r = await api('/alibaba/icbu/product/add', { cat_id: '100002856', product: JSON.stringify({ subject: 'Bag', sku_code: 'B-1' }) });
    const e = recognise(r, 'product/add');
    expect(e).toMatchObject({ kind: 'validation', vendorCode: 'PRODUCT_SCHEMA_INVALID' });
    expect(e?.message).toContain('required field "price" is missing');
    const id = ((await api('/alibaba/icbu/product/list', { subject: 'tote bag, black' })).json.value as { products: { product_id: string }[] }).products[0]!.product_id;
    const inv = await api('/alibaba/icbu/product/inventory/update', { product_id: id, sku_inventory_list: '[{"sku_code":"NOPE","inventory":1}]' });
    expect(recognise(inv, 'inventory/update')).toMatchObject({ kind: 'not_found', vendorCode: '10005' });
  });
});
