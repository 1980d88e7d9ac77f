/**
 * listOrders end to end through the client: the signed IOP sync request (method, system and
 * business parameters, the signature recomputed), the real solution.order.get reply
 * (retailcrm/aliexpress-top-client, see test/fixtures/aliexpress/SOURCE.md) and a simplify reply
 * with ids above 2^53 parsed exactly, business errors inside HTTP 200 and gateway errors typed.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { signIopSync } from '../../../connectors/aliexpress/signing.js';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { ACCESS, APP_SECRET, fixture, HOST, makeClient, REFRESH, syncEndpoint, type Form } from './sync-harness.js';

isolateNetworkPerTest();

describe('AliExpress listOrders (aliexpress.solution.order.get over IOP sync)', () => {
  it('sends a signed sync request stamped at send time and parses the real reply', async () => {
    const { client, clock, logs } = makeClient();
    clock.nowMs += 5_000;
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_order_get.json'));
    const page = await client.listOrders({ createdFrom: '2017-10-12 12:12:12', statuses: ['PLACE_ORDER_SUCCESS'], page: 1, pageSize: 20 });

    const form = seen[0]!;
    expect(form).toMatchObject({ method: 'aliexpress.solution.order.get', app_key: '123456', access_token: ACCESS, sign_method: 'sha256', timestamp: String(clock.nowMs) });
    expect(JSON.parse(form.param0!)).toEqual({ create_date_start: '2017-10-12 12:12:12', order_status_list: ['PLACE_ORDER_SUCCESS'], page_size: 20, current_page: 1 });
    const { sign, ...signed } = form;
    expect(sign).toMatch(/^[0-9A-F]{64}$/);
    expect(sign).toBe(signIopSync(APP_SECRET, signed));

    expect(page.orders).toHaveLength(1);
    expect(page.orders[0]).toMatchObject({ order_id: '1160045860056286', order_status: 'PLACE_ORDER_SUCCESS', pay_amount: { currency_code: 'USD', amount: '1.01' } });
    expect(page).toMatchObject({ totalCount: '1', page: 1, hasMore: false });
    const text = logs.text();
    for (const secret of [APP_SECRET, ACCESS, sign!]) expect(text).not.toContain(secret);
  });

  it('parses a simplify reply with flat lists and ids above 2^53 exactly', async () => {
    const { client } = makeClient();
    syncEndpoint([], fixture('constructed/aliexpress.solution.order.get__simplify_bigid_zh.json'));
    const page = await client.listOrders({ page: 1, pageSize: 20 });
    expect(page.orders[0]!.order_id).toBe('8123456789012345678');
    expect(page.orders[0]!.buyer_signer_fullname).toBe('王小明');
    expect(page.totalCount).toBe('2');
  });

  it('types a business error inside HTTP 200 (result.success=false) as validation, with its code', async () => {
    const { client } = makeClient();
    const body = JSON.stringify({
      aliexpress_solution_order_get_response: { result: { success: false, error_code: '10001', error_message: 'create_date_start is invalid' }, request_id: '0b1f2a3c4d' },
    });
    syncEndpoint([], body);
    const e = await rejection(client.listOrders({ page: 1, pageSize: 20 }));
    expect(e).toMatchObject({ kind: 'validation', vendor: 'aliexpress', vendorCode: '10001' });
    expect(e.message).toContain('create_date_start is invalid');
    expect(e.retryable).toBe(false);
  });

  it('types a gateway IllegalAccessToken as auth and refreshes the token for the next call', async () => {
    const { client } = makeClient();
    const first: Form[] = [];
    syncEndpoint(first, fixture('constructed/iop_top_level_error.json'));
    const e = await rejection(client.listOrders({ page: 1, pageSize: 20 }));
    expect(e.kind).toBe('auth');
    nock(HOST).post('/rest/auth/token/refresh').reply(200, { access_token: 'fresh-token', refresh_token: REFRESH, expires_in: 86400, code: '0' });
    const second: Form[] = [];
    syncEndpoint(second, fixture('retailcrm-top-client/aliexpress_solution_order_get.json'));
    await client.listOrders({ page: 1, pageSize: 20 });
    expect(second[0]!.access_token).toBe('fresh-token');
    expect(client.stats().tokenRefreshes).toBe(1);
  });

  it('refuses a malformed time and a page below 1 before sending', async () => {
    const { client } = makeClient();
    await expect(client.listOrders({ createdFrom: '2017-10-12T12:12:12Z', page: 1, pageSize: 20 })).rejects.toThrow(/create_date_start must be yyyy-MM-dd HH:mm:ss/);
    await expect(client.listOrders({ page: 0, pageSize: 20 })).rejects.toThrow(/page must be an integer from 1/);
  });
});
