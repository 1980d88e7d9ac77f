import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fxFixtureText } from '../../mappings/fx/fx-fixtures.js';
import { answer, ECB_HOST, ecbRates, isolateNetworkPerTest, makeEcb, rejection, XML, type SeenRequest } from './fx-test-kit.js';
import { describeFxIssues, ecbRatesFileToFxRates } from '../../../mappings/fx/index.js';
import { chooseEcbFeed } from '../../../connectors/fx/index.js';

isolateNetworkPerTest();

const DAILY = fxFixtureText('ecb/eurofxref-daily_2018-06-11.xml');
const HIST_90D = fxFixtureText('ecb/eurofxref-hist-90d_2019-11-29.xml');
const HIST = fxFixtureText('ecb/eurofxref-hist_2019-12-17_to_2020-01-28.xml');

const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ECB: Service unavailable</title></head>
<body><h1>Service temporarily unavailable</h1><p>Please try again later.<br></body></html>`;

describe('ECB reference rates: requests and parsed results', () => {
  it('GETs eurofxref-daily.xml without credentials and returns its 32 rates exactly', async () => {
    const seen: SeenRequest[] = [];
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-daily.xml').reply(answer(seen, 200, DAILY, XML));
    const { client } = makeEcb();

    const result = ecbRates(await client.getRates('daily'));

    expect(seen.map((s) => [s.method, s.path])).toEqual([['GET', '/stats/eurofxref/eurofxref-daily.xml']]);
    expect(seen[0]?.headers.accept).toBe('text/xml, application/xml;q=0.9');
    expect(seen[0]?.headers['user-agent']).toBe('Caravan/0.1 (currency rates)');
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect([result.source, result.feed, result.dates, result.rates.length, result.skipped]).toEqual(['ecb', 'eurofxref-daily.xml', ['2018-06-11'], 32, []]);
    expect(result.rates.find((r) => r.quote === 'GBP')).toEqual({ source: 'ecb', base: 'EUR', quote: 'GBP', date: '2018-06-11', rate: '0.88180' });
  });

  it('GETs eurofxref-hist-90d.xml and eurofxref-hist.xml', async () => {
    const seen: SeenRequest[] = [];
    nock(ECB_HOST)
      .get('/stats/eurofxref/eurofxref-hist-90d.xml')
      .reply(answer(seen, 200, HIST_90D, XML))
      .get('/stats/eurofxref/eurofxref-hist.xml')
      .reply(answer(seen, 200, HIST, XML));
    const { client } = makeEcb();

    const ninety = ecbRates(await client.getRates('hist90d'));
    const history = ecbRates(await client.getRates('hist'));

    expect(seen.map((s) => s.path)).toEqual(['/stats/eurofxref/eurofxref-hist-90d.xml', '/stats/eurofxref/eurofxref-hist.xml']);
    expect([ninety.feed, ninety.dates.length, ninety.rates.length, ninety.dates[0], ninety.dates.at(-1)]).toEqual([
      'eurofxref-hist-90d.xml',
      65,
      2080,
      '2019-09-02',
      '2019-11-29',
    ]);
    expect([history.feed, history.dates.length, history.rates.length]).toEqual(['eurofxref-hist.xml', 28, 896]);
  });

  it('reads a gzip-encoded answer (axios decompresses)', async () => {
    const seen: SeenRequest[] = [];
    nock(ECB_HOST)
      .get('/stats/eurofxref/eurofxref-daily.xml')
      .reply(answer(seen, 200, gzipSync(Buffer.from(DAILY)), { ...XML, 'content-encoding': 'gzip' }));
    const { client } = makeEcb();

    const result = ecbRates(await client.getRates('daily'));

    expect(String(seen[0]?.headers['accept-encoding'])).toContain('gzip');
    expect(result.rates.find((r) => r.quote === 'USD')?.rate).toBe('1.1790');
  });

  it('uses an overridden base URL (the sandbox) with the same paths', async () => {
    const seen: SeenRequest[] = [];
    nock('http://127.0.0.1:8710').get('/stats/eurofxref/eurofxref-daily.xml').reply(answer(seen, 200, DAILY, XML));
    const { client } = makeEcb({ baseUrl: 'http://127.0.0.1:8710/' });
    expect(ecbRates(await client.getRates('daily')).rates).toHaveLength(32);
    expect(seen).toHaveLength(1);
  });

  it('getRatesBetween reads the 90-day file for recent dates and keeps only the range', async () => {
    const seen: SeenRequest[] = [];
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-hist-90d.xml').reply(answer(seen, 200, HIST_90D, XML));
    const { client } = makeEcb();

    const result = ecbRates(await client.getRatesBetween('2019-11-25', '2019-11-28', { today: '2019-11-29' }), { from: '2019-11-25', to: '2019-11-28' });

    expect(seen.map((s) => s.path)).toEqual(['/stats/eurofxref/eurofxref-hist-90d.xml']);
    expect(result.dates).toEqual(['2019-11-25', '2019-11-26', '2019-11-27', '2019-11-28']);
    expect(result.rates).toHaveLength(4 * 32);
  });

  it('getRatesBetween reads the full history for older dates, and checks its dates locally', async () => {
    const seen: SeenRequest[] = [];
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-hist.xml').reply(answer(seen, 200, HIST, XML));
    const { client } = makeEcb();

    const result = ecbRates(await client.getRatesBetween('2019-12-24', '2019-12-31', { today: '2026-03-02' }), { from: '2019-12-24', to: '2019-12-31' });
    expect(result.dates).toEqual(['2019-12-24', '2019-12-27', '2019-12-30', '2019-12-31']);

    const error = await rejection(client.getRatesBetween('2019-12-31', '2019-12-24', { today: '2026-03-02' }));
    expect([error.kind, error.message]).toEqual(['validation', 'ECB ecbReferenceRates: from 2019-12-31 is after to 2019-12-24']);
    expect(seen).toHaveLength(1);
  });

  it('chooses the smallest file that covers the start date', () => {
    expect(chooseEcbFeed('2026-01-10', '2026-03-02')).toBe('hist90d');
    expect(chooseEcbFeed('2025-12-01', '2026-03-02')).toBe('hist');
  });
});

describe('ECB answers that are not reference rates → contract errors, never rates', () => {
  const cases: Array<[string, string, string]> = [
    ['an HTML error page', HTML_ERROR_PAGE, 'ECB ecbReferenceRates: eurofxref-daily.xml is not the ECB reference-rate XML: not well-formed XML (Unexpected close tag'],
    [
      'an XHTML page',
      '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Maintenance</p></body></html>',
      'ECB ecbReferenceRates: eurofxref-daily.xml is not the ECB reference-rate XML: (root): root element is <html>, expected gesmes:Envelope: not an ECB reference-rate file (content-type text/html)',
    ],
    ['a truncated file', DAILY.slice(0, 900), 'ECB ecbReferenceRates: eurofxref-daily.xml is not the ECB reference-rate XML: not well-formed XML (Unclosed root tag'],
    [
      'a wrong root element',
      '<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>',
      'ECB ecbReferenceRates: eurofxref-daily.xml is not the ECB reference-rate XML: (root): root element is <Error>, expected gesmes:Envelope',
    ],
    ['an empty body', '', 'ECB ecbReferenceRates: HTTP 200 with an empty body'],
  ];

  it.each(cases)('%s', async (_name, body, message) => {
    const contentType = body.includes('<html') ? { 'content-type': 'text/html' } : XML;
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-daily.xml').reply(200, body, contentType);
    const { client } = makeEcb();
    const error = await rejection(client.getRates('daily'));
    expect(error.kind).toBe('contract');
    expect(error.vendor).toBe('ecb');
    expect(error.message.startsWith(message), error.message).toBe(true);
    expect(error.retryable).toBe(false);
  });
});

describe('ECB files that parse but hold no valid rates → mapping errors naming the field (mappings/fx)', () => {
  it.each([
    [
      'an empty Cube',
      '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube></Cube></gesmes:Envelope>',
      'Cube: is empty: no dated Cube (no rates published)',
    ],
    ['a non-decimal rate', DAILY.replace("rate='129.62'", "rate='129,62'"), 'Cube.Cube[time=2018-06-11].Cube[currency=JPY]@rate: is not a positive decimal number ("129,62")'],
  ])('%s', async (_name, body, issue) => {
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-daily.xml').reply(200, body, XML);
    const { client } = makeEcb();
    const file = await client.getRates('daily');
    const mapped = ecbRatesFileToFxRates(file);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) expect([mapped.error.recordType, mapped.error.recordId, describeFxIssues(mapped.error.issues)]).toEqual(['fx.ecb', 'eurofxref-daily.xml', issue]);
  });
});

describe('ECB HTTP failures', () => {
  it('404 is not_found, without retry', async () => {
    const seen: SeenRequest[] = [];
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-hist.xml').reply(answer(seen, 404, '<html><body>Not found</body></html>', { 'content-type': 'text/html' }));
    const { client } = makeEcb();
    const error = await rejection(client.getRates('hist'));
    expect([error.kind, error.status, error.message]).toEqual(['not_found', 404, 'ECB ecbReferenceRates: HTTP 404 with <html><body>Not found</body></html>']);
    expect(seen).toHaveLength(1);
  });

  it('a 503 is resent briefly, then transient', async () => {
    const seen: SeenRequest[] = [];
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-daily.xml').times(3).reply(answer(seen, 503, HTML_ERROR_PAGE, { 'content-type': 'text/html', 'retry-after': '120' }));
    const { client } = makeEcb();
    const error = await rejection(client.getRates('daily'));
    expect([error.kind, error.status, error.retryAfterMs, error.retryable]).toEqual(['transient', 503, 120_000, true]);
    expect(seen).toHaveLength(3);
    expect(client.stats()).toMatchObject({ requests: 3, throttled: 0, retries: 2, tokenRefreshes: 0 });
  });

  it('a 500 then a good file succeeds', async () => {
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-daily.xml').reply(500, 'oops').get('/stats/eurofxref/eurofxref-daily.xml').reply(200, DAILY, XML);
    const { client } = makeEcb();
    expect(ecbRates(await client.getRates('daily')).rates).toHaveLength(32);
  });

  it('a connection reset on every attempt is a transient network error', async () => {
    // An Error instance: nock 14 + axios hang on a plain-object error.
    nock(ECB_HOST).get('/stats/eurofxref/eurofxref-daily.xml').times(3).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { client } = makeEcb();
    const error = await rejection(client.getRates('daily'));
    expect([error.kind, error.vendorCode, error.message]).toEqual(['transient', 'ECONNRESET', 'ECB ecbReferenceRates: network error ECONNRESET: socket hang up']);
  });

  it('refuses invalid settings and unknown feeds before any request', async () => {
    expect(() => makeEcb({ baseUrl: 'ftp://example.com' })).toThrow(/ECB settings invalid: baseUrl/);
    const { client } = makeEcb();
    const error = await rejection(client.getRates('weekly' as never));
    expect([error.kind, error.message]).toEqual(['validation', 'ECB ecbReferenceRates: unknown feed "weekly" (daily, hist90d, hist)']);
  });
});
