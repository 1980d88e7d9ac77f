import { afterEach, describe, expect, it } from 'vitest';
import { adminPost, APP_SECRET, DEMO_REFRESH_TOKEN, sign, startGateway, type Gateway } from './gateway-client.js';

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

const LIST = 'aliexpress.logistics.redefining.listlogisticsservice';
const INCOMPLETE_SIGNATURE = { type: 'ISV', code: 'IncompleteSignature', msg: 'The request signature does not conform to platform standards', request_id: expect.stringMatching(/^[0-9a-f]{25}$/) };

describe('signature check', () => {
  it('accepts a correctly signed /sync call and answers the method envelope', async () => {
    const { gw, token } = await start();
    const reply = await gw.call(LIST, {}, { accessToken: token });
    expect(reply.status).toBe(200);
    expect(reply.body.aliexpress_logistics_redefining_listlogisticsservice_response.result_success).toBe(true);
    expect(reply.body.aliexpress_logistics_redefining_listlogisticsservice_response.request_id).toMatch(/^[0-9a-f]{25}$/);
  });

  it('answers a wrong, a missing or a path-prefixed signature with the platform error inside HTTP 200, and counts them', async () => {
    const { gw, token } = await start();
    const wrongSecret = await gw.call(LIST, {}, { accessToken: token, secret: `${APP_SECRET}x` });
    const missing = await gw.call(LIST, {}, { accessToken: token, sign: null });
    const params = { method: LIST, app_key: '34567890', timestamp: String(gw.clock.now()), sign_method: 'sha256', access_token: token };
    const withPath = await gw.call(LIST, {}, { accessToken: token, sign: sign(APP_SECRET, params, '/sync') });
    for (const r of [wrongSecret, missing, withPath]) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ error_response: INCOMPLETE_SIGNATURE });
    }
    expect(gw.sandbox.stats().rejectedSignatures).toBe(3);
    expect(gw.sandbox.stats().calls[LIST]).toBeUndefined();
  });

  it('refuses a timestamp more than 7200 s away, and accepts one just inside', async () => {
    const { gw, token } = await start();
    const late = await gw.call(LIST, {}, { accessToken: token, timestampMs: gw.clock.now() - 7201_000 });
    expect(late.body.error_response.code).toBe('InvalidTimestamp');
    const inside = await gw.call(LIST, {}, { accessToken: token, timestampMs: gw.clock.now() + 7199_000 });
    expect(inside.body.aliexpress_logistics_redefining_listlogisticsservice_response).toBeDefined();
  });

  it('refuses an unknown app key, an unknown method and a missing method', async () => {
    const { gw, token } = await start();
    expect((await gw.call('aliexpress.solution.nothing.here', {}, { accessToken: token })).body.error_response.code).toBe('InvalidApiPath');
    const res = await fetch(`${gw.sandbox.url}/sync`, { method: 'POST', body: new URLSearchParams({ app_key: '1' }) });
    expect((JSON.parse(await res.text()) as { error_response: { code: string } }).error_response.code).toBe('MissingParameter');
    const other = await fetch(`${gw.sandbox.url}/sync`, { method: 'POST', body: new URLSearchParams({ method: LIST, app_key: '1', timestamp: String(gw.clock.now()), sign_method: 'sha256', sign: 'A'.repeat(64) }) });
    expect((JSON.parse(await other.text()) as { error_response: { code: string } }).error_response.code).toBe('InvalidAppKey');
  });

  it('takes the parameters from the query string as well as the form body', async () => {
    const { gw, token } = await start();
    const params: Record<string, string> = { method: LIST, app_key: '34567890', timestamp: String(gw.clock.now()), sign_method: 'sha256', access_token: token };
    params.sign = sign(APP_SECRET, params);
    const res = await fetch(`${gw.sandbox.url}/sync?${new URLSearchParams(params).toString()}`, { method: 'POST' });
    expect(await res.text()).toContain('"aliexpress_logistics_redefining_listlogisticsservice_response"');
  });
});

