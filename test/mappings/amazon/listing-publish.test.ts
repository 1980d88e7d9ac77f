/**
 * The Amazon side of listingsPublish (mappings/amazon/listing-publish.ts): a listing payload as
 * a JSON_LISTINGS_FEED message the connector's feed builder takes, Listings Items replies and
 * feed processing reports (Amazon's own examples in test/fixtures/amazon/listings) as verdicts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listingsFeedMessages } from '../../../connectors/amazon/listings-feed.js';
import { AmazonFeedProcessingReportSchema } from '../../../connectors/amazon/schemas/feeds.js';
import { AmazonListingsSubmissionSchema } from '../../../connectors/amazon/schemas/listings-items-2021-08-01.js';
import {
  amazonFeedReportVerdicts,
  amazonListingFeedMessage,
  amazonListingMarketplace,
  amazonListingSubmissionVerdict,
} from '../../../mappings/amazon/listing-publish.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'listings');
const json = (name: string): unknown => JSON.parse(readFileSync(join(DIR, name), 'utf8'));
const submission = (body: unknown) => AmazonListingsSubmissionSchema.parse(body);
const report = (body: unknown) => AmazonFeedProcessingReportSchema.parse(body);

const payload = {
  productType: 'SHIRT',
  requirements: 'LISTING' as const,
  attributes: { item_name: [{ value: 'Organic cotton T-shirt', language_tag: 'en_GB', marketplace_id: 'A1F83G8C2ARO7P' }] },
};

describe('amazonListingFeedMessage', () => {
  it('makes the put body an UPDATE message the feed builder accepts', () => {
    const message = amazonListingFeedMessage('TS-BLA-S', payload);
    expect(message).toEqual({ sku: 'TS-BLA-S', operationType: 'UPDATE', productType: 'SHIRT', requirements: 'LISTING', attributes: payload.attributes });
    expect(listingsFeedMessages([message], 1)).toEqual([{ messageId: 1, ...message }]);
  });

  it('leaves requirements out when the mapping sets none', () => {
    const { requirements: _r, ...bare } = payload;
    expect(amazonListingFeedMessage('X', bare)).not.toHaveProperty('requirements');
  });
});

describe('amazonListingSubmissionVerdict', () => {
  it('ACCEPTED without issues is accepted, with the submission id', () => {
    expect(amazonListingSubmissionVerdict(submission(json('sandbox-put-listings-item-200-1.json')), 'amazon-eu')).toEqual({
      status: 'accepted',
      issues: [],
      submissionId: 'f1dc2914-75dd-11ea-bc55-0242ac130003',
    });
  });

  it('INVALID is rejected, the issues naming the attributes at fault', () => {
    const v = amazonListingSubmissionVerdict(submission(json('sandbox-put-listings-item-200-3.json')), 'amazon-eu');
    expect(v.status).toBe('rejected');
    expect(v.submissionId).toBe('a1c562c2-1695-11ee-be56-0242ac120002');
    expect(v.issues.map((i) => [i.code, i.severity, i.attributeNames])).toEqual([
      ['90220', 'error', ['condition_type']],
      ['90000900', 'error', ['fake_attribute']],
    ]);
  });

  it('VALID (a VALIDATION_PREVIEW that passed) is valid', () => {
    expect(amazonListingSubmissionVerdict(submission(json('sandbox-put-listings-item-200-2.json')), 'amazon-eu').status).toBe('valid');
  });

  it('ACCEPTED with warnings only is accepted-with-warnings', () => {
    const v = amazonListingSubmissionVerdict(
      submission({ sku: 'X-WARN', status: 'ACCEPTED', submissionId: 's-1', issues: [{ code: '18027', message: 'no main image', severity: 'WARNING', attributeNames: ['main_product_image_locator'] }] }),
      'amazon-eu',
    );
    expect(v).toMatchObject({ status: 'accepted-with-warnings', submissionId: 's-1' });
  });

  it('a status Amazon added since is a rejection that says why, not an acceptance', () => {
    const v = amazonListingSubmissionVerdict(submission({ sku: 'X', status: 'QUEUED', submissionId: 's-2', issues: [] }), 'amazon-eu');
    expect(v.status).toBe('rejected');
    expect(v.issues[0]).toMatchObject({ code: 'unreadable_reply', severity: 'error' });
    expect(v.issues[0]!.message).toContain('unknown submission status "QUEUED"');
  });
});

describe('amazonFeedReportVerdicts', () => {
  it('Amazon\'s example report: messages it does not name are accepted, the others rejected with its reasons', () => {
    const sent = [
      { messageId: 3, sku: 'My-SKU-A' },
      { messageId: 4, sku: 'My-SKU-B' },
      { messageId: 5, sku: 'My-SKU-C' },
    ];
    const { verdicts, feedIssues } = amazonFeedReportVerdicts(report(json('listings-feed-processing-report-schema-v2.example.json')), sent, 'amazon-us');
    expect(feedIssues).toEqual([]);
    expect(verdicts.map((v) => [v.sku, v.status, v.issues.length])).toEqual([
      ['My-SKU-A', 'accepted', 0],
      ['My-SKU-B', 'rejected', 2],
      ['My-SKU-C', 'rejected', 1],
    ]);
    expect(verdicts[2]!.issues[0]).toMatchObject({ code: '99022', attributeNames: ['purchasable_offer.our_price'] });
  });

  it('warnings only: accepted-with-warnings', () => {
    const r = report({ header: { feedId: '9' }, issues: [{ messageId: 1, sku: 'A-WARN', code: '18027', severity: 'WARNING', message: 'no main image', attributeName: 'main_product_image_locator' }], summary: { errors: 0, warnings: 1, messagesProcessed: 1, messagesAccepted: 1, messagesInvalid: 0 } });
    expect(amazonFeedReportVerdicts(r, [{ messageId: 1, sku: 'A-WARN' }], 'amazon-eu').verdicts).toEqual([
      { sku: 'A-WARN', status: 'accepted-with-warnings', issues: [{ code: '18027', message: 'no main image', severity: 'warning', attributeNames: ['main_product_image_locator'] }] },
    ]);
  });

  it('an error about the feed itself (no messageId) rejects every message with it', () => {
    const r = report({ header: { feedId: '10' }, issues: [{ code: '4000004', severity: 'ERROR', message: "The 'version' attribute does not match the required value." }], summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 } });
    const out = amazonFeedReportVerdicts(r, [{ messageId: 1, sku: 'A' }, { messageId: 2, sku: 'B' }], 'amazon-eu');
    expect(out.feedIssues).toHaveLength(1);
    expect(out.verdicts.map((v) => [v.sku, v.status, v.issues[0]?.code])).toEqual([
      ['A', 'rejected', '4000004'],
      ['B', 'rejected', '4000004'],
    ]);
  });

  it('a message the report cannot be read for is rejected with the reason, never taken as accepted', () => {
    const r = report({ header: { feedId: '11' }, issues: [{ messageId: 1, sku: 'A', severity: 'FATALISH', message: 'odd' }], summary: { errors: 1, warnings: 0, messagesProcessed: 1, messagesAccepted: 0, messagesInvalid: 1 } });
    const [v] = amazonFeedReportVerdicts(r, [{ messageId: 1, sku: 'A' }], 'amazon-eu').verdicts;
    expect(v).toMatchObject({ sku: 'A', status: 'rejected' });
    expect(v!.issues[0]!.message).toContain('unknown issue severity "FATALISH"');
  });
});

describe('amazonListingMarketplace', () => {
  it('knows the marketplace\'s country and currency, and nothing of an unknown id', () => {
    expect(amazonListingMarketplace('A1F83G8C2ARO7P')).toEqual({ id: 'A1F83G8C2ARO7P', country: 'GB', currency: 'GBP' });
    expect(amazonListingMarketplace('NOPE')).toBeUndefined();
  });
});
