/**
 * Landed cost from AvaTax Cross-Border details. The recordings carry no customs duty, so the
 * positive case is a SYNTHETIC transaction built only from fields the description defines
 * (TransactionLineDetailModel.taxType "LandedCost" and isFee, TransactionLineModel.hsCode and
 * costInsuranceFreight, TransactionModel.isSellerImporterOfRecord, AvaTaxMessage.refersTo);
 * its figures are hand-computed below.
 */
import type { AvalaraTransaction } from '../../../connectors/avalara/schemas.js';
import { describe, expect, it } from 'vitest';
import { avalaraTransactionToLandedCost, avalaraTransactionToTaxQuote } from '../../../mappings/avalara/index.js';
import { converterFor, createFxRateTable } from '../../../engines/fx/index.js';
import type { Money } from '../../../mappings/canonical/money.js';
import { recordedTransaction, recordingNames, recording, taxRequest } from './fixtures.js';

const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });
const germany = { country: 'DE', region: 'DE', jurisName: 'GERMANY', jurisdictionType: 'Country', jurisType: 'CNT' } as const;

/**
 * A US seller ships a leather handbag (HS 4202210010) to Berlin, DDP, in EUR:
 * customs value 215.00 (CIF); duty 3% = 6.45; import VAT 19% of (215.00 + 6.45) = 42.0755 → 42.08;
 * a 2.00 customs processing fee; VAT 19% on 15.00 shipping = 2.85. Total 53.38.
 */
const crossBorder: AvalaraTransaction = {
  code: 'caravan-acme-4711',
  type: 'SalesInvoice',
  status: 'Committed',
  date: '2026-03-02',
  currencyCode: 'EUR',
  isSellerImporterOfRecord: true,
  totalTax: 53.38,
  lines: [
    {
      lineNumber: 'bag-1',
      lineAmount: 200,
      taxableAmount: 215,
      tax: 50.53,
      taxCode: 'P0000000',
      hsCode: '4202210010',
      costInsuranceFreight: 215,
      details: [
        { ...germany, taxType: 'LandedCost', taxName: 'DE LandedCost', rate: 0.03, taxableAmount: 215, tax: 6.45 },
        { ...germany, taxType: 'Output', taxName: 'DE VAT', rate: 0.19, taxableAmount: 221.45, tax: 42.08 },
        { ...germany, taxType: 'LandedCost', isFee: true, taxName: 'DE customs processing fee', rate: 0, taxableAmount: 0, tax: 2 },
      ],
    },
    {
      lineNumber: 'shipping',
      lineAmount: 15,
      taxableAmount: 15,
      tax: 2.85,
      taxCode: 'FR',
      details: [{ ...germany, taxType: 'Output', taxName: 'DE VAT', rate: 0.19, taxableAmount: 15, tax: 2.85 }],
    },
  ],
  messages: [{ summary: 'Import duty applies above the DE duty de minimis', refersTo: 'LandedCost', severity: 'Success' }],
};

const request = taxRequest({
  reference: 'order-4711',
  date: '2026-03-02',
  currency: 'EUR',
  seller: { country: 'US' },
  shipFrom: { lines: ['1 Main St'], city: 'Wappingers Falls', region: 'NY', postalCode: '12590', country: 'US' },
  shipTo: { lines: ['Unter den Linden 1'], city: 'Berlin', postalCode: '10117', country: 'DE' },
  incoterm: 'DDP',
  lines: [{ id: 'bag-1', amount: eur(20000), hsCode: '4202210010', originCountry: 'IT' }],
  shipping: eur(1500),
});

