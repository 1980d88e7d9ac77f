/**
 * inventorySync end to end on the real dev server against the sandbox SP-API: the demo
 * catalogue and stock imported into the hub, a listing on the sandbox for every SKU with stock
 * in DE-HAM (Listings Items PUT); the first push carries them all (a feed: more than the
 * threshold), and the sandbox's listings then show the quantities (getListingsItem
 * fulfillmentAvailability); a second run with nothing changed sends nothing; an order imported
 * for one SKU lowers its next push (one patchListingsItem); FBA stock is read back into the hub.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryImportCommand, catalogImportCommand } from '../../cli/commands/catalog.js';
import { startInventorySync } from '../../cli/commands/sync.js';
import { createVendorClients, type VendorClients } from '../../activities/vendor-clients.js';
import type { AmazonClient } from '../../connectors/amazon/client.js';
import { SANDBOX_SELLER_ID } from '../../sandbox/amazon/index.js';
import { countProducts, getInventoryLevels, listProducts, listQuantityPublications, listRuns, upsertInventoryLevels, upsertOrders } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import type { InventorySyncInput, InventorySyncProgress, InventorySyncSummary } from '../../workflows/inventory-sync.js';
import { makeLine, makeOrder } from '../store/order-fixtures.js';
import { createHarness, type Harness } from './harness.js';

const DE = 'A1PA6795UKMFR9';
const PRODUCT_TYPES: Record<string, string> = { tshirt: 'SHIRT', handbag: 'HANDBAG', mug: 'DRINKING_CUP' };
const FAST_FEED_POLL = { firstPollMs: 200, factor: 1.5, maxPollMs: 1000, giveUpAfterMs: 60_000 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A listing the sandbox's product type schemas accept, its quantity 0 until the hub sets it. */
function listingOf(productType: string, title: string, brand: string): Record<string, unknown> {
  const text = (value: string) => [{ value, language_tag: 'de_DE', marketplace_id: DE }];
  const facts: Record<string, Record<string, unknown>> = {
    SHIRT: { color: text('Black'), size: text('M') },
    HANDBAG: { color: text('Brown'), material: text('Leather') },
    DRINKING_CUP: { material: text('Stoneware'), capacity: [{ value: 300, unit: 'milliliters', marketplace_id: DE }] },
  };
  return {
    productType,
    requirements: 'LISTING',
    attributes: {
      item_name: text(title),
      brand: text(brand),
      ...facts[productType],
      condition_type: [{ value: 'new_new', marketplace_id: DE }],
      purchasable_offer: [{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 24.9 }] }], marketplace_id: DE }],
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 0 }],
    },
  };
}

