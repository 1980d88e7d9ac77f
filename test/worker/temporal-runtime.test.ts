/**
 * An installed Temporal runtime keeps the process alive (and takes SIGINT/SIGTERM over):
 * released, it lets a process whose worker never ran exit by itself.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Runs `code` in a fresh Node process; 'hung' when it is still alive after `limitMs` (without the release it is). */
function runNode(code: string, limitMs = 20_000): Promise<number | 'hung'> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, stdio: 'ignore' });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('hung');
    }, limitMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

const install = `
  import { installTemporalRuntime, releaseTemporalRuntime } from './worker/temporal-runtime.ts';
  installTemporalRuntime(undefined);
`;

describe('Temporal runtime', () => {
  it('lets the process exit once released', async () => {
    expect(await runNode(`${install}\nawait releaseTemporalRuntime();`)).toBe(0);
  });
});
