/**
 * The orders-backfill activities on a real SQLite store and real report files: windows of at
 * most 30 days, a report read in slices that never split an order, a slice resumed from the
 * position its crashed attempt heartbeated, Shift_JIS (JP) and Cp1252 (EU) documents, bad rows
 * dead-lettered, and the merge rule: a report never overwrites an order the store holds as
 * fresh or fresher, and fills (never blanks) what it lacks when it is newer.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillWindows, createOrdersBackfillActivities, type BackfillActivityContext } from '../../activities/orders-backfill.js';
import type { ImportOrderReportBatchInput, OrdersBackfillActivities } from '../../activities/orders-backfill-types.js';
import { mergeReportOrder } from '../../activities/orders-backfill-merge.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import type { Order } from '../../mappings/canonical/index.js';
import { closeDatabase, countOrders, getOrder, getRun, listDeadLetters, listOrders, migrateLatest, openDatabase, upsertOrders } from '../../store/index.js';
import { FLOWS } from '../../temporal.config.js';
import { createLogger } from '../../worker/logger.js';

const FIXTURES = 'test/fixtures/amazon/reports';
const NOW = new Date('2026-03-10T12:00:00.000Z');
const logger = createLogger({ level: 'silent' });
const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        connections: {
          'amazon-eu': {
            vendor: 'amazon',
            settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] },
            secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
            orders: { settleSeconds: 0 },
          },
        },
      },
    },
  },
  {},
);

const HEADER = readFileSync(join(FIXTURES, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv'), 'latin1').split('\r\n')[0]!;

/** `orders` orders of two rows each (Cp1252 bytes: ä, ß are the same in latin1), CRLF as Amazon writes them. */
function generatedReport(orders: number): Buffer {
  const columns = HEADER.split('\t');
  const lines = [HEADER];
  for (let o = 1; o <= orders; o++) {
    for (const item of [1, 2]) {
      const cells: Record<string, string> = {
        'amazon-order-id': `302-0000000-${String(o).padStart(7, '0')}`,
        'purchase-date': '2026-02-01T10:00:00+00:00',
        'last-updated-date': '2026-02-02T10:00:00+00:00',
        'order-status': 'Shipped',
        'fulfillment-channel': 'Merchant',
        'sales-channel': 'Amazon.de',
        'product-name': `Größe ${item} für Bestellung ${o}`,
        sku: `SKU-${item}`,
        quantity: '1',
        currency: 'EUR',
        'item-price': '12.50',
        'ship-country': 'DE',
      };
      lines.push(columns.map((c) => cells[c] ?? '').join('\t'));
    }
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

describe('orders backfill activities', () => {
  let db: Knex;
  let dir: string;
  let activities: OrdersBackfillActivities;
  let n = 0;
  const tenant = () => `t${++n}`;
  const heartbeats: unknown[] = [];

  /** A context whose previous attempt heartbeated `details`; aborted after `abortAfter` heartbeats when given. */
  function contextWith(details?: unknown, abortAfter?: number): () => BackfillActivityContext {
    const abort = new AbortController();
    return () => ({
      heartbeatDetails: details,
      cancellationSignal: abort.signal,
      heartbeat: (d) => {
        heartbeats.push(d);
        if (abortAfter !== undefined && heartbeats.length >= abortAfter) abort.abort(new Error('worker died'));
      },
    });
  }
  const withContext = (context: () => BackfillActivityContext, writeRows = 250) => createOrdersBackfillActivities({ db, config, logger, clock: () => NOW, context, writeRows });

  function file(name: string, bytes: Buffer, charset?: string) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return { path, bytes: bytes.length, sha256: 'x', ...(charset ? { charset } : {}) };
  }
  const batch = (t: string, f: ImportOrderReportBatchInput['file'], extra: Partial<ImportOrderReportBatchInput> = {}): ImportOrderReportBatchInput => ({
    tenant: t,
    channel: 'amazon-eu',
    file: f,
    start: { offset: 0, line: 1 },
    workflowId: `orders-backfill/${t}/amazon-eu/x`,
    runId: 'run-1',
    ...extra,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caravan-backfill-'));
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    activities = withContext(contextWith());
  });
  afterAll(async () => {
    await closeDatabase(db);
  });

  it('cuts a range into consecutive windows of at most 30 days', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(backfillWindows(from, new Date('2026-03-02T00:00:00Z'))).toEqual([
      { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z' },
      { from: '2026-01-31T00:00:00Z', to: '2026-03-02T00:00:00Z' },
    ]);
    expect(backfillWindows(from, new Date('2026-03-02T00:00:01Z'))).toHaveLength(3);
    expect(backfillWindows(from, new Date('2026-01-01T06:00:00Z'))).toEqual([{ from: '2026-01-01T00:00:00Z', to: '2026-01-01T06:00:00Z' }]);
  });

  it('plans a backfill and records its run; an empty or malformed range is a validation failure', async () => {
    const plan = await activities.planOrdersBackfill({ tenant: 'acme', channel: 'amazon-eu', from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00Z', workflowId: 'w', runId: 'r' });
    expect(plan).toMatchObject({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', startedAt: NOW.toISOString() });
    expect(plan.windows).toHaveLength(2);
    expect(await getRun(db, { workflowId: 'w', runId: 'r' })).toMatchObject({ status: 'running', flow: FLOWS.ordersBackfill });
    const refused = (from: string, to: string) => activities.planOrdersBackfill({ tenant: 'acme', channel: 'amazon-eu', from, to, workflowId: 'w2', runId: 'r' });
    await expect(refused('2026-03-01', '2026-01-01')).rejects.toMatchObject({ type: 'validation', nonRetryable: true, message: expect.stringContaining('range is empty') });
    await expect(refused('last week', '2026-01-01')).rejects.toMatchObject({ type: 'validation', message: '--from "last week" is not an ISO 8601 time' });
  });

  it('imports a Cp1252 EU report: umlauts, € and – decoded, negative discounts made positive', async () => {
    const t = tenant();
    const f = file('de.tsv', readFileSync(join(FIXTURES, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv')), 'windows-1252');
    const r = await activities.importOrderReportBatch(batch(t, f));
    expect(r).toEqual({ counts: { rows: 2, orders: 2, inserted: 2, updated: 0, unchanged: 0, deadLettered: 0 } });
    const order = await getOrder(db, t, 'amazon-eu', '302-1234567-7654321');
    expect(order?.lines[0]).toMatchObject({ title: 'Kaffeebecher Größe L – weiß (€-Edition)', quantity: 3, promotionDiscount: { amountMinor: 450, currency: 'EUR' } });
    expect(order?.shipTo).toMatchObject({ city: 'München', country: 'DE' });
  });

  it('imports a Shift_JIS JP report, with the charset named by the download or detected', async () => {
    const bytes = gunzipSync(readFileSync(join(FIXTURES, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.jp.shift_jis.tsv.gz')));
    for (const charset of ['Shift_JIS', undefined]) {
      const t = tenant();
      const r = await activities.importOrderReportBatch(batch(t, file(`jp-${charset ?? 'detect'}.tsv`, bytes, charset)));
      expect(r.counts).toMatchObject({ orders: 1, inserted: 1, deadLettered: 0 });
      const order = await getOrder(db, t, 'amazon-eu', '503-3718261-3217429');
      expect(order).toMatchObject({ currency: 'JPY', shipTo: { city: '渋谷区', region: '東京都' } });
      expect(order?.lines[0]?.title).toBe('Jordan 歯ブラシ STEP1(ｽﾃｯﾌﾟ1) 0-2才用【8本セット】全角ＡＢＣ');
      expect(order?.lines[0]?.lineTotal).toEqual({ amountMinor: 1980, currency: 'JPY' });
    }
  });

  it('reads a report in slices of whole orders, each call handing on the position of the next', async () => {
    const t = tenant();
    const f = file('big.tsv', generatedReport(30), 'windows-1252');
    const calls: Array<{ start: number; rows: number }> = [];
    let start = { offset: 0, line: 1 };
    for (;;) {
      const r = await withContext(contextWith(), 10).importOrderReportBatch(batch(t, f, { start, maxRows: 25 }));
      calls.push({ start: start.line, rows: r.counts.rows });
      if (!r.next) break;
      start = r.next;
    }
    // 25 rows end inside order 13 (rows 25-26): its second row is read too.
    expect(calls).toEqual([
      { start: 1, rows: 26 },
      { start: 28, rows: 26 },
      { start: 54, rows: 8 },
    ]);
    expect(await countOrders(db, { tenant: t })).toBe(30);
    const stored = await listOrders(db, { tenant: t, limit: 100 });
    expect(stored.every((o) => o.order.lines.length === 2)).toBe(true);
    expect(stored.find((o) => o.externalId === '302-0000000-0000013')?.order.lines.map((l) => l.refs?.reportLine)).toEqual(['26', '27']);
  });

  it('a slice whose attempt died resumes at the heartbeated position with the counts so far', async () => {
    const t = tenant();
    const f = file('crash.tsv', generatedReport(12), 'windows-1252');
    heartbeats.length = 0;
    // The first attempt writes 10 rows (5 orders), heartbeats, and dies before the next write.
    await expect(withContext(contextWith(undefined, 1), 10).importOrderReportBatch(batch(t, f))).rejects.toThrow();
    expect(await countOrders(db, { tenant: t })).toBe(5);
    const last = heartbeats.at(-1) as { at: { line: number }; counts: { rows: number } };
    expect(last).toMatchObject({ start: { offset: 0, line: 1 }, at: { line: 12 }, counts: { rows: 10, inserted: 5 } });
    const retry = await withContext(contextWith(last), 10).importOrderReportBatch(batch(t, f));
    expect(retry).toEqual({ counts: { rows: 24, orders: 12, inserted: 12, updated: 0, unchanged: 0, deadLettered: 0 } });
    expect(await countOrders(db, { tenant: t })).toBe(12);
  });

  it('dead-letters an order whose row does not map, with its report rows; the others are stored', async () => {
    const t = tenant();
    const f = file('us.tsv', readFileSync(join(FIXTURES, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv')), 'utf-8');
    const r = await activities.importOrderReportBatch(batch(t, f));
    expect(r.counts).toMatchObject({ rows: 4, orders: 3, inserted: 2, deadLettered: 1 });
    const [letter] = await listDeadLetters(db, { tenant: t });
    expect(letter).toMatchObject({ flow: FLOWS.ordersBackfill, recordType: 'amazon.order-report', externalId: '114-2222222-3333333', field: 'line 5.item-price' });
    expect(letter?.payload).toMatchObject({ reportRows: [{ line: 5, cells: { sku: 'PZ-SCRAPE', 'item-price': '7.995' } }] });
  });

  it('a file that is no orders report fails without retry, naming what its header lacks', async () => {
    const f = file('listings.tsv', readFileSync(join(FIXTURES, 'GET_MERCHANT_LISTINGS_ALL_DATA.us.utf-8.tsv')), 'utf-8');
    const e = await activities.importOrderReportBatch(batch(tenant(), f)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApplicationFailure);
    expect(e).toMatchObject({ type: 'validation', nonRetryable: true, message: expect.stringContaining('has no amazon-order-id, purchase-date, order-status column') });
  });

  it('reads a FATAL report\'s error document and deletes an imported file (twice is fine)', async () => {
    const errorFile = join(dir, 'fatal.json');
    copyFileSync(join(FIXTURES, 'report-processing-error.synthetic.json'), errorFile);
    expect(await activities.reportErrorMessage({ errorFile: { path: errorFile, bytes: 1, sha256: 'x' } })).toBe('Report request is not allowed: the date range exceeds 30 days.');
    await activities.discardReportFile({ path: errorFile });
    await activities.discardReportFile({ path: errorFile });
    expect(existsSync(errorFile)).toBe(false);
  });

  describe('merge rule', () => {
    async function reportOrder(): Promise<{ t: string; order: Order; f: ReturnType<typeof file> }> {
      const t = tenant();
      const f = file(`de-${t}.tsv`, readFileSync(join(FIXTURES, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv')), 'windows-1252');
      const probe = tenant();
      await activities.importOrderReportBatch(batch(probe, f));
      return { t, order: (await getOrder(db, probe, 'amazon-eu', '302-1234567-7654321'))!, f };
    }
    /** What the Orders API would have given for the same order: a buyer, a street, an order total, OrderItemIds. */
    const richer = (o: Order, updatedAt: string): Order => ({
      ...o,
      updatedAt,
      buyer: { name: 'Erika Mustermann', email: 'erika@marketplace.amazon.de' },
      shipTo: { ...o.shipTo!, name: 'Erika Mustermann', lines: ['Marienplatz 1'] },
      totals: { ...o.totals, orderTotal: { amountMinor: 5000, currency: 'EUR' } },
      lines: o.lines.map((l) => ({ ...l, lineId: `OI-${l.sku}` })),
    });

    it('a backfill over orders the API gave as fresh or fresher changes nothing', async () => {
      const { t, order, f } = await reportOrder();
      await upsertOrders(db, t, [richer(order, order.updatedAt)]);
      const r = await activities.importOrderReportBatch(batch(t, f));
      expect(r.counts).toMatchObject({ inserted: 1, updated: 0, unchanged: 1 });
      const kept = (await listOrders(db, { tenant: t })).find((o) => o.externalId === '302-1234567-7654321')!;
      expect(kept.version).toBe(1);
      expect(kept.order.buyer?.name).toBe('Erika Mustermann');
    });

    it('a newer report wins on what it says and fills the rest from the stored order', async () => {
      const { order } = await reportOrder();
      const older = richer({ ...order, status: 'unshipped', rawStatus: 'Unshipped' }, '2024-03-01T00:00:00Z');
      const merged = mergeReportOrder(older, { ...order, status: 'shipped', rawStatus: 'Shipped' });
      expect(merged).toMatchObject({
        status: 'shipped',
        updatedAt: order.updatedAt,
        buyer: { name: 'Erika Mustermann', email: 'erika@marketplace.amazon.de' },
        shipTo: { name: 'Erika Mustermann', lines: ['Marienplatz 1'], city: 'München' },
        totals: { orderTotal: { amountMinor: 5000 }, items: order.totals!.items },
      });
      expect(merged.lines.map((l) => l.lineId)).toEqual(['OI-KB-L-WEISS']);
      expect(merged.lines[0]?.refs?.reportLine).toBe('2');
      expect(mergeReportOrder(undefined, order)).toBe(order);
    });
  });
});
