/**
 * mappings/amazon/finances.ts: Finances v0 financial events → SettlementLines (one per money
 * component, identity from the event's own ids), event groups → Settlement, Finances 2024-06-19
 * transactions → SettlementLines. Events here are built from the financesV0 model's shapes.
 */
import { describe, expect, it } from 'vitest';
import {
  amazonFinancialEventGroupToSettlement,
  amazonFinancialEventKind,
  amazonFinancialEventsToLines,
  amazonTransactionToLine,
} from '../../../mappings/amazon/index.js';
import { SettlementLineSchema, SettlementSchema, type SettlementLine } from '../../../mappings/canonical/index.js';

const usd = (a: string) => ({ CurrencyCode: 'USD', CurrencyAmount: a });
const okLines = (fe: unknown, opts = {}) =>
  amazonFinancialEventsToLines(fe, 'payload.FinancialEvents', opts).map((r) => {
    if (!r.ok) throw new Error(r.error.message);
    expect(SettlementLineSchema.safeParse(r.value).success).toBe(true);
    return r.value;
  });
const brief = (l: SettlementLine) => [l.kind, l.rawType, l.gross.amountMinor];

const refund = {
  AmazonOrderId: '111-2222222-3333333',
  SellerOrderId: 'S-1',
  MarketplaceName: 'Amazon.com',
  PostedDate: '2024-02-01T10:00:00Z',
  ShipmentItemAdjustmentList: [
    {
      SellerSKU: 'SKU-1',
      OrderAdjustmentItemId: '55501',
      QuantityShipped: 1,
      ItemChargeAdjustmentList: [
        { ChargeType: 'Principal', ChargeAmount: usd('-28.88') },
        { ChargeType: 'Tax', ChargeAmount: usd('-2.31') },
      ],
      ItemFeeAdjustmentList: [
        { FeeType: 'Commission', FeeAmount: usd('4.33') },
        { FeeType: 'RefundCommission', FeeAmount: usd('-0.87') },
      ],
      PromotionAdjustmentList: [{ PromotionType: 'PromotionMetaDataDefinitionValue', PromotionId: 'PLM-1', PromotionAmount: usd('1.00') }],
    },
  ],
};

