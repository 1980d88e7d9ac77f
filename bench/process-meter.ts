/**
 * What a bench phase cost the machine: wall time, this process's CPU and event-loop
 * utilisation, its peak RSS (sampled process.memoryUsage), the Temporal dev server's CPU
 * and, when the sandbox runs in its own process, that process's CPU and peak RSS (from
 * /proc, Linux only) — enough to say where the time and memory went.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { processPeakRssBytes } from './worker-process.js';

export interface MeterReading {
  wallMs: number;
  /** User + system CPU of this process (all its threads: JS, libuv pool, Temporal core). */
  cpuMs: number;
  /** Share of the wall time the main JS thread was busy (0–1). */
  eventLoopBusy: number;
  /** Highest sampled RSS during the phase. */
  peakRssBytes: number;
  /** RSS when the phase started (worker, Temporal client and core already loaded). */
  startRssBytes?: number;
  /** CPU of the Temporal dev server process during the phase, when readable. */
  temporalServerCpuMs?: number;
  /** Share of the wall time the sandbox's thread was busy, when it has its own. */
  sandboxThreadBusy?: number;
  /** Peak RSS of the sandbox's own process (its whole life: one per phase), when it has one. */
  sandboxPeakRssBytes?: number;
  /** CPU of the sandbox's own process during the phase, when it has one. */
  sandboxCpuMs?: number;
  /** Peak RSS of the worker's own process (its whole life: one per phase), when it has one. */
  workerPeakRssBytes?: number;
  /** CPU of the worker's own process during the phase, when it has one. */
  workerCpuMs?: number;
}

export interface ProcessMeter {
  stop(): MeterReading;
}

const SAMPLE_EVERY_MS = 100;

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime + stime of a process in ms, or undefined off Linux / once it is gone. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond() : undefined;
  } catch {
    return undefined;
  }
}

export function startMeter(opts: { serverPid?: number | undefined; sandboxPid?: number | undefined; workerPid?: number | undefined } = {}): ProcessMeter {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const serverCpu = processCpuMs(opts.serverPid);
  const sandboxCpu = processCpuMs(opts.sandboxPid);
  const workerCpu = processCpuMs(opts.workerPid);
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, SAMPLE_EVERY_MS);
  sampler.unref();
  return {
    stop() {
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const used = process.cpuUsage(cpu);
      const serverNow = processCpuMs(opts.serverPid);
      const sandboxNow = processCpuMs(opts.sandboxPid);
      const sandboxPeak = processPeakRssBytes(opts.sandboxPid);
      const workerNow = processCpuMs(opts.workerPid);
      const workerPeak = processPeakRssBytes(opts.workerPid);
      return {
        wallMs: performance.now() - started,
        cpuMs: (used.user + used.system) / 1000,
        eventLoopBusy: performance.eventLoopUtilization(elu).utilization,
        peakRssBytes: peakRss,
        startRssBytes: startRss,
        ...(serverCpu !== undefined && serverNow !== undefined ? { temporalServerCpuMs: serverNow - serverCpu } : {}),
        ...(sandboxCpu !== undefined && sandboxNow !== undefined ? { sandboxCpuMs: sandboxNow - sandboxCpu } : {}),
        ...(sandboxPeak !== undefined ? { sandboxPeakRssBytes: sandboxPeak } : {}),
        ...(workerCpu !== undefined && workerNow !== undefined ? { workerCpuMs: workerNow - workerCpu } : {}),
        ...(workerPeak !== undefined ? { workerPeakRssBytes: workerPeak } : {}),
      };
    },
  };
}
