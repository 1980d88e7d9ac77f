/**
 * listingsPublish activities on a real SQLite store against the sandbox SP-API started in
 * process: a page planned (listings built as the preview builds them, checked against the
 * product type schemas fetched once per run, the failures recorded and dead-lettered, never
 * sent), a new SKU put after its VALIDATION_PREVIEW, a FATAL feed rejecting every SKU it
 * carried, a CANCELLED one leaving its SKUs to be sent again, and the run record closed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListingsPublishActivities } from '../../activities/listings-publish.js';
import type { ListingsPublishActivities } from '../../activities/listings-publish-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig, type TenantsConfig } from '../../config/tenants-config.js';
import type { Product } from '../../mappings/canonical/product.js';
import { SANDBOX_DEMO_CREDENTIALS, SANDBOX_SELLER_ID, startAmazonSandbox, type AmazonSandbox } from '../../sandbox/amazon/index.js';
import { closeDatabase, getRun, listDeadLetters, migrateLatest, openDatabase, upsertProducts } from '../../store/index.js';
import { listingsToSend, listListingPublications, recordListingSends } from '../../store/publications-repository.js';
import { createLogger } from '../../worker/logger.js';

const DE = 'A1PA6795UKMFR9';
const NOW = new Date('2026-03-10T12:00:00.000Z');
const env = { LWA_ID: SANDBOX_DEMO_CREDENTIALS.clientId, LWA_SECRET: SANDBOX_DEMO_CREDENTIALS.clientSecret, LWA_REFRESH: SANDBOX_DEMO_CREDENTIALS.refreshToken };
const text = (expr: string) => ({ expr, languageTag: true });
const common = {
  item_name: text('$lookup(product.title, marketplace.locale)'),
  brand: text('product.brand'),
  condition_type: { fixed: 'new_new' },
  purchasable_offer: { expr: "price ? {'currency': price.currency, 'our_price': [{'schedule': [{'value_with_tax': price.value}]}]}" },
};

function configFor(url: string): TenantsConfig {
  return parseTenantsConfig(
    {
      tenants: {
        acme: {
          connections: {
            'amazon-eu': {
              vendor: 'amazon',
              settings: { region: 'eu', marketplaceIds: [DE], endpoint: url, tokenEndpoint: `${url}/auth/o2/token`, sellerId: SANDBOX_SELLER_ID },
              secrets: { clientId: { env: 'LWA_ID' }, clientSecret: { env: 'LWA_SECRET' }, refreshToken: { env: 'LWA_REFRESH' } },
              listings: {
                marketplaces: { [DE]: { languageTag: 'de_DE', price: { rule: 'fixed', currency: 'EUR' } } },
                feedThreshold: 5,
                productTypes: {
                  tshirt: { productType: 'SHIRT', attributes: { ...common, color: text('product.attributes.colour'), size: text('product.attributes.size') } },
                  // The catalogue has no capacity: the schema check rejects every mug.
                  mug: { productType: 'DRINKING_CUP', attributes: { ...common, material: text('product.attributes.material'), capacity: { expr: 'product.attributes.capacityMl' } } },
                },
              },
            },
          },
        },
      },
    },
    env,
  );
}

const product = (sku: string, category: string, attributes: Record<string, string>): Product =>
  ({ sku, category, brand: 'Nordwind', title: { 'de-DE': `Produkt ${sku}` }, attributes, basePrice: { amountMinor: 2490, currency: 'EUR' } }) as Product;

describe('listingsPublish activities', () => {
  let sandbox: AmazonSandbox;
  let db: Knex;
  let activities: ListingsPublishActivities;
  const heartbeats: unknown[] = [];
  const run = (n: number) => ({ tenant: 'acme', channel: 'amazon-eu', workflowId: 'listings-publish/acme/amazon-eu', runId: `run-${n}` });
  const definitions = () => sandbox.stats().operations.getDefinitionsProductType?.requests ?? 0;
  const puts = () => sandbox.stats().operations.putListingsItem?.requests ?? 0;

  beforeAll(async () => {
    sandbox = await startAmazonSandbox({ port: 0, minLagSeconds: 0, rateLimits: false });
    const config = configFor(sandbox.url);
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-lpub-act-')), 'caravan.db') });
    await migrateLatest(db);
    const logger = createLogger({ level: 'silent' });
    const controller = new AbortController();
    activities = createListingsPublishActivities({
      db,
      config,
      vendors: createVendorClients({ config, logger, env }),
      logger,
      clock: () => NOW,
      context: () => ({ heartbeat: (d) => void heartbeats.push(d), cancellationSignal: controller.signal }),
    });
    await upsertProducts(db, 'acme', [
      product('MUG-1', 'mug', { material: 'Porzellan' }),
      product('TS-1', 'tshirt', { colour: 'Schwarz', size: 'M' }),
      product('TS-2', 'tshirt', { colour: 'Weiß', size: 'L' }),
      product('ZZ-1', 'candle', {}),
    ]);
  });
  afterAll(async () => {
    await closeDatabase(db);
    await sandbox.close();
  });

  it('starts a run: the store records it, the settings come from the connection', async () => {
    const started = await activities.startListingsPublish(run(1));
    expect(started).toMatchObject({ startedAt: NOW.toISOString(), onDate: '2026-03-10', feedThreshold: 5, marketplaceIds: [DE] });
    expect(await getRun(db, { workflowId: run(1).workflowId, runId: 'run-1' })).toMatchObject({ status: 'running', flow: 'listings-publish' });
  });

  it('plans a page: schema failures recorded and dead-lettered, the rest returned to send; schemas fetched once per run', async () => {
    const before = definitions();
    const page = await activities.planListingsPage({ ...run(1), onDate: '2026-03-10', pageSize: 3, keepKeysUpTo: 5, changesSoFar: 0 });
    expect(page.nextAfterSku).toBe('TS-2');
    expect(page.counts).toMatchObject({ products: 3, candidates: 3, unchanged: 0, unmapped: 0, rejectedLocally: 1, deadLettered: 1 });
    expect(page.toSend).toEqual([
      { sku: 'TS-1', marketplaceId: DE, reason: 'new' },
      { sku: 'TS-2', marketplaceId: DE, reason: 'new' },
    ]);
    expect(definitions() - before).toBe(2);
    const [letter] = await listDeadLetters(db, { tenant: 'acme' });
    expect(letter).toMatchObject({ recordType: 'amazon.listing', externalId: 'MUG-1', field: 'capacity', flow: 'listings-publish' });
    expect(heartbeats.length).toBeGreaterThan(0);

    const last = await activities.planListingsPage({ ...run(1), onDate: '2026-03-10', afterSku: 'TS-2', pageSize: 3, keepKeysUpTo: 5, changesSoFar: 2 });
    expect(last).toEqual({ counts: expect.objectContaining({ products: 1, unmapped: 1, candidates: 0 }), changes: 0, toSend: [] });
    // The same run again: the cached schemas; another run fetches them afresh.
    await activities.planListingsPage({ ...run(1), onDate: '2026-03-10', pageSize: 3, keepKeysUpTo: 5, changesSoFar: 0 });
    expect(definitions() - before).toBe(2);
    await activities.planListingsPage({ ...run(2), onDate: '2026-03-10', pageSize: 3, keepKeysUpTo: 5, changesSoFar: 0 });
    expect(definitions() - before).toBe(4);
  });

  it('over the threshold, a page returns how many changed but not the keys', async () => {
    const page = await activities.planListingsPage({ ...run(1), onDate: '2026-03-10', pageSize: 3, keepKeysUpTo: 1, changesSoFar: 0 });
    expect(page.changes).toBe(2);
    expect(page.toSend).toBeUndefined();
  });

  it('with --sku, pages through the SKUs asked for: one not in the catalogue does not end the paging', async () => {
    const input = { ...run(3), skus: ['TS-2', 'NOPE', 'TS-1'], onDate: '2026-03-10', pageSize: 1, keepKeysUpTo: 5, changesSoFar: 0 };
    const first = await activities.planListingsPage(input);
    expect(first).toMatchObject({ nextAfterSku: 'NOPE', changes: 0, counts: { products: 0 } });
    const second = await activities.planListingsPage({ ...input, afterSku: 'NOPE' });
    expect(second).toMatchObject({ nextAfterSku: 'TS-1', changes: 1, toSend: [{ sku: 'TS-1' }] });
    const last = await activities.planListingsPage({ ...input, afterSku: 'TS-1' });
    expect(last.nextAfterSku).toBeUndefined();
    expect(last.toSend).toEqual([{ sku: 'TS-2', marketplaceId: DE, reason: 'new' }]);
  });

  it('puts a new SKU after its VALIDATION_PREVIEW and records the verdict at once', async () => {
    const before = puts();
    const r = await activities.putListing({ ...run(1), onDate: '2026-03-10', listing: { sku: 'TS-1', marketplaceId: DE, reason: 'new' } });
    expect(r).toEqual({ status: 'accepted', deadLettered: 0 });
    expect(puts() - before).toBe(2);
    const [row] = await listListingPublications(db, { tenant: 'acme', sku: 'TS-1' });
    expect(row).toMatchObject({ status: 'accepted', via: 'listings-item', productSeq: expect.any(Number), price: { amountMinor: 2490, currency: 'EUR' } });
    expect(row!.submissionId).toBeDefined();
  });

  it('a FATAL feed without a result rejects every SKU it carried, each a dead letter', async () => {
    const payload = { productType: 'SHIRT', attributes: {} };
    await recordListingSends(db, 'acme', 'amazon-eu', [{ marketplaceId: DE, sku: 'TS-2', productSeq: 1, payload, status: 'pending', via: 'feed', feedId: 'F-FATAL', messageId: 1 }]);
    const counts = await activities.recordListingsFeedResults({ ...run(1), feedId: 'F-FATAL', state: 'fatal' });
    expect(counts).toEqual({ accepted: 0, acceptedWithWarnings: 0, rejected: 1, cancelled: 0, deadLettered: 1 });
    const [row] = await listListingPublications(db, { tenant: 'acme', sku: 'TS-2' });
    expect(row).toMatchObject({ status: 'rejected', issues: [expect.objectContaining({ code: 'feed_fatal', severity: 'error' })] });
    expect((await listDeadLetters(db, { tenant: 'acme' })).some((d) => d.externalId === 'TS-2' && d.message.includes('F-FATAL'))).toBe(true);
  });

  it('a CANCELLED feed records no verdict: its SKUs are to be sent again', async () => {
    const payload = { productType: 'SHIRT', attributes: { x: [1] } };
    await recordListingSends(db, 'acme', 'amazon-eu', [{ marketplaceId: DE, sku: 'TS-2', productSeq: 1, payload, status: 'pending', via: 'feed', feedId: 'F-CAN', messageId: 1 }]);
    expect(await listingsToSend(db, 'acme', 'amazon-eu', [{ marketplaceId: DE, sku: 'TS-2', payload }])).toEqual([]);
    const counts = await activities.recordListingsFeedResults({ ...run(1), feedId: 'F-CAN', state: 'cancelled' });
    expect(counts.cancelled).toBe(1);
    expect(await listingsToSend(db, 'acme', 'amazon-eu', [{ marketplaceId: DE, sku: 'TS-2', payload }])).toMatchObject([{ sku: 'TS-2', reason: 'changed' }]);
  });

  it('a feed that gave no verdict in time is handled like a cancelled one', async () => {
    const payload = { productType: 'SHIRT', attributes: { y: [2] } };
    await recordListingSends(db, 'acme', 'amazon-eu', [{ marketplaceId: DE, sku: 'TS-2', productSeq: 1, payload, status: 'pending', via: 'feed', feedId: 'F-SLOW', messageId: 1 }]);
    expect((await activities.recordListingsFeedResults({ ...run(1), feedId: 'F-SLOW', state: 'timed_out' })).cancelled).toBe(1);
    const [row] = await listListingPublications(db, { tenant: 'acme', sku: 'TS-2' });
    expect(row!.issues).toEqual([expect.objectContaining({ code: 'feed_timed_out', severity: 'info' })]);
    expect(await listingsToSend(db, 'acme', 'amazon-eu', [{ marketplaceId: DE, sku: 'TS-2', payload }])).toMatchObject([{ reason: 'changed' }]);
  });

  it('finishing closes the run with its totals', async () => {
    const totals = { products: 4, candidates: 3, unchanged: 0, unmapped: 1, sent: 2, accepted: 2, acceptedWithWarnings: 0, rejected: 1, rejectedLocally: 1, cancelled: 0, deadLettered: 1 };
    await activities.finishListingsPublish({ ...run(1), startedAt: NOW.toISOString(), pages: 2, totals, status: 'completed' });
    expect(await getRun(db, { workflowId: run(1).workflowId, runId: 'run-1' })).toMatchObject({ status: 'completed', pages: 2, fetched: 4, inserted: 2, deadLettered: 1 });
  });
});
