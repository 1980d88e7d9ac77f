import type { Knex } from 'knex';

/*
 * What the hub last sent to each channel, per marketplace and SKU, and what the channel made
 * of it: listings (the payload, the price with the rule and rate behind it, the outcome and
 * the channel's issues) and stock quantities (the quantity promised and the allocation behind
 * it). A publish flow compares a new payload's hash with the row's to send only changes; a
 * rejected SKU keeps its issues here (and a dead letter) until a later payload is accepted.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_publications', (t) => {
    t.text('tenant').notNullable();
    t.text('channel').notNullable();
    t.text('marketplace_id').notNullable();
    t.text('sku').notNullable();
    /** The catalogue change sequence of the product the payload was built from. */
    t.bigInteger('product_seq').notNullable();
    t.text('payload_hash').notNullable();
    /** The listing as sent (JSON): product type, requirements, attributes. */
    t.text('payload').notNullable();
    t.bigInteger('price_minor');
    t.text('price_currency');
    /** The price rule, the FX rate and the steps behind the price (JSON). */
    t.text('price_basis');
    /** pending | accepted | accepted-with-warnings | rejected | valid */
    t.text('status').notNullable();
    /** The channel's issues (JSON array of canonical ListingIssue). */
    t.text('issues').notNullable();
    /** How it was sent: listings-item | feed */
    t.text('via').notNullable();
    t.text('submission_id');
    t.text('feed_id');
    t.integer('message_id');
    t.text('workflow_id');
    t.text('run_id');
    t.text('submitted_at').notNullable();
    t.text('resolved_at');
    t.text('updated_at').notNullable();
    t.primary(['tenant', 'channel', 'marketplace_id', 'sku'], 'listing_publications_pkey');
    t.index(['tenant', 'channel', 'status'], 'listing_publications_status_idx');
    t.index(['feed_id'], 'listing_publications_feed_idx');
  });

  await knex.schema.createTable('inventory_publications', (t) => {
    t.text('tenant').notNullable();
    t.text('channel').notNullable();
    t.text('marketplace_id').notNullable();
    t.text('sku').notNullable();
    t.integer('quantity').notNullable();
    /** The allocation behind the quantity (JSON): units per location, held back, capped, rule. */
    t.text('allocation').notNullable();
    /** pending | accepted | rejected */
    t.text('status').notNullable();
    t.text('issues').notNullable();
    t.text('via').notNullable();
    t.text('submission_id');
    t.text('feed_id');
    t.text('workflow_id');
    t.text('run_id');
    t.text('submitted_at').notNullable();
    t.text('resolved_at');
    t.text('updated_at').notNullable();
    t.primary(['tenant', 'channel', 'marketplace_id', 'sku'], 'inventory_publications_pkey');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('inventory_publications');
  await knex.schema.dropTable('listing_publications');
}
