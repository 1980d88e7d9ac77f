/**
 * `caravan map amazon.order` on Orders API 2026-01-01 files: searchOrders and getOrder replies
 * (the model's examples and static-sandbox answers), a bare order, a recorded exchange, and the
 * 2026 error replies; v0 files still map as before; `--items` is refused for a 2026 file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';
import { mapCommand } from '../../cli/commands/map.js';
import type { Order } from '../../mappings/canonical/index.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'amazon');
const O26 = join(FIX, 'orders-2026-01-01');
const V0 = join(FIX, 'mapping');
const write = scratchFiles('caravan-map-amazon-2026-');
const read = (name: string) => JSON.parse(readFileSync(join(O26, name), 'utf8')) as Record<string, unknown>;

const caravan = caravanMap;

const ids = (results: { ok: boolean; record?: unknown }[]) => results.map((r) => (r.ok ? (r.record as Order).externalId : 'REJECTED'));

afterEach(() => {
  process.exitCode = undefined;
});

describe('caravan map amazon.order, Orders API 2026-01-01', () => {
  it.each([
    ['search-orders.example.200.json', ['123-4567890-1234567']],
    ['search-orders.sandbox-1.200.json', ['250-1234567-8901234']],
    ['search-orders.sandbox-2.200.json', ['202-7654321-1098765']],
    ['search-orders.sandbox-3.200.json', ['171-2345678-9012345']],
    ['get-order.example.200.json', ['202-1234567-8901234']],
    ['get-order.sandbox-1.200.json', ['171-9876543-2109876']],
    ['get-order.sandbox-2.200.json', ['028-1234567-8901234']],
    ['get-order.sandbox-3.200.json', ['114-9876543-1234567']],
  ])('%s maps (exit 0)', async (file, expected) => {
    const { code, stdout, stderr } = await caravan('amazon.order', join(O26, file), '--channel', 'amazon-eu');
    expect([code, stderr]).toEqual([0, '']);
    const orders = JSON.parse(stdout) as Order[];
    expect(orders.map((o) => o.externalId)).toEqual(expected);
    expect(orders.every((o) => o.channel === 'amazon-eu' && o.vendor === 'amazon' && o.lines.length > 0)).toBe(true);
  });

  it('maps the searchOrders example to the canonical order, with its lines', async () => {
    const { results } = await mapCommand('amazon.order', join(O26, 'search-orders.example.200.json'), {});
    const order = (results[0] as { record: Order }).record;
    expect(order).toMatchObject({
      externalId: '123-4567890-1234567',
      status: 'shipped',
      rawStatus: 'SHIPPED',
      currency: 'USD',
      totals: { orderTotal: { amountMinor: 15499, currency: 'USD' }, items: { amountMinor: 14997, currency: 'USD' } },
    });
    expect(order.lines.map((l) => [l.lineId, l.sku, l.quantity, l.refs.asin])).toEqual([
      ['12345678901234', 'ECHO-DOT-4-CHARCOAL', 2, 'B08N5WRWNW'],
      ['12345678901235', 'FIRE-TV-4K-2021', 1, 'B07XJ8C8F5'],
    ]);
  });

  it('accepts a bare 2026 order, an array of replies, and a recorded exchange', async () => {
    const order = read('get-order.sandbox-3.200.json').order;
    expect(ids((await mapCommand('amazon.order', write('bare.json', order), {})).results)).toEqual(['114-9876543-1234567']);
    const both = write('both.json', [read('search-orders.sandbox-1.200.json'), read('get-order.sandbox-2.200.json')]);
    expect(ids((await mapCommand('amazon.order', both, {})).results)).toEqual(['250-1234567-8901234', '028-1234567-8901234']);
    const recorded = write('recorded.json', { request: { method: 'GET', path: '/orders/2026-01-01/orders' }, response: { status: 200, headers: {}, body: read('search-orders.sandbox-2.200.json') } });
    expect(ids((await mapCommand('amazon.order', recorded, {})).results)).toEqual(['202-7654321-1098765']);
  });

  it('an empty searchOrders page maps to no records (exit 0)', async () => {
    const { code, stdout } = await caravan('amazon.order', write('empty.json', { orders: [], pagination: {} }));
    expect([code, JSON.parse(stdout)]).toEqual([0, []]);
  });

  it('a bad order is rejected naming the order and the field; the others of the page still map (exit 1)', async () => {
    const page = read('search-orders.sandbox-1.200.json') as { orders: Record<string, unknown>[] };
    const good = page.orders[0]!;
    const bad = { ...good, orderId: '250-0000000-0000000', proceeds: { grandTotal: { amount: '19,940', currencyCode: 'JPY' } } };
    const file = write('bad-page.json', { orders: [bad, good] });
    const { code, stdout } = await caravan('amazon.order', file);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as ({ error: { externalId: string; field: string; errorKind: string; message: string } } | Order)[];
    expect(out[0]).toMatchObject({ error: { externalId: '250-0000000-0000000', field: 'proceeds.grandTotal.amount', errorKind: 'mapping' } });
    expect((out[0] as { error: { message: string } }).error.message).toContain('amazon.order 250-0000000-0000000: proceeds.grandTotal.amount: "19,940" is not a decimal amount');
    expect((out[1] as Order).externalId).toBe('250-1234567-8901234');
  });

  it('refuses --items with a 2026 file: its orders carry their items (exit 2)', async () => {
    const { code, stderr } = await caravan('amazon.order', join(O26, 'get-order.example.200.json'), '--items', join(V0, 'ordersV0.getOrderItems.200.example.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('get-order.example.200.json is an Orders API 2026-01-01 reply: its orders carry their items (orderItems), so --items');
    expect(stderr).toContain('does not apply (--items takes Orders v0 getOrderItems replies)');
  });

  it.each([['search-orders.sandbox-1.400.json', 'InvalidInput: Invalid Input (Invalid Input)'], ['get-order.sandbox-1.400.json', 'InvalidInput: Invalid Input']])(
    'the 2026 error reply %s is named as Amazon\'s error (exit 1)',
    async (file, message) => {
      const { code, stderr } = await caravan('amazon.order', join(O26, file));
      expect(code).toBe(1);
      expect(stderr).toContain(`${file} is an error reply from Amazon, code InvalidInput, not an Amazon SP-API order reply (Orders v0 or 2026-01-01): Amazon getOrders: ${message}`);
    },
  );

  it('a recorded 400 for includedData=FULFILLMENT (selling-partner-api-models#5365) is named as Amazon\'s error with its status', async () => {
    const body = { errors: [{ code: 'InvalidInput', message: 'The input you have submitted is not valid. Please check your input and try again.' }] };
    const file = write('fe-400.json', { request: { method: 'GET', path: '/orders/2026-01-01/orders?includedData=FULFILLMENT' }, response: { status: 400, headers: {}, body } });
    const { code, stderr } = await caravan('amazon.order', file);
    expect(code).toBe(1);
    expect(stderr).toContain('is an error reply from Amazon, code InvalidInput, not an Amazon SP-API order reply (Orders v0 or 2026-01-01): Amazon getOrders: HTTP 400 InvalidInput: The input you have submitted is not valid.');
  });

  it('a 2026 file given to amazon.order-item says to use amazon.order', async () => {
    const file = join(O26, 'search-orders.example.200.json');
    const { code, stderr } = await caravan('amazon.order-item', file);
    expect(code).toBe(1);
    expect(stderr).toContain(`this is an Amazon Orders API 2026-01-01 searchOrders/getOrder response, not an Amazon getOrderItems reply; try \`caravan map amazon.order ${file}\``);
  });

  it('v0 files still map as before, and --help names both APIs', async () => {
    expect(ids((await mapCommand('amazon.order', join(V0, 'ordersV0.getOrders.200.example.json'), {})).results)).toEqual(['902-3159896-1390916']);
    const { results } = await mapCommand('amazon.order', join(V0, 'ordersV0.getOrder.200.sandbox.TEST_CASE_200.json'), { items: join(V0, 'ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json') });
    expect((results[0] as { record: Order }).record.lines).toHaveLength(1);
    const { stdout } = await caravan('--help');
    expect(stdout).toMatch(/amazon\.order +Amazon SP-API order\(s\), Orders v0 or Orders API 2026-01-01/);
  });
});
