/**
 * FedEx's throttling (developer guide "Quotas & rate limits"): each project may send 1400
 * transactions in a 10-second window, after which the window's remaining seconds answer
 * 429; the organisation has a daily quota, after which every request answers 429 until
 * 00:00 GMT. Neither reply is in the OpenAPI models; the guide gives the messages, not the
 * code, so the code is RATE.LIMIT.EXCEEDED.
 */
import { FedexError } from './errors.js';

export const TRANSACTIONS_PER_WINDOW = 1400;
export const WINDOW_SECONDS = 10;
const DAY_MS = 86_400_000;

export class FedexQuotas {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private day = -1;
  private used = 0;
  dailyRefusals = 0;
  windowRefusals = 0;

  constructor(
    private readonly perWindow: number,
    private readonly dailyQuota: number | undefined,
    /** Sandbox seconds per real second: Retry-After is in real seconds. */
    private readonly timeScale: number,
  ) {}

  /** Counts one transaction of `project` at sandbox time `nowMs`, or throws the 429. */
  take(project: string, nowMs: number): void {
    const today = Math.floor(nowMs / DAY_MS);
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
    if (this.dailyQuota !== undefined && this.used >= this.dailyQuota) {
      this.dailyRefusals++;
      const untilMidnight = (today + 1) * DAY_MS - nowMs;
      throw new FedexError(429, 'RATE.LIMIT.EXCEEDED', 'Too many requests - Daily transaction quota exceeded. Retry after 12:00AM GMT.', undefined, {
        'Retry-After': String(Math.max(1, Math.ceil(untilMidnight / 1000 / this.timeScale))),
      });
    }
    const windowMs = WINDOW_SECONDS * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    let window = this.windows.get(project);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(project, window);
    }
    if (window.count >= this.perWindow) {
      this.windowRefusals++;
      throw new FedexError(429, 'RATE.LIMIT.EXCEEDED', 'Too many requests - We have received too many requests in a short duration. Please wait a while to try again.', undefined, {
        'Retry-After': String(Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000 / this.timeScale))),
      });
    }
    window.count++;
    this.used++;
  }
}
