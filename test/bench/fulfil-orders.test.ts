import { describe, expect, it } from 'vitest';
import { benchOrder, benchProducts, boundedAll, fulfilMix, quantile, shippable } from '../../bench/fulfil-orders.js';
import type { Order } from '../../mappings/canonical/index.js';

const order = (over: Partial<Order> = {}, line: Partial<Order['lines'][number]> = {}): Order => ({
  channel: 'amazon',
  vendor: 'amazon',
  externalId: '302-0000000-0000001',
  status: 'unshipped',
  rawStatus: 'Unshipped',
  marketplace: { id: 'A1PA6795UKMFR9' },
  purchasedAt: '2026-03-14T10:00:00Z',
  updatedAt: '2026-03-14T10:00:00Z',
  currency: 'EUR',
  fulfilment: 'merchant',
  lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2, lineTotal: { amountMinor: 2500, currency: 'EUR' }, refs: {}, ...line }],
  refs: {},
  ...over,
});

describe('bench (f) fulfilment', () => {
  it('mixes DAP and DDP, auto, dhl and fedex: every combination within 6 orders, DDP always to New York', () => {
    const mixes = Array.from({ length: 6 }, (_, i) => fulfilMix(i));
    expect(new Set(mixes.map((m) => `${m.incoterm}/${m.carrier}`)).size).toBe(6);
    const many = Array.from({ length: 1000 }, (_, i) => fulfilMix(i));
    expect(many.filter((m) => m.incoterm === 'DDP').every((m) => m.to === 'US')).toBe(true);
    expect(many.filter((m) => m.incoterm === 'DAP').map((m) => m.to)).toContain('GB');
    expect(many.filter((m) => m.carrier === 'fedex')).toHaveLength(333);
  });

  it('ships only unshipped merchant orders whose lines have a SKU, an amount in a currency with rates, and units left', () => {
    expect(shippable(order())).toBe(true);
    expect(shippable(order({}, { lineTotal: { amountMinor: 900, currency: 'JPY' } }))).toBe(true);
    expect(shippable(order({ fulfilment: 'marketplace' }))).toBe(false);
    expect(shippable(order({ status: 'shipped' }))).toBe(false);
    expect(shippable(order({}, { sku: undefined }))).toBe(false);
    expect(shippable(order({}, { lineTotal: { amountMinor: 900, currency: 'AED' } }))).toBe(false);
    expect(shippable(order({}, { quantityShipped: 2 }))).toBe(false);
    expect(shippable(order({ lines: [] }))).toBe(false);
  });

  it('sends the order abroad with a phone, one second newer', () => {
    const moved = benchOrder(order(), { incoterm: 'DAP', carrier: 'dhl', to: 'GB' });
    expect(moved.shipTo).toMatchObject({ country: 'GB', phone: expect.stringMatching(/^\+44/) });
    expect(moved.updatedAt).toBe('2026-03-14T10:00:01.000Z');
    expect(benchOrder(order(), fulfilMix(1)).shipTo).toMatchObject({ country: 'US', region: 'NY' });
  });

  it('gives every SKU an HS code, origin and weight', () => {
    const products = benchProducts(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(products.map((p) => p.sku)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(products.every((p) => /^\d{6}$/.test(p.hsCode ?? '') && /^[A-Z]{2}$/.test(p.originCountry ?? '') && p.weight !== undefined)).toBe(true);
    expect(products[5]!.hsCode).toBe(products[0]!.hsCode);
  });

  it('quantiles by nearest rank', () => {
    const ms = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([quantile(ms, 0.5), quantile(ms, 0.95), quantile(ms, 1)]).toEqual([50, 95, 100]);
    expect(quantile([], 0.5)).toBe(0);
    expect(quantile([7], 0.95)).toBe(7);
  });

  it('runs at most `limit` at once and keeps the results in order', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await boundedAll([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, n * 3));
      inFlight--;
      return `${i}:${n}`;
    });
    expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
    expect(most).toBe(3);
    expect(await boundedAll([], 4, async () => 1)).toEqual([]);
  });
});
