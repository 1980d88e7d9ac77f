/**
 * Validation of listing attributes against an Amazon product type's JSON Schema (Product
 * Type Definitions API, getDefinitionsProductType → `schema` link). The schemas use Amazon's
 * meta-schema: JSON Schema draft 2019-09 plus a vocabulary of its own. Of that vocabulary,
 * maxUtf8ByteLength, minUtf8ByteLength, maxUniqueItems and minUniqueItems validate (unique
 * by the array's `selectors`); editable, hidden, enumNames and selectors are annotations.
 * Findings come back as canonical ListingIssues. Compiled schemas are kept per (product type,
 * version, marketplace, locale) key; nothing is stored.
 */
import type { SchemaValidateFunction } from 'ajv';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import formatsModule from 'ajv-formats';
import type { ListingIssue } from '../../mappings/canonical/listing.js';

/** Amazon's meta-schema id (an identifier, not an address). */
export const AMAZON_PRODUCT_TYPE_META_SCHEMA = 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1';

/** Keywords of Amazon's vocabulary that only annotate. */
const ANNOTATIONS = ['editable', 'hidden', 'enumNames', 'selectors'] as const;

/** UTF-8 length of a string (a lone surrogate counts 3, as its U+FFFD replacement). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Items counted once per distinct combination of their selector values (the whole item when there are none). */
function uniqueCount(items: readonly unknown[], selectors: unknown): number {
  const names = Array.isArray(selectors) ? selectors.filter((s): s is string => typeof s === 'string') : [];
  const keys = new Set<string>();
  for (const item of items) {
    const picked =
      names.length > 0 && typeof item === 'object' && item !== null ? names.map((n) => (item as Record<string, unknown>)[n] ?? null) : item;
    keys.add(canonicalJson(picked));
  }
  return keys.size;
}

/** JSON with object keys sorted, so equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function createAjv(): Ajv2019 {
  // Amazon's schemas are not written for ajv's strict mode (type beside anyOf, enum on a typed
  // value); their own meta-schema is not published as a resolvable document.
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateSchema: false, logger: false });
  formatsModule.default(ajv);
  for (const keyword of ANNOTATIONS) ajv.addKeyword({ keyword });
  /** A keyword that checks `measure(data)` against the schema's number with `ok`. */
  const limitKeyword = (keyword: string, type: 'string' | 'array', describe: string, measure: (data: never, parentSchema?: Record<string, unknown>) => number, ok: (n: number, limit: number) => boolean) => {
    const validate: SchemaValidateFunction = (limit: number, data, parentSchema) => {
      // ajv calls it only for data of `type`.
      const n = measure(data as never, parentSchema);
      validate.errors = ok(n, limit) ? [] : [{ keyword, message: describe.replace('{limit}', String(limit)).replace('{n}', String(n)), params: { limit, actual: n } }];
      return ok(n, limit);
    };
    ajv.addKeyword({ keyword, type, schemaType: 'number', errors: true, validate });
  };
  limitKeyword('maxUtf8ByteLength', 'string', 'must be at most {limit} bytes in UTF-8 (is {n})', (s: string) => utf8ByteLength(s), (n, l) => n <= l);
  limitKeyword('minUtf8ByteLength', 'string', 'must be at least {limit} bytes in UTF-8 (is {n})', (s: string) => utf8ByteLength(s), (n, l) => n >= l);
  const unique = (items: unknown[], parentSchema?: Record<string, unknown>) => uniqueCount(items, parentSchema?.['selectors']);
  limitKeyword('maxUniqueItems', 'array', 'must have at most {limit} unique item(s) by its selectors (has {n})', unique, (n, l) => n <= l);
  limitKeyword('minUniqueItems', 'array', 'must have at least {limit} unique item(s) by its selectors (has {n})', unique, (n, l) => n >= l);
  return ajv;
}

/** `/item_name/0/value` → `item_name[0].value`. */
function readablePath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`), '');
}

function toIssue(e: ErrorObject): ListingIssue {
  const missing = e.keyword === 'required' ? String((e.params as { missingProperty?: unknown }).missingProperty) : undefined;
  const path = readablePath(e.instancePath);
  const attribute = path === '' ? missing : path.split(/[.[]/)[0];
  const where = path === '' ? (missing ?? 'attributes') : missing === undefined ? path : `${path}.${missing}`;
  let message = missing !== undefined ? `${where} is required` : `${where} ${e.message ?? 'is not valid'}`;
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    message += `: ${allowed.slice(0, 12).map((v) => JSON.stringify(v)).join(', ')}${allowed.length > 12 ? ` … (${allowed.length} values)` : ''}`;
  }
  return {
    code: e.keyword,
    message,
    severity: 'error',
    ...(attribute === undefined ? {} : { attributeNames: [attribute] }),
    categories: [missing !== undefined && path === '' ? 'MISSING_ATTRIBUTE' : 'INVALID_ATTRIBUTE'],
  };
}

/** What a compiled schema is cached by: the same product type differs per marketplace, locale and version. */
export interface ProductTypeSchemaKey {
  readonly productType: string;
  readonly marketplaceId?: string;
  readonly locale?: string;
  /** Amazon's productTypeVersion.version (or LATEST). */
  readonly version?: string;
}

export interface ProductTypeValidator {
  /** The findings on `attributes` (empty when they satisfy the schema). */
  validate(schema: object, attributes: Readonly<Record<string, unknown>>, key?: ProductTypeSchemaKey): ListingIssue[];
}

export function createProductTypeValidator(): ProductTypeValidator {
  const ajv = createAjv();
  const byKey = new Map<string, ValidateFunction>();
  const bySchema = new WeakMap<object, ValidateFunction>();
  const compile = (schema: object): ValidateFunction => {
    // Each marketplace's copy carries the same $id; refs are local (#/$defs/…), so the ids are left out.
    const { $id: _id, $schema: _meta, ...rest } = schema as Record<string, unknown>;
    return ajv.compile(rest);
  };
  return {
    validate(schema, attributes, key) {
      let fn: ValidateFunction | undefined;
      const k = key === undefined ? undefined : [key.productType, key.version ?? 'LATEST', key.marketplaceId ?? '', key.locale ?? ''].join('\u0000');
      fn = k === undefined ? bySchema.get(schema) : byKey.get(k);
      if (fn === undefined) {
        fn = compile(schema);
        if (k === undefined) bySchema.set(schema, fn);
        else byKey.set(k, fn);
      }
      if (fn(attributes)) return [];
      // An `if` that failed its `then` is reported by the `then` keyword's own error.
      return (fn.errors ?? []).filter((e) => e.keyword !== 'if').map(toIssue);
    },
  };
}
