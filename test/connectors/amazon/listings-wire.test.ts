/**
 * Lenient wire schemas of the Listings Items API 2021-08-01 and the JSON_LISTINGS_FEED
 * documents: what real replies send is read, what cannot be read is an issue on its field.
 */
import { describe, expect, it } from 'vitest';
import { AmazonFeedProcessingReportSchema, AmazonListingsFeedSchema, isAmazonFeedProcessingReport, isAmazonListingsFeed } from '../../../connectors/amazon/schemas/feeds.js';
import {
  isAmazonListingsItem,
  isAmazonListingsSearchReply,
  isAmazonListingsSubmission,
  parseAmazonListingsItem,
  parseAmazonListingsSubmission,
} from '../../../connectors/amazon/schemas/listings-items-2021-08-01.js';

describe('Listings Items 2021-08-01 wire schema', () => {
  it('reads null blocks as absent (amzn/selling-partner-api-models#2337), quantity as digits, new members pass', () => {
    const r = parseAmazonListingsItem({ sku: 'A', attributes: null, summaries: [{ marketplaceId: 'ATVPDKIKX0DER', status: null, brandNew: 1 }], fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: '7' }] });
    expect(r).toMatchObject({ ok: true, value: { sku: 'A', summaries: [{ marketplaceId: 'ATVPDKIKX0DER', brandNew: 1 }], fulfillmentAvailability: [{ quantity: 7 }] } });
    if (r.ok) expect(r.value.attributes).toBeUndefined();
  });

  it('names the field it cannot read: a number amount, a bad date, a missing sku', () => {
    expect(parseAmazonListingsItem({ sku: 'B', summaries: [{ marketplaceId: 'X', createdDate: '2021-02-30T00:00:00Z' }] })).toMatchObject({ ok: false, id: 'B', issues: [{ path: 'summaries[0].createdDate' }] });
    expect(parseAmazonListingsItem({ summaries: [] })).toMatchObject({ ok: false, issues: [{ path: 'sku' }] });
    expect(parseAmazonListingsSubmission({ sku: 'C', status: 'ACCEPTED' })).toMatchObject({ ok: false, id: 'C', issues: [{ path: 'submissionId' }] });
  });

  it('tells the reply shapes apart', () => {
    const submission = { sku: 'S', status: 'ACCEPTED', submissionId: 'x', issues: [] };
    expect([isAmazonListingsSubmission(submission), isAmazonListingsItem(submission)]).toEqual([true, false]);
    expect(isAmazonListingsItem({ sku: 'S', issues: [] })).toBe(true);
    expect(isAmazonListingsSearchReply({ numberOfResults: 0, items: [] })).toBe(true);
    expect(isAmazonListingsSearchReply({ items: [] })).toBe(false);
  });
});

describe('JSON_LISTINGS_FEED wire schemas', () => {
  it('the report: messageId and sku optional (selling-partner-api-docs#1133), feedId as a number read as digits, counts as digits', () => {
    const r = AmazonFeedProcessingReportSchema.parse({ header: { sellerId: 'A', version: '2.0', feedId: 415520018 }, issues: [{ code: '4002006', severity: 'ERROR', message: 'm' }], summary: { errors: '1', warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 } });
    expect(r.header.feedId).toBe('415520018');
    expect(r.summary.errors).toBe(1);
    expect(r.issues?.[0]?.messageId).toBeUndefined();
  });

  it('a report without summary is an issue naming it; the shapes are told apart', () => {
    const r = AmazonFeedProcessingReportSchema.safeParse({ header: {}, issues: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['summary']);
    expect(isAmazonFeedProcessingReport({ header: {}, summary: {}, issues: [] })).toBe(true);
    expect(isAmazonListingsFeed({ header: {}, messages: [] })).toBe(true);
    expect(AmazonListingsFeedSchema.safeParse({ header: {}, messages: [{ messageId: 1 }] }).success).toBe(false);
  });
});
