/**
 * `caravan map amazon.order-report` / `amazon.listings-report`: Amazon flat-file report
 * documents in their charsets (UTF-8, Cp1252, Shift_JIS, gzip; detected or --charset) map to
 * canonical Orders and Listings; Amazon's error bodies and a FATAL report's error document exit
 * 1 with the vendor's code and message; files of another kind say what they look like.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';
import { listKinds, mapCommand } from '../../cli/commands/map.js';
import type { Listing, Order } from '../../mappings/canonical/index.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const R = join(FIX, 'amazon', 'reports');
const write = scratchFiles('caravan-map-reports-');

const caravan = caravanMap;

const records = <T>(stdout: string): T[] => JSON.parse(stdout) as T[];

describe('caravan map amazon.order-report', () => {
  it.each([
    ['GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv', ['302-1234567-7654321', '302-9999999-1111111'], 'Kaffeebecher Größe L – weiß (€-Edition)'],
    ['GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.jp.shift_jis.tsv.gz', ['503-3718261-3217429'], 'Jordan 歯ブラシ STEP1(ｽﾃｯﾌﾟ1) 0-2才用【8本セット】全角ＡＢＣ'],
  ])('%s maps (charset detected), exit 0', async (file, ids, title) => {
    const { code, stdout, stderr } = await caravan('amazon.order-report', join(R, file), '--channel', 'amazon-eu');
    expect([code, stderr]).toEqual([0, '']);
    const orders = records<Order>(stdout);
    expect(orders.map((o) => o.externalId)).toEqual(ids);
    expect(orders[0]!.channel).toBe('amazon-eu');
    expect(orders[0]!.lines[0]!.title).toBe(title);
  });

  it('the US report: good orders print, the bad row is a typed rejection naming line, order and column, exit 1', async () => {
    const { code, stdout } = await caravan('amazon.order-report', join(R, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv'));
    expect(code).toBe(1);
    const out = records<Order | { error: { externalId: string; field: string; message: string } }>(stdout);
    expect(out.map((o) => ('error' in o ? `error ${o.error.externalId} ${o.error.field}` : o.externalId))).toEqual([
      '111-4827391-2093847',
      '113-0000001-7654321',
      'error 114-2222222-3333333 line 5.item-price',
    ]);
  });

  it('--charset forces a charset: the Cp1252 file read as Latin-1 differs only where they differ (€ –)', async () => {
    const file = join(R, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv');
    const cp1252 = await mapCommand('amazon.order-report', file, { charset: 'cp1252' });
    const latin1 = await mapCommand('amazon.order-report', file, { charset: 'iso-8859-1' });
    const title = (r: typeof cp1252) => ((r.results[0] as { record: Order }).record.lines[0]!.title);
    expect(title(cp1252)).toBe('Kaffeebecher Größe L – weiß (€-Edition)');
    expect(title(latin1)).toBe('Kaffeebecher Größe L \u0096 weiß (\u0080-Edition)');
  });

  it('a Cp1252 file forced as UTF-8 is an error saying so (exit 1); an unknown charset name is a usage error (exit 2)', async () => {
    const file = join(R, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv');
    expect(await caravan('amazon.order-report', file, '--charset', 'utf-8')).toMatchObject({ code: 1, stderr: `caravan: ${file}: the document is not valid utf-8` });
    expect(await caravan('amazon.order-report', file, '--charset', 'ebcdic')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown charset "ebcdic"') });
  });

  it('UTF-16LE with a BOM and a gzipped UTF-8 document map the same as the UTF-8 file', async () => {
    const utf8 = readFileSync(join(R, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv'));
    const utf16 = write('orders.utf16.tsv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8.toString('utf8'), 'utf16le')]));
    const gz = write('orders.tsv.gz', gzipSync(utf8));
    const base = await caravan('amazon.order-report', join(R, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv'));
    expect((await caravan('amazon.order-report', utf16)).stdout).toBe(base.stdout);
    expect((await caravan('amazon.order-report', gz)).stdout).toBe(base.stdout);
  });
});

describe('caravan map amazon.listings-report', () => {
  it('the JP document (Japanese header, Shift_JIS) needs no --marketplace: a Japanese header is amazon.co.jp', async () => {
    const { code, stdout } = await caravan('amazon.listings-report', join(R, 'GET_MERCHANT_LISTINGS_ALL_DATA.jp.shift_jis.tsv.gz'));
    expect(code).toBe(0);
    const [a] = records<Listing>(stdout);
    expect(a).toMatchObject({ sku: 'JD-STEP1-8', title: { 'ja-JP': 'Jordan 歯ブラシ STEP1(ｽﾃｯﾌﾟ1) 0-2才用【8本セット】' }, price: { amountMinor: 1980, currency: 'JPY' }, marketplace: { id: 'A1VC38T7YXB528' } });
  });

  it('--marketplace (id, storefront or country) or a channel named after one gives the currency', async () => {
    const de = join(R, 'GET_MERCHANT_LISTINGS_ALL_DATA.de.windows-1252.tsv');
    for (const args of [['--marketplace', 'A1PA6795UKMFR9'], ['--marketplace', 'amazon.de'], ['--marketplace', 'DE'], ['--channel', 'amazon-de']]) {
      const { code, stdout } = await caravan('amazon.listings-report', de, ...args);
      expect(code).toBe(0);
      expect(records<Listing>(stdout)[0]).toMatchObject({ price: { amountMinor: 1499, currency: 'EUR' }, title: { 'de-DE': 'Kaffeebecher Größe L – weiß' } });
    }
    const header = await caravan('amazon.listings-report', join(R, 'GET_MERCHANT_LISTINGS_ALL_DATA.de-header.windows-1252.tsv'), '--marketplace', 'amazon.de');
    expect(records<Listing>(header.stdout)[0]).toMatchObject({ sku: 'KB-M-GRUEN', price: { amountMinor: 1299, currency: 'EUR' } });
  });

  it('without a marketplace the currency cannot be known: each listing keeps its price as unpriced decimal text (no currency guessed); an unknown marketplace is a usage error', async () => {
    const us = join(R, 'GET_MERCHANT_LISTINGS_ALL_DATA.us.utf-8.tsv');
    const { stdout } = await caravan('amazon.listings-report', us);
    const listings = records<Listing | { error: unknown }>(stdout).filter((o): o is Listing => !('error' in o));
    expect(listings.length).toBeGreaterThan(0);
    for (const l of listings) {
      expect(l.price).toBeUndefined();
      expect(l.marketplace).toBeUndefined();
      if (l.unpricedAmount !== undefined) expect(l.unpricedAmount).toMatch(/^\d+(\.\d+)?$/);
    }
    const withMarketplace = records<Listing | { error: unknown }>((await caravan('amazon.listings-report', us, '--marketplace', 'amazon.com')).stdout).filter((o): o is Listing => !('error' in o));
    expect(listings.find((l) => l.sku === 'PZ-STONE-12')?.unpricedAmount).toBe('29.99');
    expect(withMarketplace.find((l) => l.sku === 'PZ-STONE-12')?.price).toEqual({ amountMinor: 2999, currency: 'USD' });
    expect(withMarketplace.every((l) => (l.price === undefined || l.price.currency === 'USD') && l.unpricedAmount === undefined)).toBe(true);
    expect(await caravan('amazon.listings-report', us, '--marketplace', 'amazon.moon')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown Amazon marketplace "amazon.moon"') });
  });

  it('the US report with its marketplace: three listings and the unknown-zone row rejected, exit 1', async () => {
    const { code, stdout } = await caravan('amazon.listings-report', join(R, 'GET_MERCHANT_LISTINGS_ALL_DATA.us.utf-8.tsv'), '--marketplace', 'amazon.com');
    expect(code).toBe(1);
    const out = records<Listing | { error: { externalId: string; field: string } }>(stdout);
    expect(out.map((o) => ('error' in o ? `error ${o.error.externalId} ${o.error.field}` : `${o.sku} ${o.openedAt}`))).toEqual([
      'PZ-STONE-12 2023-05-01T17:20:30Z',
      'PZ-PEEL 2023-12-24T16:00:00Z',
      'PZ-CUT 2024-01-02T17:00:00Z',
      'error PZ-SCRAPE line 5.open-date',
    ]);
  });
});

describe('errors and files of another kind (exit 1, one line)', () => {
  it.each([
    [
      'amazon.order-report',
      join(R, 'report-processing-error.synthetic.json'),
      'is an error reply from Amazon, code FATAL, not an Amazon orders flat-file report: Amazon getReportDocument: FATAL: the report failed: Report request is not allowed: the date range exceeds 30 days.',
    ],
    [
      'amazon.listings-report',
      join(FIX, 'amazon', 'connector', 'error-403-unauthorized.eolabs.json'),
      'is an error reply from Amazon, code Unauthorized, not an Amazon merchant listings report: Amazon getReportDocument: Unauthorized: Access to requested resource is denied. (Access token is missing in the request header.)',
    ],
  ])('%s given %s', async (kind, file, message) => {
    expect(await caravan(kind, file)).toEqual({ code: 1, stdout: '', stderr: `caravan: ${file} ${message}` });
  });

  const orders = join(R, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv');
  const listings = join(R, 'GET_MERCHANT_LISTINGS_ALL_DATA.jp.shift_jis.tsv');
  const getOrders = join(FIX, 'amazon', 'mapping', 'ordersV0.getOrders.200.example.json');
  const settlement = write('settlement.tsv', 'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\n1\t2024-01-01\t2024-01-15\t2024-01-17\t10.00\tEUR\n');
  it.each([
    ['amazon.listings-report', orders, `this looks like an Amazon orders flat-file report (GET_FLAT_FILE_ALL_ORDERS_DATA_…), not an Amazon merchant listings report; try \`caravan map amazon.order-report ${orders}\``],
    ['amazon.order-report', listings, `this looks like an Amazon merchant listings report (GET_MERCHANT_LISTINGS_ALL_DATA), not an Amazon orders flat-file report; try \`caravan map amazon.listings-report ${listings}\``],
    ['amazon.order', listings, `this looks like an Amazon merchant listings report (GET_MERCHANT_LISTINGS_ALL_DATA), not an Amazon SP-API order reply (Orders v0 or 2026-01-01); try \`caravan map amazon.listings-report ${listings}\``],
    ['fx.xe', orders, `this looks like an Amazon orders flat-file report (GET_FLAT_FILE_ALL_ORDERS_DATA_…), not an XE Currency Data reply; try \`caravan map amazon.order-report ${orders}\``],
    ['amazon.order-report', getOrders, `this is an Amazon getOrders/getOrder response, not an Amazon orders flat-file report; try \`caravan map amazon.order ${getOrders}\``],
    ['amazon.order-report', settlement, `this is an Amazon settlement report (tab-separated), not an Amazon orders flat-file report; try \`caravan map amazon.settlement-report ${settlement}\``],
  ])('%s given %s', async (kind, file, message) => {
    expect(await caravan(kind, file)).toEqual({ code: 1, stdout: '', stderr: `caravan: ${file}: ${message}` });
  });

  it('a TSV that is no report Caravan knows is named as text', async () => {
    const f = write('odd.tsv', 'amazon-order-id\tpurchase-date\titem-price\n1\t2\t3\n');
    expect(await caravan('amazon.order-report', f)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^caravan: .*odd\.tsv: this is a plain-text body: .*, not an Amazon orders flat-file report$/) });
  });
});

describe('caravan map --help', () => {
  it('lists both kinds under "Record kinds:"', () => {
    const kinds = listKinds();
    expect(kinds).toMatch(/^ {2}amazon\.order-report +Amazon orders flat-file report/m);
    expect(kinds).toMatch(/^ {2}amazon\.listings-report +Amazon merchant listings report/m);
  });
});
