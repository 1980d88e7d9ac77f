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
 * The four functions lock the row (FOR UPDATE) and compute the refill in the same
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
    // When a take created the bucket, and how far the vendor's bucket may run behind ours
    // once measured (see caravan_rate_limit_observe); NULL: not measured, the taker's p_lag_ms
    // (so again once the bucket refilled to full: a restart is not measured).
    t.double('created_at_ms');
    t.double('lag_ms');
  });
  await knex.raw(`ALTER TABLE rate_limit_buckets ADD CONSTRAINT rate_limit_buckets_rate_source_check CHECK (rate_source IN ('plan', 'header'))`);
  // Unlogged: a take then commits without waiting for a WAL flush (hundreds of takes a second
  // contend for one row), and after a database crash the buckets simply start full again.
  await knex.raw('ALTER TABLE rate_limit_buckets SET UNLOGGED');

  // Takes up to p_count tokens in one statement (a worker asks for all its callers waiting at
  // once), each only if its wait is within p_max_wait_ms (NULL = no limit), then up to
  // p_extra more only if free right now (a worker with many callers keeps a few in hand and
  // gives back what it does not use: caravan_rate_limit_release). waits: how long the caller
  // of each token taken must sleep before sending (0 = now); next_wait_ms: the wait of the
  // first of the p_count tokens refused (NULL when all were taken). p_lag_ms: the vendor's
  // bucket is taken to run this far behind ours (it started when our first request
  // arrived), so a token counts as free only p_lag_ms after it refilled here (less once the
  // first answer measured the lag).
  await knex.raw(`
CREATE FUNCTION caravan_rate_limit_take(p_id text, p_rate float8, p_burst float8, p_max_wait_ms float8, p_lag_ms float8, p_count int, p_extra int)
RETURNS TABLE (waits float8[], next_wait_ms float8, bucket_rate float8, bucket_rate_source text, bucket_tokens float8)
LANGUAGE plpgsql AS $$
DECLARE
  b rate_limit_buckets%ROWTYPE;
  now_ms float8;
  r float8;
  t float8;
  w float8;
  need float8;
  blocked float8;
  taken float8[] := '{}';
  refused float8;
  restart boolean;
BEGIN
  INSERT INTO rate_limit_buckets AS x (id, rate, burst, updated_at_ms, created_at_ms) VALUES (p_id, p_rate, p_burst, ${CLOCK_MS}, ${CLOCK_MS})
  ON CONFLICT (id) DO NOTHING;
  SELECT * INTO b FROM rate_limit_buckets AS x WHERE x.id = p_id FOR UPDATE;
  now_ms := ${CLOCK_MS};
  -- The published plan is only a seed: a rate learnt from the vendor's header wins.
  r := CASE WHEN b.rate_source = 'header' AND b.rate IS NOT NULL THEN b.rate ELSE p_rate END;
  b.burst := COALESCE(b.burst, p_burst);
  t := LEAST(p_burst, ${REFILLED});
  -- A full bucket taken from again restarts the vendor's refill when that request arrives:
  -- the measured lag was for the first start only, p_lag_ms applies from here on.
  restart := b.tokens IS NOT NULL AND t >= p_burst - 1e-9;
  IF restart THEN
    b.lag_ms := NULL;
    b.created_at_ms := NULL;
  END IF;
  -- The lag's tokens (the measured lag once known, never more than p_lag_ms), but never
  -- more than a full bucket (then each take waits for 1/r).
  need := LEAST(GREATEST(1, p_burst), 1 + r * GREATEST(0, LEAST(p_lag_ms, COALESCE(b.lag_ms, p_lag_ms))) / 1000);
  blocked := GREATEST(0, b.blocked_until_ms - now_ms);
  FOR i IN 0 .. GREATEST(0, p_count) + GREATEST(0, p_extra) - 1 LOOP
    -- Token i is the (i+1)-th taken now: free once the bucket holds need + i tokens.
    w := GREATEST(blocked, CASE WHEN need + i - t <= 1e-9 THEN 0 ELSE (need + i - t) * 1000 / r END);
    IF i < p_count THEN
      IF p_max_wait_ms IS NOT NULL AND w > p_max_wait_ms THEN
        refused := w;
        EXIT;
      END IF;
    ELSIF w > 0 THEN
      EXIT;
    END IF;
    taken := taken || w;
  END LOOP;
  t := t - cardinality(taken);
  UPDATE rate_limit_buckets AS x
     SET rate = r, burst = p_burst, tokens = t, updated_at_ms = now_ms, acquired = x.acquired + cardinality(taken),
         lag_ms = b.lag_ms, created_at_ms = b.created_at_ms
   WHERE x.id = p_id;
  RETURN QUERY SELECT taken, refused, r, b.rate_source, t;
END $$`);

  // Tokens a worker took but will not use (callers gone or fewer than it expected) go back:
  // the bucket is as if they had never been taken (refill since its last update first,
  // never above a full bucket).
  await knex.raw(`
CREATE FUNCTION caravan_rate_limit_release(p_id text, p_count int)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b rate_limit_buckets%ROWTYPE;
  now_ms float8;
BEGIN
  SELECT * INTO b FROM rate_limit_buckets AS x WHERE x.id = p_id FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  now_ms := ${CLOCK_MS};
  UPDATE rate_limit_buckets AS x
     SET tokens = LEAST(COALESCE(b.burst, b.tokens + p_count), ${REFILLED} + p_count), updated_at_ms = GREATEST(b.updated_at_ms, now_ms),
         acquired = x.acquired - p_count
   WHERE x.id = p_id;
END $$`);

  // The vendor's header corrects the rate: refill at the old rate up to now, then switch.
  // The first answer also measures the lag: the vendor's bucket started when our first
  // request reached it, so before this answer came back, at most now - created_at after ours.
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
     SET tokens = ${REFILLED}, updated_at_ms = GREATEST(b.updated_at_ms, now_ms), rate = p_rate, rate_source = 'header',
         lag_ms = COALESCE(b.lag_ms, GREATEST(0, now_ms - b.created_at_ms))
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
  await knex.raw('DROP FUNCTION IF EXISTS caravan_rate_limit_take(text, float8, float8, float8, float8, int, int)');
  await knex.raw('DROP FUNCTION IF EXISTS caravan_rate_limit_release(text, int)');
  await knex.raw('DROP FUNCTION IF EXISTS caravan_rate_limit_observe(text, float8)');
  await knex.raw('DROP FUNCTION IF EXISTS caravan_rate_limit_penalize(text, float8)');
  await knex.schema.dropTableIfExists('rate_limit_buckets');
}
