/**
 * Amazon as a ListingTarget, built through the registry: putListing / validateListing on
 * putListingsItem, submitListingsFeed as createFeedDocument → upload → createFeed per feed,
 * feedStatus from getFeed, feedResults from getFeedDocument and the report download.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ListingTarget } from '../../../connectors/capabilities.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { connectorFor } from '../../../connectors/registry.js';
import { CREDENTIALS, EU_ENDPOINT, isolateNetworkPerTest, mockLwa, rejection, SETTINGS } from './amazon-test-kit.js';
import { feedsFixture, feedsFixtureText, listingsFixture, recordAnswer, type SeenCall } from './listings-test-kit.js';

isolateNetworkPerTest();

const S3 = 'https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com';
const SELLER = 'A34PPN1ZLYCOGT';

function target(settings: Record<string, unknown> = { ...SETTINGS, sellerId: SELLER }): ListingTarget {
  const connection = connectorFor('amazon').connect({ tenant: 'acme', settings, credentials: { ...CREDENTIALS }, limiter: new RateLimiterRegistry(), logger: pino({ level: 'silent' }) });
  return connection.capability('listingTarget')!;
}

const putRequest = { productType: 'PRODUCT', requirements: 'LISTING_OFFER_ONLY', attributes: { condition_type: [{ value: 'new_new', marketplace_id: 'A1F83G8C2ARO7P' }] } };

describe('Amazon ListingTarget', () => {
  it('putListing PUTs to the connection seller, the write’s marketplace; validateListing adds VALIDATION_PREVIEW with identifiers', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .put(/^\/listings\/2021-08-01\/items\//)
      .query(true)
      .reply(recordAnswer(seen, 200, { sku: 'SKU 1', status: 'ACCEPTED', submissionId: 's-1', issues: [] }))
      .put(/^\/listings\/2021-08-01\/items\//)
      .query(true)
      .reply(recordAnswer(seen, 200, listingsFixture('sandbox-put-listings-item-200-3.json')));
    const listings = target();

    expect(await listings.putListing({ sku: 'SKU 1', request: putRequest, marketplaceId: 'A1F83G8C2ARO7P' })).toEqual({ sku: 'SKU 1', status: 'ACCEPTED', submissionId: 's-1', issues: [] });
    const verdict = (await listings.validateListing({ sku: 'VALIDATION_INVALID', request: putRequest })) as { status: string };

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      `PUT /listings/2021-08-01/items/${SELLER}/SKU%201?marketplaceIds=A1F83G8C2ARO7P`,
      `PUT /listings/2021-08-01/items/${SELLER}/VALIDATION_INVALID?marketplaceIds=A1PA6795UKMFR9&includedData=identifiers,issues&mode=VALIDATION_PREVIEW`,
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual(putRequest);
    expect(verdict.status).toBe('INVALID');
  });

  it('without a sellerId in the connection nothing is sent', async () => {
    const error = await rejection(target({ ...SETTINGS }).putListing({ sku: 'A', request: putRequest }));
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error.message).toBe('Amazon putListingsItem: the connection has no sellerId (merchant token): listings need it');
  });

  it('submitListingsFeed: per feed createFeedDocument, the upload (exact Content-Type, no token), createFeed JSON_LISTINGS_FEED', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    const uploadUrl = (JSON.parse(feedsFixtureText('create-feed-document.peddler.json')) as { url: string }).url;
    nock(EU_ENDPOINT)
      .post('/feeds/2021-06-30/documents')
      .reply(recordAnswer(seen, 201, feedsFixtureText('create-feed-document.peddler.json')))
      .post('/feeds/2021-06-30/feeds')
      .reply(recordAnswer(seen, 202, { feedId: '50014019222' }));
    nock(S3).put(/.*/).query(true).reply(recordAnswer(seen, 200, ''));
    const messages = [
      { sku: 'SKU123', operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }] }] },
      { sku: 'OLD#1', operationType: 'DELETE' },
    ];

    const submission = await target().submitListingsFeed(messages, { marketplaceIds: ['A1F83G8C2ARO7P'] });

    expect(submission).toEqual({ feeds: [{ feedId: '50014019222', skus: ['SKU123', 'OLD#1'], messages: 2 }] });
    expect(seen.map((s) => s.method)).toEqual(['POST', 'PUT', 'POST']);
    expect(JSON.parse(seen[0]!.body)).toEqual({ contentType: 'application/json; charset=UTF-8' });
    expect(`${S3}${seen[1]!.path}`).toBe(uploadUrl);
    expect(seen[1]?.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(seen[1]?.headers['x-amz-access-token']).toBeUndefined();
    expect(JSON.parse(seen[1]!.body)).toEqual({ header: { sellerId: SELLER, version: '2.0' }, messages: messages.map((m, i) => ({ messageId: i + 1, ...m })) });
    expect(JSON.parse(seen[2]!.body)).toEqual({
      feedType: 'JSON_LISTINGS_FEED',
      marketplaceIds: ['A1F83G8C2ARO7P'],
      inputFeedDocumentId: 'amzn1.tortuga.4.eu.9d4faece-0054-4b11-b6d4-14741b5d8c63.T1DN3IS2SW8HHW',
    });
  });

  it('a message the feed schema refuses stops the submission before any request', async () => {
    const error = await rejection(target().submitListingsFeed([{ sku: 'A', operationType: 'UPDATE', productType: 'P' }]));
    expect(error.message).toContain('Amazon buildListingsFeed: message 0 (SKU A): attributes:');
  });

  it('feedStatus maps processingStatus; a FATAL feed has no result document; an unknown status is kept raw', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .get('/feeds/2021-06-30/feeds/123')
      .reply(200, feedsFixtureText('get-feed.peddler.json'), { 'content-type': 'application/json' })
      .get('/feeds/2021-06-30/feeds/9')
      .reply(200, { feedId: '9', feedType: 'JSON_LISTINGS_FEED', createdTime: '2026-03-01T10:00:00Z', processingStatus: 'FATAL' })
      .get('/feeds/2021-06-30/feeds/10')
      .reply(200, { feedId: '10', feedType: 'JSON_LISTINGS_FEED', createdTime: '2026-03-01T10:00:00Z', processingStatus: 'PAUSED' });
    const listings = target();
    expect(await listings.feedStatus('123')).toMatchObject({ feedId: '123', state: 'done', rawStatus: 'DONE', resultDocumentId: 'amzn1.tortuga.4.eu.123' });
    const fatal = await listings.feedStatus('9');
    expect(fatal).toMatchObject({ state: 'fatal', rawStatus: 'FATAL' });
    expect(fatal.resultDocumentId).toBeUndefined();
    const unknown = await listings.feedStatus('10');
    expect(unknown.state).toBeUndefined();
    expect(unknown.rawStatus).toBe('PAUSED');
  });

  it('feedResults reads the result document and parses the processing report', async () => {
    mockLwa();
    const report = listingsFixture('listings-feed-processing-report-schema-v2.example.json');
    nock(EU_ENDPOINT).get('/feeds/2021-06-30/documents/amzn1.tortuga.4.eu.123').reply(200, { feedDocumentId: 'amzn1.tortuga.4.eu.123', url: `${S3}/report-1?X-Amz-Signature=x`, compressionAlgorithm: 'GZIP' });
    nock(S3).get('/report-1').query({ 'X-Amz-Signature': 'x' }).reply(200, gzipSync(Buffer.from(JSON.stringify(report))));
    const results = (await target().feedResults('amzn1.tortuga.4.eu.123')) as { summary: { messagesAccepted: number }; issues: unknown[] };
    expect(results.summary.messagesAccepted).toBe(2);
    expect(results.issues).toHaveLength(3);
  });

  it('productTypeSchema: getDefinitionsProductType for the seller and marketplace (LISTING), then the schema document checked against its MD5', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    const document = JSON.stringify({ $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object', properties: { item_name: { type: 'array' } } });
    const md5 = createHash('md5').update(document).digest('base64');
    const definition = { ...feedsFixture('get-definitions-product-type.sandbox-200.json'), schema: { link: { resource: `${S3}/schema/LUGGAGE.json`, verb: 'GET' }, checksum: md5 } };
    nock(EU_ENDPOINT).get('/definitions/2020-09-01/productTypes/LUGGAGE').query(true).reply(recordAnswer(seen, 200, definition));
    nock(S3).get('/schema/LUGGAGE.json').reply(200, document);
    const got = await target().productTypeSchema!('LUGGAGE', 'A1F83G8C2ARO7P');
    expect(got).toEqual({ schema: JSON.parse(document), version: 'UHqSqmb4FNUk=' });
    expect(seen.map((c) => c.path)).toEqual([
      `/definitions/2020-09-01/productTypes/LUGGAGE?sellerId=${SELLER}&marketplaceIds=A1F83G8C2ARO7P&productTypeVersion=LATEST&requirements=LISTING&locale=DEFAULT`,
    ]);
  });

  it('productTypeSchema: a document that is not the one the checksum names is a contract error, never a schema', async () => {
    mockLwa();
    const definition = { ...feedsFixture('get-definitions-product-type.sandbox-200.json'), schema: { link: { resource: `${S3}/schema/LUGGAGE.json`, verb: 'GET' }, checksum: 'AAAAAAAAAAAAAAAAAAAAAA==' } };
    nock(EU_ENDPOINT).get('/definitions/2020-09-01/productTypes/LUGGAGE').query(true).reply(200, definition);
    nock(S3).get('/schema/LUGGAGE.json').reply(200, '{"type":"object"}');
    expect(await rejection(target().productTypeSchema!('LUGGAGE', 'A1F83G8C2ARO7P'))).toMatchObject({ kind: 'contract' });
  });
});
