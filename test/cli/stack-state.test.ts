/**
 * The demo's record of what it started, and the clean-up before the next start, on real
 * processes: only a live process running exactly the recorded command line is stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoTemporalDbFile, readStackState, recordStack, recoverCrashedStack, stackStateFile, type StackState } from '../../cli/stack-state.js';
import { StartupError } from '../../cli/output.js';
import { commandLineOf, isProcessAlive, startWatchdog } from '../../worker/dev-server.js';

const linux = process.platform === 'linux';

describe.skipIf(!linux)('demo stack record', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'caravan-state-'));
  });
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** A long-running process standing in for a dev server: its command line names `file`. */
  const standIn = (file: string) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '', { flag: 'a' });
    const c = spawn('tail', ['-f', file], { stdio: 'ignore' });
    children.push(c);
    return c;
  };
  const sleeper = (seconds: string) => {
    const c = spawn('sleep', [seconds], { stdio: 'ignore' });
    children.push(c);
    return c;
  };
  const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
  const write = (state: StackState) => {
    mkdirSync(dirname(stackStateFile(dir)), { recursive: true });
    writeFileSync(stackStateFile(dir), JSON.stringify(state));
  };
  const deadOwner = { pid: 2 ** 22 + 1, command: ['node', 'cli/main.ts', 'demo'] };

  it('records this process and the dev server as they start, and removes the record on a clean stop', () => {
    const record = recordStack(dir, 8700);
    expect(readStackState(dir)).toEqual({
      dataDir: dir,
      owner: { pid: process.pid, command: commandLineOf(process.pid) },
      startedAt: expect.any(String),
      sandboxPort: 8700,
    });
    record.devServerSpawned({ pid: 4242, command: ['temporal', 'server', 'start-dev'], port: 7233, uiPort: false }, '/data/temporal.db');
    expect(readStackState(dir)?.devServer).toEqual({
      pid: 4242, command: ['temporal', 'server', 'start-dev'], port: 7233, uiPort: false, dbFile: '/data/temporal.db',
    });
    record.remove();
    expect(existsSync(stackStateFile(dir))).toBe(false);
  });

  it('stops the dev server a dead demo left running, and says so', async () => {
    const db = demoTemporalDbFile(dir);
    const orphan = standIn(db);
    const lines: string[] = [];
    write({ dataDir: dir, owner: deadOwner, startedAt: '', sandboxPort: 8700, devServer: { pid: orphan.pid!, command: ['tail', '-f', db], port: 7233, uiPort: 8233 } });
    await recoverCrashedStack(dir, (l) => lines.push(l));
    await exited(orphan);
    expect(orphan.signalCode).toBe('SIGTERM');
    expect(lines).toEqual([
      `found the Temporal dev server (pid ${orphan.pid}, port 7233) of an earlier demo that did not stop cleanly; stopping it (its state is kept)`,
    ]);
    expect(existsSync(stackStateFile(dir))).toBe(false);
  });

  it('leaves a process alone whose command line is not the recorded one (a recycled pid)', async () => {
    const stranger = standIn(join(dir, 'other.db'));
    const lines: string[] = [];
    write({ dataDir: dir, owner: deadOwner, startedAt: '', sandboxPort: 8700, devServer: { pid: stranger.pid!, command: ['tail', '-f', demoTemporalDbFile(dir)], port: 7233, uiPort: 8233 } });
    await recoverCrashedStack(dir, (l) => lines.push(l));
    expect(isProcessAlive(stranger.pid!)).toBe(true);
    expect(lines).toEqual([]);
    expect(existsSync(stackStateFile(dir))).toBe(false);
  });

  it('refuses to start while the demo that owns the data folder is alive', async () => {
    const owner = sleeper('298');
    write({ dataDir: dir, owner: { pid: owner.pid!, command: ['sleep', '298'] }, startedAt: '', sandboxPort: 8700 });
    const failure = await recoverCrashedStack(dir, () => {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toBe(
      `another Caravan demo (pid ${owner.pid}) is running on the data folder ${dir}: stop it first (Ctrl-C in its terminal, ` +
        `or kill ${owner.pid}), or give this one another CARAVAN_DATA_DIR`,
    );
    expect(isProcessAlive(owner.pid!)).toBe(true);
    expect(existsSync(stackStateFile(dir))).toBe(true);
  });

  it('leaves the server of another data folder alone, even when the record was copied from there', async () => {
    const elsewhere = join(dir, 'original');
    const db = demoTemporalDbFile(elsewhere);
    const server = standIn(db);
    const record = { owner: deadOwner, startedAt: '', sandboxPort: 8700, devServer: { pid: server.pid!, command: ['tail', '-f', db], port: 7233, uiPort: 8233 } };
    write({ dataDir: elsewhere, ...record });
    await recoverCrashedStack(dir, () => {});
    write({ dataDir: dir, ...record });
    await recoverCrashedStack(dir, () => {});
    expect(isProcessAlive(server.pid!)).toBe(true);
    expect(existsSync(stackStateFile(dir))).toBe(false);
  });

  it('ignores a record it cannot read', async () => {
    mkdirSync(dirname(stackStateFile(dir)), { recursive: true });
    writeFileSync(stackStateFile(dir), '{"owner": {"pid": ');
    expect(readStackState(dir)).toBeUndefined();
    await recoverCrashedStack(dir, () => {});
  });
});

describe.skipIf(!linux)('dev-server watchdog', () => {
  it('stops the child once the parent is gone, and then exits', async () => {
    const parent = spawn('sleep', ['300'], { stdio: 'ignore' });
    const child = spawn('sleep', ['301'], { stdio: 'ignore' });
    const dog = startWatchdog(parent.pid!, child.pid!)!;
    expect(commandLineOf(dog.pid)?.slice(-3)).toEqual(['caravan-watchdog', String(parent.pid), String(child.pid)]);
    const childExit = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    parent.kill('SIGKILL');
    expect(await childExit).toBe('SIGTERM');
    for (let i = 0; i < 50 && isProcessAlive(dog.pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isProcessAlive(dog.pid)).toBe(false);
  });

  it('exits by itself when the child ends first, leaving the parent alone', async () => {
    const parent = spawn('sleep', ['300'], { stdio: 'ignore' });
    const child = spawn('sleep', ['301'], { stdio: 'ignore' });
    const dog = startWatchdog(parent.pid!, child.pid!)!;
    child.kill('SIGKILL');
    for (let i = 0; i < 50 && isProcessAlive(dog.pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isProcessAlive(dog.pid)).toBe(false);
    expect(isProcessAlive(parent.pid!)).toBe(true);
    parent.kill('SIGKILL');
  });
});
