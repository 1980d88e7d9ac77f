/**
 * The PostgreSQL side of shared rate limits (connectors/http/shared-buckets.ts): one
 * function call per batch of tokens, refill computed in the database on its own clock under a row
 * lock (migration 0004), so workers on several machines take from one bucket.
 */
import type { Knex } from 'knex';
import type { SharedBucketStore, SharedTakeResult } from '../connectors/http/shared-buckets.js';
import { dialectOf } from './db.js';

interface TakeRow {
  waits: (number | string)[];
  next_wait_ms: number | string | null;
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
    async take(id, plan, request): Promise<SharedTakeResult> {
      const result = await db.raw<{ rows: TakeRow[] }>('select * from caravan_rate_limit_take(?, ?, ?, ?, ?, ?, ?)', [
        id,
        plan.rate,
        plan.burst,
        request.maxWaitMs ?? null,
        request.lagMs,
        request.count,
        request.extra,
      ]);
      const row = result.rows[0];
      if (row === undefined) throw new Error(`rate limit ${id}: caravan_rate_limit_take returned no row`);
      return {
        waits: row.waits.map(Number),
        ...(row.next_wait_ms === null ? {} : { refusedWaitMs: Number(row.next_wait_ms) }),
        rate: Number(row.bucket_rate),
        rateSource: row.bucket_rate_source,
        tokens: Number(row.bucket_tokens),
      };
    },
    async release(id, count) {
      await db.raw('select caravan_rate_limit_release(?, ?)', [id, count]);
    },
    async observeRate(id, rate) {
      await db.raw('select caravan_rate_limit_observe(?, ?)', [id, rate]);
    },
    async penalize(id, waitMs) {
      await db.raw('select caravan_rate_limit_penalize(?, ?)', [id, waitMs]);
    },
  };
}
