import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SANDBOX_SELLER_ID, startAmazonSandbox, type AmazonSandbox } from '../../../sandbox/amazon/index.js';
import { postJson, requestToken, spRequest } from './sandbox-client.js';
import { useSeededSandbox } from './seeded-sandbox.js';
import { loadModel, validateModelResponse } from './swagger-schema.js';

const FEEDS = loadModel('feeds_2021-06-30.json');
const REPORT_SCHEMA = JSON.parse(readFileSync(new URL('../../fixtures/amazon/models/listings-feed-processing-report-schema-v2.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const DE = 'A1PA6795UKMFR9';
const JSON_TYPE = 'application/json; charset=UTF-8';

let sandbox: AmazonSandbox;
let token: string;
const { seed, clock } = useSeededSandbox({ count: 40 }, (s, t) => {
  sandbox = s;
  token = t;
});

interface Feed {
  feedId: string;
  processingStatus: string;
  resultFeedDocumentId?: string;
  processingStartTime?: string;
  processingEndTime?: string;
}

function attributes(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    item_name: [{ value: 'Thermobecher 350 ml', language_tag: 'de_DE', marketplace_id: DE }],
    brand: [{ value: 'Caravan Goods', marketplace_id: DE }],
    material: [{ value: 'Edelstahl', marketplace_id: DE }],
    capacity: [{ value: 350, unit: 'milliliters', marketplace_id: DE }],
    condition_type: [{ value: 'new_new', marketplace_id: DE }],
    purchasable_offer: [{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 19.99 }] }], marketplace_id: DE }],
    fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }],
    ...overrides,
  };
}

function listingsFeed(sellerId = SANDBOX_SELLER_ID): string {
  return JSON.stringify({
    header: { sellerId, version: '2.0', issueLocale: 'de_DE' },
    messages: [
      { messageId: 1, sku: 'CUP-350', operationType: 'UPDATE', productType: 'DRINKING_CUP', requirements: 'LISTING', attributes: attributes() },
      { messageId: 2, sku: 'CUP-NO-BRAND', operationType: 'UPDATE', productType: 'DRINKING_CUP', requirements: 'LISTING', attributes: attributes({ brand: undefined }) },
      { messageId: 3, sku: 'CUP-350', operationType: 'PATCH', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 9 }] }] },
      { messageId: 4, sku: 'CUP-WARN', operationType: 'UPDATE', productType: 'DRINKING_CUP', attributes: attributes() },
      { messageId: 5, operationType: 'UPDATE', productType: 'DRINKING_CUP', attributes: attributes() },
    ],
  });
}

/** createFeedDocument → upload → createFeed; the feed id. */
async function submit(content: string, contentType = JSON_TYPE): Promise<string> {
  const doc = await spRequest<{ feedDocumentId: string; url: string }>(sandbox.url, 'POST', '/feeds/2021-06-30/documents', token, { body: { contentType: JSON_TYPE } });
  expect(doc.status).toBe(201);
  const upload = await fetch(doc.body.url, { method: 'PUT', headers: { 'content-type': contentType }, body: content });
  expect(upload.status).toBe(200);
  const feed = await spRequest<{ feedId: string }>(sandbox.url, 'POST', '/feeds/2021-06-30/feeds', token, {
    body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [DE], inputFeedDocumentId: doc.body.feedDocumentId },
  });
  expect(feed.status).toBe(202);
  expect(validateModelResponse(FEEDS, 'POST', '/feeds/2021-06-30/feeds', 202, feed.body)).toEqual([]);
  return feed.body.feedId;
}

const getFeed = async (id: string): Promise<Feed> => {
  const r = await spRequest<Feed>(sandbox.url, 'GET', `/feeds/2021-06-30/feeds/${id}`, token);
  expect(validateModelResponse(FEEDS, 'GET', '/feeds/2021-06-30/feeds/{feedId}', 200, r.body)).toEqual([]);
  return r.body;
};

async function resultDocument(feed: Feed): Promise<{ header: unknown; issues: Record<string, unknown>[]; summary: Record<string, number> }> {
  const doc = await spRequest<{ url: string; compressionAlgorithm?: string }>(sandbox.url, 'GET', `/feeds/2021-06-30/documents/${feed.resultFeedDocumentId ?? ''}`, token);
  expect(validateModelResponse(FEEDS, 'GET', '/feeds/2021-06-30/documents/{feedDocumentId}', 200, doc.body)).toEqual([]);
  expect(doc.body.compressionAlgorithm).toBe('GZIP');
  const res = await fetch(doc.body.url);
  expect(res.headers.get('content-type')).toBe(JSON_TYPE);
  const report = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as { header: unknown; issues: Record<string, unknown>[]; summary: Record<string, number> };
  const ajv = new Ajv({ strict: false, allErrors: true });
  expect(ajv.validate(REPORT_SCHEMA, report), JSON.stringify(ajv.errors)).toBe(true);
  return report;
}

