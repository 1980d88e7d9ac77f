/** The content-addressed document store: one file per content, atomic and idempotent writes, streams kept out of memory. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, DocumentNotFoundError, extensionOf, openDocument } from '../../store/document-store.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('document store', () => {
  it('stores bytes under their SHA-256 with the type\'s extension, and reads them back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'caravan-docs-'));
    const store = createDocumentStore(root);
    const ref = await store.put(PDF, 'application/pdf');
    expect(ref).toEqual({ sha256: sha(PDF), bytes: PDF.byteLength, contentType: 'application/pdf' });
    const path = await store.pathOf(ref);
    expect(path).toBe(join(root, ref.sha256.slice(0, 2), `${ref.sha256}.pdf`));
    expect(readFileSync(path).equals(PDF)).toBe(true);
    expect((await store.read(ref)).equals(PDF)).toBe(true);
  });

  it('keeps one file for the same content written twice (a retried activity), and no temporary files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'caravan-docs-'));
    const store = createDocumentStore(root);
    const [a, b] = await Promise.all([store.put(PDF, 'application/pdf'), store.put(Buffer.from(PDF), 'application/pdf')]);
    expect(a).toEqual(b);
    expect(readdirSync(root)).toEqual([a.sha256.slice(0, 2)]);
    expect(readdirSync(join(root, a.sha256.slice(0, 2)))).toEqual([`${a.sha256}.pdf`]);
  });

  it('streams content in without holding it whole, and out again', async () => {
    const store = createDocumentStore(mkdtempSync(join(tmpdir(), 'caravan-docs-')));
    const chunks = Array.from({ length: 64 }, (_, i) => Buffer.alloc(16_384, i));
    const whole = Buffer.concat(chunks);
    const ref = await store.put(Readable.from(chunks), 'text/tab-separated-values');
    expect(ref).toEqual({ sha256: sha(whole), bytes: whole.byteLength, contentType: 'text/tab-separated-values' });
    const back: Buffer[] = [];
    for await (const c of await openDocument(store, ref)) back.push(c as Buffer);
    expect(Buffer.concat(back).equals(whole)).toBe(true);
  });

  it('names a missing document and refuses a reference that is no hash (no path tricks)', async () => {
    const store = createDocumentStore(mkdtempSync(join(tmpdir(), 'caravan-docs-')));
    await expect(store.pathOf({ sha256: 'a'.repeat(64), contentType: 'application/pdf' })).rejects.toThrow(DocumentNotFoundError);
    await expect(store.pathOf({ sha256: '../../etc/passwd', contentType: 'application/pdf' })).rejects.toThrow(/not a document reference/);
    expect(await store.has({ sha256: 'b'.repeat(64), contentType: 'image/png' })).toBe(false);
  });

  it('gives carriers\' label types their extensions (PDF, PNG, ZPL), others .bin', () => {
    expect(['application/pdf', 'image/png', 'application/zpl', 'application/PDF; charset=binary', 'application/octet-stream'].map(extensionOf)).toEqual(['pdf', 'png', 'zpl', 'pdf', 'bin']);
  });
});
