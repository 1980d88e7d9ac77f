/**
 * The inventorySync activities on a real SQLite store, the channel's replies from nock: the plan
 * sends only quantities that changed (a rejected one again), each send recorded with its
 * allocation; a SKU whose category has no product type on the channel is skipped; an order
 * lowers the next push; a feed's sends stay pending until its report is read; FBA stock is
 * read back into the hub; the run is recorded.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInventorySyncActivities } from '../../activities/inventory-sync.js';
import type { InventorySyncActivities, QuantityToPush } from '../../activities/inventory-sync-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import type { InventoryLevel } from '../../mappings/canonical/inventory.js';
import type { Product } from '../../mappings/canonical/product.js';
import { closeDatabase, getInventoryLevels, getRun, listQuantityPublications, migrateLatest, openDatabase, upsertInventoryLevels, upsertOrders, upsertProducts } from '../../store/index.js';
import { FLOWS } from '../../temporal.config.js';
import { createLogger } from '../../worker/logger.js';
import { EU_ENDPOINT, isolateNetworkPerTest, mockLwa } from '../connectors/amazon/amazon-test-kit.js';
import { feedsFixtureText, recordAnswer, type SeenCall } from '../connectors/amazon/listings-test-kit.js';
import { makeLine, makeOrder } from '../store/order-fixtures.js';

isolateNetworkPerTest();

const NOW = new Date('2026-03-10T12:00:00.000Z');
const DE = 'A1PA6795UKMFR9';
const UK = 'A1F83G8C2ARO7P';
const SELLER = 'A34PPN1ZLYCOGT';
const S3 = 'https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com';
const logger = createLogger({ level: 'silent' });
const env = { A: 'amzn1.application-oa2-client.caravantest', B: 'amzn1.oa2-cs.v1.caravan-secret-value', C: 'Atzr|caravan-refresh-token-value' };
const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        connections: {
          'amazon-eu': {
            vendor: 'amazon',
            settings: { region: 'eu', marketplaceIds: [DE, UK], sellerId: SELLER },
            secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
            listings: {
              marketplaces: { [DE]: { languageTag: 'de_DE', price: { rule: 'fixed', currency: 'EUR' } } },
              productTypes: { mug: { productType: 'DRINKING_CUP', attributes: { condition_type: { fixed: 'new_new' } } } },
            },
            inventory: { locations: ['DE-HAM'], safetyBuffer: 1, marketplaces: { [UK]: { weight: 2, handlingDays: 3 } }, readMarketplaceStock: true },
          },
        },
      },
    },
  },
  {},
);

const product = (sku: string, category: string): Product => ({ sku, category, title: { 'en-GB': sku }, attributes: {}, basePrice: { amountMinor: 1290, currency: 'EUR' } });
const level = (sku: string, available: number): InventoryLevel => ({
  vendor: 'seller-file',
  sku,
  location: { type: 'own-warehouse', id: 'DE-HAM' },
  quantities: { available },
  observedAt: '2026-03-01T08:00:00Z',
  refs: {},
});
const patchOf = (quantity: number, handlingDays?: number) => ({
  productType: 'DRINKING_CUP',
  patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity, ...(handlingDays === undefined ? {} : { lead_time_to_ship_max_days: handlingDays }) }] }],
});
const brief = (push: QuantityToPush[]) => push.map((p) => `${p.sku} ${p.marketplaceId === DE ? 'DE' : 'UK'} ${p.quantity} ${p.reason}`);

describe('inventorySync activities', () => {
  let db: Knex;
  let activities: InventorySyncActivities;
  const run = { tenant: 'acme', channel: 'amazon-eu', workflowId: 'inventory-sync/acme/amazon-eu', runId: 'run-1' };

  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-inventory-sync-')), 'caravan.db') });
    await migrateLatest(db);
    activities = createInventorySyncActivities({ db, config, vendors: createVendorClients({ config, logger, env }), logger, clock: () => NOW, heartbeat: () => {} });
    await upsertProducts(db, 'acme', [product('MUG-1', 'mug'), product('MUG-2', 'mug'), product('TEE-1', 'tshirt')]);
    await upsertInventoryLevels(db, 'acme', [level('MUG-1', 10), level('MUG-2', 4), level('TEE-1', 5)]);
  });
  afterAll(async () => {
    await closeDatabase(db);
  });

  it('starts the run: FBA read for every marketplace of the connection, the feed threshold', async () => {
    expect(await activities.startInventorySync(run)).toEqual({ startedAt: NOW.toISOString(), readMarketplaces: [DE, UK], feedThreshold: 20 });
    expect(await getRun(db, run)).toMatchObject({ status: 'running', flow: FLOWS.inventorySync, channel: 'amazon-eu' });
  });

  it('plans DE-HAM split 1:2 between DE and UK less a buffer of 1 each; a category without product type is skipped', async () => {
    const page = await activities.planInventoryPage(run);
    // MUG-1: 10 → DE 3, UK 7 (largest remainder to the heavier weight) → less 1 each; MUG-2: 4 → DE 1, UK 3 → 0 and 2.
    expect(brief(page.push)).toEqual(['MUG-1 DE 2 new', 'MUG-1 UK 6 new', 'MUG-2 DE 0 new', 'MUG-2 UK 2 new']);
    expect(page.push[1]!.basis).toEqual({ fromLocations: { 'DE-HAM': 7 }, heldBack: 1, capped: 0, free: { 'DE-HAM': 10 }, committed: {}, rule: 'share' });
    expect(page).toMatchObject({ skusPlanned: 3, unchanged: 0, skipped: 2 });
    expect(page.nextAfterSku).toBeUndefined();
  });

  it('pushes one PATCH per SKU and marketplace and records each send with its verdict and allocation', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    const scope = nock(EU_ENDPOINT);
    for (const [sku, status] of [['MUG-1', 'ACCEPTED'], ['MUG-1', 'ACCEPTED'], ['MUG-2', 'ACCEPTED'], ['MUG-2', 'INVALID']] as const) {
      scope
        .patch(new RegExp(`^/listings/2021-08-01/items/${SELLER}/${sku}\\?`))
        .reply(recordAnswer(seen, 200, { sku, status, submissionId: `s-${seen.length}-${sku}`, issues: status === 'INVALID' ? [{ code: '4000004', message: 'no listing', severity: 'ERROR' }] : [] }));
    }
    const page = await activities.planInventoryPage(run);
    expect(await activities.pushQuantities({ ...run, push: page.push })).toEqual({ sent: 4, accepted: 3, rejected: 1, pending: 0 });
    expect(seen.map((s) => s.path)).toEqual([
      `/listings/2021-08-01/items/${SELLER}/MUG-1?marketplaceIds=${DE}`,
      `/listings/2021-08-01/items/${SELLER}/MUG-1?marketplaceIds=${UK}`,
      `/listings/2021-08-01/items/${SELLER}/MUG-2?marketplaceIds=${DE}`,
      `/listings/2021-08-01/items/${SELLER}/MUG-2?marketplaceIds=${UK}`,
    ]);
    // UK has a handling time of 3 days in the config: it travels with every UK quantity.
    expect(seen.map((s) => JSON.parse(s.body))).toEqual([patchOf(2), patchOf(6, 3), patchOf(0), patchOf(2, 3)]);
    const stored = await listQuantityPublications(db, { tenant: 'acme', channel: 'amazon-eu' });
    expect(stored.map((p) => `${p.sku} ${p.marketplaceId === DE ? 'DE' : 'UK'} ${p.quantity} ${p.status} ${p.via}`).sort()).toEqual([
      'MUG-1 DE 2 accepted listings-item',
      'MUG-1 UK 6 accepted listings-item',
      'MUG-2 DE 0 accepted listings-item',
      'MUG-2 UK 2 rejected listings-item',
    ]);
    expect(stored.find((p) => p.sku === 'MUG-1' && p.marketplaceId === UK)?.allocation).toMatchObject({ fromLocations: { 'DE-HAM': 7 }, heldBack: 1 });
  });

  it('a retried push (same input) skips what an earlier attempt sent and recorded: no request goes out', async () => {
    const accepted = (await listQuantityPublications(db, { tenant: 'acme', channel: 'amazon-eu', status: 'accepted' })).map((p) => ({
      sku: p.sku,
      marketplaceId: p.marketplaceId,
      quantity: p.quantity,
      productType: 'DRINKING_CUP',
      reason: 'new',
      basis: p.allocation as QuantityToPush['basis'],
    }));
    expect(accepted).toHaveLength(3);
    expect(await activities.pushQuantities({ ...run, push: accepted })).toEqual({ sent: 0, accepted: 0, rejected: 0, pending: 0 });
  });

  it('the next plan sends only the rejected quantity again; an order lowers the next push', async () => {
    expect(brief((await activities.planInventoryPage(run)).push)).toEqual(['MUG-2 UK 2 rejected-before']);
    const order = makeOrder(1, { updatedAt: '2026-03-09T10:00:00Z', lines: [makeLine('o-1', 1, { sku: 'MUG-1', quantity: 3 })] });
    await upsertOrders(db, 'acme', [order]);
    // 10 − 3 open = 7 → DE 2, UK 5 (remainders 1 and 2) → less 1 each.
    expect(brief((await activities.planInventoryPage(run)).push)).toEqual(['MUG-1 DE 1 changed', 'MUG-1 UK 4 changed', 'MUG-2 UK 2 rejected-before']);
  });

  it('a feed: sends recorded pending with the feed id, then the report’s verdicts per SKU', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .post('/feeds/2021-06-30/documents')
      .reply(recordAnswer(seen, 201, feedsFixtureText('create-feed-document.peddler.json')))
      .post('/feeds/2021-06-30/feeds')
      .reply(recordAnswer(seen, 202, { feedId: 'F-UK' }));
    nock(S3).put(/.*/).query(true).reply(recordAnswer(seen, 200, ''));
    const push = (await activities.planInventoryPage(run)).push.filter((p) => p.marketplaceId === UK);
    const submitted = await activities.submitQuantitiesFeed({ ...run, push });
    expect(submitted).toEqual({ feeds: [{ feedId: 'F-UK', marketplaceId: UK, skus: ['MUG-1', 'MUG-2'] }], sent: 2 });
    const pending = await listQuantityPublications(db, { tenant: 'acme', channel: 'amazon-eu', status: 'pending' });
    expect(pending.map((p) => [p.sku, p.feedId, p.via])).toEqual([['MUG-1', 'F-UK', 'feed'], ['MUG-2', 'F-UK', 'feed']]);

    nock(EU_ENDPOINT)
      .get('/feeds/2021-06-30/feeds/F-UK')
      .reply(200, { feedId: 'F-UK', feedType: 'JSON_LISTINGS_FEED', createdTime: '2026-03-10T11:00:00Z', processingStatus: 'IN_PROGRESS' })
      .get('/feeds/2021-06-30/feeds/F-UK')
      .reply(200, { feedId: 'F-UK', feedType: 'JSON_LISTINGS_FEED', createdTime: '2026-03-10T11:00:00Z', processingStatus: 'DONE', resultFeedDocumentId: 'doc-r' })
      .get('/feeds/2021-06-30/documents/doc-r')
      .reply(200, { feedDocumentId: 'doc-r', url: `${S3}/report-r?X-Amz-Signature=x` });
    nock(S3)
      .get('/report-r')
      .query(true)
      .reply(200, {
        header: { sellerId: SELLER, version: '2.0', feedId: 'F-UK' },
        issues: [{ messageId: 2, sku: 'MUG-2', code: '4000004', severity: 'ERROR', message: 'no listing' }],
        summary: { errors: 1, warnings: 0, messagesProcessed: 2, messagesAccepted: 1, messagesInvalid: 1 },
      });
    const feed = submitted.feeds[0]!;
    expect(await activities.checkQuantitiesFeed({ ...run, feed })).toEqual({ state: 'waiting', accepted: 0, rejected: 0 });
    expect(await activities.checkQuantitiesFeed({ ...run, feed })).toEqual({ state: 'done', accepted: 1, rejected: 1 });
    const uk = await listQuantityPublications(db, { tenant: 'acme', channel: 'amazon-eu' });
    expect(uk.filter((p) => p.marketplaceId === UK).map((p) => `${p.sku} ${p.quantity} ${p.status}`).sort()).toEqual(['MUG-1 4 accepted', 'MUG-2 2 rejected']);
  });

  it('reads FBA stock back into the hub as the marketplace’s fulfilment location; a record it cannot map is counted', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .get('/fba/inventory/v1/summaries')
      .query(true)
      .reply(200, {
        payload: {
          granularity: { granularityType: 'Marketplace', granularityId: DE },
          inventorySummaries: [
            { asin: 'B0EXAMPLE1', fnSku: 'X00EXAMPL1', sellerSku: 'MUG-1', condition: 'NewItem', lastUpdatedTime: '2026-03-09T08:00:00Z', productName: 'Mug', totalQuantity: 12 },
            { asin: 'B0EXAMPLE2', fnSku: 'X00EXAMPL2', sellerSku: 'MUG-2', condition: 'NewItem', lastUpdatedTime: '2026-03-09T08:00:00Z', productName: 'Mug', totalQuantity: -1 },
          ],
        },
        pagination: { nextToken: 'page-2' },
      });
    expect(await activities.readMarketplaceStockPage({ ...run, marketplaceId: DE })).toEqual({ cursor: 'page-2', read: 2, changed: 1, rejected: 1 });
    const levels = await getInventoryLevels(db, 'acme', 'MUG-1');
    expect(levels.map((l) => [l.locationId, l.level.location.type, l.level.quantities.total])).toEqual([
      ['DE-HAM', 'own-warehouse', undefined],
      [`amazon-fba:${DE}`, 'marketplace-fulfilment', 12],
    ]);
    // Marketplace-held stock is not the seller's to allocate: the plan is unchanged by it.
    expect(brief((await activities.planInventoryPage(run)).push)).toEqual(['MUG-1 DE 1 changed', 'MUG-2 UK 2 rejected-before']);
  });

  it('finishing closes the run with its totals', async () => {
    const totals = { marketplaceStockRead: 2, marketplaceStockChanged: 1, marketplaceStockRejected: 1, skusPlanned: 3, unchanged: 3, skipped: 2, sent: 6, accepted: 4, rejected: 2, pending: 0 };
    expect(await activities.finishInventorySync({ ...run, startedAt: '2026-03-10T11:59:00.000Z', pages: 1, totals, status: 'completed' })).toEqual({ finishedAt: NOW.toISOString(), durationMs: 60_000 });
    expect(await getRun(db, run)).toMatchObject({ status: 'completed', pages: 1, fetched: 5, inserted: 6, updated: 1, unchanged: 3, deadLettered: 3 });
  });
});
