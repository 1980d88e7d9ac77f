/**
 * Finds (or builds once) a Go program Caravan runs beside itself: the Temporal CLI (the
 * embedded dev server), stripe-mock (Stripe's own mock, for contract tests and the demo).
 *
 * Order: an explicit path (config or the tool's environment variable) → the binary on PATH →
 * a cached build → `go install <module>@<version>` into that cache, under a directory lock so
 * concurrent starts build once and share the result.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What differs between the Go programs Caravan installs. */
export interface GoBinarySpec {
  /** For messages: `Temporal CLI`, `stripe-mock`. */
  readonly label: string;
  /** The executable's name, on PATH and in the cache. */
  readonly binary: string;
  readonly module: string;
  /** Pinned: `go install` takes exactly this tag. */
  readonly version: string;
  /** The environment variable naming an explicit binary (CARAVAN_TEMPORAL_CLI). */
  readonly envVar: string;
  /** Folder of the cache the build goes to (`temporal-cli`). */
  readonly cacheFolder: string;
  /** Arguments that make the binary print its version and exit 0. */
  readonly probeArgs: readonly string[];
  /** What to do when nothing is found, for the user (several lines). */
  readonly installHint: string;
  /** About how long the first build takes, for the progress line. */
  readonly buildTime: string;
  /** The error class of this tool's failures. */
  unavailable(message: string): Error;
}

export interface ResolveGoBinaryOptions {
  /** From config or the tool's environment variable; when set it must work, nothing else is tried. */
  explicitPath?: string | undefined;
  /** Defaults to $CARAVAN_CACHE_DIR, else $XDG_CACHE_HOME/caravan, else ~/.cache/caravan. */
  cacheDir?: string | undefined;
  /** Allow a `go install` when nothing is found (default true). */
  allowBuild?: boolean;
  /** Progress lines for the user (a build takes minutes the first time). */
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface ResolvedGoBinary {
  path: string;
  source: 'explicit' | 'path' | 'cache' | 'built';
  version: string;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CARAVAN_CACHE_DIR) return env.CARAVAN_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'caravan');
}

export function cachedBinaryPath(spec: GoBinarySpec, cacheDir: string): string {
  return join(cacheDir, spec.cacheFolder, spec.version, spec.binary);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Runs the binary with `args`; returns the first line printed, or undefined when it does not run. */
export function probeBinary(path: string, args: readonly string[]): string | undefined {
  const r = spawnSync(path, args, { encoding: 'utf8', timeout: 15_000 });
  if (r.status !== 0) return undefined;
  return (r.stdout || r.stderr).split('\n')[0]?.trim();
}

export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The Go toolchain: on PATH, under GOROOT, or where the official tarball and Debian put it. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return (
    findOnPath('go', env) ??
    [env.GOROOT && join(env.GOROOT, 'bin', 'go'), '/usr/local/go/bin/go', '/usr/lib/go/bin/go'].find((p): p is string => !!p && isExecutable(p))
  );
}

export async function resolveGoBinary(spec: GoBinarySpec, opts: ResolveGoBinaryOptions = {}): Promise<ResolvedGoBinary> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => {});
  const probe = (path: string) => probeBinary(path, spec.probeArgs);
  const explicit = opts.explicitPath ?? env[spec.envVar];
  if (explicit) {
    const version = isExecutable(explicit) ? probe(explicit) : undefined;
    if (!version) throw spec.unavailable(`${spec.envVar} points at ${explicit}, which is not a working ${spec.label} binary.\n${spec.installHint}`);
    return { path: explicit, source: 'explicit', version };
  }

  const onPath = findOnPath(spec.binary, env);
  if (onPath) {
    const version = probe(onPath);
    if (version) return { path: onPath, source: 'path', version };
    log(`ignoring ${onPath}: it does not run`);
  }

  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  const cached = cachedBinaryPath(spec, cacheDir);
  if (isExecutable(cached)) {
    const version = probe(cached);
    if (version) return { path: cached, source: 'cache', version };
    log(`cached ${spec.label} at ${cached} does not run; rebuilding`);
  }

  if (opts.allowBuild === false) throw spec.unavailable(`No ${spec.label} found (looked at PATH and ${cached}).\n${spec.installHint}`);
  const go = findGo(env);
  if (!go) throw spec.unavailable(`No ${spec.label} found and no Go toolchain to build one.\n${spec.installHint}`);
  await buildWithGo(spec, go, cached, env, log);
  const version = probe(cached);
  if (!version) throw spec.unavailable(`The ${spec.label} built at ${cached} does not run.\n${spec.installHint}`);
  return { path: cached, source: 'built', version };
}

/** A directory lock (mkdir is atomic) so concurrent starts build once and share the result. */
async function withBuildLock<T>(spec: GoBinarySpec, lockDir: string, log: (l: string) => void, fn: () => Promise<T>): Promise<T> {
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
        log(`another process is building the ${spec.label}; waiting for it`);
        announced = true;
      }
      if (Date.now() - started > 30 * 60_000) throw spec.unavailable(`timed out waiting for the ${spec.label} build lock`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

async function buildWithGo(spec: GoBinarySpec, go: string, target: string, env: NodeJS.ProcessEnv, log: (l: string) => void): Promise<void> {
  const dir = join(target, '..');
  mkdirSync(dir, { recursive: true });
  const target_ = `${spec.module}@${spec.version}`;
  await withBuildLock(spec, `${dir}.lock`, log, async () => {
    if (isExecutable(target) && probeBinary(target, spec.probeArgs)) return; // built by the process we waited for
    const gobin = join(dir, `.build-${process.pid}`);
    rmSync(gobin, { recursive: true, force: true });
    mkdirSync(gobin, { recursive: true });
    log(`building the ${spec.label} ${spec.version} with ${go} (first run only; ${spec.buildTime})…`);
    const started = Date.now();
    let packages = 0;
    let lastLine = '';
    const child = spawn(go, ['install', '-v', target_], {
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
      throw spec.unavailable(`go install ${target_} failed (exit ${code}): ${lastLine}\nIs the Go module proxy reachable (GOPROXY)?\n${spec.installHint}`);
    }
    const built = join(gobin, spec.binary);
    if (!existsSync(built)) throw spec.unavailable(`go install finished but ${built} is missing`);
    renameSync(built, target);
    rmSync(gobin, { recursive: true, force: true });
    log(`${spec.label} built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  });
}
