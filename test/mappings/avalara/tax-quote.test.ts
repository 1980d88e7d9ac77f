/**
 * Recorded AvaTax sandbox transactions → TaxQuote, figures asserted exactly (minor units,
 * rates, jurisdictions) against the amounts in the recordings.
 */
import type { AvalaraTransaction } from '../../../connectors/avalara/schemas.js';
import { describe, expect, it } from 'vitest';
import { avalaraTransactionToTaxQuote } from '../../../mappings/avalara/index.js';
import type { TaxQuote } from '../../../mappings/canonical/tax.js';
import { BEACONSFIELD, LONDON, PHILADELPHIA, RECORDED_LINE_ID, recordedTransaction, recordingNames, recording, taxRequest, usd } from './fixtures.js';

function quoteOf(tx: AvalaraTransaction, request?: Parameters<typeof avalaraTransactionToTaxQuote>[1]): TaxQuote {
  const result = avalaraTransactionToTaxQuote(tx, request);
  if (!result.ok) throw result.error;
  return result.value;
}

/** [lineId, taxable minor, rate %, tax minor] */
type Figures = readonly [string, number, string, number];

interface Case {
  readonly name: string;
  readonly file: string;
  readonly jurisdiction: string;
  readonly scheme: string;
  readonly totalTax: number;
  readonly lines: readonly Figures[];
}

const FR_INCLUDED = 'FR-6a9efefa-0c6c-4e63-ab43-f43f1d7b2e22';

const cases: Case[] = [
  { name: 'VAT Europe → US: a London seller charges Philadelphia sales tax', file: 'transactions__create__vat__europe_to_us', jurisdiction: 'US-PA', scheme: 'sales-tax', totalTax: 80, lines: [[RECORDED_LINE_ID, 1000, '8', 80]] },
  { name: 'GST Canada → Canada', file: 'transactions__create__gst__canada_to_canada', jurisdiction: 'CA', scheme: 'vat-gst', totalTax: 50, lines: [[RECORDED_LINE_ID, 1000, '5', 50]] },
  { name: 'GST US → Canada', file: 'transactions__create__gst__us_to_canada', jurisdiction: 'CA', scheme: 'vat-gst', totalTax: 50, lines: [[RECORDED_LINE_ID, 1000, '5', 50]] },
  { name: 'tax excluded, one line', file: 'create_tax_adjustments__tax_excluded__single_line_item', jurisdiction: 'US-PA', scheme: 'sales-tax', totalTax: 80, lines: [[RECORDED_LINE_ID, 1000, '8', 80]] },
  {
    name: 'tax excluded, two lines with quantities',
    file: 'create_tax_adjustments__tax_excluded__multiple_line_items_multiple_quantity',
    jurisdiction: 'US-PA',
    scheme: 'sales-tax',
    totalTax: 400,
    lines: [
      [RECORDED_LINE_ID, 2000, '8', 160],
      ['LI-50f0c7ba-0c5f-4479-a24a-3de192354004', 3000, '8', 240],
    ],
  },
  { name: 'tax included, one line: 10.00 gross = 9.26 + 0.74', file: 'create_tax_adjustments__tax_included__single_line_item', jurisdiction: 'US-PA', scheme: 'sales-tax', totalTax: 74, lines: [[RECORDED_LINE_ID, 926, '8', 74]] },
  {
    name: 'tax included, line and shipment',
    file: 'create_tax_adjustments__tax_included__line_item_and_shipment',
    jurisdiction: 'US-PA',
    scheme: 'sales-tax',
    totalTax: 111,
    lines: [
      [RECORDED_LINE_ID, 926, '8', 74],
      [FR_INCLUDED, 463, '8', 37],
    ],
  },
  {
    name: 'tax included, two lines (30.00 and 20.00 gross)',
    file: 'create_tax_adjustments__tax_included__line_item_adjustment_promotion',
    jurisdiction: 'US-PA',
    scheme: 'sales-tax',
    totalTax: 370,
    lines: [
      [RECORDED_LINE_ID, 2778, '8', 222],
      ['LI-bf57f52a-2ab3-44bc-8be3-8f99ecccd196', 1852, '8', 148],
    ],
  },
  {
    name: 'order promotion: discounted lines taxed on the discounted amount',
    file: 'create_tax_adjustments__order_adjustment_promotion',
    jurisdiction: 'US-PA',
    scheme: 'sales-tax',
    totalTax: 440,
    lines: [
      [RECORDED_LINE_ID, 2857, '8', 228],
      ['LI-be393e03-c530-4d31-bea7-f01b39496568', 2143, '8', 172],
      [FR_INCLUDED, 500, '8', 40],
    ],
  },
  { name: 'refund (ReturnInvoice): negative figures', file: 'transactions__refund__partial_refund_with_refund_success', jurisdiction: 'US-PA', scheme: 'sales-tax', totalTax: -80, lines: [[RECORDED_LINE_ID, -1000, '8', -80]] },
  {
    name: 'void: the cancelled invoice keeps its figures',
    file: 'transactions__void__success',
    jurisdiction: 'US-PA',
    scheme: 'sales-tax',
    totalTax: 880,
    lines: [
      [RECORDED_LINE_ID, 1000, '8', 80],
      ['FR-e6367229-195b-4152-bacb-521056544f20', 10000, '8', 800],
    ],
  },
  { name: 'no nexus in California: zero tax, explained', file: 'transactions__get_by_code__order_with_type_success', jurisdiction: 'US-CA', scheme: 'sales-tax', totalTax: 0, lines: [['1', 0, '0', 0]] },
];

