/**
 * `caravan map amazon.listings-item` / `amazon.listings-submission` / `amazon.feed-report`:
 * every sample of test/fixtures/amazon/listings (peddler's VCR cassettes, the model's examples
 * and sandbox replies, the feed schemas' examples) maps, exit 0; Amazon's error replies exit 1
 * naming code and message; a file of another listings kind names the kind to use.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';
import type { Listing, ListingFeedOutcome, ListingSubmission } from '../../mappings/canonical/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'listings');
const L = (name: string) => join(DIR, name);
const files = readdirSync(DIR);
const write = scratchFiles('caravan-map-listings-');
const records = <T>(stdout: string): T[] => JSON.parse(stdout) as T[];

describe('caravan map amazon.listings-item', () => {
  it.each([...files.filter((f) => /-(get|search)-listings-items?-200/.test(f)), 'test_get_listings_item.yml'])('%s maps, exit 0', async (file) => {
    const { code, stdout, stderr } = await caravanMap('amazon.listings-item', L(file), '--channel', 'amazon-na');
    expect([code, stderr]).toEqual([0, '']);
    const listings = records<Listing>(stdout);
    expect(listings.length).toBeGreaterThan(0);
    for (const l of listings) expect(l).toMatchObject({ channel: 'amazon-na', vendor: 'amazon', sku: expect.any(String) });
  });

  it('the model example: one Listing per marketplace, priced exactly in its currency', async () => {
    const { code, stdout } = await caravanMap('amazon.listings-item', L('model-example-get-listings-item-200.json'));
    expect(code).toBe(0);
    const listings = records<Listing>(stdout);
    expect(listings.map((l) => [l.marketplace?.country, l.price, l.status])).toEqual([
      ['US', { amountMinor: 10000, currency: 'USD' }, 'active'],
      ['CA', { amountMinor: 13000, currency: 'CAD' }, 'inactive'],
    ]);
  });

  it('peddler\'s cassette (token call, then getListingsItem without summaries): one Listing of the sku', async () => {
    const { code, stdout } = await caravanMap('amazon.listings-item', L('test_get_listings_item.yml'));
    expect(code).toBe(0);
    expect(records<Listing>(stdout)).toEqual([{ channel: 'amazon', vendor: 'amazon', sku: 'SKU123', issues: [], refs: {} }]);
  });

  it('a bad item is a schema rejection naming the field, exit 1; the other items still map', async () => {
    const f = write('search.json', { numberOfResults: 2, items: [{ sku: 'OK' }, { sku: 'BAD', offers: [{ marketplaceId: 'ATVPDKIKX0DER', offerType: 'B2C', price: { currencyCode: 'USD', amount: 1.5 } }] }] });
    const { code, stdout } = await caravanMap('amazon.listings-item', f);
    expect(code).toBe(1);
    const out = records<Listing | { error: { externalId: string; field: string; errorKind: string } }>(stdout);
    expect(out[0]).toMatchObject({ sku: 'OK' });
    expect(out[1]).toMatchObject({ error: { externalId: 'BAD', field: 'items[1].offers[0].price.amount', errorKind: 'schema' } });
  });

  it('a submission reply names amazon.listings-submission, exit 1', async () => {
    const { code, stderr } = await caravanMap('amazon.listings-item', L('test_put_listings_item.yml'));
    expect(code).toBe(1);
    expect(stderr).toContain('try `caravan map amazon.listings-submission');
  });
});

describe('caravan map amazon.listings-submission', () => {
  it.each([...files.filter((f) => /-(put|patch|delete)-listings-item-200/.test(f)), 'test_put_listings_item.yml', 'test_patch_listings_item.yml', 'test_delete_listings_item.yml'])('%s maps, exit 0', async (file) => {
    const { code, stdout, stderr } = await caravanMap('amazon.listings-submission', L(file));
    expect([code, stderr]).toEqual([0, '']);
    const [s] = records<ListingSubmission>(stdout);
    expect(s).toMatchObject({ vendor: 'amazon', sku: expect.any(String), submissionId: expect.any(String), status: expect.stringMatching(/^(accepted|invalid|valid)$/) });
  });

  it('peddler\'s delete cassette: ACCEPTED', async () => {
    const { stdout } = await caravanMap('amazon.listings-submission', L('test_delete_listings_item.yml'));
    expect(records<ListingSubmission>(stdout)).toEqual([{ channel: 'amazon', vendor: 'amazon', sku: 'SKU123', status: 'accepted', rawStatus: 'ACCEPTED', submissionId: '75b5fdf524a7404a9ae086e04b5d561e', issues: [], refs: {} }]);
  });
});

describe('caravan map amazon.feed-report', () => {
  const report = L('listings-feed-processing-report-schema-v2.example.json');
  const feed = L('listings-feed-schema-v2.example.json');

  it('the example report maps: outcomes, summary, and the Listings Items it carries; exit 0', async () => {
    const { code, stdout, stderr } = await caravanMap('amazon.feed-report', report);
    expect([code, stderr]).toEqual([0, '']);
    const out = records<Record<string, unknown>>(stdout);
    expect(out.filter((r) => 'outcome' in r).map((r) => [r.messageId, r.sku, r.outcome])).toEqual([
      [4, 'My-SKU-B', 'rejected'],
      [5, 'My-SKU-C', 'rejected'],
    ]);
    expect(out.find((r) => 'messagesProcessed' in r)).toMatchObject({ messagesProcessed: 4, messagesInvalid: 2 });
    expect(out.filter((r) => 'marketplace' in r).map((r) => r.sku)).toEqual(['My-SKU-B', 'My-SKU-C']);
  });

  it('--feed names every message\'s SKU and outcome', async () => {
    const { code, stdout } = await caravanMap('amazon.feed-report', report, '--feed', feed);
    expect(code).toBe(0);
    const outcomes = records<ListingFeedOutcome>(stdout).filter((r) => 'outcome' in r);
    expect(outcomes.map((o) => [o.messageId, o.sku, o.outcome])).toEqual([
      [1, 'My-SKU-A', 'accepted'],
      [2, 'My-SKU-B', 'accepted'],
      [3, 'My-SKU-C', 'accepted'],
      [4, 'My-SKU-B', 'rejected'],
      [5, 'My-SKU-C', 'rejected'],
    ]);
  });

  it('--feed with messages the report does not know of: exit 1 naming them', async () => {
    const f = write('feed.json', { header: { sellerId: 'A', version: '2.0' }, messages: [{ messageId: 1, sku: 'X', operationType: 'DELETE' }] });
    const { code, stderr } = await caravanMap('amazon.feed-report', report, '--feed', f);
    expect(code).toBe(1);
    expect(stderr).toContain('message id(s) 4, 5 are not in');
  });

  it('the submitted feed given as the report says to pass it with --feed, exit 1', async () => {
    const { code, stderr } = await caravanMap('amazon.feed-report', feed);
    expect(code).toBe(1);
    expect(stderr).toContain('--feed');
  });
});

describe('Amazon error replies exit 1 naming code and message', () => {
  it.each([
    ['amazon.listings-item', 'sandbox-get-listings-item-400-1.json'],
    ['amazon.listings-item', 'sandbox-search-listings-items-400-1.json'],
    ['amazon.listings-submission', 'sandbox-put-listings-item-400-1.json'],
    ['amazon.listings-submission', 'sandbox-patch-listings-item-400-1.json'],
    ['amazon.listings-submission', 'sandbox-delete-listings-item-400-1.json'],
  ])('%s %s', async (kind, file) => {
    const { code, stderr, stdout } = await caravanMap(kind, L(file));
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('is an error reply from Amazon, code BAD_REQUEST');
    expect(stderr).toContain('Invalid input');
  });

  it('a 200 with errors[] given as a feed report (amzn/selling-partner-api-models#767 shape)', async () => {
    const f = write('err.json', { errors: [{ code: 'InvalidInput', message: 'Invalid feed document id' }] });
    const { code, stderr } = await caravanMap('amazon.feed-report', f);
    expect(code).toBe(1);
    expect(stderr).toContain('code InvalidInput');
    expect(stderr).toContain('Invalid feed document id');
  });

  it('a recorded 404 with errors[]', async () => {
    const f = write('404.json', { response: { status: 404, body: { errors: [{ code: 'NotFound', message: 'SKU not found' }] } } });
    const { code, stderr } = await caravanMap('amazon.listings-item', f);
    expect(code).toBe(1);
    expect(stderr).toContain('code NotFound');
    expect(stderr).toContain('SKU not found');
  });
});
