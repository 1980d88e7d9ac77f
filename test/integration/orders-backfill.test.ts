/**
 * ordersBackfill end to end on the real dev server against the sandbox SP-API: 60 days of
 * history for amazon-eu (Cp1252 reports) and amazon-fe (the JP marketplace, Shift_JIS reports)
 * in 30-day report windows; the stored orders are the sandbox's seeded orders of the range; a
 * second backfill of the same range changes nothing; the report files are deleted once
 * imported; the same orders imported through Orders v0 (ordersSync) and through the reports
 * are the same canonical orders but for the fields a report lacks, and a backfill after a
 * sync leaves the synced orders alone; a window whose report ends FATAL fails with the
 * channel's message while the other windows are imported.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillOutcome, startOrdersBackfill } from '../../cli/commands/backfill.js';
import { startOrdersSync } from '../../cli/commands/sync.js';
import type { Order } from '../../mappings/canonical/index.js';
import { CURATED_ORDER_IDS, generateAmazonSeed, type SandboxOrder } from '../../sandbox/amazon/index.js';
import { getRun, listDeadLetters, listOrders, ordersSnapshot } from '../../store/index.js';
import { FLOWS } from '../../temporal.config.js';
import type { OrdersBackfillProgress, OrdersBackfillSummary } from '../../workflows/orders-backfill.js';
import { createHarness, type Harness } from './harness.js';

const EU = ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS', 'A1F83G8C2ARO7P'];
const JP = ['A1VC38T7YXB528'];
const CHANNELS = { 'amazon-eu': EU, 'amazon-fe': JP } as const;
type Channel = keyof typeof CHANNELS;
/** Polls on a short schedule: the sandbox builds a report in 90 ms at its time scale. */
const FAST_POLLS = { firstPollMs: 100, factor: 1.5, maxPollMs: 1_000, giveUpAfterMs: 120_000 };
const DAY = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const NOW = Date.now();
const RANGE = { from: iso(NOW - 60 * DAY), to: iso(NOW) };
/**
 * The sandbox seeds orders of the last 30 days: a second seed, 30 days earlier (without the
 * curated orders, whose ids are fixed), fills the first report window.
 */
const recent = generateAmazonSeed({ now: new Date(NOW) }).orders;
const ids = new Set<string>([...recent.map((o) => o.order.AmazonOrderId), ...Object.values(CURATED_ORDER_IDS)]);
const earlier = generateAmazonSeed({ now: new Date(NOW - 31 * DAY), seed: 7, count: 160 }).orders.filter((o) => !ids.has(o.order.AmazonOrderId));
const seed = { orders: [...recent, ...earlier] };

function seededInRange(channel: Channel): SandboxOrder[] {
  const mps = new Set<string>(CHANNELS[channel]);
  return seed.orders.filter((o) => {
    const t = Date.parse(o.order.LastUpdateDate);
    return mps.has(o.order.MarketplaceId ?? '') && t >= Date.parse(RANGE.from) && t <= Date.parse(RANGE.to);
  });
}

/**
 * Statuses an orders report cannot tell apart: it writes InvoiceUnconfirmed as Shipped and
 * PendingAvailability as Pending, which canonically is pending either way (and Canceled as Cancelled).
 */
const REPORT_STATUS: Partial<Record<Order['status'], Order['status']>> = { invoice_unconfirmed: 'shipped' };

/**
 * An order without what an orders report does not carry, field by field as listed in
 * REPORT_ORDER_DIFFERENCES (activities/orders-backfill-merge.ts). Everything else must be equal.
 */
function comparable(o: Order): unknown {
  const {
    buyer: _buyer,
    refs,
    totals,
    shipTo,
    lines,
    rawStatus: _rawStatus,
    status,
    shipServiceLevel: _level,
    earliestShipAt: _es,
    latestShipAt: _ls,
    earliestDeliveryAt: _ed,
    latestDeliveryAt: _ld,
    isPrime: _prime,
    isReplacement: _replacement,
    currency,
    ...rest
  } = o;
  const { orderTotal: _total, ...reportTotals } = totals ?? {};
  const { name: _name, company: _company, lines: _street, phone: _phone, type: _type, ...reportShipTo } = (shipTo ?? {}) as Record<string, unknown>;
  return {
    ...rest,
    status: REPORT_STATUS[status] ?? status,
    // An order without amounts (cancelled) has no currency cell in the report.
    currency: lines.some((l) => l.lineTotal !== undefined) ? currency : undefined,
    refs: { amazonOrderId: refs?.amazonOrderId, marketplaceId: refs?.marketplaceId },
    totals: reportTotals,
    ...(shipTo ? { shipTo: reportShipTo } : {}),
    lines: lines.map(({ lineId: _id, refs: _refs, condition: _c, isGift: _g, quantityShipped: _q, shippingDiscount: _sd, codFee: _cod, ...l }) => l),
  };
}

