import { describe, expect, it } from 'vitest';
import { readDecimalJson } from '../../../connectors/fx/index.js';
import { positiveDecimalText } from '../../../mappings/fx/index.js';

describe('readDecimalJson', () => {
  it('returns every number as its literal text, strings untouched', () => {
    const read = readDecimalJson('{"a": 0.6817819473, "b": [-1, 0, 1e-7, 2.50E+3], "c": "9.99 \\" 1.5", "d": true, "e": null}');
    expect(read).toEqual({ ok: true, value: { a: '0.6817819473', b: ['-1', '0', '1e-7', '2.50E+3'], c: '9.99 " 1.5', d: true, e: null } });
  });

  it('keeps digits a float would lose', () => {
    const read = readDecimalJson('[123456789.1234567891, 0.1000000000000000055511151231257827]');
    expect(read.ok && read.value).toEqual(['123456789.1234567891', '0.1000000000000000055511151231257827']);
    expect(String(JSON.parse('123456789.1234567891'))).not.toBe('123456789.1234567891');
  });

  it('ignores a leading byte-order mark', () => {
    expect(readDecimalJson('\uFEFF{"mid": 0.6817819473}')).toEqual({ ok: true, value: { mid: '0.6817819473' } });
  });

  it('reports what is not JSON', () => {
    for (const text of ['<html>', '{"a": 01}', '{"a": 1.}', '{"a": 1', '']) {
      const read = readDecimalJson(text);
      expect(read.ok, text).toBe(false);
    }
  });
});

describe('positiveDecimalText', () => {
  it.each([
    ['1.1790', '1.1790'],
    ['134', '134'],
    ['1.5E-7', '0.00000015'],
    ['3.0771e-1', '0.30771'],
    ['2.5e3', '2500'],
    ['12E+2', '1200'],
  ])('%s → %s', (input, expected) => {
    expect(positiveDecimalText(input)).toBe(expected);
  });

  it.each(['0', '0.000', '-1.2', '1,2', 'N/A', '', '.5', '1e999', 'Infinity'])('%s is not a positive decimal', (input) => {
    expect(positiveDecimalText(input)).toBeUndefined();
  });
});
