import { describe, expect, it } from 'vitest';
import { converterFor, createFxRateTable } from '../../../engines/fx/index.js';
import { LandedCostQuoteSchema } from '../../../mappings/canonical/tax.js';
import { dhlLandedCostToQuote, ratePercentFromFormula } from '../../../mappings/dhl/index.js';
import { fixtureJson, SPEC_EXAMPLE_SHIPMENT } from './fixtures.js';

const DATE = '2026-03-02';
/** ECB-style rates: AUD→USD is the cross 1.0500 / 1.6000 = 0.65625. */
const FX = createFxRateTable([
  { source: 'ecb', base: 'EUR', quote: 'AUD', date: DATE, rate: '1.6000' },
  { source: 'ecb', base: 'EUR', quote: 'USD', date: DATE, rate: '1.0500' },
]);
const AUD_USD_RATES = [
  { source: 'ecb', base: 'EUR', quote: 'USD', date: DATE, rate: '1.0500' },
  { source: 'ecb', base: 'EUR', quote: 'AUD', date: DATE, rate: '1.6000' },
];
const aud = (amountMinor: number) => ({ amountMinor, currency: 'AUD' });
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe("dhlLandedCostToQuote: the description's landed-cost response example", () => {
  it('maps to the exact LandedCostQuote, seller figures in USD', () => {
    const result = dhlLandedCostToQuote(fixtureJson('response-200.spec-example.json'), SPEC_EXAMPLE_SHIPMENT, { date: DATE, sellerCurrency: 'USD', convert: converterFor({ table: FX }) });
    if (!result.ok) throw result.error;

    expect(result.value).toEqual({
      provider: 'dhl-express',
      reference: 'shp-spec-example',
      date: DATE,
      destination: 'AU',
      incoterm: 'DDP',
      currency: 'AUD',
      items: [
        {
          itemId: 'line-1',
          hsCode: '640391',
          originCountry: 'US',
          // items[0].breakdown "CIF" 5349.21 = COST + INSURANCE + FREIGHT
          customsValue: aud(534921),
          dutyRatePercent: '0',
          duty: aud(0),
          // GST = 0.1 × (CIF + DUTY + …)
          importTax: aud(53492),
          explanation:
            'HS 640391, origin US, 2 × KNITWEAR 100% COTTON REDUCTION PRICE FALL COLLECTION. DHL Express line 1: customs value AUD 5349.21 (COST + INSURANCE + FREIGHT). ' +
            'Duty AUD 0.00 (rate 0% from formula (COST * 0)): ADDITIONAL_DUTY AUD 0 = (COST * 0); DUTY AUD 0 = (COST * 0). ' +
            'Import tax AUD 534.92: GST AUD 534.92 = (0.1 * (CIF + DUTY + WINE_EQUALISATION_TAX + ADDITIONAL_DUTY)).',
        },
      ],
      duty: aud(0),
      importTax: aud(53492),
      fees: [
        { type: 'IMPORT_PROCESSING_CHARGE', amount: aud(5000), explanation: 'DHL Express import fee IMPORT_PROCESSING_CHARGE (AUD 50)' },
        { type: 'IDCA', amount: aud(3800), explanation: 'DHL Express import fee IDCA (AUD 38)' },
      ],
      // 0 + 534.92 + 88.00
      total: aud(62292),
      seller: {
        currency: 'USD',
        duty: usd(0),
        // 534.92 × 0.65625 = 351.04125 → 351.04 (half-even)
        importTax: usd(35104),
        // 88.00 × 0.65625 = 57.75
        fees: usd(5775),
        total: usd(40879),
      },
      rules: [
        {
          rule: {
            id: 'DHL-EXPRESS-LANDED-COST',
            description: 'Duty, import taxes and fees calculated by DHL Express from the HS codes, origins and values sent',
            source: 'DHL Express MyDHL API 3.1.1, POST /landed-cost (exp-api-landed-cost)',
            effectiveFrom: DATE,
          },
          outcome: 'DHL Express: duty AUD 0.00, import tax AUD 534.92, fees AUD 88.00',
        },
      ],
      conversions: [
        {
          from: aud(53492),
          amount: usd(35104),
          rate: '0.6562500000',
          source: 'ecb',
          requestedDate: DATE,
          rateDate: DATE,
          method: 'cross',
          rates: AUD_USD_RATES,
          rounding: 'half-even',
        },
        {
          from: aud(8800),
          amount: usd(5775),
          rate: '0.6562500000',
          source: 'ecb',
          requestedDate: DATE,
          rateDate: DATE,
          method: 'cross',
          rates: AUD_USD_RATES,
          rounding: 'half-even',
        },
      ],
      notes: [
        "DDP: the seller pays duty, import tax and fees (AUD 622.92; USD 408.79) through DHL's Duties & Taxes Paid service.",
        'DHL warning: 200203: #/items/number:1/ The provided HS code is not a valid full Import HS code. Ballpark landed cost is estimated using the provided 6-digit HS Code.',
        'DHL valuation: insured value (SINSV) AUD 10, merchant additional charges (MACHG) AUD 0, shipment customs value (SCUSV) AUD 5000.',
        'DHL transport and service charges, not import charges and not in the total: SPRQN GBP 204.19, STSCH AUD 106.09, EMERGENCY SITUATION [CR] GBP 5.4, FUEL SURCHARGE [FF] GBP 44.54, Duty Tax Paid [DD] EUR 15.',
        "DHL's total landed price (goods, transport, DHL services, duty, tax and fees): AUD 6078.22.",
        'FX: 1 AUD = 0.65625 USD (ecb cross rate of 2026-03-02; AUD 534.92 → USD 351.04).',
        'FX: 1 AUD = 0.65625 USD (ecb cross rate of 2026-03-02; AUD 88.00 → USD 57.75).',
      ],
    });
    expect(LandedCostQuoteSchema.safeParse(result.value).success).toBe(true);
  });

  it('needs no FX when the seller books in the answer currency; DAP says the buyer pays on delivery', () => {
    const result = dhlLandedCostToQuote(fixtureJson('response-200.spec-example.json'), { ...SPEC_EXAMPLE_SHIPMENT, incoterm: 'DAP' }, { date: DATE, sellerCurrency: 'AUD' });
    if (!result.ok) throw result.error;
    expect(result.value.seller).toEqual({ currency: 'AUD', duty: aud(0), importTax: aud(53492), fees: aud(8800), total: aud(62292) });
    expect(result.value.conversions).toEqual([]);
    expect(result.value.notes[0]).toBe('DAP: the buyer pays duty, import tax and fees (AUD 622.92) to DHL Express on delivery.');
  });
});

