/** recogniseEcbErrorReply / recogniseXeErrorReply: the rate sources' error replies, for the connector and `caravan map`. */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { recogniseEcbErrorReply, recogniseFxErrorReply, recogniseXeErrorReply } from '../../../connectors/fx/index.js';
import { UnparsedBody } from '../../../connectors/http/client.js';
import { isolateNetworkPerTest, makeXe, rejection, XE_HOST } from './fx-test-kit.js';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/fx/${path}`, import.meta.url), 'utf8');
const DAILY = fixture('ecb/eurofxref-daily_2018-06-11.xml');

describe('recogniseEcbErrorReply', () => {
  const ctx = { operation: 'ecbReferenceRates' };

  it('a real reference-rate file is not an error', () => {
    expect(recogniseEcbErrorReply(DAILY, { ...ctx, status: 200 })).toBeUndefined();
    expect(recogniseEcbErrorReply(fixture('ecb/eurofxref-hist-90d_2018-06-11.xml'), ctx)).toBeUndefined();
  });

  it('an HTML page, an empty body, JSON and a file cut short are errors where the XML is expected', () => {
    const page = recogniseEcbErrorReply('<!DOCTYPE html><html><head><title>ECB: Service unavailable</title></head><body></body></html>', { ...ctx, status: 200, headers: { 'content-type': 'text/html' } });
    expect([page?.kind, page?.vendor, page?.status, page?.message]).toEqual([
      'contract',
      'ecb',
      200,
      'ECB ecbReferenceRates: HTTP 200 with an HTML page (ECB: Service unavailable) (content-type text/html) where the reference-rate XML was expected',
    ]);
    expect(recogniseEcbErrorReply('', ctx)?.message).toBe('ECB ecbReferenceRates: with an empty body');
    expect(recogniseEcbErrorReply({ rates: {} }, ctx)?.message).toBe('ECB ecbReferenceRates: with a JSON body: {"rates":{}} where the reference-rate XML was expected');
    const cut = recogniseEcbErrorReply(new UnparsedBody(DAILY.slice(0, 900)), { ...ctx, status: 200 });
    expect(cut?.kind).toBe('contract');
    expect(cut?.message.startsWith('ECB ecbReferenceRates: HTTP 200 with a truncated reference-rate file (no closing </gesmes:Envelope>)')).toBe(true);
  });

  it('a failure status is an error whatever the body, with its Retry-After', () => {
    const error = recogniseEcbErrorReply('<html><body>Service Unavailable</body></html>', { ...ctx, status: 503, headers: { 'retry-after': '120' } });
    expect([error?.kind, error?.retryAfterMs, error?.message]).toEqual(['transient', 120_000, 'ECB ecbReferenceRates: HTTP 503 with <html><body>Service Unavailable</body></html>']);
  });
});

describe('recogniseXeErrorReply', () => {
  const ctx = { operation: 'xeConvertFrom' };

  it('XE error bodies with their code: by status when known, as text or parsed JSON', () => {
    const auth = recogniseXeErrorReply('{"code":1,"message":"Bad credentials","documentation_url":"https://xecdapi.xe.com/docs/v1/"}', { ...ctx, status: 401 });
    expect([auth?.kind, auth?.vendor, auth?.vendorCode, auth?.message]).toEqual(['auth', 'xe', '1', 'XE xeConvertFrom: HTTP 401 code 1: Bad credentials']);
    const file = recogniseXeErrorReply({ code: '7', message: 'No ZZZ found on 2011-03-05' }, ctx);
    expect([file?.kind, file?.vendorCode, file?.status, file?.message]).toEqual(['contract', '7', undefined, 'XE xeConvertFrom: code 7: No ZZZ found on 2011-03-05']);
  });

  it('real XE answers are not errors; an HTML page is one only with a failure status', () => {
    expect(recogniseXeErrorReply(fixture('xe/convert_from.json'), { ...ctx, status: 200 })).toBeUndefined();
    expect(recogniseXeErrorReply(fixture('xe/historic_rate.json'), ctx)).toBeUndefined();
    expect(recogniseXeErrorReply('<html>Bad Gateway</html>', ctx)).toBeUndefined();
    expect(recogniseFxErrorReply('xe', '<html>Bad Gateway</html>', { ...ctx, status: 502 })).toMatchObject({ kind: 'transient', vendor: 'xe' });
  });

  describe('through the client', () => {
    isolateNetworkPerTest();
    it('an XE error body inside an HTTP 200 fails the call with its code', async () => {
      nock(XE_HOST).get('/v1/convert_from.json').query(true).reply(200, '{"code":7,"message":"No ZZZ found on 2011-03-05"}', { 'content-type': 'application/json' });
      const { client } = makeXe();
      const error = await rejection(client.convertFrom({ from: 'USD', to: ['EUR'] }));
      expect([error.kind, error.status, error.vendorCode, error.message]).toEqual(['contract', 200, '7', 'XE xeConvertFrom: HTTP 200 code 7: No ZZZ found on 2011-03-05']);
    });
  });
});
