/**
 * Workers that start together on an empty PostgreSQL migrate one after another (advisory
 * lock): every one succeeds, each migration is applied once. (test/integration/
 * workers-postgres.test.ts does the same with real worker processes.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, knownMigrations, migrateLatest, openDatabase } from '../../store/index.js';
import { startTestPostgres } from '../support/postgres.js';

const pg = await startTestPostgres();

describe.skipIf(!pg)('migrations on PostgreSQL from several processes at once', () => {
  afterAll(async () => {
    await pg?.stop();
  });

  it('four connections racing migrateLatest on an empty database all succeed, and each migration runs once', async () => {
    const dbs = [1, 2, 3, 4].map(() => openDatabase({ url: pg!.url }));
    try {
      // Connected first, so that the migrations, not the connection set-up, race.
      await Promise.all(dbs.map((db) => db.raw('select 1')));
      const outcomes = await Promise.allSettled(dbs.map((db) => migrateLatest(db)));

      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
      const applied = outcomes.flatMap((o) => (o.status === 'fulfilled' ? o.value : []));
      expect(applied).toEqual(knownMigrations());
      expect(await dbs[0]!('knex_migrations').orderBy('id').pluck('name')).toEqual(knownMigrations());
    } finally {
      await Promise.all(dbs.map((db) => closeDatabase(db)));
    }
  });
});
