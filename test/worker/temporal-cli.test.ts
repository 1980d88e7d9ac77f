/** Finding the Temporal CLI: explicit path → PATH → cache → go install; a clear error otherwise. */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedCliPath, resolveTemporalCli, TemporalCliUnavailableError } from '../../worker/temporal-cli.js';

function fakeCli(dir: string, version = 'temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)'): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, 'temporal');
  writeFileSync(p, `#!/bin/sh\necho "${version}"\n`);
  chmodSync(p, 0o755);
  return p;
}

describe('resolveTemporalCli', () => {
  const root = mkdtempSync(join(tmpdir(), 'caravan-cli-'));
  const emptyPath = { PATH: join(root, 'empty-bin') };

  it('uses an explicit path first, and refuses a broken one', async () => {
    const p = fakeCli(join(root, 'explicit'));
    await expect(resolveTemporalCli({ explicitPath: p, env: emptyPath })).resolves.toMatchObject({ path: p, source: 'explicit' });
    await expect(resolveTemporalCli({ env: { ...emptyPath, CARAVAN_TEMPORAL_CLI: join(root, 'nope') } })).rejects.toThrow(
      /CARAVAN_TEMPORAL_CLI points at .*nope, which is not a working Temporal CLI/,
    );
  });

  it('then `temporal` on PATH, then the cache', async () => {
    const onPath = fakeCli(join(root, 'bin'));
    await expect(resolveTemporalCli({ env: { PATH: join(root, 'bin') }, cacheDir: join(root, 'cache') })).resolves.toMatchObject({
      path: onPath,
      source: 'path',
    });
    const cacheDir = join(root, 'cache2');
    const cached = fakeCli(join(cachedCliPath(cacheDir), '..'));
    await expect(resolveTemporalCli({ env: emptyPath, cacheDir, allowBuild: false })).resolves.toMatchObject({ path: cached, source: 'cache' });
  });

  it('says exactly what to install when nothing is available', async () => {
    const attempt = resolveTemporalCli({ env: emptyPath, cacheDir: join(root, 'cache3'), allowBuild: false });
    await expect(attempt).rejects.toBeInstanceOf(TemporalCliUnavailableError);
    await expect(resolveTemporalCli({ env: emptyPath, cacheDir: join(root, 'cache3'), allowBuild: false })).rejects.toThrow(
      /go install github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1[\s\S]*CARAVAN_TEMPORAL_CLI[\s\S]*TEMPORAL_ADDRESS/,
    );
  });
});
