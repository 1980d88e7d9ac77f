import { beforeEach, expect, it } from 'vitest';
import type { Settlement } from '../../mappings/canonical/index.js';
import { settlementsDepositedBetween, upsertSettlements } from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();

const header = (id: string, over: Partial<Settlement> = {}): Settlement => ({
  source: 'amazon',
  settlementId: id,
  idempotencyKey: `amazon:settlement:${id}`,
  startAt: '2026-03-01T00:00:00Z',
  endAt: '2026-03-15T00:00:00Z',
  depositAt: '2026-03-17T09:30:00Z',
  total: { amountMinor: 9_007_199_254_740_991, currency: 'EUR' },
  currency: 'EUR',
  ...over,
});

describeOnEachDialect('settlement headers', targets, (store) => {
  beforeEach(async () => {
    await store.db()('settlements').delete();
  });

  it('stores a header once by source and settlement id; a corrected total updates it', async () => {
    const db = store.db();
    expect(await upsertSettlements(db, 'acme', [header('1001')])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await upsertSettlements(db, 'acme', [header('1001')])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await upsertSettlements(db, 'acme', [header('1001', { total: { amountMinor: -2_500, currency: 'EUR' } })])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await settlementsDepositedBetween(db, { tenant: 'acme', from: '2026-03-17', to: '2026-03-17' })).toEqual([header('1001', { total: { amountMinor: -2_500, currency: 'EUR' } })]);
  });

  it('finds the headers deposited in a period (by the end date when no deposit date is given), per tenant, largest totals exact', async () => {
    const db = store.db();
    const { depositAt: _none, ...noDeposit } = header('1003', { endAt: '2026-04-01T00:00:00Z' });
    await upsertSettlements(db, 'acme', [header('1002', { depositAt: '2026-03-31T23:59:59Z' }), noDeposit, header('1001')]);
    await upsertSettlements(db, 'other', [header('1001')]);
    const march = await settlementsDepositedBetween(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31' });
    expect(march.map((s) => s.settlementId)).toEqual(['1001', '1002']);
    expect(march[0]!.total.amountMinor).toBe(9_007_199_254_740_991);
    expect((await settlementsDepositedBetween(db, { tenant: 'acme', from: '2026-04-01', to: '2026-04-30' })).map((s) => s.settlementId)).toEqual(['1003']);
  });

  it('refuses a total that is not a safe integer, naming the settlement', async () => {
    await expect(upsertSettlements(store.db(), 'acme', [header('1004', { total: { amountMinor: 0.5, currency: 'EUR' } })])).rejects.toThrow('settlement amazon/1004: total.amountMinor must be a safe integer, got 0.5');
  });
});
