/**
 * The bench's sandbox SP-API: in a process of its own (default: the vendor's CPU and memory
 * stay off the hub's, as a remote vendor's would, and are measured apart), on a worker
 * thread of the bench process (`--sandbox thread`), or inline on the main thread
 * (`--sandbox inline`, as the integration tests run it). Stats come over the sandbox's
 * admin API either way.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startAmazonSandbox, type AmazonSandboxOptions, type SandboxStats } from '../sandbox/amazon/index.js';
import { processCpuMs } from './process-meter.js';
import type { SandboxThreadMessage } from './sandbox-thread.js';
import { processPeakRssBytes } from './worker-process.js';

export type SandboxPlacement = 'process' | 'thread' | 'inline';

export interface BenchSandbox {
  url: string;
  placement: SandboxPlacement;
  stats(): Promise<SandboxStats>;
  /** Share of the wall time the sandbox's own thread was busy since the last call (thread only). */
  eventLoopBusy(): number | undefined;
  /** The sandbox's own process (process placement only): its peak RSS and CPU are its alone. */
  pid?: number;
  close(): Promise<void>;
}

const THREAD_ENTRY = new URL('./sandbox-thread.ts', import.meta.url).href;
const PROCESS_ENTRY = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));

/** Peak RSS and CPU of a sandbox in its own process, read from /proc while it runs. */
export function sandboxProcessUsage(sandbox: BenchSandbox): { peakRssBytes?: number; cpuMs?: number } {
  const peak = processPeakRssBytes(sandbox.pid);
  const cpu = processCpuMs(sandbox.pid);
  return { ...(peak !== undefined ? { peakRssBytes: peak } : {}), ...(cpu !== undefined ? { cpuMs: cpu } : {}) };
}

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
  if (placement === 'process') {
    const child = fork(PROCESS_ENTRY, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`sandbox process exited (code ${code}) before it listened`)));
      child.on('message', (m: SandboxThreadMessage) => {
        if (m.type === 'ready') resolve(m.url);
      });
      child.send(options);
    });
    child.removeAllListeners('error');
    child.removeAllListeners('exit');
    child.on('error', (e) => console.error(`sandbox process failed: ${e.message}`));
    return {
      url,
      placement,
      ...(child.pid !== undefined ? { pid: child.pid } : {}),
      stats: () => fetchStats(url),
      eventLoopBusy: () => undefined,
      close: async () => {
        if (child.exitCode === null && child.connected) {
          const closed = new Promise<void>((resolve) => child.on('message', (m: SandboxThreadMessage) => m.type === 'closed' && resolve()));
          child.send('close');
          await Promise.race([closed, exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
        }
        if (child.exitCode === null) child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
      },
    };
  }

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
