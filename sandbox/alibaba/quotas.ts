/**
 * Call limits of the Open Platform gateway: per app and API path a flow limit (a bucket of
 * `burst` calls refilled at `perSecond`; when it runs dry the path is banned until a call is
 * available again, answered with ApiCallLimit), and optionally a daily number of calls per app
 * (AppCallLimit until the next platform day, China time). The figures are the sandbox's: the
 * platform sets them per app tier.
 */
import { nextPlatformDayMs, platformDay } from './platform-time.js';

export interface QuotaRefusal {
  readonly code: 'ApiCallLimit' | 'AppCallLimit';
  readonly message: string;
  readonly banSeconds: number;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

export class Quotas {
  private readonly buckets = new Map<string, Bucket>();
  private readonly daily = new Map<string, { day: number; calls: number }>();
  throttled = 0;

  constructor(
    private readonly limits: { readonly perSecond: number; readonly burst: number; readonly enabled: boolean; readonly dailyQuota?: number | undefined },
  ) {}

  /** Takes one call of `apiPath` for `appKey` at nowMs, or says why not. */
  take(appKey: string, apiPath: string, nowMs: number, countsTowardDaily: boolean): QuotaRefusal | undefined {
    const flow = this.limits.enabled ? this.takeFlow(appKey, apiPath, nowMs) : undefined;
    if (flow !== undefined || !countsTowardDaily) return flow;
    return this.takeDaily(appKey, nowMs);
  }

  private takeFlow(appKey: string, apiPath: string, nowMs: number): QuotaRefusal | undefined {
    const key = `${appKey}\n${apiPath}`;
    const b = this.buckets.get(key) ?? { tokens: this.limits.burst, lastMs: nowMs };
    if (nowMs > b.lastMs) {
      b.tokens = Math.min(this.limits.burst, b.tokens + ((nowMs - b.lastMs) / 1000) * this.limits.perSecond);
      b.lastMs = nowMs;
    }
    this.buckets.set(key, b);
    if (b.tokens < 1) {
      this.throttled++;
      const banSeconds = Math.max(1, Math.ceil((1 - b.tokens) / this.limits.perSecond));
      return { code: 'ApiCallLimit', message: `The request has exceeded the flow limit of ${apiPath} (${this.limits.perSecond} calls per second). This ban will last for ${banSeconds} more seconds`, banSeconds };
    }
    b.tokens -= 1;
    return undefined;
  }

  /** Counts one call toward the app's daily quota, or refuses it until the next platform day. */
  private takeDaily(appKey: string, nowMs: number): QuotaRefusal | undefined {
    if (this.limits.dailyQuota === undefined) return undefined;
    const day = platformDay(nowMs);
    const used = this.daily.get(appKey);
    const calls = used?.day === day ? used.calls : 0;
    if (calls >= this.limits.dailyQuota) {
      this.throttled++;
      const banSeconds = Math.ceil((nextPlatformDayMs(nowMs) - nowMs) / 1000);
      return { code: 'AppCallLimit', message: `The app has used up its ${this.limits.dailyQuota} calls of today. This ban will last for ${banSeconds} more seconds`, banSeconds };
    }
    this.daily.set(appKey, { day, calls: calls + 1 });
    return undefined;
  }

  /** Calls counted today toward the daily quota, per app. */
  dailyUsed(nowMs: number): Record<string, number> {
    const day = platformDay(nowMs);
    return Object.fromEntries([...this.daily].filter(([, v]) => v.day === day).map(([k, v]) => [k, v.calls]));
  }
}
