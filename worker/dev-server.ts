/**
 * Starts and stops the Temporal CLI dev server (`temporal server start-dev`): the
 * embedded default. Production points TEMPORAL_ADDRESS at a real cluster instead.
 *
 * The server dies with the process that started it, even when that process is killed
 * (SIGKILL, out of memory): Node cannot set PR_SET_PDEATHSIG on a child, so a watchdog
 * watches instead. It is a POSIX `sh` loop in its own session (so a signal to the
 * terminal's process group does not take it along), a few hundred kilobytes, that checks
 * once a second that the parent is alive and, once it is gone, stops the server (SIGTERM,
 * then SIGKILL after 10 s). It exits by itself when the server exits. No watchdog on
 * Windows; there the demo's pid file (cli/stack-state.ts) is the only recovery.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { dirname } from 'node:path';
import { SEARCH_ATTRIBUTES } from '../temporal.config.js';

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file for persistence; omit for an in-memory server (tests). */
  dbFile?: string | undefined;
  ip?: string;
  /** Frontend gRPC port; 0 picks a free one. */
  port?: number;
  /** Web UI port; `false` runs headless; 0 picks a free one. */
  uiPort?: number | false;
  namespace?: string;
  /** Server output goes here (append); by default it is discarded. */
  logFile?: string | undefined;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  startTimeoutMs?: number;
  /** Stop the server when this process dies, however it dies (a watchdog; default true). */
  dieWithParent?: boolean;
  /** Called as soon as the processes exist, before the server listens (to record them). */
  onSpawned?: (processes: DevServerProcesses) => void;
}

/** What runs for a dev server: enough to find it again after a crash, and to check it is ours. */
export interface DevServerProcesses {
  pid: number;
  /** The server's argv, as /proc/<pid>/cmdline shows it. */
  command: string[];
  port: number;
  uiPort: number | false;
  watchdog?: { pid: number; command: string[] } | undefined;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  processes: DevServerProcesses;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly port: number,
    readonly what: string,
    message: string,
  ) {
    super(message);
  }
}

/** Whether a process with this pid runs (ours or not); on Linux a zombie counts as gone. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * The command line of a running process, or undefined when it is gone or cannot be read.
 * Linux: /proc/<pid>/cmdline (exact argv); elsewhere `ps` (argv joined by spaces).
 */
