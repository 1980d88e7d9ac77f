/**
 * Feed and report documents with S3-style presigned URLs on the sandbox itself:
 *   PUT /_documents/upload/{id}?X-Amz-…&X-Amz-Signature=…    (createFeedDocument's url)
 *   GET /_documents/download/{id}?X-Amz-…&X-Amz-Signature=…  (getFeedDocument / getReportDocument)
 * Like S3, a URL whose signature does not verify, has expired, or is used with another
 * Content-Type than the one it was signed for gets a 403 with an XML <Error> body.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const KEY = 'caravan-amazon-sandbox/presign/v1';
/** Presigned URLs live five minutes, as Amazon's do. */
export const PRESIGN_SECONDS = 300;

export interface StoredDocument {
  readonly id: string;
  /** Content-Type the upload was declared with / the download is served with. */
  readonly contentType: string;
  /** Uploaded (feeds) or generated (results, reports) bytes; undefined until uploaded. */
  body?: Buffer;
  /** Served gzipped with compressionAlgorithm GZIP. */
  readonly gzip: boolean;
  readonly kind: 'feed' | 'feedResult' | 'report';
}

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function sign(action: string, id: string, expiresMs: number, contentType: string): string {
  return createHmac('sha256', KEY).update(`${action}\n${id}\n${expiresMs}\n${contentType}`).digest('hex');
}

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function s3Error(code: string, message: string): RawReply {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId><HostId>${Buffer.from(requestId).toString('base64')}</HostId></Error>`;
  return { status: 403, headers: { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId }, body: Buffer.from(xml, 'utf8') };
}

export class DocumentStore {
  private docs = new Map<string, StoredDocument>();
  private counter = 0;

  reset(): void {
    this.docs = new Map();
    this.counter = 0;
  }

  get(id: string): StoredDocument | undefined {
    return this.docs.get(id);
  }

  /** A new document id in Amazon's style (amzn1.tortuga.4.<region>.<uuid>). */
  create(kind: StoredDocument['kind'], contentType: string, body?: Buffer, gzip = false): StoredDocument {
    this.counter++;
    const id = `amzn1.tortuga.4.eu.${randomUUID()}.T${String(this.counter).padStart(6, '0')}`;
    const doc: StoredDocument = { id, contentType, gzip, kind, ...(body ? { body } : {}) };
    this.docs.set(id, doc);
    return doc;
  }

  presignedUrl(baseUrl: string, action: 'upload' | 'download', doc: StoredDocument, nowMs: number): string {
    const expires = nowMs + PRESIGN_SECONDS * 1000;
    const q = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': amzDate(nowMs),
      'X-Amz-Expires': String(PRESIGN_SECONDS),
      'X-Amz-SignedHeaders': action === 'upload' ? 'content-type;host' : 'host',
      'X-Caravan-Expires-Ms': String(expires),
      'X-Amz-Signature': sign(action, doc.id, expires, action === 'upload' ? doc.contentType : ''),
    });
    return `${baseUrl}/_documents/${action}/${encodeURIComponent(doc.id)}?${q.toString()}`;
  }

  /** Serves PUT upload and GET download requests at the presigned URLs. */
  handle(method: string, action: string, id: string, query: URLSearchParams, contentType: string | undefined, body: Buffer, nowMs: number): RawReply {
    const doc = this.docs.get(id);
    const expires = Number(query.get('X-Caravan-Expires-Ms'));
    const signature = query.get('X-Amz-Signature') ?? '';
    if (!doc) return s3Error('NoSuchKey', 'The specified key does not exist.');
    if (action === 'upload') {
      if (method !== 'PUT') return s3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
      // The declared Content-Type is part of the signature, so any other one fails to verify.
      if (signature !== sign('upload', id, expires, contentType ?? '')) {
        return s3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
      }
      if (nowMs > expires) return s3Error('AccessDenied', 'Request has expired');
      doc.body = body;
      return { status: 200, headers: { ETag: `"${createHash('md5').update(body).digest('hex')}"` }, body: Buffer.alloc(0) };
    }
    if (method !== 'GET' || signature !== sign('download', id, expires, '')) {
      return s3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    }
    if (nowMs > expires) return s3Error('AccessDenied', 'Request has expired');
    const raw = doc.body ?? Buffer.alloc(0);
    const headers: Record<string, string> = { 'Content-Type': doc.contentType };
    return { status: 200, headers, body: doc.gzip ? gzipSync(raw) : raw };
  }
}
