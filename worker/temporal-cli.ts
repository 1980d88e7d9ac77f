/**
 * Finds (or builds once) the Temporal CLI that provides the embedded dev server
 * (worker/go-binary.ts: explicit path or CARAVAN_TEMPORAL_CLI → `temporal` on PATH → a cached
 * build → `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into that cache).
 * v1.5.1 is pinned: later tags carry a `replace` directive that `go install` refuses, and
 * v1.5.1 embeds server 1.29 and the Web UI without CGO.
 */
import { cachedBinaryPath, resolveGoBinary, type GoBinarySpec, type ResolveGoBinaryOptions, type ResolvedGoBinary } from './go-binary.js';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export class TemporalCliUnavailableError extends Error {
  override readonly name = 'TemporalCliUnavailableError';
}

export type ResolveTemporalCliOptions = ResolveGoBinaryOptions;
export type ResolvedTemporalCli = ResolvedGoBinary;

const INSTALL_HINT = [
  'Caravan needs the Temporal CLI for its embedded dev server. Any one of these works:',
  `  • install Go 1.23 or later (https://go.dev/dl, or \`apt-get install golang\`), and Caravan builds it once with`,
  `      go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`,
  '  • install the Temporal CLI yourself and put `temporal` on PATH, or set CARAVAN_TEMPORAL_CLI=/path/to/temporal',
  '  • skip the embedded server: point TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE, TLS or TEMPORAL_API_KEY) at a running cluster or Temporal Cloud',
].join('\n');

export const TEMPORAL_CLI: GoBinarySpec = {
  label: 'Temporal CLI',
  binary: 'temporal',
  module: TEMPORAL_CLI_MODULE,
  version: TEMPORAL_CLI_VERSION,
  envVar: 'CARAVAN_TEMPORAL_CLI',
  cacheFolder: 'temporal-cli',
  probeArgs: ['--version'],
  installHint: INSTALL_HINT,
  buildTime: 'about 5–10 minutes on 2 cores',
  unavailable: (message) => new TemporalCliUnavailableError(message),
};

export function cachedCliPath(cacheDir: string): string {
  return cachedBinaryPath(TEMPORAL_CLI, cacheDir);
}

export function resolveTemporalCli(opts: ResolveTemporalCliOptions = {}): Promise<ResolvedTemporalCli> {
  return resolveGoBinary(TEMPORAL_CLI, opts);
}
