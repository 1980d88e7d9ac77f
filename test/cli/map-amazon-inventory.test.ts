/**
 * `caravan map amazon.inventory-summaries`: getInventorySummaries replies (one, recorded, or an
 * array of pages) map to canonical InventoryLevels; Amazon error replies exit 1 naming code and
 * message; a negative quantity is a typed rejection naming the SKU and the field (exit 1).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';
import type { InventoryLevel } from '../../mappings/canonical/index.js';
import { InventoryLevelSchema } from '../../mappings/canonical/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'inventory');
const write = scratchFiles('caravan-map-inventory-');
const KIND = 'amazon.inventory-summaries';

type Out = InventoryLevel | { error: { recordType: string; externalId?: string; field: string; message: string } };
const records = (stdout: string) => JSON.parse(stdout) as Out[];

describe(`caravan map ${KIND}`, () => {
  it.each([
    ['getInventorySummaries.details.json', ['MUG-WHITE-L', 'MUG-BLACK-S'], 'amazon-fba:ATVPDKIKX0DER'],
    ['getInventorySummaries.no-details.json', ['BAG-FLORAL-#01', 'BAG-PLAIN-02'], 'amazon-fba:A1PA6795UKMFR9'],
  ])('%s maps every summary, exit 0', async (file, skus, location) => {
    const { code, stdout, stderr } = await caravanMap(KIND, join(DIR, file), '--channel', 'amazon-eu');
    expect([code, stderr]).toEqual([0, '']);
    const levels = records(stdout) as InventoryLevel[];
    expect(levels.map((l) => l.sku)).toEqual(skus);
    for (const l of levels) {
      expect(InventoryLevelSchema.safeParse(l).success).toBe(true);
      expect(l.location.id).toBe(location);
      expect(l.channel).toBe('amazon-eu');
    }
  });

  it('a recorded exchange and an array of pages map too', async () => {
    const page = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(DIR, 'getInventorySummaries.details.json'), 'utf8'))) as unknown;
    const recorded = write('recorded.json', { request: { method: 'GET', path: '/fba/inventory/v1/summaries' }, response: { status: 200, body: page } });
    const one = await caravanMap(KIND, recorded);
    expect(one.code).toBe(0);
    expect((records(one.stdout) as InventoryLevel[]).map((l) => l.sku)).toEqual(['MUG-WHITE-L', 'MUG-BLACK-S']);
    const pages = write('pages.json', [page, { payload: { granularity: { granularityType: 'Marketplace', granularityId: 'A1F83G8C2ARO7P' }, inventorySummaries: [{ sellerSku: 'UK-1', totalQuantity: 3 }] } }]);
    const many = await caravanMap(KIND, pages);
    expect(many.code).toBe(0);
    const levels = records(many.stdout) as InventoryLevel[];
    expect(levels.map((l) => `${l.sku}@${l.location.country}`)).toEqual(['MUG-WHITE-L@US', 'MUG-BLACK-S@US', 'UK-1@GB']);
  });

  it('an SP-API error reply exits 1 naming code and message', async () => {
    const { code, stdout, stderr } = await caravanMap(KIND, join(DIR, 'getInventorySummaries.error.json'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('code InvalidInput');
    expect(stderr).toContain('Invalid granularityId');
  });

  it('an error inside a recorded 403 exits 1 naming the code', async () => {
    const f = write('403.json', { response: { status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] } } });
    const { code, stderr } = await caravanMap(KIND, f);
    expect(code).toBe(1);
    expect(stderr).toContain('code Unauthorized');
    expect(stderr).toContain('Access to requested resource is denied.');
  });

  it('a negative quantity: the good summary prints, the bad one is a rejection naming SKU and field, exit 1', async () => {
    const f = write('negative.json', {
      payload: {
        granularity: { granularityType: 'Marketplace', granularityId: 'A1PA6795UKMFR9' },
        inventorySummaries: [
          { sellerSku: 'OK-1', totalQuantity: 5 },
          { sellerSku: 'NEG-1', inventoryDetails: { fulfillableQuantity: -4 }, totalQuantity: 0 },
        ],
      },
    });
    const { code, stdout } = await caravanMap(KIND, f);
    expect(code).toBe(1);
    const out = records(stdout);
    expect('sku' in out[0]! && out[0].sku).toBe('OK-1');
    const bad = out[1]!;
    if (!('error' in bad)) throw new Error('expected a rejection');
    expect(bad.error.externalId).toBe('NEG-1');
    expect(bad.error.field).toBe('payload.inventorySummaries[1].inventoryDetails.fulfillableQuantity');
    expect(bad.error.message).toContain('negative');
  });

  it('a summary of the wrong shape is a schema rejection naming its SKU', async () => {
    const f = write('bad.json', { payload: { granularity: { granularityType: 'Marketplace', granularityId: 'ATVPDKIKX0DER' }, inventorySummaries: [{ sellerSku: 'FRAC-1', totalQuantity: 1.5 }] } });
    const { code, stdout } = await caravanMap(KIND, f);
    expect(code).toBe(1);
    const bad = records(stdout)[0]!;
    if (!('error' in bad)) throw new Error('expected a rejection');
    expect([bad.error.externalId, bad.error.field]).toEqual(['FRAC-1', 'payload.inventorySummaries[0].totalQuantity']);
  });

  it('a file that is no getInventorySummaries reply exits 1 saying so', async () => {
    const f = write('other.json', { payload: { something: [] } });
    const { code, stderr } = await caravanMap(KIND, f);
    expect(code).toBe(1);
    expect(stderr).toContain('is not a getInventorySummaries reply');
  });
});
