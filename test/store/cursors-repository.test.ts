import { expect, it } from 'vitest';
import { advanceCursor, getCursor, getCursorRecord, resetCursor, StoreInputError } from '../../store/index.js';
import { T0, T1, T2 } from './order-fixtures.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();
const key = { tenant: 'acme', channel: 'amazon-eu', flow: 'orders-sync' };

describeOnEachDialect('cursors repository', targets, (store) => {
  it('starts absent, then only ever moves forward', async () => {
    const db = store.db();
    expect(await getCursor(db, key)).toBeUndefined();
    expect(await advanceCursor(db, { ...key, cursor: '2026-03-01T10:00:00Z', runId: 'r1' }, { now: T0 })).toBe(true);
    expect(await getCursor(db, key)).toBe('2026-03-01T10:00:00Z');

    // Older, and the same instant written with milliseconds: both stay put.
    expect(await advanceCursor(db, { ...key, cursor: '2026-03-01T09:59:59.999Z', runId: 'r2' }, { now: T1 })).toBe(false);
    expect(await advanceCursor(db, { ...key, cursor: '2026-03-01T10:00:00.000Z', runId: 'r2' }, { now: T1 })).toBe(false);
    expect(await getCursorRecord(db, key)).toEqual({
      ...key,
      cursor: '2026-03-01T10:00:00Z',
      runId: 'r1',
      updatedAt: '2026-03-02T12:00:00.000Z',
    });

    // Newer by a microsecond: moves, kept exactly as given.
    expect(
      await advanceCursor(
        db,
        { ...key, cursor: '2026-03-01T10:00:00.000001Z', workflowId: 'orders-sync/acme/amazon-eu', runId: 'r3' },
        { now: T2 },
      ),
    ).toBe(true);
    expect(await getCursorRecord(db, key)).toEqual({
      ...key,
      cursor: '2026-03-01T10:00:00.000001Z',
      workflowId: 'orders-sync/acme/amazon-eu',
      runId: 'r3',
      updatedAt: '2026-03-02T12:10:00.000Z',
    });
  });

  it('keeps cursors per tenant, channel and flow', async () => {
    const db = store.db();
    await advanceCursor(db, { ...key, cursor: '2026-03-01T10:00:00Z' });
    await advanceCursor(db, { ...key, flow: 'orders-backfill', cursor: '2025-01-01T00:00:00Z' });
    await advanceCursor(db, { ...key, channel: 'amazon-uk', cursor: '2026-02-01T00:00:00Z' });
    expect(await getCursor(db, key)).toBe('2026-03-01T10:00:00Z');
    expect(await getCursor(db, { ...key, flow: 'orders-backfill' })).toBe('2025-01-01T00:00:00Z');
    expect(await getCursor(db, { ...key, channel: 'amazon-uk' })).toBe('2026-02-01T00:00:00Z');
    expect(await getCursor(db, { ...key, tenant: 'globex' })).toBeUndefined();
  });

  it('lets ops set a cursor back or delete it', async () => {
    const db = store.db();
    await advanceCursor(db, { ...key, cursor: '2026-03-01T10:00:00Z', runId: 'r1' });
    expect(await resetCursor(db, { ...key, cursor: '2026-02-01T00:00:00Z' }, { now: T1 })).toBe(true);
    expect(await getCursorRecord(db, key)).toEqual({ ...key, cursor: '2026-02-01T00:00:00Z', updatedAt: '2026-03-02T12:05:00.000Z' });
    expect(await resetCursor(db, key)).toBe(true);
    expect(await getCursor(db, key)).toBeUndefined();
    expect(await resetCursor(db, key)).toBe(false);
    expect(await resetCursor(db, { ...key, cursor: '2026-01-01T00:00:00Z' })).toBe(false);
    expect(await getCursor(db, key)).toBe('2026-01-01T00:00:00Z');
  });

  it('refuses a cursor that is not a UTC timestamp', async () => {
    const db = store.db();
    await expect(advanceCursor(db, { ...key, cursor: '2026-03-01T10:00:00+01:00' })).rejects.toThrow(
      new StoreInputError('cursor "2026-03-01T10:00:00+01:00" is not a UTC ISO 8601 timestamp ending in Z'),
    );
    await expect(resetCursor(db, { ...key, cursor: 'page-token-abc' })).rejects.toThrow(StoreInputError);
    expect(await getCursor(db, key)).toBeUndefined();
  });

  it('ends at the latest of concurrent advances', async () => {
    const db = store.db();
    const cursors = Array.from({ length: 20 }, (_, i) => `2026-03-01T10:${String(i).padStart(2, '0')}:00Z`).reverse();
    await Promise.all(cursors.map((cursor) => advanceCursor(db, { ...key, cursor })));
    expect(await getCursor(db, key)).toBe('2026-03-01T10:19:00Z');
  });
});
