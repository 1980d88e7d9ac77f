/**
 * Amazon flat files (tab-separated report documents) → header + rows, with csv-parse.
 * Amazon's flat files do not quote: a `"` inside a product name is a character, so quoting
 * is off unless the header itself is quoted (a file re-saved by a spreadsheet). CRLF or LF,
 * a last line without newline, blank lines and trailing empty columns are all accepted.
 * `readFlatFile` parses a decoded text; `createFlatFileParser` is the same parser as a
 * stream (csv-parse's Transform) for a download read piece by piece.
 */
import { parse as parseStream, type Options, type Parser } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import {
  LISTINGS_HEADER_LANGUAGE,
  LISTINGS_HEADER_VARIANTS,
  LISTINGS_REPORT_COLUMNS,
  ORDER_REPORT_COLUMNS,
  type AmazonReportRow,
  type ListingsReportColumn,
  type OrderReportColumn,
} from '../schemas/reports.js';

export interface FlatFileLine {
  /** 1-based line of the document the record starts on. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface FlatFile {
  readonly header: readonly string[];
  readonly rows: readonly FlatFileLine[];
}

/** True when the first line's fields are all wrapped in double quotes: only then is `"` quoting. */
export function usesQuotes(firstLine: string): boolean {
  const fields = firstLine.replace(/\r$/, '').split('\t');
  return fields.length > 0 && fields.every((f) => f.length >= 2 && f.startsWith('"') && f.endsWith('"'));
}

export function flatFileOptions(quoted: boolean): Options {
  return {
    delimiter: '\t',
    record_delimiter: ['\r\n', '\n'],
    quote: quoted ? '"' : false,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
  };
}

/** A csv-parse stream with the flat-file options: records come as `{ record: string[], info: { lines } }`. */
export function createFlatFileParser(options: { quoted?: boolean } = {}): Parser {
  return parseStream(flatFileOptions(options.quoted ?? false));
}

const cleanCell = (c: string): string => c.replace(/\r$/, '');

export function readFlatFile(text: string): FlatFile {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const records = parse(text, flatFileOptions(usesQuotes(firstLine))) as unknown as { record: string[]; info: { lines: number } }[];
  const [head, ...rest] = records;
  return {
    header: (head?.record ?? []).map((h) => cleanCell(h).trim()),
    rows: rest
      .map((r) => ({ line: r.info.lines, cells: r.record.map(cleanCell) }))
      .filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

export type AmazonFlatFileKind = 'order-report' | 'listings-report' | 'inventory-report';

export interface AmazonReport<C extends string> {
  readonly kind: AmazonFlatFileKind;
  /** The documented column each header cell is (undefined for a column Caravan does not know). */
  readonly columns: readonly (C | undefined)[];
  /** Header cells that are no documented column nor a known localized one. */
  readonly unknownColumns: readonly string[];
  /** Language of a localized header (ja, de, fr, it, es, zh); absent for the English header. */
  readonly headerLanguage?: string;
  readonly rows: readonly AmazonReportRow<C>[];
}

function columnOf<C extends string>(cell: string, documented: readonly C[], variants: Readonly<Record<string, C>>): C | undefined {
  const key = cell.trim().toLowerCase();
  const direct = documented.find((c) => c === key);
  if (direct !== undefined) return direct;
  const variant = Object.entries(variants).find(([name]) => name.toLowerCase() === key);
  if (variant !== undefined) return variant[1];
  // The Turkish header: `seller-sku (satıcı sku)`, the English name first.
  const english = /^([a-z0-9-]+)\s*\(.*\)$/.exec(key)?.[1];
  return english === undefined ? undefined : documented.find((c) => c === english);
}

function toReport<C extends string>(kind: AmazonFlatFileKind, file: FlatFile, documented: readonly C[], variants: Readonly<Record<string, C>>): AmazonReport<C> {
  const columns = file.header.map((h) => columnOf(h, documented, variants));
  const unknownColumns = file.header.filter((_, i) => columns[i] === undefined);
  const language = file.header.map((h) => LISTINGS_HEADER_LANGUAGE[h.trim()]).find((l) => l !== undefined);
  const rows = file.rows.map((r): AmazonReportRow<C> => {
    const cells: Partial<Record<C, string>> = {};
    r.cells.forEach((value, i) => {
      const column = columns[i];
      if (column !== undefined && value.trim() !== '' && cells[column] === undefined) cells[column] = value.trim();
    });
    const extra = r.cells.slice(columns.length).filter((c) => c.trim() !== '').length;
    return { line: r.line, cells, ...(extra > 0 ? { extraCells: extra } : {}) };
  });
  return { kind, columns, unknownColumns, ...(language === undefined ? {} : { headerLanguage: language }), rows };
}

export function readOrderReport(text: string): AmazonReport<OrderReportColumn> {
  return toReport('order-report', readFlatFile(text), ORDER_REPORT_COLUMNS, {});
}

export function readListingsReport(text: string): AmazonReport<ListingsReportColumn> {
  return toReport('listings-report', readFlatFile(text), LISTINGS_REPORT_COLUMNS, LISTINGS_HEADER_VARIANTS);
}

/** What an Amazon flat file is, from its header line; undefined when it is none Caravan knows. */
export function amazonFlatFileKind(text: string): { kind?: AmazonFlatFileKind; what: string } | undefined {
  const end = text.indexOf('\n');
  const first = (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
  if (!first.includes('\t')) return undefined;
  const header = first.split('\t').map((h) => h.trim().replace(/^"|"$/g, ''));
  const has = (...names: string[]) => names.every((n) => header.some((h) => h.toLowerCase() === n.toLowerCase()));
  if (has('amazon-order-id', 'purchase-date', 'order-status') && has('item-price')) return { kind: 'order-report', what: 'this looks like an Amazon orders flat-file report (GET_FLAT_FILE_ALL_ORDERS_DATA_…)' };
  if (has('sku', 'afn-total-quantity') || has('seller-sku', 'warehouse-condition-code')) return { kind: 'inventory-report', what: 'this looks like an Amazon FBA inventory report (GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA / GET_AFN_INVENTORY_DATA)' };
  const listingColumns = header.map((h) => columnOf(h, LISTINGS_REPORT_COLUMNS, LISTINGS_HEADER_VARIANTS));
  if (listingColumns.includes('seller-sku') && (listingColumns.includes('item-name') || listingColumns.includes('listing-id'))) {
    return { kind: 'listings-report', what: 'this looks like an Amazon merchant listings report (GET_MERCHANT_LISTINGS_ALL_DATA)' };
  }
  if (has('settlement-id', 'settlement-start-date')) return { what: 'this looks like an Amazon settlement report' };
  if (has('amazon-order-id', 'shipment-id') || has('amazon-order-item-id', 'shipment-item-id')) return { what: 'this looks like an Amazon FBA shipments report (no record kind maps it)' };
  return undefined;
}
