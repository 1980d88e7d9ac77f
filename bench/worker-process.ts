/**
 * A Caravan worker as its own process (`node --import tsx worker/main.ts`, or `node
 * <build>/worker/main.js` from worker/build.ts's build), as production runs several: configured through the
 * environment only, ready once it logs "worker started". Used by the bench's worker processes
 * (on the build, as deployed) and the multi-worker integration tests (on the sources).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface WorkerProcessOptions {
  /** Environment on top of this process's: TEMPORAL_ADDRESS, CARAVAN_DATABASE_URL, CARAVAN_CONFIG … */
  env: Record<string, string>;
  /** Every line the worker writes (stdout and stderr) is appended here. */
  logFile: string;
  /** Counts stdout lines containing each of these strings (e.g. '"msg":"amazon request"'). */
  count?: readonly string[];
  /** Run the build in this folder (worker/build.ts) with node alone rather than the sources through tsx. */
  builtDir?: string;
}

export interface WorkerProcess {
  readonly pid: number;
  /** Resolves once the worker logged "worker started"; rejects if it exits first. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** How many stdout lines contained each `count` string so far. */
  counts(): Record<string, number>;
  /** Highest RSS of the process so far (VmHWM from /proc, Linux), while it runs. */
  peakRssBytes(): number | undefined;
  /** The last lines it wrote, for error messages. */
  tail(lines?: number): string;
  /** SIGTERM (the worker drains and exits), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

/** VmHWM (peak resident set) of a live process in bytes, or undefined off Linux / once it is gone. */
export function processPeakRssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function startWorkerProcess(opts: WorkerProcessOptions): WorkerProcess {
  const entry = opts.builtDir === undefined ? ['--import', 'tsx', 'worker/main.ts'] : [join(opts.builtDir, 'worker', 'main.js')];
  const child: ChildProcess = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not start a worker process');
  const pid = child.pid;
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  const recent: string[] = [];
  const counts = Object.fromEntries((opts.count ?? []).map((c) => [c, 0]));
  let peak: number | undefined;
  let markReady: () => void = () => {};
  let started = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    void exited.then((code) => {
      if (!started) reject(new Error(`worker process ${pid} exited (code ${code}) before it started:\n${recent.join('\n')}`));
    });
  });
  // Nobody may be awaiting `ready` when a stopped worker exits.
  ready.catch(() => {});
  const onLines = (stream: NodeJS.ReadableStream, isStdout: boolean) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      log.write(chunk);
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        if (!isStdout) continue;
        if (!started && line.includes('"msg":"worker started"')) {
          started = true;
          markReady();
        }
        for (const c of opts.count ?? []) if (line.includes(c)) counts[c] = (counts[c] ?? 0) + 1;
      }
    });
  };
  onLines(child.stdout!, true);
  onLines(child.stderr!, false);
  void exited.then(() => log.end());
  const sampler = setInterval(() => {
    peak = processPeakRssBytes(pid) ?? peak;
  }, 500);
  sampler.unref();
  void exited.then(() => clearInterval(sampler));
  return {
    pid,
    ready,
    exited,
    counts: () => ({ ...counts }),
    peakRssBytes: () => processPeakRssBytes(pid) ?? peak,
    tail: (n = 20) => recent.slice(-n).join('\n'),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
