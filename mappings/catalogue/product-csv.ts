/**
 * A seller's product CSV → canonical Products, row by row (the columns are documented in
 * docs/catalogue-import.md). One row is one SKU; per-locale texts are columns named by locale
 * (`title.de-DE`); lists are `|`-separated cells; an empty cell is "not stated". Every value
 * is checked by the canonical ProductSchema, and each issue is named by the column it came
 * from. Money goes through parseDecimalMoney (decimal text → minor units), never a float.
 */
import { LocaleSchema } from '../canonical/listing.js';
import { currencyInfo } from '../canonical/currencies.js';
import { parseDecimalMoney } from '../canonical/money.js';
import { PositiveDecimalTextSchema, ProductSchema, type Product, type ProductIdentifier } from '../canonical/product.js';
import { issuesToColumns, readCsvRows, splitList, type CatalogueRow, type CellIssue, type CsvLayout, type CsvRecord, type RowCells } from './rows.js';

/** Columns that hold one value each. */
export const PRODUCT_CSV_COLUMNS = [
  'sku',
  'category',
  'brand',
  'hs_code',
  'origin_country',
  'certifications',
  'weight',
  'weight_unit',
  'length',
  'width',
  'height',
  'dimension_unit',
  'images',
  'base_price',
  'base_currency',
] as const;

/** Identifier columns, by the identifier type each holds. */
const IDENTIFIER_COLUMNS: Readonly<Record<string, ProductIdentifier['type']>> = { ean: 'EAN', gtin: 'GTIN', upc: 'UPC', isbn: 'ISBN', jan: 'JAN' };

/** Per-locale columns `<prefix>.<locale>`, by the product field they fill. */
const LOCALIZED = { title: 'title', description: 'description', bullet: 'bulletPoints' } as const;

const IMAGE_COLUMN = /^image_([1-9]\d*)$/;
const ATTRIBUTE_COLUMN = /^attr\.(.+)$/;
const LOCALIZED_COLUMN = /^(title|description|bullet)\.(.+)$/;

function checkProductHeader(columns: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) problems.push(`column ${column} appears twice in the header`);
    seen.add(column);
    const localized = LOCALIZED_COLUMN.exec(column);
    if (localized) {
      if (!LocaleSchema.safeParse(localized[2]).success) problems.push(`column ${column}: "${localized[2]}" is not a locale such as de-DE or ja-JP`);
    } else if (
      !(PRODUCT_CSV_COLUMNS as readonly string[]).includes(column) &&
      !Object.hasOwn(IDENTIFIER_COLUMNS, column) &&
      !IMAGE_COLUMN.test(column) &&
      !ATTRIBUTE_COLUMN.test(column)
    ) {
      problems.push(`column ${JSON.stringify(column)} is not a product column (see docs/catalogue-import.md; seller attributes are attr.<name>)`);
    }
  }
  if (!seen.has('sku')) problems.push('the header has no sku column');
  if (![...seen].some((c) => c.startsWith('title.'))) problems.push('the header has no title.<locale> column (e.g. title.en-GB)');
  return problems;
}

/** Where each part of the record came from, to name the column of a schema issue. */
interface Origins {
  identifiers: string[];
  images: string[];
}

function columnOfPath(path: readonly PropertyKey[], origins: Origins): string | undefined {
  const [head, second] = path;
  switch (head) {
    case 'sku':
    case 'category':
    case 'brand':
    case 'certifications':
      return head;
    case 'hsCode':
      return 'hs_code';
    case 'originCountry':
      return 'origin_country';
    case 'title':
    case 'description':
      return `${head}.${second === undefined ? '<locale>' : String(second)}`;
    case 'bulletPoints':
      return second === undefined ? undefined : `bullet.${String(second)}`;
    case 'attributes':
      return second === undefined ? undefined : `attr.${String(second)}`;
    case 'identifiers':
      return typeof second === 'number' ? origins.identifiers[second] : undefined;
    case 'images':
      return typeof second === 'number' ? origins.images[second] : 'images';
    case 'weight':
      return second === 'unit' ? 'weight_unit' : 'weight';
    case 'dimensions':
      return second === 'unit' ? 'dimension_unit' : typeof second === 'string' ? second : undefined;
    case 'basePrice':
      return second === 'currency' ? 'base_currency' : 'base_price';
    default:
      return undefined;
  }
}

const imageOrder = (column: string): number => (column === 'images' ? 0 : Number(IMAGE_COLUMN.exec(column)?.[1] ?? 0));

