import { describe, expect, it } from 'vitest';
import * as deadLetterResolution from '../../store/migrations/0005_dead_letter_resolution.js';
import {
  dialectOf,
  knownMigrations,
  listDeadLetters,
  migrateLatest,
  migrateRollback,
  recordDeadLetters,
  resolveDeadLetter,
  type DeadLetterInput,
} from '../../store/index.js';
import { describeOnEachDialect, storeTargets, type StoreHandle } from './store-targets.js';

const targets = await storeTargets();

const letter = (externalId: string): DeadLetterInput => ({
  tenant: 'acme',
  channel: 'amazon-eu',
  flow: 'orders-sync',
  recordType: 'amazon.order',
  externalId,
  field: 'PurchaseDate',
  errorKind: 'mapping',
  message: 'not a date',
  payload: { order: { AmazonOrderId: externalId } },
});

/** The schema both dialects must produce: column → [type as knex reports it, nullable]. */
const EXPECTED_COLUMNS: Record<string, Record<string, [string, boolean]>> = {
  orders: {
    tenant: ['text', false],
    channel: ['text', false],
    external_id: ['text', false],
    vendor: ['text', false],
    status: ['text', false],
    raw_status: ['text', false],
    marketplace_id: ['text', false],
    currency: ['text', true],
    order_total_minor: ['bigint', true],
    purchased_at: ['text', false],
    source_updated_at: ['text', false],
    content_hash: ['text', false],
    record: ['text', false],
    version: ['integer', false],
    created_at: ['text', false],
    updated_at: ['text', false],
  },
  order_lines: {
    tenant: ['text', false],
    channel: ['text', false],
    external_order_id: ['text', false],
    line_id: ['text', false],
    position: ['integer', false],
    sku: ['text', true],
    title: ['text', true],
    quantity: ['integer', false],
    line_total_minor: ['bigint', true],
    currency: ['text', true],
    record: ['text', false],
  },
  sync_cursors: {
    tenant: ['text', false],
    channel: ['text', false],
    flow: ['text', false],
    cursor: ['text', false],
    workflow_id: ['text', true],
    run_id: ['text', true],
    updated_at: ['text', false],
  },
  dead_letters: {
    id: ['integer', false],
    tenant: ['text', false],
    channel: ['text', false],
    flow: ['text', false],
    record_type: ['text', false],
    external_id: ['text', true],
    field: ['text', false],
    error_kind: ['text', false],
    message: ['text', false],
    payload: ['text', false],
    payload_hash: ['text', false],
    dedupe_key: ['text', false],
    workflow_id: ['text', true],
    run_id: ['text', true],
    first_seen_at: ['text', false],
    last_seen_at: ['text', false],
    occurrences: ['integer', false],
    resolved_at: ['text', true],
    resolution: ['text', true],
    resolved_by: ['text', true],
    resolution_reason: ['text', true],
    replayed_at: ['text', true],
    replay_workflow_id: ['text', true],
    replay_run_id: ['text', true],
    replay_outcome: ['text', true],
  },
  fx_rates: {
    source: ['text', false],
    base: ['text', false],
    quote: ['text', false],
    date: ['text', false],
    rate: ['text', false],
    timestamp: ['text', true],
    fetched_at: ['text', false],
    origin: ['text', true],
  },
  sync_runs: {
    workflow_id: ['text', false],
    run_id: ['text', false],
    tenant: ['text', false],
    channel: ['text', false],
    flow: ['text', false],
    status: ['text', false],
    started_at: ['text', false],
    finished_at: ['text', true],
    window_from: ['text', true],
    window_to: ['text', true],
    pages: ['integer', false],
    fetched: ['integer', false],
    inserted: ['integer', false],
    updated: ['integer', false],
    unchanged: ['integer', false],
    dead_lettered: ['integer', false],
    rate_limited: ['integer', false],
    duration_ms: ['bigint', true],
    error: ['text', true],
  },
  catalogue_sequences: {
    tenant: ['text', false],
    last_seq: ['bigint', false],
  },
  catalogue_products: {
    tenant: ['text', false],
    sku: ['text', false],
    category: ['text', true],
    content_hash: ['text', false],
    record: ['text', false],
    version: ['integer', false],
    seq: ['bigint', false],
    created_at: ['text', false],
    updated_at: ['text', false],
  },
  inventory_levels: {
    tenant: ['text', false],
    sku: ['text', false],
    location_id: ['text', false],
    location_type: ['text', false],
    available: ['integer', true],
    reserved: ['integer', true],
    inbound: ['integer', true],
    total: ['integer', true],
    observed_at: ['text', true],
    content_hash: ['text', false],
    record: ['text', false],
    version: ['integer', false],
    seq: ['bigint', false],
    created_at: ['text', false],
    updated_at: ['text', false],
  },
  shipments: {
    idempotency_key: ['text', false],
    tenant: ['text', false],
    channel: ['text', false],
    order_id: ['text', false],
    connection: ['text', false],
    carrier: ['text', false],
    service: ['text', true],
    tracking_number: ['text', true],
    incoterm: ['text', true],
    state: ['text', false],
    documents: ['text', false],
    charge: ['text', true],
    note: ['text', true],
    created_at: ['text', false],
    updated_at: ['text', false],
  },
};

async function actualColumns(store: StoreHandle, table: string): Promise<Record<string, [string, boolean]>> {
  const info = await store.db()(table).columnInfo();
  const out: Record<string, [string, boolean]> = {};
  for (const [name, column] of Object.entries(info)) out[name] = [column.type.toLowerCase(), column.nullable];
  return out;
}

