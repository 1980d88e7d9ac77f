/**
 * Hand-made Orders v0 records pinning the mapping rules: currency exponents, one currency per
 * order, Pending orders without prices, addresses kept verbatim, timestamps, marketplaces,
 * quantities. Every expected value is written out.
 */
import { describe, expect, it } from 'vitest';
import type { AmazonOrder, AmazonOrderItem } from '../../../connectors/amazon/schemas.js';
import type { Order } from '../../../mappings/canonical/order.js';
import { OrderSchema } from '../../../mappings/canonical/order.js';
import {
  amazonOrderToOrder,
} from '../../../mappings/amazon/index.js';

const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const AE = 'A2VIGQ35RCS4UG';

type Wire = Record<string, unknown>;

function order(over: Wire = {}): Wire {
  return {
    AmazonOrderId: '028-1234567-7654321',
    PurchaseDate: '2026-03-02T10:15:00Z',
    LastUpdateDate: '2026-03-02T11:00:00Z',
    OrderStatus: 'Unshipped',
    FulfillmentChannel: 'MFN',
    MarketplaceId: DE,
    ...over,
  };
}

function item(over: Wire = {}): Wire {
  return { ASIN: 'B0TESTASIN', OrderItemId: '11111111111111', QuantityOrdered: 1, ...over };
}

const money = (CurrencyCode: string, Amount: string) => ({ CurrencyCode, Amount });

function run(o: Wire, items?: Wire[]): ReturnType<typeof amazonOrderToOrder> {
  return amazonOrderToOrder(o as unknown as AmazonOrder, items as unknown as AmazonOrderItem[] | undefined, {
    channel: 'amazon-eu',
  });
}

function mapped(o: Wire, items?: Wire[]): Order {
  const r = run(o, items);
  if (!r.ok) throw new Error(`expected a mapped order, got ${r.error.message}`);
  expect(OrderSchema.safeParse(r.value).success).toBe(true);
  return r.value;
}

function issuesOf(o: Wire, items?: Wire[]): [string, string][] {
  const r = run(o, items);
  if (r.ok) throw new Error('expected a mapping error, got an order');
  expect(r.error.recordType).toBe('amazon.order');
  return r.error.issues.map((i) => [i.field, i.message]);
}

