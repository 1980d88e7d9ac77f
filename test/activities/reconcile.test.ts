/**
 * The reconcile activity (one pass of the workflow) on a real SQLite hub: the report goes to
 * the tenant's reportsDir and only paths, counts, totals and the earliest deadline come back;
 * a pass after the deadline declares and records the discrepancy once; a resolution by hand
 * is kept; a bad period is a non-retryable failure naming it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReconcileActivities } from '../../activities/reconcile.js';
import { stripePayoutTransaction } from '../../cli/commands/demo-reconcile.js';
import { ledgerImportCommand } from '../../cli/commands/ledger.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { discrepancyId } from '../../engines/reconcile/index.js';
import { closeDatabase, migrateLatest, openDatabase, resolveDiscrepancy, upsertBankStatementLines, upsertSettlements } from '../../store/index.js';

describe('reconcile activities', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-reconcile-activity-'));
  const reportsDir = join(dir, 'finance');
  const config = parseTenantsConfig(
    { tenants: { acme: { connections: {}, reconcile: { rules: { bankGraceDays: 1 }, reportsDir } }, amz: { connections: {}, reconcile: { rules: { bankGraceDays: 1 } } } } },
    {},
  );
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    const file = join(dir, 'payouts.json');
    writeFileSync(file, JSON.stringify({ object: 'list', has_more: false, data: [stripePayoutTransaction('po_Acme1', 25_000, '2026-03-02', '2026-03-03')] }));
    await ledgerImportCommand({ db, config, logger: pino({ level: 'silent' }) }, 'stripe.balance-transactions', file, { tenant: 'acme' });
  });
  afterAll(async () => {
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });
  const id = discrepancyId('payout-not-received', { source: 'stripe', payoutId: 'po_Acme1' });

  it('inside the grace period: pending, with its deadline; the report in the tenant folder', async () => {
    const { reconcilePeriod: pass } = createReconcileActivities({ db, config, dataDir: join(dir, 'data') });
    const o = await pass({ tenant: 'acme', from: '2026-03-01', to: '2026-03-02', asOf: '2026-03-04T12:00:00Z' });
    expect(o).toMatchObject({ open: 0, pending: 1, pendingByKind: { 'payout-not-received': 1 }, nextDecideAt: '2026-03-05T00:00:00.000Z', added: 0 });
    expect(o.totals).toEqual([{ currency: 'EUR', sales: '0.00', fees: '0.00', refunds: '0.00', chargebacks: '0.00', payouts: '-250.00', other: '0.00' }]);
    expect(o.files).toEqual({ csv: join(reportsDir, 'reconcile-acme-2026-03-01-2026-03-02.csv'), json: join(reportsDir, 'reconcile-acme-2026-03-01-2026-03-02.json') });
    expect(readFileSync(o.files.csv, 'utf8')).toContain(`pending,${id}`);
  });

  it('after it: declared and recorded once; a resolution by hand stays', async () => {
    const { reconcilePeriod: pass } = createReconcileActivities({ db, config });
    const first = await pass({ tenant: 'acme', from: '2026-03-01', to: '2026-03-02', asOf: '2026-03-05T00:00:00Z' });
    expect(first).toMatchObject({ open: 1, pending: 0, added: 1, byKind: { 'payout-not-received': 1 } });
    expect(first.nextDecideAt).toBeUndefined();
    expect(await resolveDiscrepancy(db, 'acme', id, { by: 'finance', reason: 'arrived on the other account' })).toBe('resolved');
    const again = await pass({ tenant: 'acme', from: '2026-03-01', to: '2026-03-02', asOf: '2026-03-06T00:00:00Z' });
    expect(again).toMatchObject({ open: 0, resolved: 1, added: 0 });
    expect(JSON.parse(readFileSync(again.files.json, 'utf8')).discrepancies[0].resolution).toMatchObject({ by: 'finance' });
  });

  it('rules given by the caller replace the tenants file’s; a bad period fails for good', async () => {
    const { reconcilePeriod: pass } = createReconcileActivities({ db, config });
    const patient = await pass({ tenant: 'acme', from: '2026-03-01', to: '2026-03-02', asOf: '2026-03-05T00:00:00Z', rules: { feeRules: [], payoutGraceDays: 10 } });
    expect(patient).toMatchObject({ pending: 1, nextDecideAt: '2026-03-14T00:00:00.000Z' });
    const failure = await pass({ tenant: 'acme', from: '2026-03-03', to: '2026-03-01', asOf: '2026-03-05T00:00:00Z' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'config', nonRetryable: true, message: 'reconcile period 2026-03-03..2026-03-01 is not a pair of dates YYYY-MM-DD in order' });
  });

  it('an Amazon settlement is a payout: its deposit is expected on the bank within the grace days, and a credit naming it clears it', async () => {
    const { reconcilePeriod: pass } = createReconcileActivities({ db, config, dataDir: join(dir, 'data') });
    const settlement = { source: 'amazon' as const, settlementId: '11733526221', idempotencyKey: 'amazon:settlement:11733526221', startAt: '2026-03-01T00:00:00Z', endAt: '2026-03-05T00:00:00Z', depositAt: '2026-03-06T00:00:00Z', total: { amountMinor: 123_456, currency: 'EUR' }, currency: 'EUR' };
    expect(await upsertSettlements(db, 'amz', [settlement])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await upsertSettlements(db, 'amz', [settlement])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const missing = await pass({ tenant: 'amz', from: '2026-03-01', to: '2026-03-07', asOf: '2026-03-09T00:00:00Z' });
    expect(missing).toMatchObject({ open: 1, byKind: { 'payout-not-received': 1 }, payoutsMatched: 0 });
    await upsertBankStatementLines(db, 'amz', [
      { account: 'DE89370400440532013000', position: 'line 2', bookingDate: '2026-03-07', amount: { amountMinor: 123_456, currency: 'EUR' }, creditDebit: 'credit', status: 'booked', remittanceInfo: 'AMAZON EU SARL 11733526221' },
    ]);
    const credited = await pass({ tenant: 'amz', from: '2026-03-01', to: '2026-03-07', asOf: '2026-03-09T00:00:00Z' });
    expect(credited).toMatchObject({ open: 0, pending: 0, payoutsMatched: 1 });
  });
});
