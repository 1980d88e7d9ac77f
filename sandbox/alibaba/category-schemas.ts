/**
 * The sandbox's ICBU categories and the JSON Schema of each category's product document, as
 * /alibaba/icbu/product/schema/get serves it (the platform gives one schema per category; these
 * three are hand-written for the demo catalogue, their ids are the sandbox's own), and a checker
 * for the subset of JSON Schema they use that names the first field at fault.
 */
export interface CategoryInfo {
  readonly id: string;
  readonly name: string;
  /** The demo catalogue's category column. */
  readonly catalogueCategory: string;
  readonly schema: ProductSchema;
}

export interface FieldSchema {
  readonly type: 'string' | 'integer';
  readonly title?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
}

export interface ProductSchema {
  readonly $schema: string;
  readonly title: string;
  readonly type: 'object';
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, FieldSchema>>;
  readonly additionalProperties: false;
}

const COMMON: Readonly<Record<string, FieldSchema>> = {
  subject: { type: 'string', title: 'Product name', minLength: 1, maxLength: 128 },
  sku_code: { type: 'string', title: 'Seller SKU code', minLength: 1, maxLength: 64 },
  price: { type: 'string', title: 'FOB unit price (decimal text)', pattern: '^\\d{1,7}(\\.\\d{1,2})?$' },
  currency: { type: 'string', enum: ['USD'] },
  inventory: { type: 'integer', title: 'Stock', minimum: 0 },
  unit: { type: 'string', enum: ['Piece', 'Pieces', 'Set', 'Sets'] },
  min_order_quantity: { type: 'integer', minimum: 1 },
  brand: { type: 'string', maxLength: 64 },
  color: { type: 'string', maxLength: 64 },
  material: { type: 'string', maxLength: 64 },
  description: { type: 'string', maxLength: 10000 },
  main_image: { type: 'string', pattern: '^https?://' },
};

function schema(title: string, required: readonly string[], extra: Readonly<Record<string, FieldSchema>> = {}): ProductSchema {
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    title,
    type: 'object',
    required: ['subject', 'sku_code', 'price', ...required],
    properties: { ...COMMON, ...extra },
    additionalProperties: false,
  };
}

export const CATEGORIES: readonly CategoryInfo[] = [
  { id: '100003070', name: 'T-Shirts', catalogueCategory: 'tshirt', schema: schema('T-Shirts', ['color', 'size', 'material'], { size: { type: 'string', enum: ['XS', 'S', 'M', 'L', 'XL', 'XXL'] } }) },
  { id: '100002856', name: 'Handbags', catalogueCategory: 'handbag', schema: schema('Handbags', ['color', 'material']) },
  { id: '100004966', name: 'Mugs', catalogueCategory: 'mug', schema: schema('Mugs', ['material'], { size: { type: 'string', title: 'Capacity', pattern: '^\\d+ ?ml$' } }) },
];

export const categoryById = (id: string): CategoryInfo | undefined => CATEGORIES.find((c) => c.id === id);

/** The first problem of a document against its category schema, as the business error's message. */
export function schemaProblem(doc: Readonly<Record<string, unknown>>, s: ProductSchema): string | undefined {
  for (const name of s.required) {
    if (doc[name] === undefined || doc[name] === null) return `required field "${name}" is missing`;
  }
  for (const [name, value] of Object.entries(doc)) {
    const f = s.properties[name];
    if (f === undefined) return `field "${name}" is not an attribute of category ${s.title}`;
    if (value === null) continue;
    if (f.type === 'integer') {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `field "${name}" must be an integer`;
      if (f.minimum !== undefined && value < f.minimum) return `field "${name}" must be at least ${f.minimum}`;
      continue;
    }
    if (typeof value !== 'string') return `field "${name}" must be text`;
    if (f.minLength !== undefined && value.length < f.minLength) return `field "${name}" must not be empty`;
    if (f.maxLength !== undefined && value.length > f.maxLength) return `field "${name}" is longer than ${f.maxLength} characters`;
    if (f.enum !== undefined && !f.enum.includes(value)) return `field "${name}" must be one of ${f.enum.join(', ')}`;
    if (f.pattern !== undefined && !new RegExp(f.pattern).test(value)) return `field "${name}" does not match ${f.pattern}`;
  }
  return undefined;
}