describe('dhlLandedCostToQuote: answers it cannot read', () => {
  const context = { date: DATE, sellerCurrency: 'AUD' };

  it('no products, or no breakdown with a currency', () => {
    const none = dhlLandedCostToQuote({ products: [] }, SPEC_EXAMPLE_SHIPMENT, context);
    const noBlock = dhlLandedCostToQuote({ products: [{ totalPrice: [{ price: 1 }] }] }, SPEC_EXAMPLE_SHIPMENT, context);
    expect(none.ok ? [] : none.error.issues).toEqual([{ field: 'products', message: 'has no product' }]);
    expect(noBlock.ok ? [] : noBlock.error.issues).toEqual([
      { field: 'products[0].detailedPriceBreakdown', message: 'has no breakdown with a priceCurrency' },
    ]);
  });

  it('a price that is not a number and an item number that refers to no shipment item', () => {
    const response = {
      products: [
        {
          detailedPriceBreakdown: [{ priceCurrency: 'AUD', breakdown: [{ name: 'TOTAL TAXES', typeCode: 'TAX', price: '534.92' }] }],
          items: [{ number: 2, breakdown: [] }],
        },
      ],
    };
    const result = dhlLandedCostToQuote(response, SPEC_EXAMPLE_SHIPMENT, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.recordType).toBe('dhl.landed-cost');
    expect(result.error.recordId).toBe('shp-spec-example');
    expect(result.error.issues).toEqual([
      { field: 'products[0].detailedPriceBreakdown[0].breakdown[0].price', message: 'is not a decimal number', value: '534.92' },
      { field: 'products[0].items[0].number', message: 'refers to no shipment item (1…1)', value: 2 },
    ]);
  });

  it('a seller currency without an FX table is an error, not a silent 0', () => {
    const result = dhlLandedCostToQuote(fixtureJson('response-200.spec-example.json'), SPEC_EXAMPLE_SHIPMENT, { date: DATE, sellerCurrency: 'EUR' });
    expect(result.ok ? [] : result.error.issues).toEqual([
      { field: 'seller.importTax', message: 'needs an FX rate AUD→EUR but no rate table was given' },
      { field: 'seller.fees', message: 'needs an FX rate AUD→EUR but no rate table was given' },
    ]);
  });
});

describe('dhlLandedCostToQuote: duty lines', () => {
  it('reads the duty rate from a (COST * r) formula, converts a line in another currency, and flags totals that disagree with their lines', () => {
    const response = {
      products: [
        {
          detailedPriceBreakdown: [
            {
              priceCurrency: 'AUD',
              breakdown: [
                { name: 'TOTAL DUTIES', typeCode: 'DUTY', price: 99, priceCurrency: 'AUD' },
                { name: 'TOTAL TAXES', typeCode: 'TAX', price: 0, priceCurrency: 'AUD' },
              ],
            },
          ],
          items: [
            {
              number: 1,
              breakdown: [
                { name: 'CIF', price: 1000, priceCurrency: 'AUD' },
                { name: 'DUTY', typeCode: 'DUTY', price: 50, priceCurrency: 'AUD', tariffRateFormula: '(COST * 0.05)' },
                // EUR 25 at 1.6 = AUD 40
                { name: 'ADDITIONAL_DUTY', typeCode: 'DUTY', price: 25, priceCurrency: 'EUR' },
              ],
            },
          ],
        },
      ],
    };
    const result = dhlLandedCostToQuote(response, SPEC_EXAMPLE_SHIPMENT, { date: DATE, sellerCurrency: 'AUD', convert: converterFor({ table: FX }) });
    if (!result.ok) throw result.error;
    expect(result.value.items[0]).toMatchObject({ customsValue: aud(100000), dutyRatePercent: '5', duty: aud(9000) });
    expect(result.value.duty).toEqual(aud(9900));
    expect(result.value.notes).toContain("DHL's duty total AUD 99.00 differs from the sum of its lines AUD 90.00; the quote uses the total.");
    expect(result.value.notes).toContain('FX: 1 EUR = 1.6 AUD (ecb direct rate of 2026-03-02; EUR 25.00 → AUD 40.00).');
  });

  it('ratePercentFromFormula', () => {
    expect(ratePercentFromFormula('(COST * 0.12)')).toBe('12');
    expect(ratePercentFromFormula('(COST * 0.035)')).toBe('3.5');
    expect(ratePercentFromFormula('(COST * 0)')).toBe('0');
    expect(ratePercentFromFormula('((0.3464 % COST) MAX (528.33))')).toBeUndefined();
    expect(ratePercentFromFormula(undefined)).toBeUndefined();
  });
});
