/**
 * One Temporal dev server (in memory, headless, free port) and one workflow bundle for
 * the whole integration run.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleWorkflows } from '../../worker/bundle.js';
import { startDevServer, type DevServer } from '../../worker/dev-server.js';
import { resolveTemporalCli } from '../../worker/temporal-cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

let server: DevServer | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'caravan-it-'));
  const cli = await resolveTemporalCli({ log: (l) => console.log(`[temporal-cli] ${l}`) });
  const [dev, bundle] = await Promise.all([
    startDevServer({ cliPath: cli.path, port: 0, uiPort: false, logFile: join(dir, 'temporal.log') }),
    bundleWorkflows({ quiet: true }),
  ]);
  server = dev;
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('temporalAddress', dev.address);
  project.provide('workflowBundlePath', bundlePath);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
