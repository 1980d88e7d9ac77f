/**
 * connectors/amazon/reports/flat-file.ts: Amazon's tab-separated report documents. No quoting
 * (a `"` is a character) unless the header is quoted; CRLF or LF; blank lines; trailing empty
 * columns; a last line without newline; localized listings headers mapped to the documented
 * columns (sources in connectors/amazon/schemas/reports.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../../../connectors/http/charset.js';
import {
  amazonFlatFileKind,
  createFlatFileParser,
  LISTINGS_HEADER_VARIANTS,
  readFlatFile,
  readListingsReport,
  readOrderReport,
} from '../../../../connectors/amazon/reports/index.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'amazon', 'reports');
const text = (name: string) => decodeDocument(new Uint8Array(readFileSync(join(DIR, name)))).text;

describe('readFlatFile', () => {
  it('quotes are characters, trailing empty cells and blank lines are kept apart, CRLF and a last line without newline', () => {
    const f = readFlatFile('a\tb\tc\r\n12" Stone "Pro"\t2\t\r\n\r\n"x\ty\t\t\n3\t4\t5');
    expect(f.header).toEqual(['a', 'b', 'c']);
    expect(f.rows).toEqual([
      { line: 2, cells: ['12" Stone "Pro"', '2', ''] },
      { line: 4, cells: ['"x', 'y', '', ''] },
      { line: 5, cells: ['3', '4', '5'] },
    ]);
  });

  it('a file whose header is quoted (re-saved by a spreadsheet) is read with quoting', () => {
    const f = readFlatFile('"a"\t"b"\n"x\ty"\t"say ""hi"""\n');
    expect(f.rows).toEqual([{ line: 2, cells: ['x\ty', 'say "hi"'] }]);
  });

  it('the same parser streams (csv-parse Transform) with line numbers', async () => {
    const records: { record: string[]; info: { lines: number } }[] = [];
    const parser = Readable.from(['a\tb\n1\t', '2"\n3\t4']).pipe(createFlatFileParser());
    for await (const r of parser) records.push(r as { record: string[]; info: { lines: number } });
    expect(records.map((r) => [r.info.lines, r.record])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2"']],
      [3, ['3', '4']],
    ]);
  });
});

describe('reports', () => {
  it('an orders report: cells by documented column, empty cells absent, a row with fewer cells kept', () => {
    const r = readOrderReport(text('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv'));
    expect(r.unknownColumns).toEqual([]);
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 4, 5]);
    expect(r.rows[0]!.cells['product-name']).toBe('12" Pizza Stone "Pro" (round)');
    expect(r.rows[0]!.cells['merchant-order-id']).toBeUndefined();
    expect(r.rows[2]!.cells).toEqual({
      'amazon-order-id': '113-0000001-7654321',
      'purchase-date': '2024-01-17T23:59:59-08:00',
      'last-updated-date': '2024-01-18T07:59:59+00:00',
      'order-status': 'Pending',
      'fulfillment-channel': 'Amazon',
      'sales-channel': 'Amazon.com',
      'ship-service-level': 'Expedited',
      'product-name': 'Pizza Cutter Wheel',
      sku: 'PZ-CUT',
      asin: 'B08XYZ9999',
      'item-status': 'Unshipped',
      quantity: '1',
    });
  });

  it('the newer orders header (is-business-order …), Cp1252 and CRLF', () => {
    const r = readOrderReport(text('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv'));
    expect(r.columns).toHaveLength(33);
    expect(r.rows[0]!.cells['product-name']).toBe('Kaffeebecher Größe L – weiß (€-Edition)');
    expect(r.rows[0]!.cells['ship-city']).toBe('München');
    expect(r.rows[1]!.cells['is-business-order']).toBe('true');
  });

  it('a JP listings report: Japanese header in Shift_JIS (amzn/selling-partner-api-models#2293)', () => {
    const r = readListingsReport(text('GET_MERCHANT_LISTINGS_ALL_DATA.jp.shift_jis.tsv'));
    expect(r.headerLanguage).toBe('ja');
    expect(r.unknownColumns).toEqual([]);
    expect(r.columns).toEqual([
      'item-name', 'listing-id', 'seller-sku', 'price', 'quantity', 'open-date', 'product-id-type', 'item-note', 'item-condition', 'asin1',
      'will-ship-internationally', 'expedited-shipping', 'product-id', 'pending-quantity', 'fulfillment-channel', 'merchant-shipping-group', 'status', 'points',
    ]);
    expect(r.rows[0]!.cells['item-name']).toBe('Jordan 歯ブラシ STEP1(ｽﾃｯﾌﾟ1) 0-2才用【8本セット】');
    expect(r.rows[0]!.cells['open-date']).toBe('2023/05/01 10:20:30 JST');
  });

  it('a German-header listings report in Cp1252', () => {
    const r = readListingsReport(text('GET_MERCHANT_LISTINGS_ALL_DATA.de-header.windows-1252.tsv'));
    expect(r.headerLanguage).toBe('de');
    expect(r.unknownColumns).toEqual([]);
    expect(r.rows[0]!.cells).toMatchObject({ 'item-name': 'Kaffeebecher Größe M – grün', 'seller-sku': 'KB-M-GRUEN', price: '12.99', quantity: '40', 'fulfillment-channel': 'DEFAULT' });
  });

  // Every localized header Caravan knows, each from its source (see schemas/reports.ts).
  it.each([
    // JP: a JP GET_MERCHANT_LISTINGS_ALL_DATA header map and header list (public PHP readers); ASIN 1 / ステータス from readers of the newer JP document.
    ['商品名', 'item-name'], ['出品ID', 'listing-id'], ['出品者SKU', 'seller-sku'], ['価格', 'price'], ['数量', 'quantity'], ['出品日', 'open-date'],
    ['商品IDタイプ', 'product-id-type'], ['コンディション説明', 'item-note'], ['コンディション', 'item-condition'], ['商品ID', 'product-id'],
    ['在庫数', 'pending-quantity'], ['フルフィルメント・チャンネル', 'fulfillment-channel'], ['ASIN 1', 'asin1'], ['ステータス', 'status'], ['ポイント', 'points'],
    ['国外へ配送可', 'will-ship-internationally'], ['迅速な配送', 'expedited-shipping'],
    // DE / FR / IT / ES / CN: a PHP header map of the same report.
    ['Händler-SKU', 'seller-sku'], ['Artikelbezeichnung', 'item-name'], ['Preis', 'price'], ['Menge', 'quantity'], ['Erstellungsdatum', 'open-date'], ['Versender', 'fulfillment-channel'],
    ['sku-vendeur', 'seller-sku'], ['nom-produit', 'item-name'], ['canal-traitement', 'fulfillment-channel'], ['état', 'status'],
    ['SKU venditore', 'seller-sku'], ["Nome dell'articolo", 'item-name'], ['Prezzo', 'price'], ['Quantità', 'quantity'], ['Data di creazione', 'open-date'], ['stato', 'status'],
    ['SKU del vendedor', 'seller-sku'], ['Título del producto', 'item-name'], ['Fecha de creación', 'open-date'], ['estado', 'status'],
    ['卖家 SKU', 'seller-sku'], ['商品名称', 'item-name'], ['状态', 'status'],
  ])('header %s is %s', (header, column) => {
    expect(LISTINGS_HEADER_VARIANTS[header]).toBe(column);
    const r = readListingsReport(`${header}\tseller-sku\nv\tS1\n`);
    expect(r.columns[0]).toBe(column);
  });

  it('says what a flat file is', () => {
    expect(amazonFlatFileKind(text('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv'))?.kind).toBe('order-report');
    expect(amazonFlatFileKind(text('GET_MERCHANT_LISTINGS_ALL_DATA.jp.shift_jis.tsv'))?.kind).toBe('listings-report');
    expect(amazonFlatFileKind(text('GET_MERCHANT_LISTINGS_ALL_DATA.us.utf-8.tsv'))?.kind).toBe('listings-report');
    expect(amazonFlatFileKind('settlement-id\tsettlement-start-date\tsettlement-end-date\n')?.what).toMatch(/settlement report/);
    expect(amazonFlatFileKind('{"a":1}')).toBeUndefined();
  });
});
