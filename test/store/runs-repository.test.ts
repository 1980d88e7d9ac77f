import { expect, it } from 'vitest';
import { getRun, listRuns, recordRunFinished, recordRunStarted, StoreInputError, type RunStartedInput } from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';
import { ACME_EU_ORDERS_SYNC } from './sync-run-fixtures.js';

const targets = await storeTargets();

const started: RunStartedInput = {
  ...ACME_EU_ORDERS_SYNC,
  runId: '0190f6a1-aaaa-7bbb-8ccc-000000000001',
  startedAt: '2026-03-02T12:00:00Z',
  windowFrom: '2026-03-01T11:50:00Z',
  windowTo: '2026-03-02T11:58:00Z',
};

/** `started` as read back: every field kept, timestamps with milliseconds. */
const startedRow = {
  ...started,
  startedAt: '2026-03-02T12:00:00.000Z',
  windowFrom: '2026-03-01T11:50:00.000Z',
  windowTo: '2026-03-02T11:58:00.000Z',
};

const counts = { pages: 3, fetched: 250, inserted: 200, updated: 30, unchanged: 18, deadLettered: 2, rateLimited: 7 };

describeOnEachDialect('runs repository', targets, (store) => {
  it('round-trips a run from start to finish', async () => {
    const db = store.db();
    expect(await recordRunStarted(db, started)).toBe(true);
    expect(await getRun(db, started)).toEqual({
      ...startedRow,
      status: 'running',
      pages: 0,
      fetched: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      deadLettered: 0,
      rateLimited: 0,
    });

    await recordRunFinished(db, {
      workflowId: started.workflowId,
      runId: started.runId,
      status: 'completed',
      finishedAt: '2026-03-02T12:03:25.500Z',
      durationMs: 205_500,
      ...counts,
    });
    expect(await getRun(db, started)).toEqual({
      ...startedRow,
      status: 'completed',
      finishedAt: '2026-03-02T12:03:25.500Z',
      ...counts,
      durationMs: 205_500,
    });
  });

  it('ignores a retried start and keeps the first record', async () => {
    const db = store.db();
    await recordRunStarted(db, started);
    expect(await recordRunStarted(db, { ...started, startedAt: '2026-03-02T12:00:09Z' })).toBe(false);
    expect((await getRun(db, started))?.startedAt).toBe('2026-03-02T12:00:00.000Z');
    expect(await listRuns(db)).toHaveLength(1);
  });

  it('records a failure with its error', async () => {
    const db = store.db();
    await recordRunStarted(db, started);
    await recordRunFinished(db, {
      ...started,
      status: 'failed',
      finishedAt: '2026-03-02T12:00:30Z',
      durationMs: 30_000,
      ...counts,
      error: 'auth: LWA refresh token rejected',
    });
    expect(await getRun(db, started)).toMatchObject({ status: 'failed', error: 'auth: LWA refresh token rejected' });
  });

  it('refuses to finish a run that never started, and bad counts', async () => {
    const db = store.db();
    const finish = { ...started, status: 'completed' as const, finishedAt: '2026-03-02T12:01:00Z', durationMs: 1, ...counts };
    await expect(recordRunFinished(db, finish)).rejects.toThrow(
      new StoreInputError(
        'run orders-sync/acme/amazon-eu/0190f6a1-aaaa-7bbb-8ccc-000000000001 was never recorded as started; call recordRunStarted first',
      ),
    );
    await recordRunStarted(db, started);
    await expect(recordRunFinished(db, { ...finish, fetched: -1 })).rejects.toThrow(
      'run orders-sync/acme/amazon-eu/0190f6a1-aaaa-7bbb-8ccc-000000000001: fetched must be a non-negative integer, got -1',
    );
    expect(await getRun(db, started)).toMatchObject({ status: 'running', fetched: 0 });
  });

  it('lists the latest runs first, filtered', async () => {
    const db = store.db();
    await recordRunStarted(db, { ...started, runId: 'r1', startedAt: '2026-03-02T10:00:00Z' });
    await recordRunStarted(db, { ...started, runId: 'r3', startedAt: '2026-03-02T12:00:00Z' });
    await recordRunStarted(db, { ...started, runId: 'r2', startedAt: '2026-03-02T11:00:00Z' });
    await recordRunStarted(db, { ...started, workflowId: 'orders-sync/acme/amazon-uk', channel: 'amazon-uk', runId: 'u1' });
    await recordRunStarted(db, { ...started, workflowId: 'fx-refresh/acme', flow: 'fx-refresh', runId: 'f1' });
    expect((await listRuns(db, { channel: 'amazon-eu', flow: 'orders-sync' })).map((r) => r.runId)).toEqual(['r3', 'r2', 'r1']);
    expect((await listRuns(db, { tenant: 'acme', limit: 2 })).map((r) => r.runId)).toEqual(['f1', 'r3']);
    expect(await listRuns(db, { tenant: 'globex' })).toEqual([]);
  });
});
