/**
 * stripe-mock (github.com/stripe/stripe-mock): Stripe's own mock of its API, built from the
 * same OpenAPI description as the official SDKs; it validates each request's path, method and
 * parameters and answers with Stripe's example objects. Found or built once like the Temporal
 * CLI (worker/go-binary.ts; CARAVAN_STRIPE_MOCK names an explicit binary), started on a port of
 * the OS's choosing for contract tests and the demo.
 */
import { spawn } from 'node:child_process';
import { startWatchdog } from './dev-server.js';
import { resolveGoBinary, type GoBinarySpec, type ResolveGoBinaryOptions, type ResolvedGoBinary } from './go-binary.js';

export const STRIPE_MOCK_MODULE = 'github.com/stripe/stripe-mock';
export const STRIPE_MOCK_VERSION = 'v0.197.0';

export class StripeMockUnavailableError extends Error {
  override readonly name = 'StripeMockUnavailableError';
}

export const STRIPE_MOCK: GoBinarySpec = {
  label: 'stripe-mock',
  binary: 'stripe-mock',
  module: STRIPE_MOCK_MODULE,
  version: STRIPE_MOCK_VERSION,
  envVar: 'CARAVAN_STRIPE_MOCK',
  cacheFolder: 'stripe-mock',
  probeArgs: ['-version'],
  installHint: [
    "Caravan's Stripe contract tests run against stripe-mock. Any one of these works:",
    `  • install Go 1.23 or later (https://go.dev/dl), and Caravan builds it once with`,
    `      go install ${STRIPE_MOCK_MODULE}@${STRIPE_MOCK_VERSION}`,
    '  • put `stripe-mock` on PATH, or set CARAVAN_STRIPE_MOCK=/path/to/stripe-mock',
  ].join('\n'),
  buildTime: 'about a minute',
  unavailable: (message) => new StripeMockUnavailableError(message),
};

export function resolveStripeMock(opts: ResolveGoBinaryOptions = {}): Promise<ResolvedGoBinary> {
  return resolveGoBinary(STRIPE_MOCK, opts);
}

export interface RunningStripeMock {
  /** `http://127.0.0.1:<port>`: a Stripe connection's `endpoint`. */
  readonly url: string;
  /** Ends the process; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** The stripe-mock process. */
  readonly pid: number | undefined;
}

/** The line stripe-mock prints once its HTTP listener is bound. */
const LISTENING = /Listening for HTTP at address: 127\.0\.0\.1:(\d+)/;

/**
 * Starts stripe-mock on loopback ports of the OS's choosing (HTTP and the HTTPS listener it
 * always opens, so two never collide on its default 12111/12112) and resolves once it listens.
 */
export async function startStripeMock(binary: string, options: { readonly startTimeoutMs?: number } = {}): Promise<RunningStripeMock> {
  const child = spawn(binary, ['-http-addr', '127.0.0.1:', '-https-addr', '127.0.0.1:'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // The exit hook below does not run when this process is killed (SIGKILL, out of memory): the
  // dev server's watchdog then stops stripe-mock too, so a killed demo leaves no mock behind.
  const watchdog = child.pid === undefined ? undefined : startWatchdog(process.pid, child.pid);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      watchdog?.stop();
      resolve();
    }),
  );
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    })();
    return stopping;
  };
  let output = '';
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StripeMockUnavailableError(`stripe-mock did not listen within ${options.startTimeoutMs ?? 20_000} ms:\n${output}`)), options.startTimeoutMs ?? 20_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        const m = LISTENING.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new StripeMockUnavailableError(`stripe-mock exited (code ${code}) before listening:\n${output}`));
      });
    });
    return { url: `http://127.0.0.1:${port}`, stop, pid: child.pid };
  } catch (error) {
    await stop();
    throw error;
  }
}
