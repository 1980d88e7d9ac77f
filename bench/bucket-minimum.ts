/**
 * The shortest import SP-API's token buckets allow. A bucket starts full (burst B) and
 * refills at r × timeScale tokens/s; every request that reaches the bucket and passes
 * takes one token (Usage Plans and Rate Limits guide). So N such calls of one operation
 * need at least max(0, (N − B) / (r × timeScale)) seconds, and the import at least the
 * largest of those over its operations.
 */
import { USAGE_PLANS, type OperationStats, type SandboxStats } from '../sandbox/amazon/index.js';

type BucketOperation = keyof typeof USAGE_PLANS;
const BUCKET_OPERATIONS = Object.keys(USAGE_PLANS) as BucketOperation[];

export interface BucketMinimumRow {
  operation: BucketOperation;
  /** Every request the sandbox counted for the operation. */
  requests: number;
  throttled: number;
  /** Requests that took a token (answered 2xx/400/404): N in the formula. */
  tokenCalls: number;
  burst: number;
  /** Published rate (requests/s) before scaling. */
  rate: number;
  timeScale: number;
  /** max(0, (N − B) / (r × timeScale)). */
  minSeconds: number;
}

export interface BucketMinimum {
  rows: BucketMinimumRow[];
  /** The largest row minimum, and its operation. */
  minSeconds: number;
  bindingOperation: BucketOperation | undefined;
}

/**
 * Calls that took a token. The sandbox answers 403 before the bucket, 429 when it is
 * empty, injected faults before it; past it, 200, 400 or 404 (server.ts request pipeline).
 */
export function tokenCalls(s: OperationStats): number {
  return (s.statuses['200'] ?? 0) + (s.statuses['400'] ?? 0) + (s.statuses['404'] ?? 0);
}

export function bucketMinimum(stats: SandboxStats, timeScale: number): BucketMinimum {
  const rows = BUCKET_OPERATIONS.map((operation): BucketMinimumRow => {
    const s = stats.operations[operation];
    const { rate, burst } = USAGE_PLANS[operation];
    const n = tokenCalls(s);
    return {
      operation,
      requests: s.requests,
      throttled: s.throttled,
      tokenCalls: n,
      burst,
      rate,
      timeScale,
      minSeconds: Math.max(0, (n - burst) / (rate * timeScale)),
    };
  });
  let binding: BucketMinimumRow | undefined;
  for (const r of rows) if (r.minSeconds > 0 && (!binding || r.minSeconds > binding.minSeconds)) binding = r;
  return { rows, minSeconds: binding?.minSeconds ?? 0, bindingOperation: binding?.operation };
}
