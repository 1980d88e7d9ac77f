/**
 * Inventory levels in the hub, one per (tenant, sku, location), versioned and numbered in the
 * tenant's catalogue change sequence (see catalogue-changes.ts).
 */
import type { Knex } from 'knex';
import type { InventoryLevel } from '../mappings/canonical/inventory.js';
import { selectChangedSince, writeVersioned, type VersionedRow, type VersionedTable } from './catalogue-changes.js';
import { canonicalJsonValue, sha256Hex } from './stable-json.js';
import { assertStorableKey, toSafeInteger, toStoredTimestamp } from './sql-values.js';
import { StoreInputError } from './store-errors.js';
import type { WriteOptions } from './write-options.js';

/** An inventory level as stored, with its version and change sequence number. */
export interface StoredInventoryLevel {
  tenant: string;
  sku: string;
  locationId: string;
  version: number;
  seq: number;
  level: InventoryLevel;
  updatedAt: string;
}

export interface UpsertInventoryLevelsResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The tenant's catalogue sequence after the write. */
  highWater: number;
}

interface InventoryRow extends VersionedRow {
  location_id: string;
  location_type: string;
  available: number | null;
  reserved: number | null;
  inbound: number | null;
  total: number | null;
  observed_at: string | null;
}

const LEVELS: VersionedTable<InventoryRow> = {
  table: 'inventory_levels',
  keyColumns: ['sku', 'location_id'],
  contentColumns: ['location_type', 'available', 'reserved', 'inbound', 'total', 'observed_at'],
};

function count(value: number | undefined, field: string): number | null {
  if (value === undefined) return null;
  if (!Number.isSafeInteger(value) || value < 0) throw new StoreInputError(`${field} must be a non-negative integer, got ${value}`);
  return value;
}

const sumOf = (...values: (number | undefined)[]): number | undefined =>
  values.every((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + (v ?? 0), 0);

/**
 * Upserts inventory levels by (tenant, sku, location id) in one transaction, like
 * upsertProducts: an unchanged level is not written and takes no sequence number. The
 * quantity columns are for queries; the record keeps every quantity the source stated.
 */
export async function upsertInventoryLevels(
  db: Knex,
  tenant: string,
  levels: readonly InventoryLevel[],
  options: WriteOptions = {},
): Promise<UpsertInventoryLevelsResult> {
  assertStorableKey(tenant, 'tenant');
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const rows = levels.map((level, i): InventoryRow => {
    const where = `levels[${i}] (${String(level.sku)} at ${String(level.location?.id)})`;
    assertStorableKey(level.sku, `${where}: sku`);
    assertStorableKey(level.location.id, `${where}: location.id`);
    const q = level.quantities;
    const record = JSON.stringify(canonicalJsonValue(level));
    return {
      tenant,
      sku: level.sku,
      location_id: level.location.id,
      location_type: level.location.type,
      available: count(q.available, `${where}: quantities.available`),
      reserved: count(q.reserved?.total, `${where}: quantities.reserved.total`),
      inbound: count(sumOf(q.inbound?.working, q.inbound?.shipped, q.inbound?.receiving), `${where}: quantities.inbound`),
      total: count(q.total, `${where}: quantities.total`),
      observed_at: level.observedAt === undefined ? null : toStoredTimestamp(level.observedAt, `${where}: observedAt`),
      content_hash: sha256Hex(record),
      record,
      version: 1,
      seq: 0,
      created_at: now,
      updated_at: now,
    };
  });
  return writeVersioned(db, tenant, LEVELS, rows);
}

function toStoredLevel(row: InventoryRow): StoredInventoryLevel {
  return {
    tenant: row.tenant,
    sku: row.sku,
    locationId: row.location_id,
    version: toSafeInteger(row.version, 'inventory_levels.version'),
    seq: toSafeInteger(row.seq, 'inventory_levels.seq'),
    level: JSON.parse(row.record) as InventoryLevel,
    updatedAt: row.updated_at,
  };
}

/** A tenant's inventory levels (of one SKU when given), by SKU then location id. */
export async function getInventoryLevels(db: Knex, tenant: string, sku?: string): Promise<StoredInventoryLevel[]> {
  const q = db(LEVELS.table).select('*').where({ tenant });
  if (sku !== undefined) q.andWhere({ sku });
  const rows: InventoryRow[] = await q.orderBy([
    { column: 'sku', order: 'asc' },
    { column: 'location_id', order: 'asc' },
  ]);
  return rows.map(toStoredLevel);
}

/** The levels inserted or changed after sequence number `afterSeq`, in sequence order, at most `limit`. */
export async function listInventoryChangedSince(db: Knex, tenant: string, afterSeq: number, limit = 500): Promise<StoredInventoryLevel[]> {
  const rows = await selectChangedSince<InventoryRow>(db, LEVELS.table, tenant, afterSeq, limit);
  return rows.map(toStoredLevel);
}
