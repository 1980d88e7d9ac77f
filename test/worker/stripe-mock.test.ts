/** Finding stripe-mock like the Temporal CLI: CARAVAN_STRIPE_MOCK → PATH → cache → go install; a clear error otherwise. */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedBinaryPath } from '../../worker/go-binary.js';
import { resolveStripeMock, STRIPE_MOCK, StripeMockUnavailableError } from '../../worker/stripe-mock.js';

function fakeMock(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, 'stripe-mock');
  // stripe-mock -version prints its version and exits 0.
  writeFileSync(p, '#!/bin/sh\n[ "$1" = "-version" ] && echo "stripe-mock v0.197.0" && exit 0\nexit 2\n');
  chmodSync(p, 0o755);
  return p;
}

describe('resolveStripeMock', () => {
  const root = mkdtempSync(join(tmpdir(), 'caravan-stripe-mock-'));
  const emptyPath = { PATH: join(root, 'empty-bin') };

  it('uses CARAVAN_STRIPE_MOCK first, and refuses one that does not run', async () => {
    const p = fakeMock(join(root, 'explicit'));
    await expect(resolveStripeMock({ env: { ...emptyPath, CARAVAN_STRIPE_MOCK: p } })).resolves.toEqual({ path: p, source: 'explicit', version: 'stripe-mock v0.197.0' });
    await expect(resolveStripeMock({ env: { ...emptyPath, CARAVAN_STRIPE_MOCK: join(root, 'nope') } })).rejects.toThrow(/CARAVAN_STRIPE_MOCK points at .*nope, which is not a working stripe-mock binary/);
  });

  it('then stripe-mock on PATH, then the cache', async () => {
    const onPath = fakeMock(join(root, 'bin'));
    await expect(resolveStripeMock({ env: { PATH: join(root, 'bin') }, cacheDir: join(root, 'cache') })).resolves.toMatchObject({ path: onPath, source: 'path' });
    const cacheDir = join(root, 'cache2');
    const cached = fakeMock(join(cachedBinaryPath(STRIPE_MOCK, cacheDir), '..'));
    expect(cached).toBe(join(cacheDir, 'stripe-mock', 'v0.197.0', 'stripe-mock'));
    await expect(resolveStripeMock({ env: emptyPath, cacheDir, allowBuild: false })).resolves.toMatchObject({ path: cached, source: 'cache' });
  });

  it('says exactly what to install when nothing is available', async () => {
    const attempt = resolveStripeMock({ env: emptyPath, cacheDir: join(root, 'cache3'), allowBuild: false });
    await expect(attempt).rejects.toBeInstanceOf(StripeMockUnavailableError);
    await expect(resolveStripeMock({ env: emptyPath, cacheDir: join(root, 'cache3'), allowBuild: false })).rejects.toThrow(/go install github\.com\/stripe\/stripe-mock@v0\.197\.0[\s\S]*CARAVAN_STRIPE_MOCK/);
  });
});
