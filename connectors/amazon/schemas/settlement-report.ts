/**
 * Amazon settlement report flat files (report types `GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE`
 * and `…_FLAT_FILE_V2`): tab-separated, a header line of column names, the first data row holds
 * the settlement totals (settlement-id, start/end/deposit dates, total-amount, currency), every
 * further row one transaction. Two layouts are read (../shared/vendor/amazon/SOURCE.md):
 * - the older flat file (36 columns): each row carries its amounts in typed column pairs
 *   (`price-type`/`price-amount`, `item-related-fee-type`/`item-related-fee-amount`,
 *   `shipment-fee-…`, `order-fee-…`, `promotion-…`, `direct-payment-…`, `misc-fee-amount`,
 *   `other-fee-amount`, `other-amount`) — the airbyte fixture;
 * - the V2 layout: one amount per row (`amount-type`, `amount-description`, `amount`,
 *   `posted-date`, `posted-date-time`).
 * Report documents are not always UTF-8 (Windows-1252 is common): the reader is given text
 * already decoded. Cells are kept as text; the mapping reads numbers and dates.
 */
import { z } from 'zod';
import { readFlatFile, usesQuotes } from '../reports/flat-file.js';

/** Columns every layout has. */
export const SETTLEMENT_REPORT_REQUIRED_COLUMNS = ['settlement-id', 'total-amount', 'currency', 'transaction-type'] as const;

/** One row: column name → cell text (absent columns read as ""). */
export const AmazonSettlementRowSchema = z.record(z.string(), z.string());
export type AmazonSettlementRow = z.infer<typeof AmazonSettlementRowSchema>;

export interface AmazonSettlementReport {
  readonly layout: 'flat-file' | 'flat-file-v2';
  readonly columns: readonly string[];
  /** Data rows in file order, each with its 1-based line number in the file. */
  readonly rows: readonly { readonly line: number; readonly cells: AmazonSettlementRow }[];
}

export type AmazonSettlementReportParse = { ok: true; report: AmazonSettlementReport } | { ok: false; message: string };

/**
 * Splits the tab-separated text (LF or CRLF, a BOM dropped, blank lines skipped). Amazon's flat
 * files do not quote cells; a file saved again by a spreadsheet quotes every header cell, and is
 * then read with quoting, as the stream reader does (settlement-stream.ts, flat-file.ts usesQuotes).
 */
export function parseAmazonSettlementReport(text: string): AmazonSettlementReportParse {
  const clean = text.replace(/^\uFEFF/, '');
  const lines = clean.split(/\r?\n/);
  const quoted = usesQuotes(lines[0] ?? '');
  const flat = quoted ? readFlatFile(clean) : undefined;
  const header = (flat?.header ?? lines[0]?.split('\t') ?? []).map((c) => c.trim().toLowerCase());
  const missing = SETTLEMENT_REPORT_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, message: `not a settlement report: the header line lacks ${missing.join(', ')}` };
  const toRow = (line: number, cells: readonly string[]) => ({ line, cells: Object.fromEntries(header.map((c, j) => [c, (cells[j] ?? '').trim()])) });
  const rows =
    flat !== undefined
      ? flat.rows.map((r) => toRow(r.line, r.cells))
      : lines.slice(1).flatMap((raw, i) => (raw.trim() === '' ? [] : [toRow(i + 2, raw.split('\t'))]));
  return { ok: true, report: { layout: header.includes('amount-type') ? 'flat-file-v2' : 'flat-file', columns: header, rows } };
}

/** Whether a text's first line is a settlement report's header. */
export function looksLikeAmazonSettlementReport(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').slice(0, 2000).split(/\r?\n/, 1)[0] ?? '';
  return /^"?settlement-id"?\t/i.test(first) && /\t"?total-amount"?\t/i.test(first);
}
