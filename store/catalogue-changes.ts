/**
 * The catalogue's change feed, shared by products and inventory levels: one sequence per
 * tenant (catalogue_sequences), a number taken by every insert or real change of a row, none
 * by an unchanged write. A flow reads the rows changed after its own high-water mark, in
 * sequence order.
 */
import type { Knex } from 'knex';
import { dialectOf } from './db.js';
import { insertRows, onConflictUpdate, quoteIdent } from './multi-row-insert.js';
import { chunk, IN_LIST_CHUNK, toSafeInteger } from './sql-values.js';
import { StoreInputError } from './store-errors.js';

/** Columns every versioned catalogue table has next to its key and its own content columns. */
export interface VersionedRow {
  tenant: string;
  sku: string;
  content_hash: string;
  record: string;
  version: number;
  seq: number;
  created_at: string;
  updated_at: string;
}

export interface VersionedTable<Row extends VersionedRow> {
  table: string;
  /** The natural key after the tenant (sku first). */
  keyColumns: readonly (keyof Row & string)[];
  /** Descriptive columns an update rewrites besides hash, record, version, seq and updated_at. */
  contentColumns: readonly (keyof Row & string)[];
}

export interface VersionedWriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The tenant's sequence after the write (unchanged by a write that changed nothing). */
  highWater: number;
}

const SEQUENCES = 'catalogue_sequences';

const keyText = (row: object, columns: readonly string[]): string => columns.map((c) => String((row as Record<string, unknown>)[c])).join('\u0000');

/**
 * Takes the tenant's sequence row and holds it until the transaction ends. On PostgreSQL a
 * row lock: a second writer of the same tenant waits, so sequence numbers commit in order.
 * SQLite has one writer at a time anyway.
 */
async function lockSequence(trx: Knex.Transaction, tenant: string): Promise<number> {
  await trx.raw(`insert into ${quoteIdent(SEQUENCES)} ("tenant", "last_seq") values (?, 0) on conflict ("tenant") do nothing`, [tenant]);
  const q = trx(SEQUENCES).select('last_seq').where({ tenant });
  if (dialectOf(trx) === 'postgres') q.forUpdate();
  const row = (await q.first()) as { last_seq: unknown } | undefined;
  return toSafeInteger(row?.last_seq ?? 0, `${SEQUENCES}.last_seq`);
}

/**
 * Writes a batch of prepared rows of one tenant in one transaction: new keys are inserted with
 * version 1, rows whose content hash differs are rewritten with version + 1, and each of those
 * takes the tenant's next sequence number in input order; equal rows are not written at all.
 * Within the batch the last row with a key wins (callers reject duplicates they can name).
 */
export async function writeVersioned<Row extends VersionedRow>(
  db: Knex,
  tenant: string,
  spec: VersionedTable<Row>,
  rows: readonly Row[],
): Promise<VersionedWriteResult> {
  const latest = new Map<string, Row>();
  for (const row of rows) {
    if (row.tenant !== tenant) throw new StoreInputError(`${spec.table}: a row of tenant "${row.tenant}" in a write for "${tenant}"`);
    const key = keyText(row, spec.keyColumns);
    latest.delete(key);
    latest.set(key, row);
  }
  return db.transaction(async (trx) => {
    let seq = await lockSequence(trx, tenant);
    if (latest.size === 0) return { inserted: 0, updated: 0, unchanged: 0, highWater: seq };
    const existing = await selectVersions(trx, tenant, spec, [...latest.values()]);
    const toWrite: Row[] = [];
    let inserted = 0;
    let updated = 0;
    for (const [key, row] of latest) {
      const before = existing.get(key);
      if (before === undefined) {
        inserted++;
        toWrite.push({ ...row, version: 1, seq: ++seq, created_at: row.updated_at });
      } else if (before.hash !== row.content_hash) {
        updated++;
        toWrite.push({ ...row, version: before.version + 1, seq: ++seq, created_at: before.createdAt });
      }
    }
    if (toWrite.length > 0) {
      const columns = ['tenant', ...spec.keyColumns, ...spec.contentColumns, 'content_hash', 'record', 'version', 'seq', 'created_at', 'updated_at'] as (keyof Row & string)[];
      const updates = [...spec.contentColumns, 'content_hash', 'record', 'version', 'seq', 'updated_at'];
      await insertRows(trx, spec.table, columns, toWrite, onConflictUpdate(['tenant', ...spec.keyColumns], updates));
      await trx(SEQUENCES).update({ last_seq: seq }).where({ tenant });
    }
    return { inserted, updated, unchanged: latest.size - inserted - updated, highWater: seq };
  });
}

async function selectVersions<Row extends VersionedRow>(
  trx: Knex.Transaction,
  tenant: string,
  spec: VersionedTable<Row>,
  rows: readonly Row[],
): Promise<Map<string, { hash: string; version: number; createdAt: string }>> {
  const found = new Map<string, { hash: string; version: number; createdAt: string }>();
  const skus = [...new Set(rows.map((r) => r.sku))];
  for (const part of chunk(skus, IN_LIST_CHUNK)) {
    const stored: Array<Record<string, unknown>> = await trx(spec.table)
      .select([...spec.keyColumns, 'content_hash', 'version', 'created_at'])
      .where({ tenant })
      .whereIn('sku', part);
    for (const r of stored) {
      found.set(keyText(r, spec.keyColumns), {
        hash: String(r.content_hash),
        version: toSafeInteger(r.version, `${spec.table}.version`),
        createdAt: String(r.created_at),
      });
    }
  }
  return found;
}

/** The tenant's last sequence number (0 before its first catalogue write). */
export async function catalogueHighWater(db: Knex, tenant: string): Promise<number> {
  const row = (await db(SEQUENCES).select('last_seq').where({ tenant }).first()) as { last_seq: unknown } | undefined;
  return row ? toSafeInteger(row.last_seq, `${SEQUENCES}.last_seq`) : 0;
}

/** Rows of one tenant changed after `afterSeq`, oldest change first, at most `limit`. */
export async function selectChangedSince<Row extends VersionedRow>(db: Knex, table: string, tenant: string, afterSeq: number, limit: number): Promise<Row[]> {
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new StoreInputError(`afterSeq must be a non-negative integer, got ${afterSeq}`);
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new StoreInputError(`limit must be a positive integer, got ${limit}`);
  return db(table).select('*').where({ tenant }).andWhere('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit);
}
