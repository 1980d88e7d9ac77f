/**
 * The per-tenant listing mapping: a product (mappings/canonical/product.ts) becomes a
 * channel's listing attributes for one marketplace. The tenant's rules say, per product
 * category, the channel's product type and where each attribute comes from:
 *   - `fixed`: a value as given;
 *   - `table`: a lookup in one of the tenant's named tables, by a key computed with JSONata;
 *   - `expr`: a JSONata expression over `{ product, marketplace, price, tables }` (also bound
 *     as $product, $marketplace, $price, $tables).
 * A value becomes the channel's attribute list (Amazon Listings Items: an array of
 * `{ value, marketplace_id, language_tag }` objects): a scalar is wrapped as `{ value }`, an
 * object is one entry, an array gives one entry per item. Each entry gets the marketplace's id
 * (unless the attribute says `marketplaceId: false`, e.g. fulfillment_availability) and, for
 * `languageTag: true`, its language tag. Every attribute says where it came from, for the
 * preview. Pure: no I/O, no clock ($now, $millis and $random are refused).
 */
import jsonata from 'jsonata';
import type { Product } from '../../mappings/canonical/product.js';

export type AttributeSource =
  | { readonly fixed: unknown; readonly marketplaceId?: boolean; readonly languageTag?: boolean }
  | { readonly table: string; readonly key: string; readonly default?: unknown; readonly marketplaceId?: boolean; readonly languageTag?: boolean }
  | { readonly expr: string; readonly marketplaceId?: boolean; readonly languageTag?: boolean };

/** Amazon's requirement sets (Product Type Definitions `requirements`). */
export const LISTING_REQUIREMENTS = ['LISTING', 'LISTING_OFFER_ONLY', 'LISTING_PRODUCT_ONLY'] as const;
export type ListingRequirements = (typeof LISTING_REQUIREMENTS)[number];

export interface ProductTypeMapping {
  /** The channel's product type, e.g. SHIRT. */
  readonly productType: string;
  readonly requirements?: ListingRequirements;
  /** By the channel's attribute name, in output order. */
  readonly attributes: Readonly<Record<string, AttributeSource>>;
}

/**
 * How a source's value becomes the channel's attribute: `entries` (Amazon Listings Items: a list
 * of `{ value, marketplace_id, language_tag }` objects, the default) or `values` (the value as the
 * expression gives it: AliExpress and Alibaba.com product documents, whose category schema says
 * each property's own shape).
 */
export type AttributeShape = 'entries' | 'values';

export interface ListingMappingRules {
  readonly attributeShape?: AttributeShape;
  /** The tenant's lookup tables: name → key → value. */
  readonly tables?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** By the product's category (Product.category). */
  readonly productTypes: Readonly<Record<string, ProductTypeMapping>>;
}

/** The marketplace a listing is for, as expressions see it. */
export interface ListingMarketplace {
  readonly id: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** The channel's language tag, e.g. de_DE (Amazon writes an underscore). */
  readonly languageTag: string;
  /** ISO 4217 code the marketplace sells in. */
  readonly currency: string;
}

/** The listing's price as expressions see it: decimal text, minor units, and a JSON number for number-typed fields. */
export interface ListingPrice {
  readonly currency: string;
  /** Decimal text, e.g. "18.99". */
  readonly amount: string;
  readonly amountMinor: number;
  /** The same amount as a JSON number (Amazon types value_with_tax as a number); made from the text, it prints the same digits. */
  readonly value: number;
}

export interface ListingMappingInput {
  readonly product: Product;
  readonly marketplace: ListingMarketplace;
  readonly price?: ListingPrice;
  readonly rules: ListingMappingRules;
}

export interface AttributeExplanation {
  readonly attribute: string;
  /** `fixed`, `table colours[red]`, `expr: $product.title.\`de-DE\``. */
  readonly source: string;
  /** True when the source gave no value (null, nothing, an empty list): the attribute is left out. */
  readonly omitted?: boolean;
}

