/**
 * The seller's products and what changes them — a product posted or fully updated from its
 * category's document, SKU stock and SKU prices — shared by the direct APIs
 * (products-api.ts) and the feed jobs (feeds-api.ts). Each change answers an outcome: the
 * product id, or a refusal with a code and a message naming the field.
 */
import { categoryById, firstViolation, productSchema } from './categories.js';
import { idText, parseJsonKeepingIds } from './json-text.js';
import type { Random } from './prng.js';
import { freshId } from './seed.js';
import { centsText, textCents, type SandboxProduct, type SandboxSku } from './state.js';
import { isRecord } from './api-types.js';

export type Outcome = { readonly ok: true; readonly productId: string } | { readonly ok: false; readonly productId?: string; readonly code: string; readonly message: string };

const MAX_INVENTORY = 999_999;
const refuse = (code: string, message: string, productId?: string): Outcome => ({ ok: false, code, message, ...(productId === undefined ? {} : { productId }) });

export class ProductCatalogue {
  readonly products = new Map<string, SandboxProduct>();

  constructor(
    seeded: readonly SandboxProduct[],
    private readonly rng: Random,
    private readonly ids: Set<string>,
  ) {
    for (const p of seeded) this.products.set(p.id, p);
  }

  /** The product and SKU holding a seller SKU code. */
  bySku(code: string): { product: SandboxProduct; sku: SandboxSku } | undefined {
    for (const product of this.products.values()) {
      const sku = product.skus.find((s) => s.code === code);
      if (sku) return { product, sku };
    }
    return undefined;
  }

  /** A document given as JSON text or already parsed. */
  private parse(doc: unknown, what: string): { doc: Record<string, unknown> } | Outcome {
    let value = doc;
    if (typeof doc === 'string') {
      try {
        value = parseJsonKeepingIds(doc);
      } catch {
        return refuse('PARAM_INVALID', `${what} is not valid JSON`);
      }
    }
    return isRecord(value) ? { doc: value } : refuse('PARAM_INVALID', `${what} must be a JSON object`);
  }

  /** The document checked against its category's schema, with its SKUs; or the refusal. */
  private check(doc: Record<string, unknown>, ownId?: string): { skus: SandboxSku[]; categoryId: number } | Outcome {
    const category = categoryById(String(doc.category_id ?? ''));
    if (category === undefined) return refuse('CATEGORY_INVALID', `category_id ${JSON.stringify(doc.category_id ?? null)} is not a leaf category this seller can post in`, ownId);
    const violation = firstViolation(productSchema(category), doc);
    if (violation !== undefined) return refuse('SCHEMA_VALIDATION_FAILED', `the product does not match the schema of category ${category.id}: ${violation}`, ownId);
    const list = doc.sku_info_list as Record<string, unknown>[];
    const codes = list.map((s) => String(s.sku_code));
    const duplicate = codes.find((c, i) => codes.indexOf(c) !== i || (this.bySku(c) !== undefined && this.bySku(c)!.product.id !== ownId));
    if (duplicate !== undefined) return refuse('F00-00-10007-007', `duplicate sku_code, please check your input (${duplicate})`, ownId);
    const previous = ownId === undefined ? undefined : this.products.get(ownId);
    const skus = list.map((s, i) => ({
      code: codes[i]!,
      price: centsText(textCents(String(s.price)) ?? 0),
      inventory: Math.min(Number(s.inventory), MAX_INVENTORY),
      skuId: previous?.skus.find((x) => x.code === codes[i])?.skuId ?? `14:${this.rng.between(100, 999)}#${codes[i]!}`,
    }));
    return { skus, categoryId: category.id };
  }

  private titleOf(doc: Record<string, unknown>): string {
    const titles = doc.title_multi_language_list as { locale: string; title: string }[];
    return (titles.find((t) => t.locale === doc.locale) ?? titles[0]!).title;
  }

  create(document: unknown, nowMs: number): Outcome {
    const parsed = this.parse(document, 'product_instance_request');
    if (!('doc' in parsed)) return parsed;
    const { doc } = parsed;
    const checked = this.check(doc);
    if ('ok' in checked) return checked;
    const id = freshId(this.rng, '10050064', 9, this.ids);
    this.products.set(id, {
      id,
      categoryId: checked.categoryId,
      subject: this.titleOf(doc),
      status: 'onSelling',
      createdMs: nowMs,
      modifiedMs: nowMs,
      imageUrls: (doc.image_url_list as string[]).slice(),
      skus: checked.skus,
      document: doc,
    });
    return { ok: true, productId: id };
  }

  fullUpdate(document: unknown, nowMs: number): Outcome {
    const parsed = this.parse(document, 'schema_full_update_request');
    if (!('doc' in parsed)) return parsed;
    const { doc } = parsed;
    const id = idText(doc.product_id);
    if (id === undefined) return refuse('PARAM_INVALID', 'product_id: is required');
    const product = this.products.get(id);
    if (product === undefined) return refuse('PRODUCT_NOT_FOUND', `product ${id} does not exist or does not belong to this seller`, id);
    const { product_id: _ignored, ...rest } = doc;
    const checked = this.check(rest, id);
    if ('ok' in checked) return checked;
    Object.assign(product, { categoryId: checked.categoryId, subject: this.titleOf(rest), modifiedMs: nowMs, imageUrls: (rest.image_url_list as string[]).slice(), skus: checked.skus, document: rest });
    return { ok: true, productId: id };
  }

  /** `[{ sku_code, inventory }]` or `[{ sku_code, price, discount_price? }]` for one product: all or nothing. */
  updateSkus(productIdRaw: unknown, list: unknown, field: 'inventory' | 'price', nowMs: number): Outcome {
    const id = idText(productIdRaw);
    if (id === undefined) return refuse('PARAM_INVALID', 'product_id: is required');
    const product = this.products.get(id);
    if (product === undefined) return refuse('PRODUCT_NOT_FOUND', `product ${id} does not exist or does not belong to this seller`, id);
    if (!Array.isArray(list) || list.length === 0) return refuse('PARAM_INVALID', 'multiple_sku_update_list: needs at least one SKU', id);
    const changes: [SandboxSku, string | number][] = [];
    for (const [i, entry] of list.entries()) {
      const code = isRecord(entry) ? entry.sku_code : undefined;
      const sku = product.skus.find((s) => s.code === String(code));
      if (sku === undefined) return refuse('SKU_NOT_FOUND', `multiple_sku_update_list[${i}].sku_code ${JSON.stringify(code ?? null)} is not a SKU of product ${id}`, id);
      const raw = (entry as Record<string, unknown>)[field];
      if (field === 'inventory') {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > MAX_INVENTORY) return refuse('INVENTORY_INVALID', `multiple_sku_update_list[${i}].inventory must be an integer from 0 to ${MAX_INVENTORY}, got ${JSON.stringify(raw ?? null)}`, id);
        changes.push([sku, n]);
      } else {
        const cents = textCents(String(raw ?? ''));
        if (cents === undefined || cents === 0) return refuse('PRICE_INVALID', `multiple_sku_update_list[${i}].price must be a positive decimal with at most two decimals, got ${JSON.stringify(raw ?? null)}`, id);
        changes.push([sku, centsText(cents)]);
      }
    }
    for (const [sku, value] of changes) {
      if (field === 'inventory') sku.inventory = value as number;
      else sku.price = value as string;
    }
    product.modifiedMs = nowMs;
    return { ok: true, productId: id };
  }
}
