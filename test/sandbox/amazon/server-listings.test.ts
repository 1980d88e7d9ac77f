import { createHash } from 'node:crypto';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { SANDBOX_SELLER_ID, startAmazonSandbox, type AmazonSandbox } from '../../../sandbox/amazon/index.js';
import { seedListings } from '../../../sandbox/amazon/catalogue-seed.js';
import { hasErrors, validateListing } from '../../../sandbox/amazon/listings.js';
import { requestToken, spRequest, type Reply } from './sandbox-client.js';
import { useSeededSandbox } from './seeded-sandbox.js';
import { loadModel, validateModelResponse } from './swagger-schema.js';

const LISTINGS = loadModel('listingsItems_2021-08-01.json');
const DEFINITIONS = loadModel('definitionsProductTypes_2020-09-01.json');
const ITEM_PATH = '/listings/2021-08-01/items/{sellerId}/{sku}';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';

let sandbox: AmazonSandbox;
let token: string;
const { seed, clock } = useSeededSandbox({ count: 60 }, (s, t) => {
  sandbox = s;
  token = t;
});

const itemPath = (sku: string, seller = SANDBOX_SELLER_ID): string => `/listings/2021-08-01/items/${seller}/${encodeURIComponent(sku)}`;

function shirt(mp: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const currency = mp === JP ? 'JPY' : 'EUR';
  return {
    productType: 'SHIRT',
    requirements: 'LISTING',
    attributes: {
      item_name: [{ value: 'Leinenhemd, Navy, M', language_tag: 'de_DE', marketplace_id: mp }],
      brand: [{ value: 'Caravan Goods', marketplace_id: mp }],
      color: [{ value: 'Navy', marketplace_id: mp }],
      size: [{ value: 'M', marketplace_id: mp }],
      condition_type: [{ value: 'new_new', marketplace_id: mp }],
      purchasable_offer: [{ currency, our_price: [{ schedule: [{ value_with_tax: 39.9 }] }], marketplace_id: mp }],
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 12 }],
      ...overrides,
    },
  };
}

interface Submission {
  sku: string;
  status: string;
  submissionId: string;
  issues: { code: string; message: string; severity: string; attributeNames?: string[]; categories: string[] }[];
  identifiers?: { marketplaceId: string; asin: string }[];
}

const put = (sku: string, body: unknown, query: Record<string, string> = {}): Promise<Reply<Submission>> =>
  spRequest<Submission>(sandbox.url, 'PUT', itemPath(sku), token, { query: { marketplaceIds: DE, ...query }, body });

