/**
 * Product Type Definitions 2020-09-01 — getDefinitionsProductType (and the download of its
 * schema link, checked against the checksum) and searchDefinitionsProductTypes: requests per the
 * model, peddler's real reply and schema document, the model's sandbox replies.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection, SETTINGS } from './amazon-test-kit.js';
import { feedsFixture, feedsFixtureText, recordAnswer, type SeenCall } from './listings-test-kit.js';

isolateNetworkPerTest();

const DEFINITIONS_HOST = 'https://selling-partner-definitions-prod-dub.s3.eu-west-1.amazonaws.com';
const SCHEMA_TEXT = feedsFixtureText('product-type-PRODUCT.schema.peddler.json');

describe('getDefinitionsProductType', () => {
  it('sends peddler’s recorded query (LISTING_OFFER_ONLY, ENFORCED) and parses the real definition', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).get('/definitions/2020-09-01/productTypes/PRODUCT').query(true).reply(recordAnswer(seen, 200, feedsFixtureText('get-definitions-product-type.peddler.json')));
    const { client, limiter } = makeKit();

    const { definition } = await client.getDefinitionsProductType({ productType: 'PRODUCT', marketplaceIds: ['A1F83G8C2ARO7P'], requirements: 'LISTING_OFFER_ONLY', requirementsEnforced: 'ENFORCED' });

    expect(seen[0]?.path).toBe('/definitions/2020-09-01/productTypes/PRODUCT?marketplaceIds=A1F83G8C2ARO7P&productTypeVersion=LATEST&requirements=LISTING_OFFER_ONLY&requirementsEnforced=ENFORCED&locale=DEFAULT');
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    expect(definition).toMatchObject({ productType: 'PRODUCT', requirements: 'LISTING_OFFER_ONLY', requirementsEnforced: 'ENFORCED', schema: { checksum: 'WvIsJwSkxhFEi3ZMEH0ukQ==' } });
    expect(definition.schema.link.resource).toMatch(/^https:\/\/selling-partner-definitions-prod-dub\.s3\.eu-west-1\.amazonaws\.com\/schema\/PRODUCT\.json\/WvIsJwSkxhFEi3ZMEH0ukQ%253D%253D\?/);
    expect(limiter.stats({ tenant: 'acme', vendor: 'amazon', operation: 'getDefinitionsProductType', scope: 'eu' })).toMatchObject({ rate: 5, burst: 10 });
  });

  it('defaults: the connection marketplaces and sellerId, LISTING, LATEST, locale DEFAULT', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).get('/definitions/2020-09-01/productTypes/LUGGAGE').query(true).reply(recordAnswer(seen, 200, feedsFixture('get-definitions-product-type.sandbox-200.json')));
    const { client } = makeKit({ settings: { ...SETTINGS, sellerId: 'A3SELLER' } });
    const { definition } = await client.getDefinitionsProductType({ productType: 'LUGGAGE', parentageLevel: 'CHILD' });
    expect(seen[0]?.path).toBe(
      '/definitions/2020-09-01/productTypes/LUGGAGE?sellerId=A3SELLER&marketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P&productTypeVersion=LATEST&requirements=LISTING&locale=DEFAULT&parentageLevel=CHILD',
    );
    expect(definition.productType).toBe('LUGGAGE');
  });

  it('the model 400 (BAD_REQUEST) is validation; a bad locale is refused locally', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get('/definitions/2020-09-01/productTypes/INVALID').query(true).reply(400, feedsFixture('get-definitions-product-type.sandbox-400.json'));
    const { client } = makeKit();
    expect(await rejection(client.getDefinitionsProductType({ productType: 'INVALID' }))).toMatchObject({ kind: 'validation', status: 400, vendorCode: 'BAD_REQUEST' });
    const local = await rejection(client.getDefinitionsProductType({ productType: 'LUGGAGE', locale: 'en-US' as never }));
    expect(local.message).toContain('Amazon getDefinitionsProductType: locale: "en-US" is not one of DEFAULT, ar,');
  });
});

describe('downloadProductTypeSchema', () => {
  const definition = JSON.parse(feedsFixtureText('get-definitions-product-type.peddler.json')) as { productType: string; schema: { link: { resource: string; verb: string }; checksum: string } };

  it('GETs the schema link exactly as given (%252F kept), without the access token, and checks it against the Base64 MD5 checksum', async () => {
    const seen: SeenCall[] = [];
    nock(DEFINITIONS_HOST).get(/.*/).query(true).reply(recordAnswer(seen, 200, Buffer.from(SCHEMA_TEXT, 'utf8'), { 'content-type': 'application/schema+json' }));
    const { client } = makeKit();
    const schema = (await client.downloadProductTypeSchema(definition)) as { $id: string; properties: Record<string, unknown> };
    expect(`${DEFINITIONS_HOST}${seen[0]!.path}`).toBe(definition.schema.link.resource);
    expect(seen[0]?.headers['x-amz-access-token']).toBeUndefined();
    expect(schema.$id).toBe('https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/PRODUCT');
    expect(Object.keys(schema.properties)).toContain('purchasable_offer');
  });

  it('a hex MD5 checksum (as the model’s sandbox example gives) is accepted too', async () => {
    nock(DEFINITIONS_HOST).get('/schema/hex.json').reply(200, SCHEMA_TEXT, { 'content-type': 'application/schema+json' });
    const { client } = makeKit();
    const hex = '5AF22C2704A4C611448B764C107D2E91';
    const schema = await client.downloadProductTypeSchema({ productType: 'PRODUCT', schema: { link: { resource: `${DEFINITIONS_HOST}/schema/hex.json` }, checksum: hex } });
    expect(schema).toMatchObject({ $comment: 'Amazon product type definition for PRODUCT product type' });
  });

  it('a document whose MD5 is not the checksum (truncated) is a contract error', async () => {
    nock(DEFINITIONS_HOST).get('/schema/cut.json').reply(200, SCHEMA_TEXT.slice(0, 1000), { 'content-type': 'application/schema+json' });
    const { client } = makeKit();
    let error: unknown;
    try {
      await client.downloadProductTypeSchema({ productType: 'PRODUCT', schema: { link: { resource: `${DEFINITIONS_HOST}/schema/cut.json` }, checksum: definition.schema.checksum } });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'contract', operation: 'downloadProductTypeSchema' });
    expect((error as Error).message).toMatch(/^Amazon downloadProductTypeSchema \(PRODUCT\): the schema's MD5 \S+ is not the checksum WvIsJwSkxhFEi3ZMEH0ukQ== getDefinitionsProductType gave$/);
  });
});

