import type { Knex } from 'knex';

/*
 * Settlement headers: the payout a marketplace makes when a settlement closes (Amazon's totals
 * row: the total deposited and its deposit date). The lines are in ledger_lines under the same
 * settlement id; the header is what reconciliation expects to see credited by the bank. One row
 * per (tenant, source, settlement id): reading the report again changes nothing.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('settlements', (t) => {
    t.text('tenant').notNullable();
    /** amazon (the only source with settlement headers today). */
    t.text('source').notNullable();
    t.text('settlement_id').notNullable();
    t.text('currency').notNullable();
    /** The total deposited, in minor units of `currency` (negative: the seller owed the marketplace). */
    t.bigInteger('total_minor').notNullable();
    t.text('start_at');
    t.text('end_at');
    t.text('deposit_at');
    /** YYYY-MM-DD of deposit_at (else end_at): what a period query reads. */
    t.text('deposit_date');
    t.text('content_hash').notNullable();
    /** The canonical Settlement (JSON text). */
    t.text('record').notNullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.primary(['tenant', 'source', 'settlement_id'], 'settlements_pkey');
    t.index(['tenant', 'deposit_date'], 'settlements_tenant_deposit_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('settlements');
}
