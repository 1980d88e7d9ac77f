import type { Knex } from 'knex';
import type { Order, OrderLine, OrderStatus } from '../mappings/canonical/order.js';
import { insertRows, onConflictUpdate } from './multi-row-insert.js';
import { canonicalJsonValue, sha256Hex } from './stable-json.js';
import { StoreInputError } from './store-errors.js';
import type { WriteOptions } from './write-options.js';
import {
  assertStorableKey,
  chunk,
  IN_LIST_CHUNK,
  storableText,
  toOptionalSafeInteger,
  toSafeInteger,
  toStoredTimestamp,
} from './sql-values.js';

export interface UpsertOrdersResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** External ids of the orders inserted or updated by this call, in input order. */
  changedIds: string[];
}

/** An order as stored, with the store's bookkeeping next to the canonical record. */
export interface StoredOrder {
  tenant: string;
  channel: string;
  externalId: string;
  status: OrderStatus;
  currency?: string;
  /** The channel's order total in minor units, absent while unknown. */
  orderTotalMinor?: number;
  purchasedAt: string;
  sourceUpdatedAt: string;
  contentHash: string;
  /** 1 on insert, +1 each time the content changes. */
  version: number;
  createdAt: string;
  updatedAt: string;
  order: Order;
}

export interface StoredOrderLine {
  lineId: string;
  position: number;
  sku?: string;
  title?: string;
  quantity: number;
  lineTotalMinor?: number;
  currency?: string;
  line: OrderLine;
}

/** One row of a snapshot: enough to tell whether two stores hold the same orders. */
export interface OrderSnapshotEntry {
  channel: string;
  externalId: string;
  contentHash: string;
  version: number;
}

interface OrderRow {
  tenant: string;
  channel: string;
  external_id: string;
  vendor: string;
  status: string;
  raw_status: string;
  marketplace_id: string;
  currency: string | null;
  order_total_minor: number | null;
  purchased_at: string;
  source_updated_at: string;
  content_hash: string;
  record: string;
  version: number;
  created_at: string;
  updated_at: string;
}

interface OrderLineRow {
  tenant: string;
  channel: string;
  external_order_id: string;
  line_id: string;
  position: number;
  sku: string | null;
  title: string | null;
  quantity: number;
  line_total_minor: number | null;
  currency: string | null;
  record: string;
}

interface PreparedOrder {
  key: string;
  row: OrderRow;
  lines: OrderLineRow[];
}

/** The natural key of an order row. */
const ORDER_KEY_COLUMNS = ['tenant', 'channel', 'external_id'] as const satisfies readonly (keyof OrderRow)[];
/** What an order's content decides: an update rewrites these (and updated_at). */
const ORDER_CONTENT_COLUMNS = [
  'vendor',
  'status',
  'raw_status',
  'marketplace_id',
  'currency',
  'order_total_minor',
  'purchased_at',
  'source_updated_at',
  'content_hash',
  'record',
] as const satisfies readonly (keyof OrderRow)[];
const ORDER_COLUMNS = [
  ...ORDER_KEY_COLUMNS,
  ...ORDER_CONTENT_COLUMNS,
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof OrderRow)[];
const ORDER_LINE_COLUMNS = [
  'tenant',
  'channel',
  'external_order_id',
  'line_id',
  'position',
  'sku',
  'title',
  'quantity',
  'line_total_minor',
  'currency',
  'record',
] as const satisfies readonly (keyof OrderLineRow)[];
/** Columns an update rewrites; created_at and the key stay, version is bumped separately. */
const ORDER_UPDATE_COLUMNS = [...ORDER_CONTENT_COLUMNS, 'updated_at'] as const;
const ORDER_UPSERT =
  onConflictUpdate(ORDER_KEY_COLUMNS, ORDER_UPDATE_COLUMNS, ['"version" = "orders"."version" + 1']) +
  ' where "orders"."content_hash" <> excluded."content_hash"';

const keyOf = (channel: string, externalId: string): string => `${channel}\u0000${externalId}`;

/**
 * Upserts a batch of canonical orders by natural key (tenant, channel, externalId) in one
 * transaction. The content hash (sha256 of the key-sorted JSON) decides: new orders are
 * inserted with version 1, changed ones rewritten with version + 1 and their lines
 * replaced, unchanged ones not written at all (so a rerun changes nothing, updated_at
 * included). Within one batch the last order with a given key wins.
 */
