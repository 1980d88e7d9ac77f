/**
 * Held-out Listings Items replies (test/fixtures/amazon/heldout/SOURCE.md) through
 * `caravan map amazon.listings-item`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAmazonListingsItem } from '../../../connectors/amazon/schemas/listings-items-2021-08-01.js';
import type { Listing } from '../../../mappings/canonical/index.js';
import { caravanMap } from '../../cli/map-harness.js';

const HELDOUT = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout');

describe('offers[].price with `currency` (selling-partner-api-models#259)', () => {
  it('`currency` alone, and `currency` beside `currencyCode`, price the listing', async () => {
    const { code, stderr, stdout } = await caravanMap('amazon.listings-item', join(HELDOUT, 'get-listings-item.offer-price-currency.json'));
    expect([code, stderr]).toEqual([0, '']);
    const [us, ca] = JSON.parse(stdout) as Listing[];
    expect(us).toMatchObject({ sku: 'GM-ZDPI-9B4E', marketplace: { id: 'ATVPDKIKX0DER' }, price: { amountMinor: 3433, currency: 'USD' } });
    expect(ca).toMatchObject({ marketplace: { id: 'A2EUQ1WTGCTBG2' }, price: { amountMinor: 13000, currency: 'CAD' } });
  });

  it('a price with neither member is still an issue naming currencyCode', () => {
    const r = parseAmazonListingsItem({ sku: 'S', offers: [{ marketplaceId: 'ATVPDKIKX0DER', offerType: 'B2C', price: { amount: '1.00' } }] });
    expect(r).toMatchObject({ ok: false, id: 'S', issues: [{ path: 'offers[0].price.currencyCode' }] });
  });
});
