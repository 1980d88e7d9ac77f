import { expect, it } from 'vitest';
import type { InventoryLevel } from '../../mappings/canonical/inventory.js';
import type { Product } from '../../mappings/canonical/product.js';
import {
  catalogueHighWater,
  countProducts,
  getInventoryLevels,
  getProduct,
  listInventoryChangedSince,
  listProducts,
  listProductsChangedSince,
  skusWithoutProduct,
  StoreInputError,
  upsertInventoryLevels,
  upsertProducts,
} from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();

const T0 = new Date('2026-03-02T10:00:00.000Z');
const T1 = new Date('2026-03-03T10:00:00.000Z');

const product = (sku: string, extra: Partial<Product> = {}): Product => ({
  sku,
  category: 'mug',
  title: { 'de-DE': `Tasse ${sku}`, 'en-GB': `Mug ${sku}` },
  attributes: { colour: 'white' },
  hsCode: '691200',
  weight: { value: '0.45', unit: 'kg' },
  basePrice: { amountMinor: 1290, currency: 'EUR' },
  ...extra,
});

const level = (sku: string, location: string, available: number): InventoryLevel => ({
  vendor: 'seller-file',
  sku,
  location: { type: location.startsWith('US') ? 'overseas-warehouse' : 'own-warehouse', id: location },
  quantities: { available, reserved: { total: 2 } },
  refs: {},
});