describe('putListingsItem / getListingsItem', () => {
  it('stores a valid listing and serves it back with a deterministic ASIN and BUYABLE status', async () => {
    const r = await put('SHIRT-NAVY-M', shirt(DE), { includedData: 'identifiers,issues' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ sku: 'SHIRT-NAVY-M', status: 'ACCEPTED', issues: [], identifiers: [{ marketplaceId: DE, asin: expect.stringMatching(/^B0[0-9A-Z]{8}$/) }] });
    expect(r.headers.get('x-amzn-RateLimit-Limit')).toBe('5.0');
    expect(validateModelResponse(LISTINGS, 'PUT', ITEM_PATH, 200, r.body)).toEqual([]);

    const got = await spRequest<Record<string, unknown>>(sandbox.url, 'GET', itemPath('SHIRT-NAVY-M'), token, {
      query: { marketplaceIds: DE, includedData: 'summaries,attributes,issues,offers,fulfillmentAvailability,productTypes' },
    });
    expect(got.status).toBe(200);
    expect(validateModelResponse(LISTINGS, 'GET', ITEM_PATH, 200, got.body)).toEqual([]);
    expect(got.body).toMatchObject({
      sku: 'SHIRT-NAVY-M',
      summaries: [{ marketplaceId: DE, asin: r.body.identifiers?.[0]?.asin, productType: 'SHIRT', status: ['BUYABLE', 'DISCOVERABLE'], itemName: 'Leinenhemd, Navy, M', conditionType: 'new_new' }],
      offers: [{ marketplaceId: DE, offerType: 'B2C', price: { currencyCode: 'EUR', amount: '39.9' } }],
      fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 12 }],
      productTypes: [{ marketplaceId: DE, productType: 'SHIRT' }],
    });
    // Same SKU again → same ASIN (assigned from seller + SKU).
    const again = await put('SHIRT-NAVY-M', shirt(DE), { includedData: 'identifiers' });
    expect(again.body.identifiers).toEqual(r.body.identifiers);
  });

  it('VALIDATION_PREVIEW validates without storing anything', async () => {
    const valid = await put('PREVIEW-1', shirt(DE), { mode: 'VALIDATION_PREVIEW' });
    expect(valid.body.status).toBe('VALID');
    const invalid = await put('PREVIEW-1', { productType: 'SHIRT', attributes: {} }, { mode: 'VALIDATION_PREVIEW' });
    expect(invalid.body.status).toBe('INVALID');
    const got = await spRequest(sandbox.url, 'GET', itemPath('PREVIEW-1'), token, { query: { marketplaceIds: DE } });
    expect(got.status).toBe(404);
    expect(got.body).toEqual({ errors: [{ code: 'NotFound', message: `SKU 'PREVIEW-1' not found in marketplace ${DE}`, details: '' }] });
  });

  it('rejects missing required attributes with one MISSING_ATTRIBUTE issue each', async () => {
    const body = shirt(DE);
    const attrs = body.attributes as Record<string, unknown>;
    delete attrs.brand;
    delete attrs.purchasable_offer;
    const r = await put('NO-BRAND', body);
    expect(r.body.status).toBe('INVALID');
    expect(r.body.issues).toEqual([
      { code: '90220', message: "'[brand]' is required but not supplied.", severity: 'ERROR', attributeNames: ['brand'], categories: ['MISSING_ATTRIBUTE'] },
      { code: '90220', message: "'[purchasable_offer]' is required but not supplied.", severity: 'ERROR', attributeNames: ['purchasable_offer'], categories: ['MISSING_ATTRIBUTE'] },
    ]);
    expect(validateModelResponse(LISTINGS, 'PUT', ITEM_PATH, 200, r.body)).toEqual([]);
    expect((await spRequest(sandbox.url, 'GET', itemPath('NO-BRAND'), token, { query: { marketplaceIds: DE } })).status).toBe(404);
    // issueLocale picks the language of the message; unknown locales fall back to English.
    const ja = await put('NO-BRAND', body, { issueLocale: 'ja_JP' });
    expect(ja.body.issues[0]?.message).toBe("'[brand]'は必須ですが、指定されていません。");
    const pt = await put('NO-BRAND', body, { issueLocale: 'pt_BR' });
    expect(pt.body.issues[0]?.message).toBe("'[brand]' is required but not supplied.");
  });

  it('rejects a price of 0, an unknown product type and a wrong currency', async () => {
    const zero = await put('ZERO', shirt(DE, { purchasable_offer: [{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 0 }] }], marketplace_id: DE }] }));
    expect(zero.body).toMatchObject({ status: 'INVALID', issues: [{ severity: 'ERROR', attributeNames: ['purchasable_offer'], categories: ['INVALID_PRICE'] }] });
    const unknown = await put('TOASTER', { ...shirt(DE), productType: 'TOASTER_OVEN_X' });
    expect(unknown.body).toMatchObject({ status: 'INVALID', issues: [{ code: '4000003', severity: 'ERROR' }] });
    const usd = await put('USD', shirt(DE, { purchasable_offer: [{ currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 10 }] }] }] }));
    expect(usd.body.issues[0]?.message).toContain("currency 'USD' is not valid");
  });

  it('measures item_name in UTF-8 bytes: 67 Japanese characters (201 bytes) are too long, 66 fit', async () => {
    const long = 'あ'.repeat(67);
    const put67 = await spRequest<Submission>(sandbox.url, 'PUT', itemPath('JP-LONG'), token, {
      query: { marketplaceIds: JP },
      body: shirt(JP, { item_name: [{ value: long, language_tag: 'ja_JP', marketplace_id: JP }] }),
    });
    expect(put67.body.status).toBe('INVALID');
    expect(put67.body.issues).toEqual([expect.objectContaining({ attributeNames: ['item_name'], message: expect.stringContaining('201 bytes') })]);
    const put66 = await spRequest<Submission>(sandbox.url, 'PUT', itemPath('JP-LONG'), token, {
      query: { marketplaceIds: JP },
      body: shirt(JP, { item_name: [{ value: 'あ'.repeat(66), language_tag: 'ja_JP', marketplace_id: JP }] }),
    });
    expect(put66.body.status).toBe('ACCEPTED');
  });

  it('accepts a planted -WARN SKU with a WARNING issue that stays on the listing', async () => {
    const r = await put('MUG-WARN', shirt(DE));
    expect(r.body.status).toBe('ACCEPTED');
    expect(r.body.issues).toEqual([expect.objectContaining({ severity: 'WARNING', categories: ['MISSING_IMAGE'] })]);
    const got = await spRequest<{ issues: unknown[] }>(sandbox.url, 'GET', itemPath('MUG-WARN'), token, { query: { marketplaceIds: DE, includedData: 'issues' } });
    expect(got.body.issues).toEqual(r.body.issues);
  });

  it('answers 400 for a missing marketplaceIds and 403 for another seller', async () => {
    const missing = await spRequest(sandbox.url, 'GET', itemPath('X'), token, {});
    expect(missing.status).toBe(400);
    expect(validateModelResponse(LISTINGS, 'GET', ITEM_PATH, 400, missing.body)).toEqual([]);
    const other = await spRequest(sandbox.url, 'GET', itemPath('X', 'A3OTHERSELLER'), token, { query: { marketplaceIds: DE } });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] });
  });
});

