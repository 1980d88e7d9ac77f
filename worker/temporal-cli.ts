/**
 * Finds (or builds once) the Temporal CLI that provides the embedded dev server.
 *
 * Order: an explicit path (config or CARAVAN_TEMPORAL_CLI) → `temporal` on PATH → a
 * cached build → `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into that
 * cache. v1.5.1 is pinned: later tags carry a `replace` directive that `go install`
 * refuses, and v1.5.1 embeds server 1.29 and the Web UI without CGO.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export class TemporalCliUnavailableError extends Error {
  override readonly name = 'TemporalCliUnavailableError';
}

export interface ResolveTemporalCliOptions {
  /** From config or CARAVAN_TEMPORAL_CLI; when set it must work, nothing else is tried. */
  explicitPath?: string | undefined;
  /** Defaults to $CARAVAN_CACHE_DIR, else $XDG_CACHE_HOME/caravan, else ~/.cache/caravan. */
  cacheDir?: string | undefined;
  /** Allow a `go install` when nothing is found (default true). */
  allowBuild?: boolean;
  /** Progress lines for the user (the build takes minutes the first time). */
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface ResolvedTemporalCli {
  path: string;
  source: 'explicit' | 'path' | 'cache' | 'built';
  version: string;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CARAVAN_CACHE_DIR) return env.CARAVAN_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'caravan');
}

export function cachedCliPath(cacheDir: string): string {
  return join(cacheDir, 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Runs `<cli> --version`; returns the first line, or undefined when the binary does not run. */
export function probeCli(path: string): string | undefined {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (r.status !== 0) return undefined;
  return r.stdout.split('\n')[0]?.trim();
}

export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function findGo(env: NodeJS.ProcessEnv): string | undefined {
  return (
    findOnPath('go', env) ??
    [env.GOROOT && join(env.GOROOT, 'bin', 'go'), '/usr/local/go/bin/go', '/usr/lib/go/bin/go'].find(
      (p): p is string => !!p && isExecutable(p),
    )
  );
}

const INSTALL_HINT = [
  'Caravan needs the Temporal CLI for its embedded dev server. Any one of these works:',
  `  • install Go 1.23 or later (https://go.dev/dl, or \`apt-get install golang\`), and Caravan builds it once with`,
  `      go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`,
  '  • install the Temporal CLI yourself and put `temporal` on PATH, or set CARAVAN_TEMPORAL_CLI=/path/to/temporal',
  '  • skip the embedded server: point TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE, TLS or TEMPORAL_API_KEY) at a running cluster or Temporal Cloud',
].join('\n');

export async function resolveTemporalCli(opts: ResolveTemporalCliOptions = {}): Promise<ResolvedTemporalCli> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => {});
  const explicit = opts.explicitPath ?? env.CARAVAN_TEMPORAL_CLI;
  if (explicit) {
    const version = isExecutable(explicit) ? probeCli(explicit) : undefined;
    if (!version) {
      throw new TemporalCliUnavailableError(
        `CARAVAN_TEMPORAL_CLI points at ${explicit}, which is not a working Temporal CLI binary.\n${INSTALL_HINT}`,
      );
    }
    return { path: explicit, source: 'explicit', version };
  }

  const onPath = findOnPath('temporal', env);
  if (onPath) {
    const version = probeCli(onPath);
    if (version) return { path: onPath, source: 'path', version };
    log(`ignoring ${onPath}: it does not run`);
  }

  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  const cached = cachedCliPath(cacheDir);
  if (isExecutable(cached)) {
    const version = probeCli(cached);
    if (version) return { path: cached, source: 'cache', version };
    log(`cached Temporal CLI at ${cached} does not run; rebuilding`);
  }

  if (opts.allowBuild === false) {
    throw new TemporalCliUnavailableError(`No Temporal CLI found (looked at PATH and ${cached}).\n${INSTALL_HINT}`);
  }
  const go = findGo(env);
  if (!go) throw new TemporalCliUnavailableError(`No Temporal CLI found and no Go toolchain to build one.\n${INSTALL_HINT}`);
  await buildWithGo(go, cached, env, log);
  const version = probeCli(cached);
  if (!version) throw new TemporalCliUnavailableError(`The Temporal CLI built at ${cached} does not run.\n${INSTALL_HINT}`);
  return { path: cached, source: 'built', version };
}

/** A directory lock (mkdir is atomic) so concurrent starts build once and share the result. */
async function withBuildLock<T>(lockDir: string, log: (l: string) => void, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock older than 30 minutes belongs to a build that died.
      if (Date.now() - statSync(lockDir).mtimeMs > 30 * 60_000) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) {
        log('another process is building the Temporal CLI; waiting for it');
        announced = true;
      }
      if (Date.now() - started > 30 * 60_000) throw new TemporalCliUnavailableError('timed out waiting for the Temporal CLI build lock');
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

async function buildWithGo(go: string, target: string, env: NodeJS.ProcessEnv, log: (l: string) => void): Promise<void> {
  const dir = join(target, '..');
  mkdirSync(dir, { recursive: true });
  await withBuildLock(`${dir}.lock`, log, async () => {
    if (isExecutable(target) && probeCli(target)) return; // built by the process we waited for
    const gobin = join(dir, `.build-${process.pid}`);
    rmSync(gobin, { recursive: true, force: true });
    mkdirSync(gobin, { recursive: true });
    log(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} with ${go} (first run only; about 5–10 minutes on 2 cores)…`);
    const started = Date.now();
    let packages = 0;
    let lastLine = '';
    const child = spawn(go, ['install', '-v', `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], {
      env: { ...env, GOBIN: gobin, CGO_ENABLED: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onLine = (line: string) => {
      if (!line.trim()) return;
      lastLine = line;
      if (line.startsWith('go: downloading')) log(line);
      else packages += 1;
    };
    let buffered = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    child.stdout.resume();
    const ticker = setInterval(() => {
      const s = Math.round((Date.now() - started) / 1000);
      log(`  still building: ${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s, ${packages} packages compiled`);
    }, 15_000);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    }).finally(() => clearInterval(ticker));
    if (code !== 0) {
      rmSync(gobin, { recursive: true, force: true });
      throw new TemporalCliUnavailableError(
        `go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION} failed (exit ${code}): ${lastLine}\n` +
          'Is the Go module proxy reachable (GOPROXY)?\n' +
          INSTALL_HINT,
      );
    }
    const built = join(gobin, 'temporal');
    if (!existsSync(built)) throw new TemporalCliUnavailableError(`go install finished but ${built} is missing`);
    renameSync(built, target);
    rmSync(gobin, { recursive: true, force: true });
    log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  });
}
