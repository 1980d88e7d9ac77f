/**
 * Amazon FBA Inventory API getInventorySummaries → canonical InventoryLevel: every fixture
 * summary maps to a schema-valid level at the FBA location of its marketplace; the real-world
 * deviations are accepted (each test names its source); a negative quantity is a typed
 * rejection naming the SKU and the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmazonInventorySummariesReplySchema, AmazonInventorySummarySchema } from '../../../connectors/amazon/schemas/fba-inventory.js';
import { AMAZON_INVENTORY_SUMMARY_RECORD_TYPE, amazonInventorySummaryToLevel } from '../../../mappings/amazon/inventory.js';
import { InventoryLevelSchema } from '../../../mappings/canonical/index.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'inventory');
const reply = (file: string) => AmazonInventorySummariesReplySchema.parse(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
const US = { granularityType: 'Marketplace', granularityId: 'ATVPDKIKX0DER' };

function map(raw: unknown, granularity = US) {
  const s = AmazonInventorySummarySchema.parse(raw);
  return amazonInventorySummaryToLevel(s, { channel: 'amazon-na', granularity });
}

describe('amazon.inventory-summary samples', () => {
  it.each(['getInventorySummaries.details.json', 'getInventorySummaries.no-details.json'])('%s: every summary maps to a valid InventoryLevel', (file) => {
    const r = reply(file);
    expect(r.payload.inventorySummaries.length).toBeGreaterThan(0);
    for (const raw of r.payload.inventorySummaries) {
      const m = amazonInventorySummaryToLevel(AmazonInventorySummarySchema.parse(raw), { granularity: r.payload.granularity });
      expect(m.ok, m.ok ? '' : m.error.message).toBe(true);
      if (m.ok) expect(InventoryLevelSchema.safeParse(m.value).success).toBe(true);
    }
  });

  it('details=true: the quantities split as FBA reports them, at FBA amazon.com', () => {
    const r = reply('getInventorySummaries.details.json');
    expect(r.pagination?.nextToken).toBe('seed-next-token-1');
    const m = map(r.payload.inventorySummaries[0]);
    if (!m.ok) throw m.error;
    expect(m.value).toEqual({
      channel: 'amazon-na',
      vendor: 'amazon',
      sku: 'MUG-WHITE-L',
      location: { type: 'marketplace-fulfilment', id: 'amazon-fba:ATVPDKIKX0DER', name: 'Amazon FBA Amazon.com', country: 'US', marketplaceId: 'ATVPDKIKX0DER', fulfilmentNetwork: 'AFN' },
      quantities: {
        available: 120,
        inbound: { working: 10, shipped: 24, receiving: 6 },
        reserved: { total: 9, pendingCustomerOrder: 5, pendingTransshipment: 3, fcProcessing: 1 },
        unfulfillable: { total: 4, byReason: { customerDamaged: 2, warehouseDamaged: 1, distributorDamaged: 0, carrierDamaged: 0, defective: 1, expired: 0 } },
        researching: { total: 2, byDuration: { researchingQuantityInShortTerm: 1, researchingQuantityInMidTerm: 1, researchingQuantityInLongTerm: 0 } },
        total: 175,
      },
      condition: 'NewItem',
      productName: 'Coffee mug, white, large',
      observedAt: '2026-03-02T10:15:00Z',
      refs: { asin: 'B0EXAMPLE1', fnsku: 'X00EXAMPL1' },
    });
  });

  it('zero stock stays zero (stated), never absent', () => {
    const m = map(reply('getInventorySummaries.details.json').payload.inventorySummaries[1]);
    if (!m.ok) throw m.error;
    expect(m.value.quantities.available).toBe(0);
    expect(m.value.quantities.total).toBe(0);
    expect(m.value.quantities.unfulfillable).toEqual({ total: 0 });
    expect(m.value.observedAt).toBe('2026-03-01T23:59:59.123Z');
  });

  it('an unknown marketplace id still names its FBA location, without a country', () => {
    const m = map({ sellerSku: 'A', totalQuantity: 1 }, { granularityType: 'Marketplace', granularityId: 'AZZZZZZZZZZZZ' });
    if (!m.ok) throw m.error;
    expect(m.value.location).toEqual({ type: 'marketplace-fulfilment', id: 'amazon-fba:AZZZZZZZZZZZZ', name: 'Amazon FBA AZZZZZZZZZZZZ', marketplaceId: 'AZZZZZZZZZZZZ', fulfilmentNetwork: 'AFN' });
  });
});

describe('real-world deviations', () => {
  it('lastUpdatedTime "" for SKUs without updates (amzn/selling-partner-api-models#2275, selling-partner-api-docs#1174): no observedAt', () => {
    const r = reply('getInventorySummaries.no-details.json');
    const m = amazonInventorySummaryToLevel(AmazonInventorySummarySchema.parse(r.payload.inventorySummaries[0]), { granularity: r.payload.granularity });
    if (!m.ok) throw m.error;
    expect(m.value.sku).toBe('BAG-FLORAL-#01');
    expect(m.value.observedAt).toBeUndefined();
    expect(m.value.location.country).toBe('DE');
  });

  it('inventoryDetails absent unless details=true (fbaInventory.json, InventoryDetails): only the total is stated', () => {
    const m = map({ sellerSku: 'S', totalQuantity: 37, lastUpdatedTime: '2026-03-02T08:00:00Z' });
    if (!m.ok) throw m.error;
    expect(m.value.quantities).toEqual({ total: 37 });
  });

  it('quantities as digit strings and nulls for absent fields (the SP-API habit wire-leniency.ts names) read as counts', () => {
    const m = map({
      sellerSku: 'S',
      asin: null,
      totalQuantity: '12',
      inventoryDetails: { fulfillableQuantity: '10', reservedQuantity: null, unfulfillableQuantity: { totalUnfulfillableQuantity: '2', expiredQuantity: ' 2 ' } },
    });
    if (!m.ok) throw m.error;
    expect(m.value.quantities).toEqual({ available: 10, unfulfillable: { total: 2, byReason: { expired: 2 } }, total: 12 });
    expect(m.value.refs).toEqual({});
  });

  it('an offset lastUpdatedTime is normalised to UTC', () => {
    const m = map({ sellerSku: 'S', lastUpdatedTime: '2026-03-02T19:15:00+09:00' });
    if (!m.ok) throw m.error;
    expect(m.value.observedAt).toBe('2026-03-02T10:15:00Z');
  });
});

describe('rejections', () => {
  it.each([
    [{ sellerSku: 'NEG-1', totalQuantity: -1 }, 'totalQuantity'],
    [{ sellerSku: 'NEG-2', inventoryDetails: { fulfillableQuantity: '-3' } }, 'inventoryDetails.fulfillableQuantity'],
    [{ sellerSku: 'NEG-3', inventoryDetails: { reservedQuantity: { pendingCustomerOrderQuantity: -2 } } }, 'inventoryDetails.reservedQuantity.pendingCustomerOrderQuantity'],
    [{ sellerSku: 'NEG-4', inventoryDetails: { researchingQuantity: { researchingQuantityBreakdown: [{ name: 'researchingQuantityInShortTerm', quantity: -1 }] } } }, 'inventoryDetails.researchingQuantity.researchingQuantityBreakdown[0].quantity'],
  ])('a negative quantity is a typed rejection naming the SKU and field (%#)', (raw, field) => {
    const m = map(raw);
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.error.recordType).toBe(AMAZON_INVENTORY_SUMMARY_RECORD_TYPE);
    expect(m.error.recordId).toBe(raw.sellerSku);
    expect(m.error.field).toBe(field);
    expect(m.error.message).toContain('negative');
  });

  it('an impossible lastUpdatedTime is rejected on that field', () => {
    expect(AmazonInventorySummarySchema.safeParse({ sellerSku: 'S', lastUpdatedTime: '2026-02-30T00:00:00Z' }).success).toBe(false);
  });

  it('a granularity other than Marketplace is rejected', () => {
    const m = map({ sellerSku: 'S' }, { granularityType: 'Region', granularityId: 'eu' });
    expect(m.ok ? '' : m.error.field).toBe('granularity.granularityType');
  });

  it('fractional quantities and a summary without sellerSku are schema issues', () => {
    expect(AmazonInventorySummarySchema.safeParse({ sellerSku: 'S', totalQuantity: 1.5 }).success).toBe(false);
    expect(AmazonInventorySummarySchema.safeParse({ asin: 'B0' }).success).toBe(false);
  });
});