describe('amazon.financial-events: lines per component', () => {
  it('a RefundEvent: charges and promotions are refund, fee reversals fee, tax other; field by field', () => {
    const lines = okLines({ RefundEventList: [refund] });
    expect(lines.map(brief)).toEqual([
      ['refund', 'Refund/ItemChargeAdjustmentList/Principal', -2888],
      ['other', 'Refund/ItemChargeAdjustmentList/Tax', -231],
      ['fee', 'Refund/ItemFeeAdjustmentList/Commission', 433],
      ['fee', 'Refund/ItemFeeAdjustmentList/RefundCommission', -87],
      ['refund', 'Refund/PromotionAdjustmentList/PromotionMetaDataDefinitionValue+PLM-1', 100],
    ]);
    expect(lines[0]).toEqual({
      source: 'amazon',
      lineId: 'fe:Refund:111-2222222-3333333:2024-02-01T10:00:00Z:55501:ItemChargeAdjustmentList:Principal:0',
      idempotencyKey: 'amazon:fe:Refund:111-2222222-3333333:2024-02-01T10:00:00Z:55501:ItemChargeAdjustmentList:Principal:0',
      kind: 'refund',
      rawType: 'Refund/ItemChargeAdjustmentList/Principal',
      currency: 'USD',
      gross: { amountMinor: -2888, currency: 'USD' },
      postedAt: '2024-02-01T10:00:00Z',
      description: 'Amazon.com',
      refs: { orderId: '111-2222222-3333333', merchantOrderId: 'S-1', sku: 'SKU-1' },
    });
  });

  it('the identity is the same whichever reply (by date, by group, by order) and page the event comes in', () => {
    const a = okLines({ RefundEventList: [refund] }).map((l) => l.lineId);
    const b = okLines({ ShipmentEventList: [], RefundEventList: [{ ...refund }, { ...refund, AmazonOrderId: '999-0000000-0000000' }] }).slice(0, 5).map((l) => l.lineId);
    expect(b).toEqual(a);
  });

  it('a type repeated within one item is told apart by its index (0, 1 …)', () => {
    const e = { AmazonOrderId: 'O-1', PostedDate: '2024-01-01T00:00:00Z', ShipmentItemList: [{ OrderItemId: 'I-1', ItemFeeList: [{ FeeType: 'Commission', FeeAmount: usd('-1.00') }, { FeeType: 'Commission', FeeAmount: usd('-2.00') }] }] };
    expect(okLines({ ShipmentEventList: [e] }).map((l) => l.lineId.split(':').slice(-2).join(':'))).toEqual(['Commission:0', 'Commission:1']);
  });

  it('zero components give no line; amounts are exact decimals in the currency exponent (JPY 0, KWD 3)', () => {
    const e = (code: string, amount: string) => ({ AmazonOrderId: 'O', PostedDate: '2024-01-01T00:00:00Z', ShipmentItemList: [{ OrderItemId: 'I', ItemChargeList: [{ ChargeType: 'Principal', ChargeAmount: { CurrencyCode: code, CurrencyAmount: amount } }, { ChargeType: 'Tax', ChargeAmount: { CurrencyCode: code, CurrencyAmount: '0.0' } }] }] });
    expect(okLines({ ShipmentEventList: [e('JPY', '1980')] }).map((l) => l.gross)).toEqual([{ amountMinor: 1980, currency: 'JPY' }]);
    expect(okLines({ ShipmentEventList: [e('KWD', '1.235')] }).map((l) => l.gross)).toEqual([{ amountMinor: 1235, currency: 'KWD' }]);
    const r = amazonFinancialEventsToLines({ ShipmentEventList: [e('JPY', '19.80')] });
    expect(r[0]).toMatchObject({ ok: false, error: { issues: [{ field: 'payload.FinancialEvents.ShipmentEventList[0].ShipmentItemList[0].ItemChargeList[0].ChargeAmount.CurrencyAmount', message: expect.stringContaining('more decimals than JPY') }] } });
  });

  it('a JSON number amount (a caller that did not keep the text) is read by its decimal form, not float sums', () => {
    const e = { AmazonOrderId: 'O', PostedDate: '2024-01-01T00:00:00Z', ShipmentItemList: [{ OrderItemId: 'I', ItemChargeList: [{ ChargeType: 'Principal', ChargeAmount: { CurrencyCode: 'USD', CurrencyAmount: 0.29 } }] }] };
    expect(okLines({ ShipmentEventList: [e] })[0]!.gross).toEqual({ amountMinor: 29, currency: 'USD' });
  });

  it('ChargebackEvent and GuaranteeClaimEvent (A-to-z) → chargeback, their fees fee', () => {
    const ev = { AmazonOrderId: 'O', PostedDate: '2024-01-01T00:00:00Z', ShipmentItemAdjustmentList: [{ OrderAdjustmentItemId: 'A', ItemChargeAdjustmentList: [{ ChargeType: 'Principal', ChargeAmount: usd('-10.00') }], ItemFeeAdjustmentList: [{ FeeType: 'Commission', FeeAmount: usd('1.50') }] }] };
    expect(okLines({ ChargebackEventList: [ev], GuaranteeClaimEventList: [ev] }).map((l) => l.kind)).toEqual(['chargeback', 'fee', 'chargeback', 'fee']);
  });

  it('AdjustmentEvent → adjustment (a shipping label bought, PostageBilling_*, → fee), item amounts when it lists items, else AdjustmentAmount', () => {
    const withItems = { AdjustmentType: 'FBAInventoryReimbursement', PostedDate: '2024-01-02T00:00:00Z', AdjustmentAmount: usd('20.00'), AdjustmentItemList: [{ SellerSKU: 'SKU-9', TotalAmount: usd('20.00') }] };
    const bare = { AdjustmentType: 'PostageBilling_Postage', PostedDate: '2024-01-02T00:00:00Z', AdjustmentAmount: usd('-3.10') };
    expect(okLines({ AdjustmentEventList: [withItems, bare] }).map((l) => [l.kind, l.rawType, l.gross.amountMinor, l.refs.sku])).toEqual([
      ['adjustment', 'Adjustment/AdjustmentItemList/FBAInventoryReimbursement', 2000, 'SKU-9'],
      ['fee', 'Adjustment/AdjustmentAmount/PostageBilling_Postage', -310, undefined],
    ]);
  });

  it('withheld taxes (ItemTaxWithheldList, marketplace facilitator) → other, typed by collection model', () => {
    const e = { AmazonOrderId: 'O', PostedDate: '2024-01-01T00:00:00Z', ShipmentItemList: [{ OrderItemId: 'I', ItemTaxWithheldList: [{ TaxCollectionModel: 'MarketplaceFacilitator', TaxesWithheld: [{ ChargeType: 'MarketplaceFacilitatorTax-Principal', ChargeAmount: usd('-2.31') }] }] }] };
    expect(okLines({ ShipmentEventList: [e] }).map(brief)).toEqual([['other', 'Shipment/ItemTaxWithheldList/MarketplaceFacilitator/MarketplaceFacilitatorTax-Principal', -231]]);
  });

  it('camelCase ProductAds / SellerDeal members (the model) read like the PascalCase real replies send', () => {
    const ads = { postedDate: '2024-01-03T00:00:00Z', transactionType: 'Charge', invoiceId: 'INV-1', baseValue: usd('-10.00'), taxValue: usd('-1.90'), transactionValue: usd('-11.90') };
    const deal = { postedDate: '2024-01-03T00:00:00Z', dealId: 'D-1', feeType: 'RunLightningDealFee', feeAmount: usd('-16.38'), taxAmount: usd('-3.18'), totalAmount: usd('-19.56') };
    const lines = okLines({ ProductAdsPaymentEventList: [ads], SellerDealPaymentEventList: [deal] });
    expect(lines.map((l) => [l.kind, l.rawType, l.gross.amountMinor, l.refs.sourceObjectId])).toEqual([
      ['fee', 'ProductAdsPayment/baseValue/baseValue', -1000, 'INV-1'],
      ['other', 'ProductAdsPayment/taxValue/taxValue', -190, 'INV-1'],
      ['fee', 'SellerDealPayment/feeAmount/RunLightningDealFee', -1638, 'D-1'],
      ['other', 'SellerDealPayment/taxAmount/taxAmount', -318, 'D-1'],
    ]);
  });

  it('ServiceFeeEvent without PostedDate (amzn/selling-partner-api-models#449): posted at the fallback when given, else rejected naming the field and the issue', () => {
    const fee = { AmazonOrderId: 'O-5', FeeReason: 'FBAStorageFee', FeeList: [{ FeeType: 'FBAStorageFee', FeeAmount: usd('-5.00') }] };
    const [line] = okLines({ ServiceFeeEventList: [fee] }, { postedFallback: '2024-01-31T00:00:00Z' });
    expect(line).toMatchObject({ kind: 'fee', postedAt: '2024-01-31T00:00:00Z', lineId: 'fe:ServiceFee:O-5:-:-:FeeList:FBAStorageFee:0' });
    const [r] = amazonFinancialEventsToLines({ ServiceFeeEventList: [fee] });
    expect(r).toMatchObject({ ok: false, error: { issues: [{ field: 'payload.FinancialEvents.ServiceFeeEventList[0].PostedDate', message: expect.stringContaining('#449') }] } });
  });

  it('kind table', () => {
    expect(amazonFinancialEventKind('Shipment', 'charge', 'Principal')).toBe('sale');
    expect(amazonFinancialEventKind('Shipment', 'charge', 'ShippingCharge')).toBe('sale');
    expect(amazonFinancialEventKind('Shipment', 'charge', 'GiftWrapTax')).toBe('other');
    expect(amazonFinancialEventKind('Shipment', 'promotion', 'X')).toBe('sale');
    expect(amazonFinancialEventKind('Refund', 'fee', 'Commission')).toBe('fee');
    expect(amazonFinancialEventKind('CouponPayment', 'charge', 'CODItemCharge')).toBe('fee');
    expect(amazonFinancialEventKind('LoanServicing', 'amount', 'LoanAmount')).toBe('other');
  });
});

