import type { Knex } from 'knex';
import type { Money } from '../mappings/canonical/money.js';
import type { SettlementLine, SettlementLineKind, SettlementSource } from '../mappings/canonical/settlement.js';
import { insertRows, onConflictUpdate } from './multi-row-insert.js';
import { canonicalJsonValue, sha256Hex } from './stable-json.js';
import { StoreInputError } from './store-errors.js';
import { assertStorableKey, chunk, IN_LIST_CHUNK, storableText, toOptionalSafeInteger, toSafeInteger, toStoredTimestamp } from './sql-values.js';
import type { WriteOptions } from './write-options.js';

/**
 * A line's amount in the tenant's reporting currency, at the rate of its posting date. The
 * caller converts (engines/reconcile ledgerEntryFor with engines/fx): the store keeps figures.
 */
export interface ReportingAmount {
  currency: string;
  gross: Money;
  net?: Money;
  /** Reporting-currency units per unit of the line's currency, as applied (decimal text). */
  rate: string;
  /** The date the rate was published for (the posting date, or the last one before it). */
  rateDate: string;
  rateSource: string;
}

export interface LedgerEntryInput {
  line: SettlementLine;
  /** Absent when no rate was available for the posting date: the line is kept, unconverted. */
  reporting?: ReportingAmount;
}

export interface UpsertSettlementLinesResult {
  inserted: number;
  /** Lines read again with different content (a Stripe line gone from pending to available, a fee now known). */
  updated: number;
  unchanged: number;
}

export interface StoredLedgerLine {
  tenant: string;
  line: SettlementLine;
  /** YYYY-MM-DD of line.postedAt (UTC). */
  postingDate: string;
  reporting?: ReportingAmount;
  /** Payout the line belongs to: refs.payoutId, or the Amazon settlement id. */
  payoutId?: string;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
}

interface LedgerRow {
  tenant: string;
  source: string;
  line_id: string;
  kind: string;
  raw_type: string;
  status: string | null;
  currency: string;
  gross_minor: number;
  fee_minor: number | null;
  net_minor: number | null;
  posted_at: string;
  posting_date: string;
  reporting_currency: string | null;
  reporting_gross_minor: number | null;
  reporting_net_minor: number | null;
  fx_rate: string | null;
  fx_rate_date: string | null;
  fx_source: string | null;
  order_id: string | null;
  payout_id: string | null;
  settlement_id: string | null;
  charge_id: string | null;
  refund_id: string | null;
  content_hash: string;
  record: string;
  created_at: string;
  updated_at: string;
}

const KEY_COLUMNS = ['tenant', 'source', 'line_id'] as const satisfies readonly (keyof LedgerRow)[];
const CONTENT_COLUMNS = [
  'kind',
  'raw_type',
  'status',
  'currency',
  'gross_minor',
  'fee_minor',
  'net_minor',
  'posted_at',
  'posting_date',
  'reporting_currency',
  'reporting_gross_minor',
  'reporting_net_minor',
  'fx_rate',
  'fx_rate_date',
  'fx_source',
  'order_id',
  'payout_id',
  'settlement_id',
  'charge_id',
  'refund_id',
  'content_hash',
  'record',
] as const satisfies readonly (keyof LedgerRow)[];
const COLUMNS = [...KEY_COLUMNS, ...CONTENT_COLUMNS, 'created_at', 'updated_at'] as const satisfies readonly (keyof LedgerRow)[];
// The WHERE makes a concurrent identical write a no-op, as in orders.
const UPSERT = onConflictUpdate(KEY_COLUMNS, [...CONTENT_COLUMNS, 'updated_at']) + ' where "ledger_lines"."content_hash" <> excluded."content_hash"';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATE = /^\d+(\.\d+)?$/;

const keyOf = (source: string, lineId: string): string => `${source}\u0000${lineId}`;

/** The payout a line was paid out in: Stripe/PayPal name it; an Amazon settlement is its own payout. */
export function ledgerPayoutId(line: SettlementLine): string | undefined {
  return line.refs.payoutId ?? (line.source === 'amazon' ? line.refs.settlementId : undefined);
}

/** Where a line is, for an error message: built only when one is thrown, not for every line stored. */
type Where = () => string;

function minor(value: number | undefined, where: Where, field: string): number | null {
  if (value === undefined) return null;
  if (!Number.isSafeInteger(value)) throw new StoreInputError(`${where()}: ${field}.amountMinor must be a safe integer of minor units, got ${value}`);
  return value;
}

function sameCurrency(money: Money | undefined, currency: string, where: Where, field: string): void {
  if (money !== undefined && money.currency !== currency) {
    throw new StoreInputError(`${where()}: ${field} is in ${money.currency}, the line is in ${currency}`);
  }
}

