import { describe, expect, it } from 'vitest';
import { StoreDataError, StoreInputError, stableJson } from '../../store/index.js';
import { storableText, timestampSortKey, toSafeInteger, toStoredTimestamp } from '../../store/sql-values.js';

describe('toSafeInteger', () => {
  it('accepts numbers and the decimal strings node-postgres returns for BIGINT', () => {
    expect(toSafeInteger(42, 'c')).toBe(42);
    expect(toSafeInteger('9007199254740991', 'c')).toBe(9007199254740991);
    expect(toSafeInteger('-9007199254740991', 'c')).toBe(-9007199254740991);
    expect(toSafeInteger(12n, 'c')).toBe(12);
  });

  it('refuses values beyond 2^53 and non-integers with a clear error', () => {
    expect(() => toSafeInteger('9007199254740993', 'orders.order_total_minor')).toThrow(
      new StoreDataError('orders.order_total_minor: 9007199254740993 is outside the safe integer range (|n| < 2^53)'),
    );
    expect(() => toSafeInteger(2 ** 53, 'c')).toThrow(StoreDataError);
    expect(() => toSafeInteger('12.5', 'c')).toThrow('c: expected an integer from the database, got string 12.5');
    expect(() => toSafeInteger(1.5, 'c')).toThrow(StoreDataError);
    expect(() => toSafeInteger(null, 'c')).toThrow('c: expected an integer from the database, got null');
  });
});

describe('timestamps', () => {
  it('stores every precision in one fixed-width form', () => {
    expect(toStoredTimestamp('2026-03-02T10:15:00Z', 'f')).toBe('2026-03-02T10:15:00.000Z');
    expect(toStoredTimestamp('2026-03-02T10:15:00.5Z', 'f')).toBe('2026-03-02T10:15:00.500Z');
    expect(toStoredTimestamp('2026-03-02T10:15:00.123456789Z', 'f')).toBe('2026-03-02T10:15:00.123Z');
    expect(toStoredTimestamp(new Date(Date.UTC(2026, 2, 2, 10, 15)), 'f')).toBe('2026-03-02T10:15:00.000Z');
    expect(() => toStoredTimestamp('2026-03-02T10:15:00+01:00', 'purchasedAt')).toThrow(
      new StoreInputError('purchasedAt: "2026-03-02T10:15:00+01:00" is not a UTC ISO 8601 timestamp ending in Z'),
    );
  });

  it('orders timestamps of mixed precision by time', () => {
    const sorted = ['2026-03-02T10:15:00.1Z', '2026-03-02T10:15:00Z', '2026-03-02T10:15:00.000000001Z', '2026-03-02T10:14:59.999Z']
      .map((t) => [timestampSortKey(t), t] as const)
      .sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
      .map(([, t]) => t);
    expect(sorted).toEqual(['2026-03-02T10:14:59.999Z', '2026-03-02T10:15:00Z', '2026-03-02T10:15:00.000000001Z', '2026-03-02T10:15:00.1Z']);
    expect(timestampSortKey('2026-03-02T10:15:00Z')).toBe(timestampSortKey('2026-03-02T10:15:00.000Z'));
    expect(timestampSortKey('yesterday')).toBeUndefined();
  });
});

describe('stableJson', () => {
  it('gives the same text whatever the key order, dropping undefined members', () => {
    expect(stableJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(stableJson({ a: { c: 1, d: 2 }, b: 1 })).toBe(stableJson({ b: 1, a: { d: 2, c: 1 } }));
    expect(stableJson('東京\u0000')).toBe('"東京\\u0000"');
  });

  it('refuses bigint, which JSON cannot carry', () => {
    expect(() => stableJson({ id: 2n ** 64n })).toThrow('bigint values are not JSON; carry large identifiers as strings');
  });
});

describe('storableText', () => {
  it('replaces only NUL and lone surrogates', () => {
    expect(storableText('a\u0000b\uD800c\uDC00d 👍🏽')).toBe('a\uFFFDb\uFFFDc\uFFFDd 👍🏽');
    expect(storableText('محمد')).toBe('محمد');
    expect(storableText(undefined)).toBeNull();
  });
});
