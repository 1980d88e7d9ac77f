/**
 * A reconciliation result as the finance team reads it: CSV (one row per discrepancy and per
 * pending item, amounts as decimals in their currency), JSON (the whole result with counts and
 * each discrepancy's standing resolution), and a few summary lines for a run's memo. Pure
 * formatting: the resolutions come from the store (discrepancyResolutions).
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Discrepancy, DiscrepancyKind, OrderMatch, PendingItem, ReconciliationResult } from '../engines/reconcile/index.js';
import { DISCREPANCY_KINDS } from '../engines/reconcile/index.js';
import { formatMoney, type Money } from '../mappings/canonical/money.js';
import type { DiscrepancyResolution } from '../store/index.js';
import type { ReconcileTotalsText } from './reconcile-types.js';

export const RECONCILE_CSV_COLUMNS = [
  'status',
  'id',
  'kind',
  'source',
  'date',
  'keys',
  'currency',
  'expected',
  'actual',
  'difference',
  'summary',
  'lines',
  'resolved_by',
  'resolved_at',
  'resolution_reason',
  'decide_after',
] as const;

/** RFC 4180: quoted when it holds a delimiter, quote or line break; a leading =, +, - or @ is kept out of spreadsheet formulas. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const amount = (m: Money | undefined): string => (m === undefined ? '' : formatMoney(m));
const keysText = (keys: Readonly<Record<string, string>>): string =>
  Object.keys(keys)
    .sort()
    .map((k) => `${k}=${keys[k]}`)
    .join(' ');

type Resolutions = ReadonlyMap<string, DiscrepancyResolution>;

function discrepancyRow(d: Discrepancy, resolution: DiscrepancyResolution | undefined): string[] {
  const currency = d.expected?.currency ?? d.actual?.currency ?? '';
  return [
    resolution ? 'resolved' : 'open',
    d.id,
    d.kind,
    d.source,
    d.date,
    keysText(d.keys),
    currency,
    amount(d.expected),
    amount(d.actual),
    amount(d.difference),
    d.summary,
    d.lineIds.join(' '),
    resolution?.by ?? '',
    resolution?.at ?? '',
    resolution?.reason ?? '',
    '',
  ];
}

function pendingRow(p: PendingItem): string[] {
  return ['pending', p.id, p.kind, p.source, '', keysText(p.keys), '', '', '', '', p.summary, '', '', '', '', p.decideAfter];
}

/** CSV: a header, then discrepancies (open and resolved) and pending items, CRLF line ends. */
export function reconciliationCsv(result: ReconciliationResult, resolutions: Resolutions = new Map()): string {
  const rows = [
    [...RECONCILE_CSV_COLUMNS],
    ...result.discrepancies.map((d) => discrepancyRow(d, resolutions.get(d.id))),
    ...result.pending.map(pendingRow),
  ];
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface ReconciliationCounts {
  open: number;
  resolved: number;
  pending: number;
  byKind: Record<DiscrepancyKind, number>;
  ordersMatched: number;
  payoutsMatched: number;
}

/** `ordersMatched`: the count when the matches were streamed to the report rather than kept in `result`. */
export function reconciliationCounts(result: ReconciliationResult, resolutions: Resolutions = new Map(), ordersMatched = result.orderMatches.length): ReconciliationCounts {
  const byKind = Object.fromEntries(DISCREPANCY_KINDS.map((k) => [k, 0])) as Record<DiscrepancyKind, number>;
  let resolved = 0;
  for (const d of result.discrepancies) {
    byKind[d.kind] += 1;
    if (resolutions.has(d.id)) resolved += 1;
  }
  return {
    open: result.discrepancies.length - resolved,
    resolved,
    pending: result.pending.length,
    byKind,
    ordersMatched,
    payoutsMatched: result.payoutMatches.length,
  };
}

/** Per currency, the period's lines by kind as decimal text. */
export function totalsAsText(result: ReconciliationResult): ReconcileTotalsText[] {
  return result.totals.map((t) => {
    const m = (n: number) => formatMoney({ amountMinor: n, currency: t.currency });
    return { currency: t.currency, sales: m(t.sales), fees: m(t.fees), refunds: m(t.refunds), chargebacks: m(t.chargebacks), payouts: m(t.payouts), other: m(t.other) };
  });
}

/** JSON: the result, its counts, each discrepancy with its resolution (null while open), and totals as decimals. */
export function reconciliationJson(result: ReconciliationResult, resolutions: Resolutions = new Map(), ordersMatched = result.orderMatches.length): string {
  const doc = {
    tenant: result.tenant,
    period: result.period,
    asOf: result.asOf,
    counts: reconciliationCounts(result, resolutions, ordersMatched),
    discrepancies: result.discrepancies.map((d) => ({ ...d, resolution: resolutions.get(d.id) ?? null })),
    pending: result.pending,
    orderMatches: result.orderMatches,
    payoutMatches: result.payoutMatches,
    totals: totalsAsText(result),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** One order match as an element of reconciliationJson's `orderMatches` (indented as JSON.stringify(doc, null, 2) does). */
export function orderMatchJsonElement(match: OrderMatch): string {
  return `    ${JSON.stringify(match, null, 2).replace(/\n/g, '\n    ')}`;
}

/**
 * reconciliationJson's document written to `path` when the order matches were not kept: they
 * were appended, comma-separated orderMatchJsonElement text, to `matchesFile` page by page,
 * and are copied in piece by piece, so the report of a million-line period never sits whole in memory.
 */
export function writeReconciliationJson(path: string, result: ReconciliationResult, resolutions: Resolutions, streamed: { file: string; count: number }): void {
  const text = reconciliationJson(result, resolutions, streamed.count);
  const at = text.indexOf('"orderMatches": []');
  const out = openSync(path, 'w');
  try {
    writeSync(out, text.slice(0, at) + (streamed.count === 0 ? '"orderMatches": [' : '"orderMatches": [\n'));
    const input = openSync(streamed.file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 16);
      for (let n; (n = readSync(input, buffer, 0, buffer.length, null)) > 0; ) writeSync(out, buffer, 0, n);
    } finally {
      closeSync(input);
    }
    writeSync(out, (streamed.count === 0 ? ']' : '\n  ]') + text.slice(at + '"orderMatches": []'.length));
  } finally {
    closeSync(out);
  }
}

/** A few lines for a workflow's memo or the terminal: counts, then each open discrepancy's summary. */
export function reconciliationSummary(result: ReconciliationResult, resolutions: Resolutions = new Map(), maxListed = 10, ordersMatched = result.orderMatches.length): string {
  const c = reconciliationCounts(result, resolutions, ordersMatched);
  const kinds = DISCREPANCY_KINDS.filter((k) => c.byKind[k] > 0).map((k) => `${c.byKind[k]} ${k}`);
  const head =
    `${result.tenant} ${result.period.from}..${result.period.to}: ${c.ordersMatched} order${c.ordersMatched === 1 ? '' : 's'} and ` +
    `${c.payoutsMatched} payout${c.payoutsMatched === 1 ? '' : 's'} matched; ` +
    (result.discrepancies.length === 0 ? 'no discrepancies' : `${c.open} open, ${c.resolved} resolved (${kinds.join(', ')})`) +
    (c.pending > 0 ? `; ${c.pending} pending` : '');
  const open = result.discrepancies.filter((d) => !resolutions.has(d.id));
  const listed = open.slice(0, maxListed).map((d) => `  ${d.id}: ${d.summary}`);
  if (open.length > maxListed) listed.push(`  … and ${open.length - maxListed} more`);
  return [head, ...listed].join('\n');
}
