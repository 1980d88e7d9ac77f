/**
 * A process that started stripe-mock and is then killed outright (SIGKILL: no exit hooks run)
 * must not leave stripe-mock running: the watchdog startStripeMock starts beside it stops the
 * mock once its parent is gone. A demo killed this way used to leave its mock behind.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findGo } from '../../worker/go-binary.js';
import { resolveStripeMock } from '../../worker/stripe-mock.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const binary = await resolveStripeMock({ allowBuild: findGo() !== undefined, log: (l) => console.error(l) }).then(
  (r) => r.path,
  (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
);
if (binary instanceof Error && process.env.CARAVAN_REQUIRE_STRIPE_MOCK === '1') {
  throw new Error(`stripe-mock is required (CARAVAN_REQUIRE_STRIPE_MOCK=1) but unavailable: ${binary.message}`);
}

const PARENT = `
import { startStripeMock } from './worker/stripe-mock.ts';
const mock = await startStripeMock(process.argv[1]);
process.stdout.write(JSON.stringify({ pid: mock.pid }) + '\\n');
setInterval(() => {}, 1000);
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(test: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return test();
}

describe.skipIf(binary instanceof Error)('stripe-mock watchdog', () => {
  it('stops stripe-mock once the process that started it is killed with SIGKILL', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT, binary as string], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let mockPid: number | undefined;
    try {
      mockPid = await new Promise<number>((resolve, reject) => {
        let out = '';
        parent.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve((JSON.parse(line) as { pid: number }).pid);
        });
        parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before stripe-mock listened`)));
      });
      expect(alive(mockPid)).toBe(true);
      parent.kill('SIGKILL');
      // The watchdog polls once a second, then sends SIGTERM.
      expect(await waitUntil(() => !alive(mockPid!), 15_000)).toBe(true);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
      if (mockPid !== undefined && alive(mockPid)) process.kill(mockPid, 'SIGKILL');
    }
  }, 60_000);
});