describe('AvaTax Cross-Border transaction → LandedCostQuote (synthetic, spec fields)', () => {
  it('duty, import tax, fees and total, per item and in total', () => {
    const result = avalaraTransactionToLandedCost(crossBorder, request);
    if (!result.ok) throw result.error;
    expect(result.value).toEqual({
      provider: 'avalara',
      reference: 'order-4711',
      date: '2026-03-02',
      destination: 'DE',
      incoterm: 'DDP',
      currency: 'EUR',
      items: [
        {
          itemId: 'bag-1',
          hsCode: '4202210010',
          originCountry: 'IT',
          customsValue: eur(21500),
          dutyRatePercent: '3',
          duty: eur(645),
          importTax: eur(4208),
          explanation: 'DE LandedCost (GERMANY, Country) 3% of 215.00 = 6.45 EUR; DE VAT (GERMANY, Country) 19% of 221.45 = 42.08 EUR',
        },
      ],
      duty: eur(645),
      importTax: eur(4493),
      fees: [{ type: 'DE customs processing fee', amount: eur(200), explanation: 'DE customs processing fee (GERMANY, Country) 0% of 0.00 = 2.00 EUR' }],
      total: eur(5338),
      seller: { currency: 'EUR', duty: eur(645), importTax: eur(4493), fees: eur(200), total: eur(5338) },
      rules: [
        {
          rule: { id: 'avalara:landed-cost:message', description: 'Import duty applies above the DE duty de minimis', source: 'Avalara AvaTax REST v2', effectiveFrom: '2026-03-02' },
          outcome: 'Import duty applies above the DE duty de minimis',
        },
      ],
      conversions: [],
      notes: [
        'AvaTax SalesInvoice caravan-acme-4711: duty 6.45, import tax 44.93, fees 2.00 EUR',
        "amounts in the document currency EUR, which is the seller's currency",
        'the seller is importer of record (DDP) and pays duty and import tax',
      ],
    });
  });

  it('the tax quote of the same transaction lists duty and fee lines beside the VAT, adding up to totalTax', () => {
    const result = avalaraTransactionToTaxQuote(crossBorder, request);
    if (!result.ok) throw result.error;
    const quote = result.value;
    expect(quote.lines.map((l) => [l.lineId, l.jurisdiction, l.taxable.amountMinor, l.ratePercent, l.tax.amountMinor, l.rule.id])).toEqual([
      ['bag-1', 'GERMANY', 22145, '19', 4208, 'avalara:tax-code:P0000000'],
      ['bag-1', 'GERMANY customs duty', 21500, '3', 645, 'avalara:landed-cost:4202210010'],
      ['bag-1', 'GERMANY fees', 0, '0', 200, 'avalara:fee:DE customs processing fee'],
      ['shipping', 'GERMANY', 1500, '19', 285, 'avalara:tax-code:FR'],
    ]);
    expect([quote.jurisdiction, quote.scheme, quote.collectedBy, quote.totalTax]).toEqual(['DE', 'import', 'seller', eur(5338)]);
    expect(quote.notes).toContain('includes customs duty of 6.45 EUR (AvaTax Cross-Border); see the landed-cost quote');
  });

  it("gives the seller's figures in the seller's currency, with the rate used", () => {
    const fx = createFxRateTable([{ source: 'ecb', base: 'EUR', quote: 'USD', date: '2026-03-02', rate: '1.0500' }]);
    const result = avalaraTransactionToLandedCost(crossBorder, request, { sellerCurrency: 'USD', date: '2026-03-02', convert: converterFor({ table: fx }) });
    if (!result.ok) throw result.error;
    const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });
    // 6.45 × 1.05 = 6.7725 → 6.77; 44.93 × 1.05 = 47.1765 → 47.18; 2.00 × 1.05 = 2.10
    expect(result.value.seller).toEqual({ currency: 'USD', duty: usd(677), importTax: usd(4718), fees: usd(210), total: usd(5605) });
    expect(result.value.total).toEqual(eur(5338));
    expect(result.value.conversions.map((c) => [c.from.currency, c.amount.currency, c.rate])).toEqual([
      ['EUR', 'USD', '1.0500000000'],
      ['EUR', 'USD', '1.0500000000'],
      ['EUR', 'USD', '1.0500000000'],
    ]);
    const noRate = avalaraTransactionToLandedCost(crossBorder, request, { sellerCurrency: 'JPY', date: '2026-03-02', convert: converterFor({ table: fx }) });
    expect(noRate.ok ? [] : noRate.error.issues.map((i) => i.field)).toEqual(['seller.duty', 'seller.importTax', 'seller.fees']);
  });

  it('DAP: the buyer pays at customs', () => {
    const dap = { ...crossBorder, isSellerImporterOfRecord: false };
    const landed = avalaraTransactionToLandedCost(dap, { ...request, incoterm: 'DAP' });
    const quote = avalaraTransactionToTaxQuote(dap, request);
    expect(landed.ok && landed.value.incoterm).toBe('DAP');
    expect(quote.ok && quote.value.collectedBy).toBe('customs');
  });

  it('without the request, the origin is unknown: a typed error naming the line', () => {
    const result = avalaraTransactionToLandedCost(crossBorder);
    expect(result.ok ? [] : result.error.issues).toEqual([{ field: 'lines[0]', message: 'origin country unknown: AvaTax does not return it; pass the request' }]);
  });

  it('no recorded sandbox transaction carries duty: each is a typed error naming lines[].details', () => {
    const codes: string[] = [];
    for (const name of recordingNames()) {
      recording(name).forEach((exchange, i) => {
        const body = exchange.response.body;
        if (typeof body !== 'object' || body === null || !('lines' in body)) return;
        const result = avalaraTransactionToLandedCost(recordedTransaction(name, i));
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.field).toBe('lines[].details');
          codes.push(result.error.recordId ?? '');
        }
      });
    }
    expect(codes).toHaveLength(29);
    expect(codes).toContain('R010728950');
  });
});
