/**
 * Starts and stops the Temporal CLI dev server (`temporal server start-dev`): the
 * embedded default. Production points TEMPORAL_ADDRESS at a real cluster instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
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
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
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

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  const port = opts.port === 0 || opts.port === undefined ? await freePort(ip) : opts.port;
  const uiPort = opts.uiPort === false ? false : opts.uiPort === 0 ? await freePort(ip) : (opts.uiPort ?? port + 1000);
  for (const [what, p] of [['gRPC', port], ['Web UI', uiPort]] as const) {
    if (p !== false && (await isPortOpen(ip, p))) {
      throw new PortInUseError(
        `port ${p} (Temporal ${what}) is already in use on ${ip}. If a Temporal server is already running there, ` +
          `use it with TEMPORAL_ADDRESS=${ip}:${port}; otherwise free the port or choose others with ` +
          'CARAVAN_TEMPORAL_PORT / CARAVAN_TEMPORAL_UI_PORT.',
      );
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

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  while (!(await isPortOpen(ip, port))) {
    if (exited) {
      throw new Error(
        `temporal server start-dev exited (code ${exited.code}, signal ${exited.signal}) before listening on ${ip}:${port}` +
          (opts.logFile ? `; see ${opts.logFile}` : ''),
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
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
    stop,
  };
}
