/**
 * The seller's ICBU products: one product per demo catalogue SKU (config/demo-catalogue/products.csv
 * when its path is given, else the embedded copy of its SKU columns below), each with one SKU.
 * Product ids are text (ICBU style, "1601…"), SKU ids integers above 2^53 (written as bare JSON
 * numbers). Stock and modification times come from the seeded generator.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CATEGORIES, categoryById, schemaProblem, type CategoryInfo } from './category-schemas.js';
import { chinaDateTime } from './platform-time.js';
import { bare, type JsonTextValue } from './json-text.js';
import type { SeededRandom } from './seeded-random.js';

export interface CatalogueRow {
  readonly sku: string;
  readonly category: string;
  readonly brand: string;
  readonly title: string;
  readonly colour: string;
  readonly size: string;
  readonly material: string;
  /** Decimal text; the sandbox sells in USD at the catalogue's base price figure. */
  readonly price: string;
}

const BRANDS: Readonly<Record<string, string>> = { tshirt: 'Nordwind', handbag: 'Atelier Elbe', mug: 'Porzellan Nord' };
// sku, category, title (en-GB), colour, size, material, base price: the demo catalogue's columns.
const EMBEDDED: readonly (readonly [string, string, string, string, string, string, string])[] = [
  ['TS-BLA-S', 'tshirt', 'Organic cotton T-shirt, Black, size S', 'black', 'S', 'cotton', '24.90'],
  ['TS-BLA-M', 'tshirt', 'Organic cotton T-shirt, Black, size M', 'black', 'M', 'cotton', '24.90'],
  ['TS-BLA-L', 'tshirt', 'Organic cotton T-shirt, Black, size L', 'black', 'L', 'cotton', '24.90'],
  ['TS-WHI-S', 'tshirt', 'Organic cotton T-shirt, White, size S', 'white', 'S', 'cotton', '24.90'],
  ['TS-WHI-M', 'tshirt', 'Organic cotton T-shirt, White, size M', 'white', 'M', 'cotton', '24.90'],
  ['TS-WHI-L', 'tshirt', 'Organic cotton T-shirt, White, size L', 'white', 'L', 'cotton', '24.90'],
  ['TS-NAV-S', 'tshirt', 'Organic cotton T-shirt, Navy, size S', 'navy', 'S', 'cotton', '24.90'],
  ['TS-NAV-M', 'tshirt', 'Organic cotton T-shirt, Navy, size M', 'navy', 'M', 'cotton', '24.90'],
  ['TS-NAV-L', 'tshirt', 'Organic cotton T-shirt, Navy, size L', 'navy', 'L', 'cotton', '24.90'],
  ['TS-OLI-S', 'tshirt', 'Organic cotton T-shirt, Olive, size S', 'olive', 'S', 'cotton', '24.90'],
  ['TS-OLI-M', 'tshirt', 'Organic cotton T-shirt, Olive, size M', 'olive', 'M', 'cotton', '24.90'],
  ['TS-OLI-L', 'tshirt', 'Organic cotton T-shirt, Olive, size L', 'olive', 'L', 'cotton', '24.90'],
  ['HB-TOTE-COG', 'handbag', 'Leather tote bag, Cognac', 'cognac', '', 'leather', '149.00'],
  ['HB-TOTE-BLA', 'handbag', 'Leather tote bag, Black', 'black', '', 'leather', '149.00'],
  ['HB-TOTE-BOR', 'handbag', 'Leather tote bag, Burgundy', 'bordeaux', '', 'leather', '149.00'],
  ['HB-CROSS-COG', 'handbag', 'Crossbody bag, Cognac', 'cognac', '', 'leather', '119.00'],
  ['HB-CROSS-BLA', 'handbag', 'Crossbody bag, Black', 'black', '', 'leather', '119.00'],
  ['HB-CROSS-BOR', 'handbag', 'Crossbody bag, Burgundy', 'bordeaux', '', 'leather', '119.00'],
  ['HB-CLUTCH-COG', 'handbag', 'Evening clutch, Cognac', 'cognac', '', 'leather', '79.50'],
  ['HB-CLUTCH-BLA', 'handbag', 'Evening clutch, Black', 'black', '', 'leather', '79.50'],
  ['HB-CLUTCH-BOR', 'handbag', 'Evening clutch, Burgundy', 'bordeaux', '', 'leather', '79.50'],
  ['MUG-WHI-250', 'mug', 'Porcelain mug, White, 250 ml', 'white', '250 ml', 'porcelain', '12.90'],
  ['MUG-WHI-350', 'mug', 'Porcelain mug, White, 350 ml', 'white', '350 ml', 'porcelain', '14.90'],
  ['MUG-SAG-250', 'mug', 'Porcelain mug, Sage green, 250 ml', 'sage', '250 ml', 'porcelain', '12.90'],
  ['MUG-SAG-350', 'mug', 'Porcelain mug, Sage green, 350 ml', 'sage', '350 ml', 'porcelain', '14.90'],
  ['MUG-SAN-250', 'mug', 'Porcelain mug, Sand, 250 ml', 'sand', '250 ml', 'porcelain', '12.90'],
  ['MUG-SAN-350', 'mug', 'Porcelain mug, Sand, 350 ml', 'sand', '350 ml', 'porcelain', '14.90'],
  ['MUG-WHI-450', 'mug', 'Porcelain mug, White, 450 ml', 'white', '450 ml', 'porcelain', '16.90'],
  ['MUG-SAG-450', 'mug', 'Porcelain mug, Sage green, 450 ml', 'sage', '450 ml', 'porcelain', '16.90'],
  ['MUG-SAN-450', 'mug', 'Porcelain mug, Sand, 450 ml', 'sand', '450 ml', 'porcelain', '16.90'],
];

