/** A seller's product and listing rules shared by the listing engine tests. */
import type { ChannelListingRules } from '../../../engines/listing/index.js';
import { ProductSchema, type Product } from '../../../mappings/canonical/product.js';

export const UK = 'A1F83G8C2ARO7P';
export const DE = 'A1PA6795UKMFR9';
export const JP = 'A1VC38T7YXB528';

export const tshirt: Product = ProductSchema.parse({
  sku: 'TS-ORG-NAVY-M',
  category: 'tshirt',
  brand: 'Nordlicht Basics',
  title: { 'de-DE': 'Bio-Baumwoll-T-Shirt, Marine, M', 'en-GB': 'Organic cotton T-shirt, navy, M', 'ja-JP': 'オーガニックコットンTシャツ ネイビー M' },
  bulletPoints: { 'en-GB': ['100 % organic cotton', 'Machine washable at 40 °C'], 'de-DE': ['100 % Bio-Baumwolle'] },
  attributes: { colour: 'navy', size: 'M' },
  identifiers: [{ type: 'EAN', value: '4006381333931' }],
  hsCode: '610910',
  originCountry: 'PT',
  weight: { value: '0.25', unit: 'kg' },
  basePrice: { amountMinor: 2000, currency: 'EUR' },
});

export const rules: ChannelListingRules = {
  tables: { colours: { navy: 'Blue', red: 'Red' }, weightUnits: { kg: 'kilograms', g: 'grams' } },
  marketplaces: {
    [DE]: { languageTag: 'de_DE', price: { rule: 'fixed', currency: 'EUR' } },
    [UK]: { languageTag: 'en_GB', price: { rule: 'convert', currency: 'GBP', margin: '1.1', ending: '0.99' } },
  },
  productTypes: {
    tshirt: {
      productType: 'SHIRT',
      attributes: {
        item_name: { expr: '$lookup(product.title, marketplace.locale)', languageTag: true },
        brand: { expr: 'product.brand', languageTag: true },
        bullet_point: { expr: '$lookup(product.bulletPoints, marketplace.locale)', languageTag: true },
        color: { table: 'colours', key: 'product.attributes.colour', languageTag: true },
        condition_type: { fixed: 'new_new' },
        externally_assigned_product_identifier: { expr: 'product.identifiers[type="EAN"].{"type": "ean", "value": value}' },
        country_of_origin: { expr: 'product.originCountry' },
        item_package_weight: { expr: '{"value": $number(product.weight.value), "unit": $lookup($tables.weightUnits, product.weight.unit)}' },
        purchasable_offer: { expr: 'price ? {"currency": price.currency, "our_price": [{"schedule": [{"value_with_tax": price.value}]}]}' },
        fulfillment_availability: { fixed: { fulfillment_channel_code: 'DEFAULT', quantity: 5 }, marketplaceId: false },
      },
    },
  },
};
