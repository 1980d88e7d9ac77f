/**
 * Totality: whatever is fed in (files ops hand to `caravan map` included), the mapping returns
 * an OrderSchema-valid Order or a MappingError whose issues all name a field. It never throws.
 */
import { describe, expect, it } from 'vitest';
import type { AmazonOrder, AmazonOrderItem } from '../../../connectors/amazon/schemas.js';
import { OrderSchema } from '../../../mappings/canonical/order.js';
import { MappingError } from '../../../mappings/canonical/result.js';
import {
  amazonOrderItemToOrderLine,
  amazonOrderToOrder,
} from '../../../mappings/amazon/index.js';
import { loadJson, type OrderItemsPage, type OrderPayload } from './fixtures.js';

function call(order: unknown, items: unknown, ctx: unknown = { channel: 'amazon-na' }): ReturnType<typeof amazonOrderToOrder> {
  return amazonOrderToOrder(
    order as AmazonOrder,
    items as AmazonOrderItem[] | undefined,
    ctx as { channel: string },
  );
}

function expectFieldError(r: ReturnType<typeof amazonOrderToOrder>): MappingError {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error).toBeInstanceOf(MappingError);
  expect(r.error.issues.length).toBeGreaterThan(0);
  for (const issue of r.error.issues) expect(issue.field).not.toBe('');
  expect(r.error.field).toBe(r.error.issues[0]?.field);
  return r.error;
}

const validOrder = (): Record<string, unknown> =>
  loadJson<OrderPayload>('ordersV0.getOrder.200.sandbox.TEST_CASE_200.json').payload as Record<string, unknown>;
const validItems = (): unknown[] => loadJson<OrderItemsPage>('ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json').payload.OrderItems;

describe('garbage input never throws and always names a field', () => {
  const throwingProxy = new Proxy(
    {},
    {
      get() {
        throw new Error('boom');
      },
      has() {
        throw new Error('boom');
      },
      getOwnPropertyDescriptor() {
        throw new Error('boom');
      },
    },
  );
  const withThrowingGetter = Object.defineProperty({ ...validOrder() }, 'OrderStatus', {
    enumerable: true,
    get() {
      throw new Error('getter exploded');
    },
  });
  const cyclic: Record<string, unknown> = { ...validOrder() };
  cyclic.ShippingAddress = cyclic;
  const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, validOrder(), { OrderStatus: 42 });

  it.each([
    ['null', null, undefined, [['(record)', 'expected an Orders v0 Order object, got null']]],
    ['undefined', undefined, undefined, [['(record)', 'expected an Orders v0 Order object, got undefined']]],
    ['a number', 42, undefined, [['(record)', 'expected an Orders v0 Order object, got a number']]],
    ['a string', '902-1845936-5435065', undefined, [['(record)', 'expected an Orders v0 Order object, got a string']]],
    ['an array', [validOrder()], undefined, [['(record)', 'expected an Orders v0 Order object, got an array']]],
    [
      'an empty object',
      {},
      undefined,
      [
        ['AmazonOrderId', 'is required but missing'],
        ['PurchaseDate', 'is required but missing'],
        ['LastUpdateDate', 'is required but missing'],
        ['OrderStatus', 'is required but missing'],
        ['MarketplaceId', 'is required but missing'],
      ],
    ],
    [
      'nested wrong types everywhere',
      {
        AmazonOrderId: { id: 1 },
        PurchaseDate: 20260302,
        LastUpdateDate: null,
        OrderStatus: ['Shipped'],
        FulfillmentChannel: 7,
        MarketplaceId: 1,
        IsPrime: 'yes',
        OrderTotal: 'EUR 10',
        ShippingAddress: 'Main St 1',
        BuyerInfo: ['John'],
      },
      'not an array',
      [
        ['AmazonOrderId', 'expected a string, got an object'],
        ['PurchaseDate', 'expected an ISO 8601 date-time string, got a number'],
        ['LastUpdateDate', 'is required but missing'],
        ['OrderStatus', 'expected a string, got an array'],
        ['FulfillmentChannel', 'expected a string, got a number'],
        ['MarketplaceId', 'expected a string, got a number'],
        ['IsPrime', 'expected true or false, got "yes"'],
        ['ShippingAddress', 'expected an object, got a string'],
        ['BuyerInfo', 'expected an object, got an array'],
        ['OrderTotal', 'expected a Money object {CurrencyCode, Amount}, got a string'],
        ['items', 'expected an array of Orders v0 OrderItems, got a string'],
      ],
    ],
    [
      'items of the wrong shape',
      validOrder(),
      [null, 5, 'x', [], { OrderItemId: 9, ASIN: '', QuantityOrdered: 'one', ItemPrice: [], BuyerInfo: 'gift', TaxCollection: 3 }],
      [
        ['items[0]', 'expected an Orders v0 OrderItem object, got null'],
        ['items[1]', 'expected an Orders v0 OrderItem object, got a number'],
        ['items[2]', 'expected an Orders v0 OrderItem object, got a string'],
        ['items[3]', 'expected an Orders v0 OrderItem object, got an array'],
        ['items[4].OrderItemId', 'expected a string, got a number'],
        ['items[4].ASIN', 'is required but blank'],
        ['items[4].QuantityOrdered', 'expected a non-negative integer, got "one"'],
        ['items[4].ItemPrice', 'expected a Money object {CurrencyCode, Amount}, got an array'],
        ['items[4].BuyerInfo', 'expected an object, got a string'],
        ['items[4].TaxCollection', 'expected an object, got a number'],
      ],
    ],
    ['a cyclic ShippingAddress', cyclic, undefined, [['ShippingAddress.CountryCode', 'is required but missing']]],
    ['a null-prototype record', nullProto, undefined, [['OrderStatus', 'expected a string, got a number']]],
    [
      'a record whose getter throws',
      withThrowingGetter,
      undefined,
      [['(record)', 'mapping failed unexpectedly: Error: getter exploded']],
    ],
    ['a proxy that throws on every read', throwingProxy, undefined, [['(record)', 'mapping failed unexpectedly: Error: boom']]],
  ])('%s', (_name, order, items, expected) => {
    const error = expectFieldError(call(order, items));
    expect(error.issues.map((i) => [i.field, i.message])).toStrictEqual(expected);
  });

  it.each([
    ['no context', undefined],
    ['null', null],
    ['an empty channel', { channel: '' }],
    ['a numeric channel', { channel: 3 }],
  ])('a bad mapping context (%s) is an issue on ctx.channel', (_name, ctx) => {
    const error = expectFieldError(amazonOrderToOrder(validOrder() as unknown as AmazonOrder, undefined, ctx as never));
    expect(error.issues.map((i) => i.field)).toStrictEqual(['ctx.channel']);
    expect(error.recordId).toBe('902-1845936-5435065');
  });

  it('amazonOrderItemToOrderLine is total too', () => {
    for (const garbage of [null, 1, 'x', [], {}, { OrderItemId: 'A', ASIN: 'B', QuantityOrdered: Number.NaN }]) {
      const r = amazonOrderItemToOrderLine(garbage as AmazonOrderItem, 0);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.recordType).toBe('amazon.order-item');
        expect(r.error.field.startsWith('items[0]')).toBe(true);
      }
    }
  });
});

