/**
 * AliExpress products → canonical Listings, one per SKU (a listing is one SKU on one
 * marketplace; AliExpress is the one marketplace ALIEXPRESS). Read from product.info.get and
 * postproduct.redefining.findaeproductbyidfordropshipper (`result` with its SKU list), and from a
 * product.list.get item when it carries its SKUs (the list's own model has none: such an item is
 * refused with the reason).
 *
 * Price: the SKU's `sku_price` in the currency the SKU (else the product) states, minor units from
 * the decimal text; a currency that is not one code (list items write "USD;RUB") keeps the amount
 * as `unpricedAmount`. Stock: `ipm_sku_stock`, else `s_k_u_available_stock`. Status:
 * `product_status_type` (onSelling active; offline and auditing inactive; editingRequired
 * incomplete), the raw status kept. Times: US Pacific wall-clock text like the order APIs ("0" and
 * blanks are absent). Text in any script is kept as sent; its locale is the context's, else
 * guessed from the script (Han zh, kana ja, Hangul ko, Cyrillic ru, else en). Pure.
 */
import type { AliexpressDsProduct, AliexpressProduct, AliexpressProductSku } from '../../connectors/aliexpress/schemas/catalog.js';
import { ListingSchema, type Listing, type ListingStatus } from '../canonical/listing.js';
import { parseDecimalMoney, type Money } from '../canonical/money.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import { ALIEXPRESS_ORDER_TIME_ZONE, compact, Issues, platformTimeToUtc, readQuantity } from './readers.js';

export const ALIEXPRESS_PRODUCT_RECORD_TYPE = 'aliexpress.product';
export const ALIEXPRESS_MARKETPLACE = { id: 'ALIEXPRESS', country: 'CN', currency: 'USD' } as const;

export const ALIEXPRESS_PRODUCT_STATUSES: Readonly<Record<string, ListingStatus>> = {
  onSelling: 'active',
  offline: 'inactive',
  auditing: 'inactive',
  editingRequired: 'incomplete',
};

