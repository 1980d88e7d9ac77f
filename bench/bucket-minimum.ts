/**
 * The shortest run SP-API's token buckets allow. A bucket starts full (burst B) and
 * refills at r × timeScale tokens/s; every request that reaches the bucket and passes
 * takes one token (Usage Plans and Rate Limits guide). So N such calls of one operation
 * need at least max(0, (N − B) / (r × timeScale)) seconds, and the run at least the
 * largest of those over its operations. The plans are the official models' defaults as
 * the sandbox enforces them: Orders v0, Orders 2026-01-01 (searchOrders, getOrder), Reports,
 * Feeds, Listings Items and Product Type Definitions.
 */
import { API_USAGE_PLANS, USAGE_PLANS, type OperationStats } from '../sandbox/amazon/index.js';
import { ORDERS_2026_USAGE_PLANS } from '../sandbox/amazon/orders-2026-api.js';

/** Every bucketed operation's published plan (rate/s, burst). `getOrder2026` is 2026-01-01's getOrder. */
export const BUCKET_PLANS = { ...USAGE_PLANS, ...ORDERS_2026_USAGE_PLANS, ...API_USAGE_PLANS } as const;
export type BucketOperation = keyof typeof BUCKET_PLANS;

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
 * empty, injected faults before it; past it, any 2xx (createReport and createFeed answer
 * 202), 400 or 404 (server.ts request pipeline).
 */
export function tokenCalls(s: Pick<OperationStats, 'statuses'>): number {
  return Object.entries(s.statuses).reduce((n, [status, count]) => n + (/^2\d\d$/.test(status) || status === '400' || status === '404' ? count : 0), 0);
}

/** max(0, (N − B) / (r × timeScale)): the seconds N token calls of one plan need at least. */
export function bucketSeconds(calls: number, plan: { rate: number; burst: number }, timeScale: number): number {
  return Math.max(0, (calls - plan.burst) / (plan.rate * timeScale));
}

/**
 * The minimum for the calls the sandbox counted. Rows: `operations` when given, else every
 * operation that was called at all.
 */
/** The calls of each operation, as the sandbox's stats count them. */
export type OperationCalls = Partial<Record<BucketOperation, Pick<OperationStats, 'requests' | 'throttled' | 'statuses'>>>;

export function bucketMinimum(stats: { operations: OperationCalls }, timeScale: number, operations?: readonly BucketOperation[]): BucketMinimum {
  const names = operations ?? (Object.keys(BUCKET_PLANS) as BucketOperation[]).filter((op) => (stats.operations[op]?.requests ?? 0) > 0);
  const rows = names.map((operation): BucketMinimumRow => {
    const s = stats.operations[operation] ?? { requests: 0, throttled: 0, statuses: {} };
    const { rate, burst } = BUCKET_PLANS[operation];
    const n = tokenCalls(s);
    return { operation, requests: s.requests, throttled: s.throttled, tokenCalls: n, burst, rate, timeScale, minSeconds: bucketSeconds(n, { rate, burst }, timeScale) };
  });
  let binding: BucketMinimumRow | undefined;
  for (const r of rows) if (r.minSeconds > 0 && (!binding || r.minSeconds > binding.minSeconds)) binding = r;
  return { rows, minSeconds: binding?.minSeconds ?? 0, bindingOperation: binding?.operation };
}

/** Time-scaled seconds as the real time they stand for (the bench's seconds × timeScale). */
export function realTime(scaledSeconds: number, timeScale: number): string {
  const r = scaledSeconds * timeScale;
  return r >= 3600 ? `${(r / 3600).toFixed(1)} h` : r >= 60 ? `${(r / 60).toFixed(1)} min` : `${r.toFixed(0)} s`;
}
