import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, parseResponseBody, sendWithRetry, UnparsedBody, type RetryAttempt } from '../../../connectors/http/client.js';
import { captureLogs } from '../log-capture.js';

const BASE = 'https://api.vendor.test';
const FAST = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 };

function client(extra: { timeoutMs?: number; baseURL?: string } = {}) {
  return createHttpClient({ vendor: 'test', baseURL: BASE, userAgent: 'Caravan/0.1 (Language=TypeScript)', logger: captureLogs().logger, ...extra });
}

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('createHttpClient', () => {
  it('never throws on a status, sends user-agent and accept, and parses JSON', async () => {
    let headers: Record<string, unknown> = {};
    nock(BASE)
      .get('/x')
      .reply(function () {
        headers = { ...this.req.headers };
        return [404, { errors: [{ code: 'NotFound', message: 'no' }] }];
      });
    const response = await client().get('/x');
    expect(response.status).toBe(404);
    expect(response.data).toEqual({ errors: [{ code: 'NotFound', message: 'no' }] });
    expect(headers['user-agent']).toBe('Caravan/0.1 (Language=TypeScript)');
    expect(headers['accept']).toBe('application/json');
  });

  it('returns an HTML or truncated body as UnparsedBody instead of throwing, and an empty body as undefined', async () => {
    nock(BASE)
      .get('/html')
      .reply(200, '<html><body>Service Unavailable</body></html>', { 'content-type': 'application/json' })
      .get('/truncated')
      .reply(200, '{"payload":{"Orders":[', { 'content-type': 'application/json' })
      .get('/empty')
      .reply(204, '');
    const http = client();
    const html = await http.get('/html');
    expect(html.data).toBeInstanceOf(UnparsedBody);
    expect((html.data as UnparsedBody).text).toBe('<html><body>Service Unavailable</body></html>');
    expect(((await http.get('/truncated')).data as UnparsedBody).preview()).toBe('{"payload":{"Orders":[');
    expect((await http.get('/empty')).data).toBeUndefined();
    expect(parseResponseBody('  ')).toBeUndefined();
  });

  it('does not follow redirects (the access token header must not travel elsewhere)', async () => {
    nock(BASE).get('/moved').reply(302, '', { location: 'https://elsewhere.test/steal' });
    const response = await client().get('/moved');
    expect(response.status).toBe(302);
  });
});

describe('sendWithRetry', () => {
  it('resends an idempotent request after 5xx twice and returns the success', async () => {
    nock(BASE).get('/r').reply(503, 'busy').get('/r').reply(500, 'oops').get('/r').reply(200, { ok: true });
    const http = client();
    const retries: RetryAttempt[] = [];
    const attempts: number[] = [];
    const response = await sendWithRetry(
      (attempt) => {
        attempts.push(attempt);
        return http.get('/r');
      },
      { idempotent: true, policy: FAST, onRetry: (r) => retries.push(r) },
    );
    expect(response.status).toBe(200);
    expect(attempts).toEqual([1, 2, 3]);
    expect(retries).toEqual([
      { attempt: 2, reason: 'status 503' },
      { attempt: 3, reason: 'status 500' },
    ]);
  });

  it('returns the last 5xx once the two retries are spent', async () => {
    const scope = nock(BASE).get('/r').times(3).reply(502, 'bad gateway');
    const http = client();
    const response = await sendWithRetry(() => http.get('/r'), { idempotent: true, policy: FAST });
    expect(response.status).toBe(502);
    expect(scope.isDone()).toBe(true);
  });

  it('retries a network error and throws the last one when retries are spent', async () => {
    nock(BASE)
      .get('/r')
      .times(3)
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const http = client();
    const retries: RetryAttempt[] = [];
    const error = await sendWithRetry(() => http.get('/r'), { idempotent: true, policy: FAST, onRetry: (r) => retries.push(r) }).then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).toBe('ECONNREFUSED');
    expect(retries.map((r) => r.reason)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
  });

  it.each([400, 401, 404, 409, 429])('never resends a %i', async (status) => {
    nock(BASE).get('/r').reply(status, {});
    const http = client();
    let attempts = 0;
    const response = await sendWithRetry(
      () => {
        attempts += 1;
        return http.get('/r');
      },
      { idempotent: true, policy: FAST },
    );
    expect([response.status, attempts]).toEqual([status, 1]);
  });

  it('never resends a non-idempotent request', async () => {
    nock(BASE).post('/w').reply(503, 'busy');
    const http = client();
    let attempts = 0;
    const response = await sendWithRetry(
      () => {
        attempts += 1;
        return http.post('/w', {});
      },
      { idempotent: false, policy: FAST },
    );
    expect([response.status, attempts]).toEqual([503, 1]);
  });

  it('passes through errors that are not network errors without retrying', async () => {
    let attempts = 0;
    const error = await sendWithRetry(
      () => {
        attempts += 1;
        return Promise.reject(new RangeError('bug'));
      },
      { idempotent: true, policy: FAST },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe('bug');
    expect(attempts).toBe(1);
  });
});
