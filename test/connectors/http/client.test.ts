import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, parseResponseBody, UnparsedBody } from '../../../connectors/http/client.js';
import { captureLogs } from '../log-capture.js';

const BASE = 'https://api.vendor.test';

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
