/** A dev server that quits before it listens is started once more; a second early exit is the error, naming the port and the log. */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevServer } from '../../worker/dev-server.js';

const dir = mkdtempSync(join(tmpdir(), 'caravan-dev-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startDevServer', () => {
  it('starts a server that quit before listening once more, then names the exit', async () => {
    const calls = join(dir, 'calls');
    const cli = join(dir, 'temporal');
    // A stand-in CLI that records each start and quits at once, as a server that cannot bind does.
    writeFileSync(cli, `#!/bin/sh\necho "$2" >> ${calls}\nexit 1\n`);
    chmodSync(cli, 0o755);
    const log = join(dir, 'temporal.log');
    await expect(startDevServer({ cliPath: cli, port: 0, uiPort: false, dieWithParent: false, logFile: log })).rejects.toThrow(
      new RegExp(`^temporal server start-dev exited \\(code 1, signal null\\) before listening on 127\\.0\\.0\\.1:\\d+; see ${log.replace(/[.]/g, '\\.')}$`),
    );
    expect(readFileSync(calls, 'utf8').split('\n').filter(Boolean)).toEqual(['start-dev', 'start-dev']);
  });
});
