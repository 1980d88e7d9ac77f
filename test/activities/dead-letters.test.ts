/**
 * Dead-letter replay against a real store (SQLite and PostgreSQL): stored payloads mapped
 * again with today's record path, what maps written once, what fails kept open with its new
 * error, dry runs that write nothing, the run summary counted from the letters.
 */
import { describe, expect, it } from 'vitest';
import { countReplays, createDeadLettersActivities, replayDeadLetterPage } from '../../activities/dead-letters.js';
import { mapAmazon2026OrderRecord, mapAmazonOrderRecord } from '../../activities/amazon-records.js';
import { AMAZON_ORDERS_2026_FORMAT } from '../../connectors/amazon/index.js';
import { generateAmazonSeed, KNOWN_MALFORMED_ORDERS, type SandboxOrder } from '../../sandbox/amazon/index.js';
import { toOrder2026 } from '../../sandbox/amazon/orders-2026-api.js';
import {
  countOrderLines,
  countOrders,
  getDeadLetter,
  getOrder,
  getRun,
  listDeadLetters,
  ordersSnapshot,
  recordDeadLetters,
  upsertOrders,
  type DeadLetterInput,
} from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import { describeOnEachDialect, storeTargets } from '../store/store-targets.js';

const targets = await storeTargets();

const NOW = new Date('2026-03-10T12:00:00.000Z');
const LATER = new Date('2026-03-10T12:30:00.000Z');
const seed = generateAmazonSeed({ now: new Date('2026-03-10T11:00:00Z'), count: 40 }).orders;
const malformedIds = new Set(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId));
const good = seed.filter((o) => !malformedIds.has(o.order.AmazonOrderId) && o.items.length > 1 && o.order.OrderStatus !== 'Pending');
const commaDecimal = seed.find((o) => o.order.AmazonOrderId === KNOWN_MALFORMED_ORDERS[0]!.amazonOrderId)!;

const RUN = { workflowId: 'dead-letters-replay/acme/amazon-eu/1', runId: 'run-1', requestedBy: 'alice' };
const all = { kind: 'all' } as const;

/** A dead letter as the orders sync records it: the order and its items as received. */
function held(o: SandboxOrder, extra: Partial<DeadLetterInput> = {}): DeadLetterInput {
  return {
    tenant: 'acme',
    channel: 'amazon-eu',
    flow: 'orders-sync',
    recordType: 'amazon.order',
    externalId: o.order.AmazonOrderId,
    field: 'IsReplacementOrder',
    errorKind: 'schema',
    // What an older version of the hub said when it held the record.
    message: `amazon.order ${o.order.AmazonOrderId}: IsReplacementOrder: rejected by an older version`,
    payload: { order: o.order, items: o.items },
    workflowId: 'orders-sync/acme/amazon-eu',
    runId: 'sync-run-1',
    ...extra,
  };
}

/** What the sync holds for an Orders API 2026-01-01 record: the order (items inside) and its format. */
function held2026(o: SandboxOrder) {
  return { order: toOrder2026(o, new Set(['BUYER', 'RECIPIENT', 'PROCEEDS', 'PROMOTION', 'FULFILLMENT', 'TAX'])), format: AMAZON_ORDERS_2026_FORMAT };
}

function mapped(o: SandboxOrder) {
  const r = mapAmazonOrderRecord(o.order, o.items, 'amazon-eu');
  if (!r.ok) throw new Error(r.rejection.message);
  return r.order;
}

async function letterOf(db: Parameters<typeof listDeadLetters>[0], externalId: string) {
  const [letter] = (await listDeadLetters(db, { includeResolved: true })).filter((l) => l.externalId === externalId);
  return letter!;
}

describe('the seed gives this test what it needs', () => {
  it('has orders that map today and one that does not', () => {
    expect(good.length).toBeGreaterThan(3);
    expect(mapAmazonOrderRecord(commaDecimal.order, commaDecimal.items, 'amazon-eu').ok).toBe(false);
  });
});

