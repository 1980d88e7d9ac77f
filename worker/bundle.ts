/**
 * Bundles the workflow code once (webpack via the Temporal SDK). Sources are ESM
 * TypeScript whose relative imports end in `.js`, so `.js` resolves to `.ts` first.
 */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

// Beside the sources, or beside the build of them (npm run build: dist/workflows/index.js).
export const WORKFLOWS_PATH = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../workflows/index.ts' : '../workflows/index.js', import.meta.url));

/** `workflowsPath`: another entry than workflows/index.ts (tests bundling a workflow of their own beside the hub's). */
export async function bundleWorkflows(opts: { quiet?: boolean; workflowsPath?: string } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: opts.workflowsPath ?? WORKFLOWS_PATH,
    webpackConfigHook: (config) => {
      config.resolve = { ...config.resolve, extensionAlias: { '.js': ['.ts', '.js'] } };
      return config;
    },
    ...(opts.quiet ? { logger: quietLogger } : {}),
  });
}

const noop = () => {};
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: console.error };