export async function upsertOrders(
  db: Knex,
  tenant: string,
  orders: readonly Order[],
  options: WriteOptions = {},
): Promise<UpsertOrdersResult> {
  assertStorableKey(tenant, 'tenant');
  const latest = new Map<string, Order>();
  for (const order of orders) {
    const key = keyOf(order.channel, order.externalId);
    // Re-inserting moves the key to the end: results follow the winning occurrence.
    latest.delete(key);
    latest.set(key, order);
  }
  if (latest.size === 0) return { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };

  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const prepared: PreparedOrder[] = [];
  for (const [key, order] of latest) prepared.push(prepareOrder(tenant, key, order, now));

  return db.transaction(async (trx) => {
    const existingHashes = await selectExistingHashes(trx, tenant, prepared);
    const toWrite: PreparedOrder[] = [];
    const changedKeys: PreparedOrder[] = [];
    let inserted = 0;
    let updated = 0;
    for (const p of prepared) {
      const existing = existingHashes.get(p.key);
      if (existing === undefined) {
        inserted++;
        toWrite.push(p);
      } else if (existing !== p.row.content_hash) {
        updated++;
        toWrite.push(p);
        changedKeys.push(p);
      }
    }

    // ON CONFLICT keeps the write right even if another writer got there since the SELECT
    // above; its WHERE makes a concurrent identical write a no-op.
    await insertRows(trx, 'orders', ORDER_COLUMNS, toWrite.map((p) => p.row), ORDER_UPSERT);

    // Lines of changed orders are replaced; new orders have none. (Were a second writer to
    // insert the same new order concurrently, the line insert below fails on the key and the
    // retried call sees the order as existing: one sync per tenant/channel runs at a time anyway.)
    for (const [channel, ids] of groupIdsByChannel(changedKeys)) {
      for (const part of chunk(ids, IN_LIST_CHUNK)) {
        await trx('order_lines').where({ tenant, channel }).whereIn('external_order_id', part).delete();
      }
    }
    const lineRows = toWrite.flatMap((p) => p.lines);
    await insertRows(trx, 'order_lines', ORDER_LINE_COLUMNS, lineRows);

    return {
      inserted,
      updated,
      unchanged: prepared.length - inserted - updated,
      changedIds: toWrite.map((p) => p.row.external_id),
    };
  });
}