describe('patchListingsItem / deleteListingsItem', () => {
  it('updates merchant-fulfilled stock per marketplace, readable through fulfillmentAvailability', async () => {
    await put('SHIRT-Q', shirt(DE));
    const patch = await spRequest<Submission>(sandbox.url, 'PATCH', itemPath('SHIRT-Q'), token, {
      query: { marketplaceIds: DE },
      body: { productType: 'SHIRT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 0 }] }] },
    });
    expect(patch.body).toMatchObject({ status: 'ACCEPTED', issues: [] });
    expect(validateModelResponse(LISTINGS, 'PATCH', ITEM_PATH, 200, patch.body)).toEqual([]);
    const got = await spRequest<{ fulfillmentAvailability: unknown[]; summaries: { status: string[] }[] }>(sandbox.url, 'GET', itemPath('SHIRT-Q'), token, {
      query: { marketplaceIds: DE, includedData: 'fulfillmentAvailability,summaries' },
    });
    expect(got.body.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 0 }]);
    expect(got.body.summaries[0]?.status).toEqual(['DISCOVERABLE']);
  });

  it('refuses a patch that deletes a required attribute, and keeps the listing as it was', async () => {
    await put('SHIRT-D', shirt(DE));
    const patch = await spRequest<Submission>(sandbox.url, 'PATCH', itemPath('SHIRT-D'), token, {
      query: { marketplaceIds: DE },
      body: { productType: 'SHIRT', patches: [{ op: 'delete', path: '/attributes/brand' }] },
    });
    expect(patch.body).toMatchObject({ status: 'INVALID', issues: [{ code: '90220', attributeNames: ['brand'] }] });
    const got = await spRequest<{ attributes: Record<string, unknown> }>(sandbox.url, 'GET', itemPath('SHIRT-D'), token, { query: { marketplaceIds: DE, includedData: 'attributes' } });
    expect(got.body.attributes.brand).toBeDefined();
  });

  it('deletes a listing', async () => {
    await put('SHIRT-DEL', shirt(DE));
    const del = await spRequest<Submission>(sandbox.url, 'DELETE', itemPath('SHIRT-DEL'), token, { query: { marketplaceIds: DE } });
    expect(del.body).toMatchObject({ sku: 'SHIRT-DEL', status: 'ACCEPTED' });
    expect(validateModelResponse(LISTINGS, 'DELETE', ITEM_PATH, 200, del.body)).toEqual([]);
    expect((await spRequest(sandbox.url, 'GET', itemPath('SHIRT-DEL'), token, { query: { marketplaceIds: DE } })).status).toBe(404);
  });

  it('gives patchListingsItem its own bucket of 5 at 5 per second', async () => {
    const limited = await startAmazonSandbox({ orders: seed, now: clock.now });
    try {
      const t = await requestToken(limited.url);
      await spRequest(limited.url, 'PUT', itemPath('B'), t, { query: { marketplaceIds: DE }, body: shirt(DE) });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await spRequest(limited.url, 'PATCH', itemPath('B'), t, { query: { marketplaceIds: DE }, body: { productType: 'SHIRT', patches: [{ op: 'delete', path: '/attributes/size' }] } });
        statuses.push(r.status);
        if (r.status === 429) {
          expect(r.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
          expect(r.body).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] });
        }
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(limited.stats().operations.patchListingsItem).toMatchObject({ requests: 6, throttled: 1 });
    } finally {
      await limited.close();
    }
  });
});

