/**
 * `caravan map --preview listing SKU --channel C`: the listing a product becomes on each
 * marketplace of the demo config's channels, priced from stored ECB rates, checked against a
 * product type schema when given; sends nothing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingPreviewCommand, type ListingPreviewDeps } from '../../cli/commands/map.js';
import { DEMO_CONFIG_PATH, loadTenantsConfig } from '../../config/tenants-config.js';
import { createFxRateTable } from '../../engines/fx/index.js';
import { createProductTypeValidator, type ListingPreview } from '../../engines/listing/index.js';
import type { FxRate } from '../../mappings/canonical/fx.js';
import { closeDatabase, migrateLatest, openDatabase, upsertFxRates } from '../../store/index.js';
import { tshirt } from '../engines/listing/fixtures.js';
import { caravanMap, scratchFiles } from './map-harness.js';

const SKU = tshirt.sku;
const write = scratchFiles('caravan-preview-');
const productFile = write('product.json', tshirt);
const schemaFile = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'product-types', 'PRODUCT.LISTING_OFFER_ONLY.A1F83G8C2ARO7P.trimmed.json');
const ecb = (quote: string, rate: string): FxRate => ({ source: 'ecb', base: 'EUR', quote, date: '2026-03-02', rate });

describe('caravan map --preview listing (through the CLI, demo config)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-preview-data-'));
  let saved: string | undefined;
  beforeAll(async () => {
    saved = process.env['CARAVAN_DATA_DIR'];
    process.env['CARAVAN_DATA_DIR'] = dataDir;
    const db = openDatabase({ sqliteFile: join(dataDir, 'caravan.db') });
    await migrateLatest(db);
    // As `caravan fx refresh` stores them: read from the configured ECB address.
    await upsertFxRates(db, [ecb('GBP', '0.8500')], { origin: 'https://www.ecb.europa.eu' });
    await closeDatabase(db);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['CARAVAN_DATA_DIR'];
    else process.env['CARAVAN_DATA_DIR'] = saved;
  });

  it('previews Amazon.de: the SHIRT put body in German, the base price as it is', async () => {
    const run = await caravanMap('--preview', 'listing', SKU, '--channel', 'amazon-eu', '--marketplace', 'amazon.de', '--product', productFile);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const p = JSON.parse(run.stdout) as ListingPreview;
    expect(p.marketplaceId).toBe('A1PA6795UKMFR9');
    expect(p.payload.productType).toBe('SHIRT');
    expect(p.payload.attributes['item_name']).toEqual([{ value: 'Bio-Baumwoll-T-Shirt, Marine, M', language_tag: 'de_DE', marketplace_id: 'A1PA6795UKMFR9' }]);
    expect(p.payload.attributes['color']).toEqual([{ value: 'Blue', language_tag: 'de_DE', marketplace_id: 'A1PA6795UKMFR9' }]);
    expect(p.price).toMatchObject({ price: { amountMinor: 2000, currency: 'EUR' }, rule: { rule: 'fixed', currency: 'EUR' } });
    expect(p.explanation).toContainEqual({ attribute: 'color', source: 'table colours[navy]' });
    expect(p.issues).toEqual([]);
  });

  it('previews Amazon.co.uk priced from the stored ECB rate: × 1.1, up to .99', async () => {
    const run = await caravanMap('--preview', 'listing', SKU, '--channel', 'amazon-eu', '--marketplace', 'A1F83G8C2ARO7P', '--product', productFile, '--date', '2026-03-03');
    expect(run.code).toBe(0);
    const p = JSON.parse(run.stdout) as ListingPreview;
    expect(p.price).toMatchObject({ price: { amountMinor: 1899, currency: 'GBP' }, rate: { from: 'EUR', to: 'GBP', rate: '0.8500000000', date: '2026-03-02', source: 'ecb' } });
    expect(p.price!.steps.map((s) => `${s.step} ${s.amount} ${s.currency}`)).toEqual(['base 20.00 EUR', 'convert 17.00 GBP', 'margin 18.700 GBP', 'ending 18.99 GBP']);
    expect(p.payload.attributes['purchasable_offer']).toEqual([{ currency: 'GBP', our_price: [{ schedule: [{ value_with_tax: 18.99 }] }], marketplace_id: 'A1F83G8C2ARO7P' }]);
    expect(run.stdout).toContain('"value_with_tax": 18.99');
  });

  it('previews every marketplace of the channel when none is named', async () => {
    const run = await caravanMap('--preview', 'listing', SKU, '--channel', 'amazon-eu', '--product', productFile, '--date', '2026-03-02');
    const previews = JSON.parse(run.stdout) as ListingPreview[];
    expect(previews.map((p) => `${p.marketplaceId} ${p.price?.price.amountMinor} ${p.price?.price.currency}`)).toEqual([
      'A1PA6795UKMFR9 2000 EUR',
      'A13V1IB3VIYZZH 2000 EUR',
      'APJ6JRA9NG5V4 2000 EUR',
      'A1RKKUPIHCS9HS 2000 EUR',
      'A1F83G8C2ARO7P 1899 GBP',
    ]);
    expect(previews.map((p) => (p.payload.attributes['item_name'] as unknown[] | undefined)?.[0])).toContainEqual({ value: 'Organic cotton T-shirt, navy, M', language_tag: 'en_GB', marketplace_id: 'A1F83G8C2ARO7P' });
    expect(run.code).toBe(0);
  });

  it('exits 1 with the price issue when no JPY rate is stored (amazon-fe, JP)', async () => {
    const run = await caravanMap('--preview', 'listing', SKU, '--channel', 'amazon-fe', '--product', productFile, '--date', '2026-03-02');
    expect(run.code).toBe(1);
    const [p] = JSON.parse(run.stdout) as ListingPreview[];
    expect(p!.issues).toEqual([expect.objectContaining({ code: 'price_no_rate', message: expect.stringContaining('no ecb rate for EUR→JPY on or before 2026-03-02'), attributeNames: ['purchasable_offer'] })]);
    expect(p!.payload.attributes['purchasable_offer']).toBeUndefined();
  });

  it('exits 1 with the schema findings when the attributes do not fit the product type schema', async () => {
    const run = await caravanMap('--preview', 'listing', SKU, '--channel', 'amazon-eu', '--marketplace', 'DE', '--product', productFile, '--product-type-schema', schemaFile);
    expect(run.code).toBe(1);
    const p = JSON.parse(run.stdout) as ListingPreview;
    // PRODUCT (offer only) knows no item_name: the SHIRT attributes are not its own.
    expect(p.issues.map((i) => i.code)).toContain('additionalProperties');
  });

  it.each([
    [['--preview', 'order', SKU, '--channel', 'amazon-eu', '--product', productFile], 2, '--preview knows one kind: listing'],
    [['--preview', 'listing', SKU, '--product', productFile], 2, '--channel is needed'],
    [['--preview', 'listing', SKU, '--channel', 'amazon-eu', '--product', productFile, '--marketplace', 'AE'], 2, 'marketplace A2VIGQ35RCS4UG (Amazon.ae) has no listing rules on channel "amazon-eu"'],
    [['--preview', 'listing', SKU, '--channel', 'amazon-eu', '--product', productFile, '--marketplace', 'amazon.example'], 2, '--marketplace "amazon.example" names no Amazon marketplace'],
    [['--preview', 'listing', 'OTHER-SKU', '--channel', 'amazon-eu', '--product', productFile], 2, `is product ${SKU}, not OTHER-SKU`],
    [['--preview', 'listing', SKU, '--channel', 'amazon-eu'], 1, `tenant "demo" has no product ${SKU} in the catalogue (import it with caravan catalog import`],
    [['--preview', 'listing', SKU, '--channel', 'amazon-eu', '--product', write('bad.json', { ...tshirt, title: {} })], 2, 'is not a canonical Product:\n  title: needs at least one locale'],
    [['--preview', 'listing', SKU, '--channel', 'amazon-eu', '--product', write('mug.json', { ...tshirt, category: 'vase' })], 1, `SKU ${SKU}: category "vase" has no listing mapping (mapped: tshirt, handbag, mug)`],
  ])('refuses %j (exit %i)', async (args, code, message) => {
    const run = await caravanMap(...args);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
  });

  it('keeps `caravan map KIND FILE` as it was', async () => {
    const run = await caravanMap('amazon.order', join(import.meta.dirname, '..', 'fixtures', 'amazon', 'mapping', 'ordersV0.getOrders.200.example.json'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)[0].externalId).toBe('902-3159896-1390916');
  });
});

describe('listingPreviewCommand with the catalogue store lookup', () => {
  const config = loadTenantsConfig(DEMO_CONFIG_PATH, {});
  const deps = (storedProduct?: ListingPreviewDeps['storedProduct']): ListingPreviewDeps => ({
    config,
    today: '2026-03-02',
    fxTable: async () => createFxRateTable([ecb('GBP', '0.8500')]),
    storedProduct,
  });

  it('reads the product from the store when no file is given', async () => {
    const asked: string[] = [];
    const { previews } = await listingPreviewCommand(
      deps(async (tenant, sku) => {
        asked.push(`${tenant}/${sku}`);
        return tshirt;
      }),
      SKU,
      { channel: 'amazon-eu', marketplace: 'UK' },
    );
    expect(asked).toEqual([`demo/${SKU}`]);
    expect(previews[0]!.price?.price).toEqual({ amountMinor: 1899, currency: 'GBP' });
  });

  it("the demo's offer attributes are what Amazon's real PRODUCT schema accepts", async () => {
    const { previews } = await listingPreviewCommand(deps(async () => tshirt), SKU, { channel: 'amazon-eu', marketplace: 'amazon.co.uk' });
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { properties: Record<string, unknown> };
    const offer = Object.fromEntries(Object.entries(previews[0]!.payload.attributes).filter(([name]) => name in schema.properties));
    expect(Object.keys(offer).sort()).toEqual(['condition_type', 'country_of_origin', 'externally_assigned_product_identifier', 'fulfillment_availability', 'item_package_weight', 'purchasable_offer']);
    expect(createProductTypeValidator().validate(schema, offer)).toEqual([]);
  });

  it('names a channel without a listings section (exit 2)', async () => {
    const bare = structuredClone(config);
    delete (bare.tenants['demo']!.connections['amazon-na'] as { listings?: unknown }).listings;
    await expect(listingPreviewCommand({ ...deps(async () => tshirt), config: bare }, SKU, { channel: 'amazon-na' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('channel "amazon-na" of tenant "demo" has no listings section'),
    });
  });

  it('says when the store has no such product (exit 1)', async () => {
    await expect(listingPreviewCommand(deps(async () => undefined), 'NOPE-1', { channel: 'amazon-eu' })).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('tenant "demo" has no product NOPE-1 in the catalogue (import it with caravan catalog import') });
  });
});
