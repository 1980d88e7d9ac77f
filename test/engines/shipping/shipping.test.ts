import { describe, expect, it } from 'vitest';
import { chooseRate, planShipment, rankRates, RateShoppingError, ShippingPlanError } from '../../../engines/shipping/index.js';
import { converterFor, createFxRateTable } from '../../../engines/fx/index.js';
import type { Order, Product, RateQuote } from '../../../mappings/canonical/index.js';

const convert = converterFor({
  table: createFxRateTable([
    { source: 'ecb', base: 'EUR', quote: 'USD', date: '2026-03-13', rate: '1.0850' },
    { source: 'ecb', base: 'EUR', quote: 'GBP', date: '2026-03-13', rate: '0.8500' },
  ]),
});
const SHIP_FROM = { name: 'Lena Vogel', company: 'Vogel Leder GmbH', lines: ['Friedrichstrasse 10'], city: 'Berlin', postalCode: '10117', country: 'DE', phone: '+49301234567' };

const line = (lineId: string, sku: string, quantity: number, amountMinor: number, currency = 'EUR') => ({ lineId, sku, quantity, lineTotal: { amountMinor, currency }, refs: {} });
const ORDER: Order = {
  channel: 'amazon-eu',
  vendor: 'amazon',
  externalId: '302-1111111-2222222',
  status: 'unshipped',
  rawStatus: 'Unshipped',
  marketplace: { id: 'A1PA6795UKMFR9' },
  purchasedAt: '2026-03-14T10:00:00Z',
  updatedAt: '2026-03-14T10:00:00Z',
  currency: 'EUR',
  shipTo: { name: 'Sam Buyer', lines: ['350 5th Ave'], city: 'New York', region: 'NY', postalCode: '10118', country: 'US', phone: '+12125550100' },
  lines: [line('L1', 'BAG-01', 2, 25000), { ...line('L2', 'SCF-02', 3, 12000), quantityShipped: 1 }],
  refs: {},
};
const product = (sku: string, p: Partial<Product>): Product => ({ sku, title: { en: `Product ${sku}` }, attributes: {}, ...p });
const PRODUCTS = new Map<string, Product>([
  ['BAG-01', product('BAG-01', { hsCode: '420221', originCountry: 'IT', weight: { value: '800', unit: 'g' }, dimensions: { length: '40', width: '30', height: '12', unit: 'cm' } })],
  ['SCF-02', product('SCF-02', { hsCode: '621410', originCountry: 'CN', weight: { value: '3.5', unit: 'oz' } })],
]);
const OPTS = { shipFrom: SHIP_FROM, incoterm: 'DDP' as const, date: '2026-03-16', convert };