/** assertStorableKey, its message built only for a key it refuses. */
function storableKey(value: string, where: Where, field: string): void {
  if (!value || storableText(value) !== value) assertStorableKey(value, `${where()}: ${field}`);
}

function toRow(tenant: string, entry: LedgerEntryInput, now: string, index: number): LedgerRow {
  const { line, reporting } = entry;
  const where = () => `lines[${index}] (${String(line.source)} ${String(line.lineId)})`;
  storableKey(line.source, where, 'source');
  storableKey(line.lineId, where, 'lineId');
  sameCurrency(line.gross, line.currency, where, 'gross');
  sameCurrency(line.fee, line.currency, where, 'fee');
  sameCurrency(line.net, line.currency, where, 'net');
  const postingDate = typeof line.postedAt === 'string' ? line.postedAt.slice(0, 10) : '';
  if (!DATE.test(postingDate)) throw new StoreInputError(`${where()}: postedAt ${JSON.stringify(line.postedAt)} is not a date or UTC timestamp`);
  if (reporting !== undefined) {
    sameCurrency(reporting.gross, reporting.currency, where, 'reporting.gross');
    sameCurrency(reporting.net, reporting.currency, where, 'reporting.net');
    if (!RATE.test(reporting.rate)) throw new StoreInputError(`${where()}: reporting.rate ${JSON.stringify(reporting.rate)} is not a decimal string`);
    if (!DATE.test(reporting.rateDate)) throw new StoreInputError(`${where()}: reporting.rateDate "${reporting.rateDate}" is not a date YYYY-MM-DD`);
    // The rate of the posting date, or the last published before it (weekends, holidays).
    if (reporting.rateDate > postingDate) throw new StoreInputError(`${where()}: reporting.rateDate ${reporting.rateDate} is after the posting date ${postingDate}`);
  }
  const record = JSON.stringify(canonicalJsonValue({ line, reporting }));
  return {
    tenant,
    source: line.source,
    line_id: line.lineId,
    kind: line.kind,
    raw_type: storableText(line.rawType),
    status: storableText(line.status),
    currency: line.currency,
    gross_minor: minor(line.gross.amountMinor, where, 'gross')!,
    fee_minor: minor(line.fee?.amountMinor, where, 'fee'),
    net_minor: minor(line.net?.amountMinor, where, 'net'),
    posted_at: line.postedAt,
    posting_date: postingDate,
    reporting_currency: reporting?.currency ?? null,
    reporting_gross_minor: minor(reporting?.gross.amountMinor, where, 'reporting.gross'),
    reporting_net_minor: minor(reporting?.net?.amountMinor, where, 'reporting.net'),
    fx_rate: reporting?.rate ?? null,
    fx_rate_date: reporting?.rateDate ?? null,
    fx_source: storableText(reporting?.rateSource),
    order_id: storableText(line.refs.orderId),
    payout_id: storableText(ledgerPayoutId(line)),
    settlement_id: storableText(line.refs.settlementId),
    charge_id: storableText(line.refs.chargeId),
    refund_id: storableText(line.refs.refundId),
    content_hash: sha256Hex(record),
    record,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Upserts settlement lines by the source's own line identity (tenant, source, lineId) in one
 * transaction, chunked multi-row statements. A line read again with the same content (the
 * same file, an overlapping window, a webhook and the list) writes nothing and counts as
 * unchanged; changed content is rewritten (updated). Within one batch the last entry for a
 * line wins.
 */
export async function upsertSettlementLines(
  db: Knex,
  tenant: string,
  entries: readonly LedgerEntryInput[],
  options: WriteOptions = {},
): Promise<UpsertSettlementLinesResult> {
  assertStorableKey(tenant, 'tenant');
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const latest = new Map<string, LedgerRow>();
  entries.forEach((entry, i) => {
    const row = toRow(tenant, entry, now, i);
    const key = keyOf(row.source, row.line_id);
    latest.delete(key);
    latest.set(key, row);
  });
  if (latest.size === 0) return { inserted: 0, updated: 0, unchanged: 0 };

  return db.transaction(async (trx) => {
    const existing = await selectExistingHashes(trx, tenant, [...latest.values()]);
    const toWrite: LedgerRow[] = [];
    let inserted = 0;
    let updated = 0;
    for (const [key, row] of latest) {
      const stored = existing.get(key);
      if (stored === undefined) {
        inserted += 1;
        toWrite.push(row);
      } else if (stored !== row.content_hash) {
        updated += 1;
        toWrite.push(row);
      }
    }
    await insertRows(trx, 'ledger_lines', COLUMNS, toWrite, UPSERT);
    return { inserted, updated, unchanged: latest.size - inserted - updated };
  });
}

async function selectExistingHashes(trx: Knex.Transaction, tenant: string, rows: readonly LedgerRow[]): Promise<Map<string, string>> {
  const idsBySource = new Map<string, string[]>();
  for (const row of rows) {
    const ids = idsBySource.get(row.source);
    if (ids) ids.push(row.line_id);
    else idsBySource.set(row.source, [row.line_id]);
  }
  const found = new Map<string, string>();
  for (const [source, ids] of idsBySource) {
    for (const part of chunk(ids, IN_LIST_CHUNK)) {
      const stored: Pick<LedgerRow, 'line_id' | 'content_hash'>[] = await trx('ledger_lines')
        .select('line_id', 'content_hash')
        .where({ tenant, source })
        .whereIn('line_id', part);
      for (const r of stored) found.set(keyOf(source, r.line_id), r.content_hash);
    }
  }
  return found;
}

/** The columns toStored reads: the rest repeat the record's fields, and reading them back costs time. */
const STORED_COLUMNS = ['tenant', 'source', 'line_id', 'posting_date', 'gross_minor', 'reporting_gross_minor', 'payout_id', 'content_hash', 'record', 'created_at', 'updated_at'] as const satisfies readonly (keyof LedgerRow)[];
type StoredRow = Pick<LedgerRow, (typeof STORED_COLUMNS)[number]>;

function toStored(row: StoredRow): StoredLedgerLine {
  const { line, reporting } = JSON.parse(row.record) as { line: SettlementLine; reporting?: ReportingAmount };
  // The columns are checked against the record's figures: a row edited by hand is not trusted silently.
  toSafeInteger(row.gross_minor, 'ledger_lines.gross_minor');
  toOptionalSafeInteger(row.reporting_gross_minor, 'ledger_lines.reporting_gross_minor');
  return {
    tenant: row.tenant,
    line,
    postingDate: row.posting_date,
    ...(reporting === undefined ? {} : { reporting }),
    ...(row.payout_id === null ? {} : { payoutId: row.payout_id }),
    contentHash: row.content_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Posting date, then source and line id in code-unit order: the same on both databases whatever their collation. */
function byPosting(a: StoredLedgerLine, b: StoredLedgerLine): number {
  return (
    compareCodeUnits(a.postingDate, b.postingDate) ||
    compareCodeUnits(a.line.postedAt, b.line.postedAt) ||
    compareCodeUnits(a.line.source, b.line.source) ||
    compareCodeUnits(a.line.lineId, b.line.lineId)
  );
}

export interface LedgerPeriodQuery {
  tenant: string;
  /** First posting date, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last posting date, YYYY-MM-DD (inclusive). */
  to: string;
  sources?: readonly SettlementSource[];
  kinds?: readonly SettlementLineKind[];
}

/** Lines posted in [from, to] (by UTC posting date), ordered by posting time. */
export async function ledgerLinesByPeriod(db: Knex, query: LedgerPeriodQuery): Promise<StoredLedgerLine[]> {
  for (const [field, value] of [['from', query.from], ['to', query.to]] as const) {
    if (!DATE.test(value)) throw new StoreInputError(`${field} "${value}" is not a date YYYY-MM-DD`);
  }
  const q = db('ledger_lines').select(STORED_COLUMNS).where({ tenant: query.tenant }).whereBetween('posting_date', [query.from, query.to]);
  if (query.sources !== undefined) q.whereIn('source', [...query.sources]);
  if (query.kinds !== undefined) q.whereIn('kind', [...query.kinds]);
  const rows: StoredRow[] = await q;
  return rows.map(toStored).sort(byPosting);
}

/** Where a page of a period ended: the last line's posting date, source and id. */
export interface LedgerCursor {
  postingDate: string;
  source: string;
  lineId: string;
}

/**
 * One page of a period's lines in (posting date, source, line id) order, after `after`: for a
 * reader that must not hold a large period in memory (an activity per page). Order and cursor
 * comparison are both the database's, so pages neither skip nor repeat lines.
 */
export async function pageLedgerLines(
  db: Knex,
  query: { tenant: string; from: string; to: string; after?: LedgerCursor; limit: number },
): Promise<{ lines: StoredLedgerLine[]; next?: LedgerCursor }> {
  for (const [field, value] of [['from', query.from], ['to', query.to]] as const) {
    if (!DATE.test(value)) throw new StoreInputError(`${field} "${value}" is not a date YYYY-MM-DD`);
  }
  if (!Number.isSafeInteger(query.limit) || query.limit < 1) throw new StoreInputError(`limit must be a positive integer, got ${query.limit}`);
  const q = db('ledger_lines').select(STORED_COLUMNS).where({ tenant: query.tenant }).whereBetween('posting_date', [query.from, query.to]);
  if (query.after !== undefined) {
    const a = query.after;
    q.andWhereRaw('("posting_date", "source", "line_id") > (?, ?, ?)', [a.postingDate, a.source, a.lineId]);
  }
  const rows: StoredRow[] = await q.orderBy([{ column: 'posting_date' }, { column: 'source' }, { column: 'line_id' }]).limit(query.limit);
  const lines = rows.map(toStored);
  const last = rows.at(-1);
  return rows.length < query.limit || last === undefined ? { lines } : { lines, next: { postingDate: last.posting_date, source: last.source, lineId: last.line_id } };
}

/**
 * A period's lines that are not in `pageOrderIdsInPeriod`'s pages: every other source's, and
 * `source`'s without an order id. Lines of the paged source with an order id come page by page.
 */
export async function ledgerLinesOutsideOrderPages(db: Knex, query: { tenant: string; from: string; to: string; source: SettlementSource }): Promise<StoredLedgerLine[]> {
  for (const [field, value] of [['from', query.from], ['to', query.to]] as const) {
    if (!DATE.test(value)) throw new StoreInputError(`${field} "${value}" is not a date YYYY-MM-DD`);
  }
  const rows: StoredRow[] = await db('ledger_lines')
    .select(STORED_COLUMNS)
    .where({ tenant: query.tenant })
    .whereBetween('posting_date', [query.from, query.to])
    .andWhere((w) => w.whereNot({ source: query.source }).orWhereNull('order_id'));
  return rows.map(toStored).sort(byPosting);
}

/**
 * One page of the distinct order ids `source`'s lines name in a period, after `after`: a
 * reconciliation reads a large period whole orders at a time (ledgerLinesByOrder). Order and
 * cursor comparison are both the database's, so pages neither skip nor repeat an order.
 */
export async function pageOrderIdsInPeriod(
  db: Knex,
  query: { tenant: string; from: string; to: string; source: SettlementSource; after?: string; limit: number },
): Promise<{ orderIds: string[]; next?: string }> {
  if (!Number.isSafeInteger(query.limit) || query.limit < 1) throw new StoreInputError(`limit must be a positive integer, got ${query.limit}`);
  const q = db('ledger_lines')
    .distinct('order_id')
    .where({ tenant: query.tenant, source: query.source })
    .whereBetween('posting_date', [query.from, query.to])
    .whereNotNull('order_id');
  if (query.after !== undefined) q.andWhere('order_id', '>', query.after);
  const rows: { order_id: string }[] = await q.orderBy('order_id').limit(query.limit);
  const orderIds = rows.map((r) => r.order_id);
  const last = orderIds.at(-1);
  return orderIds.length < query.limit || last === undefined ? { orderIds } : { orderIds, next: last };
}

/** The lines paid out in these payouts (Stripe po_…, PayPal withdrawal ids, Amazon settlement ids). */
export async function ledgerLinesByPayout(db: Knex, tenant: string, payoutIds: readonly string[]): Promise<StoredLedgerLine[]> {
  return byColumn(db, tenant, 'payout_id', payoutIds);
}

/** The lines that name these orders (sales, fees, refunds, chargebacks of them). */
export async function ledgerLinesByOrder(db: Knex, tenant: string, orderIds: readonly string[]): Promise<StoredLedgerLine[]> {
  return byColumn(db, tenant, 'order_id', orderIds);
}

async function byColumn(db: Knex, tenant: string, column: 'payout_id' | 'order_id', values: readonly string[]): Promise<StoredLedgerLine[]> {
  const out: StoredLedgerLine[] = [];
  for (const part of chunk([...new Set(values)], IN_LIST_CHUNK)) {
    const rows: StoredRow[] = await db('ledger_lines').select(STORED_COLUMNS).where({ tenant }).whereIn(column, part);
    out.push(...rows.map(toStored));
  }
  return out.sort(byPosting);
}

export async function countLedgerLines(db: Knex, query: { tenant: string; source?: SettlementSource }): Promise<number> {
  const q = db('ledger_lines').count({ n: '*' }).where({ tenant: query.tenant });
  if (query.source !== undefined) q.andWhere({ source: query.source });
  const row = (await q.first()) as { n: unknown } | undefined;
  return toSafeInteger(row?.n ?? 0, 'count(ledger_lines)');
}
