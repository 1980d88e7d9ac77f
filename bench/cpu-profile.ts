/**
 * `--cpu-prof`: a V8 CPU profile of the main thread during one phase's import only (not
 * the setup or the raw-upsert baseline), for Chrome DevTools or speedscope.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export interface CpuProfiler {
  /** Stops profiling and writes the .cpuprofile file. */
  stop(file: string): Promise<void>;
}

export async function startCpuProfile(): Promise<CpuProfiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 500 µs between samples: fine enough for per-request costs, light enough not to skew much.
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}
