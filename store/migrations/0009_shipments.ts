import type { Knex } from 'knex';

/*
 * Shipments bought by fulfilOrder: one row per label purchase, keyed by its idempotency key
 * (derived from the order and how many shipments of it were voided before, so a retried
 * purchase finds its row and a reshipment after a void gets a new one). The labels and
 * documents are files in the document store: the row keeps their content hashes, never their
 * content. Portable like 0001: timestamps ISO 8601 UTC text, JSON as text.
 *
 * state: purchased (label bought) → recorded (kept by the hub) → confirmed (told to the
 * channel); cancelled (voided at the carrier, or for DHL recorded as an unused waybill) or
 * failed (the purchase was refused).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('shipments', (t) => {
    t.text('idempotency_key').notNullable();
    t.text('tenant').notNullable();
    t.text('channel').notNullable();
    t.text('order_id').notNullable();
    /** The carrier connection of the tenant and its vendor (dhl, fedex). */
    t.text('connection').notNullable();
    t.text('carrier').notNullable();
    t.text('service');
    t.text('tracking_number');
    t.text('incoterm');
    t.text('state').notNullable();
    /** JSON: [{ type, format, sha256, bytes, contentType }] of the label and documents in the document store. */
    t.text('documents').notNullable();
    /** JSON: the charge the carrier stated (Money), when it did. */
    t.text('charge');
    /** What happened to a cancelled or failed shipment, in words (void, unused waybill, refusal). */
    t.text('note');
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.primary(['idempotency_key'], 'shipments_pkey');
    t.index(['tenant', 'channel', 'order_id'], 'shipments_order_idx');
    t.index(['tenant', 'tracking_number'], 'shipments_tracking_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('shipments');
}
