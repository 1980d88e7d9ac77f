/**
 * Token buckets as the SP-API uses them (docs/usage-plans-and-rate-limits.md): a bucket
 * starts full at `burst`, refills at `rate` tokens per second, each request takes one,
 * an empty bucket throttles with 429.
 */

export type OrdersOperation = 'getOrders' | 'getOrder' | 'getOrderItems';

/** Default usage plans, from each operation's description in ordersV0.json. */
export const USAGE_PLANS: Readonly<Record<OrdersOperation, { readonly rate: number; readonly burst: number }>> = {
  getOrders: { rate: 0.0167, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
};

export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /** Takes one token if there is one. */
  take(nowMs: number): boolean {
    if (nowMs > this.lastMs) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) / 1000) * this.rate);
      this.lastMs = nowMs;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }
}

/**
 * The x-amzn-RateLimit-Limit value: requests per second, at most four decimals and
 * always with a fraction, like Amazon's "0.0167", "0.5", "5.0".
 */
export function formatRateLimit(rate: number): string {
  const s = rate.toFixed(4).replace(/0+$/, '');
  return s.endsWith('.') ? `${s}0` : s;
}