export function commandLineOf(pid: number): string[] | undefined {
  if (process.platform === 'linux') {
    try {
      const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return raw ? raw.replace(/\0$/, '').split('\0') : undefined;
    } catch {
      return undefined;
    }
  }
  if (process.platform === 'win32') return undefined;
  const r = spawnSync('ps', ['-ww', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  const line = r.status === 0 ? r.stdout.trim() : '';
  return line ? [line] : undefined;
}

/** True when `pid` runs exactly `command` (so a recycled pid of a stranger never matches). */
export function runsCommand(pid: number, command: string[]): boolean {
  const actual = commandLineOf(pid);
  return !!actual && actual.join(' ') === command.join(' ');
}

/** SIGTERM, then SIGKILL once `graceMs` has passed; resolves when the process is gone. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  const gone = async (ms: number) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
      if (!isProcessAlive(pid)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return !isProcessAlive(pid);
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await gone(graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await gone(5000);
}

// A killed parent can linger as a zombie until its own parent reaps it: `kill -0` still
// succeeds then, so on Linux its /proc state (Z) counts as gone.
const WATCHDOG_SCRIPT = [
  'parent=$1; child=$2',
  'alive() { kill -0 "$1" 2>/dev/null && ! grep -q "^[0-9]* (.*) Z" "/proc/$1/stat" 2>/dev/null; }',
  'while alive "$parent" && kill -0 "$child" 2>/dev/null; do sleep 1; done',
  'kill -0 "$child" 2>/dev/null || exit 0',
  'kill -TERM "$child" 2>/dev/null',
  'i=0; while kill -0 "$child" 2>/dev/null && [ "$i" -lt 10 ]; do sleep 1; i=$((i+1)); done',
  'kill -0 "$child" 2>/dev/null && kill -KILL "$child" 2>/dev/null',
  'exit 0',
].join('\n');

/** Starts the watchdog that stops `childPid` once `parentPid` is gone (see the file comment). */
export function startWatchdog(parentPid: number, childPid: number): { pid: number; command: string[]; stop(): void } | undefined {
  if (process.platform === 'win32') return undefined;
  const args = ['-c', WATCHDOG_SCRIPT, 'caravan-watchdog', String(parentPid), String(childPid)];
  const dog = spawn('/bin/sh', args, { detached: true, stdio: 'ignore' });
  dog.on('error', () => {}); // no sh: no watchdog, the pid file still recovers
  dog.unref();
  if (dog.pid === undefined) return undefined;
  const pid = dog.pid;
  return {
    pid,
    command: ['/bin/sh', ...args],
    stop: () => {
      if (dog.exitCode === null && dog.signalCode === null) dog.kill('SIGTERM');
    },
  };
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function isPortOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export function searchAttributeFlags(): string[] {
  return Object.values(SEARCH_ATTRIBUTES).flatMap((a) => ['--search-attribute', `${a.name}=${a.type}`]);
}

/** The server quit before it listened (not a port another program holds: that is refused before the start). */
class EarlyExitError extends Error {}

/**
 * Starts the dev server; one that quits before it listens is started once more a second later:
 * the server of a stop or crash just before may still hold its database or an internal port for
 * a moment. A second early exit is the error.
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  try {
    return await startDevServerOnce(opts);
  } catch (e) {
    if (!(e instanceof EarlyExitError)) throw e;
    await new Promise((r) => setTimeout(r, 1000));
    return startDevServerOnce(opts);
  }
}

async function startDevServerOnce(opts: DevServerOptions): Promise<DevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  const port = opts.port === 0 || opts.port === undefined ? await freePort(ip) : opts.port;
  const uiPort = opts.uiPort === false ? false : opts.uiPort === 0 ? await freePort(ip) : (opts.uiPort ?? port + 1000);
  for (const [what, p] of [['Temporal gRPC', port], ['Temporal Web UI', uiPort]] as const) {
    if (p !== false && (await isPortOpen(ip, p))) {
      throw new PortInUseError(p, what, `port ${p} (${what}) on ${ip} is in use by another program`);
    }
  }

  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--log-level', opts.logLevel ?? 'warn'];
  if (opts.dbFile) {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  if (uiPort === false) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  args.push(...searchAttributeFlags());

  let out: number | 'ignore' = 'ignore';
  if (opts.logFile) {
    mkdirSync(dirname(opts.logFile), { recursive: true });
    out = openSync(opts.logFile, 'a');
  }
  const child = spawn(opts.cliPath, args, { stdio: ['ignore', out, out], detached: false });
  if (typeof out === 'number') closeSync(out);
  const watchdog = child.pid !== undefined && opts.dieWithParent !== false ? startWatchdog(process.pid, child.pid) : undefined;
  const processes: DevServerProcesses = {
    pid: child.pid ?? -1,
    command: [opts.cliPath, ...args],
    port,
    uiPort,
    ...(watchdog ? { watchdog: { pid: watchdog.pid, command: watchdog.command } } : {}),
  };
  if (child.pid !== undefined) opts.onSpawned?.(processes);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      watchdog?.stop();
      resolve();
    });
  });

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  while (!(await isPortOpen(ip, port))) {
    if (exited) {
      watchdog?.stop();
      throw new EarlyExitError(
        `temporal server start-dev exited (code ${exited.code}, signal ${exited.signal}) before listening on ${ip}:${port}` +
          (opts.logFile ? `; see ${opts.logFile}` : ''),
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      watchdog?.stop();
      throw new Error(`temporal server start-dev did not listen on ${ip}:${port} within ${opts.startTimeoutMs ?? 60_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exitPromise;
    clearTimeout(timer);
  };
  const host = ip === '0.0.0.0' ? '127.0.0.1' : ip;
  return {
    address: `${host}:${port}`,
    uiUrl: uiPort === false ? undefined : `http://${host === '127.0.0.1' ? 'localhost' : host}:${uiPort}`,
    process: child,
    processes,
    stop,
  };
}
