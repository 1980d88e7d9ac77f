/**
 * bin/caravan.mjs, the launcher of bin/caravan: it runs the CLI from a build of the sources,
 * builds one when there is none or a source changed since, and never shows a launch half a
 * build when several start at once.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../worker/build.js';

const run = promisify(execFile);
const LAUNCHER = join(PROJECT_ROOT, 'bin', 'caravan.mjs');
const ORDERS = join(PROJECT_ROOT, 'test/fixtures/amazon/connector/get-orders.peddler.json');

describe('bin/caravan.mjs', () => {
  let builds = '';
  const env = () => ({ ...process.env, CARAVAN_BUILD_DIR: builds, CARAVAN_FROM_SOURCE: '' });
  const launch = (...args: string[]) => run(process.execPath, [LAUNCHER, ...args], { env: env(), cwd: PROJECT_ROOT });
  const current = () => readFileSync(join(builds, 'current'), 'utf8').trim();
  let fromSources: unknown;

  beforeAll(async () => {
    const cache = join(PROJECT_ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    builds = mkdtempSync(join(cache, 'caravan-launcher-test-'));
    fromSources = JSON.parse((await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'cli', 'main.ts'), 'map', 'amazon.order', ORDERS], { cwd: PROJECT_ROOT })).stdout);
  }, 60_000);

  afterAll(() => {
    if (builds) rmSync(builds, { recursive: true, force: true });
  });

  it('builds on its first run, then runs that build: the same orders as the sources map', async () => {
    const first = await launch('map', 'amazon.order', ORDERS);
    const built = current();
    expect(JSON.parse(first.stdout)).toEqual(fromSources);
    const second = await launch('map', 'amazon.order', ORDERS);
    expect(JSON.parse(second.stdout)).toEqual(fromSources);
    expect(current()).toBe(built);
  }, 60_000);

  it('builds again once a source it was made from has changed', async () => {
    const before = current();
    const infoFile = join(builds, before, 'build-info.json');
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { files: [string, number, number][] };
    // As if cli/main.ts had been saved since: its recorded time no longer matches the file's.
    const entry = info.files.find(([path]) => path === join('cli', 'main.ts'))!;
    entry[2] -= 1000;
    writeFileSync(infoFile, JSON.stringify(info));
    const out = await launch('map', 'amazon.order', ORDERS);
    expect(JSON.parse(out.stdout)).toEqual(fromSources);
    expect(current()).not.toBe(before);
  }, 60_000);

  it('launches started together all run, whichever build they find', async () => {
    rmSync(join(builds, 'current'), { force: true });
    const outs = await Promise.all([1, 2, 3].map(() => launch('map', 'amazon.order', ORDERS)));
    for (const out of outs) expect(JSON.parse(out.stdout)).toEqual(fromSources);
  }, 90_000);

  it('keeps the CLI’s exit codes and one-line failures', async () => {
    const failed = await launch('map', 'amazon.order', join(PROJECT_ROOT, 'no-such-file.json')).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed?.stderr).toMatch(/^caravan: cannot read/);
  }, 60_000);
});
