import { describe, expect, it } from 'vitest';
import { isCountryCode } from '../../../mappings/canonical/countries.js';
import { isCurrencyCode } from '../../../mappings/canonical/currencies.js';
import { OrderStatusSchema } from '../../../mappings/canonical/order.js';
import {
  AMAZON_MARKETPLACES,
  AMAZON_ORDER_STATUS,
  amazonMarketplace,
  amazonOrderStatus,
} from '../../../mappings/amazon/index.js';

describe('Amazon marketplaces table', () => {
  // id, country, name, region, currency — checked by hand against SP-API "Marketplace IDs".
  const EXPECTED: [string, string, string, string, string][] = [
    ['ATVPDKIKX0DER', 'US', 'Amazon.com', 'na', 'USD'],
    ['A2EUQ1WTGCTBG2', 'CA', 'Amazon.ca', 'na', 'CAD'],
    ['A1AM78C64UM0Y8', 'MX', 'Amazon.com.mx', 'na', 'MXN'],
    ['A2Q3Y263D00KWC', 'BR', 'Amazon.com.br', 'na', 'BRL'],
    ['A1PA6795UKMFR9', 'DE', 'Amazon.de', 'eu', 'EUR'],
    ['A1F83G8C2ARO7P', 'GB', 'Amazon.co.uk', 'eu', 'GBP'],
    ['A13V1IB3VIYZZH', 'FR', 'Amazon.fr', 'eu', 'EUR'],
    ['APJ6JRA9NG5V4', 'IT', 'Amazon.it', 'eu', 'EUR'],
    ['A1RKKUPIHCS9HS', 'ES', 'Amazon.es', 'eu', 'EUR'],
    ['A1805IZSGTT6HS', 'NL', 'Amazon.nl', 'eu', 'EUR'],
    ['A2NODRKZP88ZB9', 'SE', 'Amazon.se', 'eu', 'SEK'],
    ['A1C3SOZRARQ6R3', 'PL', 'Amazon.pl', 'eu', 'PLN'],
    ['AMEN7PMS3EDWL', 'BE', 'Amazon.com.be', 'eu', 'EUR'],
    ['A28R8C7NBKEWEA', 'IE', 'Amazon.ie', 'eu', 'EUR'],
    ['A33AVAJ2PDY3EV', 'TR', 'Amazon.com.tr', 'eu', 'TRY'],
    ['A2VIGQ35RCS4UG', 'AE', 'Amazon.ae', 'eu', 'AED'],
    ['A17E79C6D8DWNP', 'SA', 'Amazon.sa', 'eu', 'SAR'],
    ['ARBP9OOSHTCHU', 'EG', 'Amazon.eg', 'eu', 'EGP'],
    ['A21TJRUUN4KGV', 'IN', 'Amazon.in', 'eu', 'INR'],
    ['AE08WJ6YKNBMC', 'ZA', 'Amazon.co.za', 'eu', 'ZAR'],
    ['A1VC38T7YXB528', 'JP', 'Amazon.co.jp', 'fe', 'JPY'],
    ['A39IBJ37TRP1C6', 'AU', 'Amazon.com.au', 'fe', 'AUD'],
    ['A19VAU5U5O7RUS', 'SG', 'Amazon.sg', 'fe', 'SGD'],
  ];

  it.each(EXPECTED)('%s → %s %s (%s, %s)', (id, country, name, region, defaultCurrency) => {
    expect(amazonMarketplace(id)).toStrictEqual({ id, country, name, region, defaultCurrency });
  });

  it('holds exactly these 23 marketplaces, with ISO country and currency codes', () => {
    expect([...AMAZON_MARKETPLACES.keys()].sort()).toStrictEqual(EXPECTED.map((r) => r[0]).sort());
    for (const m of AMAZON_MARKETPLACES.values()) {
      expect(isCountryCode(m.country)).toBe(true);
      expect(isCurrencyCode(m.defaultCurrency)).toBe(true);
    }
  });

  it('knows nothing of unknown ids, including Object.prototype keys', () => {
    expect(amazonMarketplace('A2NEWMARKETXYZ')).toBeUndefined();
    expect(amazonMarketplace('constructor')).toBeUndefined();
    expect(amazonMarketplace('atvpdkikx0der')).toBeUndefined();
  });
});

describe('Amazon order status table', () => {
  it('covers exactly the model’s OrderStatus enum and maps onto canonical statuses', () => {
    expect([...AMAZON_ORDER_STATUS.keys()].sort()).toStrictEqual(
      ['Canceled', 'InvoiceUnconfirmed', 'PartiallyShipped', 'Pending', 'PendingAvailability', 'Shipped', 'Unfulfillable', 'Unshipped'],
    );
    for (const s of AMAZON_ORDER_STATUS.values()) expect(OrderStatusSchema.safeParse(s).success).toBe(true);
  });

  it.each(['Cancelled', 'shipped', 'toString', ''])('%j is unknown', (raw) => {
    expect(amazonOrderStatus(raw)).toBeUndefined();
  });
});
