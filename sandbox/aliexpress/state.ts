/** The sandbox's records: products with SKU-level price and stock, orders, feed jobs. Amounts are decimal text or integer cents, never floats. */

export const CURRENCY = 'USD';

export interface SandboxSku {
  readonly code: string;
  /** Decimal text, e.g. "27.50". */
  price: string;
  inventory: number;
  /** The platform's SKU id (property combination), e.g. "14:193#black;5:361386#M". */
  readonly skuId: string;
}

export interface SandboxProduct {
  /** Above 2^53: written as a bare JSON number. */
  readonly id: string;
  categoryId: number;
  subject: string;
  status: 'onSelling' | 'offline' | 'auditing' | 'editingRequired';
  readonly createdMs: number;
  modifiedMs: number;
  imageUrls: string[];
  skus: SandboxSku[];
  /** The product document as last posted or updated (seeded products: built from the seed). */
  document: Record<string, unknown>;
}

export interface OrderLine {
  readonly childId: string;
  readonly productId: string;
  readonly skuCode: string;
  readonly name: string;
  readonly quantity: number;
  /** Cents. */
  readonly unitCents: number;
  readonly shippingCents: number;
  readonly serviceName: string;
}

export interface Buyer {
  readonly loginId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly country: string;
  readonly countryName: string;
  readonly province: string;
  readonly city: string;
  readonly address: string;
  readonly address2?: string;
  readonly zip: string;
  readonly phone: string;
}

export interface Shipment {
  readonly serviceName: string;
  readonly trackingNo: string;
  readonly sendType: 'all' | 'part';
  readonly atMs: number;
  readonly trackingWebsite?: string;
}

export interface SandboxOrder {
  /** Above 2^53 (19 digits): written as a bare JSON number. */
  readonly id: string;
  status: string;
  readonly createdMs: number;
  modifiedMs: number;
  readonly paidMs?: number;
  endReason?: string;
  readonly buyer: Buyer;
  readonly lines: readonly OrderLine[];
  shipments: Shipment[];
}

export type FeedOperation = 'PRODUCT_CREATE' | 'PRODUCT_FULL_UPDATE' | 'PRODUCT_STOCKS_UPDATE' | 'PRODUCT_PRICES_UPDATE';
export const FEED_OPERATIONS: readonly FeedOperation[] = ['PRODUCT_CREATE', 'PRODUCT_FULL_UPDATE', 'PRODUCT_STOCKS_UPDATE', 'PRODUCT_PRICES_UPDATE'];

export interface FeedItem {
  readonly contentId: string;
  readonly content: string;
}

export interface FeedJob {
  readonly id: string;
  readonly operation: FeedOperation;
  readonly items: readonly FeedItem[];
  readonly createdMs: number;
  /** Per item, once the job has run: the execution result (JSON text). */
  results?: { readonly contentId: string; readonly result: string; readonly success: boolean }[];
}

/** Money text of cents: 2750 → "27.50". */
export function centsText(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents of a decimal text with at most two decimals ("27.5" → 2750); undefined otherwise. */
export function textCents(text: string): number | undefined {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function orderTotalCents(o: SandboxOrder): number {
  return o.lines.reduce((sum, l) => sum + l.unitCents * l.quantity + l.shippingCents, 0);
}