describe('Product Type Definitions', () => {
  it('links schemas on the sandbox that accept and reject what Listings accepts and rejects', async () => {
    const def = await spRequest<{ schema: { link: { resource: string }; checksum: string }; metaSchema: { link: { resource: string } }; productTypeVersion: { version: string }; propertyGroups: Record<string, unknown> }>(
      sandbox.url,
      'GET',
      '/definitions/2020-09-01/productTypes/SHIRT',
      token,
      { query: { marketplaceIds: DE, requirements: 'LISTING' } },
    );
    expect(def.status).toBe(200);
    expect(validateModelResponse(DEFINITIONS, 'GET', '/definitions/2020-09-01/productTypes/{productType}', 200, def.body)).toEqual([]);
    expect(def.body.schema.link.resource.startsWith(sandbox.url)).toBe(true);
    const schemaBytes = Buffer.from(await (await fetch(def.body.schema.link.resource)).arrayBuffer());
    // As Amazon's: the Base64 MD5 of the document (the connector refuses a schema that does not match it).
    expect(def.body.schema.checksum).toBe(createHash('md5').update(schemaBytes).digest('base64'));
    const schema = JSON.parse(schemaBytes.toString('utf8')) as Record<string, unknown>;
    const meta = await fetch(def.body.metaSchema.link.resource);
    expect(meta.status).toBe(200);

    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // As a client does: register the linked meta-schema and Amazon's byte-length keyword.
    ajv.addMetaSchema((await meta.json()) as Record<string, unknown>);
    ajv.addKeyword({ keyword: 'maxUtf8ByteLength', type: 'string', schemaType: 'number', validate: (max: number, data: string) => Buffer.byteLength(data, 'utf8') <= max });
    const check = ajv.compile(schema);
    expect(check((shirt(DE) as { attributes: unknown }).attributes)).toBe(true);
    expect(check((shirt(DE, { item_name: [{ value: 'あ'.repeat(67) }] }) as { attributes: unknown }).attributes)).toBe(false);
    expect(check((shirt(DE, { purchasable_offer: [{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 0 }] }] }] }) as { attributes: unknown }).attributes)).toBe(false);
    const { brand: _brand, ...withoutBrand } = (shirt(DE) as { attributes: Record<string, unknown> }).attributes;
    expect(check(withoutBrand)).toBe(false);
  });

  it('searches product types and answers 404 for an unknown one', async () => {
    const search = await spRequest<{ productTypes: { name: string }[] }>(sandbox.url, 'GET', '/definitions/2020-09-01/productTypes', token, { query: { marketplaceIds: DE, keywords: 'cup' } });
    expect(search.body.productTypes.map((p) => p.name)).toEqual(['DRINKING_CUP']);
    expect(validateModelResponse(DEFINITIONS, 'GET', '/definitions/2020-09-01/productTypes', 200, search.body)).toEqual([]);
    const all = await spRequest<{ productTypes: { name: string }[] }>(sandbox.url, 'GET', '/definitions/2020-09-01/productTypes', token, { query: { marketplaceIds: DE } });
    expect(all.body.productTypes.map((p) => p.name)).toEqual(['SHIRT', 'HANDBAG', 'DRINKING_CUP']);
    const missing = await spRequest(sandbox.url, 'GET', '/definitions/2020-09-01/productTypes/TOASTER', token, { query: { marketplaceIds: DE } });
    expect(missing.status).toBe(404);
  });
});

describe('seeded listings', () => {
  it('all pass the validation a new submission gets, and are served by getListingsItem', async () => {
    const listings = seedListings(seed, SANDBOX_SELLER_ID, 42);
    expect(listings.length).toBeGreaterThan(10);
    for (const l of listings) expect(hasErrors(validateListing(l.productType, 'LISTING', l.attributes, l.marketplaceId, l.sku)), l.sku).toBe(false);
    const first = listings[0]!;
    const got = await spRequest<{ summaries: { asin: string; productType: string }[] }>(sandbox.url, 'GET', itemPath(first.sku), token, { query: { marketplaceIds: first.marketplaceId } });
    expect(got.body.summaries[0]).toMatchObject({ asin: first.asin, productType: first.productType });
  });
});
