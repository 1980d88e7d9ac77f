import type { Knex } from 'knex';
import { insertRows, onConflictUpdate } from './multi-row-insert.js';
import { canonicalJsonValue } from './stable-json.js';
import { StoreInputError } from './store-errors.js';
import { assertStorableKey, chunk, IN_LIST_CHUNK, storableText, toStoredTimestamp } from './sql-values.js';
import type { WriteOptions } from './write-options.js';

/** What the store needs of a discrepancy (engines/reconcile Discrepancy): the rest is kept as JSON. */
export interface DiscrepancyRecordInput {
  id: string;
  kind: string;
  summary: string;
}

export interface DiscrepancyResolution {
  at: string;
  by: string;
  reason: string;
}

export interface StoredDiscrepancy<T extends DiscrepancyRecordInput = DiscrepancyRecordInput> {
  tenant: string;
  id: string;
  kind: string;
  summary: string;
  /** The discrepancy as the last run that found it reported it. */
  record: T;
  firstSeenAt: string;
  lastSeenAt: string;
  period: { from: string; to: string };
  resolution?: DiscrepancyResolution;
}

export interface RecordDiscrepanciesResult {
  /** Found for the first time. */
  added: number;
  /** Found again, still open. */
  stillOpen: number;
  /** Found again but resolved by hand earlier: the resolution stands. */
  alreadyResolved: number;
}

export interface ResolutionAuditEntry {
  tenant: string;
  discrepancyId: string;
  action: 'resolved' | 'reopened';
  actor: string;
  reason: string;
  at: string;
}

interface DiscrepancyRow {
  tenant: string;
  id: string;
  kind: string;
  summary: string;
  record: string;
  first_seen_at: string;
  last_seen_at: string;
  period_from: string;
  period_to: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_reason: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COLUMNS = ['tenant', 'id', 'kind', 'summary', 'record', 'first_seen_at', 'last_seen_at', 'period_from', 'period_to'] as const satisfies readonly (keyof DiscrepancyRow)[];
// A rerun refreshes what was found and when; first_seen_at and any resolution stay.
const UPSERT = onConflictUpdate(['tenant', 'id'], ['kind', 'summary', 'record', 'last_seen_at', 'period_from', 'period_to']);

/**
 * Records what a reconciliation run found, by the engine's stable ids: new discrepancies are
 * added, known ones refreshed (last seen, latest figures). A manual resolution is never undone
 * by finding the same discrepancy again.
 */
export async function recordDiscrepancies(
  db: Knex,
  tenant: string,
  run: { period: { from: string; to: string }; discrepancies: readonly DiscrepancyRecordInput[] },
  options: WriteOptions = {},
): Promise<RecordDiscrepanciesResult> {
  assertStorableKey(tenant, 'tenant');
  for (const [field, value] of [['period.from', run.period.from], ['period.to', run.period.to]] as const) {
    if (!DATE.test(value)) throw new StoreInputError(`${field} "${value}" is not a date YYYY-MM-DD`);
  }
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const rows = new Map<string, Pick<DiscrepancyRow, (typeof COLUMNS)[number]>>();
  run.discrepancies.forEach((d, i) => {
    assertStorableKey(d.id, `discrepancies[${i}].id`);
    assertStorableKey(d.kind, `discrepancies[${i}].kind`);
    rows.set(d.id, {
      tenant,
      id: d.id,
      kind: d.kind,
      summary: storableText(d.summary),
      record: JSON.stringify(canonicalJsonValue(d)),
      first_seen_at: now,
      last_seen_at: now,
      period_from: run.period.from,
      period_to: run.period.to,
    });
  });
  if (rows.size === 0) return { added: 0, stillOpen: 0, alreadyResolved: 0 };
  return db.transaction(async (trx) => {
    const known = new Map<string, boolean>();
    for (const part of chunk([...rows.keys()], IN_LIST_CHUNK)) {
      const found: Pick<DiscrepancyRow, 'id' | 'resolved_at'>[] = await trx('reconcile_discrepancies').select('id', 'resolved_at').where({ tenant }).whereIn('id', part);
      for (const f of found) known.set(f.id, f.resolved_at !== null);
    }
    await insertRows(trx, 'reconcile_discrepancies', COLUMNS, [...rows.values()], UPSERT);
    const resolved = [...known.values()].filter(Boolean).length;
    return { added: rows.size - known.size, stillOpen: known.size - resolved, alreadyResolved: resolved };
  });
}

function requireText(value: string, what: string, id: string): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t === '') throw new StoreInputError(`discrepancy ${id}: ${what}`);
  return t;
}

async function audit(trx: Knex.Transaction, entry: ResolutionAuditEntry): Promise<void> {
  await trx('reconcile_resolution_audit').insert({ tenant: entry.tenant, discrepancy_id: entry.discrepancyId, action: entry.action, actor: storableText(entry.actor), reason: storableText(entry.reason), at: entry.at });
}