describe('money in the currency’s own minor units', () => {
  it.each([
    // name, marketplace, currency, wire amount, minor units
    ['JPY has no minor unit', JP, 'JPY', '1980', 1980],
    ['JPY with zero decimals is still exact', JP, 'JPY', '1980.00', 1980],
    ['EUR has two decimals', DE, 'EUR', '24.99', 2499],
    ['EUR trailing zero beyond the exponent is exact', DE, 'EUR', '24.990', 2499],
    ['KWD has three decimals', 'A2KUWAITTESTMP', 'KWD', '1.250', 1250],
    ['a zero amount', DE, 'EUR', '0.00', 0],
  ])('%s: %s %s "%s" → %i', (_name, marketplaceId, currency, amount, minor) => {
    const got = mapped(order({ MarketplaceId: marketplaceId, OrderTotal: money(currency, amount) }), [
      item({ ItemPrice: money(currency, amount) }),
    ]);
    expect(got.currency).toBe(currency);
    expect(got.totals).toStrictEqual({
      orderTotal: { amountMinor: minor, currency },
      items: { amountMinor: minor, currency },
    });
    expect(got.lines[0]?.lineTotal).toStrictEqual({ amountMinor: minor, currency });
  });

  it.each([
    ['EUR comma decimal', DE, 'EUR', '19,99', '"19,99" is not a decimal amount (digits with an optional "." fraction)'],
    ['EUR with three significant decimals', DE, 'EUR', '24.999', '"24.999" has more decimals than EUR allows (2)'],
    ['JPY with cents', JP, 'JPY', '1980.5', '"1980.5" has more decimals than JPY allows (0)'],
    ['KWD with four decimals', 'A2KUWAITTESTMP', 'KWD', '1.2505', '"1.2505" has more decimals than KWD allows (3)'],
    ['a currency symbol', DE, 'EUR', '€19.99', '"€19.99" is not a decimal amount (digits with an optional "." fraction)'],
    ['an empty amount', DE, 'EUR', '', '"" is not a decimal amount (digits with an optional "." fraction)'],
  ])('%s is an issue naming OrderTotal.Amount and items[0].ItemPrice.Amount', (_n, marketplaceId, currency, amount, message) => {
    expect(
      issuesOf(order({ MarketplaceId: marketplaceId, OrderTotal: money(currency, amount) }), [
        item({ ItemPrice: money(currency, amount) }),
      ]),
    ).toStrictEqual([
      ['OrderTotal.Amount', message],
      ['items[0].ItemPrice.Amount', `OrderItemId 11111111111111: ${message}`],
    ]);
  });

  it('an Amount without CurrencyCode is an issue; a CurrencyCode without Amount is no money', () => {
    expect(issuesOf(order({ OrderTotal: { Amount: '10.00' } }))).toStrictEqual([
      ['OrderTotal.CurrencyCode', 'is missing, so Amount "10.00" has no currency'],
    ]);
    const got = mapped(order({ OrderTotal: { CurrencyCode: 'EUR' } }));
    expect(got.totals).toBeUndefined();
  });

  it('an unknown currency code and a numeric Amount are issues', () => {
    expect(
      issuesOf(order({ OrderTotal: money('EURO', '10.00') }), [item({ ItemTax: { CurrencyCode: 'EUR', Amount: 1.5 } })]),
    ).toStrictEqual([
      ['OrderTotal.CurrencyCode', '"EURO" is not an ISO 4217 currency code'],
      ['items[0].ItemTax.Amount', 'OrderItemId 11111111111111: expected a decimal string, got a number'],
    ]);
  });
});

describe('one currency per order', () => {
  it('money in another currency than OrderTotal is an issue at each offending field', () => {
    expect(
      issuesOf(order({ OrderTotal: money('EUR', '30.00') }), [
        item({ ItemPrice: money('EUR', '25.00'), ItemTax: money('GBP', '5.00') }),
        item({ OrderItemId: '22222222222222', ShippingPrice: money('USD', '4.00') }),
      ]),
    ).toStrictEqual([
      ['items[0].ItemTax.CurrencyCode', 'OrderItemId 11111111111111: GBP differs from the order currency EUR'],
      ['items[1].ShippingPrice.CurrencyCode', 'OrderItemId 22222222222222: USD differs from the order currency EUR'],
    ]);
  });

  it('without OrderTotal the items fix the currency, even against the marketplace default', () => {
    const got = mapped(order({ MarketplaceId: DE }), [item({ ItemPrice: money('GBP', '10.00') })]);
    expect(got.currency).toBe('GBP');
    expect(got.totals).toStrictEqual({ items: { amountMinor: 1000, currency: 'GBP' } });
  });

  it('items disagreeing among themselves without OrderTotal: the first item money wins', () => {
    expect(
      issuesOf(order(), [item({ ItemPrice: money('GBP', '10.00') }), item({ OrderItemId: '2', ItemPrice: money('EUR', '9.00') })]),
    ).toStrictEqual([['items[1].ItemPrice.CurrencyCode', 'OrderItemId 2: EUR differs from the order currency GBP']]);
  });
});