export const LISTING_MAPPING_ERROR_CODES = ['no_category', 'unmapped_category', 'unmapped_marketplace', 'evaluation', 'table_key', 'bad_value', 'syntax'] as const;
export type ListingMappingErrorCode = (typeof LISTING_MAPPING_ERROR_CODES)[number];

/** A mapping failure naming the SKU and, for one attribute, the attribute and its expression. */
export class ListingMappingError extends Error {
  override readonly name = 'ListingMappingError';
  constructor(
    readonly code: ListingMappingErrorCode,
    readonly sku: string,
    detail: string,
    readonly attribute?: string,
    readonly expression?: string,
  ) {
    super(`SKU ${sku}${attribute === undefined ? '' : ` attribute ${attribute}`}${expression === undefined ? '' : ` (${expression})`}: ${detail}`);
  }
}

export interface MappedListingAttributes {
  readonly sku: string;
  readonly category: string;
  readonly productType: string;
  readonly requirements: ListingRequirements;
  /** The channel's attributes object (Amazon Listings Items `attributes`: lists of entries; `values` shape: plain values). */
  readonly attributes: Record<string, unknown>;
  readonly explanations: readonly AttributeExplanation[];
  /** Attributes that could not be computed (left out of `attributes`). */
  readonly errors: readonly ListingMappingError[];
}

export type CompiledExpression = { readonly ok: true; readonly expression: jsonata.Expression } | { readonly ok: false; readonly message: string };

// Compiled expressions by their text: compiling is pure, so a shared cache changes no result.
const compiled = new Map<string, CompiledExpression>();

/** Compiles a JSONata expression once; a syntax error reads `JSONata syntax error at 12: …`. */
export function compileExpression(text: string): CompiledExpression {
  let c = compiled.get(text);
  if (c === undefined) {
    try {
      c = { ok: true, expression: jsonata(text) };
    } catch (e) {
      const err = e as { position?: number; message?: string };
      c = { ok: false, message: `JSONata syntax error${err.position === undefined ? '' : ` at ${err.position}`}: ${err.message ?? String(e)}` };
    }
    compiled.set(text, c);
  }
  return c;
}

/** The expressions of an attribute source (one for expr and table, none for fixed). */
export function expressionsOf(source: AttributeSource): string[] {
  if ('expr' in source) return [source.expr];
  if ('table' in source) return [source.key];
  return [];
}

/** Amazon's language tag (de_DE) as a BCP 47 locale (de-DE), the form of Product.title keys. */
export function localeOfLanguageTag(tag: string): string {
  return tag.replace('_', '-');
}

const refuse = (name: string) => () => {
  throw new Error(`$${name}() is not available in listing mappings: they are pure (the same product gives the same listing)`);
};
const PURE_BINDINGS = { now: refuse('now'), millis: refuse('millis'), random: refuse('random') };

/** JSONata's result as plain JSON (its sequences carry extra properties). */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A source's value as the channel's attribute list, or undefined when there is none. */
function toEntries(value: unknown, source: AttributeSource, marketplace: ListingMarketplace): Record<string, unknown>[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return undefined;
  return items.map((item) => {
    const entry: Record<string, unknown> = isRecord(item) ? { ...item } : { value: item };
    if (source.languageTag === true && entry['language_tag'] === undefined) entry['language_tag'] = marketplace.languageTag;
    if (source.marketplaceId !== false && entry['marketplace_id'] === undefined) entry['marketplace_id'] = marketplace.id;
    return entry;
  });
}

function describeKey(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(key) ?? 'nothing';
}

/**
 * The listing attributes of `product` on `marketplace` under the tenant's rules. A product
 * without a category, or of a category the rules do not map, throws ListingMappingError;
 * an attribute that fails is left out and reported in `errors`.
 */
