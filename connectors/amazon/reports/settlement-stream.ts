/**
 * A settlement report document on disk read back as batches of rows, at constant memory: the
 * text is decoded piece by piece (report-file.ts: the charset the download named, else the
 * detected one) and split with csv-parse's stream (flat-file.ts options), never whole. Rows come
 * exactly as parseAmazonSettlementReport gives them for the same text (lower-cased header names,
 * trimmed cells, the 1-based line in the file), so a line's identity is the same whether the file
 * is imported with `caravan ledger import` or streamed here.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { SETTLEMENT_REPORT_REQUIRED_COLUMNS, type AmazonSettlementReport } from '../schemas/settlement-report.js';
import type { ReportFileReference } from '../operations/download-report-document.js';
import { createFlatFileParser, usesQuotes } from './flat-file.js';
import { openReportText } from './report-file.js';

export const DEFAULT_SETTLEMENT_BATCH_ROWS = 1000;

/** How much of the file is looked at for the settlement's currency: the header line and the totals row. */
const CURRENCY_SAMPLE_BYTES = 8 * 1024;

/** Whether the report settles in yen, from its first bytes (the totals row is ASCII in every charset a report comes in). */
async function settlesInYen(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CURRENCY_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CURRENCY_SAMPLE_BYTES, 0);
    return /\tJPY\t/i.test(buffer.toString('latin1', 0, bytesRead));
  } finally {
    await handle.close();
  }
}

export class SettlementReportFormatError extends Error {
  override readonly name = 'SettlementReportFormatError';
}

/** A cell as parseAmazonSettlementReport gives it: no trailing CR, trimmed. */
const cellText = (raw: string | undefined): string => (raw === undefined ? '' : (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim());

/** The first line and the rest of the text, after reading only as far as the first line end. */
async function splitFirstLine(chunks: AsyncIterable<string>): Promise<{ first: string; rest: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head += next.value;
    if (head.includes('\n')) break;
  }
  const end = head.indexOf('\n');
  const first = (end === -1 ? head : head.slice(0, end)).replace(/^\uFEFF/, '');
  async function* rest(): AsyncGenerator<string> {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { first, rest: rest() };
}

/**
 * Batches of at most `batchRows` data rows, in file order. Every batch carries the layout and the
 * columns; the first data row (the settlement's totals in Amazon's files) comes first in the first batch.
 */
export async function* readSettlementReportBatches(
  file: Pick<ReportFileReference, 'path' | 'charset'>,
  batchRows = DEFAULT_SETTLEMENT_BATCH_ROWS,
): AsyncGenerator<AmazonSettlementReport> {
  let text = await openReportText(file);
  // Detection tells Shift_JIS by its kana: a JP report whose only Japanese is kanji (`月額登録料`) falls back to
  // windows-1252. One that settles in yen is read as Shift_JIS. (UTF-8 reports, the benchmarked path, never get here.)
  if (text.by === 'fallback' && (await settlesInYen(file.path))) text = await openReportText({ path: file.path, charset: 'shift_jis' });
  const { first, rest } = await splitFirstLine(text.chunks);
  const parser = Readable.from(rest).pipe(createFlatFileParser({ quoted: usesQuotes(first) }));
  let columns: string[] | undefined;
  let layout: AmazonSettlementReport['layout'] = 'flat-file';
  let rows: AmazonSettlementReport['rows'][number][] = [];
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (columns === undefined) {
      columns = record.map((c) => c.replace(/\r$/, '').trim().toLowerCase());
      const missing = SETTLEMENT_REPORT_REQUIRED_COLUMNS.filter((c) => !columns!.includes(c));
      if (missing.length > 0) throw new SettlementReportFormatError(`${file.path}: not a settlement report: the header line lacks ${missing.join(', ')}`);
      layout = columns.includes('amount-type') ? 'flat-file-v2' : 'flat-file';
      continue;
    }
    // One pass per row, no intermediate arrays: this loop runs once per line of a million-line file.
    const cells: Record<string, string> = {};
    let empty = true;
    for (let j = 0; j < columns.length; j++) {
      const value = cellText(record[j]);
      if (value !== '') empty = false;
      cells[columns[j]!] = value;
    }
    for (let j = columns.length; empty && j < record.length; j++) empty = cellText(record[j]) === '';
    if (empty) continue;
    rows.push({ line: info.lines, cells });
    if (rows.length >= batchRows) {
      yield { layout, columns, rows };
      rows = [];
    }
  }
  if (columns === undefined) throw new SettlementReportFormatError(`${file.path}: empty document, not a settlement report`);
  if (rows.length > 0) yield { layout, columns, rows };
}
