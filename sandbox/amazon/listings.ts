/**
 * The sandbox's listings: one record per (seller, SKU, marketplace), the validation the
 * Listings Items API and JSON_LISTINGS_FEED share, JSON Patch, and the Item rendering of
 * getListingsItem (listingsItems_2021-08-01.json). Issue codes follow Amazon's numeric
 * style: 90220 (required attribute missing) is the code Amazon's own processing-report
 * example uses; the others are the sandbox's.
 */
import { createHash } from 'node:crypto';
import { formatIsoMs } from './iso-date.js';
import { attributeNames, CONDITION_TYPES, ITEM_NAME_MAX_BYTES, OFFER_ATTRIBUTES, PRODUCT_TYPE_BY_NAME } from './product-types.js';
import { MARKETPLACE_BY_ID } from './seed-data.js';

export type Severity = 'ERROR' | 'WARNING' | 'INFO';
export interface ListingIssue {
  code: string;
  message: string;
  severity: Severity;
  attributeNames?: string[];
  categories: string[];
}

export type Attributes = Record<string, unknown[]>;
export type Requirements = 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
export const REQUIREMENTS: readonly Requirements[] = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'];

export interface StoredListing {
  readonly sellerId: string;
  readonly sku: string;
  readonly marketplaceId: string;
  readonly productType: string;
  readonly attributes: Attributes;
  readonly asin: string;
  readonly createdMs: number;
  readonly updatedMs: number;
  /** Non-blocking issues kept with the listing (WARNING/INFO). */
  readonly issues: readonly ListingIssue[];
}

/** SKUs with this suffix are accepted with a planted WARNING (a missing main image). */
export const WARNING_SKU_SUFFIX = '-WARN';

/** A deterministic ASIN for a (seller, SKU): B0 + 8 upper-case base-36 characters. */
export function assignAsin(sellerId: string, sku: string): string {
  const digest = createHash('sha256').update(`${sellerId}\n${sku}`).digest();
  let s = '';
  for (let i = 0; i < 8; i++) s += '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[(digest[i] as number) % 36];
  return `B0${s}`;
}

/**
 * The "required but not supplied" message in the issueLocale languages the sandbox speaks;
 * Amazon falls back to en_US where it has no translation, and so does the sandbox.
 */
const MISSING_MESSAGES: Readonly<Record<string, (name: string) => string>> = {
  en: (n) => `'[${n}]' is required but not supplied.`,
  de: (n) => `'[${n}]' ist erforderlich, wurde aber nicht angegeben.`,
  fr: (n) => `'[${n}]' est obligatoire mais n'a pas été fourni.`,
  ja: (n) => `'[${n}]'は必須ですが、指定されていません。`,
};

const missing = (name: string, locale = 'en_US'): ListingIssue => ({
  code: '90220',
  message: (MISSING_MESSAGES[locale.slice(0, 2)] ?? (MISSING_MESSAGES.en as (n: string) => string))(name),
  severity: 'ERROR',
  attributeNames: [name],
  categories: ['MISSING_ATTRIBUTE'],
});
const invalidValue = (name: string, message: string, category = 'INVALID_ATTRIBUTE'): ListingIssue => ({
  code: '99010',
  message,
  severity: 'ERROR',
  attributeNames: [name],
  categories: [category],
});

