/**
 * A held-out FBA_INVENTORY_AVAILABILITY_CHANGES notification shaped as amzn/selling-partner-api-models#5284
 * reports a published schema version has it (test/fixtures/amazon/heldout/SOURCE.md).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InventoryLevel } from '../../../mappings/canonical/index.js';
import { caravanMap, scratchFiles } from '../../cli/map-harness.js';
import { readFileSync } from 'node:fs';

const FILE = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout', 'FBA_INVENTORY_AVAILABILITY_CHANGES.reserved-in-inbound.json');
const write = scratchFiles('caravan-fba-notification-');

async function levels(file: string): Promise<InventoryLevel[]> {
  const { code, stderr, stdout } = await caravanMap('amazon.notification', file);
  expect([code, stderr]).toEqual([0, '']);
  return JSON.parse(stdout) as InventoryLevel[];
}

describe('WarehouseTransfer / WarehouseProcessing inside InboundQuantityBreakdown', () => {
  it('are still the reserved transshipment and FC-processing quantities; inbound keeps Working/Shipped/Receiving', async () => {
    const [level] = await levels(FILE);
    expect(level!.quantities).toMatchObject({
      inbound: { working: 0, shipped: 5, receiving: 10 },
      reserved: { pendingCustomerOrder: 10, pendingTransshipment: 15, fcProcessing: 5 },
    });
  });

  it('the reserved breakdown wins when both carry them; a bad count in the inbound place is named there', async () => {
    const doc = JSON.parse(readFileSync(FILE, 'utf8')) as { Payload: { FulfillmentInventoryByMarketplace: { FulfillmentInventory: Record<string, Record<string, unknown>> }[] } };
    const inv = doc.Payload.FulfillmentInventoryByMarketplace[0]!.FulfillmentInventory;
    inv.ReservedQuantityBreakdown!.WarehouseTransfer = 7;
    const [both] = await levels(write('both.json', doc));
    expect(both!.quantities.reserved).toMatchObject({ pendingTransshipment: 7, fcProcessing: 5 });
    delete inv.ReservedQuantityBreakdown!.WarehouseTransfer;
    inv.InboundQuantityBreakdown!.WarehouseTransfer = -1;
    const { stdout } = await caravanMap('amazon.notification', write('bad.json', doc));
    expect(stdout).toContain('Payload.FulfillmentInventoryByMarketplace[0].FulfillmentInventory.InboundQuantityBreakdown.WarehouseTransfer');
  });
});

describe('notifications as the queue hands them over', () => {
  const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout');
  it.each(['FBA_INVENTORY_AVAILABILITY_CHANGES.lambda-sqs-event.json', 'FBA_INVENTORY_AVAILABILITY_CHANGES.sqs-receive-message.json'])('%s: the notification inside, one level per marketplace', async (name) => {
    const out = await levels(join(DIR, name));
    expect(out.map((l) => [l.sku, l.location.id, l.quantities.available])).toEqual([
      ['SELLERSKU-1', 'amazon-fba:ATVPDKIKX0DER', 50],
      ['SELLERSKU-1', 'amazon-fba:A2EUQ1WTGCTBG2', 40],
    ]);
  });

  it('a record whose body is no notification is named by its index', async () => {
    const { code, stderr } = await caravanMap('amazon.notification', write('records.json', { Records: [{ messageId: 'm1', body: '{"NotificationType":"ORDER_CHANGE"}' }] }));
    expect(code).toBe(1);
    expect(stderr).toContain('[0]: its NotificationType is ORDER_CHANGE');
  });
});
