import { expect, it } from 'vitest';
import {
  getDeadLetter,
  listDeadLetters,
  recordDeadLetters,
  resolveDeadLetter,
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
    expect(await resolveDeadLetter(db, id, { now: T1 })).toBe(true);
    expect(await resolveDeadLetter(db, id, { now: T2 })).toBe(false);
    expect(await resolveDeadLetter(db, id + 1000)).toBe(false);
    expect(await listDeadLetters(db)).toEqual([]);
    expect((await listDeadLetters(db, { includeResolved: true }))[0]?.resolvedAt).toBe('2026-03-02T12:05:00.000Z');

    expect(await recordDeadLetters(db, [badOrder], { now: T2 })).toEqual({ recorded: 0, repeated: 1 });
    const [back] = await listDeadLetters(db);
    expect(back).toMatchObject({ id, occurrences: 2, lastSeenAt: '2026-03-02T12:10:00.000Z' });
    expect(back?.resolvedAt).toBeUndefined();
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
});
