/**
 * Listing attributes checked against a real Amazon product type schema (PRODUCT, Amazon.co.uk,
 * LISTING_OFFER_ONLY; see test/fixtures/amazon/product-types/SOURCE.md) and Amazon's own keywords.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProductTypeValidator, utf8ByteLength } from '../../../engines/listing/index.js';

const UK = 'A1F83G8C2ARO7P';
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'product-types', 'PRODUCT.LISTING_OFFER_ONLY.A1F83G8C2ARO7P.trimmed.json'), 'utf8')) as object;
const key = { productType: 'PRODUCT', marketplaceId: UK, locale: 'DEFAULT' };

const good = {
  externally_assigned_product_identifier: [{ type: 'ean', value: '4006381333931', marketplace_id: UK }],
  condition_type: [{ value: 'new_new', marketplace_id: UK }],
  purchasable_offer: [{ currency: 'GBP', marketplace_id: UK, our_price: [{ schedule: [{ value_with_tax: 18.99 }] }] }],
  fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }],
  country_of_origin: [{ value: 'PT', marketplace_id: UK }],
  item_package_weight: [{ value: 0.25, unit: 'kilograms', marketplace_id: UK }],
};

describe('createProductTypeValidator on a real product type schema', () => {
  const validator = createProductTypeValidator();

  it('passes a good payload', () => {
    expect(validator.validate(schema, good, key)).toEqual([]);
  });

  it('reports a missing attribute the schema requires (neither an identifier nor an ASIN)', () => {
    const { externally_assigned_product_identifier: _id, ...rest } = good;
    const issues = validator.validate(schema, rest, key);
    expect(issues).toContainEqual({
      code: 'required',
      message: 'externally_assigned_product_identifier is required',
      severity: 'error',
      attributeNames: ['externally_assigned_product_identifier'],
      categories: ['MISSING_ATTRIBUTE'],
    });
  });

  it('reports a missing field inside an attribute (a DEFAULT fulfilment needs its quantity)', () => {
    const issues = validator.validate(schema, { ...good, fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT' }] }, key);
    expect(issues).toContainEqual(expect.objectContaining({ code: 'required', message: 'fulfillment_availability[0].quantity is required', attributeNames: ['fulfillment_availability'], categories: ['INVALID_ATTRIBUTE'] }));
  });

  it('reports a value outside the enum, naming the allowed values', () => {
    const issues = validator.validate(schema, { ...good, condition_type: [{ value: 'brand_new', marketplace_id: UK }] }, key);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'enum', attributeNames: ['condition_type'], message: expect.stringMatching(/^condition_type\[0\]\.value must be equal to one of the allowed values: "club_club", .*"new_new"/) }),
    ]);
  });

  it('counts unique items by the selectors (maxUniqueItems 1 per marketplace_id)', () => {
    const twice = [{ value: 'new_new', marketplace_id: UK }, { value: 'used_good', marketplace_id: 'A1PA6795UKMFR9' }];
    const issues = validator.validate(schema, { ...good, condition_type: twice }, key);
    expect(issues).toContainEqual(expect.objectContaining({ code: 'maxUniqueItems', message: 'condition_type must have at most 1 unique item(s) by its selectors (has 2)', attributeNames: ['condition_type'] }));
  });

  it('refuses properties the schema does not know (additionalProperties false)', () => {
    const issues = validator.validate(schema, { ...good, colour: [{ value: 'navy' }] }, key);
    expect(issues).toEqual([expect.objectContaining({ code: 'additionalProperties', severity: 'error' })]);
  });
});

describe("Amazon's custom keywords", () => {
  // An attribute in the real shape (an array of { value, language_tag, marketplace_id }) whose
  // value has a character and a byte limit, as Amazon's text attributes do.
  const textSchema = {
    $schema: 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1',
    type: 'object',
    properties: {
      item_name: {
        type: 'array',
        selectors: ['marketplace_id', 'language_tag'],
        maxUniqueItems: 1,
        items: {
          type: 'object',
          required: ['language_tag', 'value'],
          properties: {
            value: { type: 'string', editable: true, hidden: false, maxLength: 50, maxUtf8ByteLength: 60, minUtf8ByteLength: 4 },
            language_tag: { type: 'string', enum: ['ja_JP'], enumNames: ['Japanese (Japan)'] },
            marketplace_id: { type: 'string' },
          },
          additionalProperties: false,
        },
      },
    },
  };
  const name = (value: string) => ({ item_name: [{ value, language_tag: 'ja_JP', marketplace_id: 'A1VC38T7YXB528' }] });
  const validator = createProductTypeValidator();

  it('counts UTF-8 bytes, not characters: 22 characters of Japanese text are 64 bytes', () => {
    const title = 'オーガニックコットンTシャツ紺色無地半袖';
    expect(utf8ByteLength(title)).toBe(58);
    expect(validator.validate(textSchema, name(title))).toEqual([]);
    const longer = `${title}丸首`;
    expect([...longer].length).toBe(22);
    expect(utf8ByteLength(longer)).toBe(64);
    expect(validator.validate(textSchema, name(longer))).toEqual([
      { code: 'maxUtf8ByteLength', message: 'item_name[0].value must be at most 60 bytes in UTF-8 (is 64)', severity: 'error', attributeNames: ['item_name'], categories: ['INVALID_ATTRIBUTE'] },
    ]);
  });

  it('checks the byte minimum too', () => {
    expect(validator.validate(textSchema, name('ab'))).toEqual([expect.objectContaining({ code: 'minUtf8ByteLength', message: 'item_name[0].value must be at least 4 bytes in UTF-8 (is 2)' })]);
    expect(validator.validate(textSchema, name('紺色'))).toEqual([]);
  });

  it('utf8ByteLength: 1 to 4 bytes per code point', () => {
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('ア')).toBe(3);
    expect(utf8ByteLength('𠮟')).toBe(4);
  });
});
