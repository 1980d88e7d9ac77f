import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CURATED_ORDER_IDS, type AmazonSandbox, type SandboxOrder, type SandboxStats } from '../../../sandbox/amazon/index.js';
import { postJson, spGet, T0, walkOrders, type ItemsPayload } from './sandbox-client.js';
import { ALL_MARKETPLACES, iso, seededSandbox } from './seeded-sandbox.js';
import { validateResponse } from './swagger-schema.js';

const { seed, clock, start } = seededSandbox();
let sandbox: AmazonSandbox;
let token: string;

beforeAll(async () => {
  ({ sandbox, token } = await start());
});
beforeEach(() => {
  sandbox.reset();
});
afterAll(async () => {
  await sandbox.close();
});

function seeded(pred: (o: SandboxOrder) => boolean): SandboxOrder {
  const found = seed.find(pred);
  if (!found) throw new Error('no such seed order');
  return found;
}
async function updatedSince(afterMs: number): Promise<string[]> {
  const pages = await walkOrders(sandbox.url, token, { MarketplaceIds: ALL_MARKETPLACES, LastUpdatedAfter: iso(afterMs) });
  return pages.flatMap((p) => p.body.payload?.Orders.map((o) => o.AmazonOrderId) ?? []);
}

describe('updateOrder', () => {
  it('moves an order into a later LastUpdatedAfter window and fixes its counts', async () => {
    const target = seeded((o) => o.order.OrderStatus === 'Unshipped' && Date.parse(o.order.LastUpdateDate) < T0 - 86_400_000);
    const windowStart = T0 + 60_000;
    clock.advanceSeconds(5 * 60);
    const updated = sandbox.updateOrder(target.order.AmazonOrderId, { OrderStatus: 'Shipped' });
    expect(updated.order.LastUpdateDate).toBe('2026-03-15T12:05:00Z');
    const units = target.items.reduce((n, i) => n + i.QuantityOrdered, 0);
    expect(updated.order).toMatchObject({ OrderStatus: 'Shipped', NumberOfItemsShipped: units, NumberOfItemsUnshipped: 0 });
    expect(updated.items.every((i) => i.QuantityShipped === i.QuantityOrdered)).toBe(true);

    // Not yet visible: 12:05 is within the last two minutes of 12:06.
    clock.advanceSeconds(60);
    expect(await updatedSince(windowStart)).toEqual([]);
    clock.advanceSeconds(60);
    expect(await updatedSince(windowStart)).toEqual([target.order.AmazonOrderId]);
    const r = await spGet<{ payload: { OrderStatus: string } }>(sandbox.url, `/orders/v0/orders/${target.order.AmazonOrderId}`, token);
    expect(r.body.payload.OrderStatus).toBe('Shipped');
    // The seed object itself is untouched.
    expect(target.order.OrderStatus).toBe('Unshipped');
  });

  it('reveals the withheld OrderTotal and item prices when an order leaves Pending', async () => {
    const pending = seeded((o) => o.order.OrderStatus === 'Pending');
    sandbox.updateOrder(pending.order.AmazonOrderId, { OrderStatus: 'Unshipped', LastUpdateDate: '2026-03-15T11:00:00Z' });
    const order = await spGet<{ payload: { OrderTotal?: unknown; LastUpdateDate: string; NumberOfItemsUnshipped: number } }>(sandbox.url, `/orders/v0/orders/${pending.order.AmazonOrderId}`, token);
    expect(order.body.payload.OrderTotal).toEqual(pending.withheld?.OrderTotal);
    expect(order.body.payload.LastUpdateDate).toBe('2026-03-15T11:00:00Z');
    expect(order.body.payload.NumberOfItemsUnshipped).toBe(pending.items.reduce((n, i) => n + i.QuantityOrdered, 0));
    const items = await spGet<ItemsPayload>(sandbox.url, `/orders/v0/orders/${pending.order.AmazonOrderId}/orderItems`, token);
    expect(items.body.payload?.OrderItems).toEqual(pending.withheld?.items);
    expect(validateResponse('/orders/v0/orders/{orderId}/orderItems', 200, items.body)).toEqual([]);
  });

  it('removes fields patched with null and rejects unknown orders', () => {
    const id = CURATED_ORDER_IDS.arabicNameDe;
    const updated = sandbox.updateOrder(id, { BuyerInfo: null, ShippingAddress: { AddressLine2: 'Hinterhaus' } });
    expect(updated.order.BuyerInfo).toBeUndefined();
    expect(updated.order.ShippingAddress).toMatchObject({ Name: 'يوسف الحداد', AddressLine2: 'Hinterhaus' });
    expect(() => sandbox.updateOrder('000-0000000-0000000', { OrderStatus: 'Shipped' })).toThrow('no order 000-0000000-0000000');
  });

  it('does not break a CreatedAfter walk when an order changes mid-way', async () => {
    const query = { MarketplaceIds: ALL_MARKETPLACES, CreatedAfter: iso(T0 - 31 * 86_400_000), MaxResultsPerPage: '50' };
    const first = await spGet<{ payload: { Orders: { AmazonOrderId: string }[]; NextToken: string } }>(sandbox.url, '/orders/v0/orders', token, query);
    const later = seed[seed.length - 1] as SandboxOrder;
    sandbox.updateOrder(later.order.AmazonOrderId, { OrderStatus: 'Canceled' });
    const ids = first.body.payload.Orders.map((o) => o.AmazonOrderId);
    let next: string | undefined = first.body.payload.NextToken;
    while (next) {
      const page: { body: { payload: { Orders: { AmazonOrderId: string }[]; NextToken?: string } } } = await spGet(sandbox.url, '/orders/v0/orders', token, { MarketplaceIds: query.MarketplaceIds, NextToken: next });
      ids.push(...page.body.payload.Orders.map((o) => o.AmazonOrderId));
      next = page.body.payload.NextToken;
    }
    expect(ids).toHaveLength(240);
    expect(new Set(ids).size).toBe(240);
  });
});

