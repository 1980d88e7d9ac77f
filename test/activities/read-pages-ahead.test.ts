import { describe, expect, it } from 'vitest';
import { readPagesAhead } from '../../activities/orders-sync.js';
import type { VendorOrderPage } from '../../connectors/capabilities.js';

/** A listing of `count` pages whose reads the test answers by hand, in any order. */
function listing(count: number) {
  const requested: (string | undefined)[] = [];
  const answers = new Map<string | undefined, { resolve: (p: VendorOrderPage) => void; reject: (e: Error) => void }>();
  const pageAfter = (cursor: string | undefined): VendorOrderPage => {
    const n = cursor === undefined ? 1 : Number(cursor.slice(1)) + 1;
    return { records: [{ id: `o${n}`, order: { n } }], ...(n < count ? { cursor: `p${n}` } : {}) };
  };
  const read = (cursor: string | undefined): Promise<VendorOrderPage> =>
    new Promise((resolve, reject) => {
      requested.push(cursor);
      answers.set(cursor, { resolve, reject });
    });
  return {
    requested,
    first: () => read(undefined),
    read: (cursor: string) => read(cursor),
    answer(cursor: string | undefined) {
      answers.get(cursor)!.resolve(pageAfter(cursor));
    },
    fail(cursor: string, message: string) {
      answers.get(cursor)!.reject(new Error(message));
    },
  };
}

const settle = () => new Promise((r) => setImmediate(r));
const idOf = (p: VendorOrderPage) => p.records[0]!.id;

describe('readPagesAhead', () => {
  it('starts each read as soon as the page before it arrives, up to depth pages waiting', async () => {
    const l = listing(5);
    const reads = readPagesAhead(l.first, l.read, () => true, 2);
    expect(l.requested).toEqual([undefined]);
    l.answer(undefined);
    await settle();
    // Page 1 is waiting and page 2 is being read, before anyone asked for page 1.
    expect(l.requested).toEqual([undefined, 'p1']);
    l.answer('p1');
    await settle();
    // Two pages wait (1 and 2): page 3 is not read until one is taken.
    expect(l.requested).toEqual([undefined, 'p1']);
    expect(idOf(await reads.next()!)).toBe('o1');
    expect(l.requested).toEqual([undefined, 'p1', 'p2']);
    expect(idOf(await reads.next()!)).toBe('o2');
    l.answer('p2');
    await settle();
    expect(l.requested).toEqual([undefined, 'p1', 'p2', 'p3']);
    l.answer('p3');
    expect(idOf(await reads.next()!)).toBe('o3');
    expect(idOf(await reads.next()!)).toBe('o4');
    l.answer('p4');
    const last = await reads.next()!;
    expect(idOf(last)).toBe('o5');
    expect(last.cursor).toBeUndefined();
    expect(reads.next()).toBeUndefined();
    expect(l.requested).toEqual([undefined, 'p1', 'p2', 'p3', 'p4']);
  });

  it('starts no read once mayStart refuses, and the last page read keeps its cursor for the next activity', async () => {
    const l = listing(10);
    const reads = readPagesAhead(l.first, l.read, (started) => started < 3, 2);
    l.answer(undefined);
    expect(idOf(await reads.next()!)).toBe('o1');
    l.answer('p1');
    expect(idOf(await reads.next()!)).toBe('o2');
    l.answer('p2');
    const third = await reads.next()!;
    expect(idOf(third)).toBe('o3');
    expect(third.cursor).toBe('p3');
    expect(reads.next()).toBeUndefined();
    expect(l.requested).toEqual([undefined, 'p1', 'p2']);
  });

  it('hands out the pages before a failed read first, then its failure', async () => {
    const l = listing(5);
    const reads = readPagesAhead(l.first, l.read, () => true, 2);
    l.answer(undefined);
    await settle();
    l.fail('p1', 'HTTP 503');
    expect(idOf(await reads.next()!)).toBe('o1');
    await expect(reads.next()!).rejects.toThrow('HTTP 503');
    expect(reads.next()).toBeUndefined();
  });

  it('starts nothing after close, even when a read in flight arrives later', async () => {
    const l = listing(5);
    const reads = readPagesAhead(l.first, l.read, () => true, 2);
    reads.close();
    l.answer(undefined);
    await settle();
    expect(l.requested).toEqual([undefined]);
  });
});