describe('amazon.financial-event-groups', () => {
  const group = {
    FinancialEventGroupId: 'G-1',
    ProcessingStatus: 'Closed',
    FundTransferStatus: 'Succeeded',
    OriginalTotal: { CurrencyCode: 'EUR', CurrencyAmount: '1234.50' },
    ConvertedTotal: { CurrencyCode: 'USD', CurrencyAmount: '1350.00' },
    FundTransferDate: '2024-01-15T08:00:00+01:00',
    FinancialEventGroupStart: '2024-01-01T00:00:00Z',
    FinancialEventGroupEnd: '2024-01-14T00:00:00Z',
  };
  it('a closed group → the Settlement header, field by field', () => {
    const r = amazonFinancialEventGroupToSettlement(group, 'payload.FinancialEventGroupList[0]');
    expect(r).toEqual({ ok: true, value: { source: 'amazon', settlementId: 'G-1', idempotencyKey: 'amazon:G-1', startAt: '2024-01-01T00:00:00Z', endAt: '2024-01-14T00:00:00Z', depositAt: '2024-01-15T07:00:00Z', total: { amountMinor: 123450, currency: 'EUR' }, currency: 'EUR' } });
    expect(r.ok && SettlementSchema.safeParse(r.value).success).toBe(true);
  });
  it('an Open group without OriginalTotal is rejected naming the field, not given a zero total', () => {
    const { OriginalTotal: _t, ...open } = { ...group, ProcessingStatus: 'Open' };
    expect(amazonFinancialEventGroupToSettlement(open, 'g')).toMatchObject({ ok: false, error: { issues: [{ field: 'g.OriginalTotal', message: expect.stringContaining('Open') }] } });
  });
});

