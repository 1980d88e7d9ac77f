/**
 * The sandbox's categories and the product document each accepts. The real
 * `aliexpress.solution.product.schema.get` answers a JSON Schema per leaf category (text in
 * `result.schema`); these are hand-written small ones in that spirit — common fields (titles
 * per locale, images, unit, package, SKUs with price and stock) plus a few category attributes —
 * with a checker for the subset of JSON Schema they use. The ids are the sandbox's own choice
 * for the demo catalogue's three kinds of goods.
 */

export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly title?: string;
  readonly description?: string;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly enum?: readonly (string | number)[];
  readonly pattern?: string;
}

export interface Category {
  readonly id: number;
  readonly name: string;
  /** Category attributes beyond the common fields. */
  readonly attributes: Readonly<Record<string, JsonSchema>>;
  readonly requiredAttributes: readonly string[];
}

const DECIMAL = '^\\d+(\\.\\d{1,2})?$';

export const CATEGORIES: readonly Category[] = [
  {
    id: 200000346,
    name: 'T-Shirts',
    attributes: {
      brand_name: { type: 'string', minLength: 1, title: 'Brand Name' },
      material: { type: 'string', enum: ['cotton', 'polyester', 'linen', 'wool', 'viscose'], title: 'Material' },
      sleeve_length: { type: 'string', enum: ['short', 'long', 'sleeveless'], title: 'Sleeve Length(cm)' },
    },
    requiredAttributes: ['brand_name', 'material'],
  },
  {
    id: 200000345,
    name: 'Handbags',
    attributes: {
      brand_name: { type: 'string', minLength: 1, title: 'Brand Name' },
      main_material: { type: 'string', enum: ['leather', 'canvas', 'pu', 'nylon'], title: 'Main Material' },
      handbag_type: { type: 'string', enum: ['tote', 'crossbody', 'clutch', 'shoulder'], title: 'Types of bags' },
    },
    requiredAttributes: ['brand_name', 'main_material'],
  },
  {
    id: 100003070,
    name: 'Mugs',
    attributes: {
      brand_name: { type: 'string', minLength: 1, title: 'Brand Name' },
      capacity_ml: { type: 'integer', minimum: 1, title: 'Capacity (ml)' },
      material: { type: 'string', enum: ['porcelain', 'ceramic', 'glass', 'stainless steel'], title: 'Material' },
    },
    requiredAttributes: ['capacity_ml'],
  },
];

export function categoryById(id: number | string): Category | undefined {
  return CATEGORIES.find((c) => String(c.id) === String(id));
}

const COMMON: Readonly<Record<string, JsonSchema>> = {
  category_id: { type: 'integer', title: 'Leaf category id' },
  locale: { type: 'string', enum: ['en_US', 'es_ES', 'ru_RU', 'fr_FR', 'de_DE', 'zh_CN'], title: 'Language of the main texts' },
  title_multi_language_list: {
    type: 'array',
    minItems: 1,
    items: { type: 'object', required: ['locale', 'title'], properties: { locale: { type: 'string', minLength: 2 }, title: { type: 'string', minLength: 1 } } },
  },
  description_multi_language_list: {
    type: 'array',
    items: { type: 'object', required: ['locale'], properties: { locale: { type: 'string', minLength: 2 }, description: { type: 'string' } } },
  },
  product_units_type: { type: 'string', enum: ['100000015', '100000013', '100000017'], title: 'Unit (100000015 piece)' },
  image_url_list: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^https?://' } },
  package_weight: { type: 'number', minimum: 0.001, title: 'Gross weight (kg)' },
  package_length: { type: 'integer', minimum: 1 },
  package_width: { type: 'integer', minimum: 1 },
  package_height: { type: 'integer', minimum: 1 },
  shipping_preparation_time: { type: 'integer', minimum: 1 },
  sku_info_list: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['sku_code', 'price', 'inventory'],
      properties: {
        sku_code: { type: 'string', minLength: 1 },
        price: { type: 'string', pattern: DECIMAL, title: 'Price in USD' },
        discount_price: { type: 'string', pattern: DECIMAL },
        inventory: { type: 'integer', minimum: 0 },
        sku_attributes: { type: 'object' },
      },
    },
  },
};
const COMMON_REQUIRED = ['category_id', 'locale', 'title_multi_language_list', 'product_units_type', 'image_url_list', 'package_weight', 'sku_info_list'];

/** The JSON Schema of a category's product document (as `schema.get` gives it, before writing it as text). */
export function productSchema(category: Category): JsonSchema {
  return {
    type: 'object',
    title: `${category.name} (${category.id})`,
    required: [...COMMON_REQUIRED, ...category.requiredAttributes],
    properties: { ...COMMON, ...category.attributes },
  };
}

const typeOk = (type: JsonSchema['type'], v: unknown): boolean => {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
};

/** The first violation of `schema` by `value`, as `path: what` (path like `sku_info_list[0].price`), or undefined. */
export function firstViolation(schema: JsonSchema, value: unknown, path = ''): string | undefined {
  const at = path === '' ? '(document)' : path;
  if (!typeOk(schema.type, value)) return `${at}: must be ${schema.type === 'integer' ? 'an integer' : `of type ${schema.type ?? 'any'}`}`;
  if (schema.enum && !schema.enum.includes(value as string | number)) return `${at}: must be one of ${schema.enum.join(', ')}`;
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return `${at}: must not be empty`;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return `${at}: "${value}" does not match ${schema.pattern}`;
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) return `${at}: must be at least ${schema.minimum}`;
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `${at}: needs at least ${schema.minItems} item(s)`;
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        const v = firstViolation(schema.items, value[i], `${path}[${i}]`);
        if (v !== undefined) return v;
      }
    }
  }
  if (schema.type === 'object' && typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const prefix = path === '' ? '' : `${path}.`;
    for (const r of schema.required ?? []) if (o[r] === undefined || o[r] === null) return `${prefix}${r}: is required`;
    for (const [k, s] of Object.entries(schema.properties ?? {})) {
      if (o[k] === undefined || o[k] === null) continue;
      const v = firstViolation(s, o[k], `${prefix}${k}`);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}
