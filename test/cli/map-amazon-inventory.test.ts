/**
 * `caravan map amazon.inventory-summaries`: getInventorySummaries replies (one, recorded, or an
 * array of pages) map to canonical InventoryLevels; Amazon error replies exit 1 naming code and
 * message; a negative quantity is a typed rejection naming the SKU and the field (exit 1).
 */
import { readFileSync } from 'node:fs';
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
    const page = JSON.parse(readFileSync(join(DIR, 'getInventorySummaries.details.json'), 'utf8')) as unknown;
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

describe('caravan map amazon.notification (FBA_INVENTORY_AVAILABILITY_CHANGES)', () => {
  const SAMPLE = join(DIR, 'FBA_INVENTORY_AVAILABILITY_CHANGES.schema-examples.json');
  const sample = () => JSON.parse(readFileSync(SAMPLE, 'utf8')) as { Payload: { FulfillmentInventoryByMarketplace: { FulfillmentInventory: Record<string, unknown> }[] } };

  it("the schema's example maps to one level per marketplace, observed at EventTime, exit 0", async () => {
    const { code, stdout, stderr } = await caravanMap('amazon.notification', SAMPLE, '--channel', 'amazon-na');
    expect([code, stderr]).toEqual([0, '']);
    const levels = records(stdout) as InventoryLevel[];
    expect(levels.map((l) => `${l.sku}@${l.location.id}`)).toEqual(['SELLERSKU-1@amazon-fba:ATVPDKIKX0DER', 'SELLERSKU-1@amazon-fba:A2EUQ1WTGCTBG2']);
    expect(levels[1]).toEqual({
      channel: 'amazon-na',
      vendor: 'amazon',
      sku: 'SELLERSKU-1',
      location: { type: 'marketplace-fulfilment', id: 'amazon-fba:A2EUQ1WTGCTBG2', name: 'Amazon FBA Amazon.ca', country: 'CA', marketplaceId: 'A2EUQ1WTGCTBG2', fulfilmentNetwork: 'AFN' },
      quantities: {
        available: 40,
        inbound: { working: 1, shipped: 2, receiving: 3 },
        reserved: { pendingCustomerOrder: 10, pendingTransshipment: 15, fcProcessing: 5 },
        unfulfillable: { total: 0 },
        researching: { total: 0 },
        futureSupply: { buyable: 0 },
      },
      productName: 'Product Title',
      observedAt: '2020-07-13T19:42:04.284Z',
      refs: { asin: 'B00001ABCD', fnsku: 'X001ABCDEF', sellerId: 'A3TH9S8BH6GOGM' },
    });
    for (const l of levels) expect(InventoryLevelSchema.safeParse(l).success).toBe(true);
  });

  it('an EventBridge event (detail) and an SQS message (Body text) map the same', async () => {
    const n = sample();
    const viaEventBridge = await caravanMap('amazon.notification', write('eb.json', { 'detail-type': 'FBA_INVENTORY_AVAILABILITY_CHANGES', detail: n }));
    const viaSqs = await caravanMap('amazon.notification', write('sqs.json', [{ MessageId: 'm-1', Body: JSON.stringify(n) }]));
    expect([viaEventBridge.code, viaSqs.code]).toEqual([0, 0]);
    expect(records(viaEventBridge.stdout)).toHaveLength(2);
    expect(records(viaSqs.stdout)).toEqual(records(viaEventBridge.stdout));
  });

  it('a negative quantity is a rejection naming the SKU and the field, exit 1', async () => {
    const n = sample();
    n.Payload.FulfillmentInventoryByMarketplace[1]!.FulfillmentInventory.Fulfillable = -2;
    const { code, stdout } = await caravanMap('amazon.notification', write('neg.json', n));
    expect(code).toBe(1);
    const [good, bad] = records(stdout);
    expect(good && 'sku' in good).toBe(true);
    if (!bad || !('error' in bad)) throw new Error('expected a rejection');
    expect([bad.error.externalId, bad.error.field]).toEqual(['SELLERSKU-1', 'Payload.FulfillmentInventoryByMarketplace[1].FulfillmentInventory.Fulfillable']);
    expect(bad.error.message).toContain('negative');
  });

  it('another notification type exits 1 naming it', async () => {
    const { code, stderr } = await caravanMap('amazon.notification', write('order-change.json', { NotificationType: 'ORDER_CHANGE', Payload: {} }));
    expect(code).toBe(1);
    expect(stderr).toContain('its NotificationType is ORDER_CHANGE');
  });

  it('an SP-API error reply exits 1 naming code and message', async () => {
    const { code, stderr } = await caravanMap('amazon.notification', join(DIR, 'getInventorySummaries.error.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('code InvalidInput');
  });
});
