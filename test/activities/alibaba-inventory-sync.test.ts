/**
 * inventorySync unchanged for an Alibaba.com connection, on a real SQLite store with the
 * platform's replies from nock: the plan for the ALIBABA marketplace, one stock call per product
 * (SKUs found through the product pages), verdicts recorded per SKU (a SKU no product carries
 * rejected without a call), and a "feed" sent one by one, read back done with its verdicts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInventorySyncActivities } from '../../activities/inventory-sync.js';
import type { InventorySyncActivities } from '../../activities/inventory-sync-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import type { InventoryLevel } from '../../mappings/canonical/inventory.js';
import type { Product } from '../../mappings/canonical/product.js';
import { closeDatabase, listQuantityPublications, migrateLatest, openDatabase, upsertInventoryLevels, upsertProducts } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import { isolateNetworkPerTest } from '../connectors/nock-kit.js';
import { ACCESS, APP_KEY, APP_SECRET, REFRESH, restEndpoint, type Form } from '../connectors/alibaba/kit.js';

isolateNetworkPerTest();

const NOW = new Date('2026-03-10T12:00:00.000Z');
const logger = createLogger({ level: 'silent' });
const env = { S: APP_SECRET, A: ACCESS, R: REFRESH };
const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        connections: {
          alibaba: {
            vendor: 'alibaba',
            settings: { appKey: APP_KEY },
            secrets: { appSecret: { env: 'S' }, accessToken: { env: 'A' }, refreshToken: { env: 'R' } },
            listings: {
              marketplaces: { ALIBABA: { languageTag: 'en_US', price: { rule: 'fixed', currency: 'USD' } } },
              productTypes: { flask: { productType: '100009031', attributes: { subject: { expr: 'product.title."en-GB"' } } } },
            },
            inventory: { locations: ['CN-SZX'] },
          },
        },
      },
    },
  },
  {},
);

const product = (sku: string): Product => ({ sku, category: 'flask', title: { 'en-GB': sku }, attributes: {}, basePrice: { amountMinor: 1250, currency: 'USD' } });
const level = (sku: string, available: number): InventoryLevel => ({ vendor: 'seller-file', sku, location: { type: 'own-warehouse', id: 'CN-SZX' }, quantities: { available }, observedAt: '2026-03-01T08:00:00Z', refs: {} });

/** The product pages the connector reads once to find SKUs: one product carrying FLASK-RED and FLASK-BLU. */
function catalogue(): void {
  restEndpoint('/alibaba/icbu/product/list', [], { code: '0', value: { total_item: '1', products: [{ id: '1601314875038', product_id: '6edvniewvnewovn' }] }, request_id: 'r-l' });
  restEndpoint('/alibaba/icbu/product/get', [], { code: '0', value: { product_id: '6edvniewvnewovn', subject: 'Flask', product_sku: { skus: [{ sku_code: 'FLASK-RED' }, { sku_code: 'FLASK-BLU' }] } }, request_id: 'r-g' });
}

describe('inventorySync activities on an Alibaba.com connection', () => {
  let db: Knex;
  let activities: InventorySyncActivities;
  const run = { tenant: 'acme', channel: 'alibaba', workflowId: 'inventory-sync/acme/alibaba', runId: 'run-1' };

  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-alibaba-sync-')), 'caravan.db') });
    await migrateLatest(db);
    activities = createInventorySyncActivities({ db, config, vendors: createVendorClients({ config, logger, env }), logger, clock: () => NOW, heartbeat: () => {} });
    await upsertProducts(db, 'acme', [product('FLASK-RED'), product('FLASK-BLU'), product('FLASK-NEW')]);
    await upsertInventoryLevels(db, 'acme', [level('FLASK-RED', 10), level('FLASK-BLU', 4), level('FLASK-NEW', 2)]);
  });
  afterAll(async () => {
    await closeDatabase(db);
  });

  it('pushes each SKU with one stock call for its product, and records the verdicts', async () => {
    await activities.startInventorySync(run);
    const page = await activities.planInventoryPage(run);
    expect(page.push.map((p) => `${p.sku} ${p.marketplaceId} ${p.quantity}`)).toEqual(['FLASK-BLU ALIBABA 4', 'FLASK-NEW ALIBABA 2', 'FLASK-RED ALIBABA 10']);
    catalogue();
    const sent: Form[] = [];
    restEndpoint('/alibaba/icbu/product/inventory/update', sent, { code: '0', result: { success: true }, request_id: 'r-1' });
    restEndpoint('/alibaba/icbu/product/inventory/update', sent, { code: '0', result: { success: true }, request_id: 'r-2' });
    expect(await activities.pushQuantities({ ...run, push: page.push })).toEqual({ sent: 3, accepted: 2, rejected: 1, pending: 0 });
    expect(sent.map((f) => [f.product_id, JSON.parse(f.sku_inventory_list!)])).toEqual([
      ['6edvniewvnewovn', [{ sku_code: 'FLASK-BLU', inventory: 4 }]],
      ['6edvniewvnewovn', [{ sku_code: 'FLASK-RED', inventory: 10 }]],
    ]);
    const stored = await listQuantityPublications(db, { tenant: 'acme', channel: 'alibaba' });
    expect(stored.map((p) => `${p.sku} ${p.quantity} ${p.status}`).sort()).toEqual(['FLASK-BLU 4 accepted', 'FLASK-NEW 2 rejected', 'FLASK-RED 10 accepted']);
    expect(stored.find((p) => p.sku === 'FLASK-NEW')?.issues).toMatchObject([{ code: 'sku_not_listed' }]);
  });

  it('sends a quantities feed one by one; the check reads it done with the verdict per SKU', async () => {
    await upsertInventoryLevels(db, 'acme', [level('FLASK-RED', 7), level('FLASK-BLU', 3)]);
    const push = (await activities.planInventoryPage(run)).push.filter((p) => p.sku !== 'FLASK-NEW');
    const sent: Form[] = [];
    restEndpoint('/alibaba/icbu/product/inventory/update', sent, { code: '0', result: { success: false, error_code: 'SKU_LOCKED', error_message: 'sku locked' }, request_id: 'r-3' });
    const submitted = await activities.submitQuantitiesFeed({ ...run, push });
    expect(sent).toHaveLength(1);
    expect(submitted.feeds).toEqual([{ feedId: expect.stringMatching(/^alibaba-quantities-/), marketplaceId: 'ALIBABA', skus: ['FLASK-BLU', 'FLASK-RED'] }]);
    expect(await activities.checkQuantitiesFeed({ ...run, feed: submitted.feeds[0]! })).toEqual({ state: 'done', accepted: 0, rejected: 2 });
    const stored = await listQuantityPublications(db, { tenant: 'acme', channel: 'alibaba' });
    expect(stored.filter((p) => p.sku !== 'FLASK-NEW').map((p) => `${p.sku} ${p.quantity} ${p.status}`).sort()).toEqual(['FLASK-BLU 3 rejected', 'FLASK-RED 7 rejected']);
  });
});
