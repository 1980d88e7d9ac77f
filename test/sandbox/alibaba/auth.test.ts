import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SANDBOX_ALIBABA_CREDENTIALS, startAlibabaSandbox, type AlibabaSandbox } from '../../../sandbox/alibaba/index.js';
import { iopSign, iopSignatureValid, iopStringToSign } from '../../../sandbox/alibaba/iop-sign.js';
import { accessToken, admin, call, sign, T0, testClock } from './alibaba-client.js';

const clock = testClock();
let sb: AlibabaSandbox;
beforeAll(async () => {
  sb = await startAlibabaSandbox({ clock: clock.now, seed: { count: 5, seed: 7 } });
});
afterAll(async () => {
  await sb.close();
});

const BAD_SIGNATURE = { code: 'IncompleteSignature', type: 'ISV', message: 'The request signature does not conform to platform standards' };

describe('IOP REST signature checker', () => {
  const vectors = JSON.parse(readFileSync('/work/shared/vendor/aliexpress/signing-test-vectors.json', 'utf8')) as {
    vectors: { id: string; app_secret: string; api_path?: string; params: Record<string, string>; string_to_sign?: string; expected_sign: string }[];
  };
  const v = vectors.vectors.find((x) => x.id === 'iop-rest-sha256-order-get');
  if (!v?.api_path) throw new Error('the IOP REST vector is missing');
  const { app_secret: secret, api_path: path, params } = v;

  it('builds the published string to sign and signature', () => {
    expect(iopStringToSign(path, params)).toBe(v.string_to_sign);
    expect(iopSign(secret, path, params)).toBe(v.expected_sign);
    expect(sign(secret, path, params)).toBe(v.expected_sign);
  });

  it('accepts the published signature and nothing else', () => {
    expect(iopSignatureValid(secret, path, { ...params, sign: v.expected_sign })).toBe(true);
    expect(iopSignatureValid(secret, path, { ...params, sign: v.expected_sign.toLowerCase() })).toBe(false);
    expect(iopSignatureValid(secret, '/orders/get', { ...params, sign: v.expected_sign })).toBe(false);
    expect(iopSignatureValid(secret, path, { ...params, order_id: '1235', sign: v.expected_sign })).toBe(false);
    expect(iopSignatureValid('helloworld2', path, { ...params, sign: v.expected_sign })).toBe(false);
    expect(iopSignatureValid(secret, path, params)).toBe(false);
  });
});

describe('the gateway checks', () => {
  it('accepts a signed call with the parameters in the form body or in the query string', async () => {
    const token = await accessToken(sb);
    for (const inQuery of [false, true]) {
      const r = await call(sb, '/alibaba/icbu/product/list', { page_size: '2' }, { accessToken: token, inQuery });
      expect(r.status).toBe(200);
      expect(r.json.code).toBe('0');
      expect(r.json.request_id).toMatch(/^[0-9a-f]{25}$/);
    }
  });

  it.each([
    ['a wrong secret', { secret: 'not-the-secret' }],
    ['a missing sign', { sign: null }],
    ['a lower-case sign', { sign: sign(SANDBOX_ALIBABA_CREDENTIALS.appSecret, '/alibaba/icbu/product/list', { app_key: SANDBOX_ALIBABA_CREDENTIALS.appKey, sign_method: 'sha256', timestamp: String(T0) }).toLowerCase() }],
  ] as const)('rejects %s with IncompleteSignature in HTTP 200', async (_name, options) => {
    const r = await call(sb, '/alibaba/icbu/product/list', {}, options);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ...BAD_SIGNATURE, request_id: expect.stringMatching(/^[0-9a-f]{25}$/) });
  });

  it('rejects a signature made for another path (the path is signed)', async () => {
    const params = { app_key: SANDBOX_ALIBABA_CREDENTIALS.appKey, sign_method: 'sha256', timestamp: String(T0) };
    const r = await call(sb, '/alibaba/icbu/product/list', {}, { sign: sign(SANDBOX_ALIBABA_CREDENTIALS.appSecret, '/alibaba/icbu/product/get', params) });
    expect(r.json).toMatchObject(BAD_SIGNATURE);
  });

  it('rejects timestamps more than 7200 s from the server clock', async () => {
    const token = await accessToken(sb);
    expect((await call(sb, '/alibaba/icbu/product/list', {}, { accessToken: token, timestampMs: T0 - 7_200_000 })).json.code).toBe('0');
    const late = await call(sb, '/alibaba/icbu/product/list', {}, { accessToken: token, timestampMs: T0 + 7_201_000 });
    expect(late.json).toMatchObject({ code: 'InvalidTimestamp', type: 'ISV' });
  });

  it('rejects an unknown app key and an unknown path', async () => {
    expect((await call(sb, '/alibaba/icbu/product/list', {}, { appKey: '99999999' })).json).toMatchObject({ code: 'InvalidAppKey' });
    expect((await call(sb, '/alibaba/nothing/here', {})).json).toMatchObject({ code: 'InvalidApiPath', type: 'ISV' });
  });

  it('rejects business calls without a valid access token (IllegalAccessToken)', async () => {
    expect((await call(sb, '/alibaba/order/list', { role: 'seller' })).json).toMatchObject({ code: 'IllegalAccessToken', type: 'ISV' });
    expect((await call(sb, '/alibaba/order/list', { role: 'seller' }, { accessToken: '50000601forged' })).json).toMatchObject({ code: 'IllegalAccessToken' });
  });
});

