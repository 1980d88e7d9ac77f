/** The shared request pipeline: what it sends, how it classifies, and that it leaves no listener behind. */
import { getEventListeners } from 'node:events';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { basicAuth, TokenAuth } from '../../../connectors/http/auth.js';
import { ConnectorError } from '../../../connectors/http/errors.js';
import { createPipeline, type ErrorTable, type VendorDeclaration } from '../../../connectors/http/pipeline.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs } from '../log-capture.js';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';

const BASE = 'https://api.vendor.test';

/** A vendor that reports errors inside HTTP 200 as `{ "error": { "code", "message" } }`. */
const errors: ErrorTable = (reply, context) => {
  const body = reply.body as { error?: { code: string; message: string } } | undefined;
  if (body?.error === undefined) return undefined;
  const kind = body.error.code === 'BUSY' ? 'transient' : body.error.code === 'EXPIRED_TOKEN' ? 'auth' : 'validation';
  return new ConnectorError(kind, `Vendor ${context.operation}: ${body.error.code}: ${body.error.message}`, {
    vendor: 'vendor',
    operation: context.operation,
    status: reply.status,
    vendorCode: body.error.code,
  });
};

function pipeline(overrides: Partial<VendorDeclaration> = {}): ReturnType<typeof createPipeline> & { logs: ReturnType<typeof captureLogs> } {
  const logs = captureLogs();
  const created = createPipeline({
    vendor: 'vendor',
    label: 'Vendor',
    baseUrl: BASE,
    userAgent: 'Caravan/test',
    timeoutMs: 5_000,
    errors,
    requestIdHeader: 'x-request-id',
    logger: logs.logger,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...overrides,
  });
  return { ...created, logs };
}

