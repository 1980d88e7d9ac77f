/** The listing mapping: fixed values, table lookups and JSONata expressions, explained; errors named. */
import { describe, expect, it } from 'vitest';
import { compileExpression, ListingMappingError, mapListingAttributes, type ListingMappingRules } from '../../../engines/listing/index.js';
import { DE, JP, rules, tshirt, UK } from './fixtures.js';

const uk = { id: UK, country: 'GB', languageTag: 'en_GB', currency: 'GBP' };
const price = { currency: 'GBP', amount: '18.99', amountMinor: 1899, value: 18.99 };
const only = (attributes: ListingMappingRules['productTypes'][string]['attributes'], tables?: ListingMappingRules['tables']): ListingMappingRules => ({
  ...(tables === undefined ? {} : { tables }),
  productTypes: { tshirt: { productType: 'SHIRT', attributes } },
});

describe('mapListingAttributes', () => {
  it('maps a product to Amazon attributes for one marketplace, each entry with its marketplace and language', async () => {
    const m = await mapListingAttributes({ product: tshirt, marketplace: uk, price, rules });
    expect(m).toMatchObject({ sku: 'TS-ORG-NAVY-M', category: 'tshirt', productType: 'SHIRT', requirements: 'LISTING', errors: [] });
    expect(m.attributes).toEqual({
      item_name: [{ value: 'Organic cotton T-shirt, navy, M', language_tag: 'en_GB', marketplace_id: UK }],
      brand: [{ value: 'Nordlicht Basics', language_tag: 'en_GB', marketplace_id: UK }],
      bullet_point: [
        { value: '100 % organic cotton', language_tag: 'en_GB', marketplace_id: UK },
        { value: 'Machine washable at 40 °C', language_tag: 'en_GB', marketplace_id: UK },
      ],
      color: [{ value: 'Blue', language_tag: 'en_GB', marketplace_id: UK }],
      condition_type: [{ value: 'new_new', marketplace_id: UK }],
      externally_assigned_product_identifier: [{ type: 'ean', value: '4006381333931', marketplace_id: UK }],
      country_of_origin: [{ value: 'PT', marketplace_id: UK }],
      item_package_weight: [{ value: 0.25, unit: 'kilograms', marketplace_id: UK }],
      purchasable_offer: [{ currency: 'GBP', our_price: [{ schedule: [{ value_with_tax: 18.99 }] }], marketplace_id: UK }],
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }],
    });
    expect(JSON.stringify(m.attributes.purchasable_offer)).toContain('"value_with_tax":18.99');
  });

  it('gives plain values for a channel whose documents take them (AliExpress, Alibaba.com: attributeShape values)', async () => {
    const values: ListingMappingRules = {
      attributeShape: 'values',
      productTypes: {
        tshirt: {
          productType: '200000346',
          attributes: {
            category_id: { fixed: 200000346 },
            title_multi_language_list: { expr: '[{ "locale": "ja_JP", "title": product.title.`ja-JP` }]' },
            sku_info_list: { expr: '[{ "sku_code": product.sku, "price": price.amount }]' },
            brand_name: { expr: 'product.brand' },
            gone: { expr: 'product.nothing' },
          },
        },
      },
    };
    const m = await mapListingAttributes({ product: tshirt, marketplace: uk, price, rules: values });
    expect(m.errors).toEqual([]);
    expect(m.attributes).toEqual({
      category_id: 200000346,
      title_multi_language_list: [{ locale: 'ja_JP', title: 'オーガニックコットンTシャツ ネイビー M' }],
      sku_info_list: [{ sku_code: 'TS-ORG-NAVY-M', price: '18.99' }],
      brand_name: 'Nordlicht Basics',
    });
    expect(m.explanations.find((e) => e.attribute === 'gone')).toMatchObject({ omitted: true });
  });

  it('explains where each attribute came from', async () => {
    const m = await mapListingAttributes({ product: tshirt, marketplace: uk, price, rules });
    const by = Object.fromEntries(m.explanations.map((e) => [e.attribute, e.source]));
    expect(by['condition_type']).toBe('fixed');
    expect(by['color']).toBe('table colours[navy]');
    expect(by['item_name']).toBe('expr: $lookup(product.title, marketplace.locale)');
  });

  it('reads the same product in German for Amazon.de, and through $product bindings', async () => {
    const m = await mapListingAttributes({
      product: tshirt,
      marketplace: { id: DE, country: 'DE', languageTag: 'de_DE', currency: 'EUR' },
      rules: only({ item_name: { expr: '$product.title.`de-DE`', languageTag: true }, item_type_name: { expr: '$marketplace.language_tag & "/" & $marketplace.country' } }),
    });
    expect(m.attributes['item_name']).toEqual([{ value: 'Bio-Baumwoll-T-Shirt, Marine, M', language_tag: 'de_DE', marketplace_id: DE }]);
    expect(m.attributes['item_type_name']).toEqual([{ value: 'de_DE/DE', marketplace_id: DE }]);
    expect(m.explanations[0]).toEqual({ attribute: 'item_name', source: 'expr: $product.title.`de-DE`' });
  });

  it('builds per-locale arrays: one entry per title locale, each keeping its own language tag', async () => {
    const m = await mapListingAttributes({
      product: tshirt,
      marketplace: { id: JP, country: 'JP', languageTag: 'ja_JP', currency: 'JPY' },
      rules: only({ item_name: { expr: '$each(product.title, function($v, $k) { {"value": $v, "language_tag": $replace($k, "-", "_")} })', languageTag: true } }),
    });
    expect(m.attributes['item_name']).toEqual([
      { value: 'Bio-Baumwoll-T-Shirt, Marine, M', language_tag: 'de_DE', marketplace_id: JP },
      { value: 'Organic cotton T-shirt, navy, M', language_tag: 'en_GB', marketplace_id: JP },
      { value: 'オーガニックコットンTシャツ ネイビー M', language_tag: 'ja_JP', marketplace_id: JP },
    ]);
  });

  it('leaves out an attribute whose source gives nothing, and says so', async () => {
    const m = await mapListingAttributes({ product: tshirt, marketplace: uk, rules: only({ product_description: { expr: '$lookup(product.description, marketplace.locale)', languageTag: true } }) });
    expect(m.attributes).toEqual({});
    expect(m.explanations).toEqual([{ attribute: 'product_description', source: 'expr: $lookup(product.description, marketplace.locale)', omitted: true }]);
  });

  it('takes a table default for a key the table lacks, and names the missing key otherwise', async () => {
    const red = { ...tshirt, attributes: { colour: 'teal' } };
    const withDefault = await mapListingAttributes({ product: red, marketplace: uk, rules: only({ color: { table: 'colours', key: 'product.attributes.colour', default: 'Multicolour' } }, { colours: { navy: 'Blue' } }) });
    expect(withDefault.attributes['color']).toEqual([{ value: 'Multicolour', marketplace_id: UK }]);
    expect(withDefault.explanations[0]!.source).toBe('table colours[teal] → default');

    const without = await mapListingAttributes({ product: red, marketplace: uk, rules: only({ color: { table: 'colours', key: 'product.attributes.colour' } }, { colours: { navy: 'Blue' } }) });
    expect(without.attributes).toEqual({});
    expect(without.errors).toHaveLength(1);
    expect(without.errors[0]).toMatchObject({ code: 'table_key', sku: 'TS-ORG-NAVY-M', attribute: 'color' });
    expect(without.errors[0]!.message).toBe('SKU TS-ORG-NAVY-M attribute color (table colours[product.attributes.colour]): table colours has no key "teal" (keys: navy)');
  });

  it('names the SKU, the attribute and the expression of an evaluation error, and maps the other attributes', async () => {
    const m = await mapListingAttributes({
      product: tshirt,
      marketplace: uk,
      rules: only({ item_package_weight: { expr: '$number(product.attributes.size)' }, condition_type: { fixed: 'new_new' } }),
    });
    expect(m.attributes).toEqual({ condition_type: [{ value: 'new_new', marketplace_id: UK }] });
    expect(m.errors[0]).toBeInstanceOf(ListingMappingError);
    expect(m.errors[0]).toMatchObject({ code: 'evaluation', attribute: 'item_package_weight', expression: 'expr: $number(product.attributes.size)' });
    expect(m.errors[0]!.message).toMatch(/^SKU TS-ORG-NAVY-M attribute item_package_weight \(expr: \$number\(product\.attributes\.size\)\): Unable to cast value to a number/);
  });

  it('refuses the clock: a listing depends on the product alone', async () => {
    const m = await mapListingAttributes({ product: tshirt, marketplace: uk, rules: only({ merchant_release_date: { expr: '$now()' } }) });
    expect(m.errors[0]!.message).toContain('$now() is not available in listing mappings');
  });

  it('throws for a product without a category or of an unmapped one', async () => {
    const { category: _c, ...uncategorised } = tshirt;
    await expect(mapListingAttributes({ product: uncategorised, marketplace: uk, rules })).rejects.toThrow('SKU TS-ORG-NAVY-M: the product has no category, so no product type (mapped categories: tshirt)');
    await expect(mapListingAttributes({ product: { ...tshirt, category: 'mug' }, marketplace: uk, rules })).rejects.toMatchObject({ code: 'unmapped_category', message: 'SKU TS-ORG-NAVY-M: category "mug" has no listing mapping (mapped: tshirt)' });
  });
});

describe('compileExpression', () => {
  it('compiles once and reports a syntax error with its position', () => {
    const good = compileExpression('product.title.`de-DE`');
    expect(good.ok).toBe(true);
    expect(compileExpression('product.title.`de-DE`')).toBe(good);
    const bad = compileExpression('product.title[');
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/^JSONata syntax error at \d+: /) });
  });
});
