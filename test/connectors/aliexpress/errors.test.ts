/**
 * AliExpress and Alibaba.com error recognisers: gateway errors, IOP top-level errors and business
 * errors inside HTTP 200 envelopes are errors with the vendor's code and message; every order-related
 * success sample is not. Real deviations from issue trackers are cited where they are tested.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseAlibabaErrorReply } from '../../../connectors/alibaba/index.js';
import { recogniseAliexpressErrorReply } from '../../../connectors/aliexpress/index.js';
import { parseJsonLosslessly } from '../../../connectors/http/lossless-json.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const read = (vendor: string, rel: string): unknown => {
  const r = parseJsonLosslessly(readFileSync(join(FIX, vendor, rel), 'utf8'));
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const ctx = { operation: 'aliexpress.solution.order.get' };

describe('recogniseAliexpressErrorReply', () => {
  it('names a TOP gateway error_response by code, message, sub-code and request id', () => {
    const e = recogniseAliexpressErrorReply(read('aliexpress', 'constructed/error_response.gateway.json'), ctx)!;
    expect(e).toMatchObject({ vendor: 'aliexpress', vendorCode: '15', requestId: '2101e4b717400193503907772', kind: 'auth' });
    expect(e.message).toContain('Remote service error');
    expect(e.message).toContain('isv.insufficient-permission');
    expect(e.message).toContain('无权限访问该订单');
  });

  it('accepts a numeric code without request id (alibaba/top#5: { error_response: { code: 11, msg, sub_code, sub_msg } })', () => {
    const e = recogniseAliexpressErrorReply({ error_response: { code: 11, msg: 'Insufficient isv permissions', sub_code: 'isv.permission-ip-whitelist-limit', sub_msg: 'The appkey 4272 is only allowed to call from 10.232.*.*' } }, ctx)!;
    expect(e).toMatchObject({ vendorCode: '11', kind: 'auth' });
    expect(e.message).toContain('Insufficient isv permissions');
  });

  it('names the IOP top-level form { type, code, message, request_id } (ofekb/n8n-nodes-aliexpress-affiliate#2: ISV IncompleteSignature)', () => {
    const e = recogniseAliexpressErrorReply({ type: 'ISV', code: 'IncompleteSignature', message: 'The request signature does not conform to platform standards', request_id: '2101' }, ctx)!;
    expect(e).toMatchObject({ vendorCode: 'IncompleteSignature', kind: 'auth', requestId: '2101' });
    expect(recogniseAliexpressErrorReply(read('aliexpress', 'constructed/iop_top_level_error.json'), ctx)).toMatchObject({ vendorCode: 'IllegalAccessToken', kind: 'auth' });
  });

  it.each([
    ['constructed/aliexpress.ds.order.create__business_error.json', 'B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL', 'address validate fail'],
    ['constructed/aliexpress.ds.product.get__rsp_code_605.json', '605', 'item not found'],
    ['constructed/aliexpress.ds.freight.query__code_505.json', '505', 'Product not exist'],
    ['constructed/aliexpress.ds.order.tracking.get__ret_false.json', '1001', 'order not found'],
    ['constructed/aliexpress.trade.ds.order.get__result_error_code.json', 'ORDER_NOT_FOUND', '订单不存在'],
  ])('names the business error inside a 200 envelope: %s', (file, code, message) => {
    const e = recogniseAliexpressErrorReply(read('aliexpress', file), { ...ctx, status: 200 })!;
    expect(e.vendorCode).toBe(code);
    expect(e.message).toContain(message);
    expect(e.status).toBe(200);
  });

  it('reads a sub_code inside the envelope as an error, with no success flag (the family form of fzlee/alipay#60)', () => {
    const e = recogniseAliexpressErrorReply({ aliexpress_trade_ds_order_get_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-app-id', sub_msg: '无效的AppID参数' } }, ctx)!;
    expect(e).toMatchObject({ vendorCode: '40002' });
    expect(e.message).toContain('isv.invalid-app-id');
  });

  it('claims nothing in the success samples (an error_code beside success=true is no error: retailcrm solution.order.get)', () => {
    const files = ['retailcrm-top-client', 'official-docs-ds'].flatMap((d) => readdirSync(join(FIX, 'aliexpress', d)).map((f) => `${d}/${f}`));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) expect(recogniseAliexpressErrorReply(read('aliexpress', f), ctx), f).toBeUndefined();
    for (const f of ['aliexpress.solution.order.get__simplify_bigid_zh.json', 'aliexpress.trade.ds.order.get__3076306514497211.json', 'aliexpress.solution.order.info.get__result_data.json']) {
      expect(recogniseAliexpressErrorReply(read('aliexpress', `constructed/${f}`), ctx), f).toBeUndefined();
    }
  });

  it('reads a code with its message directly in the envelope as an error, but not a record field named code', () => {
    expect(recogniseAliexpressErrorReply({ aliexpress_trade_ds_order_get_response: { code: 'isp.service-unavailable', msg: 'Service unavailable', request_id: 'r' } }, ctx)).toMatchObject({ vendorCode: 'isp.service-unavailable' });
    expect(recogniseAliexpressErrorReply({ aliexpress_ds_freight_query_response: { result: { success: true, code: 200, msg: 'Call succeeds' } } }, ctx)).toBeUndefined();
  });

  it('names any non-2xx reply, and an HTML page with what it looks like', () => {
    const e = recogniseAliexpressErrorReply('<html><title>502 Bad Gateway</title></html>', { ...ctx, status: 502 })!;
    expect(e).toMatchObject({ status: 502, kind: 'transient' });
    expect(e.message).toContain('502 Bad Gateway');
    expect(recogniseAliexpressErrorReply('{}', ctx)).toBeUndefined();
  });

  it('does not claim other vendors\' bodies without a status', () => {
    expect(recogniseAliexpressErrorReply({ errors: [{ code: 'InvalidInput', message: 'x' }] }, ctx)).toBeUndefined();
    expect(recogniseAliexpressErrorReply({ type: 'https://mailchimp.com/developer/marketing/docs/errors/', title: 'Resource Not Found', status: 404 }, ctx)).toBeUndefined();
    expect(recogniseAliexpressErrorReply({ payload: { Orders: [] } }, ctx)).toBeUndefined();
  });
});

describe('recogniseAlibabaErrorReply', () => {
  const actx = { operation: '/alibaba/order/get' };
  it('names the Open Platform error { code, message, request_id, type }', () => {
    const e = recogniseAlibabaErrorReply(read('alibaba', 'constructed/iop_error__unauthorized_buyer.json'), actx)!;
    expect(e).toMatchObject({ vendor: 'alibaba', vendorCode: '110001', kind: 'auth', requestId: '0ba2887315178178017221014' });
    expect(e.message).toContain('买家需使用海外注册账号');
  });

  it('names the order-pay refusal inside a 200 (value.status PAY_FAILED, reason_code), guide sample wrapper included', () => {
    const e = recogniseAlibabaErrorReply(read('alibaba', 'openapi-v2-guide/pay_for_order__example_response_requires_manual_payment.json'), actx)!;
    expect(e).toMatchObject({ vendorCode: 'NEVER_PAY_SUCCESS_IN_DROPSHIPER', kind: 'validation' });
    expect(e.message).toContain('needs to visit payUrl to pay');
  });

  it('names a legacy TOP error_response too', () => {
    expect(recogniseAlibabaErrorReply(read('aliexpress', 'constructed/error_response.gateway.json'), actx)).toMatchObject({ vendorCode: '15' });
  });

  it('claims none of the guide\'s success samples', () => {
    for (const f of readdirSync(join(FIX, 'alibaba', 'openapi-v2-guide'))) {
      if (f.includes('requires_manual_payment')) continue;
      expect(recogniseAlibabaErrorReply(read('alibaba', `openapi-v2-guide/${f}`), actx), f).toBeUndefined();
    }
  });
});

describe('recogniseAliexpressErrorReply on the product, stock, feed and logistics replies', () => {
  const op = { operation: 'aliexpress.solution.batch.product.inventory.update' };

  // The real samples of these APIs (stale error fields beside a success flag included) are among every sample checked above.
  it('takes no constructed success reply of these APIs for an error', () => {
    for (const f of ['constructed/aliexpress.solution.product.info.get__bigid_zh.json', 'constructed/aliexpress.solution.product.list.get__simplify.json', 'constructed/aliexpress.solution.feed.query__mixed_items.json']) {
      expect(recogniseAliexpressErrorReply(read('aliexpress', f), op), f).toBeUndefined();
    }
  });

  it('a failed batch call (update_success=false with a code) is an error, with or without the envelope; per-product failures alone are not', () => {
    const wrapped = read('aliexpress', 'constructed/aliexpress.solution.batch.product.inventory.update__update_success_false.json') as Record<string, unknown>;
    expect(recogniseAliexpressErrorReply(wrapped, op)).toMatchObject({ kind: 'validation', vendorCode: 'F00-00-10000-001' });
    const simplified = Object.values(wrapped)[0];
    expect(recogniseAliexpressErrorReply(simplified, op)).toMatchObject({ vendorCode: 'F00-00-10000-001' });
    const perProduct = { update_success: false, update_error_code: '', update_failed_list: [{ product_id: 1, error_code: 'X', error_message: 'no' }], request_id: 'r' };
    expect(recogniseAliexpressErrorReply(perProduct, op)).toBeUndefined();
  });

  it('result_success=false takes its text from error_desc or result_error_desc', () => {
    const logistics = recogniseAliexpressErrorReply(read('aliexpress', 'constructed/aliexpress.logistics.redefining.listlogisticsservice__result_success_false.json'), op)!;
    expect(logistics.message).toContain('System error');
    expect(logistics.message).toContain('aliexpress.logistics.redefining.listlogisticsservice');
    const fulfil = recogniseAliexpressErrorReply(read('aliexpress', 'constructed/aliexpress.solution.order.fulfill__result_success_false.json'), op)!;
    expect(fulfil).toMatchObject({ vendorCode: 'SERVICE_NAME_INVALID' });
  });
});

describe('AliExpress quota refusals', () => {
  it('park the work for the ban the gateway names (per second and daily), as rate_limited', () => {
    const perSecond = recogniseAliexpressErrorReply({ error_response: { code: 'ApiCallLimit', msg: 'Api Call Limit', sub_msg: 'This ban will last for 2 more seconds', request_id: 'q1' } }, ctx)!;
    expect([perSecond.kind, perSecond.vendorCode, perSecond.retryAfterMs]).toEqual(['rate_limited', 'ApiCallLimit', 2000]);
    const daily = recogniseAliexpressErrorReply({ error_response: { code: 'AppCallLimit', msg: 'App Call Limit', sub_msg: 'This ban will last for 35197 more seconds', request_id: 'q2' } }, ctx)!;
    expect([daily.kind, daily.retryAfterMs]).toEqual(['rate_limited', 35_197_000]);
  });

  it('types the gateway refusals of an unknown app key and a stale timestamp', () => {
    expect(recogniseAliexpressErrorReply({ error_response: { code: 'InvalidAppKey', msg: 'Invalid app key', request_id: 'k' } }, ctx)!.kind).toBe('auth');
    expect(recogniseAliexpressErrorReply({ error_response: { code: 'InvalidTimestamp', msg: 'Timestamp out of range', request_id: 't' } }, ctx)!.kind).toBe('validation');
  });
});

describe('Alibaba.com quota refusals', () => {
  it('park the work for the ban the gateway names, per path and daily', () => {
    const ab = { operation: '/alibaba/order/get' };
    const flow = recogniseAlibabaErrorReply({ code: 'ApiCallLimit', type: 'ISV', message: 'The request has exceeded the flow limit of /alibaba/order/get (5 calls per second). This ban will last for 1 more seconds', request_id: 'a1' }, ab)!;
    expect([flow.kind, flow.retryAfterMs]).toEqual(['rate_limited', 1000]);
    const daily = recogniseAlibabaErrorReply({ code: 'AppCallLimit', type: 'ISV', message: 'The app has used up its 5000 calls of today. This ban will last for 3600 more seconds', request_id: 'a2' }, ab)!;
    expect([daily.kind, daily.retryAfterMs]).toEqual(['rate_limited', 3_600_000]);
    expect(recogniseAlibabaErrorReply({ code: 'InvalidAppKey', type: 'ISV', message: 'unknown app', request_id: 'a3' }, ab)!.kind).toBe('auth');
  });
});