export type ResolveOutcome = 'resolved' | 'already-resolved' | 'unknown';

/** Closes a discrepancy by hand with a reason; who, when and why go to the audit trail. */
export async function resolveDiscrepancy(db: Knex, tenant: string, id: string, resolution: { by: string; reason: string }, options: WriteOptions = {}): Promise<ResolveOutcome> {
  const by = requireText(resolution.by, 'say who resolves it', id);
  const reason = requireText(resolution.reason, 'a reason is needed to resolve it by hand', id);
  const at = toStoredTimestamp(options.now ?? new Date(), 'now');
  return db.transaction(async (trx) => {
    const row: Pick<DiscrepancyRow, 'resolved_at'> | undefined = await trx('reconcile_discrepancies').select('resolved_at').where({ tenant, id }).first();
    if (row === undefined) return 'unknown';
    if (row.resolved_at !== null) return 'already-resolved';
    await trx('reconcile_discrepancies').where({ tenant, id }).update({ resolved_at: at, resolved_by: storableText(by), resolution_reason: storableText(reason) });
    await audit(trx, { tenant, discrepancyId: id, action: 'resolved', actor: by, reason, at });
    return 'resolved';
  });
}

/** Opens a resolved discrepancy again (the resolution was wrong); audited like a resolution. */
export async function reopenDiscrepancy(db: Knex, tenant: string, id: string, request: { by: string; reason: string }, options: WriteOptions = {}): Promise<boolean> {
  const by = requireText(request.by, 'say who reopens it', id);
  const reason = requireText(request.reason, 'a reason is needed to reopen it', id);
  const at = toStoredTimestamp(options.now ?? new Date(), 'now');
  return db.transaction(async (trx) => {
    const changed = await trx('reconcile_discrepancies').where({ tenant, id }).whereNotNull('resolved_at').update({ resolved_at: null, resolved_by: null, resolution_reason: null });
    if (changed === 0) return false;
    await audit(trx, { tenant, discrepancyId: id, action: 'reopened', actor: by, reason, at });
    return true;
  });
}

export interface ListDiscrepanciesQuery {
  tenant: string;
  kind?: string;
  /** true: open only; false: resolved only; absent: both. */
  open?: boolean;
  ids?: readonly string[];
}

function toStored<T extends DiscrepancyRecordInput>(row: DiscrepancyRow): StoredDiscrepancy<T> {
  return {
    tenant: row.tenant,
    id: row.id,
    kind: row.kind,
    summary: row.summary,
    record: JSON.parse(row.record) as T,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    period: { from: row.period_from, to: row.period_to },
    ...(row.resolved_at === null ? {} : { resolution: { at: row.resolved_at, by: row.resolved_by ?? '', reason: row.resolution_reason ?? '' } }),
  };
}

/** Discrepancies by first seen, then id. */
export async function listDiscrepancies<T extends DiscrepancyRecordInput = DiscrepancyRecordInput>(db: Knex, query: ListDiscrepanciesQuery): Promise<StoredDiscrepancy<T>[]> {
  const rows: DiscrepancyRow[] = [];
  const parts = query.ids === undefined ? [undefined] : chunk([...query.ids], IN_LIST_CHUNK);
  for (const part of parts) {
    const q = db('reconcile_discrepancies').select('*').where({ tenant: query.tenant });
    if (part !== undefined) q.whereIn('id', part);
    if (query.kind !== undefined) q.andWhere({ kind: query.kind });
    if (query.open === true) q.whereNull('resolved_at');
    if (query.open === false) q.whereNotNull('resolved_at');
    rows.push(...((await q) as DiscrepancyRow[]));
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => cmp(a.first_seen_at, b.first_seen_at) || cmp(a.id, b.id)).map((r) => toStored<T>(r));
}

/** The manual resolutions standing for these ids, for a report of a run. */
export async function discrepancyResolutions(db: Knex, tenant: string, ids: readonly string[]): Promise<Map<string, DiscrepancyResolution>> {
  const out = new Map<string, DiscrepancyResolution>();
  for (const d of await listDiscrepancies(db, { tenant, ids, open: false })) if (d.resolution) out.set(d.id, d.resolution);
  return out;
}

/** Every resolve and reopen of a tenant's discrepancies (or one's), oldest first. */
export async function discrepancyAudit(db: Knex, tenant: string, id?: string): Promise<ResolutionAuditEntry[]> {
  const q = db('reconcile_resolution_audit').select('*').where({ tenant });
  if (id !== undefined) q.andWhere({ discrepancy_id: id });
  const rows: { tenant: string; discrepancy_id: string; action: ResolutionAuditEntry['action']; actor: string; reason: string; at: string; seq: unknown }[] = await q.orderBy('seq', 'asc');
  return rows.map((r) => ({ tenant: r.tenant, discrepancyId: r.discrepancy_id, action: r.action, actor: r.actor, reason: r.reason, at: r.at }));
}
