import { beforeEach, expect, it } from 'vitest';
import { payoutsFromLedger, reconcile, type Discrepancy } from '../../engines/reconcile/index.js';
import {
  discrepancyAudit,
  discrepancyResolutions,
  listDiscrepancies,
  recordDiscrepancies,
  reopenDiscrepancy,
  resolveDiscrepancy,
  StoreInputError,
} from '../../store/index.js';
import { input, line, LINES, ORDERS, SETTLEMENTS } from '../engines/reconcile/reconcile-fixtures.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();

const T0 = new Date('2026-04-01T05:00:00Z');
const T1 = new Date('2026-04-01T09:30:00Z');
const T2 = new Date('2026-04-02T05:00:00Z');
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

// Two planted discrepancies: a sale for an unknown order and a lost payout.
const stray = line('amazon', '11830979063:9', 'sale', 2500, 'EUR', { refs: { orderId: '302-9999999-9999999', settlementId: '11830979063' } });
const lost = line('stripe', 'txn_po_lost', 'payout', -50000, 'EUR', { availableAt: '2026-03-05T00:00:00Z', refs: { payoutId: 'po_Lost' } });
const found = reconcile(input({ lines: [...LINES, stray, lost], orders: ORDERS, payouts: payoutsFromLedger([...LINES, lost], SETTLEMENTS) })).discrepancies;

describeOnEachDialect('reconciliation discrepancies', targets, (store) => {
  beforeEach(async () => {
    await store.db()('reconcile_resolution_audit').delete();
    await store.db()('reconcile_discrepancies').delete();
  });

  it('records a run\'s discrepancies by their stable ids; the next run finds the same ones again', async () => {
    const db = store.db();
    expect(found.map((d) => d.kind)).toEqual(['missing-order', 'payout-not-received']);
    expect(await recordDiscrepancies(db, 'acme', { period: MARCH, discrepancies: found }, { now: T0 })).toEqual({ added: 2, stillOpen: 0, alreadyResolved: 0 });
    expect(await recordDiscrepancies(db, 'acme', { period: MARCH, discrepancies: found }, { now: T2 })).toEqual({ added: 0, stillOpen: 2, alreadyResolved: 0 });
    const stored = await listDiscrepancies<Discrepancy>(db, { tenant: 'acme' });
    expect(stored.map((s) => [s.kind, s.firstSeenAt, s.lastSeenAt, s.record.keys])).toEqual([
      ['missing-order', '2026-04-01T05:00:00.000Z', '2026-04-02T05:00:00.000Z', { source: 'amazon', orderId: '302-9999999-9999999' }],
      ['payout-not-received', '2026-04-01T05:00:00.000Z', '2026-04-02T05:00:00.000Z', { source: 'stripe', payoutId: 'po_Lost' }],
    ]);
    expect(stored[0]!.record).toEqual(found[0]);
  });

  it('keeps a manual resolution (who, when, why) when the same discrepancy is found again, and audits it', async () => {
    const db = store.db();
    await recordDiscrepancies(db, 'acme', { period: MARCH, discrepancies: found }, { now: T0 });
    const payout = found[1]!;
    expect(await resolveDiscrepancy(db, 'acme', payout.id, { by: 'alice', reason: 'Stripe support: payout returned, re-sent as po_New' }, { now: T1 })).toBe('resolved');
    expect(await resolveDiscrepancy(db, 'acme', payout.id, { by: 'bob', reason: 'again' })).toBe('already-resolved');
    expect(await resolveDiscrepancy(db, 'acme', 'fee-anomaly-000000000000000000000000', { by: 'bob', reason: 'x' })).toBe('unknown');

    expect(await recordDiscrepancies(db, 'acme', { period: MARCH, discrepancies: found }, { now: T2 })).toEqual({ added: 0, stillOpen: 1, alreadyResolved: 1 });
    expect((await listDiscrepancies(db, { tenant: 'acme', open: true })).map((d) => d.kind)).toEqual(['missing-order']);
    const resolutions = await discrepancyResolutions(db, 'acme', found.map((d) => d.id));
    expect([...resolutions]).toEqual([[payout.id, { at: '2026-04-01T09:30:00.000Z', by: 'alice', reason: 'Stripe support: payout returned, re-sent as po_New' }]]);

    expect(await reopenDiscrepancy(db, 'acme', payout.id, { by: 'carol', reason: 'po_New never arrived either' }, { now: T2 })).toBe(true);
    expect(await reopenDiscrepancy(db, 'acme', payout.id, { by: 'carol', reason: 'twice' })).toBe(false);
    expect((await discrepancyAudit(db, 'acme', payout.id)).map((a) => [a.action, a.actor, a.at, a.reason])).toEqual([
      ['resolved', 'alice', '2026-04-01T09:30:00.000Z', 'Stripe support: payout returned, re-sent as po_New'],
      ['reopened', 'carol', '2026-04-02T05:00:00.000Z', 'po_New never arrived either'],
    ]);
  });

  it('needs a person and a reason to resolve', async () => {
    const db = store.db();
    await recordDiscrepancies(db, 'acme', { period: MARCH, discrepancies: found });
    await expect(resolveDiscrepancy(db, 'acme', found[0]!.id, { by: 'alice', reason: '  ' })).rejects.toThrow(StoreInputError);
    await expect(resolveDiscrepancy(db, 'acme', found[0]!.id, { by: '', reason: 'ok' })).rejects.toThrow(/say who resolves it/);
    expect(await discrepancyAudit(db, 'acme')).toEqual([]);
    // Tenants do not see each other's discrepancies.
    expect(await resolveDiscrepancy(db, 'globex', found[0]!.id, { by: 'alice', reason: 'ok' })).toBe('unknown');
  });
});
