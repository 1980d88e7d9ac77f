/**
 * `caravan map` on payment payloads as real accounts send them, held out of the first fixtures:
 * localized and Shift_JIS settlement reports, legacy Stripe shapes, bank statements of other banks.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caravanMap as caravan, scratchFiles } from './map-harness.js';
import { v2Report } from '../mappings/amazon/settlement-kit.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const write = scratchFiles('caravan-map-payments-heldout-');

afterEach(() => {
  process.exitCode = undefined;
});

type Rec = { kind?: string; settlementId?: string; description?: string; gross?: { amountMinor: number; currency: string }; total?: { amountMinor: number; currency: string }; postedAt?: string; lineId?: string };
const json = (stdout: string) => JSON.parse(stdout) as Rec[];

describe('caravan map stripe.* (held out)', () => {
  const HELD = (f: string) => join(FIX, 'stripe', 'heldout-pay', f);

  it.each([
    ['stripe.event', 'payout.negative.po_1JuocE.json', [['payout', 'txn_1JuocEGanfOWO3Cztx0NUiBE', 117955]]],
    ['stripe.balance-transactions', 'balance_transaction.negative_payout.txn_1JuocE.json', [['payout', 'txn_1JuocEGanfOWO3Cztx0NUiBE', 117955]]],
    ['stripe.balance-transactions', 'balance_transactions.payout_and_failure.json', [['payout', 'txn_1HN84zFBTNPFnHZBRE5YzZtX', -49108], ['payout', 'txn_1GMtkuFBTNPFnHZBW38bdtFu', 49108]]],
    ['stripe.balance-transactions', 'balance_transactions.charge_vat_fee.json', [['sale', 'txn_1GHAoXFBTNPFnHZBuIR9qVo9', 50000]]],
  ])('%s %s (exit 0)', async (kind, file, expected) => {
    const { code, stdout, stderr } = await caravan(kind, HELD(file));
    expect([code, stderr]).toEqual([0, '']);
    expect(json(stdout).map((r) => [r.kind, r.lineId, r.gross?.amountMinor])).toEqual(expected);
  });

  it("a 2012 transfer to the account's own bank (stripe-ruby-mock transfer.paid) is a payout line", async () => {
    const { code, stdout } = await caravan('stripe.event', join(FIX, 'stripe', 'webhook-events', 'transfer.paid.json'));
    expect(code).toBe(0);
    expect(json(stdout).map((r) => [r.kind, r.gross?.amountMinor])).toEqual([['payout', -67]]);
  });
});

describe('caravan map paypal.event (held out)', () => {
  it.each([
    ['PAYMENT.SALE.REFUNDED.sandbox-2017.pretix.json', '75S46770PP192124D', { amountMinor: -25541, currency: 'EUR' }],
    ['PAYMENT.SALE.REFUNDED.simulator-2014.pretix.json', '36C38912MN9658832', { amountMinor: -1, currency: 'USD' }],
    ['PAYMENT.SALE.REFUNDED.refund-fee-returned.pretix-2018.json', '93M41501U3542574L', { amountMinor: -1337, currency: 'EUR' }],
  ])('%s → one negative refund line (exit 0)', async (file, lineId, gross) => {
    const { code, stdout, stderr } = await caravan('paypal.event', join(FIX, 'paypal', 'heldout-pay', file));
    expect([code, stderr]).toEqual([0, '']);
    expect(json(stdout).map((r) => [r.kind, r.lineId, r.gross])).toEqual([['refund', lineId, gross]]);
  });
});

describe('caravan map amazon.settlement-report (held out)', () => {
  it('the real 2015 flat file (fluxxu/mws-rs) maps with no error for its quantity-only item row (exit 0)', async () => {
    const { code, stdout, stderr } = await caravan('amazon.settlement-report', join(FIX, 'amazon', 'heldout-pay', 'settlement-flat-file.mws-rs-2015.tsv'));
    expect([code, stderr]).toEqual([0, '']);
    expect(json(stdout).map((r) => r.kind ?? r.settlementId)).toEqual(['6016502941', 'sale', 'fee']);
  });

  it('a JP report in Shift_JIS: Japanese description, yen grouped with commas, JST dates with slashes', async () => {
    const text = v2Report([
      { 'settlement-id': '12', 'settlement-start-date': '2018/03/05 23:00:25 JST', 'total-amount': '12,345', currency: 'JPY' },
      { 'settlement-id': '12', 'transaction-type': 'other-transaction', 'amount-type': 'other-transaction', 'amount-description': '月額登録料', amount: '-4,900', 'posted-date-time': '2018/03/07 10:11:12 JST' },
    ]);
    // Node encodes no Shift_JIS: the description's bytes are written as `iconv -t shift_jis` gives them.
    const [before, after] = text.split('月額登録料') as [string, string];
    const file = write('settlement-jp.tsv', Buffer.concat([Buffer.from(before, 'latin1'), Buffer.from('8c8e8a7a936f985e97bf', 'hex'), Buffer.from(after, 'latin1')]));
    const { code, stdout, stderr } = await caravan('amazon.settlement-report', file);
    expect([code, stderr]).toEqual([0, '']);
    const [header, line] = json(stdout);
    expect(header?.total).toEqual({ amountMinor: 12345, currency: 'JPY' });
    expect([line?.description, line?.gross, line?.postedAt]).toEqual(['月額登録料', { amountMinor: -4900, currency: 'JPY' }, '2018-03-07T01:11:12Z']);
  });

  it("the presigned URL's S3 error saved instead of the report (expired after five minutes) exits 1 with S3's code and message", async () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>300</X-Amz-Expires><RequestId>0A1B2C</RequestId></Error>';
    const { code, stdout, stderr } = await caravan('amazon.settlement-report', write('settlement-expired.xml', xml));
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('error reply from Amazon, code AccessDenied, not an Amazon settlement report: Amazon getReportDocument: AccessDenied: Request has expired');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a DE report in Windows-1252 with grouped thousands and day-first date-times', async () => {
    const text = v2Report([
      { 'settlement-id': '13', 'deposit-date': '21.03.2018 23:00:25 UTC', 'total-amount': '1.234,56', currency: 'EUR' },
      { 'settlement-id': '13', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '1.299,00', 'posted-date-time': '19.03.2018 23:00:25 UTC', sku: 'Bügel' },
    ]);
    const { code, stdout } = await caravan('amazon.settlement-report', write('settlement-de.tsv', Buffer.from(text, 'latin1')));
    expect(code).toBe(0);
    expect(json(stdout).map((r) => r.total ?? r.gross)).toEqual([
      { amountMinor: 123456, currency: 'EUR' },
      { amountMinor: 129900, currency: 'EUR' },
    ]);
  });
});

describe('caravan map amazon.transactions / amazon.financial-event-groups (held out)', () => {
  const HELD = (f: string) => join(FIX, 'amazon', 'heldout-pay', f);

  it('an empty window answered with transactions: null (amzn/selling-partner-api-models#4358) holds no lines and is no error', async () => {
    const { code, stdout, stderr } = await caravan('amazon.transactions', HELD('listTransactions.empty-null.issue-4358.json'));
    expect([code, stderr, JSON.parse(stdout)]).toEqual([0, '', []]);
  });

  it('FinancialEventGroupList: null is an empty page too; a payload without the list is refused naming what it has', async () => {
    const empty = await caravan('amazon.financial-event-groups', write('groups-null.json', JSON.stringify({ payload: { FinancialEventGroupList: null } })));
    expect([empty.code, JSON.parse(empty.stdout)]).toEqual([0, []]);
    const none = await caravan('amazon.financial-event-groups', write('groups-none.json', JSON.stringify({ payload: { NextToken: 'x' } })));
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('is not an Amazon Finances v0 listFinancialEventGroups reply (its payload has NextToken)')]);
  });

  it('the JP ServiceFee transaction of issue #4220: −12609 JPY, a fee, keyed by its transactionId and tied to its event group', async () => {
    const { code, stdout } = await caravan('amazon.transactions', HELD('listTransactions.jp-service-fee.issue-4220.json'));
    expect(code).toBe(0);
    const [line] = JSON.parse(stdout) as { lineId: string; kind: string; gross: unknown; description: string; refs: { payoutId?: string } }[];
    expect([line?.lineId, line?.kind, line?.gross, line?.description, line?.refs.payoutId]).toEqual([
      'tx:hbRTHEQNx5op6g0EA0znvXFhb-W9ILSxE5f6hiG-bXc',
      'fee',
      { amountMinor: -12609, currency: 'JPY' },
      'FBAStorageBilling',
      'vHbo_91F4UPm6kfL-nexWB0g6vqG0b3OG9oE7jWfP8A',
    ]);
  });
});
