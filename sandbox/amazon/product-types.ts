/**
 * Three Amazon product types (SHIRT, HANDBAG, DRINKING_CUP) described once, as a small
 * table, from which the sandbox derives both the JSON Schema 2019-09 documents that
 * getDefinitionsProductType links to and the Listings validation rules: a listing the
 * schema rejects, Listings rejects too.
 */
export interface ProductTypeSpec {
  readonly name: string;
  readonly displayName: string;
  readonly version: string;
  /** Attributes required for requirements LISTING (product facts + offer). */
  readonly productFacts: readonly string[];
  /** Optional product facts the schema also describes. */
  readonly optional: readonly string[];
}

/** Offer attributes: required for LISTING and LISTING_OFFER_ONLY. */
export const OFFER_ATTRIBUTES = ['condition_type', 'purchasable_offer'] as const;
/** Attributes of every product type's schema besides its own facts. */
const COMMON_OPTIONAL = ['fulfillment_availability', 'externally_assigned_product_identifier', 'bullet_point', 'list_price', 'product_description', 'country_of_origin', 'item_package_weight'] as const;

export const PRODUCT_TYPES: readonly ProductTypeSpec[] = [
  { name: 'SHIRT', displayName: 'Shirt', version: 'U7dD1cZ0uRQZSxeGfwt6TgkoXBwJjkMCk', productFacts: ['item_name', 'brand', 'color', 'size'], optional: ['material', 'department'] },
  { name: 'HANDBAG', displayName: 'Handbag', version: 'U0x5cEtR5N2gJN8TlqZ2q7oGvQeTt4lq6', productFacts: ['item_name', 'brand', 'color', 'material'], optional: ['style'] },
  { name: 'DRINKING_CUP', displayName: 'Drinking Cup', version: 'U3KqQ0qvPlyWGiVaxJS4W7xUjNwqsNZ9B', productFacts: ['item_name', 'brand', 'material', 'capacity'], optional: ['color', 'style'] },
];

export const PRODUCT_TYPE_BY_NAME: ReadonlyMap<string, ProductTypeSpec> = new Map(PRODUCT_TYPES.map((p) => [p.name, p]));

/** Amazon measures item_name in UTF-8 bytes (the schemas' maxUtf8ByteLength keyword). */
export const ITEM_NAME_MAX_BYTES = 200;

export const CONDITION_TYPES = ['new_new', 'new_open_box', 'new_oem', 'refurbished_refurbished', 'used_like_new', 'used_very_good', 'used_good', 'used_acceptable'] as const;

type JsonSchema = Record<string, unknown>;

const marketplaceId: JsonSchema = { type: 'string', title: 'Marketplace Id' };
const languageTag: JsonSchema = { type: 'string', title: 'Language Tag' };

function textAttribute(title: string, extra: JsonSchema = {}): JsonSchema {
  return {
    title,
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['value'],
      properties: { value: { type: 'string', minLength: 1, ...extra }, language_tag: languageTag, marketplace_id: marketplaceId },
      additionalProperties: false,
    },
  };
}

const priceSchedule: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: {
    type: 'object',
    required: ['schedule'],
    properties: {
      schedule: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['value_with_tax'], properties: { value_with_tax: { type: 'number', exclusiveMinimum: 0 } }, additionalProperties: false },
      },
    },
    additionalProperties: false,
  },
};