describe('request pipeline', () => {
  isolateNetworkPerTest();

  it('sends method, encoded path parameters, csv query, headers and a JSON body', async () => {
    let seen: { path: string; headers: Record<string, unknown>; body: unknown } | undefined;
    nock(BASE)
      .post('/v1/items/a%2Fb%20c')
      .query(true)
      .reply(function (path, body) {
        seen = { path, headers: this.req.headers, body };
        return [201, { id: 7 }, { 'x-request-id': 'r-1' }];
      });
    const { send } = pipeline({ auth: basicAuth('user', 'pass') });
    const response = await send({
      operation: 'createItem',
      method: 'POST',
      path: '/v1/items/{id}',
      pathParams: { id: 'a/b c' },
      query: [['tags', ['x', 'y']], ['skip', undefined], ['limit', 5]],
      headers: { 'x-version': '2' },
      body: { json: { name: 'n' } },
    });
    expect(response).toMatchObject({ status: 201, data: { id: 7 }, requestId: 'r-1' });
    expect(seen?.path).toBe('/v1/items/a%2Fb%20c?tags=x,y&limit=5');
    expect(seen?.body).toEqual({ name: 'n' });
    expect([seen?.headers['authorization'], seen?.headers['x-version'], seen?.headers['content-type'], seen?.headers['user-agent']]).toEqual([
      `Basic ${Buffer.from('user:pass').toString('base64')}`,
      '2',
      'application/json',
      'Caravan/test',
    ]);
  });

  it('sends a raw body with exactly its Content-Type, to an absolute URL as given, and reads bytes (gzip intact, empty body accepted)', async () => {
    const seen: { path: string; contentType: unknown; body: unknown }[] = [];
    const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00]);
    nock('https://bucket.s3.test')
      .put(/.*/)
      .query(true)
      .reply(function (path, body) {
        seen.push({ path, contentType: this.req.headers['content-type'], body });
        return [200, ''];
      })
      .get('/doc.gz')
      .reply(200, gzip, { 'content-type': 'application/octet-stream' });
    const { send } = pipeline({ baseUrl: undefined });
    const url = 'https://bucket.s3.test/%2FNinetyDays/doc?X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=ab';
    const put = await send({ operation: 'upload', method: 'PUT', path: url, body: { raw: 'ä,b', contentType: 'text/csv; charset=UTF-8' }, read: 'bytes' });
    expect(put.data).toEqual(Buffer.alloc(0));
    expect(seen).toEqual([{ path: '/%2FNinetyDays/doc?X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=ab', contentType: 'text/csv; charset=UTF-8', body: 'ä,b' }]);
    const got = await send({ operation: 'download', path: 'https://bucket.s3.test/doc.gz', read: 'bytes' });
    expect(Buffer.isBuffer(got.data) && (got.data as Buffer).equals(gzip)).toBe(true);
  });

  it('sends a form body and an XML body with their content types', async () => {
    const seen: [unknown, unknown][] = [];
    nock(BASE)
      .post('/form')
      .reply(function (_p, body) {
        seen.push([this.req.headers['content-type'], body]);
        return [200, {}];
      })
      .post('/xml')
      .reply(function (_p, body) {
        seen.push([this.req.headers['content-type'], body]);
        return [200, '<ok/>'];
      });
    const { send } = pipeline();
    await send({ operation: 'form', method: 'POST', path: '/form', body: { form: { a: '1', b: 'x y' } } });
    await send({ operation: 'xml', method: 'POST', path: '/xml', body: { xml: '<q/>' }, read: 'text' });
    expect(seen).toEqual([
      ['application/x-www-form-urlencoded;charset=UTF-8', 'a=1&b=x+y'],
      ['application/xml; charset=utf-8', '<q/>'],
    ]);
  });

  it('classifies an error inside an HTTP 200 through the vendor table, and resends it when transient', async () => {
    nock(BASE)
      .get('/status')
      .reply(200, { error: { code: 'BUSY', message: 'try later' } })
      .get('/status')
      .reply(200, { error: { code: 'BAD', message: 'no such thing' } });
    const { send, stats } = pipeline();
    const error = await rejection(send({ operation: 'status', path: '/status' }));
    expect([error.kind, error.vendorCode, error.message, error.status]).toEqual(['validation', 'BAD', 'Vendor status: BAD: no such thing', 200]);
    expect(stats()).toEqual({ requests: 2, throttled: 0, rateLimitWaitMs: 0, retries: 1, tokenRefreshes: 0 });
  });

  it('a non-idempotent POST is not resent after a 503; the status table names it', async () => {
    nock(BASE).post('/orders').reply(503, 'down');
    const { send, stats } = pipeline();
    const error = await rejection(send({ operation: 'createOrder', method: 'POST', path: '/orders', body: { json: {} } }));
    expect([error.kind, error.status, error.message]).toEqual(['transient', 503, 'Vendor createOrder: HTTP 503 with a non-JSON body: down']);
    expect(stats().requests).toBe(1);
  });

  it('a 2xx without a JSON body is a contract error', async () => {
    nock(BASE).get('/x').reply(200, '<html>maintenance</html>');
    const { send } = pipeline();
    const error = await rejection(send({ operation: 'getX', path: '/x' }));
    expect([error.kind, error.message]).toEqual(['contract', 'Vendor getX: HTTP 200 without a JSON body: <html>maintenance</html>']);
  });

  it('refreshes a refused token once and resends with the new one', async () => {
    const sent: unknown[] = [];
    nock(BASE)
      .get('/me')
      .twice()
      .reply(function () {
        sent.push(this.req.headers['authorization']);
        return sent.length === 1 ? [200, { error: { code: 'EXPIRED_TOKEN', message: 'expired' } }] : [200, { me: 1 }];
      });
    let issued = 0;
    const auth = new TokenAuth({
      fetchToken: () => Promise.resolve({ accessToken: `token-${(issued += 1)}`, expiresInS: 3600 }),
      headers: (token) => ({ authorization: `Bearer ${token}` }),
      clock: { now: () => 0 },
    });
    const { send, stats } = pipeline({ auth });
    await send({ operation: 'me', path: '/me' });
    expect(sent).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(stats()).toMatchObject({ requests: 2, retries: 1, tokenRefreshes: 2 });
  });

  it('a 429 penalises the bucket, is waited out in-process, then answers', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    nock(BASE).get('/q').reply(429, '', { 'retry-after': '2' }).get('/q').reply(200, { ok: true });
    const { send, stats } = pipeline({
      clock,
      rateLimit: { limiter, key: (operation) => ({ tenant: 't', vendor: 'vendor', operation }), plan: () => ({ rate: 10, burst: 1 }), maxWaitMs: 5_000, throttleRetries: 1 },
    });
    await send({ operation: 'q', path: '/q' });
    expect(stats()).toEqual({ requests: 2, throttled: 1, rateLimitWaitMs: 2000, retries: 1, tokenRefreshes: 0 });
  });

  it('a 429 asking for longer than maxWaitMs throws rate_limited with retryAfterMs', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    nock(BASE).get('/q').reply(429, '', { 'retry-after': '60' });
    const { send } = pipeline({
      clock,
      rateLimit: { limiter, key: (operation) => ({ tenant: 't', vendor: 'vendor', operation }), plan: () => ({ rate: 10, burst: 1 }), maxWaitMs: 5_000, throttleRetries: 3 },
    });
    const error = await rejection(send({ operation: 'q', path: '/q' }));
    expect([error.kind, error.retryAfterMs]).toEqual(['rate_limited', 60_000]);
  });

  it('takes a token from each quota bucket shared across operations: a daily allowance spent refuses every operation beyond the wait allowed', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiterRegistry({ clock });
    nock(BASE).get('/a').times(3).reply(200, { ok: true });
    nock(BASE).get('/b').reply(200, { ok: true });
    const day = { rate: 3 / 86_400, burst: 3 };
    const { send } = pipeline({
      clock,
      rateLimit: {
        limiter,
        key: (operation) => ({ tenant: 't', vendor: 'vendor', operation }),
        plan: () => ({ rate: 100, burst: 100 }),
        quotas: () => [{ key: { tenant: 't', vendor: 'vendor', operation: '(app per day)' }, plan: day }],
        maxWaitMs: 5_000,
      },
    });
    for (let i = 0; i < 3; i += 1) await send({ operation: 'a', path: '/a' });
    const error = await rejection(send({ operation: 'b', path: '/b' }));
    expect(error.kind).toBe('rate_limited');
    // The next token of a 3-a-day allowance is 8 hours away: the work goes back to Temporal for that long.
    expect(error.retryAfterMs).toBeGreaterThan(8 * 3_600_000 - 1_000);
    expect(nock.pendingMocks()).toEqual([expect.stringContaining('/b')]);
    nock.cleanAll();
  });

  it('logs one debug line per attempt without secrets or bodies', async () => {
    nock(BASE).get('/s').reply(200, { secretField: 'body-value' }, { 'x-request-id': 'r-9' });
    const { send, logs } = pipeline({ auth: basicAuth('user', 'very-secret-password') });
    await send({ operation: 's', path: '/s' });
    expect(logs.entries().filter((e) => e['level'] === 20).map((e) => [e['msg'], e['operation'], e['status'], e['requestId'], e['attempt']])).toEqual([['vendor request', 's', 200, 'r-9', 1]]);
    expect(logs.text()).not.toContain('very-secret-password');
    expect(logs.text()).not.toContain(Buffer.from('user:very-secret-password').toString('base64'));
    expect(logs.text()).not.toContain('body-value');
  });

  it('leaves no abort listener on a shared signal after 200 requests (successes, retries, failures)', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    const before = getEventListeners(signal, 'abort').length;
    const limiter = new RateLimiterRegistry();
    nock(BASE).get('/ok').times(150).reply(200, { ok: true });
    nock(BASE).get('/flaky').times(25).reply(503, '').get('/flaky').times(25).reply(200, { ok: true });
    nock(BASE).get('/bad').times(25).reply(400, { error: { code: 'BAD', message: 'no' } });
    nock(BASE).get('/reset').times(25).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { send } = pipeline({
      retryPolicy: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 1 },
      rateLimit: { limiter, key: (operation) => ({ tenant: 't', vendor: 'vendor', operation }), plan: () => ({ rate: 1e6, burst: 1e6 }), maxWaitMs: 1_000 },
    });
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 150; i += 1) calls.push(send({ operation: 'ok', path: '/ok' }, { signal }));
    for (let i = 0; i < 25; i += 1) calls.push(send({ operation: 'flaky', path: '/flaky' }, { signal }));
    for (let i = 0; i < 25; i += 1) calls.push(send({ operation: 'bad', path: '/bad' }, { signal }).catch((e: unknown) => e));
    const settled = await Promise.all(calls);
    expect(settled.filter((s) => s instanceof ConnectorError)).toHaveLength(25);
    // Network failures, retried once then thrown.
    const resets = await Promise.all(Array.from({ length: 13 }, () => send({ operation: 'reset', path: '/reset' }, { signal }).catch((e: unknown) => e)));
    expect(resets.every((e) => e instanceof ConnectorError && e.kind === 'transient')).toBe(true);
    expect(getEventListeners(signal, 'abort')).toHaveLength(before);
  });

  it('an aborted signal stops the request with the signal reason', async () => {
    nock(BASE).get('/slow').delay(2_000).reply(200, {});
    const controller = new AbortController();
    const { send } = pipeline();
    const pending = send({ operation: 'slow', path: '/slow' }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('activity cancelled')), 10);
    await expect(pending).rejects.toThrow('activity cancelled');
  });
});
