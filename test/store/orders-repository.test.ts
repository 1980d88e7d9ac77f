import { expect, it } from 'vitest';
import type { Order } from '../../mappings/canonical/order.js';
import {
  countOrderLines,
  countOrders,
  getOrder,
  listOrderLines,
  listOrders,
  ordersSnapshot,
  StoreDataError,
  StoreInputError,
  upsertOrders,
} from '../../store/index.js';
import { makeLine, makeOrder, makeOrders, T0, T1, T2 } from './order-fixtures.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();
const TENANT = 'acme';

describeOnEachDialect('orders repository', targets, (store) => {
  it('inserts new orders with version 1, their lines and the denormalised columns', async () => {
    const db = store.db();
    const orders = makeOrders(3);
    const result = await upsertOrders(db, TENANT, orders, { now: T0 });
    expect(result).toEqual({
      inserted: 3,
      updated: 0,
      unchanged: 0,
      changedIds: ['303-0000001-4455667', '303-0000002-4455667', '303-0000003-4455667'],
    });
    expect(await countOrders(db, { tenant: TENANT })).toBe(3);
    expect(await countOrderLines(db, { tenant: TENANT })).toBe(6);
    expect(await getOrder(db, TENANT, 'amazon-eu', '303-0000002-4455667')).toEqual(orders[1]);
    expect(await getOrder(db, TENANT, 'amazon-eu', 'no-such-order')).toBeUndefined();
    expect(await getOrder(db, 'other-tenant', 'amazon-eu', '303-0000002-4455667')).toBeUndefined();

    const [newest] = await listOrders(db, { tenant: TENANT, limit: 1 });
    expect(newest).toMatchObject({
      tenant: TENANT,
      channel: 'amazon-eu',
      externalId: '303-0000003-4455667',
      status: 'unshipped',
      currency: 'EUR',
      orderTotalMinor: 4396,
      // Stored in the one fixed-width form so text order is time order on both databases.
      purchasedAt: '2026-03-01T09:03:00.000Z',
      sourceUpdatedAt: '2026-03-01T10:03:00.123Z',
      version: 1,
      createdAt: '2026-03-02T12:00:00.000Z',
      updatedAt: '2026-03-02T12:00:00.000Z',
    });
    expect(newest?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(newest?.order).toEqual(orders[2]);

    expect(
      await listOrderLines(db, { tenant: TENANT, channel: 'amazon-eu', externalOrderId: '303-0000001-4455667' }),
    ).toEqual([
      {
        lineId: '303-0000001-4455667-L1',
        position: 0,
        sku: 'CRV-MUG-01',
        title: 'Stoneware mug, 100 ml',
        quantity: 1,
        lineTotalMinor: 1299,
        currency: 'EUR',
        line: orders[0]?.lines[0],
      },
      {
        lineId: '303-0000001-4455667-L2',
        position: 1,
        sku: 'CRV-MUG-02',
        title: 'Stoneware mug, 200 ml',
        quantity: 2,
        lineTotalMinor: 2598,
        currency: 'EUR',
        line: orders[0]?.lines[1],
      },
    ]);
  });

  it('writes nothing when the same orders come again', async () => {
    const db = store.db();
    const orders = makeOrders(4);
    await upsertOrders(db, TENANT, orders, { now: T0 });
    const before = await listOrders(db, { tenant: TENANT });

    // Equal content built with keys in another order is still the same content.
    const reordered = orders.map((o) => Object.fromEntries(Object.entries(o).reverse()) as Order);
    const again = await upsertOrders(db, TENANT, reordered, { now: T1 });

    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 4, changedIds: [] });
    const after = await listOrders(db, { tenant: TENANT });
    expect(after).toEqual(before);
    expect(after.map((o) => [o.version, o.updatedAt])).toEqual([
      [1, '2026-03-02T12:00:00.000Z'],
      [1, '2026-03-02T12:00:00.000Z'],
      [1, '2026-03-02T12:00:00.000Z'],
      [1, '2026-03-02T12:00:00.000Z'],
    ]);
    expect(await countOrderLines(db, { tenant: TENANT })).toBe(8);
  });

  it('rewrites one changed order with version 2 and replaces its lines', async () => {
    const db = store.db();
    const orders = makeOrders(3);
    await upsertOrders(db, TENANT, orders, { now: T0 });
    const id = '303-0000002-4455667';
    const changed = makeOrder(2, {
      status: 'shipped',
      rawStatus: 'Shipped',
      updatedAt: '2026-03-02T08:00:00Z',
      // Line 1 dropped, line 2 shipped, line 3 new.
      lines: [makeLine(id, 2, { quantityShipped: 2 }), makeLine(id, 3)],
      totals: { orderTotal: { amountMinor: 1299 * 5 + 499, currency: 'EUR' } },
    });

    const result = await upsertOrders(db, TENANT, [orders[0]!, changed, orders[2]!], { now: T1 });

    expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 2, changedIds: [id] });
    const stored = await listOrders(db, { tenant: TENANT });
    expect(stored.map((o) => [o.externalId, o.version, o.status, o.createdAt, o.updatedAt])).toEqual([
      ['303-0000003-4455667', 1, 'unshipped', '2026-03-02T12:00:00.000Z', '2026-03-02T12:00:00.000Z'],
      ['303-0000002-4455667', 2, 'shipped', '2026-03-02T12:00:00.000Z', '2026-03-02T12:05:00.000Z'],
      ['303-0000001-4455667', 1, 'unshipped', '2026-03-02T12:00:00.000Z', '2026-03-02T12:00:00.000Z'],
    ]);
    expect(stored[1]).toMatchObject({ sourceUpdatedAt: '2026-03-02T08:00:00.000Z', orderTotalMinor: 6994 });
    expect(await getOrder(db, TENANT, 'amazon-eu', id)).toEqual(changed);
    const lines = await listOrderLines(db, { tenant: TENANT, channel: 'amazon-eu', externalOrderId: id });
    expect(lines.map((l) => [l.lineId, l.position, l.quantity, l.line.quantityShipped])).toEqual([
      [`${id}-L2`, 0, 2, 2],
      [`${id}-L3`, 1, 3, 0],
    ]);
    expect(await countOrderLines(db, { tenant: TENANT })).toBe(6);

    // The same change again is a no-op.
    expect(await upsertOrders(db, TENANT, [changed], { now: T2 })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
      changedIds: [],
    });
    expect((await listOrders(db, { tenant: TENANT, status: 'shipped' })).map((o) => [o.version, o.updatedAt])).toEqual([
      [2, '2026-03-02T12:05:00.000Z'],
    ]);
  });

  it('counts a key repeated within one batch once, and keeps the last occurrence', async () => {
    const db = store.db();
    const first = makeOrder(1);
    const later = makeOrder(1, { status: 'shipped', rawStatus: 'Shipped', updatedAt: '2026-03-01T11:00:00Z' });
    const other = makeOrder(2);

    expect(await upsertOrders(db, TENANT, [first, other, later], { now: T0 })).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
      changedIds: ['303-0000002-4455667', '303-0000001-4455667'],
    });
    expect(await getOrder(db, TENANT, 'amazon-eu', first.externalId)).toEqual(later);
    expect(await countOrderLines(db, { tenant: TENANT })).toBe(4);

    // An existing order repeated, once changed and once as stored: the last one (unchanged) wins.
    expect(await upsertOrders(db, TENANT, [first, later, later], { now: T1 })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
      changedIds: [],
    });
    expect(await upsertOrders(db, TENANT, [later, first], { now: T1 })).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
      changedIds: [first.externalId],
    });
    expect(await getOrder(db, TENANT, 'amazon-eu', first.externalId)).toEqual(first);
  });

  it('keeps tenants and channels apart under the same external id', async () => {
    const db = store.db();
    const eu = makeOrder(1);
    const uk = makeOrder(1, { channel: 'amazon-uk', currency: 'GBP', totals: { orderTotal: { amountMinor: 999, currency: 'GBP' } } });
    await upsertOrders(db, 'acme', [eu, uk], { now: T0 });
    await upsertOrders(db, 'globex', [eu], { now: T0 });
    expect(await countOrders(db, { tenant: 'acme' })).toBe(2);
    expect(await countOrders(db, { tenant: 'acme', channel: 'amazon-uk' })).toBe(1);
    expect(await countOrders(db, { tenant: 'globex' })).toBe(1);
    expect(await countOrderLines(db, { tenant: 'acme', channel: 'amazon-uk' })).toBe(2);
    expect((await listOrders(db, { tenant: 'acme', channel: 'amazon-uk' }))[0]).toMatchObject({
      currency: 'GBP',
      orderTotalMinor: 999,
    });
    expect(await ordersSnapshot(db, 'acme')).toEqual([
      { channel: 'amazon-eu', externalId: eu.externalId, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), version: 1 },
      { channel: 'amazon-uk', externalId: uk.externalId, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), version: 1 },
    ]);
  });

  it('gives the same snapshot for a messy rerun as for a clean run', async () => {
    const db = store.db();
    const orders = makeOrders(50);
    await upsertOrders(db, 'clean', orders, { now: T0 });
    // Out of order, overlapping batches, each page read twice.
    const shuffled = [...orders].reverse();
    for (const page of [shuffled.slice(0, 30), shuffled.slice(20), shuffled.slice(0, 30)]) {
      await upsertOrders(db, 'messy', page, { now: T1 });
    }
    const clean = await ordersSnapshot(db, 'clean');
    expect(clean).toHaveLength(50);
    expect(clean[0]?.externalId).toBe('303-0000001-4455667');
    expect(clean[49]?.externalId).toBe('303-0000050-4455667');
    expect(await ordersSnapshot(db, 'messy', 'amazon-eu')).toEqual(clean);
    expect(await ordersSnapshot(db, 'messy', 'amazon-us')).toEqual([]);
  });

  it('lists by status with stable pages', async () => {
    const db = store.db();
    const orders = makeOrders(5).map((o, i) => (i % 2 ? { ...o, status: 'shipped' as const, rawStatus: 'Shipped' } : o));
    await upsertOrders(db, TENANT, orders, { now: T0 });
    const ids = async (q: Parameters<typeof listOrders>[1]) => (await listOrders(db, q)).map((o) => o.externalId.slice(4, 11));
    expect(await ids({ tenant: TENANT })).toEqual(['0000005', '0000004', '0000003', '0000002', '0000001']);
    expect(await ids({ tenant: TENANT, status: 'shipped' })).toEqual(['0000004', '0000002']);
    expect(await ids({ tenant: TENANT, limit: 2, offset: 2 })).toEqual(['0000003', '0000002']);
  });

  it('keeps an external id beyond 2^53 exactly, as a string', async () => {
    const db = store.db();
    const huge = '18446744073709551617'; // 2^64 + 1: a Number would round it
    expect(Number(huge).toString()).not.toBe(huge);
    const order = makeOrder(1, { externalId: huge, refs: { orderId: huge, buyerId: '9007199254740993' } });
    await upsertOrders(db, TENANT, [order], { now: T0 });
    expect(await getOrder(db, TENANT, 'amazon-eu', huge)).toEqual(order);
    expect((await getOrder(db, TENANT, 'amazon-eu', huge))?.refs).toEqual({ orderId: huge, buyerId: '9007199254740993' });
    expect((await ordersSnapshot(db, TENANT)).map((s) => s.externalId)).toEqual([huge]);
    // Must not match its float neighbour.
    expect(await getOrder(db, TENANT, 'amazon-eu', '18446744073709551616')).toBeUndefined();
  });

  it('round-trips money up to the largest safe integers exactly, in the columns and the record', async () => {
    const db = store.db();
    const max = Number.MAX_SAFE_INTEGER;
    const id = '503-0000001-0000001';
    const order = makeOrder(1, {
      externalId: id,
      currency: 'KWD',
      lines: [
        makeLine(id, 1, { lineTotal: { amountMinor: max, currency: 'KWD' } }),
        makeLine(id, 2, { lineTotal: { amountMinor: -max, currency: 'KWD' } }),
        makeLine(id, 3, { lineTotal: { amountMinor: 1, currency: 'KWD' } }),
      ],
      totals: { orderTotal: { amountMinor: max - 1, currency: 'KWD' } },
    });
    await upsertOrders(db, TENANT, [order], { now: T0 });
    const [stored] = await listOrders(db, { tenant: TENANT });
    expect(stored?.orderTotalMinor).toBe(9007199254740990);
    expect(stored?.currency).toBe('KWD');
    const lines = await listOrderLines(db, { tenant: TENANT, channel: 'amazon-eu', externalOrderId: id });
    expect(lines.map((l) => l.lineTotalMinor)).toEqual([9007199254740991, -9007199254740991, 1]);
    expect(lines.map((l) => typeof l.lineTotalMinor)).toEqual(['number', 'number', 'number']);
    expect(await getOrder(db, TENANT, 'amazon-eu', id)).toEqual(order);
  });

  it('refuses to read a stored amount beyond 2^53 rather than round it', async () => {
    const db = store.db();
    await upsertOrders(db, TENANT, [makeOrder(1)], { now: T0 });
    await db('orders').update({ order_total_minor: db.raw('9007199254740993') });
    await expect(listOrders(db, { tenant: TENANT })).rejects.toThrow(StoreDataError);
    await expect(listOrders(db, { tenant: TENANT })).rejects.toThrow(/^orders\.order_total_minor: 900719925474099\d is outside the safe integer range/);
  });

  it('stores an order without prices with null money columns', async () => {
    const db = store.db();
    const pending = makeOrder(1, { status: 'pending', rawStatus: 'Pending', lines: [], totals: undefined, currency: undefined });
    await upsertOrders(db, TENANT, [pending], { now: T0 });
    const [stored] = await listOrders(db, { tenant: TENANT });
    expect(stored?.orderTotalMinor).toBeUndefined();
    expect(stored?.currency).toBeUndefined();
    expect(stored?.order).toEqual(pending);
    expect(await countOrderLines(db, { tenant: TENANT })).toBe(0);
  });

  it('round-trips Japanese, Arabic (RTL) and emoji text byte for byte', async () => {
    const db = store.db();
    const id = '503-0000002-0000002';
    const japanese = '東京都渋谷区神南１－２－３　ｶﾗﾊﾞﾝ様'; // full-width digits, ideographic space, half-width kana
    const arabic = '\u200Fشارع الملك فهد، الرياض ١٢٣٤٥'; // RIGHT-TO-LEFT MARK first, Arabic-Indic digits
    const emoji = '👨‍👩‍👧‍👦 🇯🇵 👍🏽 mug ☕️'; // ZWJ family, flag, skin tone, variation selector
    const decomposed = 'Cafe\u0301 Mu\u0308nchen'; // NFD: must not be normalised to NFC
    const order = makeOrder(1, {
      externalId: id,
      buyer: { name: '山田 太郎' },
      shipTo: { name: 'محمد العلي', lines: [japanese, arabic, decomposed], city: '東京', country: 'JP' },
      lines: [
        makeLine(id, 1, { title: emoji, sku: 'ＳＫＵ－１' }),
        makeLine(id, 2, { title: arabic }),
        makeLine(id, 3, { title: decomposed }),
      ],
    });
    await upsertOrders(db, TENANT, [order], { now: T0 });
    const back = await getOrder(db, TENANT, 'amazon-eu', id);
    expect(back).toEqual(order);
    expect(Buffer.from(back?.shipTo?.lines.join('|') ?? '', 'utf8')).toEqual(
      Buffer.from([japanese, arabic, decomposed].join('|'), 'utf8'),
    );
    const lines = await listOrderLines(db, { tenant: TENANT, channel: 'amazon-eu', externalOrderId: id });
    expect(lines.map((l) => l.title)).toEqual([emoji, arabic, decomposed]);
    expect(Buffer.from(lines[0]?.title ?? '', 'utf8').toString('hex')).toBe(Buffer.from(emoji, 'utf8').toString('hex'));
    expect(lines[0]?.sku).toBe('ＳＫＵ－１');
    expect(lines[2]?.title).not.toBe(decomposed.normalize('NFC'));
    // Unchanged text hashes the same on a rerun.
    expect((await upsertOrders(db, TENANT, [order], { now: T1 })).unchanged).toBe(1);
  });

  it('keeps NUL and lone surrogates exactly in the record and storable in the text columns', async () => {
    const db = store.db();
    const id = '503-0000003-0000003';
    const broken = 'bad\u0000title \uD83D end'; // PostgreSQL text refuses NUL; a lone surrogate is not UTF-8
    const order = makeOrder(1, { externalId: id, lines: [makeLine(id, 1, { title: broken })] });
    await upsertOrders(db, TENANT, [order], { now: T0 });
    expect((await getOrder(db, TENANT, 'amazon-eu', id))?.lines[0]?.title).toBe(broken);
    const [line] = await listOrderLines(db, { tenant: TENANT, channel: 'amazon-eu', externalOrderId: id });
    expect(line?.title).toBe('bad\uFFFDtitle \uFFFD end');
    expect(line?.line.title).toBe(broken);
  });

  it('refuses input it cannot store faithfully, writing nothing', async () => {
    const db = store.db();
    const id = '503-0000004-0000004';
    // The canonical schema refuses such an order too (a mapping fault); the store holds the line even when a caller skipped it.
    const once = makeOrder(1, { externalId: id, lines: [makeLine(id, 1)] });
    const twice = { ...once, lines: [...once.lines, ...once.lines] };
    await expect(upsertOrders(db, TENANT, [makeOrder(2), twice])).rejects.toThrow(
      new StoreInputError(`order amazon-eu/${id}: lines[1].lineId "${id}-L1" appears twice in the order`),
    );
    const fractional = { ...makeOrder(3), totals: { orderTotal: { amountMinor: 12.5, currency: 'EUR' } } };
    await expect(upsertOrders(db, TENANT, [fractional])).rejects.toThrow(
      'order amazon-eu/303-0000003-4455667: totals.orderTotal.amountMinor must be a safe integer of minor units, got 12.5',
    );
    const badTime = { ...makeOrder(4), updatedAt: '2026-03-01 10:00:00' };
    await expect(upsertOrders(db, TENANT, [badTime])).rejects.toThrow(
      'order amazon-eu/303-0000004-4455667: updatedAt: "2026-03-01 10:00:00" is not a UTC ISO 8601 timestamp ending in Z',
    );
    await expect(upsertOrders(db, '', [makeOrder(5)])).rejects.toThrow('tenant must not be empty');
    expect(await countOrders(db, { tenant: TENANT })).toBe(0);
  });

  it('upserts 5 000 orders in batches of 500, then finds them all unchanged', async () => {
    const db = store.db();
    const orders = makeOrders(5_000);
    let inserted = 0;
    for (let i = 0; i < orders.length; i += 500) {
      inserted += (await upsertOrders(db, TENANT, orders.slice(i, i + 500), { now: T0 })).inserted;
    }
    expect(inserted).toBe(5_000);
    expect(await countOrders(db, { tenant: TENANT })).toBe(5_000);
    expect(await countOrderLines(db, { tenant: TENANT })).toBe(10_000);
    // One call larger than every chunk size (IN lists, multi-row inserts).
    expect(await upsertOrders(db, TENANT, orders, { now: T1 })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 5_000,
      changedIds: [],
    });
    const snapshot = await ordersSnapshot(db, TENANT);
    expect(snapshot).toHaveLength(5_000);
    expect(snapshot.every((s) => s.version === 1)).toBe(true);
    expect(await getOrder(db, TENANT, 'amazon-eu', '303-0004321-4455667')).toEqual(orders[4320]);
  });

  it('does nothing for an empty batch', async () => {
    expect(await upsertOrders(store.db(), TENANT, [])).toEqual({ inserted: 0, updated: 0, unchanged: 0, changedIds: [] });
  });
});
