/**
 * Determinism guard: saved histories of real ordersSync runs replay against today's
 * workflow code. A change that alters the command sequence fails here (use patching).
 *
 * Record fresh histories with `CARAVAN_RECORD_HISTORIES=1 npm run test:integration -- replay`
 * (only when a change is meant to be incompatible, together with patched() guards).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { fxRefreshCommand } from '../../cli/commands/fx.js';
import { startOrdersSync } from '../../cli/commands/sync.js';
import { startFxSandbox } from '../../sandbox/fx/index.js';
import { fxRefreshWorkflowId } from '../../temporal.config.js';
import type { deadLettersReplay } from '../../workflows/dead-letters-replay.js';
import type { fxBackfill } from '../../workflows/fx-refresh.js';
import { createHarness, quietTemporalRuntime } from './harness.js';

quietTemporalRuntime();

const DIR = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));

async function recordHistories(): Promise<void> {
  const fx = await startFxSandbox({ now: () => new Date('2026-03-10T18:00:00Z') });
  const h = await createHarness({
    tenants: ['replay-plain', 'replay-can'],
    orders: { pageSize: 100 },
    extraConfig: { fx: { default: 'ecb', sources: { ecb: { vendor: 'ecb', settings: { baseUrl: fx.url } } } } },
  });
  try {
    mkdirSync(DIR, { recursive: true });
    // A plain import: three pages, dead letters, search attribute upserts, the finish activity.
    const plain = await startOrdersSync(h.client, 'replay-plain', 'amazon', { taskQueue: h.taskQueue });
    await plain.handle.result();
    writeFileSync(join(DIR, 'orders-sync-plain.json'), historyToJSON(await plain.handle.fetchHistory()));
    // The first run of a chain that continues as new.
    const chained = await startOrdersSync(h.client, 'replay-can', 'amazon', {
      taskQueue: h.taskQueue,
      pageSize: 20,
      continueAsNewAfterEvents: 40,
    });
    const firstRun = h.client.workflow.getHandle(chained.workflowId, chained.runId);
    await chained.handle.result();
    writeFileSync(join(DIR, 'orders-sync-continue-as-new.json'), historyToJSON(await firstRun.fetchHistory()));
    // The rate flows: a refresh and a backfill in two chunks.
    await fxRefreshCommand(h.client, h.config, { taskQueue: h.taskQueue });
    writeFileSync(join(DIR, 'fx-refresh.json'), historyToJSON(await h.client.workflow.getHandle(fxRefreshWorkflowId('ecb')).fetchHistory()));
    const backfill = await h.client.workflow.start<typeof fxBackfill>('fxBackfill', {
      taskQueue: h.taskQueue,
      workflowId: 'replay-fx-backfill',
      args: [{ source: 'ecb', from: '2026-01-05', to: '2026-02-20', chunkDays: 30 }],
    });
    await backfill.result();
    writeFileSync(join(DIR, 'fx-backfill.json'), historyToJSON(await backfill.fetchHistory()));
    // A dead-letter replay of the plain import's dead letters, two per page.
    const replay = await h.client.workflow.start<typeof deadLettersReplay>('deadLettersReplay', {
      taskQueue: h.taskQueue,
      workflowId: 'dead-letters-replay/replay-plain/amazon/1',
      args: [{ tenant: 'replay-plain', scope: 'amazon', selection: { kind: 'channels', channels: ['amazon'] }, pageSize: 2 }],
    });
    await replay.result();
    writeFileSync(join(DIR, 'dead-letters-replay.json'), historyToJSON(await replay.fetchHistory()));
  } finally {
    await h.stop();
    await fx.close();
  }
}

describe('replay of saved ordersSync histories', () => {
  it('replays every saved history without nondeterminism', async () => {
    if (process.env.CARAVAN_RECORD_HISTORIES === '1') await recordHistories();
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const history = historyFromJSON(JSON.parse(readFileSync(join(DIR, f), 'utf8')));
      expect(history.events?.length ?? 0).toBeGreaterThan(10);
      await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, `replay-${f}`);
    }
  });

  it('fails on a history the code cannot produce (the check can fail)', async () => {
    const raw = JSON.parse(readFileSync(join(DIR, 'orders-sync-plain.json'), 'utf8')) as { events: { eventType: string; activityTaskScheduledEventAttributes?: { activityType?: { name: string } } }[] };
    // Pretend the first activity the workflow scheduled was another one.
    const scheduled = raw.events.find((e) => e.activityTaskScheduledEventAttributes)!;
    scheduled.activityTaskScheduledEventAttributes!.activityType = { name: 'somethingElse' };
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, historyFromJSON(raw), 'replay-tampered'),
    ).rejects.toThrow();
  });
});
