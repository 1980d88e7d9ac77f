import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { parseAmazonSettlementReport } from '../../connectors/amazon/schemas/settlement-report.js';
import { StripeBalanceTransactionSchema } from '../../connectors/stripe/schemas/index.js';
import { amazonSettlementReportToRecords } from '../../mappings/amazon/index.js';
import { stripeBalanceTransactionToLine } from '../../mappings/stripe/index.js';
import { converterFor } from '../../engines/fx/index.js';
import { ledgerEntryFor } from '../../engines/reconcile/ledger-entry.js';
import { createFxRateTable } from '../../mappings/canonical/fx-rate-table.js';
import type { SettlementLine } from '../../mappings/canonical/settlement.js';
import {
  countLedgerLines,
  ledgerLinesByOrder,
  ledgerLinesByPayout,
  ledgerLinesByPeriod,
  ledgerLinesOutsideOrderPages,
  pageLedgerLines,
  pageOrderIdsInPeriod,
  StoreInputError,
  upsertSettlementLines,
  type LedgerEntryInput,
} from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();

const T0 = new Date('2026-03-02T16:10:00.000Z');
const T1 = new Date('2026-03-03T16:10:00.000Z');

const line = (over: Partial<SettlementLine> & Pick<SettlementLine, 'source' | 'lineId'>): SettlementLine => ({
  idempotencyKey: `${over.source}:${over.lineId}`,
  kind: 'sale',
  rawType: 'charge',
  currency: 'EUR',
  gross: { amountMinor: 10000, currency: 'EUR' },
  postedAt: '2026-02-27T10:00:00Z',
  refs: {},
  ...over,
});

// ECB: Friday 27 Feb and Monday 2 Mar 2026; the Saturday line takes Friday's rate.
const TABLE = createFxRateTable([
  { source: 'ecb', base: 'EUR', quote: 'USD', date: '2026-02-27', rate: '1.0795' },
  { source: 'ecb', base: 'EUR', quote: 'JPY', date: '2026-02-27', rate: '162.41' },
  { source: 'ecb', base: 'EUR', quote: 'USD', date: '2026-03-02', rate: '1.0876' },
]);
const toEur = converterFor({ table: TABLE, source: 'ecb' });

const LINES: SettlementLine[] = [
  line({ source: 'stripe', lineId: 'txn_1', currency: 'USD', gross: { amountMinor: 10795, currency: 'USD' }, fee: { amountMinor: -343, currency: 'USD' }, net: { amountMinor: 10452, currency: 'USD' }, refs: { orderId: 'A-1', payoutId: 'po_1', chargeId: 'ch_1' } }),
  line({ source: 'stripe', lineId: 'txn_2', kind: 'refund', rawType: 'refund', currency: 'USD', gross: { amountMinor: -1000, currency: 'USD' }, postedAt: '2026-02-28T09:00:00Z', refs: { orderId: 'A-1', payoutId: 'po_1', refundId: 're_1' } }),
  line({ source: 'paypal', lineId: '5TY05013RG002845M', currency: 'JPY', gross: { amountMinor: 16241, currency: 'JPY' }, postedAt: '2026-02-27', refs: { orderId: 'B-7' } }),
  line({ source: 'amazon', lineId: '11830979063:2', rawType: 'Order/ItemPrice/Principal', postedAt: '2026-03-02T08:00:00Z', refs: { settlementId: '11830979063', orderId: '303-1' } }),
];

const FIXTURES = join(import.meta.dirname, '../fixtures');

