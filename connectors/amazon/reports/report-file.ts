/**
 * Reading a downloaded report document (operations/download-report-document.ts) back as text,
 * piece by piece: in the charset its download named, or, when it named none (settlement
 * reports, amzn/selling-partner-api-docs#2338), the one detected on its first lines.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CharsetError, createChunkDecoder, decodeDocument, type Charset } from '../../http/charset.js';
import { AmazonReportProcessingErrorSchema } from './errors.js';
import type { ReportFileReference } from '../operations/download-report-document.js';

/** How much of the file charset detection reads. */
const SAMPLE_BYTES = 256 * 1024;

export interface ReportText {
  readonly charset: Charset;
  /** `given`: from the download's Content-Type; otherwise how it was detected. */
  readonly by: 'given' | 'bom' | 'utf-8 valid' | 'japanese text' | 'fallback';
  readonly chunks: AsyncIterable<string>;
}

async function detectCharset(path: string): Promise<{ charset: Charset; by: ReportText['by'] }> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0);
    let sample = buffer.subarray(0, bytesRead);
    // Cut at the last line end so no character is split (LF is one byte in UTF-8, Shift_JIS and windows-1252).
    const lastLf = sample.lastIndexOf(0x0a);
    if (bytesRead === SAMPLE_BYTES && lastLf > 0) sample = sample.subarray(0, lastLf + 1);
    const { charset, by } = decodeDocument(sample);
    return { charset, by };
  } finally {
    await file.close();
  }
}

async function* decodeFile(path: string, charset: Charset): AsyncGenerator<string> {
  const decoder = createChunkDecoder(charset);
  if (decoder === undefined) throw new CharsetError(`unknown charset "${charset}"`);
  for await (const chunk of createReadStream(path)) {
    const text = decoder.write(chunk as Buffer);
    if (text !== '') yield text;
  }
  const tail = decoder.end();
  if (tail !== '') yield tail;
}

/** The document's text as it is read from disk; never all of it in memory. */
export async function openReportText(file: Pick<ReportFileReference, 'path' | 'charset'>): Promise<ReportText> {
  const known = file.charset === undefined ? await detectCharset(file.path) : { charset: file.charset, by: 'given' as const };
  return { ...known, chunks: decodeFile(file.path, known.charset) };
}

/** How much of a FATAL report's error document is read: it is a line or two. */
const ERROR_DOCUMENT_BYTES = 64 * 1024;

/**
 * What a FATAL report's document says: the `errorDetails` of the JSON document Amazon's
 * Reports guide describes, or the document's text as it is (brand analytics reports write
 * "The requested data is unavailable. Please try a different date range", amzn/selling-partner-api-models#2952).
 */
export async function readReportProcessingError(file: Pick<ReportFileReference, 'path' | 'charset'>): Promise<string> {
  const handle = await open(file.path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(ERROR_DOCUMENT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, ERROR_DOCUMENT_BYTES, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const text = decodeDocument(bytes, file.charset === undefined ? {} : { charset: file.charset }).text.trim();
  try {
    const parsed = AmazonReportProcessingErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.errorDetails;
  } catch {
    // Not JSON: the text is the message.
  }
  return text;
}
