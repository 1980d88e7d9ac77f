/**
 * Alibaba.com orders through the client: /alibaba/order/list and /alibaba/order/get as signed
 * IOP REST forms (path, parameters, signature recomputed, timestamp at send time), the guide's
 * samples parsed, ids above 2^53 exact, each error shape typed (IOP code ≠ "0" at 200, gateway
 * error_response, business errors inside 200), a refused token refreshed, nothing secret logged.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { ACCESS, APP_KEY, APP_SECRET, expectedSign, fixture, HOST, makeClient, REFRESH, restEndpoint, sampleBody, type Form } from './kit.js';

isolateNetworkPerTest();

describe('Alibaba.com listOrders (/alibaba/order/list)', () => {
  it('sends a signed seller query with the modified window as date objects and parses the guide sample', async () => {
    const { client, clock, logs } = makeClient();
    clock.nowMs += 5_000;
    const seen: Form[] = [];
    restEndpoint('/alibaba/order/list', seen, sampleBody('openapi-v2-guide/get_order_list__example_response.json'));
    const page = await client.listOrders({ modifiedFrom: '2026-03-01T08:00:00.000Z', modifiedTo: '2026-03-01T09:00:00.000Z', page: 0, pageSize: 20 });

    const form = seen[0]!;
    expect(form).toMatchObject({ app_key: APP_KEY, access_token: ACCESS, sign_method: 'sha256', timestamp: String(clock.nowMs), role: 'seller', start_page: '0', page_size: '20' });
    expect(JSON.parse(form.modified_date_start!)).toEqual({ date_str: '2026-03-01 00:00:00', date_timestamp: String(Date.UTC(2026, 2, 1, 8)) });
    expect(JSON.parse(form.modified_date_end!)).toEqual({ date_str: '2026-03-01 01:00:00', date_timestamp: String(Date.UTC(2026, 2, 1, 9)) });
    const { sign, expected } = expectedSign('/alibaba/order/list', form);
    expect(sign).toBe(expected);

    expect(page.orders).toHaveLength(1);
    expect(page.orders[0]).toMatchObject({ trade_id: '271207727001028893', trade_status: 'unpay', modify_date: { timestamp: '1754021377000' } });
    expect(page).toMatchObject({ totalCount: '264930', page: 0, hasMore: true, requestId: '0ba2887315178178017221014' });
    expect(logs.text()).toContain('"operation":"/alibaba/order/list"');
    for (const secret of [APP_SECRET, ACCESS, REFRESH, sign!]) expect(logs.text()).not.toContain(secret);
  });

  it('masks the access token where an error reply echoes it (the message goes to workflow history)', async () => {
    const { client, logs } = makeClient();
    restEndpoint('/alibaba/order/list', [], { type: 'ISV', code: 'IllegalAccessToken', message: `access_token ${ACCESS} is invalid`, request_id: 'r-echo' });
    const e = await rejection(client.listOrders({ page: 0, pageSize: 20 }));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('is invalid');
    expect(e.message).not.toContain(ACCESS);
    expect(logs.text()).not.toContain(ACCESS);
  });

  it('keeps a bare trade_id above 2^53 exact and stops paging at total_count', async () => {
    const { client } = makeClient();
    restEndpoint('/alibaba/order/list', [], fixture('constructed/order_list__seller_bigid.json'));
    const page = await client.listOrders({ page: 0, pageSize: 20 });
    expect(page.orders.map((o) => o.trade_id)).toEqual(['9123456789012345678', '271207727001028893']);
    expect(page.orders[0]!.modify_date?.timestamp).toBe('1772384400000');
    expect(page.hasMore).toBe(false);
  });

  it('refuses a bad window or page before sending', async () => {
    const { client } = makeClient();
    await expect(client.listOrders({ modifiedFrom: '2026-03-01 00:00:00', page: 0, pageSize: 20 })).rejects.toThrow(/modified_date_start must be an ISO 8601 instant/);
    await expect(client.listOrders({ page: -1, pageSize: 20 })).rejects.toThrow(/page must be an integer from 0/);
    await expect(client.listOrders({ page: 0, pageSize: 101 })).rejects.toThrow(/pageSize must be an integer from 1 to 100/);
  });

  it('types the IOP error at HTTP 200 (code 110001) as auth and refreshes the token for the next call', async () => {
    const { client } = makeClient();
    restEndpoint('/alibaba/order/list', [], fixture('constructed/iop_error__unauthorized_buyer.json'));
    const e = await rejection(client.listOrders({ page: 0, pageSize: 20 }));
    expect(e).toMatchObject({ kind: 'auth', vendor: 'alibaba', vendorCode: '110001' });
    nock(HOST).post('/rest/auth/token/refresh').reply(200, { access_token: 'fresh-token', refresh_token: REFRESH, expires_in: '864000', code: '0' });
    const second: Form[] = [];
    restEndpoint('/alibaba/order/list', second, sampleBody('openapi-v2-guide/get_order_list__example_response.json'));
    await client.listOrders({ page: 0, pageSize: 20 });
    expect(second[0]!.access_token).toBe('fresh-token');
    expect(client.stats().tokenRefreshes).toBe(1);
  });

  it('types the gateway error sent without a request_id (IllegalAccessToken) as auth', async () => {
    const { client } = makeClient();
    restEndpoint('/alibaba/order/list', [], { type: 'ISV', code: 'IllegalAccessToken', message: 'The specified access token is invalid or expired' });
    const e = await rejection(client.listOrders({ page: 0, pageSize: 20 }));
    expect(e).toMatchObject({ kind: 'auth', vendorCode: 'IllegalAccessToken' });
    expect(e.message).toContain('invalid or expired');
  });

  it('types a gateway error_response and an app quota error', async () => {
    const { client } = makeClient();
    restEndpoint('/alibaba/order/list', [], { error_response: { code: '15', msg: 'Remote service error', sub_code: 'isv.invalid-parameter', sub_msg: 'start_page is invalid', request_id: 'r-gw' } });
    const e = await rejection(client.listOrders({ page: 0, pageSize: 20 }));
    expect(e).toMatchObject({ kind: 'validation', vendorCode: '15', requestId: 'r-gw' });
    expect(e.message).toContain('start_page is invalid');
    restEndpoint('/alibaba/order/list', [], { type: 'ISV', code: 'AppCallLimit', message: 'App call limit', request_id: 'r-q' });
    restEndpoint('/alibaba/order/list', [], { type: 'ISV', code: 'AppCallLimit', message: 'App call limit', request_id: 'r-q' });
    restEndpoint('/alibaba/order/list', [], { type: 'ISV', code: 'AppCallLimit', message: 'App call limit', request_id: 'r-q' });
    const q = await rejection(client.listOrders({ page: 0, pageSize: 20 }));
    expect(q).toMatchObject({ kind: 'rate_limited', vendorCode: 'AppCallLimit' });
  });
});

describe('Alibaba.com getOrder (/alibaba/order/get)', () => {
  it('sends e_trade_id signed and parses the guide sample with its lines and money', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    restEndpoint('/alibaba/order/get', seen, sampleBody('openapi-v2-guide/get_order_details__example_response.json'));
    const { order, requestId } = await client.getOrder('234193410001028893');
    expect(seen[0]).toMatchObject({ e_trade_id: '234193410001028893' });
    expect(expectedSign('/alibaba/order/get', seen[0]!).sign).toBe(expectedSign('/alibaba/order/get', seen[0]!).expected);
    expect(order.trade_id).toBe('234193410001028893');
    expect(order.order_products?.length).toBeGreaterThan(0);
    expect(order.total_amount).toMatchObject({ currency: 'USD' });
    expect(requestId).toBe('0ba2887315178178017221014');
  });

  it('types business errors inside HTTP 200 (result.success=false, result_code, is_success=false) as validation with their codes', async () => {
    const { client } = makeClient();
    const replies = [
      { code: '0', result: { success: false, error_code: '130106', error_message: 'order not found' }, request_id: 'r1' },
      { code: '0', result: { result_code: '500', result_msg: 'trade is locked' }, request_id: 'r2' },
      { code: '0', value: { is_success: false, error_code: 'E_TRADE', error_msg: '订单状态不允许' }, request_id: 'r3' },
    ];
    const kinds = [];
    for (const reply of replies) {
      restEndpoint('/alibaba/order/get', [], reply);
      const e = await rejection(client.getOrder('1'));
      expect(e.retryable).toBe(false);
      kinds.push([e.kind, e.vendorCode, e.requestId]);
    }
    expect(kinds).toEqual([
      ['not_found', '130106', 'r1'],
      ['validation', '500', 'r2'],
      ['validation', 'E_TRADE', 'r3'],
    ]);
  });

  it('refuses a non-numeric order id before sending', async () => {
    const { client } = makeClient();
    await expect(client.getOrder('abc')).rejects.toThrow(/e_trade_id must be the numeric order id/);
  });
});
