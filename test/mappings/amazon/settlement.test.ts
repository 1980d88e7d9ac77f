/** Amazon settlement report flat files → Settlement + SettlementLines (older layout fixture, V2 layout, dates, decimal commas). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAmazonSettlementReport } from '../../../connectors/amazon/schemas/settlement-report.js';
import { amazonReportDate, amazonSettlementKind, amazonSettlementReportToRecords } from '../../../mappings/amazon/index.js';
import { SettlementLineSchema, SettlementSchema } from '../../../mappings/canonical/index.js';
import { v2Report } from './settlement-kit.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'settlement', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.airbyte-fixture.tsv');


function mapText(text: string) {
  const parsed = parseAmazonSettlementReport(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return amazonSettlementReportToRecords(parsed.report);
}

describe('amazon settlement report → Settlement and lines', () => {
  it('maps the airbyte fixture (older layout): the total, then one line per amount of the Order row', () => {
    const { header, lines } = mapText(readFileSync(FIXTURE, 'utf8'));
    expect(header?.ok && SettlementSchema.parse(header.value)).toEqual({
      source: 'amazon',
      settlementId: '12345678901',
      idempotencyKey: 'amazon:12345678901',
      startAt: '2023-01-01T00:00:00Z',
      endAt: '2023-01-15T00:00:00Z',
      depositAt: '2023-01-17T00:00:00Z',
      total: { amountMinor: 123456, currency: 'USD' },
      currency: 'USD',
    });
    expect(lines.map((l) => l.ok && SettlementLineSchema.parse(l.value)).map((l) => l && [l.lineId, l.kind, l.rawType, l.gross.amountMinor, l.postedAt, l.refs.orderId, l.refs.sku])).toEqual([
      ['12345678901:3:price-amount', 'sale', 'Order/Principal', 1999, '2023-01-03T10:00:00Z', '111-1111111-1111111', 'SKU-1'],
      ['12345678901:3:item-related-fee-amount', 'fee', 'Order/FBAPerUnitFulfillmentFee', -322, '2023-01-03T10:00:00Z', '111-1111111-1111111', 'SKU-1'],
    ]);
  });

  it('maps the V2 layout: one line per row, date-only posted-date kept as a date, decimal commas, reserves, refunds', () => {
    const text = v2Report([
      { 'settlement-id': '987', 'settlement-start-date': '2024-03-01 00:00:00 UTC', 'settlement-end-date': '2024-03-15 00:00:00 UTC', 'deposit-date': '2024-03-17 00:00:00 UTC', 'total-amount': '1234,56', currency: 'EUR' },
      { 'settlement-id': '987', 'transaction-type': 'Order', 'order-id': '302-1', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '19,99', 'posted-date': '03.03.2024', sku: 'A' },
      { 'settlement-id': '987', 'transaction-type': 'Order', 'order-id': '302-1', 'amount-type': 'ItemFees', 'amount-description': 'Commission', amount: '-3,00', 'posted-date': '03.03.2024', sku: 'A' },
      { 'settlement-id': '987', 'transaction-type': 'Refund', 'order-id': '302-2', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '-9.50', 'posted-date': '2024-03-05', 'posted-date-time': '2024-03-05T08:00:00+01:00' },
      { 'settlement-id': '987', 'transaction-type': 'other-transaction', 'amount-type': 'other-transaction', 'amount-description': 'Current Reserve Amount', amount: '-50.00', 'posted-date': '2024-03-15' },
      { 'settlement-id': '987', 'transaction-type': 'Chargeback Refund', 'order-id': '302-3', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '-12.00', 'posted-date': '2024-03-10' },
      { 'settlement-id': '987', 'transaction-type': 'Something New', 'amount-type': 'Other', 'amount-description': 'Whatever', amount: '1.00', 'posted-date': '2024-03-10' },
    ]);
    const { header, lines } = mapText(text);
    expect(header?.ok && header.value.total).toEqual({ amountMinor: 123456, currency: 'EUR' });
    expect(lines.map((l) => l.ok && [l.value.lineId, l.value.kind, l.value.gross.amountMinor, l.value.postedAt, l.value.description])).toEqual([
      ['987:3', 'sale', 1999, '2024-03-03', 'Principal'],
      ['987:4', 'fee', -300, '2024-03-03', 'Commission'],
      ['987:5', 'refund', -950, '2024-03-05T07:00:00Z', 'Principal'],
      ['987:6', 'reserve', -5000, '2024-03-15', 'Current Reserve Amount'],
      ['987:7', 'chargeback', -1200, '2024-03-10', 'Principal'],
      ['987:8', 'other', 100, '2024-03-10', 'Whatever'],
    ]);
  });

  it('names the row and the column of an amount it cannot read, and of a row without an amount', () => {
    const { lines } = mapText(
      v2Report([
        { 'settlement-id': '5', 'total-amount': '1.00', currency: 'JPY' },
        { 'settlement-id': '5', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', amount: '10.50', 'posted-date': '2024-03-10' },
        { 'settlement-id': '5', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', amount: '', 'posted-date': '2024-03-10' },
      ]),
    );
    expect(lines.map((l) => !l.ok && [l.error.recordType, l.error.recordId, l.error.field])).toEqual([
      ['amazon.settlement-report', '5:3', 'line 3.amount'],
      ['amazon.settlement-report', '5:4', 'line 4.amount'],
    ]);
  });

  it('maps the rows of a report without its totals row (no Settlement, lines keep their own ids)', () => {
    const { header, lines } = mapText(v2Report([{ 'settlement-id': '77', currency: 'GBP', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '5.00', 'posted-date': '2024-03-10' }]));
    expect(header).toBeUndefined();
    expect(lines.map((l) => l.ok && [l.value.lineId, l.value.gross])).toEqual([['77:2', { amountMinor: 500, currency: 'GBP' }]]);
  });

  it('refuses a text that is not a settlement report', () => {
    expect(parseAmazonSettlementReport('order-id\tsku\n1\t2\n')).toEqual({ ok: false, message: expect.stringContaining('settlement-id') });
  });

  it.each([
    ['2023-01-01 00:00:00 UTC', '2023-01-01T00:00:00Z'],
    ['2023-07-01 10:00:00 PDT', '2023-07-01T17:00:00Z'],
    ['2024-03-05T08:00:00+01:00', '2024-03-05T07:00:00Z'],
    ['03.03.2024', '2024-03-03'],
    ['2024-03-03', '2024-03-03'],
    ['03.03.2024 07:00:00 UTC', '2024-03-03T07:00:00Z'],
    ['2024-03-03 07:00:00 +0100', '2024-03-03T06:00:00Z'],
  ])('date %s → %s', (raw, value) => expect(amazonReportDate(raw)).toEqual({ ok: true, value }));

  it('an impossible date is an error', () => {
    expect(amazonReportDate('31.02.2024').ok).toBe(false);
  });

  it('kinds: fees of an order or refund are fees, other-transaction fees too', () => {
    expect(amazonSettlementKind('Refund', 'ItemFees', 'Commission', false)).toBe('fee');
    expect(amazonSettlementKind('other-transaction', 'other-transaction', 'Storage Fee', false)).toBe('fee');
    expect(amazonSettlementKind('Transfer', '', '', false)).toBe('payout');
  });
});

describe('amazon settlement reports as marketplaces really write them (held-out sweep)', () => {
  const HELDOUT = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout-pay');

  it('a real 2015 flat file (fluxxu/mws-rs): the item row with a quantity and no amount moves no money and has no line', () => {
    const { header, lines } = mapText(readFileSync(join(HELDOUT, 'settlement-flat-file.mws-rs-2015.tsv'), 'utf8'));
    expect(header?.ok && header.value.total).toEqual({ amountMinor: 1663013, currency: 'USD' });
    expect(lines.map((l) => l.ok && [l.value.lineId, l.value.kind, l.value.gross.amountMinor, l.value.postedAt])).toEqual([
      ['6016502941:4:price-amount', 'sale', 2799, '2015-12-02T04:15:26Z'],
      ['6016502941:5:item-related-fee-amount', 'fee', -100, '2015-12-02T04:15:26Z'],
    ]);
  });

  it('localized amounts: thousands grouped with dots, spaces (no-break too) or commas; a decimal comma', () => {
    const { header, lines } = mapText(
      v2Report([
        { 'settlement-id': '9', 'settlement-start-date': '05.03.2018 23:00:25 UTC', 'deposit-date': '21.03.2018 23:00:25 UTC', 'total-amount': '1.234,56', currency: 'EUR' },
        { 'settlement-id': '9', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '1.299,00', 'posted-date-time': '06.03.2018 10:11:12 UTC' },
        { 'settlement-id': '9', 'transaction-type': 'Refund', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '-1\u00a0299,00', 'posted-date': '10.03.2018' },
        { 'settlement-id': '9', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '1 299,5', 'posted-date': '10.03.2018' },
        { 'settlement-id': '9', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '2,345.60', 'posted-date': '10.03.2018' },
        { 'settlement-id': '9', 'transaction-type': 'Order', 'amount-type': 'ItemFees', 'amount-description': 'Commission', amount: '-194,85', 'posted-date': '10.03.2018' },
      ]),
    );
    expect(header?.ok && [header.value.total.amountMinor, header.value.startAt, header.value.depositAt]).toEqual([123456, '2018-03-05T23:00:25Z', '2018-03-21T23:00:25Z']);
    expect(lines.map((l) => l.ok && l.value.gross.amountMinor)).toEqual([129900, -129900, 129950, 234560, -19485]);
  });

  it('a JP report: yen grouped with commas, year-first dates with slashes in JST', () => {
    const { header, lines } = mapText(
      v2Report([
        { 'settlement-id': '7', 'settlement-start-date': '2018/03/05 23:00:25 JST', 'total-amount': '12,345', currency: 'JPY' },
        { 'settlement-id': '7', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '1,980', 'posted-date': '2018/03/06', 'posted-date-time': '2018/03/06 10:11:12 JST' },
        { 'settlement-id': '7', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '500', 'posted-date': '2018/03/06' },
      ]),
    );
    expect(header?.ok && [header.value.total, header.value.startAt]).toEqual([{ amountMinor: 12345, currency: 'JPY' }, '2018-03-05T14:00:25Z']);
    expect(lines.map((l) => l.ok && [l.value.gross.amountMinor, l.value.postedAt])).toEqual([
      [1980, '2018-03-06T01:11:12Z'],
      [500, '2018-03-06'],
    ]);
  });

  it('an amount no locale writes is still an error naming the row and column', () => {
    const { lines } = mapText(v2Report([{ 'settlement-id': '3', 'total-amount': '1.00', currency: 'EUR' }, { 'settlement-id': '3', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', amount: '1.2.3,4', 'posted-date': '2024-03-10' }]));
    expect(lines.map((l) => !l.ok && [l.error.recordId, l.error.field])).toEqual([['3:3', 'line 3.amount']]);
  });
});

describe('settlement amount types of real V2 files (held-out sweep)', () => {
  it.each([
    ['Order', 'ItemWithheldTax', 'MarketplaceFacilitatorTax-Principal', 'other'], // as the Finances mapping reads withheld tax
    ['ServiceFee', 'Cost of Advertising', 'TransactionTotalAmount', 'fee'],
    ['Order', 'ItemPrice', 'Principal', 'sale'],
    ['Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', 'fee'],
  ])('%s / %s / %s → %s', (type, amountType, description, kind) => {
    expect(amazonSettlementKind(type, amountType, description, false)).toBe(kind);
  });
});

describe('a settlement report saved again by a spreadsheet (held-out sweep)', () => {
  it('every header cell quoted: read with quoting ("" inside a cell), lines as the stream reader numbers them', () => {
    const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const text = v2Report([
      { 'settlement-id': '9', 'total-amount': '10.00', currency: 'USD' },
      { 'settlement-id': '9', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '10.00', 'posted-date': '2024-03-03', sku: 'A "quoted", sku' },
    ])
      .split('\r\n')
      .map((l) => (l === '' ? l : l.split('\t').map(q).join('\t')))
      .join('\r\n');
    const { header, lines } = mapText(text);
    expect(header?.ok && header.value.total).toEqual({ amountMinor: 1000, currency: 'USD' });
    expect(lines.map((l) => l.ok && [l.value.lineId, l.value.refs.sku])).toEqual([['9:3', 'A "quoted", sku']]);
  });
});
