/**
 * ordersSync end to end on a connection that reads Orders API 2026-01-01, beside one on v0, both
 * against the same seeded sandbox: searchOrders pages with the items inside (no getOrderItems),
 * the same pages, counts and dead letters (by order and field) as v0, and the same canonical
 * orders apart from the fields the two APIs spell differently, listed below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMAZON_ORDERS_2026_FORMAT } from '../../connectors/amazon/index.js';
import type { Order } from '../../mappings/canonical/index.js';
import { KNOWN_MALFORMED_ORDERS } from '../../sandbox/amazon/index.js';
import { countOrders, getOrder, listDeadLetters, ordersSnapshot } from '../../store/index.js';
import { ordersSyncWorkflowId } from '../../temporal.config.js';
import { startOrdersSync } from '../../cli/commands/sync.js';
import { createHarness, type Harness } from './harness.js';

const SEEDED = 240;
const MALFORMED = KNOWN_MALFORMED_ORDERS.length;
const PAGE = 50;

/** Where a 2026 dead letter points, by the v0 field of the same malformed record. */
const FIELD_2026: Readonly<Record<string, string>> = {
  'OrderItems[0].ItemPrice.Amount': 'orderItems[0].product.price.unitPrice.amount',
  PurchaseDate: 'createdTime',
  'OrderTotal.CurrencyCode': 'proceeds.grandTotal.currencyCode',
};

/**
 * The canonical fields that differ between the two APIs for the same order, and why:
 * - rawStatus: as sent, v0 `Shipped`, 2026 `SHIPPED` (the FulfillmentStatus enum);
 * - status: 2026 has no InvoiceUnconfirmed, so such an order is `shipped` there;
 * - shipServiceLevel: v0's ShipServiceLevel (`Std DE Dom_1`), 2026's fulfillmentServiceLevel category (`STANDARD`);
 * - isReplacement: v0 says false; 2026 lists associatedOrders only for a replacement, so it is unknown;
 * - lines[].isGift: v0 says false; 2026 sends a giftOption only for gifts, so it is unknown.
 */
function withoutApiDifferences(o: Order): unknown {
  const { rawStatus: _raw, status, shipServiceLevel: _level, isReplacement: _replacement, lines, ...rest } = o;
  return {
    ...rest,
    status: status === 'invoice_unconfirmed' ? 'shipped' : status,
    lines: lines.map(({ isGift: _gift, ...line }) => line),
  };
}

