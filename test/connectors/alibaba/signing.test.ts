/** Alibaba.com IOP REST signing (the family's shared signing, as the Alibaba.com transport calls it): the family's worked example (signing-test-vectors.json) and the form as sent. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iopRestStringToSign, signedParams, signIopRest } from '../../../connectors/http/open-platform-signing.js';
import { alibabaDateStr } from '../../../connectors/alibaba/platform-time.js';

interface Vector {
  id: string;
  app_secret: string;
  api_path?: string;
  params: Record<string, string>;
  string_to_sign?: string;
  expected_sign: string;
}
const vectors = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'aliexpress', 'signing-test-vectors.json'), 'utf8')) as { vectors: Vector[] }).vectors;

describe('Alibaba.com signing', () => {
  const v = vectors.find((x) => x.id === 'iop-rest-sha256-order-get')!;

  it('reproduces the IOP REST worked example', () => {
    expect(iopRestStringToSign(v.api_path!, v.params)).toBe(v.string_to_sign);
    expect(signIopRest(v.app_secret, v.api_path!, v.params)).toBe(v.expected_sign);
  });

  it('builds the form with the system parameters at the given time, leaves empty values out and signs it all', () => {
    const form = signedParams({ protocol: 'iop-rest', apiPath: v.api_path!, appKey: '123456', accessToken: 'test' }, v.app_secret, { order_id: '1234', note: '', gone: undefined }, 1517820392000);
    expect(form).toEqual({ ...v.params, sign: v.expected_sign });
  });

  it('signs non-Latin values as UTF-8 and changes with any parameter', () => {
    const a = signIopRest('s', '/alibaba/icbu/product/add', { product: '{"subject":"不锈钢保温杯"}' });
    expect(a).toMatch(/^[0-9A-F]{64}$/);
    expect(signIopRest('s', '/alibaba/icbu/product/add', { product: '{"subject":"不锈钢保温杯 "}' })).not.toBe(a);
    expect(signIopRest('s', '/alibaba/icbu/product/update', { product: '{"subject":"不锈钢保温杯"}' })).not.toBe(a);
  });

  it('writes date_str as US Pacific wall-clock time, daylight saving included', () => {
    expect(alibabaDateStr(Date.UTC(2026, 2, 1, 8))).toBe('2026-03-01 00:00:00');
    expect(alibabaDateStr(Date.UTC(2026, 6, 1, 8))).toBe('2026-07-01 01:00:00');
  });
});
