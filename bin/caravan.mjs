/**
 * The launcher of bin/caravan and `npm run caravan`: runs the CLI from a build of the sources
 * (worker/build.ts) with node alone, about three times faster to start than through tsx, and
 * builds it first when there is none or a source has changed since (about two seconds, once).
 * The build lives in .caravan/cli-build/ (or CARAVAN_BUILD_DIR, inside the project): each build
 * in a folder of its own, named current by a pointer file replaced atomically, so launches at
 * the same moment never see half a build. Plain JavaScript: it runs before anything is built.
 * Without a build (esbuild missing, a build that fails) the CLI runs from the sources through tsx.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILDS = resolve(process.env.CARAVAN_BUILD_DIR ?? join(ROOT, '.caravan', 'cli-build'));
const POINTER = join(BUILDS, 'current');
/** Builds no longer current are removed once this old: a CLI started on one may still be loading it. */
const STALE_MS = 10 * 60 * 1000;

/** The current build's folder while every source it was made from is unchanged, else undefined. */
function currentBuild() {
  try {
    const dir = join(BUILDS, readFileSync(POINTER, 'utf8').trim());
    const info = JSON.parse(readFileSync(join(dir, 'build-info.json'), 'utf8'));
    if (info.node !== process.version) return undefined;
    for (const [path, size, mtimeMs] of info.files) {
      const s = statSync(join(ROOT, path));
      if (s.size !== size || s.mtimeMs !== mtimeMs) return undefined;
    }
    return dir;
  } catch {
    return undefined;
  }
}

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(ROOT, 'cli', 'main.ts')).href);
}

async function build() {
  const name = `b-${Date.now().toString(36)}-${process.pid}`;
  const dir = join(BUILDS, name);
  mkdirSync(BUILDS, { recursive: true });
  const { register } = await import('tsx/esm/api');
  const unregister = register();
  try {
    const { buildDist } = await import(pathToFileURL(join(ROOT, 'worker', 'build.ts')).href);
    await buildDist({ root: ROOT, outDir: dir });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  } finally {
    await unregister();
  }
  const next = `${POINTER}.${process.pid}`;
  writeFileSync(next, `${name}\n`);
  renameSync(next, POINTER);
  for (const other of readdirSync(BUILDS)) {
    if (other === name || !other.startsWith('b-')) continue;
    try {
      if (Date.now() - statSync(join(BUILDS, other)).mtimeMs > STALE_MS) rmSync(join(BUILDS, other), { recursive: true, force: true });
    } catch {
      // another launch removed it
    }
  }
  return dir;
}

async function loadCli() {
  if (process.env.CARAVAN_FROM_SOURCE === '1' || !existsSync(join(ROOT, 'node_modules', 'esbuild'))) return fromSources();
  let dir = currentBuild();
  if (dir === undefined) {
    try {
      dir = await build();
    } catch (e) {
      if (process.env.CARAVAN_DEBUG === '1') console.error(`caravan: no build (${e instanceof Error ? e.message : String(e)}); running the sources`);
      return fromSources();
    }
  }
  process.setSourceMapsEnabled(true);
  return import(pathToFileURL(join(dir, 'cli', 'main.js')).href);
}

const cli = await loadCli();
cli.runCli(process.argv.slice(2));