describe('inventorySync against the sandbox', () => {
  let h: Harness;
  let vendors: VendorClients;
  const tenant = `inv-${Date.now().toString(36)}`;
  /** DE-HAM available units per SKU, as imported. */
  const deHam = new Map<string, number>();
  let orderedSku = '';

  const sync = async (input: Partial<InventorySyncInput> = {}): Promise<InventorySyncSummary> => {
    const s = await startInventorySync(h.client, tenant, 'amazon-eu', { taskQueue: h.taskQueue, input: { feedPoll: FAST_FEED_POLL, ...input } });
    const summary = await s.handle.result();
    expect(await s.handle.query<InventorySyncProgress>('progress')).toMatchObject({ phase: 'done', totals: summary.totals });
    return summary;
  };
  const quantityOnSandbox = async (sku: string): Promise<number | undefined> => {
    const client = vendors.connection(tenant, 'amazon-eu').connector.client as AmazonClient;
    const { item } = await client.getListingsItem({ sku, marketplaceIds: [DE], includedData: ['fulfillmentAvailability'] });
    return item.fulfillmentAvailability?.find((f) => f.fulfillmentChannelCode === 'DEFAULT')?.quantity;
  };

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    h = await createHarness({
      tenants: [tenant],
      sandbox: { port },
      extraConfig: {
        tenants: {
          [tenant]: {
            inventory: { rule: 'share' },
            connections: {
              'amazon-eu': {
                vendor: 'amazon',
                settings: { region: 'eu', marketplaceIds: [DE], sellerId: SANDBOX_SELLER_ID, endpoint: url, tokenEndpoint: `${url}/auth/o2/token` },
                secrets: { clientId: { env: 'CARAVAN_TEST_LWA_CLIENT_ID' }, clientSecret: { env: 'CARAVAN_TEST_LWA_CLIENT_SECRET' }, refreshToken: { env: 'CARAVAN_TEST_LWA_REFRESH_TOKEN' } },
                listings: {
                  marketplaces: { [DE]: { languageTag: 'de_DE', price: { rule: 'fixed', currency: 'EUR' } } },
                  productTypes: Object.fromEntries(Object.entries(PRODUCT_TYPES).map(([category, productType]) => [category, { productType, attributes: { condition_type: { fixed: 'new_new' } } }])),
                },
                inventory: { locations: ['DE-HAM'], safetyBuffer: 1, readMarketplaceStock: true },
              },
            },
          },
        },
      },
    });
    vendors = createVendorClients({ config: h.config, logger: createLogger({ level: 'silent' }) });
    await catalogImportCommand({ db: h.db, config: h.config }, 'config/demo-catalogue/products.csv', { tenant });
    await inventoryImportCommand({ db: h.db, config: h.config }, 'config/demo-catalogue/stock.csv', { tenant });
    const listings = vendors.capability(tenant, 'amazon-eu', 'listingTarget').capability;
    for (const p of await listProducts(h.db, tenant, { limit: 1000 })) {
      const level = (await getInventoryLevels(h.db, tenant, p.sku)).find((l) => l.locationId === 'DE-HAM');
      if (level === undefined) continue;
      deHam.set(p.sku, level.level.quantities.available ?? 0);
      const title = p.product.title['de-DE'] ?? p.sku;
      const reply = (await listings.putListing({ sku: p.sku, marketplaceId: DE, request: listingOf(PRODUCT_TYPES[p.product.category!]!, title, p.product.brand ?? 'Caravan') })) as { status: string; issues?: unknown[] };
      expect(reply, p.sku).toMatchObject({ status: 'ACCEPTED' });
    }
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('pushes every SKU’s DE-HAM stock less the buffer in a feed, and the sandbox shows the quantities', async () => {
    expect(deHam.size).toBeGreaterThan(20);
    const summary = await sync();
    expect(summary.totals).toMatchObject({ sent: deHam.size, accepted: deHam.size, rejected: 0, pending: 0, skipped: 0 });
    const published = await listQuantityPublications(h.db, { tenant, channel: 'amazon-eu', limit: 1000 });
    expect(published.every((p) => p.via === 'feed' && p.status === 'accepted')).toBe(true);
    for (const [sku, available] of [...deHam].slice(0, 8)) {
      expect(await quantityOnSandbox(sku), sku).toBe(Math.max(0, available - 1));
    }
    const runs = await listRuns(h.db, { tenant });
    expect(runs[0]).toMatchObject({ flow: 'inventory-sync', status: 'completed', inserted: deHam.size });
  }, 120_000);

  it('reads FBA stock back into the hub', async () => {
    const levels = await getInventoryLevels(h.db, tenant);
    const fba = levels.filter((l) => l.locationId === `amazon-fba:${DE}`);
    expect(fba.length).toBeGreaterThan(0);
    expect(fba.every((l) => l.level.location.type === 'marketplace-fulfilment')).toBe(true);
  });

  it('a second run with nothing changed sends nothing', async () => {
    const summary = await sync();
    expect(summary.totals).toMatchObject({ sent: 0, unchanged: deHam.size });
  }, 60_000);

  it('an order imported for one SKU lowers its next push, sent by one Listings Items call', async () => {
    const [sku, available] = [...deHam].find(([, n]) => n >= 5)!;
    orderedSku = sku;
    const order = makeOrder(1, { updatedAt: new Date().toISOString(), lines: [makeLine('o-1', 1, { sku, quantity: 2 })] });
    await upsertOrders(h.db, tenant, [order]);
    const summary = await sync();
    expect(summary.totals).toMatchObject({ sent: 1, accepted: 1 });
    expect(await quantityOnSandbox(sku)).toBe(available - 1 - 2);
    const [publication] = await listQuantityPublications(h.db, { tenant, channel: 'amazon-eu', sku });
    expect(publication).toMatchObject({ quantity: available - 3, via: 'listings-item', status: 'accepted' });
    expect(publication!.allocation).toMatchObject({ committed: { 'DE-HAM': 2 }, heldBack: 1 });
  }, 60_000);

  it('continues as new between plan pages, keeping its totals', async () => {
    const summary = await sync({ pageSize: 5, continueAsNewAfterEvents: 20 });
    expect(summary.continuedAsNew).toBeGreaterThan(0);
    // A full last page is followed by an empty one: the page size alone cannot tell it was the last.
    expect(summary.pages).toBe(Math.floor((await countProducts(h.db, tenant)) / 5) + 1);
    expect(summary.totals).toMatchObject({ sent: 0, unchanged: deHam.size });
  }, 60_000);

  it('a feed Amazon cancels leaves its quantities rejected, and the next run sends them again', async () => {
    // A new count: one more unit of every SKU in DE-HAM, more changes than the feed threshold.
    const levels = [];
    for (const sku of deHam.keys()) {
      const [stored] = (await getInventoryLevels(h.db, tenant, sku)).filter((l) => l.locationId === 'DE-HAM');
      levels.push({ ...stored!.level, quantities: { ...stored!.level.quantities, available: deHam.get(sku)! + 1 }, observedAt: new Date().toISOString() });
      deHam.set(sku, deHam.get(sku)! + 1);
    }
    await upsertInventoryLevels(h.db, tenant, levels);
    h.sandbox.planFeedOutcome('CANCELLED');
    const cancelled = await sync();
    expect(cancelled.totals).toMatchObject({ sent: deHam.size, accepted: 0, rejected: deHam.size, pending: 0 });
    const rejected = await listQuantityPublications(h.db, { tenant, channel: 'amazon-eu', status: 'rejected', limit: 1000 });
    expect(rejected).toHaveLength(deHam.size);
    expect(rejected[0]!.issues[0]!.message).toMatch(/^feed \S+ ended CANCELLED$/);

    const again = await sync();
    expect(again.totals).toMatchObject({ sent: deHam.size, accepted: deHam.size, rejected: 0 });
    const [sku, available] = [...deHam].find(([s]) => s !== orderedSku)!;
    expect(await quantityOnSandbox(sku)).toBe(Math.max(0, available - 1));
  }, 60_000);
});
