/**
 * passesOrderSchema is the import's fast yes to "does OrderSchema accept this?": it must say
 * yes exactly when the schema does. Checked on real mapped orders (the sandbox's seed through
 * both Orders APIs' record paths, the canonical fixtures) and on every one of them damaged at
 * every field in turn: wrong types, blanks, bad codes, impossible dates, fractions, holes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapAmazon2026OrderRecord, mapAmazonOrderRecord } from '../../../activities/amazon-records.js';
import { AMAZON_2026_DEFAULT_INCLUDED_DATA } from '../../../connectors/amazon/index.js';
import { passesOrderSchema } from '../../../mappings/canonical/order-guard.js';
import { OrderSchema, type Order } from '../../../mappings/canonical/order.js';
import { isRealUtcTimestamp, normaliseUtcTimestamp } from '../../../mappings/canonical/utc-timestamp.js';
import { generateAmazonSeed } from '../../../sandbox/amazon/index.js';
import { toOrder2026 } from '../../../sandbox/amazon/orders-2026-api.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'canonical');
const seed = generateAmazonSeed({ now: new Date('2026-11-01T12:00:00Z') }).orders;
const included = new Set(AMAZON_2026_DEFAULT_INCLUDED_DATA);

const orders: Order[] = [
  ...seed.flatMap((s) => {
    const r = mapAmazonOrderRecord(s.order, s.items, 'amazon-eu');
    return r.ok ? [r.order] : [];
  }),
  ...seed.flatMap((s) => {
    const r = mapAmazon2026OrderRecord(toOrder2026(s, included), 'amazon-eu');
    return r.ok ? [r.order] : [];
  }),
  ...readdirSync(FIXTURES)
    .filter((f) => f.startsWith('order-') && f.endsWith('.json'))
    .map((f) => OrderSchema.parse(JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')))),
];

/** Values that break some field or other (and a few that fit some). */
const DAMAGE: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'ZZZ',
  'EUR',
  'DE',
  'de',
  '2026-02-30T10:00:00Z',
  '2026-03-01T10:00:00+01:00',
  '2026-03-01T24:00:00Z',
  '12345',
  0,
  -1,
  1.5,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  {},
  [],
  [undefined],
  { amountMinor: 1, currency: 'EUR' },
];

/** Every path to a member or array entry of a JSON-like value. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...at, k], ...paths((value as Record<string | number, unknown>)[k], [...at, k])]);
}

/** A deep copy of `order` with the member at `path` set to `to` (or deleted). */
function damaged(order: Order, path: (string | number)[], to: unknown, remove = false): unknown {
  const copy = structuredClone(order) as unknown as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete parent[last];
  else parent[last] = to;
  return copy;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  innerType?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
}