export const EMBEDDED_CATALOGUE: readonly CatalogueRow[] = EMBEDDED.map(([sku, category, title, colour, size, material, price]) => ({
  sku,
  category,
  brand: BRANDS[category] ?? '',
  title,
  colour,
  size,
  material,
  price,
}));

/** The SKU rows of a demo catalogue CSV (columns sku, category, brand, title.en-GB, attr.*, base_price). */
export function readCatalogueCsv(path: string): CatalogueRow[] {
  const rows = parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Record<string, string | undefined>[];
  return rows.map((r, i) => {
    const sku = r.sku?.trim();
    const price = r.base_price?.trim();
    if (!sku || !price || !/^\d+(\.\d+)?$/.test(price)) throw new Error(`${path} row ${i + 2}: sku and a decimal base_price are required`);
    return {
      sku,
      category: r.category?.trim() ?? '',
      brand: r.brand?.trim() ?? '',
      title: r['title.en-GB']?.trim() || sku,
      colour: r['attr.colour']?.trim() ?? '',
      size: r['attr.size']?.trim() ?? '',
      material: r['attr.material']?.trim() ?? '',
      price,
    };
  });
}

export interface StoredSku {
  /** Decimal digits, above 2^53. */
  readonly skuId: string;
  readonly skuCode: string;
  inventory: number;
  price: string;
}

export interface StoredProduct {
  readonly productId: string;
  readonly categoryId: string;
  /** The product document as last added or updated (category schema fields). */
  document: Record<string, unknown>;
  skus: StoredSku[];
  readonly createdMs: number;
  modifiedMs: number;
}

/** A business failure inside an HTTP 200 reply (`result.success=false`). */
export interface BusinessFailure {
  readonly error_code: string;
  readonly error_message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: BusinessFailure };
const failed = (error_code: string, error_message: string): { ok: false; failure: BusinessFailure } => ({ ok: false, failure: { error_code, error_message } });

function documentOf(row: CatalogueRow, category: CategoryInfo, inventory: number): Record<string, unknown> {
  const doc: Record<string, unknown> = { subject: row.title, sku_code: row.sku, price: row.price, currency: 'USD', inventory, unit: 'Pieces', min_order_quantity: 1 };
  if (row.brand) doc.brand = row.brand;
  if (row.colour) doc.color = row.colour;
  if (row.material) doc.material = row.material;
  if (row.size && category.schema.properties.size) doc.size = row.size;
  return doc;
}

export class Catalogue {
  private readonly products = new Map<string, StoredProduct>();

  constructor(
    rows: readonly CatalogueRow[],
    private readonly rng: SeededRandom,
    nowMs: number,
  ) {
    for (const row of rows) {
      const category = CATEGORIES.find((c) => c.catalogueCategory === row.category) ?? (CATEGORIES[0] as CategoryInfo);
      // A few SKUs start sold out, so that stock pushes have something to restore.
      const inventory = rng.fraction() < 0.1 ? 0 : rng.between(5, 240);
      const modifiedMs = nowMs - rng.between(3_600, 60 * 86_400) * 1000;
      this.insert(category.id, documentOf(row, category, inventory), modifiedMs);
    }
  }

  get size(): number {
    return this.products.size;
  }

  get(productId: string): StoredProduct | undefined {
    return this.products.get(productId);
  }

  /** Newest modification first, as alibaba.icbu.product.list answers. */
  list(): StoredProduct[] {
    return [...this.products.values()].sort((a, b) => b.modifiedMs - a.modifiedMs || (a.productId < b.productId ? -1 : 1));
  }

  findSku(skuCode: string): { product: StoredProduct; sku: StoredSku } | undefined {
    for (const product of this.products.values()) {
      const sku = product.skus.find((s) => s.skuCode === skuCode);
      if (sku) return { product, sku };
    }
    return undefined;
  }

