/**
 * Held-out getInventorySummaries replies (test/fixtures/amazon/heldout/SOURCE.md) through
 * `caravan map amazon.inventory-summaries`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InventoryLevel } from '../../../mappings/canonical/index.js';
import { caravanMap } from '../../cli/map-harness.js';

const HELDOUT = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout');

async function levels(name: string): Promise<InventoryLevel[]> {
  const { code, stderr, stdout } = await caravanMap('amazon.inventory-summaries', join(HELDOUT, name));
  expect([code, stderr]).toEqual([0, '']);
  return JSON.parse(stdout) as InventoryLevel[];
}

describe('getInventorySummaries as saved in the wild', () => {
  const expected = {
    sku: '610bb-#xxxxxxxxxxx',
    location: { id: 'amazon-fba:ATVPDKIKX0DER', marketplaceId: 'ATVPDKIKX0DER' },
    quantities: { total: 0 },
    condition: 'NewItem',
    productName: 'White Floral Backpack',
    refs: { asin: 'xxxxxx', fnsku: 'xxxxxxxx' },
  };

  it('the reply of selling-partner-api-docs#1174 (lastUpdatedTime "") maps, with no observedAt', async () => {
    const [level] = await levels('getInventorySummaries.last-updated-empty.json');
    expect(level).toMatchObject(expected);
    expect(level!.observedAt).toBeUndefined();
  });

  it('its payload saved alone ({ granularity, inventorySummaries }) maps the same', async () => {
    expect(await levels('getInventorySummaries.payload-only.json')).toEqual(await levels('getInventorySummaries.last-updated-empty.json'));
  });
});