/** The member names OrderSchema describes for the object at `path` (none for records and leaves). */
function schemaKeys(path: (string | number)[]): string[] {
  let def = (OrderSchema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const unwrap = () => {
    while (def.type === 'optional' && def.innerType) def = def.innerType._zod.def;
  };
  unwrap();
  for (const k of path) {
    if (typeof k === 'number' && def.type === 'array' && def.element) def = def.element._zod.def;
    else if (typeof k === 'string' && def.type === 'object' && def.shape?.[k]) def = def.shape[k]._zod.def;
    else return [];
    unwrap();
  }
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

describe('passesOrderSchema', () => {
  it('accepts every mapped order and fixture, as OrderSchema does', () => {
    expect(orders.length).toBeGreaterThan(400);
    for (const o of orders) expect(passesOrderSchema(o), o.externalId).toBe(true);
  });

  it('agrees with OrderSchema on orders damaged at every field', () => {
    // A few orders that between them hold every field any mapped order has; each damaged at
    // every member (array entries past the first are the same fields again).
    const fieldsOf = (o: Order) => new Set(paths(o).map((p) => p.filter((k) => typeof k === 'string').join('.')));
    const all = new Set(orders.flatMap((o) => [...fieldsOf(o)]));
    const chosen: Order[] = [];
    const covered = new Set<string>();
    while (covered.size < all.size) {
      const best = orders.reduce((a, b) => ([...fieldsOf(b)].filter((f) => !covered.has(f)).length > [...fieldsOf(a)].filter((f) => !covered.has(f)).length ? b : a));
      chosen.push(best);
      for (const f of fieldsOf(best)) covered.add(f);
    }
    const disagreements: string[] = [];
    let checked = 0;
    let rejected = 0;
    for (const o of chosen) {
      // Every member the schema describes, present in the order or not, and every entry.
      const objects = [[], ...paths(o)].filter((p) => p.every((k) => typeof k === 'string' || k === 0));
      const targets = new Map<string, (string | number)[]>();
      for (const p of objects) {
        targets.set(p.join('.'), p);
        for (const key of schemaKeys(p)) targets.set([...p, key].join('.'), [...p, key]);
      }
      for (const path of [...targets.values()].filter((p) => p.length > 0)) {
        for (const variant of [...DAMAGE.map((d) => damaged(o, path, d)), damaged(o, path, undefined, true)]) {
          const expected = OrderSchema.safeParse(variant).success;
          if (passesOrderSchema(variant) !== expected) disagreements.push(`${o.externalId} ${path.join('.')}: schema ${expected}`);
          checked++;
          if (!expected) rejected++;
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(2_000);
    expect(rejected).toBeGreaterThan(checked / 2);
  });

  it('refuses two lines sharing an id, as the schema\'s refinement does', () => {
    const o = orders.find((x) => x.lines.length > 0)!;
    const twice = { ...o, lines: [...o.lines, o.lines[0]!] };
    expect(OrderSchema.safeParse(twice).success).toBe(false);
    expect(passesOrderSchema(twice)).toBe(false);
  });

  it('refuses a sparse lines array, a refs value that is not text and a non-object, as the schema does', () => {
    const o = orders[0]!;
    for (const bad of [{ ...o, lines: [, ...o.lines] }, { ...o, refs: { a: 1 } }, { ...o, marketplace: 'DE' }, [o], 'order', null]) {
      expect(OrderSchema.safeParse(bad).success).toBe(false);
      expect(passesOrderSchema(bad)).toBe(false);
    }
  });
});

describe('isRealUtcTimestamp', () => {
  /** What Date makes of the fields: real when nothing rolls over. */
  function byDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, 0);
    return (
      date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d &&
      date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s
    );
  }
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');

  it('agrees with Date on every day of leap and common years, centuries and year 0, and on the edges of the day', () => {
    const disagreements: string[] = [];
    for (const y of [0, 4, 100, 1900, 2000, 2023, 2024, 2100, 9999]) {
      for (let mo = 0; mo <= 13; mo++) {
        for (let d = 0; d <= 32; d++) {
          for (const [h, mi, s] of [[0, 0, 0], [23, 59, 59], [24, 0, 0], [12, 60, 0], [12, 0, 60], [99, 99, 99]] as const) {
            const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}Z`;
            if (isRealUtcTimestamp(text) !== byDate(y, mo, d, h, mi, s)) disagreements.push(text);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(isRealUtcTimestamp('2024-02-29T10:00:00.123456789Z')).toBe(true);
    expect(isRealUtcTimestamp('2024-02-29T10:00:00.1234567890Z')).toBe(false);
    for (const bad of ['2024-02-29T10:00:00', '2024-02-29 10:00:00Z', '2024-2-29T10:00:00Z', '2024-02-29T10:00:00.Z', '2024-02-29T10:00:00+01:00']) {
      expect(isRealUtcTimestamp(bad), bad).toBe(false);
    }
  });

  it('agrees with the schema pattern and Date on every one-character change of a timestamp, fractions of 0 to 10 digits', () => {
    const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;
    const reference = (t: string): boolean => {
      const m = PATTERN.exec(t);
      return m !== null && byDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    };
    const disagreements: string[] = [];
    for (let digits = 0; digits <= 10; digits++) {
      const base = `2028-02-29T23:59:59${digits ? `.${'7'.repeat(digits)}` : ''}Z`;
      for (let i = 0; i < base.length; i++) {
        for (const c of ['0', '3', '9', '-', ':', 'T', 't', 'Z', 'z', '.', ' ', '+', 'x', '']) {
          const text = base.slice(0, i) + c + base.slice(i + 1);
          if (isRealUtcTimestamp(text) !== reference(text)) disagreements.push(text);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('lets normaliseUtcTimestamp hand a canonical timestamp back as it is, as its conversion would', () => {
    for (const t of ['2026-03-02T10:15:00Z', '0000-02-29T00:00:00Z', '9999-12-31T23:59:59.999999999Z', '2024-02-29T10:00:00.5Z']) {
      expect(normaliseUtcTimestamp(t)).toEqual({ ok: true, value: t });
      // The same instant with a zero offset takes the conversion path.
      expect(normaliseUtcTimestamp(t.replace('Z', '+00:00'))).toEqual({ ok: true, value: t });
    }
  });
});
