import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedSign, stringToSign } from '../../../sandbox/aliexpress/index.js';
import { signatureMatches } from '../../../sandbox/aliexpress/signing.js';

interface Vector {
  id: string;
  app_secret: string;
  api_path?: string;
  params: Record<string, string>;
  string_to_sign?: string;
  expected_sign: string;
}
const vectors = (JSON.parse(readFileSync(new URL('../../fixtures/aliexpress/signing-test-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;
const iop = vectors.find((v) => v.id === 'iop-rest-sha256-order-get')!;

describe("the sandbox's signature check (NOTES.md, signing-test-vectors.json)", () => {
  it('builds the IOP REST string to sign and its HMAC-SHA256 as the worked example', () => {
    expect(stringToSign(iop.params, iop.api_path)).toBe(iop.string_to_sign);
    expect(expectedSign(iop.app_secret, iop.params, iop.api_path)).toBe(iop.expected_sign);
    expect(signatureMatches(iop.app_secret, { ...iop.params, sign: iop.expected_sign }, iop.api_path)).toBe(true);
    expect(signatureMatches(iop.app_secret, { ...iop.params, sign: iop.expected_sign.toLowerCase() }, iop.api_path)).toBe(true);
  });

  it('refuses the example signature without its path (sync style), with another secret, or with a changed parameter', () => {
    expect(signatureMatches(iop.app_secret, { ...iop.params, sign: iop.expected_sign })).toBe(false);
    expect(signatureMatches('hello', { ...iop.params, sign: iop.expected_sign }, iop.api_path)).toBe(false);
    expect(signatureMatches(iop.app_secret, { ...iop.params, order_id: '1235', sign: iop.expected_sign }, iop.api_path)).toBe(false);
    expect(signatureMatches(iop.app_secret, iop.params, iop.api_path)).toBe(false);
  });

  it('sorts by code unit (not locale) and leaves out sign and empty values', () => {
    expect(stringToSign({ foobar: '4', foo_bar: '3', bar: '2', foo: '1', Zed: 'z', empty: '', sign: 'X' })).toBe('Zedzbar2foo1foo_bar3foobar4');
  });
});