/** The airbyte settlement file through the settlement mapping, as an import would read it. */
function amazonFixtureLines(): SettlementLine[] {
  const parsed = parseAmazonSettlementReport(readFileSync(join(FIXTURES, 'amazon/settlement/GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.airbyte-fixture.tsv'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return amazonSettlementReportToRecords(parsed.report).lines.flatMap((r) => (r.ok ? [r.value] : []));
}

function stripeFixtureLine(): SettlementLine {
  const bt = StripeBalanceTransactionSchema.parse(JSON.parse(readFileSync(join(FIXTURES, 'stripe/objects-djstripe/balance_transaction_txn_fake_ch_fakefakefakefakefake0001.json'), 'utf8')));
  const r = stripeBalanceTransactionToLine(bt);
  if (!r.ok) throw r.error;
  return r.value;
}

const entries = (lines: readonly SettlementLine[]): LedgerEntryInput[] => lines.map((l) => ledgerEntryFor(l, 'EUR', toEur).entry);

describeOnEachDialect('ledger repository', targets, (store) => {
  beforeEach(async () => {
    // store-targets empties the tables it knows; these are ours.
    await store.db()('ledger_lines').delete();
  });

  it('stores each line once with its reporting amount at the rate of its posting date; a re-read adds nothing', async () => {
    const db = store.db();
    expect(await upsertSettlementLines(db, 'acme', entries(LINES), { now: T0 })).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(await upsertSettlementLines(db, 'acme', entries(LINES), { now: T1 })).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await countLedgerLines(db, { tenant: 'acme' })).toBe(4);

    const stored = await ledgerLinesByPeriod(db, { tenant: 'acme', from: '2026-02-27', to: '2026-03-02' });
    expect(stored.map((s) => [s.line.lineId, s.postingDate, s.reporting?.gross.amountMinor, s.reporting?.rate, s.reporting?.rateDate])).toEqual([
      ['5TY05013RG002845M', '2026-02-27', 10000, '0.0061572563', '2026-02-27'],
      ['txn_1', '2026-02-27', 10000, '0.9263547939', '2026-02-27'],
      // Saturday: Friday's rate.
      ['txn_2', '2026-02-28', -926, '0.9263547939', '2026-02-27'],
      ['11830979063:2', '2026-03-02', 10000, '1.0000000000', '2026-03-02'],
    ]);
    expect(stored[1]!.reporting?.net).toEqual({ amountMinor: 9682, currency: 'EUR' });
    expect(stored[1]!.createdAt).toBe('2026-03-02T16:10:00.000Z');
    expect(stored[1]!.line).toEqual(LINES[0]);
  });

  it('re-reading a real settlement file or balance transaction (mapped from the fixtures) adds nothing', async () => {
    const db = store.db();
    const amazon = amazonFixtureLines();
    const stripe = stripeFixtureLine();
    expect(amazon.length).toBeGreaterThan(0);
    const all = [...amazon, stripe].map((l) => ({ line: l }));
    expect(await upsertSettlementLines(db, 'acme', all, { now: T0 })).toEqual({ inserted: amazon.length + 1, updated: 0, unchanged: 0 });
    expect(await upsertSettlementLines(db, 'acme', [...amazon, stripe].map((l) => ({ line: l })), { now: T1 })).toEqual({ inserted: 0, updated: 0, unchanged: amazon.length + 1 });
    const settlementId = amazon[0]!.refs.settlementId!;
    const byPayout = await ledgerLinesByPayout(db, 'acme', [settlementId]);
    expect(byPayout.map((s) => s.line)).toEqual(expect.arrayContaining(amazon.filter((l) => l.refs.settlementId === settlementId)));
    expect(await countLedgerLines(db, { tenant: 'acme', source: 'stripe' })).toBe(1);
  });

  it('rewrites a line whose content changed (status, fee now known) and counts it as updated', async () => {
    const db = store.db();
    await upsertSettlementLines(db, 'acme', entries(LINES), { now: T0 });
    const changed = { ...LINES[0]!, status: 'available' };
    expect(await upsertSettlementLines(db, 'acme', entries([changed, LINES[1]!]), { now: T1 })).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const [txn1] = await ledgerLinesByOrder(db, 'acme', ['A-1']);
    expect([txn1!.line.status, txn1!.createdAt, txn1!.updatedAt]).toEqual(['available', '2026-03-02T16:10:00.000Z', '2026-03-03T16:10:00.000Z']);
  });

  it('keys by tenant and source: the same line id from another source or tenant is another line', async () => {
    const db = store.db();
    const twin = line({ source: 'paypal', lineId: 'txn_1' });
    expect(await upsertSettlementLines(db, 'acme', entries([LINES[0]!, twin]))).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertSettlementLines(db, 'globex', entries([LINES[0]!]))).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await countLedgerLines(db, { tenant: 'acme', source: 'stripe' })).toBe(1);
  });

  it('finds lines by payout (an Amazon settlement is its own payout) and by order', async () => {
    const db = store.db();
    await upsertSettlementLines(db, 'acme', entries(LINES));
    expect((await ledgerLinesByPayout(db, 'acme', ['po_1'])).map((s) => s.line.lineId)).toEqual(['txn_1', 'txn_2']);
    expect((await ledgerLinesByPayout(db, 'acme', ['11830979063'])).map((s) => [s.line.lineId, s.payoutId])).toEqual([['11830979063:2', '11830979063']]);
    expect((await ledgerLinesByOrder(db, 'acme', ['B-7', '303-1'])).map((s) => s.line.lineId)).toEqual(['5TY05013RG002845M', '11830979063:2']);
    expect(await ledgerLinesByOrder(db, 'globex', ['A-1'])).toEqual([]);
  });

  it('keeps a line it cannot convert (no rate) without a reporting amount', async () => {
    const db = store.db();
    const kwd = line({ source: 'stripe', lineId: 'txn_kwd', currency: 'KWD', gross: { amountMinor: 12345, currency: 'KWD' } });
    const result = ledgerEntryFor(kwd, 'EUR', toEur);
    expect(result.fxError?.code).toBe('no_rate');
    await upsertSettlementLines(db, 'acme', [result.entry]);
    const [stored] = await ledgerLinesByPeriod(db, { tenant: 'acme', from: '2026-02-27', to: '2026-02-27' });
    expect([stored!.line.gross, stored!.reporting]).toEqual([{ amountMinor: 12345, currency: 'KWD' }, undefined]);
  });

  it('filters a period by source and kind', async () => {
    const db = store.db();
    await upsertSettlementLines(db, 'acme', entries(LINES));
    expect((await ledgerLinesByPeriod(db, { tenant: 'acme', from: '2026-02-01', to: '2026-03-31', sources: ['stripe'], kinds: ['refund'] })).map((s) => s.line.lineId)).toEqual(['txn_2']);
  });

  it('writes 2 500 lines in chunked statements and reads them back unchanged', async () => {
    const db = store.db();
    const many = Array.from({ length: 2500 }, (_, i) => line({ source: 'amazon', lineId: `S1:${i + 2}`, gross: { amountMinor: i, currency: 'EUR' }, refs: { settlementId: 'S1' } }));
    expect(await upsertSettlementLines(db, 'acme', many.map((l) => ({ line: l })))).toEqual({ inserted: 2500, updated: 0, unchanged: 0 });
    expect(await upsertSettlementLines(db, 'acme', many.map((l) => ({ line: l })))).toEqual({ inserted: 0, updated: 0, unchanged: 2500 });
    expect(await ledgerLinesByPayout(db, 'acme', ['S1'])).toHaveLength(2500);
  });

  it('pages through a period without skipping or repeating a line', async () => {
    const db = store.db();
    const many = Array.from({ length: 23 }, (_, i) => line({ source: i % 2 ? 'amazon' : 'paypal', lineId: `L-${String(i).padStart(2, '0')}`, postedAt: `2026-03-0${1 + (i % 3)}` }));
    await upsertSettlementLines(db, 'acme', many.map((l) => ({ line: l })));
    const seen: string[] = [];
    let page = await pageLedgerLines(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31', limit: 5 });
    for (;;) {
      seen.push(...page.lines.map((s) => s.line.lineId));
      if (page.next === undefined) break;
      page = await pageLedgerLines(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31', limit: 5, after: page.next });
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    // 1 March first, amazon before paypal, then by id.
    expect(seen.slice(0, 6)).toEqual(['L-03', 'L-09', 'L-15', 'L-21', 'L-00', 'L-06']);
  });

  it('pages the order ids of one source in a period, and reads every other line of the period at once', async () => {
    const db = store.db();
    const many = Array.from({ length: 23 }, (_, i) => line({ source: 'amazon', lineId: `A-${i}`, postedAt: `2026-03-0${1 + (i % 3)}`, refs: { orderId: `302-${String(i % 11).padStart(2, '0')}` } }));
    const others = [
      line({ source: 'amazon', lineId: 'A-fee', postedAt: '2026-03-02', refs: { merchantOrderId: 'M-1' } }),
      line({ source: 'stripe', lineId: 'txn_1', postedAt: '2026-03-02', refs: { orderId: '302-00' } }),
      // Outside the period: in neither.
      line({ source: 'amazon', lineId: 'A-old', postedAt: '2026-02-27', refs: { orderId: '302-99' } }),
      line({ source: 'paypal', lineId: 'P-old', postedAt: '2026-02-27' }),
    ];
    await upsertSettlementLines(db, 'acme', [...many, ...others].map((l) => ({ line: l })));
    const seen: string[] = [];
    let page = await pageOrderIdsInPeriod(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31', source: 'amazon', limit: 4 });
    for (;;) {
      seen.push(...page.orderIds);
      if (page.next === undefined) break;
      page = await pageOrderIdsInPeriod(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31', source: 'amazon', limit: 4, after: page.next });
    }
    expect(seen).toEqual(Array.from({ length: 11 }, (_, i) => `302-${String(i).padStart(2, '0')}`));
    const outside = await ledgerLinesOutsideOrderPages(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31', source: 'amazon' });
    expect(outside.map((s) => s.line.lineId)).toEqual(['A-fee', 'txn_1']);
    await expect(pageOrderIdsInPeriod(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31', source: 'amazon', limit: 0 })).rejects.toThrow(StoreInputError);
  });

  it('refuses a line whose figures disagree, naming the line and the field', async () => {
    const db = store.db();
    const wrong = line({ source: 'stripe', lineId: 'txn_bad', fee: { amountMinor: -30, currency: 'USD' } });
    await expect(upsertSettlementLines(db, 'acme', [{ line: wrong }])).rejects.toThrow(new StoreInputError('lines[0] (stripe txn_bad): fee is in USD, the line is in EUR'));
    const fraction = line({ source: 'stripe', lineId: 'txn_frac', gross: { amountMinor: 10.5, currency: 'EUR' } });
    await expect(upsertSettlementLines(db, 'acme', [{ line: fraction }])).rejects.toThrow(/lines\[0\] \(stripe txn_frac\): gross\.amountMinor must be a safe integer/);
    const late = { line: LINES[0]!, reporting: { currency: 'EUR', gross: { amountMinor: 1, currency: 'EUR' }, rate: '1', rateDate: '2026-03-01', rateSource: 'ecb' } };
    await expect(upsertSettlementLines(db, 'acme', [late])).rejects.toThrow(/reporting\.rateDate 2026-03-01 is after the posting date 2026-02-27/);
    expect(await countLedgerLines(db, { tenant: 'acme' })).toBe(0);
  });
});