describe('recorded AvaTax transactions → TaxQuote figures', () => {
  it.each(cases)('$name', ({ file, jurisdiction, scheme, totalTax, lines }) => {
    const quote = quoteOf(recordedTransaction(file));
    expect({
      provider: quote.provider,
      jurisdiction: quote.jurisdiction,
      scheme: quote.scheme,
      collectedBy: quote.collectedBy,
      currency: quote.currency,
      totalTax: quote.totalTax,
      lines: quote.lines.map((l) => [l.lineId, l.taxable.amountMinor, l.ratePercent, l.tax.amountMinor]),
    }).toEqual({ provider: 'avalara', jurisdiction, scheme, collectedBy: 'seller', currency: 'USD', totalTax: usd(totalTax), lines });
  });

  it('every recorded transaction maps, and its quote lines add up to AvaTax totalTax', () => {
    let mapped = 0;
    for (const name of recordingNames()) {
      recording(name).forEach((exchange, i) => {
        const body = exchange.response.body as AvalaraTransaction;
        if (typeof body !== 'object' || body === null || !('lines' in body)) return;
        const quote = quoteOf(recordedTransaction(name, i));
        const sum = quote.lines.reduce((a, l) => a + l.tax.amountMinor, 0);
        expect({ name, i, sum }).toEqual({ name, i, sum: quote.totalTax.amountMinor });
        expect(quote.notes.some((n) => n.startsWith('line taxes add up'))).toBe(false);
        mapped += 1;
      });
    }
    expect(mapped).toBe(29);
  });
});

describe('one quote in full', () => {
  it('VAT Europe → US with its request: every field', () => {
    const request = taxRequest({
      reference: 'R010728950',
      seller: { country: 'GB' },
      shipFrom: LONDON,
      shipTo: PHILADELPHIA,
      lines: [{ id: RECORDED_LINE_ID, description: 'Product #5 - 8485', amount: usd(1000) }],
    });
    expect(quoteOf(recordedTransaction('transactions__create__vat__europe_to_us'), request)).toEqual({
      provider: 'avalara',
      reference: 'R010728950',
      date: '2019-09-20',
      jurisdiction: 'US-PA',
      scheme: 'sales-tax',
      collectedBy: 'seller',
      currency: 'USD',
      lines: [
        {
          lineId: RECORDED_LINE_ID,
          taxable: usd(1000),
          ratePercent: '8',
          tax: usd(80),
          jurisdiction: 'PENNSYLVANIA, PHILADELPHIA',
          rule: {
            id: 'avalara:tax-code:P0000000',
            description: 'AvaTax rates for tax code P0000000 in US-PA',
            source: 'Avalara AvaTax REST v2',
            effectiveFrom: '2019-09-20',
          },
          explanation: 'PA STATE TAX (PENNSYLVANIA, State) 6% of 10.00 = 0.60 USD; PA COUNTY TAX (PHILADELPHIA, County) 2% of 10.00 = 0.20 USD',
        },
      ],
      totalTax: usd(80),
      notes: ['AvaTax SalesOrder R010728950 (status Temporary, version 1)'],
      conversions: [],
    });
  });
});

