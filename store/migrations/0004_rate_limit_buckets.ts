import type { Knex } from 'knex';

/*
 * Rate-limit token buckets shared by every worker of one hub (PostgreSQL only: with SQLite
 * there is one worker process and its buckets stay in memory).
 *
 * One row per bucket key (tenant/vendor/operation/scope). Times are milliseconds on the
 * database's clock (clock_timestamp()), so workers on machines whose clocks drift still
 * agree. `tokens` may go below zero: a caller takes a token that only refills later and
 * sleeps until then (a reservation), so no worker polls. NULL tokens = full (never taken).
 *
 * The three functions lock the row (FOR UPDATE) and compute the refill in the same
 * statement, so a take by one worker and a penalty by another never interleave.
 */

const CLOCK_MS = 'extract(epoch from clock_timestamp()) * 1000';

/** Tokens at `now_ms`: refill since the last update at the rate then in force, capped at burst. */
const REFILLED = `CASE WHEN b.tokens IS NULL THEN b.burst
  ELSE LEAST(COALESCE(b.burst, b.tokens), b.tokens + GREATEST(0, now_ms - b.updated_at_ms) * COALESCE(b.rate, 0) / 1000) END`;

function isPostgres(knex: Knex): boolean {
  const client: unknown = (knex.client as { config?: { client?: unknown } }).config?.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.schema.createTable('rate_limit_buckets', (t) => {
    t.text('id').primary();
    t.double('rate');
    t.text('rate_source').notNullable().defaultTo('plan');
    t.double('burst');
    t.double('tokens');
    t.double('updated_at_ms').notNullable();
    t.double('blocked_until_ms').notNullable().defaultTo(0);
    t.bigInteger('acquired').notNullable().defaultTo(0);
    t.integer('penalties').notNullable().defaultTo(0);
  });
  await knex.raw(`ALTER TABLE rate_limit_buckets ADD CONSTRAINT rate_limit_buckets_rate_source_check CHECK (rate_source IN ('plan', 'header'))`);
  // Unlogged: a take then commits without waiting for a WAL flush (hundreds of takes a second
  // contend for one row), and after a database crash the buckets simply start full again.
  await knex.raw('ALTER TABLE rate_limit_buckets SET UNLOGGED');

  // Takes one token unless the wait for it would exceed p_max_wait_ms (NULL = no limit).
  // wait_ms is how long the caller must sleep before sending (0 = now). p_lag_ms: the
  // vendor's bucket is taken to run this far behind ours (it started when our first request
  // arrived), so a token counts as free only p_lag_ms after it refilled here.
  await knex.raw(`
CREATE FUNCTION caravan_rate_limit_take(p_id text, p_rate float8, p_burst float8, p_max_wait_ms float8, p_lag_ms float8)
RETURNS TABLE (taken boolean, wait_ms float8, bucket_rate float8, bucket_rate_source text, bucket_tokens float8)
LANGUAGE plpgsql AS $$
DECLARE
  b rate_limit_buckets%ROWTYPE;
  now_ms float8;
  r float8;
  t float8;
  w float8;
  need float8;
  ok boolean;
BEGIN
  INSERT INTO rate_limit_buckets AS x (id, rate, burst, updated_at_ms) VALUES (p_id, p_rate, p_burst, ${CLOCK_MS})
  ON CONFLICT (id) DO NOTHING;
  SELECT * INTO b FROM rate_limit_buckets AS x WHERE x.id = p_id FOR UPDATE;
  now_ms := ${CLOCK_MS};
  -- The published plan is only a seed: a rate learnt from the vendor's header wins.
  r := CASE WHEN b.rate_source = 'header' AND b.rate IS NOT NULL THEN b.rate ELSE p_rate END;
  b.burst := COALESCE(b.burst, p_burst);
  t := LEAST(p_burst, ${REFILLED});
  -- The lag's tokens, but never more than a full bucket (then each take waits for 1/r).
  need := LEAST(GREATEST(1, p_burst), 1 + r * GREATEST(0, p_lag_ms) / 1000);
  w := GREATEST(0, b.blocked_until_ms - now_ms, CASE WHEN need - t <= 1e-9 THEN 0 ELSE (need - t) * 1000 / r END);
  ok := p_max_wait_ms IS NULL OR w <= p_max_wait_ms;
  UPDATE rate_limit_buckets AS x
     SET rate = r, burst = p_burst, tokens = CASE WHEN ok THEN t - 1 ELSE t END, updated_at_ms = now_ms,
         acquired = x.acquired + CASE WHEN ok THEN 1 ELSE 0 END
   WHERE x.id = p_id;
  RETURN QUERY SELECT ok, w, r, b.rate_source, CASE WHEN ok THEN t - 1 ELSE t END;
END $$`);

  // The vendor's header corrects the rate: refill at the old rate up to now, then switch.
  await knex.raw(`
CREATE FUNCTION caravan_rate_limit_observe(p_id text, p_rate float8)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b rate_limit_buckets%ROWTYPE;
  now_ms float8;
BEGIN
  INSERT INTO rate_limit_buckets AS x (id, rate, rate_source, updated_at_ms) VALUES (p_id, p_rate, 'header', ${CLOCK_MS})
  ON CONFLICT (id) DO NOTHING;
  SELECT * INTO b FROM rate_limit_buckets AS x WHERE x.id = p_id FOR UPDATE;
  now_ms := ${CLOCK_MS};
  UPDATE rate_limit_buckets AS x
     SET tokens = ${REFILLED}, updated_at_ms = GREATEST(b.updated_at_ms, now_ms), rate = p_rate, rate_source = 'header'
   WHERE x.id = p_id;
END $$`);

  // After a 429 the vendor's bucket is empty: so is ours (tokens promised to sleepers stay
  // owed), and nothing is handed out for p_wait_ms; tokens keep refilling meanwhile.
  await knex.raw(`
CREATE FUNCTION caravan_rate_limit_penalize(p_id text, p_wait_ms float8)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b rate_limit_buckets%ROWTYPE;
  now_ms float8;
BEGIN
  INSERT INTO rate_limit_buckets AS x (id, tokens, updated_at_ms) VALUES (p_id, 0, ${CLOCK_MS})
  ON CONFLICT (id) DO NOTHING;
  SELECT * INTO b FROM rate_limit_buckets AS x WHERE x.id = p_id FOR UPDATE;
  now_ms := ${CLOCK_MS};
  UPDATE rate_limit_buckets AS x
     SET tokens = LEAST(0, COALESCE(${REFILLED}, 0)), updated_at_ms = GREATEST(b.updated_at_ms, now_ms),
         blocked_until_ms = GREATEST(b.blocked_until_ms, now_ms + GREATEST(0, p_wait_ms)), penalties = x.penalties + 1
   WHERE x.id = p_id;
END $$`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.raw('DROP FUNCTION IF EXISTS caravan_rate_limit_take(text, float8, float8, float8, float8)');
  await knex.raw('DROP FUNCTION IF EXISTS caravan_rate_limit_observe(text, float8)');
  await knex.raw('DROP FUNCTION IF EXISTS caravan_rate_limit_penalize(text, float8)');
  await knex.schema.dropTableIfExists('rate_limit_buckets');
}
