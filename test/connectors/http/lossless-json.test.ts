/** Lossless JSON: integers past 2^53 arrive as their exact digits, everything else as JSON.parse gives it. */
import { describe, expect, it } from 'vitest';
import { parseJsonLosslessly, quoteUnsafeIntegers } from '../../../connectors/http/lossless-json.js';

describe('parseJsonLosslessly', () => {
  it('keeps an id above 2^53 exact (8123456789012345678 would read as 8123456789012345000)', () => {
    const r = parseJsonLosslessly('{"order_id": 8123456789012345678, "n": [8198352049851315, -9007199254740993]}');
    expect(r).toEqual({ ok: true, value: { order_id: '8123456789012345678', n: [8198352049851315, '-9007199254740993'] } });
    expect(String(JSON.parse('8123456789012345678'))).not.toBe('8123456789012345678');
  });

  it('leaves safe integers, decimals, exponents, booleans and strings (digits and any script inside) alone', () => {
    const text = '{"a": 9007199254740991, "b": 1.5, "c": 1e21, "d": true, "e": "x 12345678901234567890 \\" 王小明", "f": null}';
    expect(parseJsonLosslessly(text)).toEqual({ ok: true, value: { a: 9007199254740991, b: 1.5, c: 1e21, d: true, e: 'x 12345678901234567890 " 王小明', f: null } });
  });

  it('skips a byte-order mark and reports bad JSON without throwing', () => {
    expect(parseJsonLosslessly('\uFEFF[12345678901234567890]')).toEqual({ ok: true, value: ['12345678901234567890'] });
    const bad = parseJsonLosslessly('{"a": 1,');
    expect(bad.ok).toBe(false);
    expect(quoteUnsafeIntegers('[1, 2]')).toBe('[1, 2]');
  });
});