describe('explanations and schemes', () => {
  it('tax included: the gross price is split into net and tax, line by line', () => {
    const quote = quoteOf(recordedTransaction('create_tax_adjustments__tax_included__line_item_and_shipment'));
    expect(quote.lines.map((l) => l.explanation)).toEqual([
      'price includes tax: 10.00 = 9.26 net + 0.74 tax; PA STATE TAX (PENNSYLVANIA, State) 6% of 9.26 = 0.56 USD; PA COUNTY TAX (PHILADELPHIA, County) 2% of 9.26 = 0.18 USD',
      'price includes tax: 5.00 = 4.63 net + 0.37 tax; PA STATE TAX (PENNSYLVANIA, State) 6% of 4.63 = 0.28 USD; PA COUNTY TAX (PHILADELPHIA, County) 2% of 4.63 = 0.09 USD',
    ]);
    expect(quote.lines[1]?.rule.id).toBe('avalara:tax-code:FR');
    expect(quote.notes).toEqual([
      'AvaTax SalesOrder R967088543 (status Temporary, version 1)',
      'prices include tax: taxable amounts are the net AvaTax derived from the gross line amounts',
    ]);
  });

  it('GST: domestic from Quebec to Quebec, distance sale from Philadelphia (origin from the request)', () => {
    const line = { id: RECORDED_LINE_ID, amount: usd(1000) };
    const domestic = quoteOf(
      recordedTransaction('transactions__create__gst__canada_to_canada'),
      taxRequest({ reference: 'R625837711', seller: { country: 'CA' }, shipFrom: BEACONSFIELD, shipTo: BEACONSFIELD, lines: [line] }),
    );
    const fromUs = quoteOf(
      recordedTransaction('transactions__create__gst__us_to_canada'),
      taxRequest({ reference: 'R347247403', seller: { country: 'US' }, shipFrom: PHILADELPHIA, shipTo: BEACONSFIELD, lines: [line] }),
    );
    expect([domestic.scheme, domestic.jurisdiction, domestic.lines[0]?.explanation]).toEqual([
      'domestic',
      'CA',
      'CANADA GST/TPS (CANADA, Country) 5% of 10.00 = 0.50 USD',
    ]);
    expect([fromUs.scheme, fromUs.jurisdiction, fromUs.totalTax]).toEqual(['distance-sale', 'CA', usd(50)]);
  });

  it('a line AvaTax did not tax says why (nexus rule)', () => {
    const quote = quoteOf(recordedTransaction('transactions__get_by_code__order_with_type_success'));
    expect(quote.lines[0]?.explanation).toBe('CA STATE TAX (CALIFORNIA, State) 0% of 0.00 = 0.00 USD (100.00 not taxable: NexusRule)');
  });

  it('the cancelled status of a voided invoice is in the notes', () => {
    expect(quoteOf(recordedTransaction('transactions__void__success')).notes).toEqual(['AvaTax SalesInvoice R251928987 (status Cancelled, version 1)']);
  });

  it('a request line AvaTax did not price is noted; a marketplace deemed supplier collects', () => {
    const tx = recordedTransaction('create_tax_adjustments__tax_excluded__single_line_item');
    const lines = (tx.lines ?? []).map((l) => ({ ...l, deemedSupplier: 'Marketplace' }));
    const request = taxRequest({
      reference: 'R547925177',
      seller: { country: 'US' },
      shipFrom: PHILADELPHIA,
      shipTo: PHILADELPHIA,
      lines: [
        { id: RECORDED_LINE_ID, amount: usd(1000) },
        { id: 'missing-line', amount: usd(500) },
      ],
    });
    const quote = quoteOf({ ...tx, lines }, request);
    expect(quote.collectedBy).toBe('marketplace');
    expect(quote.notes).toContain('request line missing-line is not in the AvaTax transaction');
  });
});