export async function mapListingAttributes(input: ListingMappingInput): Promise<MappedListingAttributes> {
  const { product, marketplace, rules } = input;
  const sku = product.sku;
  if (product.category === undefined) {
    throw new ListingMappingError('no_category', sku, `the product has no category, so no product type (mapped categories: ${Object.keys(rules.productTypes).join(', ') || '(none)'})`);
  }
  const mapping = rules.productTypes[product.category];
  if (mapping === undefined) {
    throw new ListingMappingError('unmapped_category', sku, `category "${product.category}" has no listing mapping (mapped: ${Object.keys(rules.productTypes).join(', ') || '(none)'})`);
  }
  const tables = rules.tables ?? {};
  const document = {
    product,
    marketplace: { id: marketplace.id, country: marketplace.country, language_tag: marketplace.languageTag, locale: localeOfLanguageTag(marketplace.languageTag), currency: marketplace.currency },
    ...(input.price === undefined ? {} : { price: input.price }),
    tables,
  };
  const bindings = { ...document, ...PURE_BINDINGS };

  const attributes: Record<string, unknown> = {};
  const shape = rules.attributeShape ?? 'entries';
  const explanations: AttributeExplanation[] = [];
  const errors: ListingMappingError[] = [];

  const evaluate = async (attribute: string, text: string): Promise<unknown> => {
    const c = compileExpression(text);
    if (!c.ok) throw new ListingMappingError('syntax', sku, c.message, attribute, `expr: ${text}`);
    try {
      return plain(await c.expression.evaluate(document, bindings));
    } catch (e) {
      const err = e as { position?: number; message?: string };
      throw new ListingMappingError('evaluation', sku, `${err.message ?? String(e)}${err.position === undefined ? '' : ` (at ${err.position})`}`, attribute, `expr: ${text}`);
    }
  };

  for (const [attribute, source] of Object.entries(mapping.attributes)) {
    try {
      let value: unknown;
      let described: string;
      if ('fixed' in source) {
        value = source.fixed;
        described = 'fixed';
      } else if ('table' in source) {
        const key = await evaluate(attribute, source.key);
        const table = tables[source.table];
        if (table === undefined) throw new ListingMappingError('table_key', sku, `no table "${source.table}" (tables: ${Object.keys(tables).join(', ') || '(none)'})`, attribute);
        described = `table ${source.table}[${describeKey(key)}]`;
        if (key === undefined || key === null) {
          if (!('default' in source)) throw new ListingMappingError('table_key', sku, `the key expression gave no value and the table has no default`, attribute, `table ${source.table}[${source.key}]`);
          value = source.default;
          described = `table ${source.table}[${source.key}] → default`;
        } else if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
          throw new ListingMappingError('table_key', sku, `the key ${describeKey(key)} is not a text or number`, attribute, `table ${source.table}[${source.key}]`);
        } else if (Object.hasOwn(table, String(key))) {
          value = table[String(key)];
        } else if ('default' in source) {
          value = source.default;
          described = `table ${source.table}[${describeKey(key)}] → default`;
        } else {
          throw new ListingMappingError('table_key', sku, `table ${source.table} has no key "${String(key)}" (keys: ${Object.keys(table).join(', ')})`, attribute, `table ${source.table}[${source.key}]`);
        }
      } else {
        value = await evaluate(attribute, source.expr);
        described = `expr: ${source.expr}`;
      }
      if (typeof value === 'function') throw new ListingMappingError('bad_value', sku, 'the source gave a function, not a value', attribute, described);
      const entries = shape === 'entries' ? toEntries(value, source, marketplace) : value === null || value === undefined ? undefined : value;
      if (entries === undefined) {
        explanations.push({ attribute, source: described, omitted: true });
      } else {
        attributes[attribute] = entries;
        explanations.push({ attribute, source: described });
      }
    } catch (e) {
      if (!(e instanceof ListingMappingError)) throw e;
      errors.push(e);
      explanations.push({ attribute, source: e.expression ?? 'error', omitted: true });
    }
  }
  return { sku, category: product.category, productType: mapping.productType, requirements: mapping.requirements ?? 'LISTING', attributes, explanations, errors };
}
