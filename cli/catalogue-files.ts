/**
 * Seller files for `caravan catalog import` and `caravan inventory import`, read as a stream:
 * the charset is detected on the first 64 KiB (connectors/http/charset.ts: BOM, valid UTF-8,
 * Japanese text, else windows-1252; gzip inflated), then the file is decoded piece by piece
 * into csv-parse, which hands the pure readers of mappings/catalogue one record at a time
 * with the line it starts on. Only the product JSON reader takes a whole document.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { CharsetError, decodeDocument, isGzip, type Charset, type DecodedDocument } from '../connectors/http/charset.js';
import type { CsvRecord } from '../mappings/catalogue/index.js';
import { CliError } from './output.js';

/** Bytes read to tell the charset (and the CSV delimiter) before streaming the rest. */
const SAMPLE_BYTES = 64 * 1024;
/** Product JSON is parsed whole: above this, the import asks for CSV instead. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface FileEncoding {
  charset: Charset;
  by: DecodedDocument['by'];
  gzip: boolean;
}

function rawStream(path: string, gzip: boolean): Readable {
  const file = createReadStream(path);
  return gzip ? file.pipe(createGunzip()) : file;
}

async function readSample(path: string): Promise<{ bytes: Buffer; whole: boolean; gzip: boolean }> {
  const head = await firstBytes(createReadStream(path, { end: 1 }), 2);
  const gzip = isGzip(head.bytes);
  const sample = await firstBytes(rawStream(path, gzip), SAMPLE_BYTES);
  return { ...sample, gzip };
}

async function firstBytes(stream: Readable, limit: number): Promise<{ bytes: Buffer; whole: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  let whole = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      whole = false;
      break;
    }
  }
  stream.destroy();
  return { bytes: Buffer.concat(parts).subarray(0, limit), whole };
}

/**
 * The file's charset, from its first 64 KiB (or `charset` when the user gave one). A sample that
 * is not the whole file is cut after its last line feed, so no character is split (a line feed
 * is never part of a multi-byte character in UTF-8, Shift_JIS or EUC-JP).
 */
export async function detectEncoding(path: string, charset?: string): Promise<FileEncoding & { sampleText: string }> {
  const { bytes, whole, gzip } = await readSample(path);
  const cut = whole ? bytes : bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1 || bytes.length);
  try {
    const doc = decodeDocument(cut, charset === undefined ? {} : { charset });
    return { charset: doc.charset, by: doc.by, gzip, sampleText: doc.text };
  } catch (e) {
    if (e instanceof CharsetError) throw new CliError(`${basename(path)}: ${e.message}`, 1);
    throw e;
  }
}

const SINGLE_BYTE: ReadonlySet<Charset> = new Set(['windows-1252', 'iso-8859-1']);
const SPACE = Buffer.from(' ');

/** The file's text, decoded piece by piece in `encoding`. */
export async function* decodedText(path: string, encoding: FileEncoding): AsyncGenerator<string> {
  const stream = rawStream(path, encoding.gzip);
  if (SINGLE_BYTE.has(encoding.charset)) {
    // decodeDocument holds the windows-1252 table (Node's TextDecoder reads it as Latin-1). A
    // leading space keeps a piece that happens to start with 1f 8b from being taken for gzip.
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield decodeDocument(Buffer.concat([SPACE, chunk]), { charset: encoding.charset }).text.slice(1);
    }
    return;
  }
  const decoder = new TextDecoder(encoding.charset, { fatal: true });
  let offset = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield decoder.decode(chunk, { stream: true });
      offset += chunk.length;
    }
    yield decoder.decode();
  } catch (e) {
    if (e instanceof TypeError) {
      throw new CliError(
        `${basename(path)} is not valid ${encoding.charset} after byte ${offset} (the first ${SAMPLE_BYTES / 1024} KiB looked like it): give its charset with --charset`,
        1,
      );
    }
    throw e;
  }
}

/** The delimiter of a CSV header line: the most frequent of `,` `;` and tab (spreadsheets in many locales save `;`). */
export function sniffDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/**
 * The CSV records of a file, each with the line it starts on. Quoted cells may hold the
 * delimiter, `""` and line breaks; CRLF or LF; a BOM is dropped.
 */
export async function* csvRecords(path: string, encoding: FileEncoding, delimiter: string): AsyncGenerator<CsvRecord> {
  const parser = parse({ delimiter, record_delimiter: ['\r\n', '\n'], relax_column_count: true, relax_quotes: true, bom: true, raw: true });
  const feed = (async () => {
    try {
      for await (const text of decodedText(path, encoding)) {
        if (parser.destroyed) return;
        if (!parser.write(text)) {
          await new Promise((resolve) => {
            parser.once('drain', resolve);
            parser.once('close', resolve);
          });
        }
      }
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();
  // Lines are counted from the raw text of each record (a quoted cell may span lines):
  // csv-parse's own info.lines counts a CRLF inside quotes as two. Its raw text ends with the
  // LF of an LF delimiter but only the CR of a CRLF one, hence the +1 when no LF ends it.
  let line = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      yield { line, cells: record };
      line += raw.split('\n').length - 1 + (raw.endsWith('\n') ? 0 : 1);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${basename(path)}: the file is not well-formed CSV from line ${line}: ${(e as Error).message}`, 1);
  } finally {
    parser.destroy();
    await feed;
  }
}

/** A product JSON file, decoded and parsed whole (within MAX_JSON_BYTES). */
export function readJsonDocument(path: string, charset?: string): unknown {
  if (statSync(path).size > MAX_JSON_BYTES) {
    throw new CliError(`${basename(path)} is over ${MAX_JSON_BYTES / 1024 / 1024} MiB: JSON is read whole, import a catalogue this large as CSV (streamed)`, 1);
  }
  let text: string;
  try {
    text = decodeDocument(readFileSync(path), charset === undefined ? {} : { charset }).text;
  } catch (e) {
    if (e instanceof CharsetError) throw new CliError(`${basename(path)}: ${e.message}`, 1);
    throw e;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`${basename(path)} is not JSON: ${(e as Error).message}`, 1);
  }
}