function prepareOrder(tenant: string, key: string, order: Order, now: string): PreparedOrder {
  const where = `order ${order.channel}/${order.externalId}`;
  assertStorableKey(order.channel, `${where}: channel`);
  assertStorableKey(order.externalId, `${where}: externalId`);
  const canonical = canonicalJsonValue(order) as { lines: unknown[] };
  const record = JSON.stringify(canonical);
  const row: OrderRow = {
    tenant,
    channel: order.channel,
    external_id: order.externalId,
    vendor: storableText(order.vendor),
    status: order.status,
    raw_status: storableText(order.rawStatus),
    marketplace_id: storableText(order.marketplace.id),
    currency: order.currency ?? order.totals?.orderTotal?.currency ?? null,
    order_total_minor: minorOrNull(order.totals?.orderTotal?.amountMinor, `${where}: totals.orderTotal`),
    purchased_at: toStoredTimestamp(order.purchasedAt, `${where}: purchasedAt`),
    source_updated_at: toStoredTimestamp(order.updatedAt, `${where}: updatedAt`),
    content_hash: sha256Hex(record),
    record,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  const seen = new Set<string>();
  const lines = order.lines.map((line, position): OrderLineRow => {
    assertStorableKey(line.lineId, `${where}: lines[${position}].lineId`);
    if (seen.has(line.lineId)) {
      throw new StoreInputError(`${where}: lines[${position}].lineId "${line.lineId}" appears twice in the order`);
    }
    seen.add(line.lineId);
    if (!Number.isSafeInteger(line.quantity)) {
      throw new StoreInputError(`${where}: lines[${position}].quantity must be an integer`);
    }
    return {
      tenant,
      channel: order.channel,
      external_order_id: order.externalId,
      line_id: line.lineId,
      position,
      sku: storableText(line.sku),
      title: storableText(line.title),
      quantity: line.quantity,
      line_total_minor: minorOrNull(line.lineTotal?.amountMinor, `${where}: lines[${position}].lineTotal`),
      currency: line.lineTotal?.currency ?? null,
      record: JSON.stringify(canonical.lines[position]),
    };
  });
  return { key, row, lines };
}

/** SQLite would silently store a fraction as REAL in a BIGINT column: refuse it here. */
function minorOrNull(amountMinor: number | undefined, field: string): number | null {
  if (amountMinor === undefined) return null;
  if (!Number.isSafeInteger(amountMinor)) {
    throw new StoreInputError(`${field}.amountMinor must be a safe integer of minor units, got ${amountMinor}`);
  }
  return amountMinor;
}

function groupIdsByChannel(prepared: readonly PreparedOrder[]): Map<string, string[]> {
  const byChannel = new Map<string, string[]>();
  for (const p of prepared) {
    const ids = byChannel.get(p.row.channel);
    if (ids) ids.push(p.row.external_id);
    else byChannel.set(p.row.channel, [p.row.external_id]);
  }
  return byChannel;
}

/**
 * The stored hashes of the batch's orders, by natural key: a join of a VALUES list of
 * (channel, external id) with orders on the leading primary-key columns, one index probe
 * per order on both databases. The tenant is checked here, not in SQL: given
 * `tenant = ? AND channel = ?`, PostgreSQL on a freshly filled table (no statistics until
 * autovacuum's first ANALYZE) took those for one row, probed the (tenant, channel,
 * source_updated_at) index and filtered the whole tenant: 3–300 ms a batch at 10 000
 * orders instead of under 1 ms. VALUES columns are named column1, column2 on both.
 */
async function selectExistingHashes(
  trx: Knex.Transaction,
  tenant: string,
  prepared: readonly PreparedOrder[],
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const part of chunk(prepared, IN_LIST_CHUNK)) {
    const bindings: string[] = [];
    for (const p of part) bindings.push(p.row.channel, p.row.external_id);
    const result: unknown = await trx.raw(
      'select o."tenant", o."channel", o."external_id", o."content_hash" from (values ' +
        new Array<string>(part.length).fill('(?, ?)').join(', ') +
        ') as v join "orders" as o on o."external_id" = v."column2" and o."channel" = v."column1"',
      bindings,
    );
    for (const r of rawRows<{ tenant: string; channel: string; external_id: string; content_hash: string }>(result)) {
      if (r.tenant === tenant) hashes.set(keyOf(r.channel, r.external_id), r.content_hash);
    }
  }
  return hashes;
}

/** knex.raw resolves to the row array on SQLite and to a pg Result ({ rows }) on PostgreSQL. */
function rawRows<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return (result as { rows: Row[] }).rows;
}

export async function getOrder(
  db: Knex,
  tenant: string,
  channel: string,
  externalId: string,
): Promise<Order | undefined> {
  const row: { record: string } | undefined = await db('orders')
    .select('record')
    .where({ tenant, channel, external_id: externalId })
    .first();
  return row ? (JSON.parse(row.record) as Order) : undefined;
}

export interface ListOrdersQuery {
  tenant: string;
  channel?: string;
  status?: OrderStatus;
  /** Default 100. */
  limit?: number;
  offset?: number;
}

/** Newest purchases first; ties by channel and external id so pages are stable. */
export async function listOrders(db: Knex, query: ListOrdersQuery): Promise<StoredOrder[]> {
  const q = db('orders').select('*').where({ tenant: query.tenant });
  if (query.channel !== undefined) q.andWhere({ channel: query.channel });
  if (query.status !== undefined) q.andWhere({ status: query.status });
  const rows: OrderRow[] = await q
    .orderBy([
      { column: 'purchased_at', order: 'desc' },
      { column: 'channel', order: 'asc' },
      { column: 'external_id', order: 'asc' },
    ])
    .limit(query.limit ?? 100)
    .offset(query.offset ?? 0);
  return rows.map(toStoredOrder);
}

