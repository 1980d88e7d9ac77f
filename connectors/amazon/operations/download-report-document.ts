/**
 * The download of a report document from getReportDocument's presigned URL. Not an SP-API
 * call: no access token goes there (the URL carries its own signature), no SP-API bucket.
 * The document is streamed to a file, never held in memory, and inflated on the way when it
 * is gzip. The reference returned records the charset of the download's Content-Type
 * (Amazon writes Java names: `Cp1252`, `windows-31j`), so the reader decodes it right.
 *
 * Deviations accepted (issues in amzn/selling-partner-api-models and -docs):
 * - gzip documents whose `compressionAlgorithm` is null (#1280, docs#664): gzip is told by the
 *   bytes (1f 8b), whatever the field says;
 * - documents served with `Content-Encoding: gzip` as well as `compressionAlgorithm: GZIP`
 *   (docs#3200): the HTTP layer does not inflate, so the bytes are inflated exactly once;
 * - no charset in the Content-Type (settlement reports, docs#2338): `charset` is left out and
 *   the reader detects it (connectors/http/charset.ts).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { AxiosInstance, AxiosResponse } from 'axios';
import { charsetOf, charsetOfContentType, isGzip, type Charset } from '../../http/charset.js';
import { headerValue, isCancellation, isNetworkError, kindForStatus } from '../../http/classify.js';
import { contractError, networkError } from '../../http/error-factories.js';
import { ConnectorError } from '../../http/errors.js';
import { siteOf } from '../../http/request-checks.js';
import { AMAZON } from '../config.js';

const OPERATION = 'downloadReportDocument';
const SITE = siteOf(AMAZON, OPERATION);

/** A report document on disk, as the reader needs it. Small enough for workflow history (no URL, no content). */
export interface ReportFileReference {
  readonly path: string;
  /** Bytes written (after inflating). */
  readonly bytes: number;
  /** Hex SHA-256 of the bytes written. */
  readonly sha256: string;
  /** The media type of the download (`text/plain`), when it had one. */
  readonly contentType?: string;
  /** The charset the Content-Type names, normalised; absent when it names none or one not known. */
  readonly charset?: Charset;
  /** The charset name as Amazon wrote it (`Cp1252`), when there was one. */
  readonly charsetLabel?: string;
  /** The download was gzip and was inflated. */
  readonly inflated: boolean;
}

export interface DownloadReportDocumentOptions {
  readonly signal?: AbortSignal;
  /** Read timeout of the download (large documents). */
  readonly timeoutMs?: number;
}

/** Yields the source as is, or inflated when its first bytes are gzip's. */
function gunzipWhenGzip(state: { inflated: boolean }) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const it = source[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    let done = false;
    while (head.length < 2 && !done) {
      const next = await it.next();
      if (next.done === true) done = true;
      else head = Buffer.concat([head, next.value]);
    }
    async function* rest(): AsyncGenerator<Buffer> {
      if (head.length > 0) yield head;
      while (!done) {
        const next = await it.next();
        if (next.done === true) return;
        yield next.value;
      }
    }
    if (!isGzip(head)) {
      yield* rest();
      return;
    }
    state.inflated = true;
    const gunzip = createGunzip();
    const feeding = pipeline(rest(), gunzip);
    for await (const chunk of gunzip) yield chunk as Buffer;
    await feeding;
  };
}

function counted(state: { bytes: number }, hash: ReturnType<typeof createHash>) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      state.bytes += chunk.length;
      hash.update(chunk);
      yield chunk;
    }
  };
}

function downloadFailure(response: AxiosResponse): ConnectorError {
  const { status } = response;
  // The URL lives 5 minutes: a refusal is most likely an expired URL; a new getReportDocument gives a fresh one.
  const kind = status === 403 || status === 400 ? 'transient' : (kindForStatus(status) ?? 'contract');
  const hint = status === 403 ? ' (the presigned URL expires after 5 minutes: fetch the document again)' : '';
  return new ConnectorError(kind, `Amazon ${OPERATION}: HTTP ${status}${hint}`, { vendor: AMAZON.vendor, operation: OPERATION, status });
}

/**
 * Streams the document at `document.url` into `path` (written to `path.part`, then renamed:
 * a failed download leaves no half file under the final name). The directory is created.
 */
export async function downloadReportDocument(
  http: AxiosInstance,
  document: { readonly url: string },
  path: string,
  options: DownloadReportDocumentOptions = {},
): Promise<ReportFileReference> {
  const { signal } = options;
  if (!/^https?:$/.test(URL.parse(document.url)?.protocol ?? '')) throw contractError(SITE, 'the document URL is not an http(s) URL');
  let response: AxiosResponse<Readable>;
  try {
    response = await http.request<Readable>({
      method: 'GET',
      url: document.url,
      headers: { accept: '*/*', 'accept-encoding': 'identity' },
      responseType: 'stream',
      transformResponse: [],
      // Inflating is decided by the bytes, once (docs#3200).
      decompress: false,
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (!isCancellation(error) && isNetworkError(error)) throw networkError(SITE, error);
    throw error;
  }
  if (response.status < 200 || response.status >= 300) {
    response.data.destroy();
    throw downloadFailure(response);
  }
  const headers = response.headers as Readonly<Record<string, unknown>>;
  const contentTypeHeader = headerValue(headers, 'content-type');
  const charsetLabel = charsetOfContentType(contentTypeHeader);
  const charset = charsetLabel === undefined ? undefined : charsetOf(charsetLabel);
  const mediaType = contentTypeHeader?.split(';')[0]?.trim();

  await mkdir(dirname(path), { recursive: true });
  const part = `${path}.part`;
  const state = { inflated: false, bytes: 0 };
  const hash = createHash('sha256');
  try {
    await pipeline(response.data, gunzipWhenGzip(state), counted(state, hash), createWriteStream(part), signal === undefined ? {} : { signal });
    await rename(part, path);
  } catch (error) {
    await rm(part, { force: true });
    if (signal?.aborted) throw signal.reason;
    if (state.inflated && (error as { code?: string }).code?.startsWith('Z_')) {
      throw contractError(SITE, `the document is gzip but does not inflate: ${(error as Error).message}`, { status: response.status });
    }
    if (isNetworkError(error)) throw networkError(SITE, error);
    throw error;
  }
  return {
    path,
    bytes: state.bytes,
    sha256: hash.digest('hex'),
    ...(mediaType === undefined || mediaType === '' ? {} : { contentType: mediaType }),
    ...(charset === undefined ? {} : { charset }),
    ...(charsetLabel === undefined ? {} : { charsetLabel }),
    inflated: state.inflated,
  };
}
