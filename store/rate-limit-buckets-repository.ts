/**
 * The PostgreSQL side of shared rate limits (connectors/http/shared-buckets.ts): one
 * function call per token, refill computed in the database on its own clock under a row
 * lock (migration 0004), so workers on several machines take from one bucket.
 */
import type { Knex } from 'knex';
import type { SharedBucketStore, SharedTakeResult } from '../connectors/http/shared-buckets.js';
import { dialectOf } from './db.js';

interface TakeRow {
  taken: boolean;
  wait_ms: number | string;
  bucket_rate: number | string;
  bucket_rate_source: 'plan' | 'header';
  bucket_tokens: number | string;
}

/** Buckets in the hub database; throws on SQLite, whose single worker keeps them in memory. */
export function createPostgresBucketStore(db: Knex): SharedBucketStore {
  if (dialectOf(db) !== 'postgres') {
    throw new Error('shared rate-limit buckets need PostgreSQL (CARAVAN_DATABASE_URL); with SQLite keep the in-memory limiter');
  }
  return {
    async take(id, plan, maxWaitMs, lagMs): Promise<SharedTakeResult> {
      const result = await db.raw<{ rows: TakeRow[] }>('select * from caravan_rate_limit_take(?, ?, ?, ?, ?)', [
        id,
        plan.rate,
        plan.burst,
        maxWaitMs ?? null,
        lagMs,
      ]);
      const row = result.rows[0];
      if (row === undefined) throw new Error(`rate limit ${id}: caravan_rate_limit_take returned no row`);
      return {
        taken: row.taken,
        waitMs: Number(row.wait_ms),
        rate: Number(row.bucket_rate),
        rateSource: row.bucket_rate_source,
        tokens: Number(row.bucket_tokens),
      };
    },
    async observeRate(id, rate) {
      await db.raw('select caravan_rate_limit_observe(?, ?)', [id, rate]);
    },
    async penalize(id, waitMs) {
      await db.raw('select caravan_rate_limit_penalize(?, ?)', [id, waitMs]);
    },
  };
}