describe('totals', () => {
  it('OrderTotal missing (e.g. Canceled): totals come from the lines only', () => {
    const got = mapped(order({ OrderStatus: 'Canceled' }), [
      item({ ItemPrice: money('EUR', '24.99'), ItemTax: money('EUR', '3.99') }),
    ]);
    expect(got.status).toBe('cancelled');
    expect(got.totals).toStrictEqual({
      items: { amountMinor: 2499, currency: 'EUR' },
      itemTax: { amountMinor: 399, currency: 'EUR' },
    });
  });

  it('sums every line money and counts promotion plus shipping discounts as discounts', () => {
    const got = mapped(order({ OrderTotal: money('EUR', '61.48') }), [
      item({
        QuantityOrdered: 2,
        ItemPrice: money('EUR', '39.98'),
        ItemTax: money('EUR', '6.38'),
        ShippingPrice: money('EUR', '4.99'),
        ShippingTax: money('EUR', '0.80'),
        ShippingDiscount: money('EUR', '4.99'),
        PromotionDiscount: money('EUR', '2.00'),
      }),
      item({
        OrderItemId: '22222222222222',
        ItemPrice: money('EUR', '19.99'),
        ItemTax: money('EUR', '3.19'),
        PromotionDiscount: money('EUR', '1.00'),
      }),
    ]);
    expect(got.totals).toStrictEqual({
      orderTotal: { amountMinor: 6148, currency: 'EUR' },
      items: { amountMinor: 5997, currency: 'EUR' },
      itemTax: { amountMinor: 957, currency: 'EUR' },
      shipping: { amountMinor: 499, currency: 'EUR' },
      shippingTax: { amountMinor: 80, currency: 'EUR' },
      discounts: { amountMinor: 799, currency: 'EUR' },
    });
  });

  it('a sum past 2^53 minor units is an issue, not a float', () => {
    expect(
      issuesOf(order(), [
        item({ ItemPrice: money('EUR', '90071992547409.91') }),
        item({ OrderItemId: '2', ItemPrice: money('EUR', '90071992547409.91') }),
      ]),
    ).toStrictEqual([['items', 'cannot total ItemPrice: RangeError: money sum overflows safe integer range']]);
  });
});

describe('Pending orders carry no prices', () => {
  it.each([
    ['Pending', DE, 'EUR'],
    ['PendingAvailability', JP, 'JPY'],
  ])('%s: lines without money, no totals, currency from the marketplace', (status, marketplaceId, currency) => {
    const got = mapped(order({ OrderStatus: status, MarketplaceId: marketplaceId }), [
      item({ SellerSKU: 'SKU-1', Title: 'Thing', QuantityOrdered: 2, QuantityShipped: 0 }),
    ]);
    expect(got.status).toBe('pending');
    expect(got.rawStatus).toBe(status);
    expect(got.currency).toBe(currency);
    expect(got.totals).toBeUndefined();
    expect(got.lines).toStrictEqual([
      {
        lineId: '11111111111111',
        sku: 'SKU-1',
        title: 'Thing',
        quantity: 2,
        quantityShipped: 0,
        refs: { orderItemId: '11111111111111', asin: 'B0TESTASIN' },
      },
    ]);
  });

  it('items not fetched: no lines and no totals', () => {
    const got = mapped(order({ OrderStatus: 'Pending' }));
    expect(got.lines).toStrictEqual([]);
    expect(got.totals).toBeUndefined();
  });
});

