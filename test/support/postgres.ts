/**
 * A PostgreSQL for tests. With CARAVAN_TEST_DATABASE_URL set, each call creates a fresh,
 * uniquely named database on that server (dropped by stop()). Otherwise it starts a private
 * throwaway cluster from the local PostgreSQL binaries: data and socket in a temp folder,
 * a random loopback port, fsync off, trust auth. When neither works the caller gets
 * undefined and a loud warning, or an error when CARAVAN_REQUIRE_POSTGRES=1.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'Install the PostgreSQL server binaries (Debian/Ubuntu: `apt-get install -y postgresql`, which provides ' +
  '/usr/lib/postgresql/<version>/bin/initdb and pg_ctl) or point CARAVAN_TEST_DATABASE_URL at a server ' +
  'where the user may CREATE DATABASE (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres).';

export async function startTestPostgres(): Promise<TestPostgres | undefined> {
  const serverUrl = process.env.CARAVAN_TEST_DATABASE_URL;
  try {
    if (serverUrl) return await createScratchDatabase(serverUrl);
    return await startPrivateCluster();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const hint = serverUrl
      ? 'Check that CARAVAN_TEST_DATABASE_URL points at a running server where its user may CREATE DATABASE, or unset it to use local binaries.'
      : INSTALL_HINT;
    if (process.env.CARAVAN_REQUIRE_POSTGRES === '1') {
      throw new Error(`PostgreSQL is required for these tests (CARAVAN_REQUIRE_POSTGRES=1) but unavailable: ${reason}\n${hint}`);
    }
    console.warn(`\n!!! PostgreSQL tests SKIPPED: ${reason}\n!!! ${hint}\n!!! Set CARAVAN_REQUIRE_POSTGRES=1 to make this a failure.\n`);
    return undefined;
  }
}

async function createScratchDatabase(serverUrl: string): Promise<TestPostgres> {
  const name = `caravan_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      // FORCE (PostgreSQL 13+) ends connections a test forgot to close.
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function findPgBin(): string {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const fromPath = onPath.status === 0 ? onPath.stdout.trim() : '';
  if (fromPath && existsSync(join(fromPath, '..', 'initdb'))) return join(fromPath, '..');
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  }
  throw new Error('no initdb/pg_ctl found on PATH or under /usr/lib/postgresql/*/bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface RunAs {
  /** Wraps a command so it runs as the cluster's owner. */
  command(bin: string, args: string[]): [string, string[]];
  uid?: number;
  gid?: number;
}

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` system user. */
function clusterOwner(): RunAs {
  if (process.getuid?.() !== 0) return { command: (bin, args) => [bin, args] };
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('running as root and there is no `postgres` system user to run initdb/postgres as');
  }
  const runuser = spawnSync('sh', ['-c', 'command -v runuser'], { encoding: 'utf8' });
  return {
    uid: Number(uid.stdout.trim()),
    gid: Number(gid.stdout.trim()),
    command:
      runuser.status === 0
        ? (bin, args) => ['runuser', ['-u', 'postgres', '--', bin, ...args]]
        : (bin, args) => ['su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(shellQuote).join(' ')]],
  };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

async function startPrivateCluster(): Promise<TestPostgres> {
  const bin = findPgBin();
  const owner = clusterOwner();
  const base = mkdtempSync(join(tmpdir(), 'caravan-pg-'));
  const dataDir = join(base, 'data');
  const logFile = join(base, 'postgres.log');
  if (owner.uid !== undefined && owner.gid !== undefined) {
    chownSync(base, owner.uid, owner.gid);
  }
  chmodSync(base, 0o700);
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = owner.command(join(bin, tool), args);
    execFileSync(cmd, argv, { stdio: 'pipe', timeout: 60_000 });
  };
  const cleanup = () => rmSync(base, { recursive: true, force: true });
  try {
    run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${base}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
    const [stopCmd, stopArgv] = owner.command(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    // A test process killed by a signal runs no exit hooks: this watchdog stops the cluster
    // and removes its folder once the process is gone.
    const stopLine = [stopCmd, ...stopArgv].map(shellQuote).join(' ');
    const watchdog = spawn(
      'sh',
      ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${stopLine} >/dev/null 2>&1; rm -rf ${shellQuote(base)}`],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
    let stopped = false;
    const stopSync = () => {
      if (stopped) return;
      stopped = true;
      spawnSync(stopCmd, stopArgv, { stdio: 'ignore', timeout: 30_000 });
      cleanup();
      if (watchdog.pid !== undefined) {
        try {
          process.kill(watchdog.pid);
        } catch {
          // already gone
        }
      }
    };
    process.once('exit', stopSync);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        process.removeListener('exit', stopSync);
        stopSync();
      },
    };
  } catch (err) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().slice(-2000) ?? '';
    const [cmd, argv] = owner.command(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
    spawnSync(cmd, argv, { stdio: 'ignore', timeout: 30_000 });
    cleanup();
    throw new Error(`could not start a private PostgreSQL from ${bin}: ${(err as Error).message}\n${stderr}\n${log}`);
  }
}
