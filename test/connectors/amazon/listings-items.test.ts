/**
 * Listings Items 2021-08-01 — getListingsItem, putListingsItem (and VALIDATION_PREVIEW),
 * patchListingsItem, deleteListingsItem: the request per the model (path with the SKU
 * percent-encoded, csv query, body), peddler's real replies and the model's sandbox replies
 * parsed, errors typed through Amazon's table, each operation's usage plan on its bucket.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection, SETTINGS, type Kit } from './amazon-test-kit.js';
import { listingsFixture, peddlerInteractions, recordAnswer, type SeenCall } from './listings-test-kit.js';

isolateNetworkPerTest();

const SELLER = 'A34PPN1ZLYCOGT';
const ITEM_PATH = /^\/listings\/2021-08-01\/items\//;
const kit = (): Kit => makeKit({ settings: { ...SETTINGS, sellerId: SELLER } });

describe('getListingsItem', () => {
  it('sends the default includedData and parses peddler’s real reply (attributes, issues)', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    const [recorded] = peddlerInteractions('test_get_listings_item.yml');
    nock(EU_ENDPOINT).get(ITEM_PATH).query(true).reply(recordAnswer(seen, 200, recorded!.response.body.string, { 'x-amzn-requestid': 'rid-get' }));
    const { client } = kit();

    const result = await client.getListingsItem({ sku: 'SKU123', marketplaceIds: ['A1F83G8C2ARO7P'] });

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: `/listings/2021-08-01/items/${SELLER}/SKU123?marketplaceIds=A1F83G8C2ARO7P&includedData=summaries,attributes,issues,offers,fulfillmentAvailability` });
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    expect(result.requestId).toBe('rid-get');
    expect(result.item.sku).toBe('SKU123');
    expect(result.item.attributes?.condition_type).toEqual([{ value: 'new_new', marketplace_id: 'A1F83G8C2ARO7P' }]);
    expect(result.item.summaries).toBeUndefined();
  });

  it('sends issueLocale and the includedData asked for; the model sandbox Item parses with its summaries and offers', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).get(ITEM_PATH).query(true).reply(recordAnswer(seen, 200, listingsFixture('sandbox-get-listings-item-200-1.json')));
    const { client } = kit();
    const { item } = await client.getListingsItem({ sku: 'GM-ZDPI-9B4E', issueLocale: 'ja_JP', includedData: ['summaries', 'offers', 'productTypes'] });
    expect(seen[0]?.path).toBe(`/listings/2021-08-01/items/${SELLER}/GM-ZDPI-9B4E?marketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P&issueLocale=ja_JP&includedData=summaries,offers,productTypes`);
    expect(item.summaries?.[0]).toMatchObject({ marketplaceId: 'ATVPDKIKX0DER', asin: 'B071VG5N9D', status: ['BUYABLE'] });
    expect(item.offers?.[0]?.price).toEqual({ currencyCode: 'USD', amount: '100.00' });
  });

  it.each([
    ['a space', 'BLUE SHIRT 42', 'BLUE%20SHIRT%2042'],
    ['a plus (must not read as a space, selling-partner-api-docs#2536)', 'BL_NL_GO_MO_50+5', 'BL_NL_GO_MO_50%2B5'],
    ['a slash', 'HC/BRUSH/PINK', 'HC%2FBRUSH%2FPINK'],
    ['a hash', 'SKU#12', 'SKU%2312'],
    ['a pipe', 'B2X_2443714|4', 'B2X_2443714%7C4'],
    ['Japanese characters', '商品-赤-Ｌ', '%E5%95%86%E5%93%81-%E8%B5%A4-%EF%BC%AC'],
    ['a full-width ampersand (jlevers/selling-partner-api#257)', 'test-M＆L', 'test-M%EF%BC%86L'],
    ['a question mark and percent sign', 'A?B%C', 'A%3FB%25C'],
  ])('encodes a SKU with %s as one UTF-8 percent-encoded path segment', async (_, sku, encoded) => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).get(ITEM_PATH).query(true).reply(recordAnswer(seen, 200, { sku }));
    const { client } = kit();
    const { item } = await client.getListingsItem({ sku, marketplaceIds: ['A1VC38T7YXB528'], includedData: ['issues'] });
    expect(seen[0]?.path).toBe(`/listings/2021-08-01/items/${SELLER}/${encoded}?marketplaceIds=A1VC38T7YXB528&includedData=issues`);
    expect(item.sku).toBe(sku);
  });

  it('a 404 (code NOT_FOUND, as Amazon sends for a SKU it cannot find) is not_found, naming the SKU', async () => {
    mockLwa();
    const body = { errors: [{ code: 'NOT_FOUND', message: "SKU 'test-M%EF%BC%86L' not found in marketplace A1VC38T7YXB528" }] };
    nock(EU_ENDPOINT).get(ITEM_PATH).query(true).reply(404, body, { 'x-amzn-requestid': 'rid-404' });
    const { client } = kit();
    const error = await rejection(client.getListingsItem({ sku: 'test-M＆L', marketplaceIds: ['A1VC38T7YXB528'] }));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, vendorCode: 'NOT_FOUND', requestId: 'rid-404', operation: 'getListingsItem' });
    expect(error.message).toBe("Amazon getListingsItem (SKU test-M＆L): HTTP 404 NOT_FOUND: SKU 'test-M%EF%BC%86L' not found in marketplace A1VC38T7YXB528");
  });

  it('a 403 for a SKU holding "/" is a validation error naming the SKU (selling-partner-api-models#4727), after one token refresh', async () => {
    mockLwa(['FILTERED', 'FILTERED-2']);
    const seen: SeenCall[] = [];
    const denied = { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] };
    nock(EU_ENDPOINT).get(ITEM_PATH).query(true).times(2).reply(recordAnswer(seen, 403, denied));
    const { client } = kit();
    const error = await rejection(client.getListingsItem({ sku: 'HC/BRUSH/PINK' }));
    expect(error).toMatchObject({ kind: 'validation', status: 403, vendorCode: 'Unauthorized' });
    expect(error.message).toBe(
      'Amazon getListingsItem (SKU HC/BRUSH/PINK): HTTP 403 Unauthorized: Access to requested resource is denied. — the SKU holds "/", sent as %2F: ' +
        'Amazon has refused encoded slashes in the path with this 403 (amzn/selling-partner-api-models#4727)',
    );
    expect(seen.map((s) => s.headers['x-amz-access-token'])).toEqual(['FILTERED', 'FILTERED-2']);
  });

  it('the same 403 for a SKU without "/" stays an auth error', async () => {
    mockLwa(['FILTERED', 'FILTERED-2']);
    nock(EU_ENDPOINT).get(ITEM_PATH).query(true).times(2).reply(403, { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] });
    const { client } = kit();
    const error = await rejection(client.getListingsItem({ sku: 'SKU123' }));
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
  });

  it.each([
    [{ sku: '' }, 'sku must be a non-empty string'],
    [{ sku: 'A', marketplaceIds: [] }, 'marketplaceIds needs at least 1 value(s)'],
    [{ sku: 'A', includedData: ['identifiers'] }, 'includedData: "identifiers" is not one of summaries, attributes, issues, offers, fulfillmentAvailability, procurement, relationships, productTypes'],
    [{ sku: 'A', issueLocale: ' ' }, 'issueLocale must be a non-empty string'],
  ])('refuses %j locally as validation', async (params, message) => {
    const { client } = kit();
    const error = await rejection(client.getListingsItem(params as never));
    expect(error.kind).toBe('validation');
    expect(error.message).toBe(`Amazon getListingsItem: ${message}`);
    expect(client.stats().requests).toBe(0);
  });

  it('without a sellerId (in the call or the connection) nothing is sent', async () => {
    const { client } = makeKit();
    const error = await rejection(client.getListingsItem({ sku: 'A' }));
    expect(error.message).toBe('Amazon getListingsItem: sellerId must be a non-empty string');
  });
});

describe('putListingsItem', () => {
  const [recorded] = peddlerInteractions('test_put_listings_item.yml');
  const body = JSON.parse(recorded!.request.body.string) as Record<string, unknown>;

  it('PUTs peddler’s recorded ListingsItemPutRequest as JSON to the SKU, one marketplace, and parses the ACCEPTED submission', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).put(ITEM_PATH).query(true).reply(recordAnswer(seen, 200, recorded!.response.body.string, { 'x-amzn-requestid': 'rid-put' }));
    const { client } = kit();

    const result = await client.putListingsItem({ sku: 'SKU123', marketplaceIds: ['A1F83G8C2ARO7P'], body, issueLocale: 'en_GB' });

    expect(seen[0]).toMatchObject({ method: 'PUT', path: `/listings/2021-08-01/items/${SELLER}/SKU123?marketplaceIds=A1F83G8C2ARO7P&issueLocale=en_GB` });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    expect(JSON.parse(seen[0]!.body)).toEqual(body);
    expect(result).toEqual({ submission: { sku: 'SKU123', status: 'ACCEPTED', submissionId: '0e0e8c23402f4013bc0ef1bbed0788a5', issues: [] }, requestId: 'rid-put' });
  });

  it('mode VALIDATION_PREVIEW with identifiers: the model sandbox VALID and INVALID replies', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .put(ITEM_PATH)
      .query(true)
      .reply(recordAnswer(seen, 200, listingsFixture('sandbox-put-listings-item-200-2.json')))
      .put(ITEM_PATH)
      .query(true)
      .reply(recordAnswer(seen, 200, listingsFixture('sandbox-put-listings-item-200-3.json')));
    const { client } = kit();
    const params = { marketplaceIds: ['ATVPDKIKX0DER'], body, mode: 'VALIDATION_PREVIEW', includedData: ['identifiers', 'issues'] } as const;

    const valid = await client.putListingsItem({ ...params, sku: 'VALIDATION_VALID' });
    const invalid = await client.putListingsItem({ ...params, sku: 'VALIDATION_INVALID' });

    expect(seen[0]?.path).toBe(`/listings/2021-08-01/items/${SELLER}/VALIDATION_VALID?marketplaceIds=ATVPDKIKX0DER&includedData=identifiers,issues&mode=VALIDATION_PREVIEW`);
    expect(valid.submission).toMatchObject({ status: 'VALID', identifiers: [{ marketplaceId: 'ATVPDKIKX0DER', asin: 'B07N4M94X4' }] });
    expect(invalid.submission.status).toBe('INVALID');
    expect(invalid.submission.issues?.[0]?.severity).toBe('ERROR');
  });

  it('the model 400 (code BAD_REQUEST, not InvalidInput) is a validation error, sent once', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).put(ITEM_PATH).query(true).reply(recordAnswer(seen, 400, listingsFixture('sandbox-put-listings-item-400-1.json')));
    const { client } = kit();
    const error = await rejection(client.putListingsItem({ sku: 'BadSKU', marketplaceIds: ['ATVPDKIKX0DER'], body }));
    expect(error).toMatchObject({ kind: 'validation', status: 400, vendorCode: 'BAD_REQUEST' });
    expect(seen).toHaveLength(1);
  });

  it('an INVALID submission at HTTP 200 is data, not an error (selling-partner-api-models#5219), its issue with attributeName in the singular (selling-partner-api-docs#1491) kept', async () => {
    mockLwa();
    // The reply quoted in selling-partner-api-docs#1491: `attributeName`, not the model's `attributeNames`.
    const reply = { issues: [{ attributeName: 'brand', code: '4000001', message: "The provided value for 'brand' is invalid.", severity: 'ERROR' }], sku: 'testsku', status: 'INVALID', submissionId: '51af1b3d10814dc691e6eba36376ac53' };
    nock(EU_ENDPOINT).put(ITEM_PATH).query(true).reply(200, reply);
    const { client } = kit();
    const { submission } = await client.putListingsItem({ sku: 'testsku', marketplaceIds: ['ATVPDKIKX0DER'], body });
    expect(submission).toEqual(reply);
  });

  it('an INVALID submission whose only issue is Amazon’s internal error 4000000 (selling-partner-api-models#4603) is handed back as sent', async () => {
    mockLwa();
    const reply = { sku: 'TC1YHN', status: 'INVALID', submissionId: 'c579d05aa83d4d4bbe86c3d49c474d40', issues: [{ code: '4000000', message: 'An internal error has occurred. Please try again.', severity: 'ERROR', categories: [] }] };
    nock(EU_ENDPOINT).put(ITEM_PATH).query(true).reply(200, reply);
    const { client } = kit();
    const { submission } = await client.putListingsItem({ sku: 'TC1YHN', marketplaceIds: ['ATVPDKIKX0DER'], body, mode: 'VALIDATION_PREVIEW' });
    expect(submission).toEqual(reply);
  });

  it.each([
    [{ sku: 'A', body }, 'marketplaceIds takes at most 1 values, got 2'],
    [{ sku: 'A', marketplaceIds: ['X'], body: { productType: 'PRODUCT' } }, 'ListingsItemPutRequest of SKU A invalid: attributes:'],
    [{ sku: 'A', marketplaceIds: ['X'], body: { ...body, requirements: 'OFFER' } }, 'ListingsItemPutRequest of SKU A invalid: requirements:'],
    [{ sku: 'A', marketplaceIds: ['X'], body, includedData: ['identifiers'] }, 'includedData identifiers can only be requested with mode VALIDATION_PREVIEW'],
    [{ sku: 'A', marketplaceIds: ['X'], body, mode: 'PREVIEW' }, 'mode must be VALIDATION_PREVIEW when set, got "PREVIEW"'],
  ])('refuses %j locally', async (params, message) => {
    const { client } = kit();
    const error = await rejection(client.putListingsItem(params as never));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain(`Amazon putListingsItem: ${message}`);
    expect(client.stats().requests).toBe(0);
  });

  it('a 5xx is transient and resent (PUT is idempotent); a 429 waits per the usage plan 5/s, burst 10', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT)
      .put(ITEM_PATH)
      .query(true)
      .reply(recordAnswer(seen, 503, { errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable' }] }))
      .put(ITEM_PATH)
      .query(true)
      .reply(recordAnswer(seen, 429, { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] }))
      .put(ITEM_PATH)
      .query(true)
      .reply(recordAnswer(seen, 200, { sku: 'A', status: 'ACCEPTED', submissionId: 's1', issues: [] }));
    const { client, limiter } = kit();
    const result = await client.putListingsItem({ sku: 'A', marketplaceIds: ['X'], body });
    expect(result.submission.status).toBe('ACCEPTED');
    expect(seen).toHaveLength(3);
    expect(client.stats()).toMatchObject({ throttled: 1, retries: 2 });
    expect(limiter.stats({ tenant: 'acme', vendor: 'amazon', operation: 'putListingsItem', scope: 'eu' })).toMatchObject({ rate: 5, burst: 10 });
  });
});

describe('patchListingsItem', () => {
  const patch = {
    productType: 'PRODUCT',
    patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: [{ currency: 'GBP', our_price: [{ schedule: [{ value_with_tax: 399.99 }] }] }] }],
  };

  it('PATCHes the JSON Patch body (validation preview too) and parses the submission', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    const [recorded] = peddlerInteractions('test_patch_listings_item.yml');
    nock(EU_ENDPOINT)
      .patch(ITEM_PATH)
      .query(true)
      .reply(recordAnswer(seen, 200, recorded!.response.body.string))
      .patch(ITEM_PATH)
      .query(true)
      .reply(recordAnswer(seen, 200, listingsFixture('sandbox-patch-listings-item-200-2.json')));
    const { client } = kit();

    const applied = await client.patchListingsItem({ sku: 'SKU123', marketplaceIds: ['A1F83G8C2ARO7P'], body: patch, includedData: ['issues'] });
    const preview = await client.patchListingsItem({ sku: 'VALIDATION_VALID', marketplaceIds: ['ATVPDKIKX0DER'], body: patch, mode: 'VALIDATION_PREVIEW' });

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      `PATCH /listings/2021-08-01/items/${SELLER}/SKU123?marketplaceIds=A1F83G8C2ARO7P&includedData=issues`,
      `PATCH /listings/2021-08-01/items/${SELLER}/VALIDATION_VALID?marketplaceIds=ATVPDKIKX0DER&mode=VALIDATION_PREVIEW`,
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual(patch);
    expect(applied.submission).toMatchObject({ status: 'ACCEPTED', submissionId: '7afea06c396945a09266774570f3caf4' });
    expect(preview.submission.status).toBe('VALID');
  });

  it('refuses a patch op outside add/replace/merge/delete (peddler once sent op 1) before sending', async () => {
    const { client } = kit();
    const error = await rejection(client.patchListingsItem({ sku: 'SKU123', body: { productType: 'PRODUCT', patches: [{ op: 1, path: '/attributes/x' }] } }));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('Amazon patchListingsItem: ListingsItemPatchRequest of SKU SKU123 invalid: patches[0].op:');
    expect(client.stats().requests).toBe(0);
  });

  it('a 500 on PATCH is transient and not resent in-process (not idempotent)', async () => {
    mockLwa();
    nock(EU_ENDPOINT).patch(ITEM_PATH).query(true).reply(500, { errors: [{ code: 'InternalFailure', message: 'We encountered an internal error.' }] });
    const { client } = kit();
    const error = await rejection(client.patchListingsItem({ sku: 'SKU123', body: patch }));
    expect(error).toMatchObject({ kind: 'transient', status: 500, vendorCode: 'InternalFailure' });
    expect(client.stats().requests).toBe(1);
  });
});

describe('deleteListingsItem', () => {
  it('DELETEs the SKU in one marketplace and parses peddler’s real reply', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    const [recorded] = peddlerInteractions('test_delete_listings_item.yml');
    nock(EU_ENDPOINT).delete(ITEM_PATH).query(true).reply(recordAnswer(seen, 200, recorded!.response.body.string));
    const { client } = kit();
    const { submission } = await client.deleteListingsItem({ sku: 'SKU 123/B', marketplaceIds: ['A1F83G8C2ARO7P'], issueLocale: 'de_DE' });
    expect(seen[0]).toMatchObject({ method: 'DELETE', path: `/listings/2021-08-01/items/${SELLER}/SKU%20123%2FB?marketplaceIds=A1F83G8C2ARO7P&issueLocale=de_DE`, body: '' });
    expect(submission).toEqual({ sku: 'SKU123', status: 'ACCEPTED', submissionId: '75b5fdf524a7404a9ae086e04b5d561e', issues: [] });
  });

  it('a 200 that is not a ListingsItemSubmissionResponse is a contract error', async () => {
    mockLwa();
    nock(EU_ENDPOINT).delete(ITEM_PATH).query(true).reply(200, { sku: 'SKU123' });
    const { client } = kit();
    const error = await rejection(client.deleteListingsItem({ sku: 'SKU123', marketplaceIds: ['A1F83G8C2ARO7P'] }));
    expect(error.kind).toBe('contract');
    expect(error.message).toContain('response is not a ListingsItemSubmissionResponse');
  });
});