describe('feed documents', () => {
  it('refuses an upload whose Content-Type differs from the declared one, like S3', async () => {
    const doc = await spRequest<{ feedDocumentId: string; url: string }>(sandbox.url, 'POST', '/feeds/2021-06-30/documents', token, { body: { contentType: JSON_TYPE } });
    expect(validateModelResponse(FEEDS, 'POST', '/feeds/2021-06-30/documents', 201, doc.body)).toEqual([]);
    expect(doc.body.url).toMatch(new RegExp(`^${sandbox.url}/_documents/upload/.+X-Amz-Signature=[0-9a-f]{64}`));
    const wrong = await fetch(doc.body.url, { method: 'PUT', headers: { 'content-type': 'text/tab-separated-values; charset=UTF-8' }, body: '{}' });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toBe('application/xml');
    expect(await wrong.text()).toMatch(/<Error><Code>SignatureDoesNotMatch<\/Code><Message>The request signature we calculated does not match/);
    // One hex digit changed (to another digit: the signature may start with 0 already).
    const tamperedUrl = doc.body.url.replace(/X-Amz-Signature=(.)/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
    expect(tamperedUrl).not.toBe(doc.body.url);
    const tampered = await fetch(tamperedUrl, { method: 'PUT', headers: { 'content-type': JSON_TYPE }, body: '{}' });
    expect(tampered.status).toBe(403);
    clock.advanceSeconds(301);
    const late = await fetch(doc.body.url, { method: 'PUT', headers: { 'content-type': JSON_TYPE }, body: '{}' });
    expect(await late.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('needs contentType', async () => {
    const r = await spRequest(sandbox.url, 'POST', '/feeds/2021-06-30/documents', token, { body: {} });
    expect(r.status).toBe(400);
    expect(validateModelResponse(FEEDS, 'POST', '/feeds/2021-06-30/documents', 400, r.body)).toEqual([]);
  });
});

describe('JSON_LISTINGS_FEED processing', () => {
  it('moves IN_QUEUE → IN_PROGRESS → DONE on the clock and reports per message', async () => {
    const id = await submit(listingsFeed());
    expect((await getFeed(id)).processingStatus).toBe('IN_QUEUE');
    clock.advanceSeconds(30);
    expect(await getFeed(id)).toMatchObject({ processingStatus: 'IN_PROGRESS', processingStartTime: expect.any(String) });
    clock.advanceSeconds(60);
    const done = await getFeed(id);
    expect(done).toMatchObject({ processingStatus: 'DONE', processingEndTime: expect.any(String), resultFeedDocumentId: expect.any(String) });

    const report = await resultDocument(done);
    expect(report.header).toEqual({ sellerId: SANDBOX_SELLER_ID, version: '2.0', feedId: id });
    expect(report.summary).toEqual({ errors: 2, warnings: 1, messagesProcessed: 5, messagesAccepted: 3, messagesInvalid: 2 });
    expect(report.issues).toEqual([
      { messageId: 2, sku: 'CUP-NO-BRAND', code: '90220', severity: 'ERROR', message: "'[brand]' ist erforderlich, wurde aber nicht angegeben.", attributeName: 'brand' },
      expect.objectContaining({ messageId: 4, sku: 'CUP-WARN', severity: 'WARNING' }),
      { messageId: 5, code: '4002008', severity: 'ERROR', message: 'The provided message did not meet the schema validation requirements for a feed message.' },
    ]);
    // Applied to the same store the Listings Items API serves, PATCH included.
    const item = await spRequest<{ fulfillmentAvailability: unknown[] }>(sandbox.url, 'GET', `/listings/2021-08-01/items/${SANDBOX_SELLER_ID}/CUP-350`, token, {
      query: { marketplaceIds: DE, includedData: 'fulfillmentAvailability' },
    });
    expect(item.body.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 9 }]);
    expect((await spRequest(sandbox.url, 'GET', `/listings/2021-08-01/items/${SANDBOX_SELLER_ID}/CUP-NO-BRAND`, token, { query: { marketplaceIds: DE } })).status).toBe(404);
  });

  it('ends FATAL with the error in the result document when the header names another seller', async () => {
    const id = await submit(listingsFeed('A3SOMEONEELSE'));
    clock.advanceSeconds(90);
    const feed = await getFeed(id);
    expect(feed.processingStatus).toBe('FATAL');
    const report = await resultDocument(feed);
    expect(report.issues).toEqual([{ code: '4002006', severity: 'ERROR', message: expect.stringContaining("sellerId 'A3SOMEONEELSE'") }]);
    expect(report.summary.messagesProcessed).toBe(0);
  });

  it('ends FATAL for a feed that is not JSON', async () => {
    const id = await submit('{"header": {"sellerId": ');
    clock.advanceSeconds(90);
    const feed = await getFeed(id);
    expect(feed.processingStatus).toBe('FATAL');
    expect((await resultDocument(feed)).issues[0]?.message).toMatch(/^The feed is not valid JSON/);
  });

  it('ends CANCELLED when planned through the admin API', async () => {
    expect((await postJson(sandbox.url, '/_sandbox/feeds/plan', { processingStatus: 'CANCELLED' })).status).toBe(200);
    const id = await submit(listingsFeed());
    clock.advanceSeconds(90);
    const feed = await getFeed(id);
    expect(feed.processingStatus).toBe('CANCELLED');
    expect(feed.resultFeedDocumentId).toBeUndefined();
    // Only the next feed.
    const next = await submit(listingsFeed());
    clock.advanceSeconds(90);
    expect((await getFeed(next)).processingStatus).toBe('DONE');
  });

  it('cancels a feed IN_QUEUE, not one IN_PROGRESS', async () => {
    const queued = await submit(listingsFeed());
    const cancel = await spRequest(sandbox.url, 'DELETE', `/feeds/2021-06-30/feeds/${queued}`, token);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toBeUndefined();
    clock.advanceSeconds(90);
    expect((await getFeed(queued)).processingStatus).toBe('CANCELLED');
    const running = await submit(listingsFeed());
    clock.advanceSeconds(31);
    const refused = await spRequest(sandbox.url, 'DELETE', `/feeds/2021-06-30/feeds/${running}`, token);
    expect(refused.status).toBe(400);
    expect(validateModelResponse(FEEDS, 'DELETE', '/feeds/2021-06-30/feeds/{feedId}', 400, refused.body)).toEqual([]);
  });

  it('lists feeds newest first with nextToken paging, and needs feedTypes', async () => {
    const ids = [await submit(listingsFeed()), await submit(listingsFeed()), await submit(listingsFeed())];
    const page1 = await spRequest<{ feeds: Feed[]; nextToken?: string }>(sandbox.url, 'GET', '/feeds/2021-06-30/feeds', token, { query: { feedTypes: 'JSON_LISTINGS_FEED', pageSize: '2' } });
    expect(validateModelResponse(FEEDS, 'GET', '/feeds/2021-06-30/feeds', 200, page1.body)).toEqual([]);
    expect(page1.body.feeds.map((f) => f.feedId)).toEqual([ids[2], ids[1]]);
    const page2 = await spRequest<{ feeds: Feed[]; nextToken?: string }>(sandbox.url, 'GET', '/feeds/2021-06-30/feeds', token, { query: { nextToken: page1.body.nextToken ?? '' } });
    expect(page2.body.feeds.map((f) => f.feedId)).toEqual([ids[0]]);
    expect(page2.body.nextToken).toBeUndefined();
    expect((await spRequest(sandbox.url, 'GET', '/feeds/2021-06-30/feeds', token)).status).toBe(400);
  });

  it('scales processing time by timeScale and throttles createFeed with its own bucket', async () => {
    const fast = await startAmazonSandbox({ orders: seed, now: clock.now, timeScale: 10 });
    try {
      const t = await requestToken(fast.url);
      const doc = await spRequest<{ feedDocumentId: string; url: string }>(fast.url, 'POST', '/feeds/2021-06-30/documents', t, { body: { contentType: JSON_TYPE } });
      await fetch(doc.body.url, { method: 'PUT', headers: { 'content-type': JSON_TYPE }, body: listingsFeed() });
      const create = (): ReturnType<typeof spRequest<{ feedId: string }>> =>
        spRequest<{ feedId: string }>(fast.url, 'POST', '/feeds/2021-06-30/feeds', t, { body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [DE], inputFeedDocumentId: doc.body.feedDocumentId } });
      const first = await create();
      expect(first.headers.get('x-amzn-RateLimit-Limit')).toBe('0.083');
      clock.advanceSeconds(9);
      const feed = await spRequest<Feed>(fast.url, 'GET', `/feeds/2021-06-30/feeds/${first.body.feedId}`, t);
      expect(feed.body.processingStatus).toBe('DONE');
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) statuses.push((await create()).status);
      expect(statuses.slice(-2)).toEqual([202, 429]);
    } finally {
      await fast.close();
    }
  });
});
