import { describe, expect, it } from 'vitest';
import { DhlLandedCostRequestSchema, type DhlLandedCostRequest } from '../../../connectors/dhl/schemas.js';
import type { Shipment } from '../../../mappings/canonical/shipment.js';
import { shipmentToLandedCostRequest } from '../../../mappings/dhl/index.js';
import { fixtureJson, SPEC_EXAMPLE_SHIPMENT } from './fixtures.js';

type Item = Record<string, unknown>;

describe('shipmentToLandedCostRequest', () => {
  it("builds the description's request example from its canonical twin (less the fields Caravan does not hold)", () => {
    const result = shipmentToLandedCostRequest(SPEC_EXAMPLE_SHIPMENT, {
      accountNumber: '123456789',
      productCode: 'P',
      localProductCode: 'P',
      packages: [{ typeCode: '3BX', weightKg: '1', dimensionsCm: { length: '25', width: '35', height: '15' } }],
      estimatedTariffRateType: 'highest_rate',
    });
    if (!result.ok) throw result.error;

    const example = fixtureJson<Omit<DhlLandedCostRequest, 'items'> & { items: Item[] }>('request.spec-example.json');
    // Not in the canonical model: a short item name, brand, DHL category, goods characteristics,
    // additional quantities; customsValue is "not used" per the description.
    const expected = {
      ...example,
      items: example.items.map((item) => {
        const {
          customsValue: _cv,
          customsValueCurrencyCode: _cvc,
          category: _c,
          brand: _b,
          goodsCharacteristics: _g,
          additionalQuantityDefinitions: _a,
          ...rest
        } = item;
        return { ...rest, name: 'KNITWEAR 100% COTTON REDUCTION PRICE FALL COLLECTION' };
      }),
    };
    expect(result.value).toEqual(expected);
    expect(DhlLandedCostRequestSchema.safeParse(result.value).success).toBe(true);
  });

  it('DAP: no DTP, freight as a merchant charge, one parcel of the items’ weight, unit prices to 5 decimals', () => {
    const shipment: Shipment = {
      id: 'shp-2',
      shipFrom: { lines: [], city: 'Shenzhen', postalCode: '518000', country: 'CN' },
      shipTo: { lines: ['10 Rue de Rivoli'], city: 'Paris', postalCode: '75001', region: 'IDF', country: 'FR' },
      incoterm: 'DAP',
      currency: 'EUR',
      items: [
        { id: 'a', description: 'Phone case', hsCode: '392690', originCountry: 'CN', quantity: 3, value: { amountMinor: 10000, currency: 'EUR' }, weightKg: '0.1234' },
        { id: 'b', sku: 'CBL-1', description: 'USB cable', hsCode: '854442', originCountry: 'CN', quantity: 1, value: { amountMinor: 899, currency: 'EUR' }, weightKg: '0.05' },
      ],
      shipping: { amountMinor: 1250, currency: 'EUR' },
      refs: {},
    };
    const result = shipmentToLandedCostRequest(shipment, { accountNumber: '987654321', currencyCode: 'EUR', shipmentPurpose: 'personal' });
    if (!result.ok) throw result.error;
    expect(result.value).toEqual({
      customerDetails: {
        shipperDetails: { postalCode: '518000', cityName: 'Shenzhen', countryCode: 'CN' },
        receiverDetails: { postalCode: '75001', cityName: 'Paris', countryCode: 'FR', provinceCode: 'IDF' },
      },
      accounts: [{ typeCode: 'shipper', number: '987654321' }],
      unitOfMeasurement: 'metric',
      currencyCode: 'EUR',
      isCustomsDeclarable: true,
      isDTPRequested: false,
      isInsuranceRequested: false,
      getCostBreakdown: true,
      charges: [{ typeCode: 'freight', amount: 12.5, currencyCode: 'EUR' }],
      shipmentPurpose: 'personal',
      transportationMode: 'air',
      merchantSelectedCarrierName: 'DHL',
      // 0.1234 + 0.05 = 0.1734 kg, rounded up to DHL's 0.001 kg
      packages: [{ weight: 0.174 }],
      items: [
        {
          number: 1,
          name: 'Phone case',
          description: 'Phone case',
          manufacturerCountry: 'CN',
          quantity: 3,
          quantityType: 'prt',
          // 100.00 / 3 = 33.333333…, half-even to 0.00001
          unitPrice: 33.33333,
          unitPriceCurrencyCode: 'EUR',
          commodityCode: '392690',
          weight: 0.124,
          weightUnitOfMeasurement: 'metric',
        },
        {
          number: 2,
          name: 'USB cable',
          description: 'USB cable',
          manufacturerCountry: 'CN',
          partNumber: 'CBL-1',
          quantity: 1,
          quantityType: 'prt',
          unitPrice: 8.99,
          unitPriceCurrencyCode: 'EUR',
          commodityCode: '854442',
          weight: 0.05,
          weightUnitOfMeasurement: 'metric',
        },
      ],
      getTariffFormula: true,
      getQuotationID: false,
    });
    expect(DhlLandedCostRequestSchema.safeParse(result.value).success).toBe(true);
  });

  it('a shipment DHL cannot take is a MappingError naming every field', () => {
    const shipment: Shipment = {
      ...SPEC_EXAMPLE_SHIPMENT,
      shipTo: { lines: [], postalCode: '1234567890123', country: 'AU' },
      items: [{ ...SPEC_EXAMPLE_SHIPMENT.items[0]!, sku: 'S'.repeat(36), weightKg: undefined }],
    };
    const result = shipmentToLandedCostRequest(shipment, { accountNumber: '1234567890123' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.recordType).toBe('dhl.landed-cost');
    expect(result.error.recordId).toBe('shp-spec-example');
    expect(result.error.issues).toEqual([
      { field: 'accountNumber', message: 'must be 1 to 12 characters' },
      { field: 'items[0].sku', message: 'longer than 35 characters (partNumber)', value: 'S'.repeat(36) },
      { field: 'shipTo.postalCode', message: 'longer than 12 characters', value: '1234567890123' },
      { field: 'shipTo.city', message: 'required by DHL (cityName)' },
      { field: 'items[0].weightKg', message: 'needed to weigh the parcel when no packages are given' },
    ]);
  });

  it('a unit price a JSON number cannot carry exactly is refused, never sent rounded by a double', () => {
    // AUD 90,071,992,547,409.91 for 3 pairs: unit 30,023,997,515,803.30333 has 19 significant digits.
    const shipment: Shipment = {
      ...SPEC_EXAMPLE_SHIPMENT,
      items: [{ ...SPEC_EXAMPLE_SHIPMENT.items[0]!, quantity: 3, value: { amountMinor: Number.MAX_SAFE_INTEGER, currency: 'AUD' } }],
    };
    const result = shipmentToLandedCostRequest(shipment, { accountNumber: '123456789' });
    expect(result.ok ? [] : result.error.issues).toEqual([
      { field: 'items[0].value', message: '30023997515803.30333 has too many digits to travel exactly as a JSON number' },
    ]);
  });
});
