// Types only: the wire format is described once, by the connector's zod schemas.
import type { AlibabaProduct, AlibabaSku } from '../../connectors/alibaba/schemas/product.js';
import { ListingSchema, type Listing, type ListingStatus } from '../canonical/listing.js';
import { parseDecimalMoney, type Money } from '../canonical/money.js';
import { MappingError, fail, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';

/**
 * Alibaba.com seller products (`/alibaba/icbu/product/get`, list entries with their SKUs) →
 * canonical Listings, one per SKU code (the seller's SKU). Pure and total.
 *
 * Price: a SKU's first bulk price, else the wholesale price, both in US dollars (the ICBU model
 * states the wholesale price in dollars); else an inquiry product's FOB minimum in its stated
 * `fob_currency`; an FOB amount without a currency is kept as `unpricedAmount`, never given a
 * guessed one. Amounts are read from their decimal text into minor units. Text (subject,
 * description) is kept as sent, Chinese included, under the locale the product's `language`
 * names (English when absent). `gmt_modified` names no time zone, so it is not read as an instant.
 */

export const ALIBABA_PRODUCT_RECORD_TYPE = 'alibaba.product';

export const ALIBABA_MARKETPLACE = { id: 'ALIBABA', country: 'CN', name: 'Alibaba.com' } as const;

/** `status` (sketch, approved, tbd, new, modified) with `display` (Y on sale) → canonical status. */
export function alibabaListingStatus(status: string | undefined, display: string | undefined): ListingStatus | undefined {
  switch (status?.trim().toLowerCase()) {
    case 'approved':
      return display?.trim().toUpperCase() === 'N' ? 'inactive' : 'active';
    case 'sketch':
      return 'incomplete'; // a draft
    case 'tbd': // refused by the platform's review
    case 'new': // under review
    case 'modified':
      return 'inactive';
    default:
      return undefined;
  }
}

const LOCALES: Readonly<Record<string, string>> = {
  english: 'en',
  spanish: 'es',
  portuguese: 'pt',
  french: 'fr',
  german: 'de',
  italian: 'it',
  russian: 'ru',
  japanese: 'ja',
  korean: 'ko',
  arabic: 'ar',
  turkish: 'tr',
  vietnamese: 'vi',
  thai: 'th',
  indonesian: 'id',
  hebrew: 'he',
  dutch: 'nl',
  chinese: 'zh',
};

function localeOf(language: string | undefined): string {
  const key = language?.trim().toLowerCase();
  return (key && LOCALES[key]) ?? 'en';
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

function priceOf(p: AlibabaProduct, sku: AlibabaSku | undefined, field: string, issues: MappingIssue[]): { price?: Money; unpricedAmount?: string } {
  const tiers = [...(sku?.bulk_discount_prices ?? [])].filter((t) => present(t.price)).sort((a, b) => Number(a.start_quantity ?? 0) - Number(b.start_quantity ?? 0));
  const dollars = tiers[0]?.price ?? p.wholesale_trade?.price;
  const read = (amount: string, currency: string, at: string): { price?: Money } => {
    const r = parseDecimalMoney(amount.trim(), currency);
    if (!r.ok) {
      issues.push({ field: at, message: r.message, value: amount });
      return {};
    }
    return { price: r.money };
  };
  if (present(dollars)) return read(dollars, 'USD', tiers[0] ? `${field}.bulk_discount_prices[0].price` : 'wholesale_trade.price');
  const fob = p.sourcing_trade?.fob_min_price;
  if (!present(fob)) return {};
  const currency = p.sourcing_trade?.fob_currency?.trim().toUpperCase();
  if (!present(currency)) return /^\d+(\.\d+)?$/.test(fob.trim()) ? { unpricedAmount: fob.trim() } : {};
  return read(fob, currency, 'sourcing_trade.fob_min_price');
}

function quantityOf(sku: AlibabaSku | undefined, field: string, issues: MappingIssue[]): number | undefined {
  if (sku === undefined) return undefined;
  const counts = [...(sku.inventory_dto_list ?? []).map((d) => d.inventory), sku.inventory].filter((c): c is string => c !== undefined);
  if (counts.length === 0) return undefined;
  let total = 0;
  for (const c of counts) {
    if (!/^\d+$/.test(c)) {
      issues.push({ field: `${field}.inventory`, message: 'is not a whole count', value: c });
      return undefined;
    }
    total += Number(c);
  }
  return total;
}

export interface AlibabaListingContext {
  readonly channel: string;
}

/** One product → a Listing per SKU code; a product without any SKU code cannot be matched to the catalogue. */
export function alibabaProductToListings(p: AlibabaProduct, ctx: AlibabaListingContext): MappingResult<Listing[]> {
  const productId = p.product_id ?? p.id;
  const skus: (AlibabaSku | undefined)[] = (p.product_sku?.skus ?? []).filter((s) => present(s.sku_code));
  const codes = skus.length > 0 ? skus.map((s) => s!.sku_code!) : present(p.sku_code) ? [p.sku_code] : [];
  if (codes.length === 0) {
    return fail(new MappingError(ALIBABA_PRODUCT_RECORD_TYPE, productId, [{ field: 'product_sku.skus', message: 'the product carries no SKU code, so no catalogue SKU can be matched' }]));
  }
  if (skus.length === 0) skus.push(undefined);
  const issues: MappingIssue[] = [];
  const locale = localeOf(p.language);
  const status = alibabaListingStatus(p.status, p.display);
  const listings: Listing[] = [];
  codes.forEach((code, i) => {
    const sku = skus[i];
    const field = `product_sku.skus[${i}]`;
    const before = issues.length;
    const { price, unpricedAmount } = priceOf(p, sku, field, issues);
    const quantity = quantityOf(sku, field, issues);
    if (issues.length > before) return;
    const refs: Record<string, string> = {};
    if (productId !== undefined) refs.productId = productId;
    if (p.id !== undefined && p.id !== productId) refs.id = p.id;
    if (sku?.sku_id !== undefined) refs.skuId = sku.sku_id;
    if (p.category_id !== undefined) refs.categoryId = p.category_id;
    if (present(p.display)) refs.display = p.display;
    if (present(p.pc_detail_url)) refs.url = p.pc_detail_url;
    const candidate = {
      channel: ctx.channel,
      vendor: 'alibaba',
      sku: code,
      marketplace: { ...ALIBABA_MARKETPLACE },
      ...(present(p.subject) ? { title: { [locale]: p.subject } } : {}),
      ...(present(p.description) ? { description: { [locale]: p.description } } : {}),
      ...(price === undefined ? {} : { price }),
      ...(unpricedAmount === undefined ? {} : { unpricedAmount }),
      ...(quantity === undefined ? {} : { quantity }),
      ...(status === undefined ? {} : { status }),
      ...(present(p.status) ? { rawStatus: p.status } : {}),
      fulfilment: 'merchant' as const,
      refs,
    };
    const parsed = ListingSchema.safeParse(candidate);
    if (!parsed.success) for (const issue of parsed.error.issues) issues.push({ field: `${code}.${issue.path.join('.')}`, message: issue.message });
    else listings.push(parsed.data);
  });
  if (issues.length > 0) return fail(new MappingError(ALIBABA_PRODUCT_RECORD_TYPE, productId, issues));
  return ok(listings);
}
