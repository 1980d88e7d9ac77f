import { setTimeout as sleepTimer } from 'node:timers/promises';

/**
 * Time as connectors see it. Injected so rate-limit waits and token expiry can be tested
 * with a fake clock instead of real sleeps.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await sleepTimer(Math.max(0, ms), undefined, signal === undefined ? undefined : { signal });
  },
};