/** `report` is `api` with characters its charset lacks written as `?` (Shift_JIS has no –). */
function sameButUnencodable(api: string, report: string): boolean {
  return api.length === report.length && [...api].every((c, i) => c === report[i] || report[i] === '?');
}

/**
 * The sandbox's orders report leaves ship-promotion-discount empty (a real one fills it): the
 * API's discounts without the shipping ones when the report has none.
 */
function withoutShippingDiscounts(api: Order, report: Order): Order['totals'] {
  const shippingDiscounts = api.lines.reduce((sum, l) => sum + (l.shippingDiscount?.amountMinor ?? 0), 0);
  const discounts = api.totals?.discounts;
  if (discounts === undefined || shippingDiscounts === 0 || report.lines.some((l) => l.shippingDiscount !== undefined)) return api.totals;
  return { ...api.totals, discounts: { ...discounts, amountMinor: discounts.amountMinor - shippingDiscounts } };
}

/** The API's order as the report says the same things its own way. */
function asReportSaysIt(api: Order, report: Order): Order {
  const totals = withoutShippingDiscounts(api, report);
  return {
    ...api,
    ...(totals ? { totals } : {}),
    // A multi-channel (Non-Amazon) order: the report names its sales channel, not the marketplace.
    ...(report.marketplace.id === 'Non-Amazon' ? { marketplace: report.marketplace, refs: { ...api.refs, marketplaceId: undefined as unknown as string } } : {}),
    lines: api.lines.map((l, i) => {
      const title = report.lines[i]?.title;
      return l.title !== undefined && title !== undefined && sameButUnencodable(l.title, title) ? { ...l, title } : l;
    }),
  };
}

