/**
 * Canonical TaxQuoteRequest → CreateTransactionModel, checked against the requests Spree sent
 * in the recordings (same figures, in the description's spelling: camelCase address keys,
 * alpha-2 countries, JSON-number amounts where Spree's Ruby SDK sent strings).
 */
import type { AvalaraCreateTransactionModel } from '../../../connectors/avalara/schemas.js';
import { describe, expect, it } from 'vitest';
import { taxQuoteRequestToCreateTransaction, type CreateTransactionOptions } from '../../../mappings/avalara/index.js';
import type { TaxQuoteRequest } from '../../../mappings/canonical/tax.js';
import { BEACONSFIELD, LONDON, PHILADELPHIA, RECORDED_LINE_ID, recordedRequestBody, taxRequest, usd } from './fixtures.js';

function mapped(request: TaxQuoteRequest, opts: CreateTransactionOptions): AvalaraCreateTransactionModel {
  const result = taxQuoteRequestToCreateTransaction(request, opts);
  if (!result.ok) throw result.error;
  return result.value;
}

function issuesOf(request: TaxQuoteRequest, opts: CreateTransactionOptions): { field: string; message: string }[] {
  const result = taxQuoteRequestToCreateTransaction(request, opts);
  if (result.ok) throw new Error('expected a mapping error');
  expect(result.error.recordType).toBe('tax.quote-request');
  return result.error.issues.map(({ field, message }) => ({ field, message }));
}

const ALPHA3: Record<string, string> = { USA: 'US', GBR: 'GB', CAN: 'CA' };

type Rec = Record<string, unknown>;

/** The figures a request carries, in the description's spelling, from either side. */
function figures(body: Rec): Rec {
  const addresses = body.addresses as Rec;
  const address = (a: unknown): Rec => {
    const out: Rec = {};
    for (const [k, v] of Object.entries(a as Rec)) if (v !== '' && v !== null) out[k] = k === 'country' ? (ALPHA3[v as string] ?? v) : v;
    return out;
  };
  return {
    type: body.type,
    code: body.code,
    date: body.date,
    customerCode: body.customerCode,
    currencyCode: body.currencyCode,
    referenceCode: body.referenceCode,
    commit: body.commit,
    shipFrom: address(addresses.shipFrom ?? addresses.ShipFrom),
    shipTo: address(addresses.shipTo ?? addresses.ShipTo),
    lines: (body.lines as Rec[]).map((l) => ({
      number: l.number,
      quantity: l.quantity,
      // Spree's SDK sends "10.0"; the description types amount as a double.
      amount: typeof l.amount === 'string' ? Number(l.amount) : l.amount,
      taxCode: l.taxCode,
      taxIncluded: l.taxIncluded,
    })),
  };
}

const RECORDED_OPTS = { companyCode: 'test1' } as const;

describe('requests with the recorded figures', () => {
  it('VAT Europe → US: the exact model', () => {
    const request = taxRequest({
      reference: 'R010728950',
      seller: { country: 'GB' },
      shipFrom: LONDON,
      shipTo: PHILADELPHIA,
      lines: [{ id: RECORDED_LINE_ID, description: 'Product #5 - 8485', amount: usd(1000) }],
    });
    const model = mapped(request, { ...RECORDED_OPTS, code: 'R010728950', type: 'SalesOrder', customerCode: 'delbert.stroman@klocko.com' });
    expect(model).toEqual({
      type: 'SalesOrder',
      code: 'R010728950',
      companyCode: 'test1',
      date: '2019-09-20',
      customerCode: 'delbert.stroman@klocko.com',
      addresses: {
        shipFrom: { line1: '10 Paternoster Sq', city: 'London', country: 'GB', postalCode: 'EC4M 7LS' },
        shipTo: { line1: '822 Reed St', city: 'Philadelphia', region: 'PA', country: 'US', postalCode: '19147' },
      },
      lines: [
        { number: RECORDED_LINE_ID, quantity: 1, amount: 10, taxCode: 'P0000000', itemCode: RECORDED_LINE_ID, taxIncluded: false, description: 'Product #5 - 8485' },
      ],
      commit: false,
      currencyCode: 'USD',
      referenceCode: 'R010728950',
    });
    expect(figures(model as unknown as Rec)).toEqual(figures(recordedRequestBody('transactions__create__vat__europe_to_us')));
  });

  it.each([
    { file: 'transactions__create__gst__canada_to_canada', code: 'R625837711', customer: 'bernita.schmeler@ryan.biz', from: BEACONSFIELD, to: BEACONSFIELD },
    { file: 'transactions__create__gst__us_to_canada', code: 'R347247403', customer: 'olene.von@graham.ca', from: PHILADELPHIA, to: BEACONSFIELD },
  ])('GST $file', ({ file, code, customer, from, to }) => {
    const request = taxRequest({ reference: code, seller: { country: from.country }, shipFrom: from, shipTo: to, lines: [{ id: RECORDED_LINE_ID, amount: usd(1000) }] });
    const model = mapped(request, { ...RECORDED_OPTS, code, type: 'SalesOrder', customerCode: customer });
    expect(figures(model as unknown as Rec)).toEqual(figures(recordedRequestBody(file)));
  });

  it('tax included, with shipping as a freight line (taxCode FR)', () => {
    const freight = 'FR-6a9efefa-0c6c-4e63-ab43-f43f1d7b2e22';
    const request = taxRequest({
      reference: 'R967088543',
      seller: { country: 'US' },
      shipFrom: PHILADELPHIA,
      shipTo: PHILADELPHIA,
      pricesIncludeTax: true,
      lines: [{ id: RECORDED_LINE_ID, amount: usd(1000) }],
      shipping: usd(500),
    });
    const model = mapped(request, { ...RECORDED_OPTS, code: 'R967088543', type: 'SalesOrder', customerCode: 'stacia@sanfordreinger.info', shippingLineNumber: freight });
    expect(model.lines).toEqual([
      { number: RECORDED_LINE_ID, quantity: 1, amount: 10, taxCode: 'P0000000', itemCode: RECORDED_LINE_ID, taxIncluded: true },
      { number: freight, quantity: 1, amount: 5, taxCode: 'FR', taxIncluded: true, description: 'Shipping' },
    ]);
    expect(figures(model as unknown as Rec)).toEqual(figures(recordedRequestBody('create_tax_adjustments__tax_included__line_item_and_shipment')));
  });

  it('refund: a committed ReturnInvoice with negative amounts', () => {
    const request = taxRequest({ reference: 'R975363174', seller: { country: 'US' }, shipFrom: PHILADELPHIA, shipTo: PHILADELPHIA, lines: [{ id: RECORDED_LINE_ID, amount: usd(1000) }] });
    const model = mapped(request, { ...RECORDED_OPTS, code: 'R975363174-1', type: 'ReturnInvoice', commit: true, customerCode: 'kristin.ward@jaskolski.co.uk' });
    expect(model.lines[0]?.amount).toBe(-10);
    expect(figures(model as unknown as Rec)).toEqual(figures(recordedRequestBody('transactions__refund__partial_refund_with_refund_success')));
  });
});

