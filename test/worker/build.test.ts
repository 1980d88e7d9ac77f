/**
 * `npm run build` (worker/build.ts): the build runs with node alone. A built CLI maps a real
 * order as the sources do, and the built worker finds the workflow sources beside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDist, PROJECT_ROOT } from '../../worker/build.js';

const ORDERS = join(PROJECT_ROOT, 'test/fixtures/amazon/connector/get-orders.peddler.json');

describe('the build (npm run build)', () => {
  // Inside the project, as a build must be to find its packages: under node_modules/.cache, apart from dist/.
  const cache = join(PROJECT_ROOT, 'node_modules', '.cache');
  let outDir = '';
  let files = 0;

  beforeAll(async () => {
    mkdirSync(cache, { recursive: true });
    outDir = mkdtempSync(join(cache, 'caravan-build-test-'));
    ({ files } = await buildDist({ outDir }));
  }, 60_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('transpiles every source module, tests left out', () => {
    expect(files).toBeGreaterThan(100);
    expect(existsSync(join(outDir, 'worker', 'main.js'))).toBe(true);
    expect(existsSync(join(outDir, 'workflows', 'index.js'))).toBe(true);
    expect(existsSync(join(outDir, 'test'))).toBe(false);
  });

  it('links the files read beside the code (the demo catalogue) to the sources, so an edit shows without a rebuild', () => {
    const linked = join(outDir, 'config', 'demo-catalogue', 'products.csv');
    expect(lstatSync(linked).isSymbolicLink()).toBe(true);
    expect(realpathSync(linked)).toBe(realpathSync(join(PROJECT_ROOT, 'config', 'demo-catalogue', 'products.csv')));
  });

  it('runs the CLI with node alone: caravan map gives the orders the sources give', () => {
    const built = JSON.parse(execFileSync(process.execPath, [join(outDir, 'cli', 'main.js'), 'map', 'amazon.order', ORDERS], { encoding: 'utf8' })) as { externalId: string }[];
    const source = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'cli', 'main.ts'), 'map', 'amazon.order', ORDERS], { encoding: 'utf8' })) as unknown[];
    expect(built.length).toBeGreaterThan(0);
    expect(built).toEqual(source);
  }, 60_000);

  it('a built worker bundles the workflow code found beside it', () => {
    const path = execFileSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(join(outDir, 'worker', 'bundle.js'))}).then((m) => console.log(m.WORKFLOWS_PATH))`], { encoding: 'utf8' }).trim();
    expect(path).toBe(join(outDir, 'workflows', 'index.js'));
  });

  it('refuses a folder outside the project, where its packages cannot be found', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'caravan-build-'));
    try {
      await expect(buildDist({ outDir: outside })).rejects.toThrow(/inside the project/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