describe('addresses kept exactly as given', () => {
  it('Arabic (RTL) lines, marks and inner spacing survive byte for byte', () => {
    const line1 = 'شارع الشيخ زايد، برج الإمارات ١٢ '; // trailing space kept
    const line2 = '\u200Fالطابق ٣  شقة ٤'; // RLM + double inner space
    const got = mapped(
      order({
        MarketplaceId: AE,
        ShippingAddress: {
          Name: 'محمد أحمد',
          AddressLine1: line1,
          AddressLine2: line2,
          AddressLine3: '',
          City: 'دبي',
          StateOrRegion: 'دبي',
          CountryCode: 'AE',
          Phone: '+971 4 000 0000',
          AddressType: 'Residential',
        },
      }),
    );
    expect(got.shipTo).toStrictEqual({
      name: 'محمد أحمد',
      lines: [line1, line2],
      city: 'دبي',
      region: 'دبي',
      country: 'AE',
      phone: '+971 4 000 0000',
      type: 'residential',
    });
    expect(Buffer.from(got.shipTo?.lines[0] ?? '', 'utf8')).toStrictEqual(Buffer.from(line1, 'utf8'));
    expect(Buffer.from(got.shipTo?.lines[1] ?? '', 'utf8')).toStrictEqual(Buffer.from(line2, 'utf8'));
    expect(got.currency).toBe('AED');
    expect(got.marketplace).toStrictEqual({ id: AE, country: 'AE', name: 'Amazon.ae' });
  });

  it('a Japanese address with an ideographic space, all fields mapped', () => {
    const got = mapped(
      order({
        MarketplaceId: JP,
        OrderTotal: money('JPY', '1980'),
        ShippingAddress: {
          Name: '山田 太郎',
          CompanyName: '株式会社テスト',
          AddressLine1: '千代田1-1',
          AddressLine2: '千代田マンション\u3000101号室',
          City: '千代田区',
          County: '',
          District: '丸の内',
          StateOrRegion: '東京都',
          PostalCode: '100-0001',
          CountryCode: 'JP',
          Phone: '03-1234-5678',
          AddressType: 'Commercial',
        },
      }),
    );
    expect(got.shipTo).toStrictEqual({
      name: '山田 太郎',
      company: '株式会社テスト',
      lines: ['千代田1-1', '千代田マンション\u3000101号室'],
      city: '千代田区',
      district: '丸の内',
      region: '東京都',
      postalCode: '100-0001',
      country: 'JP',
      phone: '03-1234-5678',
      type: 'commercial',
    });
    expect(got.totals).toStrictEqual({ orderTotal: { amountMinor: 1980, currency: 'JPY' } });
  });

  it('County maps to county; blank lines are dropped, not kept as ""', () => {
    const got = mapped(
      order({
        MarketplaceId: 'A1F83G8C2ARO7P',
        ShippingAddress: { AddressLine1: '', AddressLine2: '10 Downing St', AddressLine3: '   ', City: 'London', County: 'Greater London', CountryCode: 'GB' },
      }),
    );
    expect(got.shipTo).toStrictEqual({ lines: ['10 Downing St'], city: 'London', county: 'Greater London', country: 'GB' });
  });

  it.each([
    ['UK', '"UK" is not an ISO 3166-1 alpha-2 country code'],
    ['de', '"de" is not an ISO 3166-1 alpha-2 country code'],
    ['DEU', '"DEU" is not an ISO 3166-1 alpha-2 country code'],
  ])('CountryCode %s is an issue', (code, message) => {
    expect(issuesOf(order({ ShippingAddress: { AddressLine1: 'x', CountryCode: code } }))).toStrictEqual([
      ['ShippingAddress.CountryCode', message],
    ]);
  });

  it('a shipping address without CountryCode, or with an unknown AddressType, is an issue', () => {
    expect(issuesOf(order({ ShippingAddress: { City: 'Berlin', AddressType: 'PO Box' } }))).toStrictEqual([
      ['ShippingAddress.CountryCode', 'is required but missing'],
      ['ShippingAddress.AddressType', '"PO Box" is neither Residential nor Commercial'],
    ]);
  });
});

