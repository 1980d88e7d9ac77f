/**
 * listingsPublish unchanged for an Alibaba.com connection, on a real SQLite store with the
 * platform's replies from nock: the category schema fetched once and the attributes checked
 * against it (a listing without a subject dead-lettered, never sent), a new SKU added as a
 * product (document = attributes + category_id + sku_code), and a feed sent one by one whose
 * results are read back as a done feed, a refused product dead-lettered with the platform's code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListingsPublishActivities } from '../../activities/listings-publish.js';
import type { ListingsPublishActivities } from '../../activities/listings-publish-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import type { Product } from '../../mappings/canonical/product.js';
import { closeDatabase, listDeadLetters, migrateLatest, openDatabase, upsertProducts } from '../../store/index.js';
import { listListingPublications } from '../../store/publications-repository.js';
import { createLogger } from '../../worker/logger.js';
import { isolateNetworkPerTest } from '../connectors/nock-kit.js';
import { ACCESS, APP_KEY, APP_SECRET, fixture, REFRESH, restEndpoint, type Form } from '../connectors/alibaba/kit.js';

isolateNetworkPerTest();

const NOW = new Date('2026-03-10T12:00:00.000Z');
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
              feedThreshold: 1,
              productTypes: {
                flask: {
                  productType: '100009031',
                  attributes: { subject: { expr: 'product.attributes.subject' }, wholesale_trade: { expr: "price ? {'price': $string(price.value)}" } },
                },
              },
            },
          },
        },
      },
    },
  },
  env,
);

const product = (sku: string, attributes: Record<string, string>): Product => ({ sku, category: 'flask', title: { 'en-GB': sku }, attributes, basePrice: { amountMinor: 1250, currency: 'USD' } }) as Product;

describe('listingsPublish activities on an Alibaba.com connection', () => {
  let db: Knex;
  let activities: ListingsPublishActivities;
  const run = { tenant: 'acme', channel: 'alibaba', workflowId: 'listings-publish/acme/alibaba', runId: 'run-1' };

  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-alibaba-lpub-')), 'caravan.db') });
    await migrateLatest(db);
    const controller = new AbortController();
    activities = createListingsPublishActivities({
      db,
      config,
      vendors: createVendorClients({ config, logger: createLogger({ level: 'silent' }), env }),
      logger: createLogger({ level: 'silent' }),
      clock: () => NOW,
      context: () => ({ heartbeat: () => {}, cancellationSignal: controller.signal }),
    });
    await upsertProducts(db, 'acme', [product('FLASK-1', { subject: '不锈钢保温杯 500ml' }), product('FLASK-2', { subject: 'Vacuum flask 350ml' }), product('FLASK-X', {})]);
  });
  afterAll(async () => {
    await closeDatabase(db);
  });

  it('checks the attributes against the category schema (fetched once): a listing without its subject is dead-lettered', async () => {
    expect(await activities.startListingsPublish(run)).toMatchObject({ marketplaceIds: ['ALIBABA'], feedThreshold: 1 });
    const seen: Form[] = [];
    restEndpoint('/alibaba/icbu/product/schema/get', seen, fixture('constructed/product_schema_get__text.json'));
    const page = await activities.planListingsPage({ ...run, onDate: '2026-03-10', pageSize: 10, keepKeysUpTo: 5, changesSoFar: 0 });
    expect(seen).toEqual([expect.objectContaining({ cat_id: '100009031' })]);
    expect(page.toSend).toEqual([
      { sku: 'FLASK-1', marketplaceId: 'ALIBABA', reason: 'new' },
      { sku: 'FLASK-2', marketplaceId: 'ALIBABA', reason: 'new' },
    ]);
    const [letter] = await listDeadLetters(db, { tenant: 'acme' });
    expect(letter).toMatchObject({ recordType: 'alibaba.listing', externalId: 'FLASK-X' });
  });

  it('adds a new SKU as a product: the document carries the attributes, the category and the SKU', async () => {
    restEndpoint('/alibaba/icbu/product/list', [], { code: '0', value: { total_item: '0', products: [] }, request_id: 'r-l' });
    const add: Form[] = [];
    restEndpoint('/alibaba/icbu/product/add', add, '{"code":"0","value":{"product_id":9123456789012345678},"request_id":"r-add"}');
    const r = await activities.putListing({ ...run, onDate: '2026-03-10', listing: { sku: 'FLASK-1', marketplaceId: 'ALIBABA', reason: 'new' } });
    expect(r).toEqual({ status: 'accepted', deadLettered: 0 });
    expect(JSON.parse(add[0]!.product!)).toEqual({ subject: '不锈钢保温杯 500ml', wholesale_trade: { price: '12.5' }, sku_code: 'FLASK-1', category_id: 100009031 });
    const [row] = await listListingPublications(db, { tenant: 'acme', sku: 'FLASK-1' });
    expect(row).toMatchObject({ status: 'accepted', via: 'listings-item', submissionId: 'r-add' });
  });

  it('sends staged listings as a one-by-one feed, read back done; a refused product is dead-lettered with the platform code', async () => {
    // Another run fetches the schema afresh.
    restEndpoint('/alibaba/icbu/product/schema/get', [], fixture('constructed/product_schema_get__text.json'));
    const staged = await activities.stageListingsFeedPage({ ...run, runId: 'run-2', onDate: '2026-03-10', pageSize: 10 });
    expect(staged.staged).toBe(1);
    restEndpoint('/alibaba/icbu/product/add', [], { code: '0', result: { success: false, error_code: 'PRODUCT_DUPLICATE', error_message: '重复铺货' }, request_id: 'r-dup' });
    const submitted = await activities.submitStagedListingsFeeds({ ...run, runId: 'run-2' });
    expect(submitted).toMatchObject({ sent: 1, feeds: [{ marketplaceId: 'ALIBABA', messages: 1 }] });
    const feedId = submitted.feeds[0]!.feedId;
    const status = await activities.getListingsFeedStatus({ tenant: 'acme', channel: 'alibaba', feedId });
    expect(status).toMatchObject({ state: 'done', resultDocumentId: feedId });
    const counts = await activities.recordListingsFeedResults({ ...run, runId: 'run-2', feedId, state: 'done', resultDocumentId: feedId });
    expect(counts).toMatchObject({ accepted: 0, rejected: 1, deadLettered: 1 });
    const letters = await listDeadLetters(db, { tenant: 'acme' });
    expect(letters.find((l) => l.externalId === 'FLASK-2')).toMatchObject({ recordType: 'alibaba.listing' });
    expect(JSON.stringify(letters.find((l) => l.externalId === 'FLASK-2'))).toContain('PRODUCT_DUPLICATE');
  });
});
