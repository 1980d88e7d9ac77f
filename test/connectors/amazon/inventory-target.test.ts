/**
 * Amazon as an InventoryTarget, built through the registry: setQuantities as one
 * patchListingsItem per SKU and marketplace (replace fulfillment_availability, DEFAULT channel),
 * submitQuantitiesFeed as one JSON_LISTINGS_FEED of PATCH messages per marketplace. The patch
 * shape is the listings feed schema's example (vendor/amazon/schemas/feeds/listings-feed-schema-v2.example.json, message 4).
 */
import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { InventoryTarget } from '../../../connectors/capabilities.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { connectorFor } from '../../../connectors/registry.js';
import { CREDENTIALS, EU_ENDPOINT, isolateNetworkPerTest, mockLwa, rejection, SETTINGS } from './amazon-test-kit.js';
import { feedsFixtureText, listingsFixture, recordAnswer, type SeenCall } from './listings-test-kit.js';

isolateNetworkPerTest();

const S3 = 'https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com';
const SELLER = 'A34PPN1ZLYCOGT';
const DE = 'A1PA6795UKMFR9';
const UK = 'A1F83G8C2ARO7P';

function target(settings: Record<string, unknown> = { ...SETTINGS, sellerId: SELLER, marketplaceIds: [DE, UK] }): InventoryTarget {
  const connection = connectorFor('amazon').connect({ tenant: 'acme', settings, credentials: { ...CREDENTIALS }, limiter: new RateLimiterRegistry(), logger: pino({ level: 'silent' }) });
  return connection.capability('inventoryTarget')!;
}

const patchOf = (quantity: number) => ({ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity }] });

