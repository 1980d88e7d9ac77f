/**
 * The catalogue readers on real files, through the CLI's streaming path (charset detection,
 * csv-parse with line numbers): good rows to exact canonical records, every kind of bad cell
 * named by line and column, quoted multi-line cells, a BOM, windows-1252 bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRecords, detectEncoding, sniffDelimiter } from '../../../cli/catalogue-files.js';
import {
  CatalogueFileError,
  describeRejection,
  readInventoryCsv,
  readProductCsv,
  readProductJson,
  type CatalogueRow,
  type CsvRecord,
} from '../../../mappings/catalogue/index.js';

const dir = mkdtempSync(join(tmpdir(), 'caravan-catalogue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readFile<T>(
  name: string,
  content: string | Buffer,
  reader: (records: AsyncIterable<CsvRecord>, file: string) => AsyncGenerator<CatalogueRow<T>>,
): Promise<CatalogueRow<T>[]> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const encoding = await detectEncoding(path);
  const rows: CatalogueRow<T>[] = [];
  for await (const row of reader(csvRecords(path, encoding, sniffDelimiter(encoding.sampleText.split('\n', 1)[0]!)), name)) rows.push(row);
  return rows;
}

const messages = <T>(rows: CatalogueRow<T>[]): string[] => rows.flatMap((r) => (r.ok ? [] : r.rejections.map(describeRejection)));
const records = <T>(rows: CatalogueRow<T>[]): T[] => rows.flatMap((r) => (r.ok ? [r.record] : []));

const HEADER = 'sku,category,title.de-DE,title.ja-JP,bullet.en-GB,attr.colour,ean,hs_code,origin_country,certifications,weight,weight_unit,length,width,height,dimension_unit,image_1,image_2,base_price,base_currency';

describe('product CSV', () => {
  it('reads a good row into the exact canonical Product (money in minor units, lists split, empty cells absent)', async () => {
    const rows = await readFile(
      'good.csv',
      `${HEADER}\nMUG-WHI-350,mug,Porzellantasse Weiß,磁器マグカップ,Dishwasher safe | Microwave safe,white,4006380000254,6912.00,de,CE|UKCA,0.45,KG,12,9,10,cm,https://img.example/a.jpg,https://img.example/b.jpg,14.90,eur\n` +
        `JP-1,,Tasse,,,,,,,,,,,,,,,,1980,JPY\n`,
      readProductCsv,
    );
    expect(messages(rows)).toEqual([]);
    expect(records(rows)).toEqual([
      {
        sku: 'MUG-WHI-350',
        category: 'mug',
        title: { 'de-DE': 'Porzellantasse Weiß', 'ja-JP': '磁器マグカップ' },
        bulletPoints: { 'en-GB': ['Dishwasher safe', 'Microwave safe'] },
        attributes: { colour: 'white' },
        identifiers: [{ type: 'EAN', value: '4006380000254' }],
        hsCode: '691200',
        originCountry: 'DE',
        certifications: ['CE', 'UKCA'],
        weight: { value: '0.45', unit: 'kg' },
        dimensions: { length: '12', width: '9', height: '10', unit: 'cm' },
        images: ['https://img.example/a.jpg', 'https://img.example/b.jpg'],
        basePrice: { amountMinor: 1490, currency: 'EUR' },
      },
      { sku: 'JP-1', title: { 'de-DE': 'Tasse' }, attributes: {}, basePrice: { amountMinor: 1980, currency: 'JPY' } },
    ]);
  });

  it('names every bad cell by line and column, and imports the other rows', async () => {
    const good = 'OK-1,mug,Tasse,,,,,,,,,,,,,,,,,';
    const lines = [
      HEADER,
      good,
      'BAD-W,mug,Tasse,,,,,,,,"0,45",kg,,,,,,,,',
      'BAD-U,mug,Tasse,,,,,,,,0.45,kilo,,,,,,,,',
      'BAD-P,mug,Tasse,,,,,,,,,,,,,,,,"12,90",EUR',
      'BAD-J,mug,Tasse,,,,,,,,,,,,,,,,10.50,JPY',
      'BAD-C,mug,Tasse,,,,,,,,,,,,,,,,12.90,EUX',
      'BAD-E,mug,Tasse,,,,12345,61,XX,,,,,,,,ftp://img.example/a.jpg,,,',
      'BAD-D,mug,Tasse,,,,,,,,,,12,9,,cm,,,,',
      ',mug,,,,,,,,,,,,,,,,,,',
      'OK-1,mug,Tasse again,,,,,,,,,,,,,,,,,',
      'BAD-X,mug,Tasse,,,,,,,,,,,,,,,,,,extra',
      'BAD-Z,mug,Tasse,,,,,,,,0,kg,,,,,,,,',
      'BAD-2,mug,Tasse,,,,,,,,"0,2",,,,,,,,,',
    ];
    const rows = await readFile('products.csv', `${lines.join('\n')}\n`, readProductCsv);
    expect(records(rows).map((p) => p.sku)).toEqual(['OK-1']);
    expect(messages(rows)).toEqual([
      'products.csv line 3 column weight ("0,45"): must be a decimal such as 0.45 (digits, an optional "." fraction)',
      'products.csv line 4 column weight_unit ("kilo"): Invalid option: expected one of "g"|"kg"|"oz"|"lb"',
      'products.csv line 5 column base_price ("12,90"): "12,90" is not a decimal amount (digits with an optional "." fraction); write it like 12.90',
      'products.csv line 6 column base_price ("10.50"): "10.50" has more decimals than JPY allows (0); write it like 12.90',
      'products.csv line 7 column base_currency ("EUX"): is not an ISO 4217 currency code',
      'products.csv line 8 column ean ("12345"): must be 8 to 14 digits',
      'products.csv line 8 column hs_code ("61"): must be an HS code of 6 to 12 digits, no dots',
      'products.csv line 8 column origin_country ("XX"): must be an ISO 3166-1 alpha-2 country code',
      'products.csv line 8 column image_1 ("ftp://img.example/a.jpg"): Invalid URL',
      'products.csv line 9 column height: is required when any of length, width, height or dimension_unit is given',
      'products.csv line 10 column sku: is required',
      'products.csv line 10 column title.<locale>: at least one title is required',
      'products.csv line 11: sku OK-1 is already on line 2; a file states it once',
      'products.csv line 12 ("extra"): has 21 cells but the header names 20 columns',
      'products.csv line 13 column weight ("0"): must be more than zero',
      'products.csv line 14 column weight ("0,2"): must be a decimal such as 0.45 (digits, an optional "." fraction)',
      'products.csv line 14 column weight_unit: is required when weight is given (g, kg, oz or lb)',
    ]);
  });

  it('keeps quoted cells with commas, quotes and line breaks whole, and counts lines from where each row starts', async () => {
    const rows = await readFile(
      'multiline.csv',
      'sku,title.en-GB,description.en-GB,weight,weight_unit\r\nA,"Mug, white","Line one\r\nline ""two""\r\nline three",0.3,kg\r\nB,Mug,,"0,3",kg\r\n',
      readProductCsv,
    );
    expect(records(rows)[0]).toMatchObject({ sku: 'A', title: { 'en-GB': 'Mug, white' }, description: { 'en-GB': 'Line one\r\nline "two"\r\nline three' } });
    expect(messages(rows)).toEqual(['multiline.csv line 5 column weight ("0,3"): must be a decimal such as 0.45 (digits, an optional "." fraction)']);
    const lf = await readFile('multiline-lf.csv', 'sku,title.en-GB,description.en-GB\n\nA,Mug,"one\ntwo\n\nfour"\nB,,\n', readProductCsv);
    expect(messages(lf)).toEqual(['multiline-lf.csv line 7 column title.<locale>: at least one title is required']);
  });

  it('streams a file larger than the charset sample; bytes past it that break the detected charset stop the import with a hint', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `SKU-${i},Tasse Nummer ${i} aus Porzellan`).join('\n');
    const rows = await readFile('big.csv', `sku,title.de-DE\n${body}\n`, readProductCsv);
    expect(records(rows)).toHaveLength(3000);
    expect(records(rows)[2999]).toEqual({ sku: 'SKU-2999', title: { 'de-DE': 'Tasse Nummer 2999 aus Porzellan' }, attributes: {} });
    const late = Buffer.concat([Buffer.from(`sku,title.de-DE\n${body}\n`), Buffer.from([0x58, 0x2c, 0x47, 0x72, 0xf6, 0xdf, 0x65, 0x0a])]);
    await expect(readFile('late-1252.csv', late, readProductCsv)).rejects.toThrow(/^late-1252\.csv is not valid utf-8 after byte \d+ \(the first 64 KiB looked like it\): give its charset with --charset$/);
  });

  it('reads a UTF-8 file with a BOM (the first column is still sku), and a semicolon-separated file with capitalised column names', async () => {
    const bom = await readFile('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('sku,title.fr-FR\nA,Tasse à café\n')]), readProductCsv);
    expect(records(bom)).toEqual([{ sku: 'A', title: { 'fr-FR': 'Tasse à café' }, attributes: {} }]);
    const semicolons = await readFile('excel-de.csv', 'SKU;Title.de-DE;Base_Price ;base_currency\nA;Tasse, weiß;12.90;EUR\n', readProductCsv);
    expect(records(semicolons)).toEqual([{ sku: 'A', title: { 'de-DE': 'Tasse, weiß' }, attributes: {}, basePrice: { amountMinor: 1290, currency: 'EUR' } }]);
  });

  it('reads a windows-1252 file (as Excel saves it) with umlauts and the euro sign', async () => {
    const bytes = Buffer.from(
      [...'sku,title.de-DE,attr.note\r\nTS-1,T-Shirt Größe M,Preis 19 \x80\r\n'].map((ch) => (ch === 'ö' ? 0xf6 : ch === 'ß' ? 0xdf : ch.charCodeAt(0))),
    );
    const path = join(dir, 'cp1252.csv');
    writeFileSync(path, bytes);
    expect((await detectEncoding(path)).charset).toBe('windows-1252');
    const rows = await readFile('cp1252.csv', bytes, readProductCsv);
    expect(records(rows)).toEqual([{ sku: 'TS-1', title: { 'de-DE': 'T-Shirt Größe M' }, attributes: { note: 'Preis 19 €' } }]);
  });

  it('refuses a header with an unknown, repeated or badly localised column, naming each', async () => {
    await expect(readFile('typo.csv', 'sku,tittle.de-DE,title.de-DE,weight,weight,title.german\nA,x,y,1,1,z\n', readProductCsv)).rejects.toThrow(
      new CatalogueFileError('typo.csv', [
        'column "tittle.de-DE" is not a product column (see docs/catalogue-import.md; seller attributes are attr.<name>)',
        'column weight appears twice in the header',
        'column title.german: "german" is not a locale such as de-DE or ja-JP',
      ]),
    );
    await expect(readFile('empty.csv', '', readProductCsv)).rejects.toThrow('empty.csv: the file is empty (no header line)');
  });
});

describe('stock CSV', () => {
  const header = 'sku,location,location_type,country,available,reserved,inbound_shipped,as_of';
  it('reads levels with only the stated quantities, and names every bad cell', async () => {
    const rows = await readFile(
      'stock.csv',
      [
        header,
        'MUG-1,DE-HAM,own-warehouse,de,40,2,,2026-03-02T06:00:00Z',
        'MUG-1,US-NJ,Overseas-Warehouse,US,12,,20,2026-03-02T07:00:00-04:00',
        'MUG-2,DE-HAM,own-warehouse,DE,-3,1.5,,',
        'MUG-3,DE-HAM,warehouse,DE,1,,,',
        'MUG-4,DE-HAM,own-warehouse,GER,1,,,2026-03-02 06:00',
        'MUG-5,DE-HAM,own-warehouse,DE,,,,',
        'MUG-1,DE-HAM,own-warehouse,DE,41,,,',
      ].join('\n'),
      readInventoryCsv,
    );
    expect(records(rows)).toEqual([
      {
        vendor: 'seller-file',
        sku: 'MUG-1',
        location: { type: 'own-warehouse', id: 'DE-HAM', country: 'DE' },
        quantities: { available: 40, reserved: { total: 2 } },
        observedAt: '2026-03-02T06:00:00Z',
        refs: {},
      },
      {
        vendor: 'seller-file',
        sku: 'MUG-1',
        location: { type: 'overseas-warehouse', id: 'US-NJ', country: 'US' },
        quantities: { available: 12, inbound: { shipped: 20 } },
        observedAt: '2026-03-02T11:00:00Z',
        refs: {},
      },
    ]);
    expect(messages(rows)).toEqual([
      'stock.csv line 4 column available ("-3"): must be a whole number of units such as 12 (no sign, no decimals)',
      'stock.csv line 4 column reserved ("1.5"): must be a whole number of units such as 12 (no sign, no decimals)',
      'stock.csv line 5 column location_type ("warehouse"): must be one of own-warehouse, overseas-warehouse, marketplace-fulfilment',
      'stock.csv line 6 column country ("GER"): must be an ISO 3166-1 alpha-2 country code',
      'stock.csv line 6 column as_of ("2026-03-02 06:00"): "2026-03-02 06:00" is not an ISO 8601 date-time with a zone (e.g. 2026-03-02T10:15:00Z or 2026-03-02T19:15:00+09:00)',
      'stock.csv line 7 column available: is required',
      'stock.csv line 8: sku MUG-1 at location DE-HAM is already on line 2; a file states it once',
    ]);
  });

  it('needs the sku, location, location_type and available columns', async () => {
    await expect(readFile('bad-stock.csv', 'sku,qty\nA,1\n', readInventoryCsv)).rejects.toThrow(
      'bad-stock.csv: column "qty" is not a stock column (known: sku, location, location_type, location_name, country, as_of, condition, available, reserved, inbound_working, inbound_shipped, inbound_receiving, unfulfillable, total); the header has no location column; the header has no location_type column; the header has no available column',
    );
  });
});

describe('product JSON', () => {
  it('reads an array or { products }, takes decimal prices as text, and names bad elements by index and field', () => {
    const rows = readProductJson(
      {
        products: [
          { sku: 'A', title: { 'en-GB': 'Mug' }, basePrice: { amount: '12.90', currency: 'EUR' } },
          { sku: 'B', title: { 'en-GB': 'Mug' }, weight: { value: '0,45', unit: 'kg' }, basePrice: { amountMinor: 12.5, currency: 'EUR' } },
          { sku: 'C', title: {}, basePrice: { amount: 12.9, currency: 'EUR' } },
          'D',
          { sku: 'A', title: { 'en-GB': 'Mug again' } },
        ],
      },
      'products.json',
    );
    expect(records(rows)).toEqual([{ sku: 'A', title: { 'en-GB': 'Mug' }, attributes: {}, basePrice: { amountMinor: 1290, currency: 'EUR' } }]);
    expect(messages(rows)).toEqual([
      'products.json products[1] column weight.value ("0,45"): must be a decimal such as 0.45 (digits, an optional "." fraction)',
      'products.json products[1] column basePrice.amountMinor ("12.5"): Invalid input: expected int, received number',
      'products.json products[2] column basePrice: a decimal price is { "amount": "12.90", "currency": "EUR" } with both as text',
      expect.stringMatching(/^products\.json products\[2\] column title: needs at least one locale/),
      'products.json products[3]: must be a product object',
      'products.json products[4] column sku ("A"): sku A is already at products[0]; a file states it once',
    ]);
    expect(() => readProductJson({ items: [] }, 'x.json')).toThrow('x.json: must be a JSON array of products or an object { "products": [...] }');
    expect(records(readProductJson([{ sku: 'Z', title: { de: 'Tasse' } }], 'a.json'))).toEqual([{ sku: 'Z', title: { de: 'Tasse' }, attributes: {} }]);
  });
});
