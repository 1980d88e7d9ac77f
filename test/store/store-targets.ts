/**
 * Runs one store suite on SQLite and on PostgreSQL. Each test file gets its own SQLite
 * temp file and its own PostgreSQL (database or private cluster, see test/support/postgres.ts);
 * every test starts from empty tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { closeDatabase, migrateLatest, openDatabase, type Dialect } from '../../store/index.js';
import { startTestPostgres } from '../support/postgres.js';

export interface StoreTarget {
  dialect: Dialect;
  /** undefined when the dialect cannot run here (PostgreSQL missing and not required). */
  open?: () => Knex;
  /** The SQLite file, for SQLite-only checks. */
  sqliteFile?: string;
  dispose(): Promise<void>;
}

export interface StoreHandle {
  readonly dialect: Dialect;
  readonly target: StoreTarget;
  db(): Knex;
}

/** Call with top-level await at the top of a test file. */
export async function storeTargets(): Promise<StoreTarget[]> {
  // PostgreSQL first: when it is required and missing this throws before a temp folder exists.
  const pg = await startTestPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'caravan-store-'));
  // A folder that does not exist yet: openDatabase must create it.
  const sqliteFile = join(dir, 'data', 'caravan.db');
  return [
    {
      dialect: 'sqlite',
      sqliteFile,
      open: () => openDatabase({ sqliteFile }),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    },
    {
      dialect: 'postgres',
      ...(pg ? { open: () => openDatabase({ url: pg.url }) } : {}),
      dispose: async () => pg?.stop(),
    },
  ];
}

const TABLES_CHILD_FIRST = [
  'order_lines',
  'orders',
  'dead_letters',
  'sync_cursors',
  'sync_runs',
  'fx_rates',
  'catalogue_products',
  'inventory_levels',
  'catalogue_sequences',
  'listing_publications',
  'inventory_publications',
];

export async function emptyTables(db: Knex): Promise<void> {
  for (const table of TABLES_CHILD_FIRST) await db(table).delete();
}

/**
 * describe.each over the targets: opens and migrates once per dialect, empties the tables
 * before each test, and marks the whole block skipped when the dialect is unavailable.
 */
export function describeOnEachDialect(
  title: string,
  targets: readonly StoreTarget[],
  body: (store: StoreHandle) => void,
): void {
  describe.each(targets)(`${title} on $dialect`, (target) => {
    if (!target.open) {
      afterAll(() => target.dispose());
      it.skip(`${target.dialect} is not available on this machine (see the warning above)`, () => {});
      return;
    }
    const open = target.open;
    let db: Knex | undefined;
    const store: StoreHandle = {
      dialect: target.dialect,
      target,
      db() {
        if (!db) throw new Error('database not open yet');
        return db;
      },
    };
    beforeAll(async () => {
      db = open();
      await migrateLatest(db);
    });
    afterAll(async () => {
      if (db) await closeDatabase(db);
      await target.dispose();
    });
    beforeEach(async () => {
      await emptyTables(store.db());
    });
    body(store);
  });
}