export interface AliexpressListingContext {
  readonly channel: string;
  /** The locale of the product's text (BCP 47); guessed from the script when absent. */
  readonly locale?: string;
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/** The locale of a text by its script: a guess for records that do not state one. */
export function localeOfText(text: string): string {
  if (/[\u3040-\u30ff]/u.test(text)) return 'ja';
  if (/[\uac00-\ud7af]/u.test(text)) return 'ko';
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  if (/\p{Script=Cyrillic}/u.test(text)) return 'ru';
  return 'en';
}

function platformTime(raw: string | undefined, field: string, issues: Issues): string | undefined {
  if (!present(raw) || raw.trim() === '0') return undefined;
  const r = platformTimeToUtc(raw, ALIEXPRESS_ORDER_TIME_ZONE);
  if (!r.ok) issues.add(field, r.message, raw);
  return r.ok ? r.value : undefined;
}

function skuPrice(sku: AliexpressProductSku, product: AliexpressProduct, field: string, issues: Issues): { price?: Money; unpricedAmount?: string } {
  const amount = sku.sku_price ?? sku.offer_sale_price;
  if (!present(amount)) return {};
  const currency = (sku.currency_code ?? product.currency_code)?.trim().toUpperCase();
  if (currency === undefined || currency === '' || !/^[A-Z]{3}$/.test(currency)) return /^\d+(\.\d+)?$/.test(amount.trim()) ? { unpricedAmount: amount.trim() } : {};
  const r = parseDecimalMoney(amount.trim(), currency);
  if (!r.ok) {
    issues.add(`${field}.sku_price`, r.message, amount);
    return {};
  }
  return { price: r.money };
}

function decimalText(raw: string | undefined): string | undefined {
  return present(raw) && /^\d+(\.\d+)?$/.test(raw.trim()) ? raw.trim() : undefined;
}

function listingOfSku(product: AliexpressProduct, sku: AliexpressProductSku, i: number, ctx: AliexpressListingContext): MappingResult<Listing> {
  const issues = new Issues();
  const field = `aeop_ae_product_s_k_us[${i}]`;
  const productId = product.product_id;
  if (!present(sku.sku_code)) {
    issues.add(`${field}.sku_code`, 'the SKU has no sku_code: the hub addresses listings by it');
    return fail(new MappingError(ALIEXPRESS_PRODUCT_RECORD_TYPE, productId, issues.list));
  }
  const rawStatus = present(product.product_status_type) ? product.product_status_type : undefined;
  const status = rawStatus === undefined || !Object.hasOwn(ALIEXPRESS_PRODUCT_STATUSES, rawStatus) ? undefined : ALIEXPRESS_PRODUCT_STATUSES[rawStatus];
  if (rawStatus !== undefined && status === undefined) issues.add('product_status_type', `unknown AliExpress product status "${rawStatus}" (known: ${Object.keys(ALIEXPRESS_PRODUCT_STATUSES).join(', ')})`, rawStatus);
  const subject = present(product.subject) ? product.subject : undefined;
  const locale = ctx.locale ?? localeOfText(subject ?? product.detail ?? '');
  const quantity = readQuantity(sku.ipm_sku_stock ?? sku.s_k_u_available_stock, `${field}.${sku.ipm_sku_stock === undefined ? 's_k_u_available_stock' : 'ipm_sku_stock'}`, issues);
  const weight = decimalText(product.gross_weight);
  const [length, width, height] = [product.package_length, product.package_width, product.package_height].map(decimalText);
  const refs: Record<string, string> = {};
  if (productId !== undefined) refs.productId = productId;
  if (present(sku.id)) refs.skuId = sku.id;
  if (product.category_id !== undefined) refs.categoryId = product.category_id;
  const listing = compact<Listing>({
    channel: ctx.channel,
    vendor: 'aliexpress',
    sku: sku.sku_code,
    marketplace: { id: ALIEXPRESS_MARKETPLACE.id, country: ALIEXPRESS_MARKETPLACE.country },
    title: subject === undefined ? undefined : { [locale]: subject },
    description: present(product.detail) ? { [locale]: product.detail } : undefined,
    ...skuPrice(sku, product, field, issues),
    quantity,
    status,
    rawStatus: rawStatus ?? (present(product.ws_display) ? product.ws_display : undefined),
    fulfilment: 'merchant',
    openedAt: platformTime(product.gmt_create, 'gmt_create', issues),
    updatedAt: platformTime(product.gmt_modified, 'gmt_modified', issues),
    productId: present(sku.barcode) ? { type: 'barcode', value: sku.barcode } : undefined,
    weight: weight === undefined ? undefined : { value: weight, unit: 'kg' },
    dimensions: length !== undefined && width !== undefined && height !== undefined ? { length, width, height, unit: 'cm' } : undefined,
    refs,
  });
  if (issues.size > 0) return fail(new MappingError(ALIEXPRESS_PRODUCT_RECORD_TYPE, sku.sku_code, issues.list));
  const checked = ListingSchema.safeParse(listing);
  if (!checked.success) {
    const list = checked.error.issues.map((x) => ({ field: `canonical.${x.path.join('.')}`, message: `the mapped record breaks the canonical schema: ${x.message}` }));
    return fail(new MappingError(ALIEXPRESS_PRODUCT_RECORD_TYPE, sku.sku_code, list));
  }
  return ok(listing);
}

/** One product → a listing per SKU (each a result of its own: one bad SKU does not hide the rest). */
export function aliexpressProductToListings(product: AliexpressProduct, ctx: AliexpressListingContext): MappingResult<Listing>[] {
  const skus = product.aeop_ae_product_s_k_us;
  if (skus === undefined || skus.length === 0) {
    return [
      fail(
        new MappingError(ALIEXPRESS_PRODUCT_RECORD_TYPE, product.product_id, [
          { field: 'aeop_ae_product_s_k_us', message: 'the product lists no SKU (product.list.get items carry none: read the product with product.info.get)' },
        ]),
      ),
    ];
  }
  return skus.map((sku, i) => listingOfSku(product, sku, i, ctx));
}

/**
 * aliexpress.ds.product.get's product (base info, SKU list, package info) read as the seller
 * APIs' product: the same fields under the DS names (`sku_available_stock`, `sku_id`).
 */
export function aliexpressDsProductToListings(ds: AliexpressDsProduct, ctx: AliexpressListingContext): MappingResult<Listing>[] {
  const base = ds.ae_item_base_info_dto ?? {};
  const pack = ds.package_info_dto ?? {};
  const product = compact<AliexpressProduct>({
    product_id: base.product_id,
    subject: base.subject,
    detail: base.detail,
    category_id: base.category_id,
    product_status_type: base.product_status_type,
    ws_display: base.ws_display,
    currency_code: base.currency_code,
    gmt_create: base.gmt_create,
    gmt_modified: base.gmt_modified,
    gross_weight: pack.gross_weight,
    package_length: pack.package_length,
    package_width: pack.package_width,
    package_height: pack.package_height,
    aeop_ae_product_s_k_us: ds.ae_item_sku_info_dtos?.map((s) =>
      compact<AliexpressProductSku>({
        id: s.sku_id ?? s.id,
        sku_code: s.sku_code,
        sku_price: s.sku_price,
        offer_sale_price: s.offer_sale_price,
        currency_code: s.currency_code,
        s_k_u_available_stock: s.sku_available_stock,
        barcode: s.barcode ?? s.ean_code,
      }),
    ),
  });
  return aliexpressProductToListings(product, ctx);
}
