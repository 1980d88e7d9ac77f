/**
 * AliExpress OAuth: code → token and refresh, each a signed IOP REST request (the signature
 * recomputed here, the timestamp the clock's at send time); the token cached until shortly
 * before it runs out; a refused refresh token a non-retryable `auth` error naming the
 * connection; no secret or token in the logs.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { AliexpressAuth } from '../../../connectors/aliexpress/auth.js';
import { ALIEXPRESS_VENDOR, recogniseAliexpressErrorReply } from '../../../connectors/aliexpress/errors.js';
import { signIopRest } from '../../../connectors/aliexpress/signing.js';
import { createPipeline, errorsFromRecogniser } from '../../../connectors/http/pipeline.js';
import { redactText } from '../../../connectors/http/redact.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs } from '../log-capture.js';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';

isolateNetworkPerTest();

const HOST = 'https://api-sg.aliexpress.com';
const APP_SECRET = 'app-secret-do-not-log-7f3a';
const ACCESS = '50000601c30atpedfgu3LVvik87Ixlsvle3mSoB7701ceb156fPunYZ43GBg';
const REFRESH = '500016000300bwa2WteaQyfwBMnPxurcA0mXGhQdTt18356663CfcDTYpWoi';

function setup(held: { accessToken?: string; refreshToken?: string; accessTokenExpiresAt?: number } = {}) {
  const clock = new FakeClock();
  const logs = captureLogs();
  const { send } = createPipeline({
    vendor: ALIEXPRESS_VENDOR,
    label: 'AliExpress',
    baseUrl: HOST,
    userAgent: 'Caravan test',
    timeoutMs: 5000,
    errors: errorsFromRecogniser(recogniseAliexpressErrorReply),
    logger: logs.logger,
    clock,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
  });
  const auth = new AliexpressAuth({ send, appKey: '123456', appSecret: APP_SECRET, connection: 'acme/aliexpress', clock, ...held });
  return { clock, logs, auth };
}

type Form = Record<string, string>;
/** Records each form body and checks its signature against the API path. */
function tokenEndpoint(path: string, seen: Form[], reply: object): void {
  nock(HOST)
    .post(`/rest${path}`)
    .reply(200, (_uri, body) => {
      const form = Object.fromEntries(new URLSearchParams(String(body))) as Form;
      seen.push(form);
      return reply;
    });
}

describe('AliexpressAuth', () => {
  it('exchanges the code with a signed /auth/token/create stamped at send time, then serves the token from memory', async () => {
    const { clock, auth } = setup();
    clock.nowMs += 3_600_000; // the request must carry the send time, not the creation time
    const seen: Form[] = [];
    tokenEndpoint('/auth/token/create', seen, { access_token: ACCESS, refresh_token: REFRESH, expires_in: 86400, code: '0', request_id: 'r1' });
    const token = await auth.createToken('0_100132_2DL4DV3jcU1UOT7WGI1A4rY91');
    expect(token).toEqual({ accessToken: ACCESS, refreshToken: REFRESH, expiresAt: clock.nowMs + 86_400_000 });
    const form = seen[0]!;
    expect(form).toMatchObject({ app_key: '123456', code: '0_100132_2DL4DV3jcU1UOT7WGI1A4rY91', sign_method: 'sha256', timestamp: String(clock.nowMs) });
    const { sign, ...signed } = form;
    expect(sign).toBe(signIopRest(APP_SECRET, '/auth/token/create', signed));
    expect(form).not.toHaveProperty('app_secret');
    clock.nowMs += 3_600_000;
    expect(await auth.accessToken()).toBe(ACCESS);
    expect(auth.refreshes()).toBe(1);
  });

  it('refreshes shortly before expiry with a signed /auth/token/refresh, taking expire_time (text) when given', async () => {
    const { clock, auth } = setup({ accessToken: 'old-token', refreshToken: REFRESH, accessTokenExpiresAt: Date.UTC(2026, 2, 1, 0, 0, 30) });
    const seen: Form[] = [];
    tokenEndpoint('/auth/token/refresh', seen, { access_token: ACCESS, refresh_token: 'new-refresh', expire_time: '1772409600000', code: '0' });
    expect(await auth.accessToken()).toBe(ACCESS); // 30 s left: inside the refresh margin
    const { sign, ...signed } = seen[0]!;
    expect(signed).toMatchObject({ refresh_token: REFRESH, timestamp: String(clock.nowMs) });
    expect(sign).toBe(signIopRest(APP_SECRET, '/auth/token/refresh', signed));
    expect(await auth.accessToken()).toBe(ACCESS);
    expect(auth.refreshes()).toBe(1);
  });

  it('keeps a token with a long life without asking', async () => {
    const { auth } = setup({ accessToken: 'held', refreshToken: REFRESH, accessTokenExpiresAt: Date.UTC(2026, 2, 2) });
    expect(await auth.accessToken()).toBe('held');
    expect(auth.refreshes()).toBe(0);
  });

  it('turns IllegalRefreshToken into a non-retryable auth error naming the connection, sent once, nothing secret logged', async () => {
    const { auth, logs } = setup({ refreshToken: REFRESH });
    const seen: Form[] = [];
    tokenEndpoint('/auth/token/refresh', seen, {
      type: 'ISV',
      code: 'IllegalRefreshToken',
      message: 'The specified refresh token is invalid or expired',
      request_id: '0ba2887315178178017221014',
    });
    const e = await rejection(auth.accessToken());
    expect(e).toMatchObject({ kind: 'auth', vendor: 'aliexpress', vendorCode: 'IllegalRefreshToken', requestId: '0ba2887315178178017221014' });
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('acme/aliexpress');
    expect(e.message).not.toContain(REFRESH);
    expect(seen).toHaveLength(1);
    const text = logs.text();
    for (const secret of [APP_SECRET, REFRESH, seen[0]!.sign!]) expect(text).not.toContain(secret);
  });

  it('without a refresh token, an expired access token is an auth error naming the connection', async () => {
    const { auth } = setup({ accessToken: 'held', accessTokenExpiresAt: Date.UTC(2026, 1, 1) });
    const e = await rejection(auth.accessToken());
    expect(e).toMatchObject({ kind: 'auth' });
    expect(e.message).toContain('acme/aliexpress');
  });
});

describe('redaction of open-platform parameters', () => {
  it('masks access_token, refresh_token, sign, app_secret and session in a logged request line', () => {
    const line = `POST /sync?method=aliexpress.trade.seller.orderlist.get&app_key=123456&access_token=${ACCESS}&refresh_token=${REFRESH}&sign=4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A&app_secret=${APP_SECRET}&session=s3cr3t&sign_method=sha256`;
    const out = redactText(line);
    for (const secret of [ACCESS, REFRESH, '4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A', APP_SECRET, 's3cr3t']) expect(out).not.toContain(secret);
    expect(out).toContain('sign_method=sha256');
    expect(out).toContain('app_key=123456');
  });

  it('a captured log entry with the parameters as fields shows none of them', () => {
    const logs = captureLogs();
    logs.logger.info({ params: { access_token: ACCESS, refresh_token: REFRESH, sign: 'ABCDEF0123', app_secret: APP_SECRET, app_key: '123456' } }, 'request');
    const text = logs.text();
    for (const secret of [ACCESS, REFRESH, 'ABCDEF0123', APP_SECRET]) expect(text).not.toContain(secret);
    expect(text).toContain('123456');
  });
});
