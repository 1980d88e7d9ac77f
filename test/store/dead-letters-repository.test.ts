import { describe, expect, it } from 'vitest';
import {
  countOpenDeadLetters,
  getDeadLetter,
  listDeadLetters,
  markDeadLettersReplayed,
  pageOpenDeadLetters,
  recordDeadLetterReplayFailures,
  recordDeadLetters,
  replayOutcomeCounts,
  resolveDeadLetter,
  StoreInputError,
  type DeadLetterInput,
} from '../../store/index.js';
import { T0, T1, T2 } from './order-fixtures.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';
import { ACME_EU_ORDERS_SYNC } from './sync-run-fixtures.js';

const targets = await storeTargets();

const badOrder: DeadLetterInput = {
  ...ACME_EU_ORDERS_SYNC,
  recordType: 'amazon.order',
  externalId: '303-1234567-1234567',
  field: 'OrderTotal.Amount',
  errorKind: 'mapping',
  message: '"12,50" is not a decimal amount',
  payload: { AmazonOrderId: '303-1234567-1234567', OrderTotal: { CurrencyCode: 'EUR', Amount: '12,50' } },
  runId: 'run-1',
};

describeOnEachDialect('dead letters repository', targets, (store) => {
  it('keeps one row for the same bad record seen twice, counting occurrences', async () => {
    const db = store.db();
    expect(await recordDeadLetters(db, [badOrder], { now: T0 })).toEqual({ recorded: 1, repeated: 0 });
    // Same record, payload keys in another order, a later run with a reworded message.
    const again: DeadLetterInput = {
      ...badOrder,
      payload: { OrderTotal: { Amount: '12,50', CurrencyCode: 'EUR' }, AmazonOrderId: '303-1234567-1234567' },
      message: 'OrderTotal.Amount "12,50" is not a decimal amount',
      runId: 'run-2',
    };
    expect(await recordDeadLetters(db, [again], { now: T1 })).toEqual({ recorded: 0, repeated: 1 });

    const letters = await listDeadLetters(db, { tenant: 'acme' });
    expect(letters).toEqual([
      {
        ...badOrder,
        id: expect.any(Number),
        message: 'OrderTotal.Amount "12,50" is not a decimal amount',
        payloadHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        runId: 'run-2',
        firstSeenAt: '2026-03-02T12:00:00.000Z',
        lastSeenAt: '2026-03-02T12:05:00.000Z',
        occurrences: 2,
      },
    ]);
    expect(await getDeadLetter(db, letters[0]!.id)).toEqual(letters[0]);
  });

  it('dedupes records without an external id too', async () => {
    const db = store.db();
    const { externalId: _ignored, ...noId } = badOrder;
    const anonymous: DeadLetterInput = { ...noId, payload: '<<not json>>', errorKind: 'schema', field: '' };
    await recordDeadLetters(db, [anonymous], { now: T0 });
    expect(await recordDeadLetters(db, [anonymous], { now: T1 })).toEqual({ recorded: 0, repeated: 1 });
    const [letter] = await listDeadLetters(db);
    expect(letter).toMatchObject({ occurrences: 2, field: '', errorKind: 'schema', payload: '<<not json>>' });
    expect(letter?.externalId).toBeUndefined();
  });

  it('keeps different payloads, records and flows apart', async () => {
    const db = store.db();
    const result = await recordDeadLetters(
      db,
      [
        badOrder,
        { ...badOrder, payload: { ...(badOrder.payload as object), BuyerInfo: {} } },
        { ...badOrder, externalId: '303-7654321-7654321' },
        { ...badOrder, flow: 'orders-backfill' },
        { ...badOrder, recordType: 'amazon.order-items' },
        { ...badOrder, tenant: 'globex' },
      ],
      { now: T0 },
    );
    expect(result).toEqual({ recorded: 6, repeated: 0 });
    expect(await listDeadLetters(db, { tenant: 'acme' })).toHaveLength(5);
    expect(await listDeadLetters(db, { tenant: 'acme', flow: 'orders-sync' })).toHaveLength(4);
    expect(await listDeadLetters(db, { channel: 'amazon-eu', limit: 2 })).toHaveLength(2);
    expect(await listDeadLetters(db, { channel: 'amazon-us' })).toEqual([]);
  });

  it('folds repeats within one call', async () => {
    const db = store.db();
    const other = { ...badOrder, externalId: '303-0000000-0000009' };
    expect(await recordDeadLetters(db, [badOrder, other, badOrder, badOrder], { now: T0 })).toEqual({
      recorded: 2,
      repeated: 2,
    });
    const letters = await listDeadLetters(db, { tenant: 'acme' });
    expect(letters.map((l) => [l.externalId, l.occurrences]).sort()).toEqual([
      ['303-0000000-0000009', 1],
      ['303-1234567-1234567', 3],
    ]);
    expect(await recordDeadLetters(db, [badOrder, other], { now: T1 })).toEqual({ recorded: 0, repeated: 2 });
  });

  it('resolves, hides resolved ones by default, and reopens one that comes back', async () => {
    const db = store.db();
    await recordDeadLetters(db, [badOrder], { now: T0 });
    const [letter] = await listDeadLetters(db);
    const id = letter!.id;
    const byHand = { by: 'alice', reason: 'buyer cancelled; Amazon support case 1234' };
    expect(await resolveDeadLetter(db, id, byHand, { now: T1 })).toBe(true);
    expect(await resolveDeadLetter(db, id, { by: 'bob', reason: 'again' }, { now: T2 })).toBe(false);
    expect(await resolveDeadLetter(db, id + 1000, byHand)).toBe(false);
    expect(await listDeadLetters(db)).toEqual([]);
    expect((await listDeadLetters(db, { includeResolved: true }))[0]).toMatchObject({
      resolvedAt: '2026-03-02T12:05:00.000Z',
      resolution: 'manual',
      resolvedBy: 'alice',
      resolutionReason: 'buyer cancelled; Amazon support case 1234',
    });

    expect(await recordDeadLetters(db, [badOrder], { now: T2 })).toEqual({ recorded: 0, repeated: 1 });
    const [back] = await listDeadLetters(db);
    expect(back).toMatchObject({ id, occurrences: 2, lastSeenAt: '2026-03-02T12:10:00.000Z' });
    expect(back?.resolvedAt).toBeUndefined();
    expect(back?.resolution).toBeUndefined();
    expect(back?.resolvedBy).toBeUndefined();
    expect(back?.resolutionReason).toBeUndefined();
  });

  it('refuses a manual resolution without a name or a reason', async () => {
    const db = store.db();
    await recordDeadLetters(db, [badOrder], { now: T0 });
    const [letter] = await listDeadLetters(db);
    await expect(resolveDeadLetter(db, letter!.id, { by: 'alice', reason: '  ' })).rejects.toThrow(
      `dead letter ${letter!.id}: a reason is needed to resolve it by hand`,
    );
    await expect(resolveDeadLetter(db, letter!.id, { by: '', reason: 'fixed' })).rejects.toThrow(StoreInputError);
    expect(await listDeadLetters(db)).toHaveLength(1);
  });

  it('stores any text and payload exactly, even text PostgreSQL cannot hold in a column', async () => {
    const db = store.db();
    const payload = {
      ShippingAddress: { Name: 'محمد العلي', AddressLine1: '東京都渋谷区神南１－２－３', City: '🏙️' },
      Weird: 'nul\u0000 and lone \uDC00 surrogate',
      Big: '18446744073709551617',
    };
    await recordDeadLetters(db, [{ ...badOrder, payload, message: 'bad byte \u0000 in 名前' }], { now: T0 });
    const [letter] = await listDeadLetters(db);
    expect(letter?.payload).toEqual(payload);
    expect(letter?.message).toBe('bad byte \uFFFD in 名前');
  });

  it('records nothing for an empty list', async () => {
    expect(await recordDeadLetters(store.db(), [])).toEqual({ recorded: 0, repeated: 0 });
  });

  describe('replays', () => {
    const run = { workflowId: 'dead-letters-replay/acme/amazon-eu/1', runId: 'replay-run-1', requestedBy: 'alice' };
    const letters = (n: number, extra: Partial<DeadLetterInput> = {}): DeadLetterInput[] =>
      Array.from({ length: n }, (_, i) => ({ ...badOrder, externalId: `303-0000000-000000${i}`, ...extra }));

    it('pages open letters by id, narrowed to channels, ids and record types', async () => {
      const db = store.db();
      await recordDeadLetters(db, letters(5), { now: T0 });
      await recordDeadLetters(db, letters(2, { channel: 'amazon-us' }), { now: T0 });
      await recordDeadLetters(db, letters(1, { recordType: 'dhl.landed-cost' }), { now: T0 });
      await recordDeadLetters(db, letters(1, { tenant: 'globex' }), { now: T0 });
      const all = await pageOpenDeadLetters(db, { tenant: 'acme', limit: 100 });
      expect(all).toHaveLength(8);
      const ids = all.map((l) => l.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));

      const first = await pageOpenDeadLetters(db, { tenant: 'acme', channels: ['amazon-eu'], recordTypes: ['amazon.order'], limit: 3 });
      expect(first.map((l) => l.externalId)).toEqual(['303-0000000-0000000', '303-0000000-0000001', '303-0000000-0000002']);
      const rest = await pageOpenDeadLetters(db, {
        tenant: 'acme',
        channels: ['amazon-eu'],
        recordTypes: ['amazon.order'],
        afterId: first[2]!.id,
        limit: 3,
      });
      expect(rest.map((l) => l.externalId)).toEqual(['303-0000000-0000003', '303-0000000-0000004']);
      expect(await countOpenDeadLetters(db, { tenant: 'acme', channels: ['amazon-eu', 'amazon-us'], recordTypes: ['amazon.order'] })).toBe(7);
      expect(await countOpenDeadLetters(db, { tenant: 'acme', ids: [ids[0]!, ids[7]!, 999_999] })).toBe(2);
      expect(await countOpenDeadLetters(db, { tenant: 'globex', ids: [ids[0]!] })).toBe(0);
    });

    it('resolves letters that mapped, keeps the failing ones open with the new error, and counts the run from the letters', async () => {
      const db = store.db();
      await recordDeadLetters(db, letters(4), { now: T0 });
      const [a, b, c, d] = await pageOpenDeadLetters(db, { tenant: 'acme', limit: 10 });
      expect(
        await markDeadLettersReplayed(db, [{ id: a!.id, outcome: 'inserted' }, { id: b!.id, outcome: 'superseded' }], run, { now: T1 }),
      ).toBe(2);
      expect(
        await recordDeadLetterReplayFailures(
          db,
          [{ id: c!.id, field: 'IsReplacementOrder', errorKind: 'schema', message: 'amazon.order 303-…: IsReplacementOrder: expected boolean' }],
          run,
          { now: T1 },
        ),
      ).toBe(1);

      expect(await getDeadLetter(db, a!.id)).toMatchObject({
        resolvedAt: '2026-03-02T12:05:00.000Z',
        resolution: 'replayed',
        resolvedBy: 'alice',
        lastReplay: { at: '2026-03-02T12:05:00.000Z', workflowId: run.workflowId, runId: run.runId, outcome: 'inserted' },
      });
      expect((await getDeadLetter(db, b!.id))?.lastReplay?.outcome).toBe('superseded');
      const failing = await getDeadLetter(db, c!.id);
      expect(failing).toMatchObject({
        field: 'IsReplacementOrder',
        errorKind: 'schema',
        message: 'amazon.order 303-…: IsReplacementOrder: expected boolean',
        // A replay is not a new sighting of the record.
        lastSeenAt: '2026-03-02T12:00:00.000Z',
        occurrences: 1,
        lastReplay: { at: '2026-03-02T12:05:00.000Z', workflowId: run.workflowId, runId: run.runId, outcome: 'failed' },
      });
      expect(failing?.resolvedAt).toBeUndefined();
      expect(failing?.resolution).toBeUndefined();
      expect((await getDeadLetter(db, d!.id))?.lastReplay).toBeUndefined();

      expect(await replayOutcomeCounts(db, run)).toEqual({ inserted: 1, updated: 0, unchanged: 0, superseded: 1, failed: 1 });
      expect(await replayOutcomeCounts(db, { ...run, runId: 'other' })).toEqual({ inserted: 0, updated: 0, unchanged: 0, superseded: 0, failed: 0 });
      expect((await listDeadLetters(db)).map((l) => l.id).sort()).toEqual([c!.id, d!.id].sort());
      const touched = await listDeadLetters(db, { includeResolved: true, replay: run });
      expect(touched.map((l) => l.id).sort()).toEqual([a!.id, b!.id, c!.id].sort());
      expect(await listDeadLetters(db, { replay: run })).toEqual([failing]);
    });

    it('leaves a letter resolved meanwhile with its first resolution', async () => {
      const db = store.db();
      await recordDeadLetters(db, letters(1), { now: T0 });
      const [a] = await pageOpenDeadLetters(db, { tenant: 'acme', limit: 10 });
      await resolveDeadLetter(db, a!.id, { by: 'bob', reason: 'duplicate of 303-…' }, { now: T1 });
      expect(await markDeadLettersReplayed(db, [{ id: a!.id, outcome: 'inserted' }], run, { now: T2 })).toBe(0);
      expect(await recordDeadLetterReplayFailures(db, [{ id: a!.id, field: 'x', errorKind: 'schema', message: 'm' }], run, { now: T2 })).toBe(0);
      expect(await getDeadLetter(db, a!.id)).toMatchObject({ resolution: 'manual', resolvedBy: 'bob', resolvedAt: '2026-03-02T12:05:00.000Z' });
      expect((await getDeadLetter(db, a!.id))?.lastReplay).toBeUndefined();
    });
  });
});
