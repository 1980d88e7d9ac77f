/**
 * runReconciliation reads the period a page of Amazon orders at a time (constant memory for a
 * million-line settlement): on SQLite, with pages of one order, it gives exactly what the engine
 * gives over every line of the period at once — a refund meets its sale from before the period,
 * an Amazon line naming only a merchant order id meets that order's lines, a Stripe refund naming
 * only the charge meets its sale, and payouts meet the bank.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReconciliation } from '../../activities/reconcile.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { payoutsFromLedger, reconcile } from '../../engines/reconcile/index.js';
import { closeDatabase, ledgerLinesByOrder, ledgerLinesByPeriod, listOrders, migrateLatest, openDatabase, upsertBankStatementLines, upsertOrders, upsertSettlementLines } from '../../store/index.js';
import { credit, line, order, RULES } from '../engines/reconcile/reconcile-fixtures.js';

const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
const ASOF = '2026-04-20T00:00:00Z';
const config = parseTenantsConfig({ tenants: { acme: { currency: 'EUR', connections: {} } } }, {});
const amazon = (id: string, kind: 'sale' | 'fee' | 'refund', gross: number, refs: Record<string, string>, over: { rawType?: string; postedAt?: string } = {}) =>
  line('amazon', `11830979063:${id}`, kind, gross, 'EUR', { rawType: over.rawType ?? (kind === 'fee' ? 'Order/ItemFees/Commission' : kind === 'refund' ? 'Refund/ItemPrice/Principal' : 'Order/ItemPrice/Principal'), refs: { settlementId: '11830979063', ...refs }, ...(over.postedAt ? { postedAt: over.postedAt } : {}) });

const LINES = [
  amazon('2', 'sale', 8403, { orderId: 'A' }),
  amazon('3', 'sale', 1597, { orderId: 'A' }, { rawType: 'Order/ItemPrice/Tax' }),
  amazon('4', 'fee', -1500, { orderId: 'A' }),
  // A commission of 18 % (fee-anomaly).
  amazon('5', 'sale', 10000, { orderId: 'B' }),
  amazon('6', 'fee', -1800, { orderId: 'B' }),
  // Sold in February, refunded twice in March (duplicate-refund): the sale comes from before the period.
  amazon('7', 'sale', 10000, { orderId: 'C' }, { postedAt: '2026-02-20T10:00:00Z' }),
  amazon('8', 'refund', -10000, { orderId: 'C' }),
  amazon('9', 'refund', -10000, { orderId: 'C' }),
  // An order the hub does not hold (missing-order).
  amazon('10', 'sale', 4000, { orderId: 'D' }),
  // Half of E's sale names only E as the merchant's order id: it still meets the other half (no amount-mismatch).
  amazon('11', 'sale', 3000, { orderId: 'E' }),
  amazon('12', 'sale', 2000, { merchantOrderId: 'E' }),
  // Stripe: the refund names only the charge; the payout was never credited (payout-not-received).
  line('stripe', 'txn_sale', 'sale', 6000, 'EUR', { fee: { amountMinor: -200, currency: 'EUR' }, refs: { orderId: 'K', chargeId: 'ch_1' } }),
  line('stripe', 'txn_refund', 'refund', -6000, 'EUR', { refs: { chargeId: 'ch_1' } }),
  line('stripe', 'txn_payout', 'payout', -5800, 'EUR', { refs: { payoutId: 'po_1' } }),
  line('stripe', 'txn_payout2', 'payout', -1234, 'EUR', { postedAt: '2026-03-10T06:00:00Z', refs: { payoutId: 'po_2' } }),
];
const ORDERS = [order('A', 'amazon-eu', 10000, 'EUR'), order('B', 'amazon-eu', 10000, 'EUR'), order('C', 'amazon-eu', 10000, 'EUR'), order('E', 'amazon-eu', 5000, 'EUR'), order('K', 'shop', 6000, 'EUR')];

describe('runReconciliation a page of orders at a time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-reconcile-pages-'));
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    await upsertOrders(db, 'acme', ORDERS);
    await upsertSettlementLines(db, 'acme', LINES.map((l) => ({ line: l })));
    await upsertBankStatementLines(db, 'acme', [credit('DE89370400440532013000', 5800, 'EUR', '2026-03-03', { remittanceInfo: 'STRIPE po_1' })]);
  });
  afterAll(async () => {
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages of one order give what the engine gives over the whole period', async () => {
    // The engine over everything, read the way a single pass would: the period's lines, the refunded orders' earlier lines, every order.
    const inPeriod = (await ledgerLinesByPeriod(db, { tenant: 'acme', ...PERIOD })).map((s) => s.line);
    const seen = new Set(inPeriod.map((l) => `${l.source}:${l.lineId}`));
    const refunded = [...new Set(inPeriod.filter((l) => l.kind === 'refund' && l.refs.orderId !== undefined).map((l) => l.refs.orderId!))];
    const earlier = (await ledgerLinesByOrder(db, 'acme', refunded)).map((s) => s.line).filter((l) => !seen.has(`${l.source}:${l.lineId}`));
    const lines = [...inPeriod, ...earlier];
    const orders = (await listOrders(db, { tenant: 'acme', limit: 100 })).map((o) => o.order);
    const bankLines = [credit('DE89370400440532013000', 5800, 'EUR', '2026-03-03', { remittanceInfo: 'STRIPE po_1' })];
    const whole = reconcile({ tenant: 'acme', period: PERIOD, asOf: ASOF, orders, lines, payouts: payoutsFromLedger(lines), bankLines, rules: RULES });

    const paged = await runReconciliation({ db, config, ordersPerPage: 1 }, { tenant: 'acme', period: PERIOD, asOf: ASOF, rules: RULES });
    expect(paged.result.discrepancies.map((d) => [d.kind, d.keys]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['duplicate-refund', { source: 'amazon', orderId: 'C', amountMinor: '-10000' }],
      ['fee-anomaly', { source: 'amazon', orderId: 'B' }],
      ['missing-order', { source: 'amazon', orderId: 'D' }],
      ['payout-not-received', { source: 'stripe', payoutId: 'po_2' }],
    ]);
    expect(paged.result.orderMatches.map((m) => [m.orderId, m.sales.amountMinor])).toEqual([
      ['A', 10000],
      ['B', 10000],
      ['C', 10000],
      ['E', 5000],
      ['K', 6000],
    ]);
    expect(paged.result).toEqual(whole);
    const onePage = await runReconciliation({ db, config }, { tenant: 'acme', period: PERIOD, asOf: ASOF, rules: RULES });
    expect(onePage.result).toEqual(whole);
  });

  it('order matches not kept: counted, and written to the report page by page, the same report otherwise', async () => {
    const kept = await runReconciliation({ db, config, ordersPerPage: 1 }, { tenant: 'acme', period: PERIOD, asOf: ASOF, rules: RULES, outDir: join(dir, 'kept') });
    const streamed = await runReconciliation({ db, config, ordersPerPage: 1 }, { tenant: 'acme', period: PERIOD, asOf: ASOF, rules: RULES, outDir: join(dir, 'streamed'), keepOrderMatches: false });
    expect([kept.ordersMatched, streamed.ordersMatched, streamed.result.orderMatches]).toEqual([5, 5, []]);
    expect(streamed.summary).toBe(kept.summary);
    expect(readFileSync(streamed.files!.csv, 'utf8')).toBe(readFileSync(kept.files!.csv, 'utf8'));
    const a = JSON.parse(readFileSync(kept.files!.json, 'utf8')) as { orderMatches: { orderId: string }[] };
    const b = JSON.parse(readFileSync(streamed.files!.json, 'utf8')) as { orderMatches: { orderId: string }[] };
    b.orderMatches.sort((x, y) => (x.orderId < y.orderId ? -1 : 1));
    expect(b).toEqual(a);
    expect(readdirSync(join(dir, 'streamed'))).toHaveLength(2);
  });
});