describe('searchDefinitionsProductTypes', () => {
  it('by keywords (csv) or by itemName, and parses the sandbox ProductTypeList', async () => {
    mockLwa();
    const seen: SeenCall[] = [];
    nock(EU_ENDPOINT).get('/definitions/2020-09-01/productTypes').query(true).times(2).reply(recordAnswer(seen, 200, feedsFixture('search-definitions-product-types.sandbox-200.json')));
    const { client, limiter } = makeKit();
    const { list } = await client.searchDefinitionsProductTypes({ keywords: ['luggage', 'suitcase'], marketplaceIds: ['ATVPDKIKX0DER'], locale: 'en_US' });
    await client.searchDefinitionsProductTypes({ itemName: 'Hardside Carry-On Spinner Suitcase', searchLocale: 'en_US' });
    expect(seen.map((s) => s.path)).toEqual([
      '/definitions/2020-09-01/productTypes?keywords=luggage,suitcase&marketplaceIds=ATVPDKIKX0DER&locale=en_US',
      '/definitions/2020-09-01/productTypes?marketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P&itemName=Hardside%20Carry-On%20Spinner%20Suitcase&searchLocale=en_US',
    ]);
    expect(list).toEqual({ productTypes: [{ name: 'LUGGAGE', displayName: 'Luggage', marketplaceIds: ['ATVPDKIKX0DER'] }], productTypeVersion: 'UHqSqmb4FNUk=' });
    expect(limiter.stats({ tenant: 'acme', vendor: 'amazon', operation: 'searchDefinitionsProductTypes', scope: 'eu' })).toMatchObject({ rate: 5, burst: 10 });
  });

  it('refuses keywords with itemName (the model: cannot be used together)', async () => {
    const { client } = makeKit();
    expect((await rejection(client.searchDefinitionsProductTypes({ keywords: ['a'], itemName: 'b' }))).message).toBe('Amazon searchDefinitionsProductTypes: keywords and itemName cannot both be set');
  });
});
