import type { Knex } from 'knex';

/*
 * The seller's catalogue in the hub: products per (tenant, sku) and inventory levels per
 * (tenant, sku, location). Portable like 0001: documents are JSON text, timestamps ISO 8601
 * UTC text, counts integers.
 *
 * Change feed: each tenant has one sequence (catalogue_sequences.last_seq) shared by its
 * products and inventory levels. Every insert or real change of a row takes the next number
 * into `seq`; an unchanged re-import takes none. A flow reads "changed since N" by (tenant,
 * seq) and keeps its own high-water mark. Writers take the tenant's sequence row first and
 * hold it to commit, so numbers become visible in order: a reader that has seen N never
 * finds a smaller number committed later.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('catalogue_sequences', (t) => {
    t.text('tenant').notNullable().primary('catalogue_sequences_pkey');
    t.bigInteger('last_seq').notNullable();
  });

  await knex.schema.createTable('catalogue_products', (t) => {
    t.text('tenant').notNullable();
    t.text('sku').notNullable();
    t.text('category');
    t.text('content_hash').notNullable();
    /** The canonical Product, key-sorted JSON. */
    t.text('record').notNullable();
    /** 1 on insert, +1 on each real change. */
    t.integer('version').notNullable();
    /** The tenant's change sequence number of the last insert or change. */
    t.bigInteger('seq').notNullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.primary(['tenant', 'sku'], 'catalogue_products_pkey');
    t.unique(['tenant', 'seq'], { indexName: 'catalogue_products_tenant_seq_unique' });
  });

  await knex.schema.createTable('inventory_levels', (t) => {
    t.text('tenant').notNullable();
    t.text('sku').notNullable();
    t.text('location_id').notNullable();
    t.text('location_type').notNullable();
    /** Null: the source did not state it (never read as zero). */
    t.integer('available');
    t.integer('reserved');
    t.integer('inbound');
    t.integer('total');
    t.text('observed_at');
    t.text('content_hash').notNullable();
    /** The canonical InventoryLevel, key-sorted JSON. */
    t.text('record').notNullable();
    t.integer('version').notNullable();
    t.bigInteger('seq').notNullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.primary(['tenant', 'sku', 'location_id'], 'inventory_levels_pkey');
    t.unique(['tenant', 'seq'], { indexName: 'inventory_levels_tenant_seq_unique' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('inventory_levels');
  await knex.schema.dropTableIfExists('catalogue_products');
  await knex.schema.dropTableIfExists('catalogue_sequences');
}