const ATTRIBUTE_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  item_name: textAttribute('Item Name', { maxUtf8ByteLength: ITEM_NAME_MAX_BYTES }),
  brand: textAttribute('Brand Name', { maxLength: 100 }),
  color: textAttribute('Colour'),
  size: textAttribute('Size'),
  material: textAttribute('Material'),
  style: textAttribute('Style'),
  department: textAttribute('Department'),
  bullet_point: { ...textAttribute('Bullet Point', { maxLength: 500 }), maxItems: 5 },
  product_description: { ...textAttribute('Product Description', { maxLength: 2000 }), maxItems: 1 },
  country_of_origin: {
    title: 'Country/Region of Origin',
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: { type: 'object', required: ['value'], properties: { value: { type: 'string', pattern: '^[A-Z]{2}$' }, marketplace_id: marketplaceId }, additionalProperties: false },
  },
  item_package_weight: {
    title: 'Package Weight',
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: {
      type: 'object',
      required: ['value', 'unit'],
      properties: { value: { type: 'number', exclusiveMinimum: 0 }, unit: { type: 'string', enum: ['grams', 'kilograms', 'ounces', 'pounds'] }, marketplace_id: marketplaceId },
      additionalProperties: false,
    },
  },
  capacity: {
    title: 'Capacity',
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['value', 'unit'],
      properties: { value: { type: 'number', exclusiveMinimum: 0 }, unit: { type: 'string', enum: ['milliliters', 'liters', 'fluid_ounces'] }, marketplace_id: marketplaceId },
      additionalProperties: false,
    },
  },
  condition_type: {
    title: 'Item Condition',
    type: 'array',
    minItems: 1,
    items: { type: 'object', required: ['value'], properties: { value: { type: 'string', enum: [...CONDITION_TYPES] }, marketplace_id: marketplaceId }, additionalProperties: false },
  },
  purchasable_offer: {
    title: 'Purchasable Offer',
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['currency', 'our_price'],
      properties: { currency: { type: 'string', pattern: '^[A-Z]{3}$' }, our_price: priceSchedule, marketplace_id: marketplaceId, audience: { type: 'string', enum: ['ALL', 'B2B'] } },
      additionalProperties: false,
    },
  },
  list_price: {
    title: 'List Price',
    type: 'array',
    items: { type: 'object', required: ['value'], properties: { value: { type: 'number', exclusiveMinimum: 0 }, currency: { type: 'string' }, marketplace_id: marketplaceId }, additionalProperties: false },
  },
  fulfillment_availability: {
    title: 'Fulfillment Availability',
    type: 'array',
    items: {
      type: 'object',
      required: ['fulfillment_channel_code'],
      properties: { fulfillment_channel_code: { type: 'string' }, quantity: { type: 'integer', minimum: 0 }, lead_time_to_ship_max_days: { type: 'integer', minimum: 0, maximum: 30 }, marketplace_id: marketplaceId },
      additionalProperties: false,
    },
  },
  externally_assigned_product_identifier: {
    title: 'External Product ID',
    type: 'array',
    items: { type: 'object', required: ['type', 'value'], properties: { type: { type: 'string', enum: ['ean', 'gtin', 'upc', 'isbn'] }, value: { type: 'string' }, marketplace_id: marketplaceId }, additionalProperties: false },
  },
};

export function attributeNames(spec: ProductTypeSpec): string[] {
  return [...spec.productFacts, ...OFFER_ATTRIBUTES, ...spec.optional, ...COMMON_OPTIONAL];
}

/** URL path (on the sandbox) of a product type's schema and of the meta-schema. */
export const schemaPath = (spec: ProductTypeSpec): string => `/_documents/definitions/${spec.name}/${spec.version}/schema.json`;
export const META_SCHEMA_PATH = '/_documents/definitions/meta-schema/v1/schema.json';
export const META_SCHEMA_ID = 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1';

/** The product type's JSON Schema (2019-09 with Amazon's vocabulary), for requirements LISTING. */
export function productTypeSchema(spec: ProductTypeSpec, baseUrl: string): JsonSchema {
  const properties = Object.fromEntries(attributeNames(spec).map((n) => [n, ATTRIBUTE_SCHEMAS[n] as JsonSchema]));
  return {
    $schema: META_SCHEMA_ID,
    $id: `${baseUrl}${schemaPath(spec)}`,
    $comment: `Amazon product type definition for ${spec.name} (sandbox)`,
    type: 'object',
    required: [...spec.productFacts, ...OFFER_ATTRIBUTES],
    properties,
    additionalProperties: false,
  };
}

/** A small stand-in for Amazon's meta-schema: JSON Schema 2019-09 plus the maxUtf8ByteLength keyword. */
export function metaSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: META_SCHEMA_ID,
    $vocabulary: { 'https://json-schema.org/draft/2019-09/vocab/core': true, 'https://json-schema.org/draft/2019-09/vocab/validation': true },
    $recursiveAnchor: true,
    allOf: [{ $ref: 'https://json-schema.org/draft/2019-09/schema' }],
    properties: { maxUtf8ByteLength: { type: 'integer', minimum: 0 }, minUtf8ByteLength: { type: 'integer', minimum: 0 } },
  };
}

/** The propertyGroups of getDefinitionsProductType: which attributes form the offer and the product facts. */
export function propertyGroups(spec: ProductTypeSpec): Record<string, { title: string; description: string; propertyNames: string[] }> {
  return {
    offer: { title: 'Offer', description: 'Sales terms of the offer', propertyNames: [...OFFER_ATTRIBUTES, 'list_price'] },
    product_identity: { title: 'Product Identity', description: 'Identifying facts of the product', propertyNames: ['item_name', 'brand', 'externally_assigned_product_identifier'] },
    product_details: {
      title: 'Product Details',
      description: 'Descriptive facts of the product',
      propertyNames: [...spec.productFacts, ...spec.optional].filter((n) => n !== 'item_name' && n !== 'brand'),
    },
    fulfillment: { title: 'Fulfillment', description: 'Stock offered for fulfilment by the seller', propertyNames: ['fulfillment_availability'] },
  };
}
