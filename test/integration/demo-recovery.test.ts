/**
 * `npm start` (caravan demo) as a user meets it, run as a real child process on the real
 * Temporal CLI with a data folder and ports of its own: killed without Ctrl-C, it leaves
 * nothing that blocks the next start; a port held by another program, or any other
 * start-up failure, ends the process at once with one line and no stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { readStackState, stackStateFile, type StackState } from '../../cli/stack-state.js';
import { createDocumentStore } from '../../store/document-store.js';
import { closeDatabase, countOrders, listDeadLetters, listTenantShipments, openDatabase } from '../../store/index.js';
import { isProcessAlive, runsCommand } from '../../worker/dev-server.js';
import { freeStablePort } from '../support/ports.js';
import { eventually } from './harness.js';

const ROOT = join(import.meta.dirname, '../..');

interface DemoRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching `re`; fails when the demo exits first. */
  waitFor(re: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];

function startDemo(env: NodeJS.ProcessEnv, args: string[] = []): DemoRun {
  // node --import tsx, not bin/caravan: the demo is then this one process, as the kernel's
  // OOM killer or a `kill -9` would find it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'demo', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.re.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    out += c;
    check();
  });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => void (err += c));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`demo exited (${code}) before printing ${w.re}:\n${out}\n${err}`));
      resolve(code);
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (re) =>
      new Promise<string>((resolve, reject) => {
        waiters.push({ re, resolve, reject });
        check();
      }),
  };
}

/** Waits for the exit, killing the demo if it hangs (so a hang fails here, not at the test timeout). */
async function exitCode(run: DemoRun, limitMs = 90_000): Promise<number | null> {
  const timer = setTimeout(() => run.child.kill('SIGKILL'), limitMs);
  const code = await run.exited;
  clearTimeout(timer);
  if (run.child.signalCode === 'SIGKILL') throw new Error(`demo did not exit within ${limitMs} ms:\n${run.stdout()}\n${run.stderr()}`);
  return code;
}

