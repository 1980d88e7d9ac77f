/**
 * Amazon Listings Items API 2021-08-01 (getListingsItem, searchListingsItems, put/patch/delete
 * replies) and the JSON_LISTINGS_FEED processing report → canonical Listing, ListingSubmission,
 * ListingFeedOutcome and ListingFeedSummary: every sample of test/fixtures/amazon/listings maps
 * (origins in its SOURCE.md), and each deviation real replies are known to make is accepted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmazonFeedProcessingReportSchema, AmazonListingsFeedSchema } from '../../../connectors/amazon/schemas/feeds.js';
import { AmazonListingsItemSchema, AmazonListingsSubmissionSchema, parseAmazonListingsItem } from '../../../connectors/amazon/schemas/listings-items-2021-08-01.js';
import { amazonFeedReportToRecords } from '../../../mappings/amazon/feed-report.js';
import { amazonListingsItemToListings, amazonListingsSubmissionToRecord } from '../../../mappings/amazon/listings-item.js';
import { ListingSchema, ListingSubmissionSchema, type Listing, type ListingFeedOutcome, type ListingFeedSummary } from '../../../mappings/canonical/listing.js';
import type { MappingResult } from '../../../mappings/canonical/result.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'listings');
const json = (name: string): unknown => JSON.parse(readFileSync(join(DIR, name), 'utf8'));
const ctx = { channel: 'amazon-na' };

function values<T>(results: MappingResult<T>[]): T[] {
  return results.map((r) => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  });
}

const items = (name: string) => {
  const doc = json(name) as { items?: unknown[] };
  return Array.isArray(doc.items) ? doc.items : [doc];
};

describe('amazon listings item → canonical Listing', () => {
  const itemFiles = readdirSync(DIR).filter((f) => /^(model-example|sandbox)-(get|search)-listings-items?-200/.test(f));

  it.each(itemFiles)('%s: every item maps, one Listing per marketplace summary', (file) => {
    for (const raw of items(file)) {
      const item = AmazonListingsItemSchema.parse(raw);
      const listings = values(amazonListingsItemToListings(item, ctx));
      expect(listings).toHaveLength(Math.max(1, item.summaries?.length ?? 0));
      for (const l of listings) expect(ListingSchema.parse(l)).toEqual(l);
    }
  });

  it('the model example: per-marketplace price, title locale, status, quantity, dates, issues of that marketplace', () => {
    const item = AmazonListingsItemSchema.parse(json('model-example-get-listings-item-200.json'));
    const [us, ca] = values(amazonListingsItemToListings(item, ctx)) as [Listing, Listing];
    expect(us).toMatchObject({
      sku: 'GM-ZDPI-9B4E',
      marketplace: { id: 'ATVPDKIKX0DER', country: 'US', name: 'Amazon.com' },
      title: { 'en-US': 'Hardside Carry-On Spinner Suitcase Luggage' },
      price: { amountMinor: 10000, currency: 'USD' },
      quantity: 100,
      fulfilment: 'merchant',
      rawFulfilment: 'DEFAULT',
      status: 'active',
      rawStatus: 'BUYABLE',
      condition: 'new_new',
      openedAt: '2021-02-01T00:00:00Z',
      updatedAt: '2021-03-01T00:00:00Z',
      refs: { asin: 'B071VG5N9D', productType: 'LUGGAGE' },
    });
    expect(us.issues?.[0]).toEqual({ code: '90220', message: "'size' is required but not supplied.", severity: 'error', attributeNames: ['size'], categories: ['MISSING_ATTRIBUTE'], marketplaceIds: ['ATVPDKIKX0DER'] });
    // CA: status [] (neither buyable nor discoverable) → inactive; CAD price; the US-only issue is not CA's.
    expect(ca).toMatchObject({ marketplace: { id: 'A2EUQ1WTGCTBG2', country: 'CA' }, title: { 'en-CA': 'Hardside Carry-On Spinner Suitcase Luggage' }, price: { amountMinor: 13000, currency: 'CAD' }, status: 'inactive' });
    expect(ca.rawStatus).toBeUndefined();
    expect(ca.issues?.map((i) => i.code)).not.toContain('90220');
    expect(ca.issues?.length).toBeGreaterThan(0);
    for (const i of ca.issues ?? []) expect(i.marketplaceIds ?? ['A2EUQ1WTGCTBG2']).toContain('A2EUQ1WTGCTBG2');
  });

  it('DISCOVERABLE without BUYABLE is inactive; an FBA channel has no quantity; a B2B offer is not the price', () => {
    const item = AmazonListingsItemSchema.parse({
      sku: 'S1',
      summaries: [{ marketplaceId: 'A1PA6795UKMFR9', status: ['DISCOVERABLE'], itemName: 'Becher', createdDate: '2024-01-02T03:04:05+01:00' }],
      offers: [{ marketplaceId: 'A1PA6795UKMFR9', offerType: 'B2B', price: { currencyCode: 'EUR', amount: '9.00' } }],
      fulfillmentAvailability: [{ fulfillmentChannelCode: 'AMAZON_EU' }],
    });
    const [de] = values(amazonListingsItemToListings(item, ctx)) as [Listing];
    expect(de).toMatchObject({ status: 'inactive', rawStatus: 'DISCOVERABLE', fulfilment: 'marketplace', rawFulfilment: 'AMAZON_EU', title: { 'de-DE': 'Becher' }, openedAt: '2024-01-02T02:04:05Z' });
    expect(de.price).toBeUndefined();
    expect(de.quantity).toBeUndefined();
    expect(de.issues).toBeUndefined();
  });

  it('an unknown marketplace keeps its id, the title under `und`; a JPY amount with decimals is an issue, never rounded', () => {
    const item = AmazonListingsItemSchema.parse({
      sku: 'S2',
      summaries: [{ marketplaceId: 'AXXXNEW', status: ['BUYABLE'], itemName: 'x' }, { marketplaceId: 'A1VC38T7YXB528', status: ['BUYABLE'] }],
      offers: [{ marketplaceId: 'A1VC38T7YXB528', offerType: 'B2C', price: { currencyCode: 'JPY', amount: '1980.5' } }],
    });
    const [unknown, jp] = amazonListingsItemToListings(item, ctx);
    expect(unknown).toMatchObject({ ok: true, value: { marketplace: { id: 'AXXXNEW' }, title: { und: 'x' } } });
    expect(jp).toMatchObject({ ok: false, error: { recordId: 'S2', issues: [{ field: 'offers[0].price', message: expect.stringContaining('more decimals than JPY allows') }] } });
  });

  it('the price amount is decimal text (the model\'s Decimal): a JSON number is a schema issue, never a float', () => {
    const r = parseAmazonListingsItem({ sku: 'S3', offers: [{ marketplaceId: 'ATVPDKIKX0DER', offerType: 'B2C', price: { currencyCode: 'USD', amount: 19.99 } }] });
    expect(r).toMatchObject({ ok: false, id: 'S3', issues: [{ path: 'offers[0].price.amount' }] });
  });

  it('amzn/selling-partner-api-models#2337: blocks not asked for come as null (attributes: null) and read as absent', () => {
    const r = parseAmazonListingsItem({ sku: 'S4', attributes: null, summaries: null, offers: null, issues: null, fulfillmentAvailability: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(values(amazonListingsItemToListings(r.value, ctx))).toEqual([{ channel: 'amazon-na', vendor: 'amazon', sku: 'S4', refs: {} }]);
  });

  it('peddler\'s real getListingsItem (includedData=attributes,issues: no summaries) maps to one Listing without marketplace', () => {
    const listings = values(amazonListingsItemToListings(AmazonListingsItemSchema.parse({ sku: 'SKU123', attributes: {}, issues: [] }), ctx));
    expect(listings).toEqual([{ channel: 'amazon-na', vendor: 'amazon', sku: 'SKU123', issues: [], refs: {} }]);
  });

  it('an unknown issue severity is an issue naming its field', () => {
    const item = AmazonListingsItemSchema.parse({ sku: 'S5', issues: [{ code: '1', message: 'm', severity: 'FATAL' }] });
    expect(amazonListingsItemToListings(item, ctx)[0]).toMatchObject({ ok: false, error: { issues: [{ field: 'issues[0].severity' }] } });
  });
});

describe('amazon listings submission → canonical ListingSubmission', () => {
  const files = readdirSync(DIR).filter((f) => /^(model-example|sandbox)-(put|patch|delete)-listings-item-200/.test(f));
  it.each(files)('%s maps', (file) => {
    const r = amazonListingsSubmissionToRecord(AmazonListingsSubmissionSchema.parse(json(file)), ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(ListingSubmissionSchema.parse(r.value)).toEqual(r.value);
  });

  it('INVALID carries Amazon\'s issues; identifiers become refs per marketplace', () => {
    const r = amazonListingsSubmissionToRecord(
      AmazonListingsSubmissionSchema.parse({ ...(json('sandbox-put-listings-item-200-3.json') as object), identifiers: [{ marketplaceId: 'ATVPDKIKX0DER', asin: 'B000000000' }] }),
      ctx,
    );
    expect(r).toMatchObject({ ok: true, value: { sku: 'VALIDATION_INVALID', status: 'invalid', rawStatus: 'INVALID', refs: { 'asin:ATVPDKIKX0DER': 'B000000000' } } });
    if (r.ok) expect(r.value.issues.map((i) => [i.code, i.severity])).toEqual([['90220', 'error'], ['90000900', 'error']]);
  });

  it('an unknown status is an issue', () => {
    expect(amazonListingsSubmissionToRecord(AmazonListingsSubmissionSchema.parse({ sku: 'A', status: 'DONE', submissionId: 'x' }), ctx)).toMatchObject({ ok: false, error: { issues: [{ field: 'status' }] } });
  });
});

describe('amazon JSON_LISTINGS_FEED processing report → canonical feed outcomes + summary', () => {
  const report = AmazonFeedProcessingReportSchema.parse(json('listings-feed-processing-report-schema-v2.example.json'));
  const feed = AmazonListingsFeedSchema.parse(json('listings-feed-schema-v2.example.json'));

  it('without the feed: outcomes of the messages with issues (SKU from the issue), the schema\'s attributeName read, then the summary', () => {
    const out = values(amazonFeedReportToRecords(report, ctx));
    const [m4, m5, summary] = out as [ListingFeedOutcome, ListingFeedOutcome, ListingFeedSummary];
    expect(out).toHaveLength(3);
    expect(m4).toMatchObject({ feedId: '1234567890', messageId: 4, sku: 'My-SKU-B', outcome: 'rejected' });
    expect(m4.issues).toHaveLength(2);
    expect(m5).toMatchObject({ messageId: 5, sku: 'My-SKU-C', outcome: 'rejected', issues: [{ code: '99022', severity: 'error', attributeNames: ['purchasable_offer.our_price'] }] });
    expect(summary).toEqual({ channel: 'amazon-na', vendor: 'amazon', feedId: '1234567890', messagesProcessed: 4, messagesAccepted: 2, messagesInvalid: 2, errors: 3, warnings: 0, refs: { sellerId: 'AXXXXXXXXXXXX' } });
  });

  it('with the feed: every message has an outcome; where Amazon\'s example pair disagrees the report\'s SKU is kept, the feed\'s in refs', () => {
    const out = values(amazonFeedReportToRecords(report, { ...ctx, feed })) as ListingFeedOutcome[];
    expect(out.slice(0, -1).map((o) => [o.messageId, o.sku, o.outcome])).toEqual([
      [1, 'My-SKU-A', 'accepted'],
      [2, 'My-SKU-B', 'accepted'],
      [3, 'My-SKU-C', 'accepted'],
      [4, 'My-SKU-B', 'rejected'],
      [5, 'My-SKU-C', 'rejected'],
    ]);
    expect(out[3]!.refs).toEqual({ feedSku: 'My-SKU-D' });
  });

  it('amzn/selling-partner-api-docs#1098: message issues without sku take the SKU from the submitted feed', () => {
    const r = AmazonFeedProcessingReportSchema.parse({
      header: { sellerId: 'A1HGLY0OQBKE5U', version: '2.0', feedId: '50021018827' },
      issues: [{ messageId: 1, code: '4002008', severity: 'ERROR', message: 'The provided message did not meet the schema validation requirements for a feed message.' }],
      summary: { errors: 1, warnings: 0, messagesProcessed: 1, messagesAccepted: 0, messagesInvalid: 1 },
    });
    const f = AmazonListingsFeedSchema.parse({ header: { sellerId: 'A1HGLY0OQBKE5U', version: '2.0' }, messages: [{ messageId: 1, sku: 'ABCTEST', operationType: 'UPDATE' }] });
    expect(values(amazonFeedReportToRecords(r, ctx))[0]).toMatchObject({ messageId: 1, outcome: 'rejected' });
    expect((values(amazonFeedReportToRecords(r, ctx))[0] as ListingFeedOutcome).sku).toBeUndefined();
    expect(values(amazonFeedReportToRecords(r, { ...ctx, feed: f }))[0]).toMatchObject({ messageId: 1, sku: 'ABCTEST', outcome: 'rejected', issues: [{ code: '4002008' }] });
  });

  it('amzn/selling-partner-api-docs#1133: an issue without messageId is the feed\'s own (header/version error)', () => {
    const r = AmazonFeedProcessingReportSchema.parse({
      header: { sellerId: 'A3UY995ZK', version: '2.0', feedId: '415520018' },
      issues: [{ code: '4002006', severity: 'ERROR', message: "L'attribut 'version' ne correspond pas à la valeur requise." }],
      summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
    });
    const [feedLevel] = values(amazonFeedReportToRecords(r, ctx)) as [ListingFeedOutcome];
    expect(feedLevel).toEqual({ channel: 'amazon-na', vendor: 'amazon', feedId: '415520018', outcome: 'rejected', issues: [{ code: '4002006', severity: 'error', message: "L'attribut 'version' ne correspond pas à la valeur requise." }], refs: {} });
  });

  it('amzn/selling-partner-api-models#4801: no report block, no itemSummary, issues []: the summary alone; warnings only → accepted-with-warnings', () => {
    const r = AmazonFeedProcessingReportSchema.parse({ header: { sellerId: 'x', version: '2.0', feedId: '70018020237' }, issues: [], summary: { errors: 0, warnings: 0, messagesProcessed: 1, messagesAccepted: 1, messagesInvalid: 0 } });
    expect(values(amazonFeedReportToRecords(r, ctx))).toEqual([{ channel: 'amazon-na', vendor: 'amazon', feedId: '70018020237', messagesProcessed: 1, messagesAccepted: 1, messagesInvalid: 0, errors: 0, warnings: 0, refs: { sellerId: 'x' } }]);
    const w = AmazonFeedProcessingReportSchema.parse({ header: { feedId: '1' }, issues: [{ messageId: 2, sku: 'W', severity: 'WARNING', message: 'check it' }], summary: { errors: 0, warnings: 1, messagesProcessed: 1, messagesAccepted: 1, messagesInvalid: 0 } });
    expect(values(amazonFeedReportToRecords(w, ctx))[0]).toMatchObject({ messageId: 2, sku: 'W', outcome: 'accepted-with-warnings' });
  });
});
