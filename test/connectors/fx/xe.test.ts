import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fxFixtureText } from '../../mappings/fx/fx-fixtures.js';
import { answer, isolateNetworkPerTest, JSON_TYPE, makeXe, rejection, XE_BASIC, XE_CREDENTIALS, XE_HOST, xeRates, type SeenRequest } from './fx-test-kit.js';
import { createXeClient } from '../../../connectors/fx/index.js';
import { captureLogs } from '../log-capture.js';

isolateNetworkPerTest();

const CONVERT_FROM = fxFixtureText('xe/convert_from.json');
const HISTORIC_RATE = fxFixtureText('xe/historic_rate.json');

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(XE_CREDENTIALS.apiKey);
  expect(text).not.toContain(XE_BASIC.slice('Basic '.length));
}

describe('XE convert_from', () => {
  it('GETs /v1/convert_from.json?from=&to=&amount=1 with basic auth and returns the exact mid', async () => {
    const seen: SeenRequest[] = [];
    nock(XE_HOST).get('/v1/convert_from.json').query(true).reply(answer(seen, 200, CONVERT_FROM, JSON_TYPE));
    const { client, logs } = makeXe();

    const reply = await client.convertFrom({ from: 'CAD', to: ['EUR'] });
    // The connector returns XE's own answer, numbers as decimal text…
    expect(reply.body.to).toEqual([{ quotecurrency: 'EUR', mid: '0.6817819473' }]);
    // …and mappings/fx makes canonical rates of it.
    const result = xeRates(reply);

    expect(seen.map((s) => [s.method, s.path])).toEqual([['GET', '/v1/convert_from.json?from=CAD&to=EUR&amount=1']]);
    expect(seen[0]?.headers.authorization).toBe(XE_BASIC);
    expect(seen[0]?.headers.accept).toBe('application/json');
    expect(result).toEqual({
      source: 'xe',
      feed: 'convert_from.json',
      rates: [{ source: 'xe', base: 'CAD', quote: 'EUR', date: '2016-04-12', rate: '0.6817819473', timestamp: '2016-04-12T13:24:00Z' }],
      skipped: [],
      dates: ['2016-04-12'],
    });
    expect(logs.entries().some((e) => e.msg === 'xe request' && e.status === 200 && e.operation === 'xeConvertFrom')).toBe(true);
    expectNoSecrets(logs.text());
  });

  it('sends several targets comma-separated, and * for all', async () => {
    const seen: SeenRequest[] = [];
    nock(XE_HOST).get('/v1/convert_from.json').query(true).times(2).reply(answer(seen, 200, CONVERT_FROM, JSON_TYPE));
    const { client } = makeXe();
    await client.convertFrom({ from: 'USD', to: ['EUR', 'JPY', 'KWD'] });
    await client.convertFrom({ from: 'USD', to: '*' });
    expect(seen.map((s) => s.path)).toEqual(['/v1/convert_from.json?from=USD&to=EUR,JPY,KWD&amount=1', '/v1/convert_from.json?from=USD&to=*&amount=1']);
  });

  it('reads mid digits a float would change', async () => {
    const body = '{"from":"USD","amount":1,"timestamp":"2026-03-02T16:00:00Z","to":[{"quotecurrency":"VND","mid":1234567.1234567891}]}';
    nock(XE_HOST).get('/v1/convert_from.json').query(true).reply(200, body, JSON_TYPE);
    const { client } = makeXe();
    const result = xeRates(await client.convertFrom({ from: 'USD', to: ['VND'] }));
    expect(result.rates[0]?.rate).toBe('1234567.1234567891');
    expect(String(1234567.1234567891)).not.toBe('1234567.1234567891');
  });

  it('refuses bad codes locally, before any request', async () => {
    const { client } = makeXe();
    for (const params of [{ from: 'usd', to: ['EUR'] }, { from: 'USD', to: [] }, { from: 'USD', to: ['EUR,JPY'] }]) {
      const error = await rejection(client.convertFrom(params));
      expect(error.kind).toBe('validation');
    }
    expect(client.stats().requests).toBe(0);
  });
});

describe('XE historic_rate', () => {
  it('GETs /v1/historic_rate.json?from=&date=&to=&amount=1 and dates the rates by the timestamp', async () => {
    const seen: SeenRequest[] = [];
    nock(XE_HOST).get('/v1/historic_rate.json').query(true).reply(answer(seen, 200, HISTORIC_RATE, JSON_TYPE));
    const { client } = makeXe();

    const result = xeRates(await client.historicRate({ from: 'CAD', to: ['JPY', 'EUR'], date: '2011-03-05' }));

    expect(seen.map((s) => [s.method, s.path])).toEqual([['GET', '/v1/historic_rate.json?from=CAD&date=2011-03-05&to=JPY,EUR&amount=1']]);
    expect(seen[0]?.headers.authorization).toBe(XE_BASIC);
    expect(result.feed).toBe('historic_rate.json');
    expect(result.rates).toEqual([
      { source: 'xe', base: 'CAD', quote: 'JPY', date: '2011-03-05', rate: '84.6018121206', timestamp: '2011-03-05T17:00:00Z' },
      { source: 'xe', base: 'CAD', quote: 'EUR', date: '2011-03-05', rate: '0.7353659267', timestamp: '2011-03-05T17:00:00Z' },
    ]);
  });

  it('passes time HH:MM and refuses an impossible date locally', async () => {
    const seen: SeenRequest[] = [];
    nock(XE_HOST).get('/v1/historic_rate.json').query(true).reply(answer(seen, 200, HISTORIC_RATE, JSON_TYPE));
    const { client } = makeXe();
    await client.historicRate({ from: 'CAD', to: ['JPY'], date: '2011-03-05', time: '17:00' });
    expect(seen[0]?.path).toBe('/v1/historic_rate.json?from=CAD&date=2011-03-05&to=JPY&time=17%3A00&amount=1');
    const error = await rejection(client.historicRate({ from: 'CAD', to: ['JPY'], date: '2011-02-29' }));
    expect([error.kind, error.message]).toEqual(['validation', 'XE xeHistoricRate: date must be a date YYYY-MM-DD, got "2011-02-29"']);
  });
});

