/** `caravan map`: vendor payload files in, canonical records or typed errors out. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { mapCommand } from '../../cli/commands/map.js';
import type { Order } from '../../mappings/canonical/index.js';

const F = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'mapping');
const dir = mkdtempSync(join(tmpdir(), 'caravan-map-'));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};

describe('caravan map amazon.order', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('maps a getOrder response with its getOrderItems response to the canonical order', async () => {
    const { results } = await mapCommand('amazon.order', join(F, 'ordersV0.getOrder.200.sandbox.TEST_CASE_200.json'), {
      items: join(F, 'ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json'),
    });
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r.ok).toBe(true);
    const order = (r as { record: Order }).record;
    expect(order).toMatchObject({
      externalId: '902-1845936-5435065',
      status: 'unshipped',
      currency: 'USD',
      totals: { orderTotal: { amountMinor: 1101, currency: 'USD' }, items: { amountMinor: 1000, currency: 'USD' } },
    });
    expect(order.lines.map((l) => [l.lineId, l.sku, l.quantity])).toEqual([['05015851154158', 'NABetaASINB00551Q3CS', 1]]);
  });

  it('maps every order of a getOrders page, without items', async () => {
    const { results } = await mapCommand('amazon.order', join(F, 'ordersV0.getOrders.200.example.json'), {});
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? (r.record as Order).externalId : ''))).toEqual(['902-3159896-1390916']);
  });

  it('accepts a dead letter payload ({order, items}) and names the field of a bad record', async () => {
    const file = write('dead.json', {
      order: { AmazonOrderId: '303-1111111-2222222', PurchaseDate: '2026-03-01T10:00:00Z', LastUpdateDate: '2026-03-01T10:00:00Z', OrderStatus: 'Shipped', MarketplaceId: 'A1PA6795UKMFR9', OrderTotal: { CurrencyCode: 'EUR', Amount: '19,99' } },
      items: [],
    });
    const { results, output } = await mapCommand('amazon.order', file, {});
    expect(results[0]).toMatchObject({ ok: false, error: { externalId: '303-1111111-2222222', field: 'OrderTotal.Amount', errorKind: 'mapping' } });
    expect(JSON.parse(output)[0].error.message).toContain('303-1111111-2222222');
  });

  it('exits 1 when a record does not map, 2 for bad arguments, 0 otherwise', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['map', 'amazon.order', join(F, 'ordersV0.getOrders.200.example.json')])).toBe(0);
    const bad = write('bad.json', { AmazonOrderId: 'x', OrderStatus: 'Nope' });
    expect(await main(['map', 'amazon.order', bad])).toBe(1);
    process.exitCode = undefined;
    expect(await main(['map', 'amazon.nothing', bad])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toContain('unknown record kind "amazon.nothing"');
    expect(await main(['map', 'amazon.order', join(dir, 'missing.json')])).toBe(2);
    // Files that are not an order reply at all are refused as such (exit 1), never mapped.
    expect(await main(['map', 'amazon.order', write('notjson.json', '<html>')])).toBe(1);
    expect(err.mock.calls.flat().join('\n')).toContain('notjson.json: this is an HTML page: <html>, not an Amazon SP-API order reply (Orders v0 or 2026-01-01)');
    expect(await main(['map', 'amazon.order', join(F, 'ordersV0.getOrderItems.200.example.json')])).toBe(1);
    expect(err.mock.calls.flat().join('\n')).toContain(
      'ordersV0.getOrderItems.200.example.json: this is a getOrderItems response (Amazon order items), not an Amazon SP-API order reply (Orders v0 or 2026-01-01); pass it with --items beside the order file',
    );
    expect(log).toHaveBeenCalled();
  });

  it('maps order items on their own (amazon.order-item)', async () => {
    const { results } = await mapCommand('amazon.order-item', join(F, 'ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json'), {});
    expect(results).toEqual([
      expect.objectContaining({ ok: true, record: expect.objectContaining({ lineId: '05015851154158', lineTotal: { amountMinor: 1000, currency: 'USD' } }) }),
    ]);
  });
});

describe('caravan argument errors', () => {
  it('rejects unknown commands and missing options with exit code 2', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['nonsense'])).toBe(2);
    expect(await main(['sync', 'orders', '--tenant', 'demo'])).toBe(2);
    expect(await main(['runs', '--limit', 'many'])).toBe(2);
    err.mockRestore();
  });
});
