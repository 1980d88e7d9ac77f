/** mappings/canonical/listing.ts: the canonical Listing accepts what a report listing holds and refuses floats, bad locales and unknown fields. */
import { describe, expect, it } from 'vitest';
import { ListingSchema, type Listing } from '../../../mappings/canonical/index.js';

const base: Listing = {
  channel: 'amazon-jp',
  vendor: 'amazon',
  sku: 'JD-STEP1-8',
  marketplace: { id: 'A1VC38T7YXB528', country: 'JP', name: 'Amazon.co.jp' },
  title: { 'ja-JP': '歯ブラシ', en: 'Toothbrush' },
  price: { amountMinor: 1980, currency: 'JPY' },
  status: 'active',
  rawStatus: 'Active',
  openedAt: '2023-05-01T01:20:30Z',
  weight: { value: '0.25', unit: 'kg' },
  dimensions: { length: '20', width: '2.5', height: '1', unit: 'cm' },
  hsCode: '960321',
  originCountry: 'JP',
  certifications: ['PSE'],
  refs: { asin: 'B00JP00001' },
};

describe('ListingSchema', () => {
  it('accepts a listing with titles in several locales and the product data', () => {
    expect(ListingSchema.parse(base)).toEqual(base);
  });
  it.each([
    ['a float price', { price: { amountMinor: 19.8, currency: 'JPY' } }, 'price.amountMinor'],
    ['a locale that is not BCP 47', { title: { japanese: 'x' } }, 'title.japanese'],
    ['an open date with an offset', { openedAt: '2023-05-01T10:20:30+09:00' }, 'openedAt'],
    ['an unknown status', { status: 'suppressed' }, 'status'],
    ['a weight as a number', { weight: { value: 0.25, unit: 'kg' } }, 'weight.value'],
    ['an unknown field', { currency: 'JPY' }, ''],
  ])('refuses %s', (_what, patch, path) => {
    const r = ListingSchema.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