describe('timestamps normalised to UTC', () => {
  it('converts explicit offsets and keeps fractional seconds', () => {
    const got = mapped(
      order({
        PurchaseDate: '2026-03-02T19:15:00+09:00',
        LastUpdateDate: '2026-01-01T08:30:00.123+09:30',
        EarliestShipDate: '2026-03-01T20:00:00-05:00',
        LatestShipDate: '2026-03-02T10:15:00+0530',
        EarliestDeliveryDate: '2026-03-04T00:00:00.000Z',
        LatestDeliveryDate: '2026-03-05T23:59:59Z',
      }),
    );
    expect([got.purchasedAt, got.updatedAt, got.earliestShipAt, got.latestShipAt, got.earliestDeliveryAt, got.latestDeliveryAt]).toStrictEqual([
      '2026-03-02T10:15:00Z',
      '2025-12-31T23:00:00.123Z',
      '2026-03-02T01:00:00Z',
      '2026-03-02T04:45:00Z',
      '2026-03-04T00:00:00.000Z',
      '2026-03-05T23:59:59Z',
    ]);
  });

  it('rejects impossible dates and times instead of rolling them over, naming each field', () => {
    expect(
      issuesOf(
        order({
          PurchaseDate: '2026-02-30T10:00:00Z',
          LastUpdateDate: '2026-03-02T25:61:00Z',
          EarliestShipDate: '2026-03-02T10:15:00',
          LatestDeliveryDate: 1772446500,
        }),
      ),
    ).toStrictEqual([
      ['PurchaseDate', '"2026-02-30T10:00:00Z" has day 30, which 2026-02 does not have'],
      ['LastUpdateDate', '"2026-03-02T25:61:00Z" has an impossible time of day'],
      [
        'EarliestShipDate',
        '"2026-03-02T10:15:00" is not an ISO 8601 date-time with a zone (e.g. 2026-03-02T10:15:00Z or 2026-03-02T19:15:00+09:00)',
      ],
      ['LatestDeliveryDate', 'expected an ISO 8601 date-time string, got a number'],
    ]);
  });
});

describe('marketplace, status, flags and identifiers', () => {
  it('an unknown marketplace id is kept, without country or name, and is not an error', () => {
    const got = mapped(order({ MarketplaceId: 'A2NEWMARKETXYZ' }));
    expect(got.marketplace).toStrictEqual({ id: 'A2NEWMARKETXYZ' });
    expect(got.currency).toBeUndefined();
    expect(got.refs).toStrictEqual({ amazonOrderId: '028-1234567-7654321', marketplaceId: 'A2NEWMARKETXYZ' });
  });

  it('a missing MarketplaceId is an issue', () => {
    expect(issuesOf(order({ MarketplaceId: undefined }))).toStrictEqual([['MarketplaceId', 'is required but missing']]);
  });

  it.each([
    ['Pending', 'pending'],
    ['PendingAvailability', 'pending'],
    ['Unshipped', 'unshipped'],
    ['PartiallyShipped', 'partially_shipped'],
    ['Shipped', 'shipped'],
    ['Canceled', 'cancelled'],
    ['Unfulfillable', 'unfulfillable'],
    ['InvoiceUnconfirmed', 'invoice_unconfirmed'],
  ])('OrderStatus %s → %s, raw status kept', (raw, status) => {
    const got = mapped(order({ OrderStatus: raw }));
    expect([got.status, got.rawStatus]).toStrictEqual([status, raw]);
  });

  it('an unknown OrderStatus or FulfillmentChannel is an issue naming the field', () => {
    expect(issuesOf(order({ OrderStatus: 'Delivered', FulfillmentChannel: 'SFP' }))).toStrictEqual([
      ['OrderStatus', 'unknown Amazon order status "Delivered"'],
      ['FulfillmentChannel', 'unknown fulfilment channel "SFP" (expected AFN or MFN)'],
    ]);
  });

  it('AFN → marketplace fulfilment; replacement, business and prime flags; seller and replaced order ids', () => {
    const got = mapped(
      order({
        FulfillmentChannel: 'AFN',
        SellerOrderId: 'SHOP-1001',
        IsReplacementOrder: true,
        ReplacedOrderId: '028-7777777-1111111',
        IsBusinessOrder: true,
        IsPrime: true,
        ShipServiceLevel: 'Expedited',
        BuyerInfo: { BuyerEmail: 'x@marketplace.amazon.de' },
      }),
    );
    expect(got.fulfilment).toBe('marketplace');
    expect([got.isReplacement, got.isBusiness, got.isPrime, got.shipServiceLevel]).toStrictEqual([true, true, true, 'Expedited']);
    expect(got.buyer).toStrictEqual({ email: 'x@marketplace.amazon.de' });
    expect(got.refs).toStrictEqual({
      amazonOrderId: '028-1234567-7654321',
      marketplaceId: DE,
      sellerOrderId: 'SHOP-1001',
      replacedOrderId: '028-7777777-1111111',
    });
  });

  it('an empty BuyerInfo (no Restricted Data Token) means no buyer', () => {
    expect(mapped(order({ BuyerInfo: {} })).buyer).toBeUndefined();
  });
});

