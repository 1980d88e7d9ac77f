/** `caravan inventory plan`: every channel's share of the stock, from the hub alone (SQLite store, no vendor calls). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryPlanCommand } from '../../cli/commands/inventory-plan.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import type { InventoryLevel } from '../../mappings/canonical/inventory.js';
import { closeDatabase, migrateLatest, openDatabase, recordQuantitySends, upsertInventoryLevels, upsertOrders, upsertProducts } from '../../store/index.js';
import { makeLine, makeOrder } from '../store/order-fixtures.js';

const DE = 'A1PA6795UKMFR9';
const UK = 'A1F83G8C2ARO7P';
const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
const secrets = { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } };
const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        connections: {
          'amazon-eu': { vendor: 'amazon', settings: { region: 'eu', marketplaceIds: [DE, UK] }, secrets, inventory: { locations: ['DE-HAM'], marketplaces: { [UK]: { weight: 2 } } } },
          'amazon-na': { vendor: 'amazon', settings: { region: 'na', marketplaceIds: [US] }, secrets, inventory: { locations: ['US-NJ', 'DE-HAM'], safetyBuffer: 1 } },
          'amazon-fe': { vendor: 'amazon', settings: { region: 'fe', marketplaceIds: [JP] }, secrets, inventory: { locations: ['DE-HAM'], maxUnits: 1 } },
        },
      },
    },
  },
  {},
);
const level = (id: string, available: number): InventoryLevel => ({
  vendor: 'seller-file',
  sku: 'MUG-1',
  location: { type: id === 'DE-HAM' ? 'own-warehouse' : 'overseas-warehouse', id },
  quantities: { available },
  observedAt: '2026-03-01T08:00:00Z',
  refs: {},
});

/** The table's rows as arrays of cells (columns are two or more spaces apart). */
const rowsOf = (text: string): string[][] =>
  text
    .split('\n')
    .slice(2)
    .filter((l) => l.startsWith('MUG-1'))
    .map((l) => l.trim().split(/\s{2,}/));

describe('caravan inventory plan', () => {
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-inventory-plan-')), 'caravan.db') });
    await migrateLatest(db);
    await upsertProducts(db, 'acme', [{ sku: 'MUG-1', category: 'mug', title: { 'en-GB': 'Mug' }, attributes: {}, basePrice: { amountMinor: 1290, currency: 'EUR' } }]);
    await upsertInventoryLevels(db, 'acme', [level('DE-HAM', 9), level('US-NJ', 4)]);
  });
  afterAll(async () => {
    await closeDatabase(db);
  });

  it('prints each channel and marketplace: its share per location, buffer, cap, promise', async () => {
    const text = await inventoryPlanCommand({ db, config }, { sku: 'MUG-1' });
    expect(text.split('\n')[0]).toBe('rule: share');
    // DE-HAM 9 by weight DE 1, UK 2, US 1, JP 1: 1.8, 3.6, 1.8, 1.8 → 1, 3, 1, 1 and the 3 left to the largest remainders (DE, JP, US).
    expect(rowsOf(text)).toEqual([
      ['MUG-1', 'DE-HAM:9 US-NJ:4', 'amazon-eu', `DE ${DE}`, 'DE-HAM:2', '0', '0', '2'],
      ['MUG-1', 'DE-HAM:9 US-NJ:4', 'amazon-eu', `GB ${UK}`, 'DE-HAM:3', '0', '0', '3'],
      ['MUG-1', 'DE-HAM:9 US-NJ:4', 'amazon-na', `US ${US}`, 'DE-HAM:2 US-NJ:4', '1', '0', '5'],
      ['MUG-1', 'DE-HAM:9 US-NJ:4', 'amazon-fe', `JP ${JP}`, 'DE-HAM:2', '0', '1', '1'],
    ]);
  });

  it('an open order is charged to its channel’s first location; the quantity last sent is shown', async () => {
    const order = makeOrder(1, { channel: 'amazon-na', marketplace: { id: US, country: 'US', name: 'Amazon.com' }, lines: [makeLine('o-1', 1, { sku: 'MUG-1', quantity: 3 })] });
    await upsertOrders(db, 'acme', [order]);
    await recordQuantitySends(db, 'acme', 'amazon-na', [{ sku: 'MUG-1', marketplaceId: US, quantity: 5, allocation: {}, status: 'accepted', via: 'listings-item' }]);
    const rows = rowsOf(await inventoryPlanCommand({ db, config }, { sku: 'MUG-1' }));
    expect(rows[2]).toEqual(['MUG-1', 'DE-HAM:9 US-NJ:1', 'US-NJ:3', 'amazon-na', `US ${US}`, 'DE-HAM:2 US-NJ:1', '1', '0', '2', '5 accepted']);
  });

  it('names a SKU without stock; --json gives the plans', async () => {
    await expect(inventoryPlanCommand({ db, config }, { sku: 'NOPE' })).rejects.toThrow('tenant acme has no warehouse stock for sku "NOPE"');
    const json = JSON.parse(await inventoryPlanCommand({ db, config }, { json: true })) as { plans: { sku: string; allocations: unknown[] }[] };
    expect(json.plans.map((p) => [p.sku, p.allocations.length])).toEqual([['MUG-1', 4]]);
  });
});
