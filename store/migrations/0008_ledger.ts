import type { Knex } from 'knex';

/*
 * The money ledger and what reconciliation keeps. Portable like 0001: amounts are BIGINT minor
 * units beside their currency, rates decimal text, dates and timestamps ISO 8601 UTC text.
 *
 * - ledger_lines: one canonical SettlementLine per (tenant, source, the source's own line id),
 *   with the amount in the tenant's reporting currency at the rate of its posting date (the
 *   rate, its date and source kept beside it; null when no rate was available then).
 * - bank_statement_lines: one booked bank entry per (tenant, account, entry key): the bank's own
 *   reference when it gives one, else a hash of the entry's content.
 * - reconcile_discrepancies: each discrepancy a run found, by its stable id; a manual resolution
 *   (who, when, why) stays on the row when a later run finds the same discrepancy again.
 * - reconcile_resolution_audit: every resolve and reopen, never updated.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ledger_lines', (t) => {
    t.text('tenant').notNullable();
    t.text('source').notNullable();
    /** The source's line id (Stripe txn_…, PayPal transaction_id, Amazon <settlement-id>:<row>). */
    t.text('line_id').notNullable();
    t.text('kind').notNullable();
    t.text('raw_type').notNullable();
    t.text('status');
    t.text('currency').notNullable();
    t.bigInteger('gross_minor').notNullable();
    t.bigInteger('fee_minor');
    t.bigInteger('net_minor');
    /** As the line states it: a UTC instant or a date. */
    t.text('posted_at').notNullable();
    /** YYYY-MM-DD (UTC) of posted_at: the date of the rate applied and of period queries. */
    t.text('posting_date').notNullable();
    t.text('reporting_currency');
    t.bigInteger('reporting_gross_minor');
    t.bigInteger('reporting_net_minor');
    /** Reporting-currency units per unit of `currency`, as applied (decimal text). */
    t.text('fx_rate');
    t.text('fx_rate_date');
    t.text('fx_source');
    t.text('order_id');
    /** The payout the line was paid out in (Stripe po_…, PayPal withdrawal, Amazon settlement id). */
    t.text('payout_id');
    t.text('settlement_id');
    t.text('charge_id');
    t.text('refund_id');
    t.text('content_hash').notNullable();
    /** The canonical SettlementLine, key-sorted JSON. */
    t.text('record').notNullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.primary(['tenant', 'source', 'line_id'], 'ledger_lines_pkey');
    t.index(['tenant', 'posting_date'], 'ledger_lines_tenant_posting_idx');
    t.index(['tenant', 'payout_id'], 'ledger_lines_tenant_payout_idx');
    t.index(['tenant', 'order_id'], 'ledger_lines_tenant_order_idx');
  });

  await knex.schema.createTable('bank_statement_lines', (t) => {
    t.text('tenant').notNullable();
    /** IBAN (or the bank's other account id), upper case without spaces. */
    t.text('account').notNullable();
    /** `ref:<bank reference>` or `hash:<sha256 of the entry>`. */
    t.text('entry_key').notNullable();
    t.text('booking_date').notNullable();
    t.text('value_date');
    t.text('currency').notNullable();
    /** Signed: a credit positive, a debit negative. */
    t.bigInteger('amount_minor').notNullable();
    t.text('counterparty_name');
    t.text('remittance_info');
    t.text('end_to_end_id');
    t.text('bank_reference');
    t.text('statement_id');
    t.text('content_hash').notNullable();
    t.text('record').notNullable();
    t.text('imported_at').notNullable();
    t.primary(['tenant', 'account', 'entry_key'], 'bank_statement_lines_pkey');
    t.index(['tenant', 'booking_date'], 'bank_statement_lines_tenant_booking_idx');
  });

  await knex.schema.createTable('reconcile_discrepancies', (t) => {
    t.text('tenant').notNullable();
    /** The engine's stable id: a hash of the discrepancy's kind and keys. */
    t.text('id').notNullable();
    t.text('kind').notNullable();
    t.text('summary').notNullable();
    /** The discrepancy as the engine reported it last (JSON). */
    t.text('record').notNullable();
    t.text('first_seen_at').notNullable();
    t.text('last_seen_at').notNullable();
    /** The reconciliation period of the last run that found it. */
    t.text('period_from').notNullable();
    t.text('period_to').notNullable();
    t.text('resolved_at');
    t.text('resolved_by');
    t.text('resolution_reason');
    t.primary(['tenant', 'id'], 'reconcile_discrepancies_pkey');
    t.index(['tenant', 'kind'], 'reconcile_discrepancies_tenant_kind_idx');
  });

  await knex.schema.createTable('reconcile_resolution_audit', (t) => {
    t.increments('seq').primary('reconcile_resolution_audit_pkey');
    t.text('tenant').notNullable();
    t.text('discrepancy_id').notNullable();
    /** resolved | reopened */
    t.text('action').notNullable();
    t.text('actor').notNullable();
    t.text('reason').notNullable();
    t.text('at').notNullable();
    t.index(['tenant', 'discrepancy_id'], 'reconcile_resolution_audit_discrepancy_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('reconcile_resolution_audit');
  await knex.schema.dropTableIfExists('reconcile_discrepancies');
  await knex.schema.dropTableIfExists('bank_statement_lines');
  await knex.schema.dropTableIfExists('ledger_lines');
}