/** Processes whose command line names `dir` (the dev server names its database file). */
function processesMentioning(dir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Waits until none of these processes runs (a process ends a moment after its signal). */
async function gone(pids: number[]): Promise<void> {
  await eventually(async () => pids.every((p) => !isProcessAlive(p)), 30_000).catch(() => {
    throw new Error(`still running: ${pids.filter(isProcessAlive).map((p) => `${p} ${readFileSync(`/proc/${p}/cmdline`, 'utf8')}`).join('; ')}`);
  });
}

function recordedPids(state: StackState): number[] {
  return [state.owner.pid, state.devServer?.pid, state.devServer?.watchdog?.pid].filter((p): p is number => p !== undefined);
}

describe.skipIf(process.platform !== 'linux')('a crashed demo recovers', () => {
  let root: string;
  /** This test's data folder (each test starts from an empty one). */
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let ports: { grpc: number; ui: number; sandbox: number; aliexpress: number; alibaba: number; dhl: number; fedex: number };
  const held: Server[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'caravan-demo-'));
    // Held for the whole file and restarted across tests: ports no other test's listen(0) can take meanwhile.
    ports = { grpc: await freeStablePort(), ui: await freeStablePort(), sandbox: await freeStablePort(), aliexpress: await freeStablePort(), alibaba: await freeStablePort(), dhl: await freeStablePort(), fedex: await freeStablePort() };
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('CARAVAN_') && !k.startsWith('TEMPORAL_')),
    );
    env = {
      ...base,
      CARAVAN_CONFIG: join(ROOT, 'config', 'caravan.demo.yaml'),
      CARAVAN_TEMPORAL_PORT: String(ports.grpc),
      CARAVAN_TEMPORAL_UI_PORT: String(ports.ui),
      CARAVAN_SANDBOX_PORT: String(ports.sandbox),
      CARAVAN_SANDBOX_ALIEXPRESS_PORT: String(ports.aliexpress),
      CARAVAN_SANDBOX_ALIBABA_PORT: String(ports.alibaba),
      CARAVAN_SANDBOX_DHL_PORT: String(ports.dhl),
      CARAVAN_SANDBOX_FEDEX_PORT: String(ports.fedex),
      CARAVAN_SANDBOX_PAYPAL_PORT: String(await freeStablePort()),
      CARAVAN_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      ...(process.env.CARAVAN_CACHE_DIR ? { CARAVAN_CACHE_DIR: process.env.CARAVAN_CACHE_DIR } : {}),
      ...(process.env.CARAVAN_TEMPORAL_CLI ? { CARAVAN_TEMPORAL_CLI: process.env.CARAVAN_TEMPORAL_CLI } : {}),
    };
  });
  beforeEach(() => {
    dir = mkdtempSync(join(root, 'data-'));
    env.CARAVAN_DATA_DIR = dir;
  });
  afterEach(async () => {
    for (const s of held.splice(0)) await new Promise((r) => s.close(r));
  });
  afterAll(() => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const pid of processesMentioning(root)) process.kill(pid, 'SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  const hold = async (port: number) => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    held.push(server);
  };

  it('a port held by another program ends the start at once, with one line naming the port and its variable', async () => {
    await hold(ports.grpc);
    const run = startDemo(env);
    expect(await exitCode(run)).toBe(1);
    expect(run.stderr()).toBe(
      `caravan: port ${ports.grpc} (Temporal gRPC) on 127.0.0.1 is in use by another program: stop that program, ` +
        `or choose another port with CARAVAN_TEMPORAL_PORT (e.g. CARAVAN_TEMPORAL_PORT=${ports.grpc + 10} npm start); ` +
        `to use a Temporal server that listens there, set TEMPORAL_ADDRESS=127.0.0.1:${ports.grpc}\n`,
    );
    expect(run.stdout()).not.toContain('Temporal dev server:');
    expect(existsSync(stackStateFile(dir))).toBe(false);
  });

  it('names the sandbox port and CARAVAN_SANDBOX_PORT when that one is taken', async () => {
    await hold(ports.sandbox);
    const run = startDemo(env);
    expect(await exitCode(run)).toBe(1);
    const lines = run.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^caravan: port ${ports.sandbox} \\(sandbox Amazon SP-API\\) on 127\\.0\\.0\\.1 is in use .* with CARAVAN_SANDBOX_PORT `));
  });

  it('a failure after Temporal started stops it and exits at once, without a stack trace', async () => {
    const badConfig = join(dir, 'bad.config.yaml');
    writeFileSync(badConfig, 'tenants:\n  demo:\n    connections:\n      shop: { vendor: nosuchvendor }\n');
    const run = startDemo({ ...env, CARAVAN_CONFIG: badConfig });
    await run.waitFor(/Temporal dev server: /);
    const state = readStackState(dir)!;
    expect(state.devServer?.pid).toBeGreaterThan(0);
    expect(await exitCode(run)).toBe(2);
    expect(run.stderr().startsWith(`caravan: invalid config file ${badConfig}:\n  tenants.demo.connections.shop`)).toBe(true);
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    // Stopped, not orphaned: the dev server, its watchdog, and the record of them.
    await gone(recordedPids(state));
    expect(processesMentioning(dir)).toEqual([]);
    expect(existsSync(stackStateFile(dir))).toBe(false);
  });

  it('a demo killed alone takes its dev server along (the watchdog)', async () => {
    const run = startDemo(env);
    await run.waitFor(/worker: polling/);
    const state = readStackState(dir)!;
    const server = state.devServer!;
    expect(state.owner.pid).toBe(run.child.pid);
    expect(runsCommand(server.pid, server.command)).toBe(true);
    run.child.kill('SIGKILL');
    await run.exited;
    await gone([server.pid, server.watchdog!.pid]);
    expect(processesMentioning(dir)).toEqual([]);
  });

  it('a demo killed mid-import with its watchdog leaves an orphan the next start stops; the import resumes and loses nothing', async () => {
    // Slow buckets, so the kill lands while amazon-eu is still importing.
    const first = startDemo({ ...env, CARAVAN_SANDBOX_TIME_SCALE: '5' });
    await first.waitFor(/progress: amazon-eu importing page \d+, [1-9]\d* in hub/);

    // A second start on the same data folder while the first runs is refused, and changes nothing.
    const second = startDemo(env);
    expect(await exitCode(second)).toBe(1);
    expect(second.stderr()).toBe(
      `caravan: another Caravan demo (pid ${first.child.pid}) is running on the data folder ${dir}: stop it first ` +
        `(Ctrl-C in its terminal, or kill ${first.child.pid}), or give this one another CARAVAN_DATA_DIR\n`,
    );

    const state = readStackState(dir)!;
    const orphan = state.devServer!;
    process.kill(orphan.watchdog!.pid, 'SIGKILL');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(runsCommand(orphan.pid, orphan.command)).toBe(true);

    const third = startDemo(env, ['--exit-when-done']);
    await third.waitFor(/worker: polling/);
    const thirdState = readStackState(dir)!;
    expect(thirdState.owner.pid).toBe(third.child.pid);
    expect(await exitCode(third, 240_000)).toBe(0);
    const out = third.stdout();
    expect(out).toContain(
      `found the Temporal dev server (pid ${orphan.pid}, port ${ports.grpc}) of an earlier demo that did not stop cleanly; stopping it (its state is kept)`,
    );
    await gone([orphan.pid]);
    // The interrupted run went on where it was, in the kept Temporal state.
    expect(out).toContain('attached to running orders-sync/demo/amazon-eu');
    const db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    try {
      // Amazon's three regions: every good order of the sandbox; the open platforms' beside them.
      const amazon = await Promise.all(['amazon-eu', 'amazon-na', 'amazon-fe'].map((channel) => countOrders(db, { tenant: 'demo', channel })));
      expect(amazon.reduce((a, b) => a + b, 0)).toBe(237);
      expect(await countOrders(db, { tenant: 'demo', channel: 'aliexpress' })).toBe(40);
      const total = await countOrders(db, { tenant: 'demo' });
      expect(out).toContain(`orders in the hub for "demo": ${total}`);
      expect((await listDeadLetters(db, { tenant: 'demo', limit: 10 })).map((d) => d.externalId).sort()).toEqual([
        '205-9914302-5568271',
        '306-5529174-0081463',
        '407-3382046-1175529',
      ]);
      // Orders left with labels: a DAP and a DDP one through each carrier, confirmed, their labels in the document store.
      const shipments = await listTenantShipments(db, 'demo');
      expect(shipments.map((s) => `${s.connection} ${s.incoterm}`).sort()).toEqual(['dhl-express DAP', 'dhl-express DDP', 'fedex DAP', 'fedex DDP']);
      const documents = createDocumentStore(join(dir, 'documents'));
      for (const s of shipments) {
        expect(s.state).toBe('confirmed');
        const label = s.documents.find((d) => d.type === 'label')!;
        expect(readFileSync(await documents.pathOf(label)).subarray(0, 5).toString()).toBe('%PDF-');
        expect(out).toContain(`${s.connection} ${s.incoterm} ${s.channel} order ${s.orderId}`);
        expect(out).toContain(`tracking ${s.trackingNumber}`);
      }
      expect(out).toMatch(/4 order\(s\): 4 shipped now, 0 shipped before, 0 failed/);
    } finally {
      await closeDatabase(db);
    }
    expect(out).toContain('stopped.');
    expect(third.stderr()).toBe('');

    // A clean stop leaves nothing: no process of this data folder, no record.
    await gone(recordedPids(thirdState));
    expect(processesMentioning(dir)).toEqual([]);
    expect(existsSync(stackStateFile(dir))).toBe(false);
  });
});
