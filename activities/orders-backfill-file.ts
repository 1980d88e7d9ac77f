/**
 * Reading a downloaded orders report a slice at a time, from a byte offset: the header line,
 * then whole lines up to a row count, never splitting the rows of one order (they are
 * consecutive, one per order item). Offsets are of line starts in the file's own bytes: a line
 * feed is one byte 0x0A in UTF-8, Shift_JIS and windows-1252 and never part of another
 * character there, so a slice can start at any of them and decode on its own. The text of
 * a slice is the header plus its lines, parsed by the same reader as `caravan map
 * amazon.order-report` (readOrderReport), its line numbers moved to the document's.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { openReportText, readOrderReport, type AmazonOrderReportRow } from '../connectors/amazon/index.js';
import { CharsetError, charsetOf, createChunkDecoder, type Charset } from '../connectors/http/charset.js';
import type { ReportFile } from './reports-types.js';
import type { ReportPosition } from './orders-backfill-types.js';

const READ_BYTES = 256 * 1024;

export class OrderReportFileError extends Error {
  override readonly name = 'OrderReportFileError';
}

export interface OrderReportSlice {
  rows: AmazonOrderReportRow[];
  /** Data lines read (blank ones included). */
  lines: number;
  /** Where the next slice starts; absent at the end of the file. */
  next?: ReportPosition;
}

/** The report file as the Amazon readers take it: the charset its download named, normalised (an unknown one refused). */
export function reportFileRef(file: Pick<ReportFile, 'path' | 'charset'>): { path: string; charset?: Charset } {
  if (file.charset === undefined) return { path: file.path };
  const charset = charsetOf(file.charset);
  if (charset === undefined) throw new CharsetError(`unknown charset "${file.charset}" of ${file.path}`);
  return { path: file.path, charset };
}

/** The charset the download named, or the one detected on the file's first lines. */
export async function reportCharset(file: Pick<ReportFile, 'path' | 'charset'>): Promise<string> {
  const ref = reportFileRef(file);
  // openReportText detects without reading the whole file; its chunks are not consumed here.
  return ref.charset ?? (await openReportText(ref)).charset;
}

function decoderFor(charset: string) {
  const decoder = createChunkDecoder(charset);
  if (decoder === undefined) throw new CharsetError(`unknown charset "${charset}"`);
  return decoder;
}

function decode(charset: string, bytes: Uint8Array): string {
  const d = decoderFor(charset);
  return d.write(bytes) + d.end();
}

/** Lines of the file from `offset`, each with its start offset and its bytes (line feed included). */
async function* linesFrom(handle: FileHandle, offset: number): AsyncGenerator<{ start: number; bytes: Buffer }> {
  let position = offset;
  let pending = Buffer.alloc(0);
  let pendingStart = offset;
  for (;;) {
    const buffer = Buffer.alloc(READ_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    let data = Buffer.concat([pending, buffer.subarray(0, bytesRead)]);
    let from = 0;
    for (let lf = data.indexOf(0x0a, from); lf !== -1; lf = data.indexOf(0x0a, from)) {
      yield { start: pendingStart + from, bytes: data.subarray(from, lf + 1) };
      from = lf + 1;
    }
    pendingStart += from;
    data = data.subarray(from);
    pending = Buffer.from(data);
  }
  if (pending.length > 0) yield { start: pendingStart, bytes: pending };
}

export interface OrderReportHeader {
  /** The header line as text (byte-order mark dropped by the decoder). */
  text: string;
  /** Index of the amazon-order-id column. */
  orderIdColumn: number;
  /** Where the first data line starts. */
  dataStart: ReportPosition;
}

/** The header line of an orders report; a file that is none is refused, naming what is missing. */
export async function readOrderReportHeader(path: string, charset: string): Promise<OrderReportHeader> {
  const handle = await open(path, 'r');
  try {
    for await (const { start, bytes } of linesFrom(handle, 0)) {
      const text = decode(charset, bytes).replace(/\r?\n$/, '');
      const report = readOrderReport(`${text}\n`);
      const missing = (['amazon-order-id', 'purchase-date', 'order-status'] as const).filter((c) => !report.columns.includes(c));
      if (missing.length > 0) throw new OrderReportFileError(`${path} is not an Amazon orders flat-file report: its header has no ${missing.join(', ')} column`);
      return { text, orderIdColumn: report.columns.indexOf('amazon-order-id'), dataStart: { offset: start + bytes.length, line: 2 } };
    }
    throw new OrderReportFileError(`${path} is empty: an orders report has at least its header line`);
  } finally {
    await handle.close();
  }
}

function orderIdOf(line: string, column: number): string {
  return (line.replace(/\r?\n$/, '').split('\t')[column] ?? '').trim().replace(/^"|"$/g, '');
}

/**
 * Up to `maxRows` data lines from `from`, then on while the lines still belong to the last
 * order read; mapped to report rows with the document's line numbers.
 */
export async function readOrderReportSlice(path: string, charset: string, header: OrderReportHeader, from: ReportPosition, maxRows: number): Promise<OrderReportSlice> {
  const handle = await open(path, 'r');
  const texts: string[] = [];
  let next: ReportPosition | undefined;
  try {
    let lastId: string | undefined;
    for await (const { start, bytes } of linesFrom(handle, from.offset)) {
      const text = decode(charset, bytes);
      if (text.trim() !== '') {
        const id = orderIdOf(text, header.orderIdColumn);
        if (texts.length >= maxRows && id !== lastId) {
          next = { offset: start, line: from.line + texts.length };
          break;
        }
        lastId = id;
      }
      texts.push(text.endsWith('\n') ? text : `${text}\n`);
    }
  } finally {
    await handle.close();
  }
  // Line 1 of the parsed text is the header, line 2 the slice's first line (from.line in the document).
  const report = readOrderReport(`${header.text}\n${texts.join('')}`);
  const rows = report.rows.map((r) => ({ ...r, line: r.line - 2 + from.line }));
  return { rows, lines: texts.length, ...(next ? { next } : {}) };
}