describe('admin API', () => {
  it('reads, patches, adds and resets orders over HTTP', async () => {
    const id = CURATED_ORDER_IDS.hebrewNameUk;
    const read = await fetch(`${sandbox.url}/_sandbox/orders/${id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as SandboxOrder).order.ShippingAddress?.Name).toBe('נועה לוי');

    const patched = await postJson<SandboxOrder>(sandbox.url, `/_sandbox/orders/${id}`, { OrderStatus: 'Canceled' });
    expect(patched.status).toBe(200);
    expect(patched.body.order.OrderStatus).toBe('Canceled');

    const raw = structuredClone(seeded((o) => o.order.OrderStatus === 'Shipped').order);
    raw.AmazonOrderId = '303-0000001-0000001';
    const added = await postJson<{ added: number; orders: number }>(sandbox.url, '/_sandbox/orders', [raw]);
    expect(added.body).toEqual({ added: 1, orders: 241 });
    const fetched = await spGet<{ payload: { AmazonOrderId: string } }>(sandbox.url, '/orders/v0/orders/303-0000001-0000001', token);
    expect(fetched.body.payload.AmazonOrderId).toBe('303-0000001-0000001');
    const noItems = await spGet<ItemsPayload>(sandbox.url, '/orders/v0/orders/303-0000001-0000001/orderItems', token);
    expect(noItems.body.payload?.OrderItems).toEqual([]);

    const reset = await postJson<{ orders: number }>(sandbox.url, '/_sandbox/reset', {});
    expect(reset.body).toEqual({ orders: 240 });
    expect((await fetch(`${sandbox.url}/_sandbox/orders/303-0000001-0000001`)).status).toBe(404);
    expect(sandbox.getOrder(id)?.order.OrderStatus).toBe('Unshipped');
  });

  it('reports stats per operation', async () => {
    await spGet(sandbox.url, `/orders/v0/orders/${CURATED_ORDER_IDS.greekNameDe}`, token);
    await spGet(sandbox.url, '/orders/v0/orders/999-9999999-9999999', token);
    const stats = (await (await fetch(`${sandbox.url}/_sandbox/stats`)).json()) as SandboxStats;
    expect(stats.operations.getOrder).toEqual({ requests: 2, throttled: 0, injectedFaults: 0, statuses: { 200: 1, 404: 1 }, firstAt: expect.any(Number), lastAt: expect.any(Number) });
    expect(stats.operations.getOrders.requests).toBe(0);
    expect(stats.orders).toBe(240);
    expect(stats.tokensIssued).toBe(1);
    expect(stats.pendingFaults).toEqual([]);
  });

  it('answers 400 for bad input and 404 for unknown orders or routes', async () => {
    const bad = await fetch(`${sandbox.url}/_sandbox/orders`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    const invalid = await postJson<{ error: string }>(sandbox.url, '/_sandbox/orders', [{ order: { AmazonOrderId: 'x' } }]);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('orders[0].PurchaseDate must be a string');
    expect((await postJson(sandbox.url, '/_sandbox/orders/000-0000000-0000000', { OrderStatus: 'Shipped' })).status).toBe(404);
    expect((await fetch(`${sandbox.url}/_sandbox/nothing`)).status).toBe(404);
  });

  it('adds SandboxOrder records in process, copying them', () => {
    const copy = structuredClone(seeded((o) => o.order.OrderStatus === 'Shipped'));
    copy.order.AmazonOrderId = '303-0000002-0000002';
    expect(sandbox.addOrders([copy])).toBe(1);
    copy.order.OrderStatus = 'Canceled';
    expect(sandbox.getOrder('303-0000002-0000002')?.order.OrderStatus).toBe('Shipped');
    expect(sandbox.getOrder('303-0000002-0000002')?.items).toHaveLength(copy.items.length);
  });
});

describe('sandbox/main.ts', () => {
  it('starts, prints the URL and client id (not the secret), and exits cleanly on SIGTERM', async () => {
    const main = fileURLToPath(new URL('../../../sandbox/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--orders', '30', '--time-scale', '60', '--min-lag-seconds', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/[^\s]+)/.exec(out);
        if (m?.[1] && out.includes('client id')) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const health = (await (await fetch(`${url}/_sandbox/health`)).json()) as { ok: boolean; orders: number };
    expect(health).toEqual({ ok: true, orders: 30 });
    expect(out).toContain('amzn1.application-oa2-client.caravansandbox0000000000000001');
    expect(out).toContain('seller id:          A2CARAVANSANDBOX');
    expect(out).not.toContain('caravansandboxdemosecret');
    expect(out).not.toContain('Atzr|');
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
  });
});
