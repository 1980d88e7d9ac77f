import type { Knex } from 'knex';

/*
 * Where each stored rate was read from: the source's base URL at the time (the ECB's own
 * site, a mirror, the offline stand-in). Conversions use only rates from the source's
 * configured address, so rates from a stand-in or a mirror never pass for the real ones.
 * Rows stored before this migration have no origin: they are not trusted, and the source is
 * read again when a conversion needs their dates.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('fx_rates', (t) => {
    t.text('origin');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('fx_rates', (t) => {
    t.dropColumn('origin');
  });
}