describe('XE error bodies → ConnectorError kinds', () => {
  const cases: Array<[number, Record<string, string>, string, string, boolean]> = [
    [401, {}, '{"code":1,"message":"Bad credentials","documentation_url":"https://xecdapi.xe.com/docs/v1/"}', 'auth', false],
    [403, {}, '{"code":4,"message":"Your package does not include historic rates"}', 'auth', false],
    [429, { 'retry-after': '30' }, '{"code":429,"message":"Too many requests: monthly package limit reached"}', 'rate_limited', true],
    [400, {}, '{"code":7,"message":"No ZZZ found on 2011-03-05"}', 'validation', false],
    [404, {}, '{"code":2,"message":"Endpoint not found"}', 'not_found', false],
  ];

  it.each(cases)('HTTP %i → %s', async (status, headers, body, kind, retryable) => {
    const seen: SeenRequest[] = [];
    nock(XE_HOST).get('/v1/historic_rate.json').query(true).reply(answer(seen, status, body, { ...JSON_TYPE, ...headers }));
    const { client, logs } = makeXe();

    const error = await rejection(client.historicRate({ from: 'USD', to: ['EUR'], date: '2011-03-05' }));

    const parsed = JSON.parse(body) as { code: number; message: string };
    expect([error.kind, error.status, error.vendor, error.vendorCode, error.retryable]).toEqual([kind, status, 'xe', String(parsed.code), retryable]);
    expect(error.message).toBe(`XE xeHistoricRate: HTTP ${status} code ${parsed.code}: ${parsed.message}`);
    expect(seen).toHaveLength(1);
    expectNoSecrets(`${error.message} ${JSON.stringify(error)} ${logs.text()}`);
  });

  it('a 429 carries Retry-After and holds the bucket for that long', async () => {
    nock(XE_HOST).get('/v1/convert_from.json').query(true).reply(429, '{"code":429,"message":"Too many requests"}', { ...JSON_TYPE, 'retry-after': '30' });
    const { client } = makeXe({ maxInProcessWaitMs: 1000 });
    const first = await rejection(client.convertFrom({ from: 'USD', to: ['EUR'] }));
    expect([first.kind, first.retryAfterMs]).toEqual(['rate_limited', 30_000]);
    // The next call does not hit XE: our own bucket says wait 30 s, more than we may wait here.
    const second = await rejection(client.convertFrom({ from: 'USD', to: ['EUR'] }));
    expect([second.kind, second.retryAfterMs]).toEqual(['rate_limited', 30_000]);
    expect(client.stats()).toMatchObject({ requests: 1, throttled: 1, retries: 0, tokenRefreshes: 0 });
  });

  it('a 500 without a JSON body is retried, then transient', async () => {
    nock(XE_HOST).get('/v1/convert_from.json').query(true).times(3).reply(500, '<html>Internal Server Error</html>', { 'content-type': 'text/html' });
    const { client } = makeXe();
    const error = await rejection(client.convertFrom({ from: 'USD', to: ['EUR'] }));
    expect([error.kind, error.message]).toEqual(['transient', 'XE xeConvertFrom: HTTP 500 with <html>Internal Server Error</html>']);
    expect(client.stats()).toMatchObject({ requests: 3, throttled: 0, retries: 2, tokenRefreshes: 0 });
  });

  it('a 200 that is not the documented body is a contract error naming the field', async () => {
    nock(XE_HOST)
      .get('/v1/convert_from.json')
      .query(true)
      .reply(200, '<html><body>Maintenance</body></html>', { 'content-type': 'text/html' })
      .get('/v1/convert_from.json')
      .query(true)
      .reply(200, '{"from":"USD","amount":1,"timestamp":"2026-03-02T16:00:00Z","to":[{"quotecurrency":"EUR","mid":"n/a"}]}', JSON_TYPE);
    const { client } = makeXe();
    const html = await rejection(client.convertFrom({ from: 'USD', to: ['EUR'] }));
    expect(html.kind).toBe('contract');
    expect(html.message).toMatch(/^XE xeConvertFrom: convert_from.json answered a body that is not JSON \(not JSON: .*\): <html><body>Maintenance<\/body><\/html>$/);
    const badMid = await rejection(client.convertFrom({ from: 'USD', to: ['EUR'] }));
    expect([badMid.kind, badMid.message]).toEqual(['contract', 'XE xeConvertFrom: convert_from.json answer does not match the API: to[0].mid: must be a JSON number']);
  });

  it('refuses credentials without echoing them', () => {
    const logs = captureLogs();
    let thrown: unknown;
    try {
      createXeClient({ tenant: 'acme', credentials: { accountId: 'has:colon', apiKey: XE_CREDENTIALS.apiKey }, logger: logs.logger });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toBe('XE credentials invalid: accountId: must not contain ":" (basic auth user-id)');
    expectNoSecrets((thrown as Error).message);
    expect(() => createXeClient({ tenant: 'acme', credentials: { accountId: 'a', apiKey: '' }, logger: logs.logger })).toThrow(/XE credentials invalid: apiKey/);
  });
});
