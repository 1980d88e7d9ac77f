/**
 * The listings and the FBA stock the sandbox starts with, derived from the seeded orders
 * so that reports, listings and inventory agree with the orders: every (SKU, marketplace)
 * sold merchant-fulfilled (MFN) becomes a listing; every one sold through FBA (AFN)
 * becomes an FBA inventory row. Quantities come from the seeded PRNG.
 */
import { fromMinor, toMinor } from './decimal-text.js';
import { createRng } from './prng.js';
import { type Attributes, type StoredListing, WARNING_SKU_SUFFIX } from './listings.js';
import type { SandboxOrder } from './order-builder.js';
import { PRODUCT_TYPES, type ProductTypeSpec } from './product-types.js';
import { MARKETPLACE_BY_ID } from './seed-data.js';

export interface FbaStock {
  readonly sellerSku: string;
  readonly marketplaceId: string;
  readonly asin: string;
  readonly fnSku: string;
  readonly productName: string;
  readonly condition: 'NewItem';
  readonly fulfillable: number;
  readonly inboundWorking: number;
  readonly inboundShipped: number;
  readonly inboundReceiving: number;
  readonly reserved: number;
  readonly unfulfillable: number;
  readonly researching: number;
  readonly lastUpdatedMs: number;
  /** your-price of the MYI report: the last price sold at, as decimal text. */
  readonly price?: string;
}

interface Sold {
  sku: string;
  marketplaceId: string;
  asin: string;
  title: string;
  channel: 'MFN' | 'AFN';
  unitPrice?: string;
  firstMs: number;
  lastMs: number;
}

/** The unit price as decimal text (ItemPrice is the line total). */
export function unitPrice(amount: string, quantity: number, exponent: number): string | undefined {
  if (!/^\d+(\.\d+)?$/.test(amount) || quantity < 1) return undefined;
  return fromMinor(toMinor(amount, exponent) / BigInt(quantity), exponent);
}

function soldItems(orders: readonly SandboxOrder[]): Sold[] {
  const bySku = new Map<string, Sold>();
  for (const { order, items } of orders) {
    const mpId = order.MarketplaceId;
    if (mpId === undefined) continue;
    const mp = MARKETPLACE_BY_ID.get(mpId);
    const ms = Date.parse(order.PurchaseDate);
    for (const item of items) {
      if (item.SellerSKU === undefined || !Number.isFinite(ms)) continue;
      const channel = order.FulfillmentChannel === 'AFN' ? 'AFN' : 'MFN';
      const key = `${item.SellerSKU}\n${mpId}\n${channel}`;
      const price = item.ItemPrice && mp ? unitPrice(item.ItemPrice.Amount ?? '', item.QuantityOrdered, mp.exponent) : undefined;
      const prev = bySku.get(key);
      if (prev) {
        prev.firstMs = Math.min(prev.firstMs, ms);
        if (ms >= prev.lastMs) {
          prev.lastMs = ms;
          if (price !== undefined) prev.unitPrice = price;
        }
        continue;
      }
      bySku.set(key, { sku: item.SellerSKU, marketplaceId: mpId, asin: item.ASIN, title: item.Title ?? item.SellerSKU, channel, firstMs: ms, lastMs: ms, ...(price !== undefined ? { unitPrice: price } : {}) });
    }
  }
  return [...bySku.values()].sort((a, b) => (a.sku + a.marketplaceId < b.sku + b.marketplaceId ? -1 : 1));
}

const text = (value: string, mpId: string, language?: string): unknown[] => [{ value, ...(language ? { language_tag: language } : {}), marketplace_id: mpId }];

const LANGUAGE: Readonly<Record<string, string>> = { DE: 'de_DE', FR: 'fr_FR', IT: 'it_IT', ES: 'es_ES', UK: 'en_GB', AE: 'ar_AE', US: 'en_US', CA: 'en_CA', JP: 'ja_JP' };

/** The sandbox's three product types by what the catalogue SKU names; the rest take turns. */
function productTypeOf(sku: string, i: number): ProductTypeSpec {
  const name = /MUG|BTL|DRIP|MATCHA|TEA/.test(sku) ? 'DRINKING_CUP' : /RJK|SOCK/.test(sku) ? 'SHIRT' : /PASS|CUBE/.test(sku) ? 'HANDBAG' : undefined;
  return PRODUCT_TYPES.find((p) => p.name === name) ?? (PRODUCT_TYPES[i % PRODUCT_TYPES.length] as ProductTypeSpec);
}

export function seedListings(orders: readonly SandboxOrder[], sellerId: string, seed: number): StoredListing[] {
  const rng = createRng(seed ^ 0x5ca1ab1e);
  return soldItems(orders)
    .filter((s) => s.channel === 'MFN' && s.unitPrice !== undefined)
    .map((s, i): StoredListing => {
      const mp = MARKETPLACE_BY_ID.get(s.marketplaceId);
      const type = productTypeOf(s.sku, i);
      const lang = mp ? LANGUAGE[mp.code] : undefined;
      const attributes: Attributes = {
        item_name: text(s.title, s.marketplaceId, lang),
        brand: text('Caravan Goods', s.marketplaceId, lang),
        condition_type: [{ value: 'new_new', marketplace_id: s.marketplaceId }],
        purchasable_offer: [{ currency: mp?.currency ?? 'EUR', our_price: [{ schedule: [{ value_with_tax: Number(s.unitPrice) }] }], marketplace_id: s.marketplaceId }],
        fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: rng.int(0, 40) }],
      };
      for (const name of type.productFacts) {
        if (attributes[name]) continue;
        attributes[name] = name === 'capacity' ? [{ value: 350, unit: 'milliliters', marketplace_id: s.marketplaceId }] : text(name === 'size' ? 'M' : name === 'color' ? 'Navy' : 'Cotton', s.marketplaceId, lang);
      }
      // One listing in seven carries a planted WARNING (no main image), like a live catalogue.
      const warned = i % 7 === 3 || s.sku.endsWith(WARNING_SKU_SUFFIX);
      return {
        sellerId,
        sku: s.sku,
        marketplaceId: s.marketplaceId,
        productType: type.name,
        attributes,
        asin: s.asin,
        createdMs: s.firstMs - 86_400_000 * rng.int(30, 400),
        updatedMs: s.lastMs,
        issues: warned
          ? [{ code: '18027', message: 'The listing has no main image; it may be suppressed from search results.', severity: 'WARNING', attributeNames: ['main_product_image_locator'], categories: ['MISSING_IMAGE'] }]
          : [],
      };
    });
}

export function seedFbaStock(orders: readonly SandboxOrder[], seed: number): FbaStock[] {
  const rng = createRng(seed ^ 0x0fba0fba);
  return soldItems(orders)
    .filter((s) => s.channel === 'AFN')
    .map((s) => ({
      sellerSku: s.sku,
      marketplaceId: s.marketplaceId,
      asin: s.asin,
      fnSku: `X00${rng.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 7)}`,
      productName: s.title,
      condition: 'NewItem',
      fulfillable: rng.int(0, 250),
      inboundWorking: rng.chance(0.2) ? rng.int(1, 50) : 0,
      inboundShipped: rng.chance(0.2) ? rng.int(1, 80) : 0,
      inboundReceiving: rng.chance(0.1) ? rng.int(1, 30) : 0,
      reserved: rng.int(0, 6),
      unfulfillable: rng.chance(0.15) ? rng.int(1, 4) : 0,
      researching: rng.chance(0.05) ? 1 : 0,
      lastUpdatedMs: s.lastMs,
      ...(s.unitPrice !== undefined ? { price: s.unitPrice } : {}),
    }));
}