describe('ordersSync on Orders API 2026-01-01, beside v0', () => {
  let h: Harness;
  const v0 = `v0-${Date.now().toString(36)}`;
  const v2026 = `o26-${Date.now().toString(36)}`;

  beforeAll(async () => {
    h = await createHarness({
      tenants: [v0, v2026],
      orders: { pageSize: PAGE },
      settingsOf: (tenant) => (tenant === v2026 ? { ordersApi: '2026-01-01' } : {}),
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('imports the seed through searchOrders alone, with the pages, counts and dead letters of a v0 run', async () => {
    const v0Summary = await h.sync(v0);
    const before = h.sandbox.stats().operations;
    const summary = await h.sync(v2026);
    const after = h.sandbox.stats().operations;

    expect(summary.totals).toEqual(v0Summary.totals);
    expect(summary.totals).toMatchObject({ fetched: SEEDED, inserted: SEEDED - MALFORMED, updated: 0, deadLettered: MALFORMED });
    expect(summary.pages).toBe(Math.ceil(SEEDED / PAGE));
    expect(summary.pages).toBe(v0Summary.pages);
    // One searchOrders call per page (plus any 429 retries), nothing per order.
    expect(after.searchOrders.requests - before.searchOrders.requests - (after.searchOrders.throttled - before.searchOrders.throttled)).toBe(summary.pages);
    expect(after.getOrderItems.requests).toBe(before.getOrderItems.requests);
    expect(after.getOrders.requests).toBe(before.getOrders.requests);
    expect(await countOrders(h.db, { tenant: v2026 })).toBe(SEEDED - MALFORMED);
    // The listing carries the lines, so one activity reads up to twenty vendor pages (pagesPerActivity's default); v0 reads one each.
    const pageActivities = async (tenant: string) =>
      ((await h.client.workflow.getHandle(ordersSyncWorkflowId(tenant, 'amazon')).fetchHistory()).events ?? []).filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'importOrdersPage',
      ).length;
    expect([await pageActivities(v0), await pageActivities(v2026)]).toEqual([5, 1]);

    const dead = await listDeadLetters(h.db, { tenant: v2026 });
    expect(dead.map((d) => d.externalId).sort()).toEqual(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId).sort());
    for (const m of KNOWN_MALFORMED_ORDERS) {
      const d = dead.find((x) => x.externalId === m.amazonOrderId)!;
      expect(d.field).toBe(FIELD_2026[m.field]);
      expect(d.recordType).toBe('amazon.order');
      expect(d.message).toContain(m.amazonOrderId);
      // The order as searchOrders sent it, items inside, and the format a replay maps it with.
      const payload = d.payload as { order: { orderId: string; orderItems: unknown[] }; items?: unknown; format: string };
      expect(payload.format).toBe(AMAZON_ORDERS_2026_FORMAT);
      expect(payload.order.orderId).toBe(m.amazonOrderId);
      expect(payload.order.orderItems.length).toBeGreaterThan(0);
      expect(payload.items).toBeUndefined();
    }
  });

  it('stores the same canonical orders as the v0 run, apart from the listed API differences', async () => {
    const ids = (await ordersSnapshot(h.db, v0)).map((s) => s.externalId).sort();
    expect((await ordersSnapshot(h.db, v2026)).map((s) => s.externalId).sort()).toEqual(ids);
    const differing = new Map<string, number>();
    for (const id of ids) {
      const a = (await getOrder(h.db, v0, 'amazon', id))!;
      const b = (await getOrder(h.db, v2026, 'amazon', id))!;
      expect(withoutApiDifferences(b)).toEqual(withoutApiDifferences(a));
      for (const field of ['rawStatus', 'status', 'shipServiceLevel', 'isReplacement'] as const) {
        if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) differing.set(field, (differing.get(field) ?? 0) + 1);
      }
      expect(b.rawStatus).toBe(a.rawStatus === 'InvoiceUnconfirmed' ? 'SHIPPED' : a.rawStatus.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase().replace('CANCELED', 'CANCELLED'));
    }
    // Each listed difference does occur in the seed (the list is not longer than it needs to be).
    expect([...differing.keys()].sort()).toEqual(['isReplacement', 'rawStatus', 'shipServiceLevel', 'status']);
  });

  it('a second run starts at the cursor and writes nothing, like v0', async () => {
    const before = await ordersSnapshot(h.db, v2026);
    const v0Summary = await h.sync(v0);
    const summary = await h.sync(v2026);
    expect(summary.totals).toMatchObject({ inserted: 0, updated: 0 });
    expect(summary.totals).toEqual(v0Summary.totals);
    expect(await ordersSnapshot(h.db, v2026)).toEqual(before);
    expect(await listDeadLetters(h.db, { tenant: v2026 })).toHaveLength(MALFORMED);
  });

  it('picks up an order updated after the last sync', async () => {
    const target = (await ordersSnapshot(h.db, v2026)).find((o) => o.externalId.startsWith('3'))!;
    const before = (await getOrder(h.db, v2026, 'amazon', target.externalId))!;
    const next = before.status === 'cancelled' ? 'Shipped' : 'Canceled';
    h.sandbox.updateOrder(target.externalId, { OrderStatus: next });
    const summary = await h.sync(v2026);
    expect(summary.totals).toMatchObject({ inserted: 0, updated: 1 });
    expect((await getOrder(h.db, v2026, 'amazon', target.externalId))!.rawStatus).toBe(next === 'Shipped' ? 'SHIPPED' : 'CANCELLED');
  });
});

describe('a 2026-01-01 import activity that fails on its second vendor page', () => {
  let h: Harness;
  const tenant = `o26r-${Date.now().toString(36)}`;

  beforeAll(async () => {
    // Every sandbox reply takes 300 ms, so the fault below reaches the prefetched second page.
    h = await createHarness({ tenants: [tenant], orders: { pageSize: PAGE }, sandbox: { latencyMs: 300 }, settingsOf: () => ({ ordersApi: '2026-01-01' }) });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('is retried from its first vendor page, skipping the orders it wrote, with the totals of a clean run', async () => {
    const started = await startOrdersSync(h.client, tenant, 'amazon', { taskQueue: h.taskQueue });
    // Once the first page is served, the next three searchOrders calls (the prefetched page and its two resends) fail.
    for (let i = 0; i < 400 && h.sandbox.stats().operations.searchOrders.requests < 1; i++) await new Promise((r) => setTimeout(r, 5));
    h.sandbox.injectFaults({ operation: 'searchOrders', status: 503, count: 3 });
    const summary = await started.handle.result();

    const history = await started.handle.fetchHistory();
    const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
    expect(Math.max(...attempts)).toBe(2);
    expect(h.sandbox.stats().operations.searchOrders.statuses['503']).toBe(3);
    expect(summary.pages).toBe(Math.ceil(SEEDED / PAGE));
    // The retry skips what the first attempt wrote (its heartbeat named those orders) and carries their counts.
    expect(summary.totals).toEqual({ fetched: SEEDED, inserted: SEEDED - MALFORMED, updated: 0, unchanged: 0, deadLettered: MALFORMED, throttled: 0 });
    const stored = await ordersSnapshot(h.db, tenant);
    expect(stored).toHaveLength(SEEDED - MALFORMED);
    expect(stored.every((o) => o.version === 1)).toBe(true);
    expect(await listDeadLetters(h.db, { tenant })).toHaveLength(MALFORMED);
  }, 60_000);
});