describe('lines', () => {
  it('maps every line field: gift, gift wrap, COD fee, condition, tax collection, deemed reseller', () => {
    const got = mapped(order({ OrderTotal: money('EUR', '31.48') }), [
      item({
        SellerSKU: 'SKU-9',
        Title: 'Tasse — “Kaffee” ☕',
        QuantityOrdered: 3,
        QuantityShipped: 1,
        ItemPrice: money('EUR', '29.97'),
        CODFee: money('EUR', '2.00'),
        IsGift: 'true',
        ConditionId: 'New',
        TaxCollection: { Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services, Inc.' },
        DeemedResellerCategory: 'IOSS',
        IossNumber: 'IM2760000742',
        BuyerInfo: { GiftWrapPrice: money('EUR', '1.51'), GiftWrapTax: money('EUR', '0.24'), GiftMessageText: 'Für dich' },
      }),
    ]);
    expect(got.lines).toStrictEqual([
      {
        lineId: '11111111111111',
        sku: 'SKU-9',
        title: 'Tasse — “Kaffee” ☕',
        quantity: 3,
        quantityShipped: 1,
        lineTotal: { amountMinor: 2997, currency: 'EUR' },
        giftWrap: { amountMinor: 151, currency: 'EUR' },
        giftWrapTax: { amountMinor: 24, currency: 'EUR' },
        codFee: { amountMinor: 200, currency: 'EUR' },
        isGift: true,
        condition: 'New',
        taxCollection: { model: 'MarketplaceFacilitator', responsibleParty: 'Amazon Services, Inc.' },
        deemedResellerScheme: 'IOSS',
        iossNumber: 'IM2760000742',
        refs: { orderItemId: '11111111111111', asin: 'B0TESTASIN' },
      },
    ]);
  });

  it.each([
    [1.5, '1.5 is not a non-negative integer'],
    [-1, '-1 is not a non-negative integer'],
    ['two', 'expected a non-negative integer, got "two"'],
    [undefined, 'is required but missing'],
  ])('QuantityOrdered %j is an issue naming the item index and OrderItemId', (q, message) => {
    expect(issuesOf(order(), [item(), item({ OrderItemId: '22222222222222', QuantityOrdered: q })])).toStrictEqual([
      ['items[1].QuantityOrdered', `OrderItemId 22222222222222: ${message}`],
    ]);
  });

  it('IsGift must be "true"/"false"; a missing OrderItemId or ASIN is an issue', () => {
    expect(issuesOf(order(), [item({ IsGift: 'yes' }), { QuantityOrdered: 1 }])).toStrictEqual([
      ['items[0].IsGift', 'OrderItemId 11111111111111: expected true or false, got "yes"'],
      ['items[1].OrderItemId', 'is required but missing'],
      ['items[1].ASIN', 'is required but missing'],
    ]);
  });

  it('a repeated OrderItemId is an issue (lines are keyed by it)', () => {
    expect(issuesOf(order(), [item(), item()])).toStrictEqual([
      ['items[1].OrderItemId', 'OrderItemId 11111111111111 repeats items[0]'],
    ]);
  });
});
