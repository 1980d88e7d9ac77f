/**
 * Feeds 2021-06-30 — createFeedDocument and the upload to its presigned URL, createFeed, getFeed,
 * cancelFeed, getFeeds, getFeedDocument and the download of the result document: requests per
 * the model, peddler's real replies and the model's sandbox replies parsed, errors typed, the
 * presigned URLs called exactly as given and without the SP-API access token.
 */
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { feedDocumentText, parseFeedProcessingReport } from '../../../connectors/amazon/index.js';
import { EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection } from './amazon-test-kit.js';
import { feedsFixture, feedsFixtureText, listingsFixture, recordAnswer, type SeenCall } from './listings-test-kit.js';

isolateNetworkPerTest();

const S3 = 'https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com';
const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';
const KEY = (operation: string) => ({ tenant: 'acme', vendor: 'amazon', operation, scope: 'eu' });

describe('createFeedDocument and the upload', () => {
  it('asks for a document with the JSON content type; PUTs the feed to the presigned URL as given, with exactly that Content-Type and no access token', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    const created = feedsFixture('create-feed-document.peddler.json') as { feedDocumentId: string; url: string };
    nock(EU_ENDPOINT).post('/feeds/2021-06-30/documents').reply(recordAnswer(seen, 201, feedsFixtureText('create-feed-document.peddler.json'), { 'x-amzn-requestid': 'rid-doc' }));
    nock(S3).put(/.*/).query(true).reply(recordAnswer(seen, 200, '', { 'x-amz-request-id': 'BYCH6MFHW9TTH4EX' }));
    const { client, limiter } = makeKit();

    const { document, requestId } = await client.createFeedDocument(JSON_CONTENT_TYPE);
    const feed = feedsFixtureText('upload-feed.peddler.json');
    await client.uploadFeedDocument(document.url, feed, JSON_CONTENT_TYPE);

    expect(requestId).toBe('rid-doc');
    expect(document).toEqual(created);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/feeds/2021-06-30/documents', body: '{"contentType":"application/json; charset=UTF-8"}' });
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    const upload = seen[1]!;
    expect(upload.method).toBe('PUT');
    // Byte for byte what Amazon signed: %3B and %2F stay encoded.
    expect(`${S3}${upload.path}`).toBe(created.url);
    expect(upload.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(upload.headers['x-amz-access-token']).toBeUndefined();
    expect(upload.headers.authorization).toBeUndefined();
    expect(upload.body).toBe(feed);
    // The upload spends no SP-API token.
    expect(limiter.stats(KEY('createFeedDocument'))).toMatchObject({ rate: 0.5, burst: 15 });
  });

  it('keeps a leading %2F in the presigned path (NA URLs look like /%2FNinetyDays/…, selling-partner-api-docs#2097): S3 signed it so', async () => {
    const seen: SeenCall[] = [];
    const host = 'https://tortuga-prod-na.s3-external-1.amazonaws.com';
    const url = `${host}/%2FNinetyDays/amzn1.tortuga.3.4cc6008c.TMAFY51UI56OU?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260301T094052Z&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Expires=300&X-Amz-Signature=0747bae6`;
    nock(host).put(/.*/).query(true).reply(recordAnswer(seen, 200, ''));
    const { client } = makeKit();
    await client.uploadFeedDocument(url, '{"header":{}}', JSON_CONTENT_TYPE);
    expect(`${host}${seen[0]!.path}`).toBe(url);
    expect(seen[0]?.headers['content-type']).toBe(JSON_CONTENT_TYPE);
  });

  it('an expired presigned URL (S3 403 AccessDenied "Request has expired") is transient: a fresh URL fixes it', async () => {
    const expired = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message><RequestId>R1</RequestId></Error>';
    nock(S3).put('/doc-1').times(3).reply(403, expired, { 'content-type': 'application/xml', 'x-amz-request-id': 'R1' });
    const { client } = makeKit();
    const error = await rejection(client.uploadFeedDocument(`${S3}/doc-1`, '{}', JSON_CONTENT_TYPE));
    expect(error).toMatchObject({ kind: 'transient', status: 403, vendorCode: 'AccessDenied', requestId: 'R1', operation: 'uploadFeedDocument' });
    expect(error.message).toBe('Amazon uploadFeedDocument: HTTP 403 AccessDenied: Request has expired');
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('S3 refusing the signature (another Content-Type than the one signed) is an auth error, not retried', async () => {
    const body = '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>';
    nock(S3).put('/doc-2').reply(403, body, { 'content-type': 'application/xml' });
    const { client } = makeKit();
    const error = await rejection(client.uploadFeedDocument(`${S3}/doc-2`, '{}', 'text/plain'));
    expect(error).toMatchObject({ kind: 'auth', vendorCode: 'SignatureDoesNotMatch' });
    expect(client.stats().requests).toBe(1);
  });

  it('refuses a URL that is not absolute http(s) before sending', async () => {
    const { client } = makeKit();
    const error = await rejection(client.uploadFeedDocument('/relative/path', '{}', JSON_CONTENT_TYPE));
    expect(error).toMatchObject({ kind: 'validation', operation: 'uploadFeedDocument' });
    expect(client.stats().requests).toBe(0);
  });
});

describe('createFeed', () => {
  it('POSTs the JSON_LISTINGS_FEED specification peddler recorded and reads the 202 feedId', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).post('/feeds/2021-06-30/feeds').reply(recordAnswer(seen, 202, feedsFixtureText('create-feed.peddler.json')));
    const { client, limiter } = makeKit();
    const result = await client.createFeed({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['A1F83G8C2ARO7P'], inputFeedDocumentId: 'amzn1.tortuga.4.eu.123' });
    expect(seen[0]?.body).toBe('{"feedType":"JSON_LISTINGS_FEED","marketplaceIds":["A1F83G8C2ARO7P"],"inputFeedDocumentId":"amzn1.tortuga.4.eu.123"}');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(result).toEqual({ feedId: '123' });
    expect(limiter.stats(KEY('createFeed'))).toMatchObject({ rate: 0.0083, burst: 15 });
  });

  it('fills in the connection marketplaces; the model 400 (code "400", not InvalidInput) is validation; a 500 is not resent (POST)', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .post('/feeds/2021-06-30/feeds')
      .reply(recordAnswer(seen, 400, feedsFixture('create-feed.sandbox-400.json')))
      .post('/feeds/2021-06-30/feeds')
      .reply(recordAnswer(seen, 500, { errors: [{ code: 'InternalFailure', message: 'We encountered an internal error.' }] }));
    const { client } = makeKit();
    const invalid = await rejection(client.createFeed({ feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: 'badDocumentId', feedOptions: { key: 'v' } }));
    expect(JSON.parse(seen[0]!.body)).toEqual({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P'], inputFeedDocumentId: 'badDocumentId', feedOptions: { key: 'v' } });
    expect(invalid).toMatchObject({ kind: 'validation', status: 400, vendorCode: '400' });
    const failed = await rejection(client.createFeed({ feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: 'doc' }));
    expect(failed.kind).toBe('transient');
    expect(seen).toHaveLength(2);
  });

  it('refuses 26 marketplaces and an empty document id locally', async () => {
    const { client } = makeKit();
    const many = Array.from({ length: 26 }, (_, i) => `M${i}`);
    expect((await rejection(client.createFeed({ feedType: 'X', marketplaceIds: many, inputFeedDocumentId: 'd' }))).message).toBe('Amazon createFeed: marketplaceIds takes at most 25 values, got 26');
    expect((await rejection(client.createFeed({ feedType: 'X', inputFeedDocumentId: '' }))).message).toBe('Amazon createFeed: inputFeedDocumentId must be a non-empty string');
  });
});

describe('getFeed', () => {
  it('parses peddler’s DONE feed with its resultFeedDocumentId', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).get('/feeds/2021-06-30/feeds/123').reply(recordAnswer(seen, 200, feedsFixtureText('get-feed.peddler.json'), { 'x-amzn-ratelimit-limit': '2.0' }));
    const { client, limiter } = makeKit();
    const { feed } = await client.getFeed('123');
    expect(seen[0]?.method).toBe('GET');
    expect(feed).toMatchObject({ feedId: '123', feedType: 'JSON_LISTINGS_FEED', processingStatus: 'DONE', resultFeedDocumentId: 'amzn1.tortuga.4.eu.123' });
    expect(limiter.stats(KEY('getFeed'))).toMatchObject({ rate: 2, burst: 15 });
  });

  it('accepts a FATAL feed without resultFeedDocumentId (selling-partner-api-models#96) and the sandbox CANCELLED one', async () => {
    mockLwa();
    const fatal = { feedId: '50014019222', feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['A1PA6795UKMFR9'], createdTime: '2026-03-01T10:00:00Z', processingStatus: 'FATAL', processingEndTime: null };
    nock(EU_ENDPOINT).get('/feeds/2021-06-30/feeds/50014019222').reply(200, fatal).get('/feeds/2021-06-30/feeds/feedId1').reply(200, feedsFixture('get-feed.sandbox-200.json'));
    const { client } = makeKit();
    const { feed } = await client.getFeed('50014019222');
    expect(feed.processingStatus).toBe('FATAL');
    expect(feed.resultFeedDocumentId).toBeUndefined();
    expect(feed.processingEndTime).toBeUndefined();
    expect((await client.getFeed('feedId1')).feed.processingStatus).toBe('CANCELLED');
  });

  it('a feed without processingStatus is a contract error; a 404 is not_found', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .get('/feeds/2021-06-30/feeds/1')
      .reply(200, { feedId: '1', feedType: 'X', createdTime: '2026-03-01T10:00:00Z' })
      .get('/feeds/2021-06-30/feeds/2')
      .reply(404, { errors: [{ code: 'NotFound', message: 'Feed not found' }] });
    const { client } = makeKit();
    expect((await rejection(client.getFeed('1'))).message).toContain('Amazon getFeed: response is not a Feed (processingStatus:');
    expect(await rejection(client.getFeed('2'))).toMatchObject({ kind: 'not_found', vendorCode: 'NotFound' });
  });
});

