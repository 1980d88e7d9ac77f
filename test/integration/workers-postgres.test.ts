/**
 * Several worker processes on one PostgreSQL hub store and the real dev server:
 * - three workers started at once on an empty database all come up (migrations take turns
 *   under an advisory lock);
 * - two workers share one seller's SP-API budget: two channels of one seller in one region
 *   import at once, their activities picked up by both workers, against a sandbox enforcing
 *   SP-API's buckets. No 429, every order stored once. (How close the import comes to the
 *   buckets' minimum time is measured by `npm run bench`, not asserted here.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startWorkerProcess, type WorkerProcess } from '../../bench/worker-process.js';
import { startOrdersSync } from '../../cli/commands/sync.js';
import { generateAmazonSeed, startAmazonSandbox, type AmazonSandbox } from '../../sandbox/amazon/index.js';
import { closeDatabase, countOrders, openDatabase } from '../../store/index.js';
import { knownMigrations } from '../../store/db.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { ALL_MARKETPLACES, SECRET_ENV } from './harness.js';

const pg = await startTestPostgres();

const AMAZON_DE = 'A1PA6795UKMFR9';
const CHANNELS = { 'amazon-de': [AMAZON_DE], 'amazon-rest': ALL_MARKETPLACES.filter((m) => m !== AMAZON_DE) } as const;
const TIME_SCALE = 60;
const ORDERS = 300;

function workerEnv(dbUrl: string, configFile: string, taskQueue: string, logLevel = 'info'): Record<string, string> {
  return {
    ...SECRET_ENV,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    CARAVAN_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    CARAVAN_DATABASE_URL: dbUrl,
    CARAVAN_CONFIG: configFile,
    CARAVAN_TASK_QUEUE: taskQueue,
    LOG_LEVEL: logLevel,
  };
}

describe.skipIf(!pg)('worker processes on one PostgreSQL', () => {
  let dir: string;
  const workers: WorkerProcess[] = [];
  const databases: TestPostgres[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caravan-workers-'));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    for (const d of databases) await d.stop();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('three workers started at once on an empty database all come up', async () => {
    const fresh = (await startTestPostgres())!;
    databases.push(fresh);
    const env = workerEnv(fresh.url, 'config/caravan.demo.yaml', `it-migrate-${Date.now().toString(36)}`);
    const three = [1, 2, 3].map((i) => startWorkerProcess({ env, logFile: join(dir, `migrate-${i}.log`) }));
    workers.push(...three);

    const outcomes = await Promise.allSettled(three.map((w) => w.ready));

    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'up' : String(o.reason)))).toEqual(['up', 'up', 'up']);
    const db = openDatabase({ url: fresh.url });
    try {
      const applied = await db('knex_migrations').orderBy('id').pluck('name');
      expect(applied).toEqual(knownMigrations());
    } finally {
      await closeDatabase(db);
    }
    expect(await Promise.all(three.map((w) => w.stop()))).toEqual([0, 0, 0]);
  });

  describe('two workers, two channels of one seller', () => {
    let sandbox: AmazonSandbox;
    let db: Knex;
    let connection: Connection;
    const tenant = `shared-${Date.now().toString(36)}`;
    const taskQueue = `it-shared-${Date.now().toString(36)}`;
    const expected: Record<string, number> = {};
    /** getOrderItems pages of all orders (the sandbox pages items by 20). */
    let itemPages = 0;

    beforeAll(async () => {
      const now = new Date();
      const seed = generateAmazonSeed({ count: ORDERS, now });
      itemPages = seed.orders.reduce((n, o) => n + Math.max(1, Math.ceil(o.items.length / 20)), 0);
      for (const [channel, ids] of Object.entries(CHANNELS)) {
        expected[channel] = seed.orders.filter((o) => (ids as readonly string[]).includes(o.order.MarketplaceId ?? '')).length;
      }
      sandbox = await startAmazonSandbox({ port: 0, orders: seed.orders, now: () => new Date(), rateLimits: true, timeScale: TIME_SCALE, minLagSeconds: 0 });
      const connections = Object.fromEntries(
        Object.entries(CHANNELS).map(([channel, marketplaceIds]) => [
          channel,
          {
            vendor: 'amazon',
            // Published usage plans: the connector learns the sandbox's scaled rates from x-amzn-RateLimit-Limit.
            settings: { region: 'eu', marketplaceIds, endpoint: sandbox.url, tokenEndpoint: `${sandbox.url}/auth/o2/token` },
            secrets: {
              clientId: { env: 'CARAVAN_TEST_LWA_CLIENT_ID' },
              clientSecret: { env: 'CARAVAN_TEST_LWA_CLIENT_SECRET' },
              refreshToken: { env: 'CARAVAN_TEST_LWA_REFRESH_TOKEN' },
            },
            orders: { settleSeconds: 0, pageSize: 50, itemsConcurrency: 8 },
          },
        ]),
      );
      const configFile = join(dir, 'shared.json');
      writeFileSync(configFile, JSON.stringify({ tenants: { [tenant]: { connections } } }));
      db = openDatabase({ url: pg!.url });
      const env = workerEnv(pg!.url, configFile, taskQueue, 'debug');
      const two = [1, 2].map((i) => startWorkerProcess({ env, logFile: join(dir, `shared-${i}.log`), count: ['"msg":"amazon request"'] }));
      workers.push(...two);
      await Promise.all(two.map((w) => w.ready));
      connection = await Connection.connect({ address: inject('temporalAddress') });
    });
    afterAll(async () => {
      await connection?.close();
      await sandbox?.close();
      if (db) await closeDatabase(db);
    });

    it('import both channels at once with no 429, every order stored once, both workers calling SP-API', async () => {
      const client = new Client({ connection });
      const since = new Date(Date.now() - 31 * 86_400_000).toISOString();
      const started = await Promise.all(Object.keys(CHANNELS).map((channel) => startOrdersSync(client, tenant, channel, { since, taskQueue })));

      const summaries = await Promise.all(started.map((s) => s.handle.result()));

      const stats = sandbox.stats();
      // Every operation the sandbox serves: none answered 429.
      const throttled = Object.entries(stats.operations).filter(([, s]) => s.throttled > 0).map(([op]) => op);
      expect(throttled).toEqual([]);
      expect(stats.operations.getOrderItems.requests).toBeGreaterThan(0);
      expect(summaries.map((s) => s.totals.throttled)).toEqual([0, 0]);
      const channels = Object.keys(CHANNELS);
      expect(summaries.map((s) => s.totals.fetched)).toEqual(channels.map((c) => expected[c]));
      expect(summaries.map((s) => s.totals.updated)).toEqual([0, 0]);
      for (const [i, channel] of channels.entries()) {
        const s = summaries[i]!;
        expect(s.totals.inserted + s.totals.deadLettered, channel).toBe(expected[channel]);
        expect(await countOrders(db, { tenant, channel }), channel).toBe(s.totals.inserted);
      }
      // Each page of each order's items was asked for once: no request doubled by the split.
      expect(stats.operations.getOrderItems.statuses['200']).toBe(itemPages);
      // Both workers took part, and the getOrderItems budget was the shared one.
      const calls = workers.slice(-2).map((w) => w.counts()['"msg":"amazon request"'] ?? 0);
      expect(calls.every((n) => n > 0), `amazon requests per worker: ${calls.join(', ')}`).toBe(true);
      const bucket = await db('rate_limit_buckets').where({ id: `${tenant}/amazon/getOrderItems/eu` }).first<{ acquired: string; rate_source: string }>();
      expect([Number(bucket?.acquired), bucket?.rate_source]).toEqual([stats.operations.getOrderItems.requests, 'header']);
    });
  });
});
