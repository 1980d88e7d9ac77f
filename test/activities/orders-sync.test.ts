/**
 * The bookkeeping steps of ordersSync on a real SQLite store: the window comes from
 * --since, the stored cursor minus the overlap, or the first-run lookback, and ends the
 * channel's settle time before now; finishing moves the cursor to the window's end and
 * closes the run; a failure closes the run and leaves the cursor alone. Channels are
 * order sources by capability: a connection whose vendor imports no orders is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrdersSyncActivities } from '../../activities/orders-sync.js';
import type { OrdersSyncActivities } from '../../activities/orders-sync-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { closeDatabase, getCursor, getRun, migrateLatest, openDatabase } from '../../store/index.js';
import { FLOWS, ORDERS_SYNC } from '../../temporal.config.js';
import { createLogger } from '../../worker/logger.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const logger = createLogger({ level: 'silent' });
const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        connections: {
          'amazon-eu': {
            vendor: 'amazon',
            settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] },
            secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
            orders: { settleSeconds: 300 },
          },
          vies: { vendor: 'vies' },
        },
      },
    },
  },
  {},
);
const ZERO = { fetched: 0, inserted: 0, updated: 0, unchanged: 0, deadLettered: 0, throttled: 0 };

describe('ordersSync bookkeeping steps', () => {
  let db: Knex;
  let activities: OrdersSyncActivities;
  const run = (n: number) => ({ tenant: 'acme', channel: 'amazon-eu', workflowId: 'orders-sync/acme/amazon-eu', runId: `run-${n}` });

  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-orders-sync-')), 'caravan.db') });
    await migrateLatest(db);
    activities = createOrdersSyncActivities({ db, config, vendors: createVendorClients({ config, logger, env: {} }), logger, clock: () => NOW });
  });
  afterAll(async () => {
    await closeDatabase(db);
  });

  it('plans the first sync over the initial lookback, ending the settle time before now, and records the run', async () => {
    const plan = await activities.planOrdersSync(run(1));
    const to = new Date(NOW.getTime() - 300_000);
    expect(plan).toEqual({
      window: { from: new Date(to.getTime() - ORDERS_SYNC.initialLookbackMs).toISOString().replace('.000Z', 'Z'), to: '2026-03-10T11:55:00Z' },
      startedAt: NOW.toISOString(),
      fromSource: 'initial',
    });
    expect(await getRun(db, { workflowId: run(1).workflowId, runId: 'run-1' })).toMatchObject({ status: 'running', flow: FLOWS.ordersSync, windowTo: '2026-03-10T11:55:00.000Z' });
  });

  it('finishing moves the cursor to the window end and closes the run with its totals', async () => {
    const totals = { ...ZERO, fetched: 3, inserted: 2, deadLettered: 1 };
    const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-10T11:55:00Z' };
    const finished = await activities.finishOrdersSync({ ...run(1), window, pages: 1, totals, startedAt: '2026-03-10T11:59:00.000Z' });
    expect(finished).toEqual({ finishedAt: NOW.toISOString(), durationMs: 60_000, cursor: window.to });
    expect(await getCursor(db, { tenant: 'acme', channel: 'amazon-eu', flow: FLOWS.ordersSync })).toBe(window.to);
    expect(await getRun(db, { workflowId: run(1).workflowId, runId: 'run-1' })).toMatchObject({ status: 'completed', pages: 1, fetched: 3, inserted: 2, deadLettered: 1, durationMs: 60_000 });
  });

  it('the next sync starts at the cursor minus the overlap; --since wins over it', async () => {
    const next = await activities.planOrdersSync(run(2));
    expect([next.window.from, next.fromSource]).toEqual([new Date(Date.parse('2026-03-10T11:55:00Z') - ORDERS_SYNC.cursorOverlapMs).toISOString().replace('.000Z', 'Z'), 'cursor']);
    const since = await activities.planOrdersSync({ ...run(3), since: '2026-02-01T00:00:00Z' });
    expect([since.window, since.fromSource]).toEqual([{ from: '2026-02-01T00:00:00Z', to: '2026-03-10T11:55:00Z' }, 'since']);
  });

  it('a failure closes the run and leaves the cursor where it was', async () => {
    await activities.recordOrdersSyncFailure({ ...run(2), status: 'failed', error: 'amazon getOrders: 403', pages: 0, totals: ZERO, startedAt: NOW.toISOString() });
    expect(await getRun(db, { workflowId: run(2).workflowId, runId: 'run-2' })).toMatchObject({ status: 'failed', error: 'amazon getOrders: 403' });
    expect(await getCursor(db, { tenant: 'acme', channel: 'amazon-eu', flow: FLOWS.ordersSync })).toBe('2026-03-10T11:55:00Z');
  });

  it('refuses a bad --since, an empty window and a channel that is no order source, without retrying', async () => {
    const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ApplicationFailure);
    const bad = await failureOf(activities.planOrdersSync({ ...run(4), since: 'last tuesday' }));
    expect([bad?.type, bad?.nonRetryable, bad?.message]).toEqual(['validation', true, '--since "last tuesday" is not an ISO 8601 time']);
    const empty = await failureOf(activities.planOrdersSync({ ...run(5), since: '2026-03-10T11:56:00Z' }));
    expect([empty?.type, empty?.message]).toEqual(['validation', 'the sync window is empty: from 2026-03-10T11:56:00Z is not before 2026-03-10T11:55:00Z']);
    const vies = await failureOf(activities.planOrdersSync({ ...run(6), channel: 'vies' }));
    expect([vies?.type, vies?.nonRetryable, vies?.message]).toEqual(['config', true, 'channel "vies" of tenant "acme" is a vies connection, not an order channel']);
  });
});
