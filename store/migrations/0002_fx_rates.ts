import type { Knex } from 'knex';

/*
 * Currency rates, one row per published (source, base, quote, date). Portable like 0001:
 * the rate is the exact decimal text the source published ("1.1790"), never a float or a
 * NUMERIC the driver would hand back as a JS number; dates are YYYY-MM-DD text and
 * timestamps ISO 8601 UTC text, so text order is time order on SQLite and PostgreSQL.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fx_rates', (t) => {
    t.text('source').notNullable();
    t.text('base').notNullable();
    t.text('quote').notNullable();
    t.text('date').notNullable();
    t.text('rate').notNullable();
    /** When the source stamps the rate with a time (XE). */
    t.text('timestamp');
    t.text('fetched_at').notNullable();
    // The date follows the source in the key, so the reads by (source, date range) — the
    // rate table for a conversion date, the newest date of a source — use it by its prefix.
    t.primary(['source', 'date', 'base', 'quote'], 'fx_rates_pkey');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('fx_rates');
}
