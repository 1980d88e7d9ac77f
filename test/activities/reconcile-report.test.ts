import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { reconciliationCounts, reconciliationCsv, reconciliationJson, reconciliationSummary, RECONCILE_CSV_COLUMNS } from '../../activities/reconcile-report.js';
import { payoutsFromLedger, reconcile } from '../../engines/reconcile/index.js';
import { input, line, LINES, SETTLEMENTS } from '../engines/reconcile/reconcile-fixtures.js';

const stray = line('amazon', '11830979063:9', 'sale', 2500, 'EUR', { refs: { orderId: '302-9999999-9999999' } });
const lost = line('stripe', 'txn_po_lost', 'payout', -50000, 'EUR', { availableAt: '2026-03-28T00:00:00Z', refs: { payoutId: 'po_Lost' } });
const feeLine = LINES.map((l) => (l.lineId === '22000000001:3' ? { ...l, gross: { amountMinor: -396, currency: 'JPY' } } : l));
const result = reconcile(input({ lines: [...feeLine, stray, lost], payouts: payoutsFromLedger([...LINES, lost], SETTLEMENTS) }));
const feeId = result.discrepancies.find((d) => d.kind === 'fee-anomaly')!.id;
const resolutions = new Map([[feeId, { at: '2026-04-02T08:00:00.000Z', by: 'alice', reason: 'FBA fee, "small and light", agreed' }]]);

describe('reconciliation report', () => {
  it('writes CSV that parses back: one row per discrepancy and pending item, amounts in their currency\'s decimals', () => {
    const csv = reconciliationCsv(result, resolutions);
    const rows = parse(csv, { columns: true }) as Record<(typeof RECONCILE_CSV_COLUMNS)[number], string>[];
    expect(rows.map((r) => [r.status, r.kind, r.currency, r.expected, r.actual, r.difference, r.resolved_by, r.resolution_reason, r.decide_after])).toEqual([
      // Same date: by id.
      ['resolved', 'fee-anomaly', 'JPY', '-297', '-396', '-99', 'alice', 'FBA fee, "small and light", agreed', ''],
      ['open', 'missing-order', 'EUR', '', '25.00', '', '', '', ''],
      ['pending', 'payout-not-received', '', '', '', '', '', '', '2026-04-02'],
    ]);
    expect(rows[1]!.keys).toBe('orderId=302-9999999-9999999 source=amazon');
    expect(csv.split('\r\n')[0]).toBe(RECONCILE_CSV_COLUMNS.join(','));
  });

  it('keeps a text cell that starts like a formula out of spreadsheet formulas, numbers untouched', () => {
    const odd = { ...result, pending: [], discrepancies: [{ ...result.discrepancies[1]!, summary: '=HYPERLINK("x")' }] };
    const [row] = parse(reconciliationCsv(odd), { columns: true }) as Record<string, string>[];
    expect([row!.summary, row!.actual]).toEqual(["'=HYPERLINK(\"x\")", '25.00']);
  });

  it('writes JSON with counts, resolutions (null while open) and totals as decimals', () => {
    const doc = JSON.parse(reconciliationJson(result, resolutions)) as Record<string, unknown> & { discrepancies: { kind: string; resolution: unknown }[]; totals: { currency: string; fees: string }[] };
    expect(doc.counts).toEqual({
      open: 1,
      resolved: 1,
      pending: 1,
      byKind: { 'missing-order': 1, 'amount-mismatch': 0, 'fee-anomaly': 1, 'unmatched-refund': 0, 'duplicate-refund': 0, 'payout-not-received': 0 },
      ordersMatched: 4,
      payoutsMatched: 4,
    });
    expect(doc.discrepancies.map((d) => [d.kind, d.resolution])).toEqual([
      ['fee-anomaly', resolutions.get(feeId)],
      ['missing-order', null],
    ]);
    expect(doc.totals.map((t) => [t.currency, t.fees])).toEqual([
      ['EUR', '-15.00'],
      ['GBP', '-1.75'],
      ['JPY', '-396'],
      ['KWD', '-0.458'],
    ]);
  });

  it('summarises for a memo: counts, then the open discrepancies', () => {
    expect(reconciliationSummary(result, resolutions)).toBe(
      'acme 2026-03-01..2026-03-31: 4 orders and 4 payouts matched; 1 open, 1 resolved (1 missing-order, 1 fee-anomaly); 1 pending\n' +
        `  ${result.discrepancies[1]!.id}: amazon paid 25.00 EUR for order 302-9999999-9999999, which is not among the orders`,
    );
    const clean = reconcile(input({ payouts: payoutsFromLedger(LINES, SETTLEMENTS) }));
    expect(reconciliationSummary(clean)).toBe('acme 2026-03-01..2026-03-31: 4 orders and 4 payouts matched; no discrepancies');
    expect(reconciliationCounts(clean).open).toBe(0);
  });
});