function firstValue(attrs: Attributes, name: string): Record<string, unknown> | undefined {
  const v = attrs[name]?.[0];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The number of UTF-8 bytes of a string (Amazon's maxUtf8ByteLength). */
export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Issues of a submission: ERRORs reject it (INVALID), WARNINGs are kept with the listing.
 * `attributes` is the complete attribute set the listing would have afterwards.
 */
export function validateListing(productType: string, requirements: Requirements, attributes: unknown, marketplaceId: string, sku: string, issueLocale?: string): ListingIssue[] {
  const spec = PRODUCT_TYPE_BY_NAME.get(productType);
  if (!spec) {
    return [{ code: '4000003', message: `The product type '${productType}' is not valid for the Amazon store ${marketplaceId}.`, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }];
  }
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    return [{ code: '4000001', message: "The provided 'attributes' are not a JSON object.", severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }];
  }
  const attrs = attributes as Attributes;
  const issues: ListingIssue[] = [];
  const known = new Set(attributeNames(spec));
  for (const [name, value] of Object.entries(attrs)) {
    if (!known.has(name)) issues.push(invalidValue(name, `'${name}' is not a valid attribute for product type ${productType}.`));
    else if (!Array.isArray(value) || value.length === 0) issues.push(invalidValue(name, `The attribute '${name}' must be a non-empty array of values.`));
  }
  const required = requirements === 'LISTING_OFFER_ONLY' ? [...OFFER_ATTRIBUTES] : requirements === 'LISTING_PRODUCT_ONLY' ? spec.productFacts : [...spec.productFacts, ...OFFER_ATTRIBUTES];
  for (const name of required) if (!Array.isArray(attrs[name]) || attrs[name].length === 0) issues.push(missing(name, issueLocale));

  const itemName = firstValue(attrs, 'item_name')?.value;
  if (itemName !== undefined && (typeof itemName !== 'string' || itemName.trim() === '')) {
    issues.push(invalidValue('item_name', "The value for 'item_name' must be non-empty text."));
  } else if (typeof itemName === 'string' && utf8Bytes(itemName) > ITEM_NAME_MAX_BYTES) {
    issues.push(invalidValue('item_name', `The value for 'item_name' is ${utf8Bytes(itemName)} bytes long (UTF-8); the maximum is ${ITEM_NAME_MAX_BYTES} bytes.`));
  }
  const condition = firstValue(attrs, 'condition_type')?.value;
  if (condition !== undefined && !(CONDITION_TYPES as readonly unknown[]).includes(condition)) {
    issues.push(invalidValue('condition_type', `'${String(condition)}' is not a valid value for 'condition_type'.`));
  }
  const offer = firstValue(attrs, 'purchasable_offer');
  if (offer) {
    const currency = MARKETPLACE_BY_ID.get(marketplaceId)?.currency;
    if (currency !== undefined && offer.currency !== currency) {
      issues.push(invalidValue('purchasable_offer', `The currency '${String(offer.currency)}' is not valid for the Amazon store ${marketplaceId}; expected ${currency}.`, 'INVALID_PRICE'));
    }
    const price = offerPrice(attrs);
    if (price === undefined) {
      issues.push({ ...missing('purchasable_offer.our_price'), code: '99022', message: "The field 'value_with_tax' for the attribute 'purchasable_offer.our_price' does not have enough values. The required minimum is '1' value(s).", categories: ['MISSING_PRICE'] });
    } else if (!(price > 0)) {
      issues.push(invalidValue('purchasable_offer', `The price ${price} for 'purchasable_offer.our_price' must be greater than 0.`, 'INVALID_PRICE'));
    }
  }
  for (const entry of attrs.fulfillment_availability ?? []) {
    const q = (entry as Record<string, unknown> | null)?.quantity;
    if (q !== undefined && (typeof q !== 'number' || !Number.isInteger(q) || q < 0)) {
      issues.push(invalidValue('fulfillment_availability', "The 'quantity' of 'fulfillment_availability' must be a whole number of 0 or more."));
    }
  }
  if (issues.length === 0 && sku.endsWith(WARNING_SKU_SUFFIX)) {
    issues.push({ code: '18027', message: 'The listing has no main image; it may be suppressed from search results.', severity: 'WARNING', attributeNames: ['main_product_image_locator'], categories: ['MISSING_IMAGE'] });
  }
  return issues;
}

/** our_price value_with_tax of the first offer, when present. */
export function offerPrice(attrs: Attributes): number | undefined {
  const offer = firstValue(attrs, 'purchasable_offer');
  const ourPrice = (offer?.our_price as { schedule?: { value_with_tax?: unknown }[] }[] | undefined)?.[0];
  const v = ourPrice?.schedule?.[0]?.value_with_tax;
  return typeof v === 'number' ? v : undefined;
}

/** Merchant-fulfilled quantity (fulfillment_channel_code DEFAULT), when set. */
export function mfnQuantity(attrs: Attributes): number | undefined {
  for (const e of attrs.fulfillment_availability ?? []) {
    const entry = e as Record<string, unknown>;
    if (entry.fulfillment_channel_code === 'DEFAULT' && typeof entry.quantity === 'number') return entry.quantity;
  }
  return undefined;
}

export const hasErrors = (issues: readonly ListingIssue[]): boolean => issues.some((i) => i.severity === 'ERROR');

export interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
}

/** Applies Listings JSON Patch operations (paths /attributes/<name>); an issue per bad operation. */
export function applyPatches(attrs: Attributes, patches: unknown): { attributes: Attributes; issues: ListingIssue[] } {
  const out: Attributes = structuredClone(attrs);
  const issues: ListingIssue[] = [];
  if (!Array.isArray(patches) || patches.length === 0) {
    return { attributes: out, issues: [{ code: '4000001', message: "'patches' must contain at least one operation.", severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }] };
  }
  patches.forEach((p: unknown, i) => {
    const op = p as Partial<PatchOp> | null;
    const m = typeof op?.path === 'string' ? /^\/attributes\/([a-z0-9_]+)$/.exec(op.path) : null;
    if (!op || !m || !['add', 'replace', 'merge', 'delete'].includes(op.op ?? '')) {
      issues.push({ code: '4000001', message: `Patch operation ${i} is not valid: expected op add, replace, merge or delete on /attributes/<name>.`, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] });
      return;
    }
    const name = m[1] as string;
    if (op.op === 'delete') {
      delete out[name];
      return;
    }
    if (!Array.isArray(op.value)) {
      issues.push(invalidValue(name, `Patch operation ${i} (${op.op} ${op.path}) needs an array 'value'.`));
      return;
    }
    if (op.op === 'merge' && Array.isArray(out[name])) {
      out[name] = (out[name] as unknown[]).map((old, j) => (j < (op.value as unknown[]).length ? { ...(old as object), ...((op.value as unknown[])[j] as object) } : old));
    } else {
      out[name] = structuredClone(op.value);
    }
  });
  return { attributes: out, issues };
}

