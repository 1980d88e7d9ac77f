/**
 * `caravan map` on the Amazon Finances kinds: every sample in test/fixtures/amazon/finances (real
 * eolabs replies and the models' examples) through amazon.financial-events,
 * amazon.financial-event-groups and amazon.transactions; sums against the samples' own totals;
 * error replies exit 1 naming Amazon's code and message; files of another kind say what they are.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';

const FIN = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'finances');
const write = scratchFiles('caravan-map-amazon-finances-');

afterEach(() => {
  process.exitCode = undefined;
});

type Money = { amountMinor: number; currency: string };
type Rec = { kind?: string; lineId?: string; rawType?: string; gross?: Money; total?: Money; settlementId?: string; postedAt?: string; refs?: Record<string, string>; error?: { field: string; message: string } };
const json = (stdout: string) => JSON.parse(stdout) as Rec[];
const sum = (rs: Rec[], pick: (r: Rec) => boolean) => rs.filter(pick).reduce((s, r) => s + (r.gross?.amountMinor ?? 0), 0);

describe('caravan map amazon.financial-events', () => {
  it.each(['fetchListFinancialEvents.eolabs.json', 'fetchListFinancialEventsToken.eolabs.json'])(
    'real page %s: every event maps; the one id-less, date-less RefundEvent stub is named with #449 (exit 1)',
    async (f) => {
      const { code, stdout } = await caravanMap('amazon.financial-events', join(FIN, f));
      expect(code).toBe(1);
      const rs = json(stdout);
      const errors = rs.filter((r) => r.error);
      expect(errors.map((r) => r.error!.field)).toEqual(['payload.FinancialEvents.RefundEventList[0].PostedDate']);
      expect(errors[0]!.error!.message).toContain('amzn/selling-partner-api-models#449');
      expect(rs.filter((r) => !r.error).map((r) => [r.kind, r.rawType, r.gross!.amountMinor])).toEqual([
        ['sale', 'Shipment/ItemChargeList/Principal', 2888],
        ['fee', 'Shipment/ItemFeeList/FBAPerUnitFulfillmentFee', -416],
        ['fee', 'Shipment/ItemFeeList/Commission', -433],
        ['sale', 'Shipment/ItemChargeList/Principal', 2888],
        ['fee', 'Shipment/ItemFeeList/FBAPerUnitFulfillmentFee', -416],
        ['fee', 'Shipment/ItemFeeList/Commission', -433],
        ['fee', 'ProductAdsPayment/baseValue/baseValue', 11534],
        ['other', 'ProductAdsPayment/taxValue/taxValue', 2191],
        ['fee', 'SellerDealPayment/FeeAmount/RunLightningDealFee', 1638],
        ['other', 'SellerDealPayment/TaxAmount/TaxAmount', 318],
        ['fee', 'CouponPayment/FeeComponent/ImagingServicesFee', 109],
        ['fee', 'CouponPayment/ChargeComponent/CODItemCharge', 109],
      ]);
    },
  );

  it('a shipment line field by field, and sums equal the events\' own totals (ProductAds transactionValue 137.25, Coupon TotalAmount 2.18)', async () => {
    const rs = json((await caravanMap('amazon.financial-events', join(FIN, 'fetchListFinancialEvents.eolabs.json'))).stdout);
    expect(rs[0]).toEqual({
      source: 'amazon',
      lineId: 'fe:Shipment:105-0457358-1245022:2024-01-01T00:19:17Z:91510050614801:ItemChargeList:Principal:0',
      idempotencyKey: 'amazon:fe:Shipment:105-0457358-1245022:2024-01-01T00:19:17Z:91510050614801:ItemChargeList:Principal:0',
      kind: 'sale',
      rawType: 'Shipment/ItemChargeList/Principal',
      currency: 'USD',
      gross: { amountMinor: 2888, currency: 'USD' },
      postedAt: '2024-01-01T00:19:17Z',
      description: 'Amazon.com',
      refs: { orderId: '105-0457358-1245022', merchantOrderId: '105-0457358-1245022', sku: 'DU-WB60-C18V' },
    });
    expect(sum(rs, (r) => r.rawType?.startsWith('ProductAdsPayment/') === true)).toBe(13725);
    expect(sum(rs, (r) => r.rawType?.startsWith('CouponPayment/') === true)).toBe(218);
    expect(sum(rs, (r) => r.refs?.orderId === '105-0457358-1245022')).toBe(2888 - 416 - 433);
    expect(rs.every((r) => r.error || r.gross!.currency === 'USD')).toBe(true);
  });

  it('the two pages hold the same shipment events: re-read, they give the same line ids', async () => {
    const ids = async (f: string) => json((await caravanMap('amazon.financial-events', join(FIN, f))).stdout).filter((r) => r.rawType?.startsWith('Shipment/')).map((r) => r.lineId);
    expect(await ids('fetchListFinancialEventsToken.eolabs.json')).toEqual(await ids('fetchListFinancialEvents.eolabs.json'));
  });

  it.each([
    ['listFinancialEvents.model-example.json', 9, 0],
    ['listFinancialEventsByGroupId.model-example.json', 29, 0],
    ['listFinancialEventsByOrderId.model-example.json', 10, 1],
  ])('model example %s: %i lines, %i rejected (the ServiceFeeEvent without PostedDate, #449)', async (f, lines, errors) => {
    const { code, stdout } = await caravanMap('amazon.financial-events', join(FIN, f));
    const rs = json(stdout);
    expect(code).toBe(errors === 0 ? 0 : 1);
    expect(rs.filter((r) => !r.error)).toHaveLength(lines);
    expect(rs.filter((r) => r.error).every((r) => /PostedDate|postedDate/.test(r.error!.field) && r.error!.message.includes('#449'))).toBe(true);
    expect(rs.filter((r) => r.error)).toHaveLength(errors);
  });

  it('the ByGroupId example: a chargeback, withheld tax; the listFinancialEvents example: PayWithAmazon by its TransactionPostedDate, camelCase ProductAds by postedDate', async () => {
    const rs = json((await caravanMap('amazon.financial-events', join(FIN, 'listFinancialEventsByGroupId.model-example.json'))).stdout);
    const other = json((await caravanMap('amazon.financial-events', join(FIN, 'listFinancialEvents.model-example.json'))).stdout);
    expect(other.find((r) => r.rawType === 'PayWithAmazon/FeeList/FixedClosingFee')).toMatchObject({ kind: 'fee', postedAt: '2020-02-05T13:56:00.363Z', refs: { merchantOrderId: '454645645656456' } });
    expect(rs.find((r) => r.rawType === 'Chargeback/PromotionList/Free+546564565')).toMatchObject({ kind: 'chargeback', gross: { amountMinor: 2537, currency: 'USD' }, refs: { orderId: '444-555-3343433', merchantOrderId: '454645645656456' } });
    expect(rs.find((r) => r.rawType === 'Chargeback/ItemFeeList/FixedClosingFee')).toMatchObject({ kind: 'fee' });
    expect([...rs, ...other].find((r) => r.rawType === 'ProductAdsPayment/baseValue/baseValue')).toMatchObject({ kind: 'fee', postedAt: '2020-02-05T13:56:00.363Z', refs: { sourceObjectId: '3454535453' } });
    expect(rs.find((r) => r.rawType === 'TaxWithholding/WithheldAmount/WithheldAmount')).toMatchObject({ kind: 'other' });
    expect(rs.some((r) => r.rawType === 'TaxWithholding/BaseAmount/BaseAmount')).toBe(false);
  });

  it('amounts keep their decimal text: -0.1 and -0.20 stay -10 and -20 cents, JPY 1980 stays 1980', async () => {
    const body = `{"payload":{"FinancialEvents":{"ShipmentEventList":[{"AmazonOrderId":"O","PostedDate":"2024-01-01T00:00:00Z","ShipmentItemList":[{"OrderItemId":"I","ItemFeeList":[{"FeeType":"A","FeeAmount":{"CurrencyCode":"USD","CurrencyAmount":-0.1}},{"FeeType":"B","FeeAmount":{"CurrencyCode":"USD","CurrencyAmount":-0.20}}],"ItemChargeList":[{"ChargeType":"Principal","ChargeAmount":{"CurrencyCode":"JPY","CurrencyAmount":1980}}]}]}]}}}`;
    const { code, stdout } = await caravanMap('amazon.financial-events', write('exact.json', body));
    expect(code).toBe(0);
    expect(json(stdout).map((r) => r.gross)).toEqual([
      { amountMinor: 1980, currency: 'JPY' },
      { amountMinor: -10, currency: 'USD' },
      { amountMinor: -20, currency: 'USD' },
    ]);
  });

  it.each([
    ['listFinancialEvents.400.model-example.json', 'InvalidInput', 'Input not valid.'],
    ['listFinancialEventsByGroupId.400.model-example.json', 'InvalidInput', 'Bad event group ID provided.'],
  ])("error reply %s exits 1 with Amazon's code and message", async (f, code, message) => {
    const run = await caravanMap('amazon.financial-events', join(FIN, f));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`is an error reply from Amazon, code ${code}, not an Amazon Finances v0 listFinancialEvents reply`);
    expect(run.stderr).toContain(message);
  });

  it('a 403 Unauthorized body exits 1 naming it', async () => {
    const run = await caravanMap('amazon.financial-events', write('403.json', { errors: [{ message: 'Access to requested resource is denied.', code: 'Unauthorized', details: 'Access token is missing in the request header.' }] }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('code Unauthorized');
    expect(run.stderr).toContain('Access to requested resource is denied.');
  });

  it('an event-groups reply given as financial events says what it is and which kind maps it', async () => {
    const run = await caravanMap('amazon.financial-events', join(FIN, 'fetchListFinancialEventGroups.eolabs.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('this is an Amazon Finances v0 listFinancialEventGroups reply (payload.FinancialEventGroupList), not an Amazon Finances v0 listFinancialEvents reply; try `caravan map amazon.financial-event-groups');
  });

  it('an Orders reply given as financial events is named as one', async () => {
    const run = await caravanMap('amazon.financial-events', write('orders.json', { payload: { Orders: [{ AmazonOrderId: '111-1', OrderStatus: 'Shipped' }] } }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('this is an Amazon getOrders/getOrder response, not an Amazon Finances v0 listFinancialEvents reply');
  });
});

describe('caravan map amazon.financial-event-groups', () => {
  it('the real eolabs reply → one Settlement, field by field (total 19.00 USD)', async () => {
    const { code, stdout } = await caravanMap('amazon.financial-event-groups', join(FIN, 'fetchListFinancialEventGroups.eolabs.json'));
    expect(code).toBe(0);
    expect(json(stdout)).toEqual([
      {
        source: 'amazon',
        settlementId: '22YgYW55IGNhcm5hbCBwbGVhEXAMPLE',
        idempotencyKey: 'amazon:22YgYW55IGNhcm5hbCBwbGVhEXAMPLE',
        startAt: '2023-08-29T19:10:44Z',
        endAt: '2023-09-12T19:10:44Z',
        depositAt: '2023-09-13T19:15:14Z',
        total: { amountMinor: 1900, currency: 'USD' },
        currency: 'USD',
      },
    ]);
  });

  it('the model example maps (10.34 USD)', async () => {
    const { code, stdout } = await caravanMap('amazon.financial-event-groups', join(FIN, 'listFinancialEventGroups.model-example.json'));
    expect(code).toBe(0);
    expect(json(stdout).map((r) => [r.settlementId, r.total])).toEqual([['1', { amountMinor: 1034, currency: 'USD' }]]);
  });

  it('its 400 reply exits 1 naming InvalidInput', async () => {
    const run = await caravanMap('amazon.financial-event-groups', join(FIN, 'listFinancialEventGroups.400.model-example.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('code InvalidInput, not an Amazon Finances v0 listFinancialEventGroups reply');
    expect(run.stderr).toContain('Date range is invalid.');
  });

  it('a financial-events page given as groups points to amazon.financial-events', async () => {
    const run = await caravanMap('amazon.financial-event-groups', join(FIN, 'fetchListFinancialEvents.eolabs.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('try `caravan map amazon.financial-events');
  });
});

describe('caravan map amazon.transactions', () => {
  it('the model example (no transactionId) → one sale line, field by field', async () => {
    const { code, stdout } = await caravanMap('amazon.transactions', join(FIN, 'listTransactions.model-example.json'));
    expect(code).toBe(0);
    expect(json(stdout)).toEqual([
      {
        source: 'amazon',
        lineId: 'tx:Shipment:FINANCIAL_EVENT_GROUP_ID=4MVaHcsAfaYAlwlaPWrXJxrfUiKfYZ2ooWtY7528FUA,ORDER_ID=8129762527551:2020-07-14T03:35:13.214Z:0',
        idempotencyKey: 'amazon:tx:Shipment:FINANCIAL_EVENT_GROUP_ID=4MVaHcsAfaYAlwlaPWrXJxrfUiKfYZ2ooWtY7528FUA,ORDER_ID=8129762527551:2020-07-14T03:35:13.214Z:0',
        kind: 'sale',
        rawType: 'Shipment',
        currency: 'USD',
        gross: { amountMinor: 1000, currency: 'USD' },
        postedAt: '2020-07-14T03:35:13.214Z',
        refs: { orderId: '8129762527551', payoutId: '4MVaHcsAfaYAlwlaPWrXJxrfUiKfYZ2ooWtY7528FUA' },
      },
    ]);
  });

  it('its 400 reply exits 1 naming InvalidInput and the message', async () => {
    const run = await caravanMap('amazon.transactions', join(FIN, 'listTransactions.400.model-example.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('code InvalidInput, not an Amazon Finances 2024-06-19 listTransactions reply');
    expect(run.stderr).toContain('Start date cannot be null');
  });

  it('a v0 events page given as transactions says what it is', async () => {
    const run = await caravanMap('amazon.transactions', join(FIN, 'fetchListFinancialEvents.eolabs.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('this is an Amazon Finances v0 listFinancialEvents reply (payload.FinancialEvents), not an Amazon Finances 2024-06-19 listTransactions reply');
  });

  it('an empty page (transactions: [], nextToken) holds no lines and is no error', async () => {
    const { code, stdout } = await caravanMap('amazon.transactions', write('empty.json', { payload: { nextToken: 'x', transactions: [] } }));
    expect([code, json(stdout)]).toEqual([0, []]);
  });
});

it('every fixture file is exercised above', () => {
  expect(readdirSync(FIN).filter((f) => f.endsWith('.json')).length).toBe(13);
});