describe('cancelFeed', () => {
  it('DELETEs the feed and accepts the model’s empty 200; its 400 keeps the code', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .delete('/feeds/2021-06-30/feeds/ID1')
      .reply(recordAnswer(seen, 200, '', { 'x-amzn-requestid': 'rid-cancel' }))
      .delete('/feeds/2021-06-30/feeds/ID2')
      .reply(recordAnswer(seen, 400, { errors: [{ code: '400', message: 'Invalid input', details: 'Invalid input' }] }));
    const { client } = makeKit();
    expect(await client.cancelFeed('ID1')).toEqual({ requestId: 'rid-cancel' });
    expect(seen[0]?.method).toBe('DELETE');
    const error = await rejection(client.cancelFeed('ID2'));
    expect(error).toMatchObject({ kind: 'validation', status: 400, vendorCode: '400' });
    expect(error.message).toBe('Amazon cancelFeed: HTTP 400 400: Invalid input (Invalid input)');
  });
});

describe('getFeeds', () => {
  it('sends the sandbox query (csv arrays) and parses feeds and nextToken; then the nextToken alone', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).get('/feeds/2021-06-30/feeds').query(true).times(2).reply(recordAnswer(seen, 200, feedsFixture('get-feeds.sandbox-200.json')));
    const { client } = makeKit();
    const page = await client.getFeeds({ feedTypes: ['POST_PRODUCT_DATA'], pageSize: 10, processingStatuses: ['CANCELLED', 'DONE'], marketplaceIds: ['A1PA6795UKMFR9'], createdSince: '2026-03-01T00:00:00Z' });
    await client.getFeeds({ nextToken: page.nextToken! });
    expect(seen.map((s) => s.path)).toEqual([
      '/feeds/2021-06-30/feeds?feedTypes=POST_PRODUCT_DATA&marketplaceIds=A1PA6795UKMFR9&pageSize=10&processingStatuses=CANCELLED,DONE&createdSince=2026-03-01T00%3A00%3A00Z',
      '/feeds/2021-06-30/feeds?nextToken=VGhpcyB0b2tlbiBpcyBvcGFxdWUgYW5kIGludGVudGlvbmFsbHkgb2JmdXNjYXRlZA%3D%3D',
    ]);
    expect(page.feeds.map((f) => [f.feedId, f.processingStatus])).toEqual([['FeedId1', 'CANCELLED']]);
  });

  it.each([
    [{}, 'feedTypes needs at least 1 value(s)'],
    [{ nextToken: 't', pageSize: 5 }, 'nextToken goes alone, without pageSize'],
    [{ feedTypes: ['X'], processingStatuses: ['BAD_VALUE'] }, 'processingStatuses: "BAD_VALUE" is not one of IN_QUEUE, IN_PROGRESS, DONE, CANCELLED, FATAL'],
    [{ feedTypes: ['X'], pageSize: 101 }, 'pageSize must be an integer from 1 to 100, got 101'],
  ])('refuses %j locally', async (params, message) => {
    const { client } = makeKit();
    expect((await rejection(client.getFeeds(params as never))).message).toBe(`Amazon getFeeds: ${message}`);
  });
});

