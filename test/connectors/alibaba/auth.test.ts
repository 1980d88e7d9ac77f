/**
 * Alibaba.com OAuth: code → tokens and refresh, each a signed IOP REST request (signature
 * recomputed, timestamp the clock's at send time), the guide's token samples parsed (expires_in
 * as text), refresh shortly before expiry, a refused refresh token a non-retryable auth error
 * naming the connection, and nothing secret in the logs.
 */
import { describe, expect, it } from 'vitest';
import { AlibabaSession } from '../../../connectors/alibaba/auth.js';
import { alibabaErrors } from '../../../connectors/alibaba/client.js';
import { ALIBABA_VENDOR } from '../../../connectors/alibaba/errors.js';
import { createPipeline } from '../../../connectors/http/pipeline.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs } from '../log-capture.js';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { ACCESS, APP_KEY, APP_SECRET, expectedSign, HOST, REFRESH, restEndpoint, sampleBody, type Form } from './kit.js';

isolateNetworkPerTest();

function setup(held: { accessToken?: string; refreshToken?: string; accessTokenExpiresAt?: number } = {}) {
  const clock = new FakeClock();
  const logs = captureLogs();
  const { send } = createPipeline({
    vendor: ALIBABA_VENDOR,
    label: 'Alibaba.com',
    baseUrl: HOST,
    userAgent: 'Caravan test',
    timeoutMs: 5000,
    errors: alibabaErrors,
    logger: logs.logger,
    clock,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
  });
  const session = new AlibabaSession({ send, appKey: APP_KEY, appSecret: APP_SECRET, connection: 'acme/alibaba', clock, ...held });
  return { clock, logs, session };
}

describe('AlibabaSession', () => {
  it('exchanges the code with a signed /auth/token/create stamped at send time (the guide sample: expires_in as text)', async () => {
    const { clock, session, logs } = setup();
    clock.nowMs += 7_200_000;
    const seen: Form[] = [];
    restEndpoint('/auth/token/create', seen, sampleBody('openapi-v2-guide/generate_access_token__example_response.json'));
    const token = await session.createToken('3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26');
    // The refresh token's lifetime too (refresh_expires_in), for `caravan connect` to report.
    expect(token).toEqual({ accessToken: ACCESS, refreshToken: REFRESH, expiresAt: clock.nowMs + 864_000_000, refreshExpiresAt: clock.nowMs + 5_184_000_000 });
    const form = seen[0]!;
    expect(form).toMatchObject({ app_key: APP_KEY, code: '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26', sign_method: 'sha256', timestamp: String(clock.nowMs) });
    expect(form).not.toHaveProperty('access_token');
    const { sign, expected } = expectedSign('/auth/token/create', form);
    expect(sign).toBe(expected);
    clock.nowMs += 86_400_000;
    expect(await session.accessToken()).toBe(ACCESS);
    expect(session.refreshes()).toBe(1);
    for (const secret of [APP_SECRET, '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26', sign!]) expect(logs.text()).not.toContain(secret);
  });

  it('refreshes shortly before expiry with a signed /auth/token/refresh (the guide sample), once for concurrent callers', async () => {
    const { clock, session } = setup({ accessToken: 'old-token', refreshToken: 'old-refresh', accessTokenExpiresAt: Date.UTC(2026, 2, 1, 0, 0, 30) });
    const seen: Form[] = [];
    restEndpoint('/auth/token/refresh', seen, sampleBody('openapi-v2-guide/refresh_access_token__example_response.json'));
    const [a, b] = await Promise.all([session.accessToken(), session.accessToken()]);
    expect([a, b]).toEqual([ACCESS, ACCESS]);
    expect(seen).toHaveLength(1);
    const { sign, expected } = expectedSign('/auth/token/refresh', seen[0]!);
    expect(seen[0]).toMatchObject({ refresh_token: 'old-refresh', timestamp: String(clock.nowMs) });
    expect(sign).toBe(expected);
    expect(session.refreshes()).toBe(1);
  });

  it('keeps a token with a long life without asking', async () => {
    const { session } = setup({ accessToken: 'held', refreshToken: REFRESH, accessTokenExpiresAt: Date.UTC(2026, 2, 2) });
    expect(await session.accessToken()).toBe('held');
    expect(session.refreshes()).toBe(0);
  });

  it('turns IllegalRefreshToken into a non-retryable auth error naming the connection, sent once, nothing secret logged', async () => {
    const { session, logs } = setup({ refreshToken: REFRESH });
    const seen: Form[] = [];
    restEndpoint('/auth/token/refresh', seen, { type: 'ISV', code: 'IllegalRefreshToken', message: 'The specified refresh token is invalid or expired', request_id: '0ba2887315178178017221014' });
    const e = await rejection(session.accessToken());
    expect(e).toMatchObject({ kind: 'auth', vendor: 'alibaba', vendorCode: 'IllegalRefreshToken', requestId: '0ba2887315178178017221014' });
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('acme/alibaba');
    expect(e.message).not.toContain(REFRESH);
    expect(seen).toHaveLength(1);
    for (const secret of [APP_SECRET, REFRESH, seen[0]!.sign!]) expect(logs.text()).not.toContain(secret);
  });

  it('without a refresh token, an expired access token is an auth error naming the connection', async () => {
    const { session } = setup({ accessToken: 'held', accessTokenExpiresAt: Date.UTC(2026, 1, 1) });
    const e = await rejection(session.accessToken());
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('acme/alibaba');
  });
});
