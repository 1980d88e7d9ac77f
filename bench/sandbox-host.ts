/**
 * The bench's sandbox SP-API, either on a worker thread of its own (default: the vendor's
 * CPU stays off the hub's JS thread, as a remote vendor's would) or inline on the main
 * thread (`--sandbox inline`, as the integration tests run it). Stats come over the
 * sandbox's admin API either way.
 */
import { Worker } from 'node:worker_threads';
import { startAmazonSandbox, type AmazonSandboxOptions, type SandboxStats } from '../sandbox/amazon/index.js';
import type { SandboxThreadMessage } from './sandbox-thread.js';

export type SandboxPlacement = 'thread' | 'inline';

export interface BenchSandbox {
  url: string;
  placement: SandboxPlacement;
  stats(): Promise<SandboxStats>;
  /** Share of the wall time the sandbox's own thread was busy since the last call (thread only). */
  eventLoopBusy(): number | undefined;
  close(): Promise<void>;
}

const THREAD_ENTRY = new URL('./sandbox-thread.ts', import.meta.url).href;

async function fetchStats(url: string): Promise<SandboxStats> {
  const res = await fetch(`${url}/_sandbox/stats`);
  if (!res.ok) throw new Error(`sandbox stats: HTTP ${res.status}`);
  return (await res.json()) as SandboxStats;
}

/** `orders` cannot cross to a thread cheaply; pass `seed` options there. */
export async function startBenchSandbox(
  placement: SandboxPlacement,
  options: Omit<AmazonSandboxOptions, 'now' | 'orders'>,
): Promise<BenchSandbox> {
  if (placement === 'inline') {
    const sandbox = await startAmazonSandbox(options);
    return {
      url: sandbox.url,
      placement,
      stats: async () => sandbox.stats(),
      eventLoopBusy: () => undefined,
      close: () => sandbox.close(),
    };
  }

  // The thread runs TypeScript too: register tsx's loader there before importing the entry.
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD_ENTRY)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`sandbox thread exited (code ${code}) before it listened`)));
    worker.on('message', (m: SandboxThreadMessage) => {
      if (m.type === 'ready') resolve(m.url);
    });
  });
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  worker.on('error', (e) => console.error(`sandbox thread failed: ${e.message}`));
  let elu = worker.performance.eventLoopUtilization();
  return {
    url,
    placement,
    stats: () => fetchStats(url),
    eventLoopBusy: () => {
      const now = worker.performance.eventLoopUtilization();
      const busy = worker.performance.eventLoopUtilization(now, elu).utilization;
      elu = now;
      return busy;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => worker.on('message', (m: SandboxThreadMessage) => m.type === 'closed' && resolve()));
      worker.postMessage('close');
      await Promise.race([closed, exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
      await worker.terminate();
    },
  };
}