const listingKey = (sellerId: string, sku: string, marketplaceId: string): string => `${sellerId}\n${sku}\n${marketplaceId}`;

export class ListingsStore {
  private byKey = new Map<string, StoredListing>();

  constructor(private readonly initial: readonly StoredListing[]) {
    this.reset();
  }

  reset(): void {
    this.byKey = new Map(this.initial.map((l) => [listingKey(l.sellerId, l.sku, l.marketplaceId), l]));
  }

  get size(): number {
    return this.byKey.size;
  }

  get(sellerId: string, sku: string, marketplaceId: string): StoredListing | undefined {
    return this.byKey.get(listingKey(sellerId, sku, marketplaceId));
  }

  put(sellerId: string, sku: string, marketplaceId: string, productType: string, attributes: Attributes, issues: readonly ListingIssue[], nowMs: number): StoredListing {
    const before = this.get(sellerId, sku, marketplaceId);
    const listing: StoredListing = {
      sellerId,
      sku,
      marketplaceId,
      productType,
      attributes: structuredClone(attributes),
      asin: before?.asin ?? assignAsin(sellerId, sku),
      createdMs: before?.createdMs ?? nowMs,
      updatedMs: nowMs,
      issues: issues.filter((i) => i.severity !== 'ERROR'),
    };
    this.byKey.set(listingKey(sellerId, sku, marketplaceId), listing);
    return listing;
  }

  delete(sellerId: string, sku: string, marketplaceId: string): boolean {
    return this.byKey.delete(listingKey(sellerId, sku, marketplaceId));
  }

  /** All listings of a seller in a marketplace, by SKU. */
  list(sellerId: string, marketplaceId: string): StoredListing[] {
    return [...this.byKey.values()].filter((l) => l.sellerId === sellerId && l.marketplaceId === marketplaceId).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  }
}

export function listingStatus(l: StoredListing): ('BUYABLE' | 'DISCOVERABLE')[] {
  const price = offerPrice(l.attributes);
  const quantity = mfnQuantity(l.attributes);
  return price !== undefined && price > 0 && (quantity === undefined || quantity > 0) ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'];
}

export const INCLUDED_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'] as const;

/** The Item of getListingsItem with the requested includedData sets. */
export function renderItem(l: StoredListing, included: readonly string[]): Record<string, unknown> {
  const item: Record<string, unknown> = { sku: l.sku };
  const name = firstValue(l.attributes, 'item_name')?.value;
  const condition = firstValue(l.attributes, 'condition_type')?.value;
  if (included.includes('summaries')) {
    item.summaries = [
      {
        marketplaceId: l.marketplaceId,
        asin: l.asin,
        productType: l.productType,
        ...(typeof condition === 'string' ? { conditionType: condition } : {}),
        status: listingStatus(l),
        ...(typeof name === 'string' ? { itemName: name } : {}),
        createdDate: formatIsoMs(l.createdMs),
        lastUpdatedDate: formatIsoMs(l.updatedMs),
      },
    ];
  }
  if (included.includes('attributes')) item.attributes = structuredClone(l.attributes);
  if (included.includes('issues')) item.issues = structuredClone(l.issues);
  if (included.includes('offers')) {
    const price = offerPrice(l.attributes);
    const currency = firstValue(l.attributes, 'purchasable_offer')?.currency;
    item.offers = price === undefined || typeof currency !== 'string' ? [] : [{ marketplaceId: l.marketplaceId, offerType: 'B2C', price: { currencyCode: currency, amount: String(price) } }];
  }
  if (included.includes('fulfillmentAvailability')) {
    const q = mfnQuantity(l.attributes);
    item.fulfillmentAvailability = q === undefined ? [] : [{ fulfillmentChannelCode: 'DEFAULT', quantity: q }];
  }
  if (included.includes('procurement')) item.procurement = [];
  if (included.includes('relationships')) item.relationships = [{ marketplaceId: l.marketplaceId, relationships: [] }];
  if (included.includes('productTypes')) item.productTypes = [{ marketplaceId: l.marketplaceId, productType: l.productType }];
  return item;
}
