/** The shared lenient building blocks: each accepts one real-world deviation, nothing more. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  booleanLike,
  countLike,
  dateTimeLike,
  emptyAsAbsent,
  nullAsAbsent,
  optionalBooleanLike,
  optionalCountLike,
  withoutNullFields,
} from '../../../connectors/http/wire-leniency.js';

const issue = (schema: z.ZodType, value: unknown): string | undefined => {
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error.issues[0]?.message;
};

describe('booleanLike', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['false', false],
    ['False', false],
    [' TRUE ', true],
  ])('%j reads as %s', (raw, expected) => {
    expect(booleanLike.parse(raw)).toBe(expected);
  });

  it.each(['yes', '1', '', 1, null])('%j is an issue', (raw) => {
    expect(issue(booleanLike, raw)).toMatch(/^Invalid input: expected boolean, received /);
  });

  it('optional: null and "" read as absent', () => {
    const schema = z.object({ flag: optionalBooleanLike });
    expect(schema.parse({ flag: null })).toEqual({ flag: undefined });
    expect(schema.parse({ flag: '' })).toEqual({ flag: undefined });
    expect(schema.parse({})).toEqual({});
  });
});

describe('countLike', () => {
  it.each([
    [0, 0],
    [3, 3],
    ['1', 1],
    [' 12 ', 12],
  ])('%j reads as %s', (raw, expected) => {
    expect(countLike.parse(raw)).toBe(expected);
  });

  it.each(['1.5', '-1', 'one', '1e3', 1.5, -1])('%j is an issue', (raw) => {
    expect(issue(countLike, raw)).toBeDefined();
  });

  it('optional: null and blank read as absent', () => {
    expect(z.object({ n: optionalCountLike }).parse({ n: null })).toEqual({ n: undefined });
    expect(z.object({ n: optionalCountLike }).parse({ n: ' ' })).toEqual({ n: undefined });
  });
});

describe('nullAsAbsent and emptyAsAbsent', () => {
  it('nullAsAbsent keeps "" but reads null as absent; a wrong type is still an issue', () => {
    const schema = z.object({ s: nullAsAbsent(z.string()) });
    expect(schema.parse({ s: null })).toEqual({ s: undefined });
    expect(schema.parse({ s: '' })).toEqual({ s: '' });
    expect(issue(schema, { s: 5 })).toBe('Invalid input: expected string, received number');
  });

  it('emptyAsAbsent reads "" and blank as absent', () => {
    const schema = z.object({ s: emptyAsAbsent(z.string().regex(/^\d+$/)) });
    expect(schema.parse({ s: '  ' })).toEqual({ s: undefined });
    expect(schema.parse({ s: '12' })).toEqual({ s: '12' });
    expect(issue(schema, { s: '1,2' })).toBeDefined();
  });
});

describe('dateTimeLike', () => {
  it.each(['2026-09-04T18:22:41Z', '2026-09-04T18:22:41.058Z', '2026-09-04T20:22:41+02:00', '2026-09-04T20:22:41+0200', '2020-01-22+01:00', '2019-09-20T00:00:00', '2026-09-04'])(
    '%s is accepted as sent',
    (text) => {
      expect(dateTimeLike.parse(text)).toBe(text);
    },
  );

  it.each(['2026-02-30T10:00:00Z', '2026-13-01', '2026-09-04T24:10:00Z', 'yesterday', '1.569521782042E9'])('%s is an issue', (text) => {
    expect(issue(dateTimeLike, text)).toBe('expected an ISO 8601 date-time');
  });
});

describe('withoutNullFields', () => {
  it('drops null members at every depth, keeps array entries', () => {
    expect(withoutNullFields({ a: null, b: { c: null, d: 1 }, e: [null, { f: null }] })).toEqual({ b: { d: 1 }, e: [null, {}] });
  });

  it('copies only what holds a null: the input stays untouched, null-free parts are shared', () => {
    const clean = { d: 1, list: [{ x: 'y' }] };
    const input = { a: null, clean, deep: { list: [{ z: null, k: 2 }] } };
    const out = withoutNullFields(input) as typeof input;
    expect(out).toEqual({ clean, deep: { list: [{ k: 2 }] } });
    expect(out.clean).toBe(clean);
    expect(input).toEqual({ a: null, clean: { d: 1, list: [{ x: 'y' }] }, deep: { list: [{ z: null, k: 2 }] } });
    expect(withoutNullFields(clean)).toBe(clean);
  });
});