describe('planShipment', () => {
  it('declares each line still to ship from the catalogue (HS code, origin, weight) at the shipped share of its price', () => {
    const s = planShipment(ORDER, PRODUCTS, OPTS);
    expect(s.items).toEqual([
      { id: 'L1', sku: 'BAG-01', description: 'Product BAG-01', hsCode: '420221', originCountry: 'IT', quantity: 2, value: { amountMinor: 25000, currency: 'EUR' }, weightKg: '1.6' },
      // 3 ordered, 1 shipped: 2 units of a 120.00 line; 3.5 oz = 0.0992… kg, rounded up to the gram: 0.1 kg a unit.
      { id: 'L2', sku: 'SCF-02', description: 'Product SCF-02', hsCode: '621410', originCountry: 'CN', quantity: 2, value: { amountMinor: 8000, currency: 'EUR' }, weightKg: '0.2' },
    ]);
    expect(s.parcels).toEqual([{ id: '1', weightKg: '1.8', items: [{ itemId: 'L1', quantity: 2 }, { itemId: 'L2', quantity: 2 }] }]);
    expect(s).toMatchObject({ id: 'amazon-eu:302-1111111-2222222', incoterm: 'DDP', currency: 'EUR', orderRef: { channel: 'amazon-eu', externalId: '302-1111111-2222222' } });
  });

  it('converts every line into the declaration currency through the FX engine (several currencies in one order)', () => {
    const mixed = { ...ORDER, lines: [line('L1', 'BAG-01', 1, 10000, 'GBP'), line('L2', 'SCF-02', 1, 5000, 'EUR')] };
    const s = planShipment(mixed, PRODUCTS, { ...OPTS, currency: 'USD' });
    // 100.00 GBP = 100 / 0.85 × 1.085 USD = 127.647… → 127.65; 50.00 EUR × 1.085 = 54.25.
    expect(s.items.map((i) => i.value)).toEqual([{ amountMinor: 12765, currency: 'USD' }, { amountMinor: 5425, currency: 'USD' }]);
    expect(s.currency).toBe('USD');
  });

  it('packs units into parcels up to the weight limit; a lone unit keeps its product\'s measures', () => {
    const s = planShipment({ ...ORDER, lines: [line('L1', 'BAG-01', 3, 37500)] }, PRODUCTS, { ...OPTS, maxParcelKg: '1.7', packagingKg: '0.1' });
    expect(s.parcels).toEqual([
      { id: '1', weightKg: '1.7', items: [{ itemId: 'L1', quantity: 2 }] },
      { id: '2', weightKg: '0.9', dimensionsCm: { length: '40', width: '30', height: '12' }, items: [{ itemId: 'L1', quantity: 1 }] },
    ]);
  });

  it('a line without HS code or origin is a typed error naming the order, the line and the field', () => {
    const bare = new Map(PRODUCTS);
    bare.set('SCF-02', product('SCF-02', { weight: { value: '0.1', unit: 'kg' } }));
    let error: unknown;
    try {
      planShipment(ORDER, bare, OPTS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShippingPlanError);
    const e = error as ShippingPlanError;
    expect(e.issues.map((i) => [i.lineId, i.field])).toEqual([['L2', 'hsCode'], ['L2', 'originCountry']]);
    expect(e.message).toBe('order amazon-eu/302-1111111-2222222: line L2 (SCF-02) hsCode: no HS code on the line or its catalogue product, which customs needs; line L2 (SCF-02) originCountry: no country of origin on the line or its catalogue product, which customs needs');
  });

  it('an unknown SKU, a missing rate and an order with nothing left to ship are errors too', () => {
    expect(() => planShipment(ORDER, new Map(), OPTS)).toThrow(/line L1 \(BAG-01\) sku: no product BAG-01 in the catalogue/);
    expect(() => planShipment(ORDER, PRODUCTS, { ...OPTS, currency: 'JPY' })).toThrow(/line L1 \(BAG-01\) lineTotal: cannot be declared in JPY/);
    expect(() => planShipment({ ...ORDER, lines: [{ ...line('L1', 'BAG-01', 1, 100), quantityShipped: 1 }] }, PRODUCTS, OPTS)).toThrow('lines: nothing is left to ship');
  });
});

const quote = (carrier: 'dhl' | 'fedex', code: string, amountMinor: number, currency: string, transitDays?: number, rateType?: string): RateQuote => ({
  recordType: 'rate-quote',
  carrier,
  service: { code },
  ...(rateType === undefined ? {} : { rateType }),
  total: { amountMinor, currency },
  priced: true,
  surcharges: [],
  taxes: [],
  ...(transitDays === undefined ? {} : { transitDays }),
});
const QUOTES: RateQuote[] = [
  quote('dhl', 'P', 6500, 'EUR', 2, 'BILLC'),
  quote('dhl', 'P', 7100, 'USD', 2, 'PULCL'),
  quote('dhl', 'U', 4800, 'EUR', 4, 'BILLC'),
  quote('fedex', 'INTERNATIONAL_PRIORITY', 6000, 'USD', 1, 'ACCOUNT'),
  quote('fedex', 'INTERNATIONAL_PRIORITY', 9000, 'USD', 1, 'LIST'),
  quote('fedex', 'INTERNATIONAL_ECONOMY', 5208, 'USD', 4, 'ACCOUNT'),
  { ...quote('dhl', 'K', 0, 'EUR'), total: undefined, priced: false },
];
const RANK = { currency: 'EUR', date: '2026-03-16', convert };
const pick = (r: { quote: RateQuote }) => `${r.quote.carrier}/${r.quote.service.code}`;

describe('rate shopping', () => {
  it('cheapest compares billed prices in one currency; a tie (48.00 EUR = 52.08 USD) goes to the carrier/service order', () => {
    expect(rankRates(QUOTES, 'cheapest', RANK).map((r) => [pick(r), r.compared.amountMinor])).toEqual([
      ['dhl/U', 4800],
      ['fedex/INTERNATIONAL_ECONOMY', 4800],
      ['fedex/INTERNATIONAL_PRIORITY', 5530],
      ['dhl/P', 6500],
    ]);
  });

  it('fastest takes the fewest transit days, then the price', () => {
    expect(pick(chooseRate(QUOTES, 'fastest', RANK))).toBe('fedex/INTERNATIONAL_PRIORITY');
    expect(rankRates(QUOTES, 'fastest', RANK).map(pick)).toEqual(['fedex/INTERNATIONAL_PRIORITY', 'dhl/P', 'dhl/U', 'fedex/INTERNATIONAL_ECONOMY']);
  });

  it('cheapestWithin keeps the services that keep the promise; none is an error saying why', () => {
    expect(pick(chooseRate(QUOTES, { cheapestWithin: 2 }, RANK))).toBe('fedex/INTERNATIONAL_PRIORITY');
    expect(pick(chooseRate(QUOTES, { cheapestWithin: 4 }, RANK))).toBe('dhl/U');
    expect(() => chooseRate(QUOTES, { cheapestWithin: 0 }, RANK)).toThrow(RateShoppingError);
    expect(() => chooseRate([], 'cheapest', RANK)).toThrow('no carrier quoted a price for this shipment');
  });
});
