import type { Knex } from 'knex';

/*
 * How each dead letter was closed, and what its last replay did. A letter is resolved by a
 * replay (its payload now maps: `replay_outcome` says what the write did) or by hand (`resolved_by`
 * and `resolution_reason` kept). A replay that still fails leaves the letter open with the new
 * error in message/field/error_kind and the run in replay_*. Letters resolved before this
 * migration keep resolved_at with no resolution: how they were closed was not recorded.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dead_letters', (t) => {
    /** 'replayed' | 'manual'; null while open (and for letters resolved before 0005). */
    t.text('resolution');
    t.text('resolved_by');
    t.text('resolution_reason');
    t.text('replayed_at');
    t.text('replay_workflow_id');
    t.text('replay_run_id');
    /** inserted | updated | unchanged | superseded | failed */
    t.text('replay_outcome');
    // A replay pages through a tenant's (or a channel's) letters by id.
    t.index(['tenant', 'channel', 'id'], 'dead_letters_tenant_channel_id_idx');
    // A replay's run summary is counted from the letters it touched.
    t.index(['replay_workflow_id', 'replay_run_id'], 'dead_letters_replay_run_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dead_letters', (t) => {
    t.dropIndex(['replay_workflow_id', 'replay_run_id'], 'dead_letters_replay_run_idx');
    t.dropIndex(['tenant', 'channel', 'id'], 'dead_letters_tenant_channel_id_idx');
  });
  await knex.schema.alterTable('dead_letters', (t) => {
    t.dropColumns(
      'resolution',
      'resolved_by',
      'resolution_reason',
      'replayed_at',
      'replay_workflow_id',
      'replay_run_id',
      'replay_outcome',
    );
  });
}