describe('access tokens (IOP /rest/auth/token/create and /refresh)', () => {
  it('exchanges an authorisation code once for tokens, in the IOP REST form', async () => {
    const { gw } = await start();
    const created = await gw.rest('/auth/token/create', { code: '3_500000_sandboxcode' });
    expect(created.body).toMatchObject({ code: '0', expires_in: 86400, account_platform: 'seller_center', request_id: expect.any(String) });
    expect(created.body.access_token).toMatch(/^50000[0-9a-f]{48}$/);
    expect(created.body.refresh_token).toMatch(/^50001[0-9a-f]{48}$/);
    expect(created.body.expire_time).toBe(gw.clock.now() + 86_400_000);
    const works = await gw.call(LIST, {}, { accessToken: created.body.access_token as string });
    expect(works.body.error_response).toBeUndefined();
    const again = await gw.rest('/auth/token/create', { code: '3_500000_sandboxcode' });
    expect(again.body).toEqual({ type: 'ISV', code: 'InvalidCode', message: expect.any(String), request_id: expect.any(String) });
  });

  it('refreshes with a known refresh token and refuses a revoked or unknown one with IllegalRefreshToken', async () => {
    const { gw } = await start();
    const created = await gw.rest('/auth/token/create', { code: 'code-1' });
    const refreshToken = created.body.refresh_token as string;
    const refreshed = await gw.rest('/auth/token/refresh', { refresh_token: refreshToken });
    expect(refreshed.body.access_token).not.toBe(created.body.access_token);
    expect(refreshed.body.refresh_token).toBe(refreshToken);
    expect((await adminPost(gw.sandbox, '/_sandbox/tokens/revoke', { refresh_token: refreshToken })).body).toEqual({ revoked: true });
    for (const token of [refreshToken, 'never-issued']) {
      const refused = await gw.rest('/auth/token/refresh', { refresh_token: token });
      expect(refused.body).toEqual({ type: 'ISV', code: 'IllegalRefreshToken', message: 'The specified refresh token is invalid or expired', request_id: expect.any(String) });
    }
    expect(gw.sandbox.stats().tokenRefusals).toBe(2);
  });

  it('signs the system APIs with their path: the sync-style signature is refused in the IOP form', async () => {
    const { gw } = await start();
    const params = { app_key: '34567890', timestamp: String(gw.clock.now()), sign_method: 'sha256', refresh_token: DEMO_REFRESH_TOKEN };
    const refused = await gw.rest('/auth/token/refresh', { refresh_token: DEMO_REFRESH_TOKEN }, { sign: sign(APP_SECRET, params) });
    expect(refused.body).toEqual({ type: 'ISV', code: 'IncompleteSignature', message: 'The request signature does not conform to platform standards', request_id: expect.any(String) });
  });

  it('refuses an unknown or expired access token with IllegalAccessToken', async () => {
    const { gw, token, clock } = await start({ tokenTtlSeconds: 60 });
    expect((await gw.call(LIST, {}, { accessToken: 'nope' })).body.error_response).toMatchObject({ code: 'IllegalAccessToken', msg: 'The specified access token is invalid' });
    clock.advanceSeconds(61);
    expect((await gw.call(LIST, {}, { accessToken: token })).body.error_response).toMatchObject({ code: 'IllegalAccessToken', msg: 'The specified access token has expired' });
    expect((await gw.call(LIST, {})).body.error_response.code).toBe('MissingParameter');
  });
});

describe('quotas', () => {
  it('bans a method beyond its burst with ApiCallLimit saying how long, then lets calls through as the bucket refills', async () => {
    const { gw, token, clock } = await start({ callLimit: { rate: 2, burst: 3 } });
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await gw.call(LIST, {}, { accessToken: token }));
    expect(replies.map((r) => r.body.error_response?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ApiCallLimit', 'ApiCallLimit']);
    expect(replies[3]!.body.error_response).toEqual({
      type: 'ISP',
      code: 'ApiCallLimit',
      msg: 'The request has exceeded the limit',
      sub_code: 'accesscontrol.limited-by-api-access-count',
      sub_msg: 'This ban will last for 1 more seconds',
      request_id: expect.any(String),
    });
    // Another method has its own bucket.
    expect((await gw.call('aliexpress.solution.feed.list.get', {}, { accessToken: token })).body.error_response).toBeUndefined();
    clock.advanceSeconds(0.5);
    expect((await gw.call(LIST, {}, { accessToken: token })).body.error_response).toBeUndefined();
    expect((await gw.call(LIST, {}, { accessToken: token })).body.error_response?.code).toBe('ApiCallLimit');
    expect(gw.sandbox.stats().quotaRefusals).toEqual({ ApiCallLimit: 3, AppCallLimit: 0 });
  });

  it('refuses calls beyond the daily quota with AppCallLimit until the next platform day (GMT+8)', async () => {
    const { gw, token, clock } = await start({ dailyQuota: 3, rateLimits: false });
    for (let i = 0; i < 3; i++) expect((await gw.call(LIST, {}, { accessToken: token })).body.error_response).toBeUndefined();
    const refused = await gw.call('aliexpress.solution.feed.list.get', {}, { accessToken: token });
    // T0 is 20:00 in GMT+8: four hours to its midnight.
    expect(refused.body.error_response).toMatchObject({ code: 'AppCallLimit', sub_code: 'accesscontrol.limited-by-app-access-count', sub_msg: 'This ban will last for 14400 more seconds' });
    clock.advanceSeconds(14_399);
    expect((await gw.call(LIST, {}, { accessToken: token })).body.error_response?.code).toBe('AppCallLimit');
    clock.advanceSeconds(1);
    expect((await gw.call(LIST, {}, { accessToken: token })).body.error_response).toBeUndefined();
    expect(gw.sandbox.stats().quotaRefusals.AppCallLimit).toBe(2);
  });
});
