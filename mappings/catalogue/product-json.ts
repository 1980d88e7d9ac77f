/**
 * A product JSON document → canonical Products. The document is a top-level array of products
 * or `{ "products": [...] }`; each element is a canonical Product (mappings/canonical/product.ts),
 * except that `basePrice` may also be written as decimal text, `{ "amount": "12.90",
 * "currency": "EUR" }`, which goes through parseDecimalMoney. The document is parsed whole by
 * the caller (the CLI refuses files over its JSON size limit); for larger catalogues use CSV,
 * which streams.
 */
import { parseDecimalMoney } from '../canonical/money.js';
import { ProductSchema, type Product } from '../canonical/product.js';
import type { CatalogueRejection, CatalogueRow } from './rows.js';
import { CatalogueFileError } from './rows.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function valueAt(element: unknown, path: readonly PropertyKey[]): string | undefined {
  let v: unknown = element;
  for (const key of path) v = isObject(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** `basePrice: { amount: "12.90", currency }` → Money; anything else is left to the schema. */
function withDecimalPrice(element: Record<string, unknown>, reject: (field: string, value: string | undefined, message: string) => void): Record<string, unknown> {
  const price = element.basePrice;
  if (!isObject(price) || !('amount' in price)) return element;
  const { amount, currency } = price;
  if (typeof amount !== 'string' || typeof currency !== 'string') {
    reject('basePrice', undefined, 'a decimal price is { "amount": "12.90", "currency": "EUR" } with both as text');
    return element;
  }
  const money = parseDecimalMoney(amount, currency);
  if (!money.ok) {
    reject('basePrice.amount', amount, money.message);
    return element;
  }
  return { ...element, basePrice: money.money };
}

/** Each element of a product JSON document as a Product or its rejections; a repeated SKU is rejected (the first stands). */
export function readProductJson(doc: unknown, file: string): CatalogueRow<Product>[] {
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.products) ? doc.products : undefined;
  if (list === undefined) throw new CatalogueFileError(file, ['must be a JSON array of products or an object { "products": [...] }']);
  const prefix = Array.isArray(doc) ? '' : 'products';
  const seen = new Map<string, string>();
  return list.map((element: unknown, index: number): CatalogueRow<Product> => {
    const where = `${prefix}[${index}]`;
    const rejections: CatalogueRejection[] = [];
    const reject = (column: string | undefined, value: string | undefined, message: string) =>
      rejections.push({ file, where, ...(column === undefined ? {} : { column }), ...(value === undefined ? {} : { value }), message });
    if (!isObject(element)) {
      reject(undefined, undefined, 'must be a product object');
      return { ok: false, where, rejections };
    }
    const draft = withDecimalPrice(element, reject);
    const parsed = ProductSchema.safeParse(draft);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.') || undefined;
        // A field already rejected (a decimal price that did not parse) is not reported twice.
        if (field !== undefined && rejections.some((r) => r.column !== undefined && (field === r.column || field.startsWith(`${r.column}.`)))) continue;
        reject(field, valueAt(draft, issue.path), issue.message);
      }
    }
    if (rejections.length > 0 || !parsed.success) return { ok: false, where, rejections };
    const earlier = seen.get(parsed.data.sku);
    if (earlier !== undefined) {
      reject('sku', parsed.data.sku, `sku ${parsed.data.sku} is already at ${earlier}; a file states it once`);
      return { ok: false, where, rejections };
    }
    seen.set(parsed.data.sku, where);
    return { ok: true, where, record: parsed.data };
  });
}
