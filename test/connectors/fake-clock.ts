/**
 * A fake Clock for connector tests. `auto`: every sleep advances time at once and resolves
 * (sequential flows). `manual`: sleeps resolve only when the test calls advance().
 */
import type { Clock } from '../../connectors/http/clock.js';

interface Timer {
  readonly at: number;
  readonly resolve: () => void;
}

/** Lets pending promise chains and I/O callbacks run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((r) => setImmediate(r));
}

export class FakeClock implements Clock {
  nowMs: number;
  /** Every sleep requested, in order (ms). */
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];

  constructor(
    start = Date.UTC(2026, 2, 1, 0, 0, 0),
    readonly mode: 'auto' | 'manual' = 'auto',
  ) {
    this.nowMs = start;
  }

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.mode === 'auto') {
      this.nowMs += ms;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.nowMs + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Pending sleeps (manual mode). */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due sleeps in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = Math.max(this.nowMs, due.at);
      due.resolve();
    }
    this.nowMs = target;
    await flush();
  }
}
