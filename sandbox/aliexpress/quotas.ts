/**
 * The gateway's call limits: per app and method a token bucket (calls per second with a burst;
 * beyond it `ApiCallLimit`, the ban lasting until a call is free again) and, when set, a daily
 * number of calls per app counted per platform day (GMT+8; beyond it `AppCallLimit` until the
 * next day). Both replies say how long the ban lasts in `sub_msg`.
 */
import { platformDay, secondsToNextPlatformDay } from './platform-time.js';

export interface CallLimit {
  /** Calls per second. */
  readonly rate: number;
  readonly burst: number;
}
export const DEFAULT_CALL_LIMIT: CallLimit = { rate: 5, burst: 10 };

export type QuotaVerdict = { ok: true } | { ok: false; code: 'ApiCallLimit' | 'AppCallLimit'; banSeconds: number };

export class Quotas {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  private day = -1;
  private usedToday = 0;

  constructor(
    private readonly limit: CallLimit | undefined,
    private readonly dailyQuota: number | undefined,
  ) {}

  take(method: string, nowMs: number): QuotaVerdict {
    if (this.dailyQuota !== undefined) {
      const today = platformDay(nowMs);
      if (today !== this.day) {
        this.day = today;
        this.usedToday = 0;
      }
      if (this.usedToday >= this.dailyQuota) return { ok: false, code: 'AppCallLimit', banSeconds: secondsToNextPlatformDay(nowMs) };
    }
    if (this.limit !== undefined) {
      const { rate, burst } = this.limit;
      const b = this.buckets.get(method) ?? { tokens: burst, atMs: nowMs };
      if (nowMs > b.atMs) {
        b.tokens = Math.min(burst, b.tokens + ((nowMs - b.atMs) / 1000) * rate);
        b.atMs = nowMs;
      }
      this.buckets.set(method, b);
      if (b.tokens < 1) return { ok: false, code: 'ApiCallLimit', banSeconds: Math.max(1, Math.ceil((1 - b.tokens) / rate)) };
      b.tokens -= 1;
    }
    if (this.dailyQuota !== undefined) this.usedToday += 1;
    return { ok: true };
  }
}
