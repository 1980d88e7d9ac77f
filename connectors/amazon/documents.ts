/**
 * Documents on Amazon's presigned URLs (S3): the upload of a feed document, the download of a
 * feed's processing report and of a product type's JSON Schema. These go to another host than
 * SP-API and are authorised by the URL's own signature, so they travel through a pipeline of
 * their own (client.ts): no `x-amz-access-token` (an SP-API token must not leave for S3), no
 * SP-API rate-limit bucket, S3's XML error bodies. The URL is sent exactly as Amazon gave it:
 * its signature covers the percent-encoding (`%252F` in product type schema links).
 */
import { contractError, refuse } from '../http/error-factories.js';
import { charsetOfContentType, CharsetError, decodeDocument, type DecodedDocument } from '../http/charset.js';
import { headerValue } from '../http/classify.js';
import { type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, textPreview } from '../http/error-reply.js';
import type { ConnectorError } from '../http/errors.js';
import { errorsFromRecogniser, type CallOptions, type ErrorTable, type Send } from '../http/pipeline.js';
import { siteOf } from '../http/request-checks.js';
import { AMAZON } from './config.js';
import { AMAZON_VENDOR } from './errors.js';

/** The calls made on presigned URLs (labels for logs and errors; no rate-limit bucket). */
export const AMAZON_DOCUMENT_OPERATIONS = ['uploadFeedDocument', 'downloadFeedDocument', 'downloadProductTypeSchema'] as const;
export type AmazonDocumentOperation = (typeof AMAZON_DOCUMENT_OPERATIONS)[number];

/** S3's request-id header. */
export const S3_REQUEST_ID_HEADER = 'x-amz-request-id';

function bodyText(body: unknown): string {
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return typeof body === 'string' ? body : '';
}

/**
 * S3's error replies: any non-2xx, its `<Error><Code>…</Code><Message>…</Message>` read when
 * present. An expired presigned URL (403 AccessDenied "Request has expired": the URLs live five
 * minutes) is transient: asking SP-API again for the document gives a fresh URL. Pure.
 */
export function recogniseDocumentHostErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { status } = ctx;
  if (!isFailureStatus(status)) return undefined;
  const text = bodyText(body);
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]?.trim();
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]?.trim();
  const expired = code === 'AccessDenied' && /expired/i.test(message ?? '');
  const requestId = headerValue(ctx.headers, S3_REQUEST_ID_HEADER);
  return replyError(`Amazon ${ctx.operation}`, ctx, {
    vendor: AMAZON_VENDOR,
    kind: expired ? 'transient' : (failureKindForStatus(status) ?? 'transient'),
    what: code === undefined ? (text.trim() === '' ? 'an empty body' : `a body: ${textPreview(text)}`) : `${code}${message ? `: ${message}` : ''}`,
    ...(code === undefined ? {} : { vendorCode: code }),
    ...(requestId === undefined ? {} : { requestId }),
  });
}

export const amazonDocumentHostErrors: ErrorTable = errorsFromRecogniser(recogniseDocumentHostErrorReply);

/** A presigned URL as given: absolute http(s), nothing the pipeline would read as a path template. */
function presignedUrl(operation: AmazonDocumentOperation, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse(siteOf(AMAZON, operation), 'the presigned URL is not an absolute URL');
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || /[{}]/.test(url)) {
    throw refuse(siteOf(AMAZON, operation), `the presigned URL is not a plain http(s) URL (${parsed.protocol})`);
  }
  return url;
}

/** PUT the content to a createFeedDocument `url` with exactly the Content-Type given to createFeedDocument. */
export async function uploadDocument(send: Send, url: string, content: string | Uint8Array, contentType: string, options?: CallOptions): Promise<void> {
  // The URL is a bearer credential for five minutes: never quoted in a message.
  await send({ operation: 'uploadFeedDocument', method: 'PUT', path: presignedUrl('uploadFeedDocument', url), body: { raw: content, contentType }, read: 'bytes', sensitive: [url] }, options);
}

export interface DownloadedDocument {
  readonly bytes: Buffer;
  /** The download's Content-Type header, when sent. */
  readonly contentType?: string;
}

export async function downloadDocument(send: Send, operation: AmazonDocumentOperation, url: string, options?: CallOptions): Promise<DownloadedDocument> {
  const response = await send({ operation, path: presignedUrl(operation, url), read: 'bytes', sensitive: [url] }, options);
  const contentType = headerValue(response.headers, 'content-type');
  const bytes = Buffer.isBuffer(response.data) ? response.data : Buffer.from(response.data as Uint8Array);
  return { bytes, ...(contentType === undefined ? {} : { contentType }) };
}

/**
 * A downloaded document's text: gunzipped when it is gzip (compressionAlgorithm GZIP; a body
 * already inflated in transit, with Content-Encoding gzip, is read as it is), in the charset its
 * Content-Type declares (connectors/http/charset.ts), else detected. A body that does not
 * decode is a contract error.
 */
export function documentText(operation: AmazonDocumentOperation, document: DownloadedDocument): DecodedDocument {
  const charset = charsetOfContentType(document.contentType);
  try {
    return decodeDocument(document.bytes, charset === undefined ? {} : { charset });
  } catch (error) {
    if (error instanceof CharsetError) throw contractError(siteOf(AMAZON, operation), `the document does not decode: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The document's text parsed as JSON, or a contract error naming what it was meant to be. */
export function documentJson(operation: AmazonDocumentOperation, document: DownloadedDocument, what: string): unknown {
  const { text } = documentText(operation, document);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw contractError(siteOf(AMAZON, operation), `the ${what} is not JSON: ${textPreview(text)}`);
  }
}
