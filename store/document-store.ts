/**
 * The hub's document store: labels, commercial invoices, customs documents and downloaded
 * reports kept as files, addressed by the SHA-256 of their content (a folder by default; its
 * path from config). Workflows carry only the reference `{ sha256, bytes, contentType }`, never
 * the content. Writing is atomic (a temporary file renamed into place) and idempotent: the same
 * bytes written twice — a retried activity — are one file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/** What a workflow may hold of a stored document. */
export interface DocumentRef {
  /** Hex SHA-256 of the content. */
  readonly sha256: string;
  readonly bytes: number;
  readonly contentType: string;
}

export class DocumentNotFoundError extends Error {
  override readonly name = 'DocumentNotFoundError';
}

const HEX64 = /^[0-9a-f]{64}$/;

/** File extensions of the types carriers and platforms send, so a stored file opens as what it is. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/jpeg': 'jpg',
  'application/zpl': 'zpl',
  'application/x-zpl': 'zpl',
  'text/plain': 'txt',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'application/json': 'json',
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
};

export function extensionOf(contentType: string): string {
  return EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()] ?? 'bin';
}

export interface DocumentStore {
  readonly root: string;
  /** Stores bytes (or a stream, never held whole) and returns the reference; the same content is stored once. */
  put(content: Uint8Array | Readable, contentType: string): Promise<DocumentRef>;
  /** The file of a stored document; DocumentNotFoundError when there is none. */
  pathOf(ref: Pick<DocumentRef, 'sha256' | 'contentType'>): Promise<string>;
  read(ref: Pick<DocumentRef, 'sha256' | 'contentType'>): Promise<Buffer>;
  has(ref: Pick<DocumentRef, 'sha256' | 'contentType'>): Promise<boolean>;
}

export function createDocumentStore(root: string): DocumentStore {
  const fileOf = (sha256: string, contentType: string): string => {
    if (!HEX64.test(sha256)) throw new DocumentNotFoundError(`"${sha256}" is not a document reference (64 hex digits)`);
    return join(root, sha256.slice(0, 2), `${sha256}.${extensionOf(contentType)}`);
  };
  const exists = async (path: string): Promise<boolean> => {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  };

  return {
    root,
    async put(content, contentType) {
      await mkdir(root, { recursive: true });
      const tmp = join(root, `.incoming-${randomBytes(8).toString('hex')}`);
      const hash = createHash('sha256');
      let bytes = 0;
      try {
        if (content instanceof Uint8Array) {
          hash.update(content);
          bytes = content.byteLength;
          const fh = await open(tmp, 'w', 0o640);
          try {
            await fh.writeFile(content);
            await fh.sync();
          } finally {
            await fh.close();
          }
        } else {
          content.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            bytes += chunk.byteLength;
          });
          await pipeline(content, createWriteStream(tmp, { mode: 0o640 }));
        }
        const sha256 = hash.digest('hex');
        const target = fileOf(sha256, contentType);
        if (await exists(target)) {
          await rm(tmp, { force: true });
        } else {
          await mkdir(dirname(target), { recursive: true });
          await rename(tmp, target);
        }
        return { sha256, bytes, contentType };
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
    async pathOf(ref) {
      const path = fileOf(ref.sha256, ref.contentType);
      if (!(await exists(path))) throw new DocumentNotFoundError(`document ${ref.sha256} (${ref.contentType}) is not in ${root}`);
      return path;
    },
    async read(ref) {
      return readFile(await this.pathOf(ref));
    },
    has: async (ref) => exists(fileOf(ref.sha256, ref.contentType)),
  };
}

/** A stored document's content as a stream (for large reports). */
export async function openDocument(store: DocumentStore, ref: Pick<DocumentRef, 'sha256' | 'contentType'>): Promise<Readable> {
  return createReadStream(await store.pathOf(ref));
}
