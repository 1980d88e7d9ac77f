import type { Knex } from 'knex';

/*
 * Payment providers' webhook deliveries (`caravan serve`): one row per (tenant, provider, the
 * provider's event id), so a delivery repeated by the provider (Stripe and PayPal both resend
 * until they get a 2xx, and in no order) is recorded once and processed once. The body is kept
 * as received (the workflow that processes the event reads it from here: it never travels
 * through workflow history); processed_at and outcome are set when its workflow has recorded
 * the event's ledger lines.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_events', (t) => {
    t.text('tenant').notNullable();
    /** stripe | paypal */
    t.text('provider').notNullable();
    /** Stripe `evt_…`, PayPal `WH-…`. */
    t.text('event_id').notNullable();
    /** Stripe `type`, PayPal `event_type`. */
    t.text('type').notNullable();
    /** The body as received (JSON text). */
    t.text('payload').notNullable();
    t.text('received_at').notNullable();
    /** How many deliveries of this event arrived (the first included). */
    t.integer('deliveries').notNullable().defaultTo(1);
    t.text('last_received_at').notNullable();
    /** The workflow that processes the event. */
    t.text('workflow_id');
    t.text('processed_at');
    /** recorded | no-ledger-effect | rejected */
    t.text('outcome');
    /** What processing found: lines inserted/unchanged, or why the event was rejected. */
    t.text('detail');
    t.primary(['tenant', 'provider', 'event_id'], 'webhook_events_pkey');
    t.index(['tenant', 'received_at'], 'webhook_events_tenant_received_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_events');
}