  add(categoryId: string, doc: Record<string, unknown>, nowMs: number): Outcome<StoredProduct> {
    const problem = this.check(categoryId, doc);
    if (problem) return problem;
    const taken = this.findSku(doc.sku_code as string);
    if (taken) return failed('DUPLICATE_SKU_CODE', `sku_code "${doc.sku_code as string}" is already used by product ${taken.product.productId}`);
    return { ok: true, value: this.insert(categoryId, doc, nowMs) };
  }

  update(productId: string, doc: Record<string, unknown>, nowMs: number): Outcome<StoredProduct> {
    const product = this.products.get(productId);
    if (!product) return failed('130106', `product ${productId} does not exist or is offline`);
    const problem = this.check(product.categoryId, doc);
    if (problem) return problem;
    const taken = this.findSku(doc.sku_code as string);
    if (taken && taken.product !== product) return failed('DUPLICATE_SKU_CODE', `sku_code "${doc.sku_code as string}" is already used by product ${taken.product.productId}`);
    const old = product.skus[0];
    const inventory = typeof doc.inventory === 'number' ? doc.inventory : (old?.inventory ?? 0);
    product.document = { ...doc, inventory };
    product.skus = [{ skuId: old?.skuId ?? this.newSkuId(), skuCode: doc.sku_code as string, inventory, price: doc.price as string }];
    product.modifiedMs = nowMs;
    return { ok: true, value: product };
  }

  /** Sets stock per SKU; unknown sku codes fail on their own, the others are applied. */
  updateInventory(productId: string, entries: readonly { sku_code: string; inventory: number }[], nowMs: number): Outcome<{ sku_code: string; success: boolean; error_code?: string; error_message?: string }[]> {
    const product = this.products.get(productId);
    if (!product) return failed('130106', `product ${productId} does not exist or is offline`);
    const results = entries.map((e) => {
      const sku = product.skus.find((s) => s.skuCode === e.sku_code);
      if (!sku) return { sku_code: e.sku_code, success: false, error_code: '10005', error_message: `sku_code "${e.sku_code}" is not a SKU of product ${productId}` };
      sku.inventory = e.inventory;
      product.document = { ...product.document, inventory: e.inventory };
      return { sku_code: e.sku_code, success: true };
    });
    if (results.some((r) => r.success)) product.modifiedMs = nowMs;
    return { ok: true, value: results };
  }

  private check(categoryId: string, doc: Record<string, unknown>): { ok: false; failure: BusinessFailure } | undefined {
    const category = categoryById(categoryId);
    if (!category) return failed('CATEGORY_NOT_FOUND', `category ${categoryId} does not exist or is not a leaf category`);
    const problem = schemaProblem(doc, category.schema);
    return problem === undefined ? undefined : failed('PRODUCT_SCHEMA_INVALID', problem);
  }

  private newSkuId(): string {
    // 18 digits from 1061…: above Number.MAX_SAFE_INTEGER (16 digits), as ICBU SKU ids can be.
    return `1061${this.rng.digits(14)}`;
  }

  private insert(categoryId: string, doc: Record<string, unknown>, nowMs: number): StoredProduct {
    let productId: string;
    do productId = `1601${this.rng.digits(9)}`;
    while (this.products.has(productId));
    const inventory = typeof doc.inventory === 'number' ? doc.inventory : 0;
    const product: StoredProduct = {
      productId,
      categoryId,
      document: { ...doc, inventory },
      skus: [{ skuId: this.newSkuId(), skuCode: doc.sku_code as string, inventory, price: doc.price as string }],
      createdMs: nowMs,
      modifiedMs: nowMs,
    };
    this.products.set(productId, product);
    return product;
  }
}

/** The legacy ICBU product brief (alibaba_product_brief_response fields) of /alibaba/icbu/product/list. */
export function productBrief(p: StoredProduct): JsonTextValue {
  return {
    product_id: p.productId,
    subject: p.document.subject as string,
    category_id: p.categoryId,
    status: 'approved',
    display: 'Y',
    product_type: 'wholesale',
    language: 'ENGLISH',
    gmt_modified: chinaDateTime(p.modifiedMs),
  };
}

/** One product with its SKUs (ids as bare numbers) for /alibaba/icbu/product/get. */
export function productDetail(p: StoredProduct): JsonTextValue {
  const { subject, ...attributes } = p.document;
  return {
    ...(productBrief(p) as Record<string, JsonTextValue>),
    subject: subject as string,
    gmt_create: chinaDateTime(p.createdMs),
    attributes: attributes as Record<string, JsonTextValue>,
    // The SKU list under product_sku, as the ICBU product models (alibaba.icbu.product.get) nest it.
    product_sku: { skus: p.skus.map((s) => ({ sku_id: bare(s.skuId), sku_code: s.skuCode, inventory: s.inventory, price: { amount: s.price, currency: 'USD' } })) },
  };
}