describe('getFeedDocument and the result download', () => {
  const report = listingsFixture('listings-feed-processing-report-schema-v2.example.json');

  it('gets the document, downloads it without the access token, gunzips it (GZIP) and parses the processing report', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    const url = `${S3}/result-1.amzn1.tortuga.4.eu.T1?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20260301%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=abc`;
    nock(EU_ENDPOINT)
      .get('/feeds/2021-06-30/documents/amzn1.tortuga.4.eu.123')
      .reply(recordAnswer(seen, 200, { feedDocumentId: 'amzn1.tortuga.4.eu.123', url, compressionAlgorithm: 'GZIP' }));
    nock(S3).get(/.*/).query(true).reply(recordAnswer(seen, 200, gzipSync(Buffer.from(JSON.stringify(report))), { 'content-type': 'application/octet-stream' }));
    const { client, limiter } = makeKit();

    const { document } = await client.getFeedDocument('amzn1.tortuga.4.eu.123');
    const downloaded = await client.downloadFeedDocument(document);
    const parsed = parseFeedProcessingReport(downloaded);

    expect(`${S3}${seen[1]!.path}`).toBe(url);
    expect(seen[1]?.headers['x-amz-access-token']).toBeUndefined();
    expect(parsed.header.feedId).toBe('1234567890');
    expect(parsed.summary).toMatchObject({ errors: 3, messagesProcessed: 4, messagesAccepted: 2, messagesInvalid: 2 });
    expect(parsed.issues?.map((i) => [i.messageId, i.sku, i.code])).toEqual([
      [4, 'My-SKU-B', '90220'],
      [4, 'My-SKU-B', '90220'],
      [5, 'My-SKU-C', '99022'],
    ]);
    expect(limiter.stats(KEY('getFeedDocument'))).toMatchObject({ rate: 0.0222, burst: 10 });
  });

  it('decodes in the charset the download declares, and accepts a header-level issue without messageId or sku (selling-partner-api-docs#1133)', async () => {
    const text = JSON.stringify({
      header: { sellerId: 'A3UY995ZK', version: '2.0', feedId: 415520018 },
      issues: [{ code: '4002006', severity: 'ERROR', message: "L'attribut 'version' ne correspond pas à la valeur requise." }],
      summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
    });
    nock(S3).get('/report-latin1').reply(200, Buffer.from(text, 'latin1'), { 'content-type': 'application/json; charset=ISO-8859-1' });
    const { client } = makeKit();
    const downloaded = await client.downloadFeedDocument({ feedDocumentId: 'd', url: `${S3}/report-latin1` });
    const parsed = parseFeedProcessingReport(downloaded);
    expect(parsed.header.feedId).toBe('415520018');
    expect(parsed.issues?.[0]).toEqual({ code: '4002006', severity: 'ERROR', message: "L'attribut 'version' ne correspond pas à la valeur requise." });
  });

  it('a document already inflated in transit (GZIP announced, plain bytes) reads as it is; a non-report is a contract error', async () => {
    nock(S3).get('/plain').reply(200, JSON.stringify(report), { 'content-type': 'application/json' }).get('/not-a-report').reply(200, 'Feed Processing Summary:\n\tNumber of records processed\t0', { 'content-type': 'text/plain' });
    const { client } = makeKit();
    const plain = await client.downloadFeedDocument({ feedDocumentId: 'd', url: `${S3}/plain`, compressionAlgorithm: 'GZIP' });
    expect(JSON.parse(feedDocumentText(plain))).toEqual(report);
    const other = await client.downloadFeedDocument({ feedDocumentId: 'd', url: `${S3}/not-a-report` });
    let error: unknown;
    try {
      parseFeedProcessingReport(other);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'contract', operation: 'downloadFeedDocument' });
    expect((error as Error).message).toBe('Amazon downloadFeedDocument: the processing report is not JSON: Feed Processing Summary: Number of records processed 0');
  });

  it('a download 404 (S3 NoSuchKey) is not_found', async () => {
    nock(S3).get('/gone').reply(404, '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>', { 'content-type': 'application/xml' });
    const { client } = makeKit();
    expect(await rejection(client.downloadFeedDocument({ feedDocumentId: 'd', url: `${S3}/gone` }))).toMatchObject({ kind: 'not_found', vendorCode: 'NoSuchKey', operation: 'downloadFeedDocument' });
  });
});
