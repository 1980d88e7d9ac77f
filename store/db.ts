import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import * as initial from './migrations/0001_initial.js';
import * as fxRates from './migrations/0002_fx_rates.js';
import * as fxRateOrigin from './migrations/0003_fx_rate_origin.js';
import * as rateLimitBuckets from './migrations/0004_rate_limit_buckets.js';
import * as deadLetterResolution from './migrations/0005_dead_letter_resolution.js';
import * as catalogue from './migrations/0006_catalogue.js';
import * as channelPublications from './migrations/0007_channel_publications.js';
import * as ledger from './migrations/0008_ledger.js';
import * as shipments from './migrations/0009_shipments.js';
import * as trackingEvents from './migrations/0010_tracking_events.js';
import * as webhookEvents from './migrations/0011_webhook_events.js';
import * as settlements from './migrations/0012_settlements.js';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenDatabaseOptions {
  /** `postgres://…` (e.g. from CARAVAN_DATABASE_URL); when absent, SQLite. */
  url?: string;
  /** SQLite file, created with its folder when missing. Default `./data/caravan.db`. */
  sqliteFile?: string;
}

export const DEFAULT_SQLITE_FILE = './data/caravan.db';

/** How long a SQLite writer waits for another process's lock before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** A minimal view of the better-sqlite3 connection that knex hands to `afterCreate`. */
interface SqliteConnection {
  pragma(source: string): unknown;
}

/**
 * Opens the hub database: PostgreSQL when `url` is given, otherwise a SQLite file in
 * WAL mode (readers never block the single writer; NORMAL sync is durable in WAL mode
 * except for the last commits on power loss, which reruns restore idempotently).
 */
export function openDatabase(opts: OpenDatabaseOptions = {}): Knex {
  if (opts.url !== undefined && opts.url !== '') {
    if (!/^postgres(ql)?:\/\//.test(opts.url)) {
      throw new Error('database url must start with postgres:// or postgresql:// (leave it unset for SQLite)');
    }
    return knex({ client: 'pg', connection: opts.url, pool: { min: 2, max: 10 } });
  }
  const filename = resolve(opts.sqliteFile ?? DEFAULT_SQLITE_FILE);
  mkdirSync(dirname(filename), { recursive: true });
  return knex({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite has one writer anyway, and a second pooled connection would
    // only wait on the first one's write lock.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        try {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          // Checkpoint the WAL every ~40 MB instead of ~4 MB: each checkpoint syncs on the
          // writer's thread, and at the default they stalled every fifth import batch.
          conn.pragma('wal_autocheckpoint = 10000');
          conn.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
          conn.pragma('foreign_keys = ON');
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
}

export function dialectOf(db: Knex): Dialect {
  const client: unknown = (db.client as { config?: { client?: unknown } }).config?.client;
  if (client === 'pg' || client === 'postgres' || client === 'postgresql') return 'postgres';
  if (client === 'better-sqlite3' || client === 'sqlite3') return 'sqlite';
  throw new Error(`unsupported knex client ${String(client)}`);
}

export async function closeDatabase(db: Knex): Promise<void> {
  await db.destroy();
}

interface MigrationEntry {
  readonly name: string;
  readonly migration: Knex.Migration;
}

/** Imported statically so migrations run under tsx and vitest without globbing compiled files. */
const MIGRATIONS: readonly MigrationEntry[] = [
  { name: '0001_initial', migration: initial },
  { name: '0002_fx_rates', migration: fxRates },
  { name: '0003_fx_rate_origin', migration: fxRateOrigin },
  { name: '0004_rate_limit_buckets', migration: rateLimitBuckets },
  { name: '0005_dead_letter_resolution', migration: deadLetterResolution },
  { name: '0006_catalogue', migration: catalogue },
  { name: '0007_channel_publications', migration: channelPublications },
  { name: '0008_ledger', migration: ledger },
  { name: '0009_shipments', migration: shipments },
  { name: '0010_tracking_events', migration: trackingEvents },
  { name: '0011_webhook_events', migration: webhookEvents },
  { name: '0012_settlements', migration: settlements },
];

const migrationSource: Knex.MigrationSource<MigrationEntry> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: (entry) => entry.name,
  getMigration: async (entry) => entry.migration,
};

const MIGRATOR_CONFIG: Knex.MigratorConfig = { migrationSource, tableName: 'knex_migrations' };

/**
 * Key of the PostgreSQL advisory lock that serialises migrations between processes
 * (an arbitrary constant: the ASCII of "caravan" folded into a bigint).
 */
export const MIGRATION_LOCK_KEY = 0x63617261766e;

/**
 * Applies pending migrations; returns the names applied by this call. On PostgreSQL,
 * processes that start together (several workers on an empty database) take turns under an
 * advisory lock: knex's own lock table is created by the first migration run, so two first
 * runs would otherwise race on `CREATE TABLE knex_migrations` (duplicate key in pg_type).
 */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const run = async (): Promise<string[]> => {
    const [, applied] = (await db.migrate.latest(MIGRATOR_CONFIG)) as [number, string[]];
    return applied;
  };
  if (dialectOf(db) !== 'postgres') return run();
  // The lock lives in a transaction of its own (one pooled connection, released on commit or
  // on a crash); the migrations run on other connections meanwhile.
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    return run();
  });
}

/** Rolls back the last batch (or every migration with `all`); returns the names rolled back. */
export async function migrateRollback(db: Knex, opts: { all?: boolean } = {}): Promise<string[]> {
  const [, rolledBack] = (await db.migrate.rollback(MIGRATOR_CONFIG, opts.all ?? false)) as [number, string[]];
  return rolledBack;
}

/** The migration names in order, for ops tooling (`caravan db status`). */
export function knownMigrations(): string[] {
  return MIGRATIONS.map((m) => m.name);
}
