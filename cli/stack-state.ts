/**
 * What a running demo started, recorded in the data folder (run/stack.json) so that the
 * next start can clean up after one that died without Ctrl-C (killed, out of memory,
 * terminal lost): the demo's own pid and command line, the dev server's pid, command
 * line and ports, and its watchdog's. A process is only ever stopped when its pid is
 * alive AND runs exactly the recorded command line, which names this data folder's
 * Temporal database: a recycled pid of a stranger never matches.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { commandLineOf, isProcessAlive, runsCommand, stopProcess, type DevServerProcesses } from '../worker/dev-server.js';
import { StartupError } from './output.js';

const ProcessRecord = z.object({ pid: z.number().int().positive(), command: z.array(z.string()).min(1) });

const StackStateSchema = z.object({
  /** The data folder the record was written for: a copied folder's record is not ours. */
  dataDir: z.string(),
  owner: ProcessRecord,
  startedAt: z.string(),
  sandboxPort: z.number().int(),
  devServer: ProcessRecord.extend({
    port: z.number().int(),
    uiPort: z.union([z.number().int(), z.literal(false)]),
    dbFile: z.string().optional(),
    watchdog: ProcessRecord.optional(),
  }).optional(),
});
export type StackState = z.infer<typeof StackStateSchema>;

export function stackStateFile(dataDir: string): string {
  return join(dataDir, 'run', 'stack.json');
}

/** The demo's persistent Temporal state; the dev server's command line names it. */
export function demoTemporalDbFile(dataDir: string): string {
  return join(resolve(dataDir), 'temporal', 'temporal.db');
}

export function readStackState(dataDir: string): StackState | undefined {
  let text: string;
  try {
    text = readFileSync(stackStateFile(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = StackStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // a torn write: nothing we can trust in it
  }
}

function writeStackState(dataDir: string, state: StackState): void {
  const file = stackStateFile(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${file}.tmp`, file);
}

/** The record of this process's stack: created at start, completed as parts start, removed on a clean stop. */
export function recordStack(dataDir: string, sandboxPort: number) {
  const state: StackState = {
    dataDir: resolve(dataDir),
    owner: { pid: process.pid, command: commandLineOf(process.pid) ?? [process.execPath, ...process.argv.slice(1)] },
    startedAt: new Date().toISOString(),
    sandboxPort,
  };
  writeStackState(dataDir, state);
  return {
    devServerSpawned(p: DevServerProcesses, dbFile: string | undefined) {
      state.devServer = {
        pid: p.pid,
        command: p.command,
        port: p.port,
        uiPort: p.uiPort,
        ...(dbFile ? { dbFile } : {}),
        ...(p.watchdog ? { watchdog: p.watchdog } : {}),
      };
      writeStackState(dataDir, state);
    },
    /** After a clean stop; leaves a newer demo's record alone. */
    remove() {
      if (readStackState(dataDir)?.owner.pid === process.pid) rmSync(stackStateFile(dataDir), { force: true });
    },
  };
}

/**
 * Before a start: refuses when another live demo owns the data folder, and stops the dev
 * server (and its watchdog) that a crashed demo left behind. The orphan is replaced, not
 * reused: its state is in the database file, so nothing is lost, and a fresh server has
 * the ports, log file and watchdog of this start.
 */
export async function recoverCrashedStack(dataDir: string, say: (line: string) => void): Promise<void> {
  const state = readStackState(dataDir);
  if (!state || state.dataDir !== resolve(dataDir)) {
    rmSync(stackStateFile(dataDir), { force: true });
    return;
  }
  const { owner, devServer } = state;
  if (owner.pid !== process.pid && isProcessAlive(owner.pid) && runsCommand(owner.pid, owner.command)) {
    throw new StartupError(
      `another Caravan demo (pid ${owner.pid}) is running on the data folder ${dataDir}: ` +
        `stop it first (Ctrl-C in its terminal, or kill ${owner.pid}), or give this one another CARAVAN_DATA_DIR`,
    );
  }
  const ours = devServer?.command.includes(demoTemporalDbFile(dataDir));
  if (devServer && ours && isProcessAlive(devServer.pid) && runsCommand(devServer.pid, devServer.command)) {
    say(
      `found the Temporal dev server (pid ${devServer.pid}, port ${devServer.port}) of an earlier demo that did not stop ` +
        'cleanly; stopping it (its state is kept)',
    );
    await stopProcess(devServer.pid);
  }
  const dog = devServer?.watchdog;
  if (dog && isProcessAlive(dog.pid) && runsCommand(dog.pid, dog.command)) await stopProcess(dog.pid, 2000);
  rmSync(stackStateFile(dataDir), { force: true });
}
