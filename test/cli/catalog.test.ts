/**
 * `caravan catalog import | list | show` and `caravan inventory import | show` through the
 * CLI's own entry point, on a SQLite data folder; the demo catalogue files import cleanly.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { main } from '../../cli/main.js';
import { catalogueHighWater, closeDatabase, countProducts, getInventoryLevels, getProduct, migrateLatest, openDatabase } from '../../store/index.js';

const DEMO_PRODUCTS = join(import.meta.dirname, '../../config/demo-catalogue/products.csv');
const DEMO_STOCK = join(import.meta.dirname, '../../config/demo-catalogue/stock.csv');

describe('caravan catalog and inventory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-catalog-cli-'));
  const saved = { ...process.env };
  let db: Knex;
  let out: string[] = [];
  let err: string[] = [];

  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const writeConfig = (tenants: string[]) => {
    const amazon = {
      vendor: 'amazon',
      settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] },
      secrets: { clientId: { env: 'X_ID' }, clientSecret: { env: 'X_SECRET' }, refreshToken: { env: 'X_TOKEN' } },
    };
    const path = join(dir, `caravan-${tenants.join('-')}.yaml`);
    writeFileSync(path, toYaml({ tenants: Object.fromEntries(tenants.map((t) => [t, { connections: { 'amazon-eu': amazon } }])) }));
    process.env.CARAVAN_CONFIG = path;
  };

  beforeAll(async () => {
    Object.assign(process.env, { CARAVAN_DATA_DIR: dir, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(String(s)));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    process.env = saved;
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    writeConfig(['acme']);
    process.exitCode = undefined;
    for (const t of ['catalogue_products', 'inventory_levels', 'catalogue_sequences']) await db(t).delete();
  });
  const run = async (...args: string[]) => {
    out = [];
    err = [];
    process.exitCode = undefined;
    const code = await main(args);
    process.exitCode = undefined;
    return code;
  };

  it('imports the demo catalogue and stock with no rejection; a re-import changes nothing', async () => {
    expect(await run('catalog', 'import', DEMO_PRODUCTS)).toBe(0);
    expect(out.join('\n')).toBe(
      [
        'products.csv (csv, utf-8 (detected: utf-8 valid), delimiter ",") for tenant acme: 30 product rows read',
        '  inserted 30, updated 0, unchanged 0, rejected 0',
        '  catalogue sequence now 30',
      ].join('\n'),
    );
    expect(await countProducts(db, 'acme')).toBe(30);
    const categories = new Set((await db('catalogue_products').select('category')).map((r: { category: string }) => r.category));
    expect(categories).toEqual(new Set(['tshirt', 'handbag', 'mug']));
    const tote = await getProduct(db, 'acme', 'HB-TOTE-COG');
    expect(tote?.product).toMatchObject({
      hsCode: '420221',
      originCountry: 'IT',
      title: { 'de-DE': 'Shopper aus Leder Cognac', 'ja-JP': 'レザートートバッグ コニャック' },
      description: { 'en-GB': 'Vegetable-tanned leather, cotton lining.\nMade by hand in Florence.' },
      basePrice: { amountMinor: 14900, currency: 'EUR' },
    });

    expect(await run('inventory', 'import', DEMO_STOCK)).toBe(0);
    expect(out.join('\n')).toContain('inserted 44, updated 0, unchanged 0, rejected 0');
    expect(out.join('\n')).not.toContain('note:');
    expect(out.join('\n')).toContain('catalogue sequence now 74');
    const locations = await db('inventory_levels').distinct('location_id', 'location_type').orderBy('location_id');
    expect(locations).toEqual([
      { location_id: 'DE-HAM', location_type: 'own-warehouse' },
      { location_id: 'US-NJ', location_type: 'overseas-warehouse' },
    ]);

    expect(await run('catalog', 'import', DEMO_PRODUCTS)).toBe(0);
    expect(out.join('\n')).toContain('inserted 0, updated 0, unchanged 30, rejected 0\n  catalogue sequence now 74 (nothing changed)');
    expect(await run('inventory', 'import', DEMO_STOCK)).toBe(0);
    expect(await catalogueHighWater(db, 'acme')).toBe(74);
  });

  it('changing one field takes one new sequence number; list --changed-since shows just that product', async () => {
    expect(await run('catalog', 'import', DEMO_PRODUCTS)).toBe(0);
    const changed = readFileSync(DEMO_PRODUCTS, 'utf8').replace('MUG-SAG-350,mug,Porzellan Nord', 'MUG-SAG-350,mug,Porzellan Süd');
    expect(await run('catalog', 'import', file('changed.csv', changed))).toBe(0);
    expect(out.join('\n')).toContain('inserted 0, updated 1, unchanged 29, rejected 0\n  catalogue sequence now 31');
    expect(await run('catalog', 'list', '--changed-since', '30')).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^SKU\s+CATEGORY\s+VERSION\s+SEQ/);
    expect(text).toMatch(/MUG-SAG-350\s+mug\s+2\s+31\s+/);
    expect(text.split('\n').filter((l) => /^[A-Z]{2,3}-/.test(l))).toHaveLength(1);
    expect(text).toContain('up to date: catalogue sequence 31');
    expect(await run('catalog', 'list', '--changed-since', '0', '--limit', '5')).toBe(0);
    expect(out.join('\n')).toContain('more: caravan catalog list --changed-since 5');
    expect(await run('catalog', 'list', '--category', 'mug', '--limit', '2')).toBe(0);
    expect(out.join('\n')).toMatch(/^MUG-SAG-250 .*\nMUG-SAG-350 .*\nmore: caravan catalog list --after MUG-SAG-350 --category mug$/m);
    expect(await run('catalog', 'list', '--category', 'mug', '--limit', '2', '--after', 'MUG-SAG-350')).toBe(0);
    expect(out.join('\n')).toMatch(/^MUG-SAG-450 .*\nMUG-SAN-250 /m);

    expect(await run('catalog', 'show', 'MUG-SAG-350')).toBe(0);
    const shown = JSON.parse(out.join('\n')) as { tenant: string; sku: string; version: number; seq: number; product: { brand: string } };
    expect(shown).toMatchObject({ tenant: 'acme', sku: 'MUG-SAG-350', version: 2, seq: 31, product: { brand: 'Porzellan Süd' } });
    expect(await run('catalog', 'show', 'NOPE')).toBe(1);
    expect(err.join('\n')).toContain('tenant acme has no product with sku "NOPE"');
  });

  it('imports the good rows of a file with bad ones, lists each rejection by line and column, exit 0', async () => {
    const csv = file('products.csv', 'sku,title.en-GB,weight,weight_unit\nA,Mug,0.45,kg\nB,Mug,"0,45",kg\nC,Mug,0.3,stone\n');
    expect(await run('catalog', 'import', csv)).toBe(0);
    expect(out.join('\n')).toBe(
      [
        'products.csv (csv, utf-8 (detected: utf-8 valid), delimiter ",") for tenant acme: 3 product rows read',
        '  inserted 1, updated 0, unchanged 0, rejected 2',
        '  catalogue sequence now 1',
        'rejected rows:',
        '  products.csv line 3 column weight ("0,45"): must be a decimal such as 0.45 (digits, an optional "." fraction)',
        '  products.csv line 4 column weight_unit ("stone"): Invalid option: expected one of "g"|"kg"|"oz"|"lb"',
      ].join('\n'),
    );
    expect(await countProducts(db, 'acme')).toBe(1);
  });

  it('--strict writes nothing when a row is rejected (exit 1); --dry-run writes nothing at all', async () => {
    const csv = file('strict.csv', 'sku,title.en-GB,weight,weight_unit\nA,Mug,0.45,kg\nB,Mug,"0,45",kg\n');
    expect(await run('catalog', 'import', csv, '--strict')).toBe(1);
    expect(out.join('\n')).toContain('1 valid, rejected 1; nothing written');
    expect(await countProducts(db, 'acme')).toBe(0);
    expect(await run('catalog', 'import', DEMO_PRODUCTS, '--dry-run')).toBe(0);
    expect(out.join('\n')).toContain('30 valid, rejected 0; nothing written');
    expect(await countProducts(db, 'acme')).toBe(0);
    expect(await run('catalog', 'import', DEMO_PRODUCTS, '--strict')).toBe(0);
    expect(await countProducts(db, 'acme')).toBe(30);
  });

  it('exits 1 when every row is rejected, or the header is wrong (nothing imported)', async () => {
    expect(await run('inventory', 'import', file('stock.csv', 'sku,location,location_type,available\nA,DE-HAM,own-warehouse,-1\n'))).toBe(1);
    expect(out.join('\n')).toContain('  stock.csv line 2 column available ("-1"): must be a whole number of units such as 12 (no sign, no decimals)');
    expect(await run('catalog', 'import', file('typo.csv', 'sku,titel.en-GB\nA,Mug\n'))).toBe(1);
    expect(err.join('\n')).toContain('caravan: nothing imported: typo.csv: column "titel.en-GB" is not a product column');
    expect(await run('catalog', 'import', join(dir, 'missing.csv'))).toBe(1);
    expect(err.join('\n')).toBe(`caravan: cannot read ${join(dir, 'missing.csv')}: no such file`);
  });

  it('imports product JSON, needs --tenant when the config has several, and shows stock per SKU', async () => {
    const json = file('products.json', JSON.stringify({ products: [{ sku: 'J-1', title: { 'en-GB': 'Mug' }, basePrice: { amount: '9.50', currency: 'GBP' } }] }));
    writeConfig(['acme', 'globex']);
    expect(await run('catalog', 'import', json)).toBe(2);
    expect(err.join('\n')).toContain('--tenant is needed: the config has 2 tenants (acme, globex)');
    expect(await run('catalog', 'import', json, '--tenant', 'globex')).toBe(0);
    expect(out.join('\n')).toContain('products.json (json) for tenant globex: 1 product row read');
    expect((await getProduct(db, 'globex', 'J-1'))?.product.basePrice).toEqual({ amountMinor: 950, currency: 'GBP' });
    expect(await run('catalog', 'import', json, '--tenant', 'nobody')).toBe(2);

    expect(await run('inventory', 'import', DEMO_STOCK, '--tenant', 'globex')).toBe(0);
    expect(out.join('\n')).toContain('  note: 30 SKUs with stock but no product in the catalogue: TS-BLA-S, TS-BLA-M, TS-BLA-L, TS-WHI-S,');
    expect(await run('inventory', 'show', 'TS-BLA-S', '--tenant', 'globex')).toBe(0);
    const lines = out.join('\n').split('\n');
    expect(lines[0]).toMatch(/^SKU\s+LOCATION\s+TYPE\s+AVAILABLE\s+RESERVED\s+INBOUND\s+AS OF\s+VERSION\s+SEQ$/);
    expect(lines[2]).toMatch(/^TS-BLA-S\s+DE-HAM\s+own-warehouse\s+5\s+0\s+20\s+2026-03-02T06:00:00Z\s+1\s+2$/);
    expect(lines[3]).toMatch(/^TS-BLA-S\s+US-NJ\s+overseas-warehouse\s+0\s+2026-03-02T11:00:00Z\s+1\s+3$/);
    expect(await getInventoryLevels(db, 'acme')).toEqual([]);
  });
});