describe('request details', () => {
  const base = { reference: 'order-1', seller: { country: 'DE' }, shipFrom: { lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' }, shipTo: PHILADELPHIA };
  const opts: CreateTransactionOptions = { companyCode: 'ACME', code: 'caravan-acme-order-1', type: 'SalesInvoice' };

  it('amounts come from the currency exponent: JPY has none, KWD three', () => {
    const jpy = mapped(taxRequest({ ...base, currency: 'JPY', lines: [{ id: 'a', amount: { amountMinor: 1980, currency: 'JPY' } }] }), opts);
    const kwd = mapped(taxRequest({ ...base, currency: 'KWD', lines: [{ id: 'a', amount: { amountMinor: 1250, currency: 'KWD' } }] }), opts);
    const usdCents = mapped(taxRequest({ ...base, lines: [{ id: 'a', amount: usd(1101) }] }), opts);
    expect([jpy.lines[0]?.amount, kwd.lines[0]?.amount, usdCents.lines[0]?.amount]).toEqual([1980, 1.25, 11.01]);
  });

  it('buyer VAT number, DDP, a fourth address line and the customer code default', () => {
    const model = mapped(
      taxRequest({
        ...base,
        shipTo: { lines: ['Flat 2', '10 High St', 'Floor 3', 'Back entrance'], city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
        buyer: { vatNumber: 'GB123456789', isBusiness: true },
        incoterm: 'DDP',
        lines: [{ id: 'sku-1', amount: usd(2500), hsCode: '420221', taxCategory: 'books' }],
      }),
      opts,
    );
    expect(model.customerCode).toBe('order-1');
    expect(model.addresses?.shipTo).toEqual({ line1: 'Flat 2', line2: '10 High St', line3: 'Floor 3, Back entrance', city: 'Leeds', country: 'GB', postalCode: 'LS1 1AA' });
    expect([model.businessIdentificationNo, model.isSellerImporterOfRecord, model.deliveryTerms]).toEqual(['GB123456789', true, 'DDP']);
    expect(model.lines[0]).toEqual({ number: 'sku-1', quantity: 1, amount: 25, taxCode: 'PB100000', itemCode: 'sku-1', taxIncluded: false, hsCode: '420221' });
  });

  it('a category without an AvaTax code is an error naming the line, unless the tenant gives one', () => {
    const request = taxRequest({ ...base, lines: [{ id: 'a', amount: usd(100) }, { id: 'b', amount: usd(100), taxCategory: 'reduced' }] });
    expect(issuesOf(request, opts)).toEqual([
      { field: 'lines[1].taxCategory', message: 'no AvaTax tax code for category "reduced": give one in the taxCodes option' },
    ]);
    expect(mapped(request, { ...opts, taxCodes: { reduced: 'TENANT-REDUCED' } }).lines[1]?.taxCode).toBe('TENANT-REDUCED');
  });

  it('limits of the description and ambiguities are refused, each naming its field', () => {
    const request = taxRequest({
      ...base,
      lines: [
        { id: 'x'.repeat(51), amount: usd(100) },
        { id: 'dup', amount: usd(100) },
        { id: 'dup', amount: usd(100) },
        { id: 'shipping', amount: usd(9007199254740991) },
      ],
      shipping: usd(500),
    });
    expect(issuesOf(request, { ...opts, code: 'c'.repeat(51) })).toEqual([
      { field: '(options).code', message: 'is 51 characters, AvaTax takes at most 50' },
      { field: 'lines[0].id', message: 'is 51 characters, AvaTax takes at most 50' },
      { field: 'lines[2].id', message: 'appears twice: AvaTax line numbers must be unique' },
      { field: 'lines[3].amount', message: "90071992547409.91 USD has more digits than AvaTax's double amounts carry exactly" },
      { field: 'shipping', message: 'the freight line number "shipping" is also a line id: pass shippingLineNumber' },
    ]);
  });

  it('a line in another currency is refused', () => {
    const request = taxRequest({ ...base, lines: [{ id: 'a', amount: { amountMinor: 100, currency: 'EUR' } }] });
    expect(issuesOf(request, opts)).toEqual([{ field: 'lines[0].amount.currency', message: 'is EUR, the request is in USD' }]);
  });
});
