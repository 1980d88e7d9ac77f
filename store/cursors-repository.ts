import type { Knex } from 'knex';
import { dialectOf } from './db.js';
import { StoreInputError } from './store-errors.js';
import { timestampSortKey, toStoredTimestamp } from './sql-values.js';
import type { WriteOptions } from './write-options.js';

export interface CursorKey {
  tenant: string;
  channel: string;
  flow: string;
}

export interface AdvanceCursorInput extends CursorKey {
  /** UTC ISO 8601 timestamp (any fractional precision), stored exactly as given. */
  cursor: string;
  workflowId?: string;
  runId?: string;
}

export interface SyncCursor extends CursorKey {
  cursor: string;
  workflowId?: string;
  runId?: string;
  updatedAt: string;
}

interface CursorRow {
  tenant: string;
  channel: string;
  flow: string;
  cursor: string;
  workflow_id: string | null;
  run_id: string | null;
  updated_at: string;
}

export async function getCursor(db: Knex, key: CursorKey): Promise<string | undefined> {
  const row = await getCursorRecord(db, key);
  return row?.cursor;
}

/** The cursor with who moved it last and when (for ops). */
export async function getCursorRecord(db: Knex, key: CursorKey): Promise<SyncCursor | undefined> {
  const row: CursorRow | undefined = await db('sync_cursors')
    .select('*')
    .where({ tenant: key.tenant, channel: key.channel, flow: key.flow })
    .first();
  if (!row) return undefined;
  const cursor: SyncCursor = {
    tenant: row.tenant,
    channel: row.channel,
    flow: row.flow,
    cursor: row.cursor,
    updatedAt: row.updated_at,
  };
  if (row.workflow_id !== null) cursor.workflowId = row.workflow_id;
  if (row.run_id !== null) cursor.runId = row.run_id;
  return cursor;
}

/**
 * Moves the cursor forward, never back: a retried or replayed page that reports an older
 * position leaves it where it is. Returns whether it moved. Timestamps are compared by
 * time, so `…:00Z` and `…:00.000Z` are the same position.
 */
export async function advanceCursor(db: Knex, input: AdvanceCursorInput, options: WriteOptions = {}): Promise<boolean> {
  const nextKey = cursorSortKey(input.cursor);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const key = { tenant: input.tenant, channel: input.channel, flow: input.flow };
  const row = {
    ...key,
    cursor: input.cursor,
    workflow_id: input.workflowId ?? null,
    run_id: input.runId ?? null,
    updated_at: now,
  };
  return db.transaction(async (trx) => {
    // Insert-if-absent first, so the row exists for the locking read below.
    const created: unknown[] = await trx('sync_cursors')
      .insert(row)
      .onConflict(['tenant', 'channel', 'flow'])
      .ignore()
      .returning('flow');
    if (created.length > 0) return true;
    const current = trx('sync_cursors').select('cursor').where(key).first();
    // Locks the row on PostgreSQL so concurrent advances serialise (SQLite has one writer).
    if (dialectOf(trx) === 'postgres') current.forUpdate();
    const existing = (await current) as { cursor: string } | undefined;
    if (existing && cursorSortKey(existing.cursor) >= nextKey) return false;
    await trx('sync_cursors').where(key).update({
      cursor: row.cursor,
      workflow_id: row.workflow_id,
      run_id: row.run_id,
      updated_at: row.updated_at,
    });
    return true;
  });
}

/**
 * Ops override: deletes the cursor (the next sync starts from its initial look-back) or,
 * with `cursor`, sets it to that value even if that moves it back. Returns whether a row
 * existed before.
 */
export async function resetCursor(db: Knex, key: CursorKey & { cursor?: string }, options: WriteOptions = {}): Promise<boolean> {
  const where = { tenant: key.tenant, channel: key.channel, flow: key.flow };
  if (key.cursor === undefined) {
    const deleted = await db('sync_cursors').where(where).delete();
    return deleted > 0;
  }
  cursorSortKey(key.cursor);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  return db.transaction(async (trx) => {
    const existed = (await trx('sync_cursors').select('flow').where(where).first()) !== undefined;
    await trx('sync_cursors')
      .insert({ ...where, cursor: key.cursor, workflow_id: null, run_id: null, updated_at: now })
      .onConflict(['tenant', 'channel', 'flow'])
      .merge(['cursor', 'workflow_id', 'run_id', 'updated_at']);
    return existed;
  });
}

function cursorSortKey(cursor: string): string {
  const key = timestampSortKey(cursor);
  if (key === undefined) {
    throw new StoreInputError(`cursor "${cursor}" is not a UTC ISO 8601 timestamp ending in Z`);
  }
  return key;
}