describe('Amazon InventoryTarget', () => {
  it('the patch is the feed schema example’s PATCH message, word for word', () => {
    const example = listingsFixture('listings-feed-schema-v2.example.json') as { messages: { operationType: string; patches?: unknown[] }[] };
    const patchMessage = example.messages.find((m) => m.operationType === 'PATCH' && JSON.stringify(m.patches).includes('"replace"'));
    expect(patchMessage?.patches).toEqual([patchOf(10)]);
  });

  it('setQuantities: one PATCH per SKU and marketplace, the marketplace in the query, the product type in the body', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .patch(/^\/listings\/2021-08-01\/items\//)
      .query(true)
      .reply(recordAnswer(seen, 200, { sku: 'TEE-1', status: 'ACCEPTED', submissionId: 's-1', issues: [] }))
      .patch(/^\/listings\/2021-08-01\/items\//)
      .query(true)
      .reply(recordAnswer(seen, 200, { sku: 'MUG 2', status: 'INVALID', submissionId: 's-2', issues: [{ code: '4000004', message: 'no listing', severity: 'ERROR' }] }));

    const replies = await target().setQuantities([
      { sku: 'TEE-1', marketplaceId: DE, quantity: 7, productType: 'SHIRT' },
      { sku: 'MUG 2', marketplaceId: UK, quantity: 0, productType: 'DRINKING_CUP' },
    ]);

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      `PATCH /listings/2021-08-01/items/${SELLER}/TEE-1?marketplaceIds=${DE}`,
      `PATCH /listings/2021-08-01/items/${SELLER}/MUG%202?marketplaceIds=${UK}`,
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ productType: 'SHIRT', patches: [patchOf(7)] });
    expect(JSON.parse(seen[1]!.body)).toEqual({ productType: 'DRINKING_CUP', patches: [patchOf(0)] });
    expect(replies).toEqual([
      { sku: 'TEE-1', marketplaceId: DE, submission: { sku: 'TEE-1', status: 'ACCEPTED', submissionId: 's-1', issues: [] } },
      { sku: 'MUG 2', marketplaceId: UK, submission: expect.objectContaining({ status: 'INVALID', submissionId: 's-2' }) },
    ]);
  });

  it('sends the handling time with the quantity (replace swaps the whole attribute, so a handling time left out would be lost)', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .patch(/^\/listings\/2021-08-01\/items\//)
      .query(true)
      .reply(recordAnswer(seen, 200, { sku: 'TEE-1', status: 'ACCEPTED', submissionId: 's-3', issues: [] }));
    await target().setQuantities([{ sku: 'TEE-1', marketplaceId: DE, quantity: 4, productType: 'SHIRT', handlingDays: 2 }]);
    expect(JSON.parse(seen[0]!.body)).toEqual({
      productType: 'SHIRT',
      patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4, lead_time_to_ship_max_days: 2 }] }],
    });
  });

  it('refuses before any request: no product type, a negative quantity, a marketplace not the connection’s, no sellerId', async () => {
    const t = target();
    expect((await rejection(t.setQuantities([{ sku: 'A', marketplaceId: DE, quantity: 1 }]))).message).toContain("SKU A: a patch names the listing's product type");
    expect((await rejection(t.setQuantities([{ sku: 'A', marketplaceId: DE, quantity: -1, productType: 'SHIRT' }]))).message).toContain('SKU A: quantity must be a whole number ≥ 0, got -1');
    expect((await rejection(t.setQuantities([{ sku: 'A', marketplaceId: 'ATVPDKIKX0DER', quantity: 1, productType: 'SHIRT' }]))).message).toContain(
      `SKU A: marketplace ATVPDKIKX0DER is not one of the connection's (${DE}, ${UK})`,
    );
    const noSeller = await rejection(target({ ...SETTINGS }).submitQuantitiesFeed([{ sku: 'A', marketplaceId: 'A1PA6795UKMFR9', quantity: 1, productType: 'SHIRT' }]));
    expect(noSeller).toMatchObject({ kind: 'validation' });
  });

  it('submitQuantitiesFeed: one feed per marketplace of PATCH messages, createFeed naming that marketplace only', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .post('/feeds/2021-06-30/documents')
      .times(2)
      .reply(recordAnswer(seen, 201, feedsFixtureText('create-feed-document.peddler.json')))
      .post('/feeds/2021-06-30/feeds')
      .reply(recordAnswer(seen, 202, { feedId: 'F-DE' }))
      .post('/feeds/2021-06-30/feeds')
      .reply(recordAnswer(seen, 202, { feedId: 'F-UK' }));
    nock(S3).put(/.*/).query(true).times(2).reply(recordAnswer(seen, 200, ''));

    const submission = await target().submitQuantitiesFeed([
      { sku: 'TEE-1', marketplaceId: DE, quantity: 3, productType: 'SHIRT' },
      { sku: 'TEE-1', marketplaceId: UK, quantity: 6, productType: 'SHIRT' },
      { sku: 'MUG-2', marketplaceId: DE, quantity: 0, productType: 'DRINKING_CUP' },
    ]);

    expect(submission).toEqual({
      feeds: [
        { feedId: 'F-DE', marketplaceId: DE, skus: ['TEE-1', 'MUG-2'], messages: 2 },
        { feedId: 'F-UK', marketplaceId: UK, skus: ['TEE-1'], messages: 1 },
      ],
    });
    expect(seen.map((s) => s.method)).toEqual(['POST', 'PUT', 'POST', 'POST', 'PUT', 'POST']);
    expect(JSON.parse(seen[1]!.body)).toEqual({
      header: { sellerId: SELLER, version: '2.0' },
      messages: [
        { messageId: 1, sku: 'TEE-1', operationType: 'PATCH', productType: 'SHIRT', patches: [patchOf(3)] },
        { messageId: 2, sku: 'MUG-2', operationType: 'PATCH', productType: 'DRINKING_CUP', patches: [patchOf(0)] },
      ],
    });
    expect(JSON.parse(seen[2]!.body)).toMatchObject({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [DE] });
    expect(JSON.parse(seen[4]!.body).messages).toEqual([{ messageId: 1, sku: 'TEE-1', operationType: 'PATCH', productType: 'SHIRT', patches: [patchOf(6)] }]);
    expect(JSON.parse(seen[5]!.body)).toMatchObject({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [UK] });
  });
});
