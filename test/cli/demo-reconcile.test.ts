/**
 * The demo's reconciliation data against the engine: the files generated for six EUR orders
 * (Amazon V2 settlement, Stripe balance transactions, camt.053) go through the real map kinds
 * and imports into a fresh hub, and one reconciliation pass with the demo tenants file's rules
 * names exactly the four planted discrepancies — nothing else — and matches the other payout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReconciliation } from '../../activities/reconcile.js';
import { comparePlanted, demoReconcileData, importDemoReconcileFiles, settleableDemoOrders, writeDemoReconcileFiles } from '../../cli/commands/demo-reconcile.js';
import { DEMO_CONFIG_PATH, loadTenantsConfig } from '../../config/tenants-config.js';
import { discrepancyId } from '../../engines/reconcile/index.js';
import { closeDatabase, migrateLatest, openDatabase, upsertOrders } from '../../store/index.js';
import { order } from '../engines/reconcile/reconcile-fixtures.js';

const TODAY = '2026-12-06';
const ORDERS = [
  order('028-1000001-0000001', 'amazon-eu', 2999, 'EUR'),
  order('028-1000002-0000002', 'amazon-eu', 4550, 'EUR', { status: 'unshipped' }),
  order('028-1000003-0000003', 'amazon-eu', 1999, 'EUR'),
  order('028-1000004-0000004', 'amazon-eu', 8900, 'EUR'),
  order('028-1000005-0000005', 'amazon-eu', 1250, 'EUR'),
  order('028-1000006-0000006', 'amazon-eu', 6425, 'EUR'),
  order('028-1000007-0000007', 'amazon-eu', 3000, 'GBP'),
  order('028-1000008-0000008', 'amazon-eu', 3000, 'EUR', { status: 'cancelled' }),
];

describe('demo reconciliation data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-demo-reconcile-'));
  const config = loadTenantsConfig(DEMO_CONFIG_PATH, {});
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    await upsertOrders(db, 'demo', ORDERS);
  });
  afterAll(async () => {
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('picks EUR orders that can be paid, in a stable order', () => {
    expect(settleableDemoOrders(ORDERS).map((o) => o.externalId)).toEqual(['028-1000001-0000001', '028-1000002-0000002', '028-1000003-0000003', '028-1000004-0000004', '028-1000005-0000005', '028-1000006-0000006']);
    expect(() => demoReconcileData(ORDERS.slice(0, 4), TODAY)).toThrow('needs five EUR orders');
  });

  it('names exactly the planted discrepancies, with the rules of the demo tenants file', async () => {
    const data = demoReconcileData(settleableDemoOrders(ORDERS), TODAY);
    const files = writeDemoReconcileFiles(data, join(dir, 'files'), TODAY);
    const imported = await importDemoReconcileFiles({ db, config, logger: pino({ level: 'silent' }) }, 'demo', files);
    expect(imported).toEqual({ ledgerLines: 16, bankEntries: 2 });
    const run = await runReconciliation({ db, config }, { tenant: 'demo', period: data.period, asOf: `${TODAY}T04:00:00Z`, outDir: join(dir, 'reports') });
    const found = run.result.discrepancies;
    expect(comparePlanted(data.planted, found)).toEqual({ missing: [], unexpected: [] });
    expect(found.map((d) => [d.kind, d.id])).toEqual(
      expect.arrayContaining(data.planted.map((p) => [p.kind, discrepancyId(p.kind, { source: p.kind === 'payout-not-received' ? 'stripe' : 'amazon', ...p.keys })])),
    );
    expect(found).toHaveLength(4);
    expect(run.result.pending).toEqual([]);
    expect(run.result.orderMatches).toHaveLength(6);
    expect(run.result.payoutMatches.map((m) => [m.payoutId, m.by])).toEqual([['po_demo20261206a', 'reference']]);
    expect(found.find((d) => d.kind === 'fee-anomaly')?.difference).toEqual({ amountMinor: -300, currency: 'EUR' });
  });

  it('a day earlier the unpaid payout is still inside its grace days: pending, not declared', async () => {
    const data = demoReconcileData(settleableDemoOrders(ORDERS), TODAY);
    const run = await runReconciliation({ db, config }, { tenant: 'demo', period: data.period, asOf: '2026-12-05T23:59:59Z' });
    expect(run.result.pending.map((p) => [p.kind, p.decideAt])).toEqual([['payout-not-received', '2026-12-06T00:00:00.000Z']]);
    expect(run.result.discrepancies.map((d) => d.kind).sort()).toEqual(['amount-mismatch', 'duplicate-refund', 'fee-anomaly']);
  });
});