describe('amazon.transactions (2024-06-19)', () => {
  const tx = {
    transactionId: 'T-1',
    transactionType: 'Shipment',
    transactionStatus: 'RELEASED',
    description: 'Order Payment',
    postedDate: '2024-07-01T12:00:00Z',
    totalAmount: { currencyCode: 'USD', currencyAmount: '21.40' },
    relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: '111-1' }, { relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: 'G-9' }],
    breakdowns: [
      { breakdownType: 'Sales', breakdownAmount: { currencyCode: 'USD', currencyAmount: '30.00' }, breakdowns: [{ breakdownType: 'Product Charges', breakdownAmount: { currencyCode: 'USD', currencyAmount: '30.00' } }] },
      {
        breakdownType: 'Expenses',
        breakdownAmount: { currencyCode: 'USD', currencyAmount: '-8.60' },
        breakdowns: [
          { breakdownType: 'Amazon Fees', breakdownAmount: { currencyCode: 'USD', currencyAmount: '-4.50' } },
          { breakdownType: 'FBA fees', breakdownAmount: { currencyCode: 'USD', currencyAmount: '-4.10' }, breakdowns: [] },
        ],
      },
    ],
  };
  const noFallback = (k: string) => `${k}:0`;
  it('one line per transaction: net = totalAmount, fee = the fee/expense leaves, gross = net − fee', () => {
    const r = amazonTransactionToLine(tx, 'payload.transactions[0]', noFallback);
    expect(r).toEqual({
      ok: true,
      value: {
        source: 'amazon',
        lineId: 'tx:T-1',
        idempotencyKey: 'amazon:tx:T-1',
        kind: 'sale',
        rawType: 'Shipment',
        status: 'RELEASED',
        currency: 'USD',
        gross: { amountMinor: 3000, currency: 'USD' },
        fee: { amountMinor: -860, currency: 'USD' },
        net: { amountMinor: 2140, currency: 'USD' },
        feeDetails: [
          { type: 'Expenses/Amazon Fees', amount: { amountMinor: -450, currency: 'USD' } },
          { type: 'Expenses/FBA fees', amount: { amountMinor: -410, currency: 'USD' } },
        ],
        postedAt: '2024-07-01T12:00:00Z',
        description: 'Order Payment',
        refs: { orderId: '111-1', payoutId: 'G-9', sourceObjectId: 'T-1' },
      },
    });
    expect(r.ok && SettlementLineSchema.safeParse(r.value).success).toBe(true);
  });
  it('without transactionId the identity comes from type, related ids and postedDate', () => {
    const { transactionId: _id, ...rest } = tx;
    const r = amazonTransactionToLine({ ...rest, transactionType: 'Refund' }, 't', noFallback);
    expect(r).toMatchObject({ ok: true, value: { kind: 'refund', lineId: 'tx:Refund:FINANCIAL_EVENT_GROUP_ID=G-9,ORDER_ID=111-1:2024-07-01T12:00:00Z:0' } });
  });
  it('a fee transaction with no order id at all (inbound/storage fees: amzn/selling-partner-api-models#5354) maps, keyed by its group', () => {
    const storage = { transactionType: 'ServiceFee', description: 'FBA storage fee', postedDate: '2024-07-02T00:00:00Z', totalAmount: { currencyCode: 'USD', currencyAmount: '-12.34' }, relatedIdentifiers: [{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: 'G-9' }] };
    expect(amazonTransactionToLine(storage, 't', noFallback)).toMatchObject({ ok: true, value: { kind: 'fee', gross: { amountMinor: -1234, currency: 'USD' }, refs: { payoutId: 'G-9' }, lineId: 'tx:ServiceFee:FINANCIAL_EVENT_GROUP_ID=G-9:2024-07-02T00:00:00Z:0' } });
  });
  it('a DEFERRED transaction (held back, amzn/selling-partner-api-models#4226) keeps its status', () => {
    expect(amazonTransactionToLine({ ...tx, transactionStatus: 'DEFERRED' }, 't', noFallback)).toMatchObject({ ok: true, value: { status: 'DEFERRED' } });
  });
  it('a transaction without totalAmount is rejected naming the field', () => {
    const { totalAmount: _a, ...rest } = tx;
    expect(amazonTransactionToLine(rest, 'payload.transactions[3]', noFallback)).toMatchObject({ ok: false, error: { issues: [{ field: 'payload.transactions[3].totalAmount' }] } });
  });
});

