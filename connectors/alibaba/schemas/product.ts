/**
 * Alibaba.com seller product replies (`/alibaba/icbu/product/list`, `/alibaba/icbu/product/get`):
 * no official reply sample exists (../shared/vendor/alibaba/SOURCE.md), so the fields follow the
 * legacy ICBU models the Open Platform paths carry over (alibaba.icbu.product.list →
 * AlibabaProductBriefResponse, alibaba.icbu.product.get → AlibabaProductResponse, as published
 * TOP SDK models describe them). Lenient like the rest of the family: ids as text or number
 * (big ones exact, the reply is parsed losslessly), lists with or without their wrapper
 * (`skus.sku_definition[]`), prices as decimal text.
 */
import { z } from 'zod';
import { optionalIdLike, optionalList as topList, optionalText } from './order.js';

/** A decimal amount as text (numbers are read as their text; a float never goes further). */
const optionalDecimalText = z.preprocess((v) => (v === null || v === '' ? undefined : typeof v === 'number' ? String(v) : v), z.string().optional()).optional();

/** A product of a list page (the brief): `id` is the plain id, `product_id` the obfuscated one. */
export const AlibabaProductBriefSchema = z.looseObject({
  id: optionalIdLike,
  product_id: optionalIdLike,
  subject: optionalText,
  status: optionalText,
  display: optionalText,
  category_id: optionalIdLike,
  gmt_modified: optionalText,
  language: optionalText,
});
export type AlibabaProductBrief = z.infer<typeof AlibabaProductBriefSchema>;

/** A list page: the paging numbers and the products (`products.alibaba_product_brief_response[]` or flat). */
export const AlibabaProductPageSchema = z.looseObject({
  total_item: optionalIdLike,
  current_page: optionalIdLike,
  page_size: optionalIdLike,
  products: topList(AlibabaProductBriefSchema),
});

export const AlibabaSkuSchema = z.looseObject({
  sku_id: optionalIdLike,
  sku_code: optionalText,
  /** Quantity-tiered prices of the SKU (in the product's price currency). */
  bulk_discount_prices: topList(z.looseObject({ start_quantity: optionalIdLike, price: optionalDecimalText })),
  /** Stock of the SKU per warehouse, where the reply carries it. */
  inventory_dto_list: topList(z.looseObject({ inventory: optionalIdLike, warehouse: optionalText })),
  inventory: optionalIdLike,
});
export type AlibabaSku = z.infer<typeof AlibabaSkuSchema>;

export const AlibabaProductSchema = z.looseObject({
  product_id: optionalIdLike,
  id: optionalIdLike,
  subject: optionalText,
  description: optionalText,
  category_id: optionalIdLike,
  /** sketch (draft), approved, tbd (refused), new / modified (under review). */
  status: optionalText,
  /** `Y` when on display (for sale). */
  display: optionalText,
  language: optionalText,
  gmt_create: optionalText,
  gmt_modified: optionalText,
  keywords: topList(z.string()),
  main_image: z.looseObject({ images: topList(z.string()) }).nullish(),
  /** Online wholesale terms: `price` in US dollars per the model. */
  wholesale_trade: z.looseObject({ price: optionalDecimalText, unit_type: optionalText, min_order_quantity: optionalIdLike }).nullish(),
  /** Inquiry (sourcing) terms: an FOB price range in `fob_currency`. */
  sourcing_trade: z.looseObject({ fob_currency: optionalText, fob_min_price: optionalDecimalText, fob_max_price: optionalDecimalText }).nullish(),
  product_sku: z.looseObject({ skus: topList(AlibabaSkuSchema) }).nullish(),
  /** The product's own code where it has one SKU (Caravan's documents carry it; see the listing adapter). */
  sku_code: optionalText,
  pc_detail_url: optionalText,
});
export type AlibabaProduct = z.infer<typeof AlibabaProductSchema>;

/** The product's id as the write APIs take it: the obfuscated `product_id`, else the plain `id`. */
export function alibabaProductIdOf(p: { product_id?: string | undefined; id?: string | undefined }): string | undefined {
  return p.product_id ?? p.id;
}

/** Every SKU code a product carries: its SKU list's, else its own. */
export function alibabaSkuCodesOf(p: AlibabaProduct): string[] {
  const codes = (p.product_sku?.skus ?? []).map((s) => s.sku_code).filter((c): c is string => c !== undefined && c.trim() !== '');
  if (codes.length === 0 && p.sku_code !== undefined && p.sku_code.trim() !== '') codes.push(p.sku_code);
  return codes;
}

/** The id of a written product (`product_id`, or the plain id), as the add API answers it. */
export const AlibabaWrittenProductSchema = z.looseObject({ product_id: optionalIdLike, id: optionalIdLike });
