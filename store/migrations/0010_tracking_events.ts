import type { Knex } from 'knex';

/*
 * Parcel tracking (the trackShipment workflow). Portable like 0001: timestamps ISO 8601 UTC text.
 *
 * - tracking_shipments: one row per (carrier, tracking number): who it belongs to (tenant,
 *   carrier connection, order), its lane (origin → destination country), the latest canonical
 *   status with the carrier's own code, the latest event's time, and the stall exception when
 *   one was raised (when, why). `finished_at` is set once tracking ended (delivered, returned,
 *   cancelled).
 * - tracking_events: every event seen, keyed by its identity (a hash of the carrier code, the
 *   time as the carrier stated it, the location and the piece), so recording the same event
 *   again, from a poll or a pushed update, is a no-op.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tracking_shipments', (t) => {
    t.text('carrier').notNullable();
    t.text('tracking_number').notNullable();
    t.text('tenant').notNullable();
    /** The tenant's carrier connection the shipment is tracked through. */
    t.text('channel').notNullable();
    t.text('order_id');
    t.text('origin_country');
    t.text('destination_country');
    t.text('status').notNullable();
    t.text('carrier_status_code');
    /** The latest event's time as the carrier stated it (UTC instant, local wall-clock time or date). */
    t.text('last_event_at');
    /** When the parcel last moved as far as the hub can tell (UTC): the stall clock runs from here. */
    t.text('progress_at');
    t.integer('events_count').notNullable().defaultTo(0);
    t.boolean('stalled').notNullable().defaultTo(false);
    t.text('exception_at');
    t.text('exception_reason');
    t.text('started_at').notNullable();
    t.text('updated_at').notNullable();
    t.text('finished_at');
    t.primary(['carrier', 'tracking_number'], 'tracking_shipments_pkey');
    t.index(['tenant', 'order_id'], 'tracking_shipments_tenant_order_idx');
  });

  await knex.schema.createTable('tracking_events', (t) => {
    t.text('carrier').notNullable();
    t.text('tracking_number').notNullable();
    /** sha256 of the event's identity (carrier code, time, location, piece). */
    t.text('event_key').notNullable();
    t.text('status').notNullable();
    t.text('carrier_code').notNullable();
    /** As the carrier stated it: a UTC instant, a local wall-clock time or a date. */
    t.text('event_at');
    /** `poll` or `push`: how the hub first learnt of the event. */
    t.text('source').notNullable();
    /** The canonical TrackingEvent, key-sorted JSON. */
    t.text('record').notNullable();
    t.text('recorded_at').notNullable();
    t.primary(['carrier', 'tracking_number', 'event_key'], 'tracking_events_pkey');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('tracking_events');
  await knex.schema.dropTableIfExists('tracking_shipments');
}
