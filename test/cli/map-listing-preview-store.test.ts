/**
 * `caravan map --preview listing SKU --channel C` on a product from the catalogue store: the
 * demo catalogue imported with `caravan catalog import`, previewed with the demo tenants file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';

const ROOT = join(import.meta.dirname, '../..');

describe('caravan map --preview listing from the catalogue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-preview-store-'));
  const saved = { ...process.env };
  let out: string[] = [];
  let err: string[] = [];
  const run = async (...args: string[]) => {
    out = [];
    err = [];
    process.exitCode = undefined;
    const code = await main(args);
    process.exitCode = undefined;
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(() => {
    Object.assign(process.env, { CARAVAN_DATA_DIR: dir, CARAVAN_CONFIG: join(ROOT, 'config/caravan.demo.yaml'), TEMPORAL_ADDRESS: '127.0.0.1:1' });
    delete process.env.CARAVAN_DATABASE_URL;
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(String(s)));
  });
  afterAll(() => {
    vi.restoreAllMocks();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews a stored product, and names a SKU the catalogue lacks', async () => {
    expect((await run('catalog', 'import', join(ROOT, 'config/demo-catalogue/products.csv'))).code).toBe(0);
    const preview = await run('map', '--preview', 'listing', 'TS-BLA-S', '--channel', 'amazon-eu', '--marketplace', 'amazon.de');
    expect(preview.err).toBe('');
    expect(preview.code).toBe(0);
    const body = JSON.parse(preview.out) as { payload: { productType: string; attributes: Record<string, { value: unknown; language_tag?: string }[]> }; price: { price: { amountMinor: number; currency: string } } };
    expect(body.payload.productType).toBe('SHIRT');
    expect(body.payload.attributes.item_name?.[0]).toMatchObject({ value: 'Bio-Baumwoll-T-Shirt Schwarz, Größe S', language_tag: 'de_DE' });
    expect(body.price.price).toEqual({ amountMinor: 2490, currency: 'EUR' });

    const missing = await run('map', '--preview', 'listing', 'NO-SUCH', '--channel', 'amazon-eu', '--marketplace', 'amazon.de');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('NO-SUCH');
  });
});