describeOnEachDialect('database and migrations', targets, (store) => {
  it('reports its dialect', () => {
    expect(dialectOf(store.db())).toBe(store.dialect);
  });

  it('produces exactly the expected tables and columns', async () => {
    for (const [table, expected] of Object.entries(EXPECTED_COLUMNS)) {
      expect(await actualColumns(store, table), table).toEqual(expected);
    }
  });

  it('is up to date after the first migration, and rolls back and forward cleanly', async () => {
    const db = store.db();
    const all = ['0001_initial', '0002_fx_rates', '0003_fx_rate_origin', '0004_rate_limit_buckets', '0005_dead_letter_resolution', '0006_catalogue', '0007_channel_publications', '0008_ledger', '0009_shipments', '0010_tracking_events', '0011_webhook_events', '0012_settlements'];
    expect(knownMigrations()).toEqual(all);
    expect(await migrateLatest(db)).toEqual([]);
    expect(await migrateRollback(db)).toEqual([...all].reverse());
    for (const table of Object.keys(EXPECTED_COLUMNS)) expect(await db.schema.hasTable(table), table).toBe(false);
    expect(await db.schema.hasTable('rate_limit_buckets')).toBe(false);
    expect(await migrateLatest(db)).toEqual(all);
    for (const table of Object.keys(EXPECTED_COLUMNS)) expect(await db.schema.hasTable(table), table).toBe(true);
    // Shared rate-limit buckets exist only where several workers share the store.
    expect(await db.schema.hasTable('rate_limit_buckets')).toBe(store.dialect === 'postgres');
  });

  it('0005 keeps every stored dead letter down and up again; letters resolved before it have no recorded resolution', async () => {
    const db = store.db();
    await recordDeadLetters(db, [letter('303-0000000-0000001'), letter('303-0000000-0000002')], { now: new Date('2026-03-02T12:00:00Z') });
    const [first] = await listDeadLetters(db, { tenant: 'acme' });
    await resolveDeadLetter(db, first!.id, { by: 'alice', reason: 'fixed at the source' });
    await deadLetterResolution.down(db);
    const before = await db('dead_letters').select('id', 'external_id', 'resolved_at').orderBy('id');
    expect(before).toHaveLength(2);
    await deadLetterResolution.up(db);
    expect(await db('dead_letters').select('id', 'external_id', 'resolved_at').orderBy('id')).toEqual(before);
    const resolved = (await listDeadLetters(db, { includeResolved: true })).find((l) => l.id === first!.id);
    expect(resolved?.resolvedAt).toBeDefined();
    expect(resolved?.resolution).toBeUndefined();
    // The dedupe index came through the column drop: a repeat still folds into its row.
    expect(await recordDeadLetters(db, [letter('303-0000000-0000002')])).toEqual({ recorded: 0, repeated: 1 });
  });

  it('creates the same named indexes', async () => {
    const db = store.db();
    const rows: Array<{ name: string }> =
      store.dialect === 'sqlite'
        ? await db('sqlite_master').select('name').where({ type: 'index' }).andWhereNot('name', 'like', 'sqlite_autoindex_%')
        : await db('pg_indexes')
            .select({ name: 'indexname' })
            .where({ schemaname: 'public' })
            .andWhereNot('indexname', 'like', '%_pkey')
            .andWhereNot('tablename', 'like', 'knex_%');
    expect(rows.map((r) => r.name).sort()).toEqual([
      'bank_statement_lines_tenant_booking_idx',
      'catalogue_products_tenant_seq_unique',
      'dead_letters_dedupe_key_unique',
      'dead_letters_replay_run_idx',
      'dead_letters_tenant_channel_flow_idx',
      'dead_letters_tenant_channel_id_idx',
      'inventory_levels_tenant_seq_unique',
      'ledger_lines_tenant_order_idx',
      'ledger_lines_tenant_payout_idx',
      'ledger_lines_tenant_posting_idx',
      'listing_publications_feed_idx',
      'listing_publications_status_idx',
      'orders_tenant_channel_source_updated_at_idx',
      'orders_tenant_status_idx',
      'reconcile_discrepancies_tenant_kind_idx',
      'reconcile_resolution_audit_discrepancy_idx',
      'settlements_tenant_deposit_idx',
      'shipments_order_idx',
      'shipments_tracking_idx',
      'sync_runs_tenant_channel_flow_started_at_idx',
      'tracking_shipments_tenant_order_idx',
      'webhook_events_tenant_received_idx',
    ]);
  });

  if (store.dialect === 'sqlite') {
    it('opens SQLite in WAL mode with NORMAL sync, a busy timeout and foreign keys on', async () => {
      const db = store.db();
      const pragma = async (name: string) => {
        const rows = (await db.raw(`pragma ${name}`)) as Array<Record<string, unknown>>;
        return rows[0] ? Object.values(rows[0])[0] : undefined;
      };
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('foreign_keys')).toBe(1);
    });
  }
});

describe('openDatabase', () => {
  it('refuses a URL that is not PostgreSQL', async () => {
    const { openDatabase } = await import('../../store/index.js');
    expect(() => openDatabase({ url: 'mysql://localhost/caravan' })).toThrow(
      'database url must start with postgres:// or postgresql:// (leave it unset for SQLite)',
    );
  });
});