/** Builds a Product from one row's non-empty cells (by header name). */
export function productFromCsvCells(cells: RowCells): { record: Product } | { issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  const origins: Origins = { identifiers: [], images: [] };
  const draft: Record<string, unknown> = { attributes: {} };
  const put = (field: string, value: unknown) => {
    if (value !== undefined) draft[field] = value;
  };
  const localized = (field: string, locale: string, value: unknown) => {
    const texts = (draft[field] ??= {}) as Record<string, unknown>;
    texts[locale] = value;
  };
  const identifiers: ProductIdentifier[] = [];
  const images: { order: number; column: string; urls: string[] }[] = [];

  for (const [column, cell] of cells) {
    const loc = LOCALIZED_COLUMN.exec(column);
    const attr = ATTRIBUTE_COLUMN.exec(column);
    if (loc) {
      const field = LOCALIZED[loc[1] as keyof typeof LOCALIZED];
      localized(field, loc[2]!, field === 'bulletPoints' ? splitList(cell) : cell);
    } else if (attr) {
      (draft.attributes as Record<string, string>)[attr[1]!] = cell;
    } else if (Object.hasOwn(IDENTIFIER_COLUMNS, column)) {
      identifiers.push({ type: IDENTIFIER_COLUMNS[column]!, value: cell });
      origins.identifiers.push(column);
    } else if (column === 'images' || IMAGE_COLUMN.test(column)) {
      images.push({ order: imageOrder(column), column, urls: column === 'images' ? splitList(cell) : [cell] });
    }
  }
  put('sku', cells.get('sku'));
  put('category', cells.get('category'));
  put('brand', cells.get('brand'));
  // Customs tariffs print HS codes with dots and spaces (6109.10.00): the digits are the code.
  put('hsCode', cells.get('hs_code')?.replace(/[.\s]/g, ''));
  put('originCountry', cells.get('origin_country')?.toUpperCase());
  const certifications = cells.get('certifications');
  if (certifications !== undefined) put('certifications', splitList(certifications));
  if (identifiers.length > 0) put('identifiers', identifiers);
  if (images.length > 0) {
    images.sort((a, b) => a.order - b.order);
    put('images', images.flatMap((i) => i.urls));
    origins.images = images.flatMap((i) => i.urls.map(() => i.column));
  }

  // Each measure is checked on its own too, so a row missing a unit also hears about a bad number.
  for (const column of ['weight', 'length', 'width', 'height'] as const) {
    const cell = cells.get(column);
    const check = cell === undefined ? undefined : PositiveDecimalTextSchema.safeParse(cell);
    if (check?.success === false) issues.push({ column, message: check.error.issues[0]!.message });
  }
  const weight = cells.get('weight');
  const weightUnit = cells.get('weight_unit');
  if (weight !== undefined || weightUnit !== undefined) {
    if (weight === undefined) issues.push({ column: 'weight', message: 'is required when weight_unit is given' });
    else if (weightUnit === undefined) issues.push({ column: 'weight_unit', message: 'is required when weight is given (g, kg, oz or lb)' });
    else put('weight', { value: weight, unit: weightUnit.toLowerCase() });
  }

  const sides = (['length', 'width', 'height'] as const).map((c) => [c, cells.get(c)] as const);
  const dimensionUnit = cells.get('dimension_unit');
  if (dimensionUnit !== undefined || sides.some(([, v]) => v !== undefined)) {
    const missing = sides.filter(([, v]) => v === undefined).map(([c]) => c);
    for (const c of missing) issues.push({ column: c, message: 'is required when any of length, width, height or dimension_unit is given' });
    if (dimensionUnit === undefined) issues.push({ column: 'dimension_unit', message: 'is required with length, width and height (mm, cm, m or in)' });
    if (missing.length === 0 && dimensionUnit !== undefined) {
      put('dimensions', { length: cells.get('length'), width: cells.get('width'), height: cells.get('height'), unit: dimensionUnit.toLowerCase() });
    }
  }

  const price = cells.get('base_price');
  const currency = cells.get('base_currency')?.toUpperCase();
  if (price !== undefined || currency !== undefined) {
    if (price === undefined) issues.push({ column: 'base_price', message: 'is required when base_currency is given' });
    else if (currency === undefined) issues.push({ column: 'base_currency', message: 'is required when base_price is given (an ISO 4217 code such as EUR)' });
    else if (currencyInfo(currency) === undefined) issues.push({ column: 'base_currency', message: 'is not an ISO 4217 currency code' });
    else {
      const money = parseDecimalMoney(price, currency);
      if (money.ok) put('basePrice', money.money);
      else issues.push({ column: 'base_price', message: `${money.message}; write it like 12.90` });
    }
  }

  if (cells.get('sku') === undefined) issues.push({ column: 'sku', message: 'is required' });
  if (draft.title === undefined) issues.push({ column: 'title.<locale>', message: 'at least one title is required' });

  const parsed = ProductSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of issuesToColumns(parsed.error, (path) => columnOfPath(path, origins))) {
      // The required-field checks above already said it better.
      if (!issues.some((i) => i.column === issue.column)) issues.push(issue);
    }
  }
  return issues.length > 0 || !parsed.success ? { issues } : { record: parsed.data };
}

export const PRODUCT_CSV_LAYOUT: CsvLayout<Product> = {
  checkHeader: checkProductHeader,
  mapRow: productFromCsvCells,
  keyOf: (p) => ({ key: p.sku, label: `sku ${p.sku}` }),
};

/** Streams a product CSV's records (header first) into Products or rejections, one row at a time. */
export function readProductCsv(records: AsyncIterable<CsvRecord>, file: string): AsyncGenerator<CatalogueRow<Product>> {
  return readCsvRows(records, file, PRODUCT_CSV_LAYOUT);
}
