/** previewListing: the Listings Items put body, the price with its explanation, and every finding. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFxRateTable } from '../../../engines/fx/index.js';
import { previewListing, type ChannelListingRules } from '../../../engines/listing/index.js';
import { DE, JP, rules, tshirt, UK } from './fixtures.js';

const fx = { table: createFxRateTable([{ source: 'ecb', base: 'EUR', quote: 'GBP', date: '2026-03-02', rate: '0.8500' }]), onDate: '2026-03-02' };
const ukMarket = { id: UK, country: 'GB', currency: 'GBP' };
const productSchema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'product-types', 'PRODUCT.LISTING_OFFER_ONLY.A1F83G8C2ARO7P.trimmed.json'), 'utf8')) as object;

/** The tenant's offer-only mapping: the attributes the PRODUCT / LISTING_OFFER_ONLY schema knows. */
const offerOnly: ChannelListingRules = {
  ...rules,
  productTypes: {
    tshirt: {
      productType: 'PRODUCT',
      requirements: 'LISTING_OFFER_ONLY',
      attributes: Object.fromEntries(
        Object.entries(rules.productTypes['tshirt']!.attributes).filter(([name]) =>
          ['condition_type', 'externally_assigned_product_identifier', 'country_of_origin', 'item_package_weight', 'purchasable_offer', 'fulfillment_availability'].includes(name),
        ),
      ),
    },
  },
};

describe('previewListing', () => {
  it('gives the put body with the converted price, the price explanation and each attribute source', async () => {
    const p = await previewListing({ product: tshirt, listings: rules, marketplace: ukMarket, fx });
    expect(p.payload.productType).toBe('SHIRT');
    expect(p.payload.requirements).toBe('LISTING');
    expect(p.payload.attributes['purchasable_offer']).toEqual([{ currency: 'GBP', our_price: [{ schedule: [{ value_with_tax: 18.99 }] }], marketplace_id: UK }]);
    expect(p.price).toMatchObject({ price: { amountMinor: 1899, currency: 'GBP' }, rule: { rule: 'convert', margin: '1.1' }, rate: { from: 'EUR', to: 'GBP', rate: '0.8500000000', date: '2026-03-02', source: 'ecb' } });
    expect(p.explanation).toContainEqual({ attribute: 'color', source: 'table colours[navy]' });
    expect(p.issues).toEqual([]);
  });

  it('prices Amazon.de from the base price as it is', async () => {
    const p = await previewListing({ product: tshirt, listings: rules, marketplace: { id: DE, country: 'DE', currency: 'EUR' } });
    expect(p.price?.price).toEqual({ amountMinor: 2000, currency: 'EUR' });
    expect(p.payload.attributes['item_name']).toEqual([{ value: 'Bio-Baumwoll-T-Shirt, Marine, M', language_tag: 'de_DE', marketplace_id: DE }]);
  });

  it('checks the attributes against the product type schema: a good offer passes, a bad value is named', async () => {
    const good = await previewListing({ product: tshirt, listings: offerOnly, marketplace: ukMarket, fx, productTypeSchema: productSchema });
    expect(good.issues).toEqual([]);
    const badRules: ChannelListingRules = {
      ...offerOnly,
      productTypes: { tshirt: { ...offerOnly.productTypes['tshirt']!, attributes: { ...offerOnly.productTypes['tshirt']!.attributes, condition_type: { fixed: 'brand_new' } } } },
    };
    const bad = await previewListing({ product: tshirt, listings: badRules, marketplace: ukMarket, fx, productTypeSchema: productSchema });
    expect(bad.issues).toEqual([expect.objectContaining({ code: 'enum', severity: 'error', attributeNames: ['condition_type'] })]);
  });

  it('reports a missing rate as a price issue naming the pair and the date, and leaves the offer out', async () => {
    const p = await previewListing({ product: tshirt, listings: rules, marketplace: ukMarket, fx: { ...fx, table: createFxRateTable([]) } });
    expect(p.price).toBeUndefined();
    expect(p.payload.attributes['purchasable_offer']).toBeUndefined();
    expect(p.issues).toEqual([
      { code: 'price_no_rate', message: expect.stringMatching(/SKU TS-ORG-NAVY-M, marketplace A1F83G8C2ARO7P: no rate for EUR→GBP on or before 2026-03-02/), severity: 'error', attributeNames: ['purchasable_offer'] },
    ]);
  });

  it('refuses a marketplace without listing rules', async () => {
    await expect(previewListing({ product: tshirt, listings: rules, marketplace: { id: JP, country: 'JP', currency: 'JPY' } })).rejects.toMatchObject({
      code: 'unmapped_marketplace',
      message: `SKU TS-ORG-NAVY-M: marketplace ${JP} has no listing rules on this connection (configured: ${DE}, ${UK})`,
    });
  });
});