describeOnEachDialect('catalogue repositories', targets, (store) => {
  it('inserts products with version 1 and one sequence number each, in input order', async () => {
    const db = store.db();
    expect(await catalogueHighWater(db, 'acme')).toBe(0);
    const r = await upsertProducts(db, 'acme', [product('MUG-1'), product('MUG-2'), product('MUG-3')], { now: T0 });
    expect(r).toEqual({ inserted: 3, updated: 0, unchanged: 0, highWater: 3 });
    expect(await getProduct(db, 'acme', 'MUG-2')).toEqual({
      tenant: 'acme',
      sku: 'MUG-2',
      version: 1,
      seq: 2,
      product: product('MUG-2'),
      updatedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(await getProduct(db, 'acme', 'NOPE')).toBeUndefined();
    expect(await getProduct(db, 'globex', 'MUG-2')).toBeUndefined();
    expect(await countProducts(db, 'acme')).toBe(3);
  });

  it('an unchanged re-import writes nothing and takes no sequence number, whatever the key order', async () => {
    const db = store.db();
    await upsertProducts(db, 'acme', [product('MUG-1'), product('MUG-2')], { now: T0 });
    const reordered = JSON.parse(JSON.stringify(product('MUG-1'), ['weight', 'unit', 'value', 'title', 'en-GB', 'de-DE', 'sku', 'category', 'attributes', 'colour', 'hsCode', 'basePrice', 'currency', 'amountMinor'])) as Product;
    expect(await upsertProducts(db, 'acme', [reordered, product('MUG-2')], { now: T1 })).toEqual({ inserted: 0, updated: 0, unchanged: 2, highWater: 2 });
    const stored = await getProduct(db, 'acme', 'MUG-1');
    expect(stored).toMatchObject({ version: 1, seq: 1, updatedAt: '2026-03-02T10:00:00.000Z' });
    expect(await listProductsChangedSince(db, 'acme', 2)).toEqual([]);
  });

  it('a change of one field takes one new sequence number and bumps that product\'s version', async () => {
    const db = store.db();
    await upsertProducts(db, 'acme', [product('MUG-1'), product('MUG-2')], { now: T0 });
    const changed = product('MUG-2', { weight: { value: '0.50', unit: 'kg' } });
    expect(await upsertProducts(db, 'acme', [product('MUG-1'), changed], { now: T1 })).toEqual({ inserted: 0, updated: 1, unchanged: 1, highWater: 3 });
    expect(await getProduct(db, 'acme', 'MUG-2')).toMatchObject({ version: 2, seq: 3, product: changed, updatedAt: '2026-03-03T10:00:00.000Z' });
    expect(await getProduct(db, 'acme', 'MUG-1')).toMatchObject({ version: 1, seq: 1 });
    const since = await listProductsChangedSince(db, 'acme', 2);
    expect(since.map((p) => [p.sku, p.seq, p.version])).toEqual([['MUG-2', 3, 2]]);
  });

  it('changedSince pages in sequence order; a reader keeps the last seq of a page as its mark', async () => {
    const db = store.db();
    const skus = Array.from({ length: 7 }, (_, i) => `SKU-${String(i).padStart(2, '0')}`);
    await upsertProducts(db, 'acme', skus.map((s) => product(s)), { now: T0 });
    // Change SKU-01 and SKU-05: they move to the end of the feed.
    await upsertProducts(db, 'acme', [product('SKU-05', { brand: 'Kaffee & Co' }), product('SKU-01', { brand: 'Kaffee & Co' })], { now: T1 });
    const seen: [string, number][] = [];
    let mark = 0;
    for (;;) {
      const page = await listProductsChangedSince(db, 'acme', mark, 3);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((p): [string, number] => [p.sku, p.seq]));
      mark = page.at(-1)!.seq;
    }
    expect(seen).toEqual([
      ['SKU-00', 1],
      ['SKU-02', 3],
      ['SKU-03', 4],
      ['SKU-04', 5],
      ['SKU-06', 7],
      ['SKU-05', 8],
      ['SKU-01', 9],
    ]);
    expect(mark).toBe(await catalogueHighWater(db, 'acme'));
    await expect(listProductsChangedSince(db, 'acme', -1)).rejects.toThrow(StoreInputError);
  });

  it('tenants have their own sequences and their own products', async () => {
    const db = store.db();
    await upsertProducts(db, 'acme', [product('MUG-1'), product('MUG-2')], { now: T0 });
    expect(await upsertProducts(db, 'globex', [product('MUG-1')], { now: T0 })).toEqual({ inserted: 1, updated: 0, unchanged: 0, highWater: 1 });
    expect(await catalogueHighWater(db, 'acme')).toBe(2);
    expect((await listProducts(db, 'globex')).map((p) => p.sku)).toEqual(['MUG-1']);
    expect(await skusWithoutProduct(db, 'globex', ['MUG-2', 'MUG-1', 'X', 'MUG-2'])).toEqual(['MUG-2', 'X']);
  });

  it('the last product with a SKU in one batch wins; listProducts pages by SKU and filters by category', async () => {
    const db = store.db();
    const r = await upsertProducts(db, 'acme', [product('B'), product('A'), product('B', { category: 'tshirt' }), product('C')], { now: T0 });
    expect(r).toEqual({ inserted: 3, updated: 0, unchanged: 0, highWater: 3 });
    expect((await getProduct(db, 'acme', 'B'))?.product.category).toBe('tshirt');
    expect((await listProducts(db, 'acme', { limit: 2 })).map((p) => p.sku)).toEqual(['A', 'B']);
    expect((await listProducts(db, 'acme', { afterSku: 'B' })).map((p) => p.sku)).toEqual(['C']);
    expect((await listProducts(db, 'acme', { category: 'tshirt' })).map((p) => p.sku)).toEqual(['B']);
  });

  it('refuses a SKU that cannot be stored, and writes nothing of that batch', async () => {
    const db = store.db();
    await expect(upsertProducts(db, 'acme', [product('OK'), product('BAD\u0000')])).rejects.toThrow('products[1].sku');
    expect(await countProducts(db, 'acme')).toBe(0);
  });

  it('inventory levels share the tenant\'s sequence, keyed by SKU and location', async () => {
    const db = store.db();
    await upsertProducts(db, 'acme', [product('MUG-1')], { now: T0 });
    const r = await upsertInventoryLevels(db, 'acme', [level('MUG-1', 'DE-HAM', 40), level('MUG-1', 'US-NJ', 12), level('MUG-2', 'DE-HAM', 0)], { now: T0 });
    expect(r).toEqual({ inserted: 3, updated: 0, unchanged: 0, highWater: 4 });
    expect(await upsertInventoryLevels(db, 'acme', [level('MUG-1', 'DE-HAM', 40), level('MUG-1', 'US-NJ', 11)], { now: T1 })).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
      highWater: 5,
    });
    const mug1 = await getInventoryLevels(db, 'acme', 'MUG-1');
    expect(mug1.map((l) => [l.locationId, l.level.quantities.available, l.version, l.seq])).toEqual([
      ['DE-HAM', 40, 1, 2],
      ['US-NJ', 11, 2, 5],
    ]);
    expect((await getInventoryLevels(db, 'acme')).map((l) => `${l.sku}@${l.locationId}`)).toEqual(['MUG-1@DE-HAM', 'MUG-1@US-NJ', 'MUG-2@DE-HAM']);
    expect((await listInventoryChangedSince(db, 'acme', 3)).map((l) => [l.sku, l.locationId, l.seq])).toEqual([
      ['MUG-2', 'DE-HAM', 4],
      ['MUG-1', 'US-NJ', 5],
    ]);
    // The query columns hold the stated quantities; absent ones stay null, never zero.
    const row = await db('inventory_levels').where({ tenant: 'acme', sku: 'MUG-1', location_id: 'US-NJ' }).first();
    expect([Number(row.available), Number(row.reserved), row.inbound, row.total]).toEqual([11, 2, null, null]);
  });

  it('concurrent writers of one tenant take distinct, gapless sequence numbers', async () => {
    // On PostgreSQL these run on separate pooled connections; the tenant's sequence row serialises them.
    const db = store.db();
    const batches = Array.from({ length: 4 }, (_, b) => Array.from({ length: 25 }, (_, i) => product(`C${b}-${String(i).padStart(2, '0')}`)));
    const results = await Promise.all(batches.map((batch) => upsertProducts(db, 'acme', batch, { now: T0 })));
    expect(results.map((r) => r.inserted)).toEqual([25, 25, 25, 25]);
    expect(await catalogueHighWater(db, 'acme')).toBe(100);
    const seqs = (await listProductsChangedSince(db, 'acme', 0, 1000)).map((p) => p.seq);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('refuses a count that is not a non-negative integer', async () => {
    const db = store.db();
    await expect(upsertInventoryLevels(db, 'acme', [level('MUG-1', 'DE-HAM', 1.5)])).rejects.toThrow('levels[0] (MUG-1 at DE-HAM): quantities.available must be a non-negative integer, got 1.5');
    expect(await getInventoryLevels(db, 'acme')).toEqual([]);
    expect(await catalogueHighWater(db, 'acme')).toBe(0);
  });
});