describe('listTransactions as sellers report it (held-out sweep)', () => {
  it('FBAInventoryReimbursement (amzn/selling-partner-api-models#4993): breakdowns at the transaction level, items with breakdowns null → an adjustment of its total', () => {
    const tx = {
      transactionType: 'FBAInventoryReimbursement',
      transactionId: 'r-1',
      postedDate: '2025-10-16T10:00:00Z',
      totalAmount: { currencyCode: 'GBP', currencyAmount: '6.22' },
      items: [{ contexts: [{ sku: 'HMDPS10088', asin: 'BXXJ33TDDU', contextType: 'ProductContext', quantityShipped: 1, fulfillmentNetwork: null }], breakdowns: null, description: 'Zebra-Print, Medium', totalAmount: { currencyCode: 'GBP', currencyAmount: '6.22' }, relatedIdentifiers: null }],
      contexts: [],
      breakdowns: [{ breakdowns: [{ breakdowns: null, breakdownType: 'FBAInventoryReimbursement', breakdownAmount: { currencyCode: 'GBP', currencyAmount: '6.22' } }], breakdownType: 'FBAInventoryReimbursement', breakdownAmount: { currencyCode: 'GBP', currencyAmount: '6.22' } }],
    };
    const r = amazonTransactionToLine(tx, 'transactions[0]', (k) => k);
    expect(r.ok && [r.value.kind, r.value.gross, r.value.fee]).toEqual(['adjustment', { amountMinor: 622, currency: 'GBP' }, undefined]);
  });
});

describe('Adjustment events as real replies type them (held-out sweep)', () => {
  it.each([
    ['PostageBilling_Postage', -320, 'fee'], // shipping labels bought through Amazon (the model says only "PostageBilling")
    ['PostageBilling_DeliveryConfirmation', -50, 'fee'],
    ['ReturnPostageBilling_FuelSurcharge', -12, 'fee'],
    ['PostageRefund', 320, 'fee'],
    ['ReserveDebit', -10000, 'reserve'], // the model's ReserveEvent, as replies write it
    ['ReserveCredit', 10000, 'reserve'],
    ['WAREHOUSE_DAMAGE', 1200, 'adjustment'],
    ['FBAInventoryReimbursement', 622, 'adjustment'],
  ])('AdjustmentType %s → %s minor units, %s', (type, minor, kind) => {
    const amount = { CurrencyCode: 'GBP', CurrencyAmount: (minor / 100).toFixed(2) };
    const [line] = amazonFinancialEventsToLines({ AdjustmentEventList: [{ PostedDate: '2026-09-11T08:00:00Z', AdjustmentType: type, AdjustmentAmount: amount, AdjustmentItemList: [] }] });
    expect(line?.ok && [line.value.kind, line.value.gross.amountMinor, line.value.rawType]).toEqual([kind, minor, `Adjustment/AdjustmentAmount/${type}`]);
  });
});
