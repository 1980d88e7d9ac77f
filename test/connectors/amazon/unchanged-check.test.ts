/**
 * unchangedCheck(Amazon2026OrderSchema) lets parseAmazon2026Order skip zod for an order the
 * schema would give back as it is. It must never say yes where zod fails or would change the
 * value: checked on Amazon's own 2026-01-01 payloads and the sandbox's orders, each damaged at
 * every member the schema describes (present or not) with wrong types, blanks, nulls, digit
 * strings and the like; and it must say yes to the sandbox's orders, or it saves nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AMAZON_2026_DEFAULT_INCLUDED_DATA } from '../../../connectors/amazon/index.js';
import { AmazonOrderSchema } from '../../../connectors/amazon/schemas.js';
import { Amazon2026OrderSchema, parseAmazon2026Order } from '../../../connectors/amazon/schemas/orders-2026-01-01.js';
import { unchangedCheck } from '../../../connectors/amazon/schemas/unchanged-check.js';
import { generateAmazonSeed } from '../../../sandbox/amazon/index.js';
import { toOrder2026 } from '../../../sandbox/amazon/orders-2026-api.js';

const DIR = new URL('../../fixtures/amazon/orders-2026-01-01/', import.meta.url);
const fixtureOrders = readdirSync(DIR)
  .filter((f) => f.endsWith('.200.json'))
  .flatMap((f) => {
    const doc = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { orders?: unknown[]; order?: unknown };
    return (doc.orders ?? [doc.order]).slice(0, 1) as Record<string, unknown>[];
  });
const included = new Set(AMAZON_2026_DEFAULT_INCLUDED_DATA);
const seedOrders = generateAmazonSeed({ now: new Date('2026-11-01T12:00:00Z') }).orders.map((o) => toOrder2026(o, included) as Record<string, unknown>);
const unchanged = unchangedCheck(Amazon2026OrderSchema);

const DAMAGE: readonly unknown[] = [undefined, null, '', ' ', 'x', '7', 7, -1, 1.5, Number.NaN, true, {}, [], [null], ['x'], { amount: '1.00', currencyCode: 'EUR' }, { amount: '', currencyCode: 'EUR' }];

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  out?: { _zod: { def: Def } };
}

/** The member names `schema` describes for the object at `path`. */
function schemaKeys(schema: unknown, path: (string | number)[]): string[] {
  let def = (schema as { _zod: { def: Def } })._zod.def;
  const unwrap = () => {
    for (;;) {
      if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) def = def.innerType._zod.def;
      else if (def.type === 'pipe' && def.out) def = def.out._zod.def;
      else return;
    }
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

function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...at, k], ...paths((value as Record<string | number, unknown>)[k], [...at, k])]);
}

function damaged(order: unknown, path: (string | number)[], to: unknown, remove: boolean): unknown {
  const copy = structuredClone(order) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete parent[last];
  else parent[last] = to;
  return copy;
}

/** JSON text with sorted keys: equal for values zod copied member by member. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Each order damaged at every member `schema` describes; where the check said yes but zod failed or changed the value. */
function damageAll(schema: z.ZodType, orders: readonly Record<string, unknown>[]) {
  const check = unchangedCheck(schema);
  const wrong: string[] = [];
  let checked = 0;
  let yes = 0;
  let zodFails = 0;
  for (const o of orders) {
    const objects = [[], ...paths(o)].filter((p) => p.every((k) => typeof k === 'string' || k === 0));
    const targets = new Map<string, (string | number)[]>();
    for (const p of objects) {
      targets.set(p.join('.'), p);
      for (const key of schemaKeys(schema, p)) targets.set([...p, key].join('.'), [...p, key]);
    }
    for (const path of [...targets.values()].filter((p) => p.length > 0)) {
      for (const variant of [...DAMAGE.map((d) => damaged(o, path, d, false)), damaged(o, path, undefined, true)]) {
        const parsed = schema.safeParse(variant);
        checked++;
        if (!parsed.success) zodFails++;
        if (!check(variant)) continue;
        yes++;
        if (!parsed.success || sortedJson(parsed.data) !== sortedJson(variant)) wrong.push(`${String(o.orderId ?? o.AmazonOrderId)} ${path.join('.')}`);
      }
    }
  }
  return { checked, yes, zodFails, wrong };
}

describe('unchangedCheck(Amazon2026OrderSchema)', () => {
  it('says yes to every sandbox order, which zod gives back as it is', () => {
    expect(seedOrders.length).toBeGreaterThan(200);
    for (const o of seedOrders) {
      expect(unchanged(o), String(o.orderId)).toBe(true);
      const parsed = Amazon2026OrderSchema.safeParse(o);
      expect(parsed.success && sortedJson(parsed.data) === sortedJson(o)).toBe(true);
    }
  });

  it('never says yes where zod fails or changes the value, on orders damaged at every member', () => {
    const { checked, yes, zodFails, wrong } = damageAll(Amazon2026OrderSchema, [...fixtureOrders.slice(0, 4), seedOrders[0]!]);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(5_000);
    // Both answers occur: the damage breaks the schema often, and the check still says yes often.
    expect(zodFails).toBeGreaterThan(checked / 10);
    expect(yes).toBeGreaterThan(checked / 10);
  }, 60_000);

  it('does the same for Orders v0 orders (getOrders), which parseAmazonOrder checks with it', () => {
    const v0 = generateAmazonSeed({ now: new Date('2026-11-01T12:00:00Z') }).orders.map((o) => o.order as unknown as Record<string, unknown>);
    const check = unchangedCheck(AmazonOrderSchema);
    expect(v0.filter((o) => !check(JSON.parse(JSON.stringify(o)))).map((o) => o.AmazonOrderId)).toEqual([]);
    const { checked, yes, zodFails, wrong } = damageAll(AmazonOrderSchema, v0.slice(0, 3));
    expect(wrong).toEqual([]);
    expect(zodFails).toBeGreaterThan(checked / 10);
    expect(yes).toBeGreaterThan(checked / 10);
  }, 60_000);

  it('leaves parseAmazon2026Order’s answers as zod’s: the same order, or the same issues', () => {
    for (const o of [...fixtureOrders, ...seedOrders.slice(0, 20)]) {
      for (const variant of [o, damaged(o, ['orderId'], 7, false), damaged(o, ['createdTime'], null, false)]) {
        const parsed = parseAmazon2026Order(variant);
        const viaZod = Amazon2026OrderSchema.safeParse(variant);
        if (viaZod.success) {
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(sortedJson(parsed.order)).toBe(sortedJson(viaZod.data));
        } else {
          expect(parsed.ok).toBe(false);
        }
      }
    }
  });

  it('refuses what it does not know: an unknown string format, a strict object’s extra member', () => {
    expect(unchangedCheck(z.email())('a@b.co')).toBe(false);
    expect(unchangedCheck(z.int())(1.5)).toBe(false);
    expect(unchangedCheck(z.int())(2)).toBe(true);
    expect(unchangedCheck(z.coerce.number())(2)).toBe(false);
    expect(unchangedCheck(z.strictObject({ a: z.string() }))({ a: 'x', b: 1 })).toBe(false);
    expect(unchangedCheck(z.object({ a: z.string() }))({ a: 'x', b: 1 })).toBe(false);
    expect(unchangedCheck(z.object({ a: z.string() }))({ a: 'x' })).toBe(true);
  });
});
