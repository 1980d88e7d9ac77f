/**
 * `caravan map aliexpress.signed-request | alibaba.signed-request`: the vendor's worked signing
 * examples verify under every protocol, a tampered parameter or signature is refused with the
 * platform's own code, requests as sent (URL, form body, recorded exchange) are read, and token
 * values never reach the output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { caravanMap, scratchFiles } from './map-harness.js';
import { RECORD_KINDS } from '../../cli/record-kinds.js';

const VECTORS = join(import.meta.dirname, '..', 'fixtures', 'aliexpress', 'signing-test-vectors.json');
const write = scratchFiles('caravan-map-signed-');

interface Vector {
  id: string;
  app_secret: string;
  params: Record<string, string>;
  expected_sign: string;
  api_path?: string;
}
const vectors = (JSON.parse(readFileSync(VECTORS, 'utf8')) as { vectors: Vector[] }).vectors;
const vector = (id: string): Vector => vectors.find((v) => v.id === id)!;

/** Our own HMAC-SHA256 over the sorted pairs (not the connector's), for requests built here. */
function iopSign(secret: string, params: Record<string, string>, prefix = ''): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  return createHmac('sha256', secret).update(prefix + pairs).digest('hex').toUpperCase();
}

afterEach(() => {
  delete process.env['CARAVAN_APP_SECRET'];
});

describe('caravan map aliexpress.signed-request', () => {
  it('is listed for both platforms', () => {
    expect(Object.keys(RECORD_KINDS)).toEqual(expect.arrayContaining(['aliexpress.signed-request', 'alibaba.signed-request']));
  });

  it('verifies every worked example of the vendor file: IOP REST, TOP md5 and the param2 gateway', async () => {
    const r = await caravanMap('aliexpress.signed-request', VECTORS);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const records = JSON.parse(r.stdout) as { id: string; protocol: string; api: string; signature: { verified: boolean; computed: string } }[];
    expect(records.map((x) => [x.id, x.protocol, x.api, x.signature.verified])).toEqual([
      ['iop-rest-sha256-order-get', 'iop-rest', '/order/get', true],
      ['top-md5-solution-order-fulfill', 'top', 'aliexpress.solution.order.fulfill', true],
      ['aop-param2-hmac-sha1-currentTime', 'aop-param2', 'param2/1/system/currentTime/1000000', true],
    ]);
    expect(records[0]!.signature.computed).toBe(vector('iop-rest-sha256-order-get').expected_sign);
  });

  it('reads the TOP timestamp as GMT+8 and hides the session token', async () => {
    const r = await caravanMap('aliexpress.signed-request', write('top.json', vector('top-md5-solution-order-fulfill')));
    expect(r.code).toBe(0);
    const [rec] = JSON.parse(r.stdout) as { timestamp: string; parameters: Record<string, string>; stringToSign: string }[];
    expect(rec!.timestamp).toBe('2016-01-01T04:00:00.000Z');
    expect(rec!.parameters.session).toBe('***');
    expect(r.stdout).not.toContain('sessiontest');
  });

  it('refuses a tampered parameter with the platform code: TOP 25, IOP IncompleteSignature', async () => {
    const top = vector('top-md5-solution-order-fulfill');
    const t = await caravanMap('aliexpress.signed-request', write('top-bad.json', { ...top, params: { ...top.params, out_ref: '1000006270175805' } }));
    expect(t.code).toBe(1);
    expect(t.stdout + t.stderr).toContain('25: Invalid signature');
    const iop = vector('iop-rest-sha256-order-get');
    const i = await caravanMap('aliexpress.signed-request', write('iop-bad.json', { ...iop, expected_sign: iop.expected_sign.replace(/^4/, '5') }));
    expect(i.code).toBe(1);
    expect(i.stdout + i.stderr).toContain('IncompleteSignature');
  });

  it('reads a /sync request as sent (URL query + form body) with the secret from CARAVAN_APP_SECRET, without the path prefix', async () => {
    const params = { method: 'aliexpress.solution.order.get', app_key: '34567890', timestamp: '1764979200000', sign_method: 'sha256', access_token: 'secret-token-value', param0: '{"page_size":20}' };
    const sign = iopSign('s3cret', params);
    const form = new URLSearchParams({ ...params, sign }).toString();
    process.env['CARAVAN_APP_SECRET'] = 's3cret';
    const r = await caravanMap('aliexpress.signed-request', write('sync.json', { request: { method: 'POST', url: 'https://api-sg.aliexpress.com/sync', body: form } }));
    expect(r.code).toBe(0);
    const [rec] = JSON.parse(r.stdout) as { protocol: string; api: string; timestamp: string; signature: { verified: boolean } }[];
    expect(rec).toMatchObject({ protocol: 'iop-sync', api: 'aliexpress.solution.order.get', timestamp: '2025-12-06T00:00:00.000Z', signature: { verified: true } });
    expect(r.stdout).not.toContain('secret-token-value');
  });

  it('says so when no secret is at hand, without refusing', async () => {
    const r = await caravanMap('aliexpress.signed-request', write('url.txt', 'https://api-sg.aliexpress.com/sync?method=aliexpress.solution.product.info.get&app_key=1&timestamp=1&sign_method=sha256&product_id=1005004638293060&sign=ABC'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ protocol: 'iop-sync', parameters: { product_id: '1005004638293060' }, signature: { verified: false } }]);
  });

  it('names a request without a signature', async () => {
    const r = await caravanMap('aliexpress.signed-request', write('nosign.txt', 'method=x&app_key=1&timestamp=1&sign_method=sha256'));
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('sign: the request carries no signature');
  });
});

describe('caravan map alibaba.signed-request', () => {
  it('verifies an IOP REST request to openapi-api.alibaba.com (path after /rest signed as its prefix)', async () => {
    const params = { app_key: '45678901', timestamp: '1764979200000', sign_method: 'sha256', access_token: 'tok', trade_id: '271207727001028893' };
    const sign = iopSign('ab-secret', params, '/alibaba/order/get');
    const r = await caravanMap('alibaba.signed-request', write('ab.json', { app_secret: 'ab-secret', method: 'POST', url: 'https://openapi-api.alibaba.com/rest/alibaba/order/get', body: { ...params, sign } }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ recordType: 'alibaba.signed-request', protocol: 'iop-rest', api: '/alibaba/order/get', signature: { verified: true } }]);
    const bad = await caravanMap('alibaba.signed-request', write('ab-bad.json', { app_secret: 'ab-secret', method: 'POST', url: 'https://openapi-api.alibaba.com/rest/alibaba/order/list', body: { ...params, sign } }));
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain('IncompleteSignature');
  });
});