// Sweep: replace every field of a real sandbox order and its item, one at a time, with each
// wrong-typed value. Each run must either map to a valid Order or fail with an issue on that
// very field (or inside it); never throw.
describe('corrupting any single field of a real order', () => {
  const WRONG: readonly unknown[] = [0, -1, 1.5, '', 'x', true, [], {}, [1, 2], { Amount: 'x' }];

  function paths(value: unknown, prefix: string): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => [`${prefix}[${i}]`, ...paths(v, `${prefix}[${i}]`)]);
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value).flatMap(([k, v]) => {
        const p = prefix === '' ? k : `${prefix}.${k}`;
        return [p, ...paths(v, p)];
      });
    }
    return [];
  }

  function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
    const keys = path.match(/[^.[\]]+/g) ?? [];
    let node = root as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1] as string] = value;
  }

  const fieldPaths = paths({ ...validOrder(), items: validItems() }, '');

  it('covers the order, its nested objects and its items', () => {
    expect(fieldPaths).toContain('OrderTotal.Amount');
    expect(fieldPaths).toContain('items[0].ItemPrice.CurrencyCode');
    expect(fieldPaths.length).toBeGreaterThan(60);
  });

  it('maps or names the corrupted field, for every field and every wrong value', () => {
    let failures = 0;
    for (const path of fieldPaths) {
      for (const wrong of WRONG) {
        const root: Record<string, unknown> = { ...structuredClone(validOrder()), items: validItems() };
        setPath(root, path, structuredClone(wrong));
        const { items, ...order } = root;
        const r = call(order, items); // a throw fails the test
        if (r.ok) {
          expect(OrderSchema.safeParse(r.value).success).toBe(true);
        } else {
          failures++;
          const fields = r.error.issues.map((i) => i.field);
          for (const f of fields) expect(f).not.toBe('');
          const named = fields.some((f) => f === path || f.startsWith(`${path}.`) || f.startsWith(`${path}[`));
          if (!named) throw new Error(`${path} := ${JSON.stringify(wrong)} failed on ${fields.join(', ')}`);
        }
      }
    }
    // Most fields are mapped, so most corruptions must be caught.
    expect(failures).toBeGreaterThan(200);
  });
});