/** The tenant's orders with these external ids (any channel), in listOrders' order. */
export async function ordersByExternalIds(db: Knex, tenant: string, externalIds: readonly string[]): Promise<StoredOrder[]> {
  const out: StoredOrder[] = [];
  for (const part of chunk([...new Set(externalIds)], IN_LIST_CHUNK)) {
    // By the primary key's first column alone: with `tenant = ?` beside it SQLite's planner picks
    // the (tenant, status) index and scans every order of the tenant for each page.
    const rows: OrderRow[] = await db('orders').select('*').whereIn('external_id', part);
    for (const row of rows) if (row.tenant === tenant) out.push(toStoredOrder(row));
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(b.purchasedAt, a.purchasedAt) || cmp(a.channel, b.channel) || cmp(a.externalId, b.externalId));
}

function toStoredOrder(row: OrderRow): StoredOrder {
  const stored: StoredOrder = {
    tenant: row.tenant,
    channel: row.channel,
    externalId: row.external_id,
    status: row.status as OrderStatus,
    purchasedAt: row.purchased_at,
    sourceUpdatedAt: row.source_updated_at,
    contentHash: row.content_hash,
    version: toSafeInteger(row.version, 'orders.version'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    order: JSON.parse(row.record) as Order,
  };
  if (row.currency !== null) stored.currency = row.currency;
  const total = toOptionalSafeInteger(row.order_total_minor, 'orders.order_total_minor');
  if (total !== undefined) stored.orderTotalMinor = total;
  return stored;
}

export async function countOrders(db: Knex, query: { tenant: string; channel?: string }): Promise<number> {
  const q = db('orders').count({ n: '*' }).where({ tenant: query.tenant });
  if (query.channel !== undefined) q.andWhere({ channel: query.channel });
  const row = (await q.first()) as { n: unknown } | undefined;
  return toSafeInteger(row?.n ?? 0, 'count(orders)');
}

/**
 * Every stored order's key, hash and version, sorted by channel then external id in
 * code-unit order (sorted here, not in SQL, so both databases give the same order
 * whatever their collation), for "equals a clean run" comparisons.
 */
export async function ordersSnapshot(db: Knex, tenant: string, channel?: string): Promise<OrderSnapshotEntry[]> {
  const q = db('orders').select('channel', 'external_id', 'content_hash', 'version').where({ tenant });
  if (channel !== undefined) q.andWhere({ channel });
  const rows: Array<{ channel: string; external_id: string; content_hash: string; version: unknown }> = await q;
  return rows
    .map((r) => ({
      channel: r.channel,
      externalId: r.external_id,
      contentHash: r.content_hash,
      version: toSafeInteger(r.version, 'orders.version'),
    }))
    .sort((a, b) => compareCodeUnits(a.channel, b.channel) || compareCodeUnits(a.externalId, b.externalId));
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function countOrderLines(
  db: Knex,
  query: { tenant: string; channel?: string; externalOrderId?: string },
): Promise<number> {
  const q = db('order_lines').count({ n: '*' }).where({ tenant: query.tenant });
  if (query.channel !== undefined) q.andWhere({ channel: query.channel });
  if (query.externalOrderId !== undefined) q.andWhere({ external_order_id: query.externalOrderId });
  const row = (await q.first()) as { n: unknown } | undefined;
  return toSafeInteger(row?.n ?? 0, 'count(order_lines)');
}

/** The stored lines of one order, in the order's own line order. */
export async function listOrderLines(
  db: Knex,
  query: { tenant: string; channel: string; externalOrderId: string },
): Promise<StoredOrderLine[]> {
  const rows: OrderLineRow[] = await db('order_lines')
    .select('*')
    .where({ tenant: query.tenant, channel: query.channel, external_order_id: query.externalOrderId })
    .orderBy('position', 'asc');
  return rows.map((r) => {
    const line: StoredOrderLine = {
      lineId: r.line_id,
      position: toSafeInteger(r.position, 'order_lines.position'),
      quantity: toSafeInteger(r.quantity, 'order_lines.quantity'),
      line: JSON.parse(r.record) as OrderLine,
    };
    if (r.sku !== null) line.sku = r.sku;
    if (r.title !== null) line.title = r.title;
    const total = toOptionalSafeInteger(r.line_total_minor, 'order_lines.line_total_minor');
    if (total !== undefined) line.lineTotalMinor = total;
    if (r.currency !== null) line.currency = r.currency;
    return line;
  });
}