describe('ordersBackfill against the sandbox', () => {
  let h: Harness;
  const id = Date.now().toString(36);
  const backfilled = `bf-${id}`;
  const synced = `sync-${id}`;

  async function backfill(tenant: string, channel: Channel, extra: { windowDays?: number } = {}) {
    const s = await startOrdersBackfill(h.client, tenant, channel, RANGE, { taskQueue: h.taskQueue, reportSchedule: FAST_POLLS, ...extra });
    return { ...(await backfillOutcome(s.handle)), started: s };
  }

  beforeAll(async () => {
    h = await createHarness({
      tenants: [backfilled, synced],
      sandbox: { orders: seed.orders },
      configFor: (generated) => {
        const tenants = generated.tenants as Record<string, { connections: { amazon: { settings: Record<string, unknown> } } }>;
        for (const t of Object.values(tenants)) {
          const amazon = t.connections.amazon;
          t.connections = {
            'amazon-eu': { ...amazon, settings: { ...amazon.settings, marketplaceIds: EU } },
            'amazon-fe': { ...amazon, settings: { ...amazon.settings, region: 'fe', marketplaceIds: JP } },
          } as never;
        }
        return generated;
      },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each(['amazon-eu', 'amazon-fe'] as const)('%s: 60 days in two 30-day report windows store the seeded orders of the range', async (channel) => {
    const { summary, error, started } = await backfill(backfilled, channel);
    expect(error).toBeUndefined();
    const s = summary!;
    expect(s.windows.map((w) => [w.from, w.to, w.outcome.status])).toEqual([
      [RANGE.from, iso(Date.parse(RANGE.from) + 30 * DAY), 'imported'],
      [iso(Date.parse(RANGE.from) + 30 * DAY), RANGE.to, 'imported'],
    ]);
    const expected = seededInRange(channel);
    expect(expected.length).toBeGreaterThan(channel === 'amazon-eu' ? 100 : 10);
    const stored = await listOrders(h.db, { tenant: backfilled, channel, limit: 10_000 });
    const dead = await listDeadLetters(h.db, { tenant: backfilled, channel });
    expect(new Set([...stored.map((o) => o.externalId), ...dead.map((d) => d.externalId)])).toEqual(new Set(expected.map((o) => o.order.AmazonOrderId)));
    expect(s.totals.inserted).toBe(stored.length);
    expect(s.totals.deadLettered).toBe(dead.length);
    expect(await getRun(h.db, { workflowId: started.workflowId, runId: started.runId })).toMatchObject({ status: 'completed', flow: FLOWS.ordersBackfill, inserted: stored.length });
    // Imported files are deleted.
    const reports = join(h.dir, 'data', 'reports', backfilled, channel);
    expect(existsSync(reports) ? readdirSync(reports) : []).toEqual([]);
  });

  it('a range without orders: every report ends CANCELLED, nothing is imported, the run completes', async () => {
    const range = { from: iso(NOW - 200 * DAY), to: iso(NOW - 150 * DAY) };
    const s = await startOrdersBackfill(h.client, backfilled, 'amazon-eu', range, { taskQueue: h.taskQueue, reportSchedule: FAST_POLLS });
    const { summary, error } = await backfillOutcome(s.handle);
    expect(error).toBeUndefined();
    expect(summary!.windows.map((w) => w.outcome.status)).toEqual(['empty', 'empty']);
    expect(summary!.totals).toMatchObject({ rows: 0, orders: 0, inserted: 0 });
    expect(await getRun(h.db, { workflowId: s.workflowId, runId: s.runId })).toMatchObject({ status: 'completed', inserted: 0 });
  });

  it('a second backfill of the same range changes nothing', async () => {
    const before = await ordersSnapshot(h.db, backfilled);
    for (const channel of ['amazon-eu', 'amazon-fe'] as const) {
      const { summary, error, started } = await backfill(backfilled, channel);
      expect(error).toBeUndefined();
      expect(summary!.totals).toMatchObject({ inserted: 0, updated: 0 });
      const progress = await started.handle.query<OrdersBackfillProgress>('progress');
      expect(progress).toMatchObject({ phase: 'done', windowsTotal: 2, windowsDone: 2, windowsFailed: 0 });
    }
    expect(await ordersSnapshot(h.db, backfilled)).toEqual(before);
  });

  it('Orders v0 and the reports give the same canonical orders but for what a report lacks; a backfill after a sync changes nothing', async () => {
    for (const channel of ['amazon-eu', 'amazon-fe'] as const) {
      const s = await startOrdersSync(h.client, synced, channel, { since: RANGE.from, taskQueue: h.taskQueue });
      await s.handle.result();
    }
    const viaApi = await listOrders(h.db, { tenant: synced, limit: 10_000 });
    const viaReport = new Map((await listOrders(h.db, { tenant: backfilled, limit: 10_000 })).map((o) => [`${o.channel}/${o.externalId}`, o.order]));
    let compared = 0;
    const diffs: string[] = [];
    for (const api of viaApi) {
      const report = viaReport.get(`${api.channel}/${api.externalId}`);
      if (!report) {
        diffs.push(`missing ${api.externalId}`);
        continue;
      }
      compared++;
      const a = JSON.stringify(comparable(asReportSaysIt(api.order, report)));
      const b = JSON.stringify(comparable(report));
      if (a !== b) diffs.push(`${api.externalId}\n  api    ${a}\n  report ${b}`);
    }
    expect(diffs).toEqual([]);
    expect(compared).toBe(viaApi.length);
    expect(new Set(viaApi.map((o) => o.channel))).toEqual(new Set(['amazon-eu', 'amazon-fe']));

    const before = await ordersSnapshot(h.db, synced);
    for (const channel of ['amazon-eu', 'amazon-fe'] as const) {
      const { summary } = await backfill(synced, channel);
      expect(summary!.totals).toMatchObject({ updated: 0 });
    }
    const after = await ordersSnapshot(h.db, synced);
    // Orders v0 rejected the malformed ones; where the report maps them they are added, nothing else is touched.
    expect(after.filter((o) => before.some((b) => b.externalId === o.externalId))).toEqual(before);
  });

  it('a long range continues as new between windows and still imports every window once, in order', async () => {
    const s = await startOrdersBackfill(h.client, backfilled, 'amazon-eu', { from: RANGE.from, to: iso(Date.parse(RANGE.to) - 2000) }, {
      taskQueue: h.taskQueue,
      reportSchedule: FAST_POLLS,
      windowDays: 7,
      continueAsNewAfterEvents: 40,
    });
    const { summary, error } = await backfillOutcome(s.handle);
    expect(error).toBeUndefined();
    expect(summary!.continuedAsNew).toBeGreaterThan(0);
    expect(summary!.windows).toHaveLength(9);
    expect(summary!.windows.map((w) => w.from)).toEqual([...summary!.windows.map((w) => w.from)].sort());
    // Everything was imported by the first test: the windows find their orders unchanged (or dead-lettered again).
    const t = summary!.totals;
    expect(t).toMatchObject({ orders: seededInRange('amazon-eu').length, inserted: 0, updated: 0 });
    expect(t.unchanged + t.deadLettered).toBe(t.orders);
  });

  it('a window whose report ends FATAL fails with the channel\'s message; the other windows are imported', async () => {
    const tenant = backfilled;
    // 45-day windows: Amazon (and the sandbox) refuse an orders report over more than 30 days.
    const s = await startOrdersBackfill(h.client, tenant, 'amazon-eu', { from: RANGE.from, to: iso(Date.parse(RANGE.to) - 1000) }, { taskQueue: h.taskQueue, reportSchedule: FAST_POLLS, windowDays: 45 });
    const { summary, error } = await backfillOutcome(s.handle);
    expect(error).toMatch(/^1 of 2 report windows failed: .*: Report request is not allowed: the date range exceeds 30 days\.$/);
    const windows = (summary as OrdersBackfillSummary).windows;
    expect(windows.map((w) => w.outcome.status)).toEqual(['failed', 'imported']);
    expect(await getRun(h.db, { workflowId: s.workflowId, runId: s.runId })).toMatchObject({ status: 'failed', error: expect.stringContaining('exceeds 30 days') });
  });
});
