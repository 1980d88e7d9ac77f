/** Set-up shared by the sandbox server suites: the standard seed at T0, served on a test clock. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { MARKETPLACES, generateAmazonSeed, startAmazonSandbox, type AmazonSandbox, type SandboxOrder } from '../../../sandbox/amazon/index.js';
import { requestToken, T0, testClock, type TestClock } from './sandbox-client.js';

export const ALL_MARKETPLACES = MARKETPLACES.map((m) => m.marketplaceId).join(',');

/** An instant as SP-API writes it: whole seconds, no milliseconds. */
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export interface SeededSandbox {
  readonly seed: readonly SandboxOrder[];
  readonly clock: TestClock;
  /** Starts the sandbox over `seed` on `clock` and fetches an access token for it. */
  start(): Promise<{ sandbox: AmazonSandbox; token: string }>;
}

export function seededSandbox(options: { count?: number } = {}): SeededSandbox {
  const seed = generateAmazonSeed({ now: new Date(T0), ...(options.count === undefined ? {} : { count: options.count }) }).orders;
  const clock = testClock();
  return {
    seed,
    clock,
    async start() {
      // Throttling has its own suite; here it would only slow the walks down.
      const sandbox = await startAmazonSandbox({ orders: seed, now: clock.now, rateLimits: false });
      return { sandbox, token: await requestToken(sandbox.url) };
    },
  };
}

/**
 * A suite's sandbox: started once before its tests (handed to `use`), reset before each test,
 * closed after the suite.
 */
export function useSeededSandbox(options: { count?: number }, use: (sandbox: AmazonSandbox, token: string) => void): SeededSandbox {
  const seeded = seededSandbox(options);
  let started: AmazonSandbox | undefined;
  beforeAll(async () => {
    const { sandbox, token } = await seeded.start();
    started = sandbox;
    use(sandbox, token);
  });
  beforeEach(() => started?.reset());
  afterAll(async () => {
    await started?.close();
  });
  return seeded;
}
