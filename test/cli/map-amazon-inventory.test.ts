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

describe('caravan map amazon.inventory-report (FBA inventory flat files)', () => {
  const MYI = join(DIR, 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA.de.windows-1252.tsv');
  const levels = (stdout: string) => records(stdout) as InventoryLevel[];

  it('GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA (windows-1252, detected) maps every row; --marketplace names the FBA location', async () => {
    const { code, stdout, stderr } = await caravanMap('amazon.inventory-report', MYI, '--marketplace', 'amazon.de', '--channel', 'amazon-eu');
    expect([code, stderr]).toEqual([0, '']);
    const [mug, bag] = levels(stdout);
    expect(mug).toEqual({
      channel: 'amazon-eu',
      vendor: 'amazon',
      sku: 'MUG-WHITE-L',
      location: { type: 'marketplace-fulfilment', id: 'amazon-fba:A1PA6795UKMFR9', name: 'Amazon FBA Amazon.de', country: 'DE', marketplaceId: 'A1PA6795UKMFR9', fulfilmentNetwork: 'AFN' },
      quantities: {
        available: 120,
        inbound: { working: 10, shipped: 24, receiving: 6 },
        reserved: { total: 9 },
        unfulfillable: { total: 4 },
        researching: { total: 2 },
        futureSupply: { reserved: 0, buyable: 0 },
        total: 175,
      },
      condition: 'New',
      productName: 'Kaffeebecher "Größe L" – weiß',
      refs: { asin: 'B0EXAMPLE1', fnsku: 'X00EXAMPL1' },
    });
    expect(bag!.quantities.futureSupply).toEqual({ reserved: 5, buyable: 5 });
    for (const l of levels(stdout)) expect(InventoryLevelSchema.safeParse(l).success).toBe(true);
  });

  it('without --marketplace the location is FBA without a marketplace', async () => {
    const { code, stdout } = await caravanMap('amazon.inventory-report', MYI);
    expect(code).toBe(0);
    expect(levels(stdout)[0]!.location).toEqual({ type: 'marketplace-fulfilment', id: 'amazon-fba', name: 'Amazon FBA', fulfilmentNetwork: 'AFN' });
  });

  it('columns added mid-header without notice (amzn/selling-partner-api-models#5289) are read by name', async () => {
    const { code, stdout } = await caravanMap('amazon.inventory-report', join(DIR, 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA.added-columns.tsv'));
    expect(code).toBe(0);
    const [l] = levels(stdout);
    expect([l!.sku, l!.quantities.available, l!.quantities.reserved, l!.quantities.total]).toEqual(['SKU-NEW-COLS', 2, { total: 1 }, 3]);
  });

  it('GET_AFN_INVENTORY_DATA: SELLABLE and UNSELLABLE rows of a SKU are one level', async () => {
    const { code, stdout } = await caravanMap('amazon.inventory-report', join(DIR, 'GET_AFN_INVENTORY_DATA.us.utf-8.tsv'), '--marketplace', 'ATVPDKIKX0DER');
    expect(code).toBe(0);
    expect(levels(stdout).map((l) => [l.sku, l.location.id, l.quantities])).toEqual([
      ['MUG-WHITE-L', 'amazon-fba:ATVPDKIKX0DER', { available: 120, unfulfillable: { total: 4 } }],
      ['BAG-PLAIN-02', 'amazon-fba:ATVPDKIKX0DER', { available: 30 }],
    ]);
  });

  it('a negative or non-integer quantity is a rejection naming the SKU, line and column, exit 1', async () => {
    const f = write('neg.tsv', 'sku\tfnsku\tafn-fulfillable-quantity\tafn-total-quantity\nOK-1\tX1\t1\t1\nNEG-1\tX2\t-5\t0\nFRAC-1\tX3\t1.5\t2\n');
    const { code, stdout } = await caravanMap('amazon.inventory-report', f);
    expect(code).toBe(1);
    const out = records(stdout);
    expect('sku' in out[0]! && out[0].sku).toBe('OK-1');
    const errs = out.slice(1).map((o) => ('error' in o ? [o.error.externalId, o.error.field, o.error.message.includes('negative') || o.error.message.includes('whole number')] : o));
    expect(errs).toEqual([
      ['NEG-1', 'line 3 afn-fulfillable-quantity', true],
      ['FRAC-1', 'line 4 afn-fulfillable-quantity', true],
    ]);
  });

  it("a FATAL report's error document and an SP-API error reply exit 1 naming the code", async () => {
    const fatal = await caravanMap('amazon.inventory-report', write('fatal.json', { errorDetails: 'Report processing failed: the seller is not enrolled in FBA' }));
    expect(fatal.code).toBe(1);
    expect(fatal.stderr).toContain('FATAL');
    const api = await caravanMap('amazon.inventory-report', join(DIR, 'getInventorySummaries.error.json'));
    expect(api.code).toBe(1);
    expect(api.stderr).toContain('InvalidInput');
  });

  it('another flat file given to it says what it looks like', async () => {
    const f = write('orders.tsv', 'amazon-order-id\tpurchase-date\torder-status\titem-price\n1\t2026-01-01T00:00:00Z\tShipped\t1.00\n');
    const { code, stderr } = await caravanMap('amazon.inventory-report', f);
    expect(code).toBe(1);
    expect(stderr).toContain('orders flat-file report');
  });
});
