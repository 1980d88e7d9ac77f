/**
 * The harness of the `caravan map` CLI tests: runs the command in-process with its console
 * captured, and writes scratch files (text, bytes, or JSON of a value) to a temporary folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../cli/main.js';

export interface CliRun {
  code: number;
  stderr: string;
  stdout: string;
}

/** `caravan map ARGS…`: exit code, stderr lines and stdout (console.log and direct writes). */
export async function caravanMap(...args: string[]): Promise<CliRun> {
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(['map', ...args]);
    return { code, stderr: err.mock.calls.flat().join('\n'), stdout: [...log.mock.calls.flat(), ...out.mock.calls.map((c) => String(c[0]))].join('\n') };
  } finally {
    err.mockRestore();
    log.mockRestore();
    out.mockRestore();
    process.exitCode = undefined;
  }
}

/** A writer of scratch files in a fresh temporary folder: strings and bytes as they are, anything else as JSON. */
export function scratchFiles(prefix: string): (name: string, value: unknown) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return (name, value) => {
    const p = join(dir, name);
    writeFileSync(p, typeof value === 'string' || value instanceof Uint8Array ? value : JSON.stringify(value));
    return p;
  };
}