describe('token APIs', () => {
  it('creates tokens from an authorisation code once, in the sample shape', async () => {
    const r = await call(sb, '/auth/token/create', { code: '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26' });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['access_token', 'refresh_token', 'expires_in', 'refresh_expires_in', 'account_id', 'account', 'account_platform', 'country', 'user_info', 'code', 'request_id']);
    expect(r.json).toMatchObject({ code: '0', expires_in: '864000', refresh_expires_in: '5184000', access_token: expect.stringMatching(/^50000601/) });
    const again = await call(sb, '/auth/token/create', { code: '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26' });
    expect(again.json).toMatchObject({ code: 'InvalidCode', type: 'ISV' });
    // The new refresh token refreshes.
    const refreshed = await call(sb, '/auth/token/refresh', { refresh_token: r.json.refresh_token as string });
    expect(refreshed.json).toMatchObject({ code: '0', refresh_token: r.json.refresh_token });
  });

  it('refreshes the demo refresh token (sample shape) and the new access token works', async () => {
    const r = await call(sb, '/auth/token/refresh', { refresh_token: SANDBOX_ALIBABA_CREDENTIALS.refreshToken });
    expect(Object.keys(r.json)).toEqual(['access_token', 'refresh_token', 'expires_in', 'refresh_expires_in', 'code', 'request_id']);
    expect(r.json.refresh_token).toBe(SANDBOX_ALIBABA_CREDENTIALS.refreshToken);
    const list = await call(sb, '/alibaba/order/list', { role: 'seller' }, { accessToken: r.json.access_token as string });
    expect(list.json.code).toBe('0');
  });

  it('answers IllegalRefreshToken (HTTP 200) for an unknown or revoked refresh token, and revokes its access tokens', async () => {
    const unknown = await call(sb, '/auth/token/refresh', { refresh_token: '500016000300unknown' });
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ code: 'IllegalRefreshToken', type: 'ISV', message: 'The specified refresh token is invalid or expired', request_id: expect.any(String) });

    const created = await call(sb, '/auth/token/create', { code: 'code-to-revoke' });
    const refreshToken = created.json.refresh_token as string;
    const token = created.json.access_token as string;
    expect((await call(sb, '/alibaba/order/list', { role: 'seller' }, { accessToken: token })).json.code).toBe('0');
    expect((await admin(sb, 'POST', '/_sandbox/revoke', { refresh_token: refreshToken })).json).toEqual({ revoked: true });
    expect((await call(sb, '/auth/token/refresh', { refresh_token: refreshToken })).json.code).toBe('IllegalRefreshToken');
    expect((await call(sb, '/alibaba/order/list', { role: 'seller' }, { accessToken: token })).json.code).toBe('IllegalAccessToken');
    expect(unknown.text).not.toContain(SANDBOX_ALIBABA_CREDENTIALS.appSecret);
  });

  it('expires access tokens after expires_in on the sandbox clock', async () => {
    const token = await accessToken(sb);
    clock.advanceSeconds(863_999);
    const now = clock.now().getTime();
    expect((await call(sb, '/alibaba/order/list', { role: 'seller' }, { accessToken: token, timestampMs: now })).json.code).toBe('0');
    clock.advanceSeconds(1);
    expect((await call(sb, '/alibaba/order/list', { role: 'seller' }, { accessToken: token, timestampMs: now + 1000 })).json.code).toBe('IllegalAccessToken');
  });
});

describe('credentials', () => {
  it('takes the app key and secret from the options', async () => {
    const own = await startAlibabaSandbox({ appKey: '11112222', appSecret: 'own-secret', refreshToken: 'own-refresh', clock: clock.now, seed: { count: 0, seed: 1 } });
    try {
      const at = clock.now().getTime();
      const ok = await call(own, '/auth/token/refresh', { refresh_token: 'own-refresh' }, { appKey: '11112222', secret: 'own-secret', timestampMs: at });
      expect(ok.json.code).toBe('0');
      expect((await call(own, '/auth/token/refresh', { refresh_token: 'own-refresh' }, { appKey: '11112222', timestampMs: at })).json.code).toBe('IncompleteSignature');
      expect((await call(own, '/auth/token/refresh', { refresh_token: SANDBOX_ALIBABA_CREDENTIALS.refreshToken }, { appKey: '11112222', secret: 'own-secret', timestampMs: at })).json.code).toBe('IllegalRefreshToken');
    } finally {
      await own.close();
    }
  });

  it('reads the demo secret from CARAVAN_SANDBOX_ALIBABA_SECRET, with a demo default', async () => {
    vi.resetModules();
    vi.stubEnv('CARAVAN_SANDBOX_ALIBABA_SECRET', 'from-the-environment');
    try {
      const fresh = await import('../../../sandbox/alibaba/credentials.js');
      expect(fresh.SANDBOX_ALIBABA_CREDENTIALS).toEqual({ appKey: '45678901', appSecret: 'from-the-environment', refreshToken: SANDBOX_ALIBABA_CREDENTIALS.refreshToken });
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
    expect(SANDBOX_ALIBABA_CREDENTIALS.appSecret).toBe(process.env.CARAVAN_SANDBOX_ALIBABA_SECRET ?? 'caravan-sandbox-alibaba-demo-secret-0001');
  });
});
