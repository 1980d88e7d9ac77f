/**
 * `npm run build`: the hub's TypeScript as plain ES modules in dist/ (one .js per .ts, same
 * tree, source maps beside them), for running the worker and the CLI with `node` alone:
 * `node dist/cli/main.js worker`. The source runs as it is under tsx, which is what `npm start`
 * and the tests use; a process started through tsx also carries tsx's loader (a module-hooks
 * thread of its own and the transpiled sources), about 50 MB of resident memory a deployed
 * worker has no need for. The benchmark's worker processes run this build.
 *
 * Each file is transpiled on its own (the project compiles under isolatedModules and
 * verbatimModuleSyntax, so nothing needs the whole program), in about two seconds; type
 * checking stays with `npm run typecheck`. Tests are left out. dist/ resolves its packages from
 * the node_modules above it, so it is built inside the project.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folders (and top-level files) whose TypeScript runs: the layout of DESIGN.md but test/. */
const SOURCES = ['activities', 'bench', 'cli', 'config', 'connectors', 'engines', 'mappings', 'sandbox', 'server', 'store', 'worker', 'workflows', 'temporal.config.ts'];

/** Every file under `path` (or `path` itself): TypeScript to transpile, and the rest (the demo's catalogue, a table) to link. */
function sourceFiles(path: string, out: { ts: string[]; other: string[] } = { ts: [], other: [] }): { ts: string[]; other: string[] } {
  if (!existsSync(path)) return out;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) sourceFiles(join(path, name), out);
  } else if (!path.endsWith('.ts')) out.other.push(path);
  else if (!path.endsWith('.d.ts')) out.ts.push(path);
  return out;
}

/**
 * What a build was made from: every source file with its size and modification time, and the
 * node it was made for. bin/caravan.mjs runs a build only while all of them still match (a
 * changed source changes its own time; a new file changes the time of the one importing it).
 */
export interface BuildInfo {
  node: string;
  files: [path: string, size: number, mtimeMs: number][];
}

export interface BuildResult {
  outDir: string;
  files: number;
  ms: number;
}

/** Transpiles the sources under `root` into `outDir` (emptied first), which must lie inside `root` to find its packages. */
export async function buildDist(opts: { root?: string; outDir?: string } = {}): Promise<BuildResult> {
  const root = resolve(opts.root ?? PROJECT_ROOT);
  const outDir = resolve(opts.outDir ?? join(root, 'dist'));
  if (relative(root, outDir).startsWith('..')) throw new Error(`the build goes inside the project (${root}) to resolve its packages, not to ${outDir}`);
  const started = performance.now();
  const sources = SOURCES.map((s) => sourceFiles(join(root, s)));
  const entryPoints = sources.flatMap((s) => s.ts);
  // Read before transpiling: a source saved during the build makes the build stale, not current.
  const info: BuildInfo = {
    node: process.version,
    files: entryPoints.map((file) => {
      const s = statSync(file);
      return [relative(root, file), s.size, s.mtimeMs];
    }),
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints,
    outdir: outDir,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  // Files read beside the code (config/demo-catalogue) are links to the sources: an edit shows at once.
  for (const file of sources.flatMap((s) => s.other)) {
    const target = join(outDir, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(file, target);
  }
  // The .js files are ES modules; the project's package.json that says so lies outside dist/.
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  // bin/caravan.mjs reads it by this name.
  writeFileSync(join(outDir, 'build-info.json'), `${JSON.stringify(info)}\n`);
  return { outDir, files: entryPoints.length, ms: performance.now() - started };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildDist().then(
    (r) => console.log(`built ${r.files} modules into ${relative(process.cwd(), r.outDir) || '.'} in ${(r.ms / 1000).toFixed(1)} s`),
    (e: unknown) => {
      console.error(`build: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
