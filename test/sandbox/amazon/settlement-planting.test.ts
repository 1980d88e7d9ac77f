/**
 * The V2 settlements the stand-in pre-seeds, read through the Reports API: each settled order's
 * sale rows add up to its OrderTotal and its commission is 15 % of the sale (what a reconciliation
 * with that rule finds clean), and with plantSettlementDiscrepancies one EUR settlement carries
 * exactly the three anomalies plantedSettlement() names.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_MALFORMED_ORDERS, generateAmazonSeed, startAmazonSandbox, type AmazonSandbox, type SandboxOrder } from '../../../sandbox/amazon/index.js';
import { requestToken, spRequest, T0 } from './sandbox-client.js';
import { ALL_MARKETPLACES } from './seeded-sandbox.js';

const V2 = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const seed = generateAmazonSeed({ now: new Date(T0) }).orders;
const byId = new Map(seed.map((o) => [o.order.AmazonOrderId, o]));

interface Settlement {
  reportId: string;
  marketplaceId: string;
  header: Record<string, string>;
  rows: Record<string, string>[];
}

async function settlements(sandbox: AmazonSandbox): Promise<Settlement[]> {
  const token = await requestToken(sandbox.url);
  const list = await spRequest<{ reports: { reportId: string; reportDocumentId: string; marketplaceIds: string[] }[] }>(sandbox.url, 'GET', '/reports/2021-06-30/reports', token, { query: { reportTypes: V2, marketplaceIds: ALL_MARKETPLACES, pageSize: '100' } });
  return Promise.all(
    list.body.reports.map(async (r) => {
      const doc = await spRequest<{ url: string }>(sandbox.url, 'GET', `/reports/2021-06-30/documents/${r.reportDocumentId}`, token);
      // Amounts, ids and dates are ASCII: latin1 reads them whatever charset the marketplace's file has.
      const text = gunzipSync(Buffer.from(await (await fetch(doc.body.url)).arrayBuffer())).toString('latin1');
      const [head, ...lines] = text.trimEnd().split('\n').map((l) => l.split('\t'));
      const records = lines.map((l) => Object.fromEntries(head!.map((c, i) => [c, l[i] ?? ''])));
      return { reportId: r.reportId, marketplaceId: r.marketplaceIds[0]!, header: records[0]!, rows: records.slice(1) };
    }),
  );
}

/** Minor units of decimal text (exponent 0 or 2). */
const minor = (text: string, exponent: number): number => (exponent === 0 ? Number(text) : Math.round(Number(text) * 100));
const halfEven15 = (sale: number): number => {
  const exact = (sale * 15) / 100;
  const floor = Math.floor(exact);
  const d = exact - floor;
  return d > 0.5 || (d === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
};

/** Per order of the settlement: its sale (Order rows but fees), commission and refund rows. */
function perOrder(s: Settlement, exponent: number) {
  const out = new Map<string, { sale: number; commission: number; refunds: Record<string, string>[] }>();
  for (const r of s.rows) {
    const o = out.get(r['order-id']!) ?? { sale: 0, commission: 0, refunds: [] };
    if (r['transaction-type'] === 'Refund') o.refunds.push(r);
    else if (r['amount-type'] !== 'ItemFees') o.sale += minor(r.amount!, exponent);
    else if (r['amount-description'] === 'Commission') o.commission -= minor(r.amount!, exponent);
    out.set(r['order-id']!, o);
  }
  return out;
}

const total = (o: SandboxOrder, exponent: number): number => minor(o.order.OrderTotal?.Amount ?? '0', exponent);
const exponentOf = (s: Settlement): number => (s.header.currency === 'JPY' ? 0 : 2);

describe('seeded V2 settlements', () => {
  let plain: AmazonSandbox;
  let planted: AmazonSandbox;
  beforeAll(async () => {
    const now = () => new Date(T0);
    plain = await startAmazonSandbox({ orders: seed, now, rateLimits: false });
    planted = await startAmazonSandbox({ orders: seed, now, rateLimits: false, plantSettlementDiscrepancies: true });
  });
  afterAll(async () => {
    await plain?.close();
    await planted?.close();
  });

  it('pay each order its total (shipping, COD and promotions as rows of their own) with 15 % commission on the sale, and nothing planted by default', async () => {
    expect(plain.plantedSettlement()).toBeUndefined();
    const all = await settlements(plain);
    expect(all.length).toBeGreaterThan(4);
    let orders = 0;
    let withShippingOrPromotion = 0;
    for (const s of all) {
      const e = exponentOf(s);
      expect(s.rows.some((r) => r['transaction-type'] === 'Refund')).toBe(false);
      expect(minor(s.header['total-amount']!, e)).toBe(s.rows.reduce((n, r) => n + minor(r.amount!, e), 0));
      for (const [id, o] of perOrder(s, e)) {
        const order = byId.get(id)!;
        if (KNOWN_MALFORMED_ORDERS.some((m) => m.amazonOrderId === id)) continue;
        orders += 1;
        if (s.rows.some((r) => r['order-id'] === id && (r['amount-type'] === 'Promotion' || r['amount-description'] === 'Shipping'))) withShippingOrPromotion += 1;
        expect({ id, sale: o.sale }).toEqual({ id, sale: total(order, e) });
        const taxed = s.rows.filter((r) => r['order-id'] === id && /Tax$/.test(r['amount-description']!)).reduce((n, r) => n + minor(r.amount!, e), 0);
        expect({ id, commission: o.commission }).toEqual({ id, commission: halfEven15(o.sale - taxed) });
      }
    }
    expect(orders).toBeGreaterThan(20);
    expect(withShippingOrPromotion).toBeGreaterThan(0);
  });

  it('with plantSettlementDiscrepancies, one EUR settlement holds exactly the three planted anomalies and leaves the malformed orders out', async () => {
    const p = planted.plantedSettlement();
    expect(p).toBeDefined();
    expect(p!.currency).toBe('EUR');
    expect(p!.overpaid.amount).toBe('5.00');
    expect(p!.overcharged.amount).toBe('3.00');
    expect(new Set([p!.overpaid.orderId, p!.overcharged.orderId, p!.refundedTwice.orderId]).size).toBe(3);
    const all = await settlements(planted);
    const malformed = new Set(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId));
    expect(all.flatMap((s) => s.rows).filter((r) => malformed.has(r['order-id']!))).toEqual([]);
    const s = all.find((x) => x.reportId === p!.reportId)!;
    expect(s.header['settlement-id']).toBe(p!.settlementId);
    expect(s.marketplaceId).toBe(p!.marketplaceId);
    expect(minor(s.header['total-amount']!, 2)).toBe(s.rows.reduce((n, r) => n + minor(r.amount!, 2), 0));
    const anomalies: string[] = [];
    for (const [id, o] of perOrder(s, 2)) {
      const order = byId.get(id)!;
      if (o.sale !== total(order, 2)) anomalies.push(`${id} paid ${o.sale - total(order, 2)} over`);
      if (o.commission !== halfEven15(o.sale)) anomalies.push(`${id} commission ${o.commission - halfEven15(o.sale)} over`);
      if (o.refunds.length > 0) {
        expect(new Set(o.refunds.map((r) => r['adjustment-id'])).size).toBe(o.refunds.length);
        expect(o.refunds.every((r) => r.amount === p!.refundedTwice.amount && minor(r.amount!, 2) === -total(order, 2))).toBe(true);
        expect(o.refunds.every((r) => r['posted-date-time']! > s.rows.find((x) => x['order-id'] === id)!['posted-date-time']! && r['posted-date-time']! < p!.endTime.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))).toBe(true);
        anomalies.push(`${id} refunded ${o.refunds.length} times`);
      }
    }
    expect(anomalies.sort()).toEqual([`${p!.overpaid.orderId} paid 500 over`, `${p!.overcharged.orderId} commission 300 over`, `${p!.refundedTwice.orderId} refunded 2 times`].sort());
    expect(p!.refundedTwice.adjustmentIds).toEqual(s.rows.filter((r) => r['transaction-type'] === 'Refund').map((r) => r['adjustment-id']));
  });

  it('close relative to the seed\'s instant when the sandbox generates its orders (the demo restarts on a later day with the same settlements)', async () => {
    const later = await startAmazonSandbox({ seed: { now: new Date(T0) }, rateLimits: false, plantSettlementDiscrepancies: true });
    try {
      const p = later.plantedSettlement()!;
      expect(p.endTime.slice(0, 10)).toBe(new Date(T0 - 3 * 86_400_000).toISOString().slice(0, 10));
      expect(p).toEqual(planted.plantedSettlement());
    } finally {
      await later.close();
    }
  });
});