describeOnEachDialect('dead-letter replay', targets, (store) => {
  it('turns a letter whose payload maps today into an order, resolved with the run', async () => {
    const db = store.db();
    const o = good[0]!;
    await recordDeadLetters(db, [held(o)], { now: NOW });
    const letter = await letterOf(db, o.order.AmazonOrderId);

    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page).toEqual({
      letters: [{ id: letter.id, channel: 'amazon-eu', externalId: o.order.AmazonOrderId, outcome: 'inserted' }],
      lastId: letter.id,
      read: 1,
    });
    expect(await getOrder(db, 'acme', 'amazon-eu', o.order.AmazonOrderId)).toEqual(mapped(o));
    expect(await countOrderLines(db, { tenant: 'acme', externalOrderId: o.order.AmazonOrderId })).toBe(o.items.length);
    expect(await getDeadLetter(db, letter.id)).toMatchObject({
      resolvedAt: '2026-03-10T12:30:00.000Z',
      resolution: 'replayed',
      resolvedBy: 'alice',
      lastReplay: { at: '2026-03-10T12:30:00.000Z', workflowId: RUN.workflowId, runId: RUN.runId, outcome: 'inserted' },
    });
    expect(await listDeadLetters(db)).toEqual([]);
  });

  it('imports a real order held before the IsReplacementOrder fix (SP-API sends "false" as text: selling-partner-api-models #2166, #2647)', async () => {
    const db = store.db();
    const o = good[0]!;
    // As a real getOrders page carries it, and as the hub before the fix dead-lettered it.
    const real: SandboxOrder = { ...o, order: { ...o.order, IsReplacementOrder: 'false' } as unknown as SandboxOrder['order'] };
    await recordDeadLetters(db, [held(real)], { now: NOW });
    const letter = await letterOf(db, o.order.AmazonOrderId);

    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page.letters).toEqual([{ id: letter.id, channel: 'amazon-eu', externalId: o.order.AmazonOrderId, outcome: 'inserted' }]);
    expect(await getOrder(db, 'acme', 'amazon-eu', o.order.AmazonOrderId)).toEqual(mapped(real));
    expect(await getDeadLetter(db, letter.id)).toMatchObject({ resolution: 'replayed' });
  });

  it('keeps a letter that still fails open, with the error today\'s code gives', async () => {
    const db = store.db();
    await recordDeadLetters(db, [held(commaDecimal)], { now: NOW });
    const letter = await letterOf(db, commaDecimal.order.AmazonOrderId);

    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page.letters).toEqual([
      {
        id: letter.id,
        channel: 'amazon-eu',
        externalId: commaDecimal.order.AmazonOrderId,
        outcome: 'failed',
        field: 'items[0].ItemPrice.Amount',
        message: expect.stringContaining('"19,99"'),
      },
    ]);
    const after = await getDeadLetter(db, letter.id);
    expect(after).toMatchObject({
      field: 'items[0].ItemPrice.Amount',
      errorKind: 'mapping',
      message: page.letters[0]!.message,
      lastReplay: { outcome: 'failed', runId: RUN.runId },
      occurrences: 1,
    });
    expect(after?.resolvedAt).toBeUndefined();
    expect(await countOrders(db, { tenant: 'acme' })).toBe(0);
  });

  it('writes nothing new when replayed twice', async () => {
    const db = store.db();
    await recordDeadLetters(db, [held(good[0]!), held(good[1]!), held(commaDecimal)], { now: NOW });
    const first = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(countReplays(first.letters)).toEqual({ replayed: 3, inserted: 2, updated: 0, unchanged: 0, superseded: 0, stillFailing: 1 });
    const snapshot = await ordersSnapshot(db, 'acme');
    expect(snapshot.map((s) => s.version)).toEqual([1, 1]);

    const second = await replayDeadLetterPage(db, {
      tenant: 'acme',
      selection: all,
      limit: 100,
      now: new Date('2026-03-10T13:00:00Z'),
      run: { ...RUN, workflowId: 'dead-letters-replay/acme/amazon-eu/2', runId: 'run-2' },
    });
    // Only the open letter is read again; the orders are as the first replay left them.
    expect(countReplays(second.letters)).toEqual({ replayed: 1, inserted: 0, updated: 0, unchanged: 0, superseded: 0, stillFailing: 1 });
    expect(await ordersSnapshot(db, 'acme')).toEqual(snapshot);
    expect(await countOrderLines(db, { tenant: 'acme' })).toBe(good[0]!.items.length + good[1]!.items.length);
  });

  it('reports on a dry run what would map, and writes nothing', async () => {
    const db = store.db();
    await recordDeadLetters(db, [held(good[0]!), held(commaDecimal)], { now: NOW });
    const before = await listDeadLetters(db, { includeResolved: true });

    const dry = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER });
    expect(dry.letters.map((l) => [l.externalId, l.outcome])).toEqual([
      [good[0]!.order.AmazonOrderId, 'inserted'],
      [commaDecimal.order.AmazonOrderId, 'failed'],
    ]);
    expect(await countOrders(db, { tenant: 'acme' })).toBe(0);
    expect(await countOrderLines(db, { tenant: 'acme' })).toBe(0);
    expect(await listDeadLetters(db, { includeResolved: true })).toEqual(before);
  });

  it('says an order already stored identically is unchanged, and rewrites an older stored version', async () => {
    const db = store.db();
    const [same, changed] = [good[0]!, good[1]!];
    await upsertOrders(db, 'acme', [mapped(same), { ...mapped(changed), rawStatus: 'Unshipped', updatedAt: '2026-01-01T00:00:00.000Z' }], { now: NOW });
    await recordDeadLetters(db, [held(same), held(changed)], { now: NOW });

    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page.letters.map((l) => [l.externalId, l.outcome])).toEqual([
      [same.order.AmazonOrderId, 'unchanged'],
      [changed.order.AmazonOrderId, 'updated'],
    ]);
    expect(await getOrder(db, 'acme', 'amazon-eu', changed.order.AmazonOrderId)).toEqual(mapped(changed));
  });

  it('never rolls a stored order back to an older payload', async () => {
    const db = store.db();
    const o = good[0]!;
    const newer = { ...mapped(o), rawStatus: 'Shipped', updatedAt: '2026-03-10T11:59:00.000Z' };
    await upsertOrders(db, 'acme', [newer], { now: NOW });
    await recordDeadLetters(db, [held(o)], { now: NOW });

    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page.letters.map((l) => l.outcome)).toEqual(['superseded']);
    expect(await getOrder(db, 'acme', 'amazon-eu', o.order.AmazonOrderId)).toEqual(newer);
    expect((await letterOf(db, o.order.AmazonOrderId)).resolution).toBe('replayed');
  });

  it('writes the newest of two letters holding the same order', async () => {
    const db = store.db();
    const o = good[0]!;
    const newerOrder = { ...o.order, LastUpdateDate: '2026-03-10T11:30:00Z', OrderStatus: 'Shipped' as const };
    // The newer version was recorded first: id order is not time order.
    await recordDeadLetters(db, [held({ ...o, order: newerOrder }), held(o)], { now: NOW });

    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page.letters.map((l) => l.outcome)).toEqual(['inserted', 'superseded']);
    expect((await getOrder(db, 'acme', 'amazon-eu', o.order.AmazonOrderId))?.updatedAt).toBe('2026-03-10T11:30:00Z');
  });

  it('leaves a letter without its order items open: it would make an order with no lines', async () => {
    const db = store.db();
    const o = good[0]!;
    await recordDeadLetters(db, [held(o, { payload: { order: o.order }, field: 'orderItems' })], { now: NOW });
    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page.letters).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        field: 'orderItems',
        message: `amazon.order ${o.order.AmazonOrderId}: orderItems: the dead letter holds no order items (they could not be read when it was recorded); a sync of the order's window reads them again`,
      }),
    ]);
    expect(await countOrders(db, { tenant: 'acme' })).toBe(0);
  });

  it('replays an Orders API 2026-01-01 letter with the 2026 mapping (its items are inside the order); its malformed twin stays open with the 2026 field', async () => {
    const db = store.db();
    const o = good[0]!;
    await recordDeadLetters(db, [held(o, { payload: held2026(o) }), held(commaDecimal, { payload: held2026(commaDecimal) })], { now: NOW });
    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page.letters.map((l) => [l.externalId, l.outcome, l.field])).toEqual([
      [o.order.AmazonOrderId, 'inserted', undefined],
      [commaDecimal.order.AmazonOrderId, 'failed', 'orderItems[0].product.price.unitPrice.amount'],
    ]);
    const expected = mapAmazon2026OrderRecord(held2026(o).order, 'amazon-eu');
    expect(expected.ok && (await getOrder(db, 'acme', 'amazon-eu', o.order.AmazonOrderId))).toEqual(expected.ok && expected.order);
    expect(await countOrderLines(db, { tenant: 'acme', externalOrderId: o.order.AmazonOrderId })).toBe(o.items.length);
  });

  it('leaves a letter in a record format no mapping reads open, naming the format', async () => {
    const db = store.db();
    const o = good[0]!;
    await recordDeadLetters(db, [held(o, { payload: { ...held2026(o), format: 'orders-2099-01-01' } })], { now: NOW });
    const page = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 100, now: LATER, run: RUN });
    expect(page.letters).toEqual([
      expect.objectContaining({ outcome: 'failed', field: 'format', message: expect.stringContaining('"orders-2099-01-01"') }),
    ]);
    expect(await countOrders(db, { tenant: 'acme' })).toBe(0);
  });

  it('reads only the selected letters: by id, by channel, after a cursor, never another tenant\'s or kind', async () => {
    const db = store.db();
    await recordDeadLetters(
      db,
      [
        held(good[0]!),
        held(good[1]!),
        held(good[2]!, { channel: 'amazon-us' }),
        held(good[3]!, { tenant: 'globex' }),
        held(good[0]!, { recordType: 'dhl.landed-cost' }),
      ],
      { now: NOW },
    );
    const letters = await listDeadLetters(db);
    const id = (externalId: string, channel = 'amazon-eu', tenant = 'acme') =>
      letters.find((l) => l.externalId === externalId && l.channel === channel && l.tenant === tenant && l.recordType === 'amazon.order')!.id;
    const a = id(good[0]!.order.AmazonOrderId);
    const b = id(good[1]!.order.AmazonOrderId);
    const us = id(good[2]!.order.AmazonOrderId, 'amazon-us');
    const globex = id(good[3]!.order.AmazonOrderId, 'amazon-eu', 'globex');

    const dry = (selection: Parameters<typeof replayDeadLetterPage>[1]['selection'], extra: { afterId?: number; limit?: number } = {}) =>
      replayDeadLetterPage(db, { tenant: 'acme', selection, limit: extra.limit ?? 100, now: LATER, ...extra }).then((p) => p.letters.map((l) => l.id));
    expect(await dry(all)).toEqual([a, b, us].sort((x, y) => x - y));
    expect(await dry({ kind: 'channels', channels: ['amazon-us'] })).toEqual([us]);
    expect(await dry({ kind: 'ids', ids: [b, globex] })).toEqual([b]);
    const firstPage = await replayDeadLetterPage(db, { tenant: 'acme', selection: all, limit: 2, now: LATER });
    expect(firstPage.read).toBe(2);
    expect(await dry(all, { afterId: firstPage.lastId! })).toEqual([Math.max(a, b, us)]);
  });

  it('counts the run from the letters: a page retried after its commit is not counted twice', async () => {
    const db = store.db();
    const activities = createDeadLettersActivities({ db, logger: createLogger({ level: 'silent' }), clock: () => LATER });
    await recordDeadLetters(db, [held(commaDecimal), held(good[0]!), held(good[1]!), held(good[2]!)], { now: NOW });
    const run = { workflowId: RUN.workflowId, runId: RUN.runId };
    const started = await activities.startDeadLettersReplay({ tenant: 'acme', scope: 'amazon-eu', selection: { kind: 'channels', channels: ['amazon-eu'] }, ...run });
    expect(started).toEqual({ startedAt: '2026-03-10T12:30:00.000Z', open: 4 });

    const pageInput = { tenant: 'acme', selection: { kind: 'channels' as const, channels: ['amazon-eu'] }, pageSize: 2, page: 1, ...run, requestedBy: 'alice' };
    const p1 = await activities.replayDeadLettersPage(pageInput);
    expect(p1).toMatchObject({ more: true, counts: { replayed: 2, inserted: 1, stillFailing: 1 } });
    // The same page again, as Temporal retries it when the worker died after the commit:
    // it reads the still-open letter a second time.
    const retried = await activities.replayDeadLettersPage(pageInput);
    expect(retried).toMatchObject({ more: true, counts: { replayed: 2, inserted: 1, stillFailing: 1 } });
    const p2 = await activities.replayDeadLettersPage({ ...pageInput, page: 2, afterId: retried.lastId! });
    expect(p2).toMatchObject({ more: false, counts: { replayed: 1, inserted: 1, stillFailing: 0 } });

    const finished = await activities.finishDeadLettersReplay({ tenant: 'acme', scope: 'amazon-eu', pages: 3, startedAt: started.startedAt, ...run });
    expect(finished.totals).toEqual({ replayed: 4, inserted: 3, updated: 0, unchanged: 0, superseded: 0, stillFailing: 1 });
    expect(await getRun(db, run)).toMatchObject({
      tenant: 'acme',
      channel: 'amazon-eu',
      flow: 'dead-letters-replay',
      status: 'completed',
      pages: 3,
      fetched: 4,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      deadLettered: 1,
      rateLimited: 0,
    });
  });
});
