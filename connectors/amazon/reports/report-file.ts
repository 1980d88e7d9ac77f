/**
 * Reading a downloaded report document (operations/download-report-document.ts) back as text,
 * piece by piece: in the charset its download named, or, when it named none (settlement
 * reports, amzn/selling-partner-api-docs#2338), the one detected on its first lines.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CharsetError, createChunkDecoder, decodeDocument, type Charset } from '../../http/charset.js';
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
