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
import { startOrdersSync } from '../../cli/commands/sync.js';
import { createHarness, quietTemporalRuntime } from './harness.js';

quietTemporalRuntime();

const DIR = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));

async function recordHistories(): Promise<void> {
  const h = await createHarness({ tenants: ['replay-plain', 'replay-can'], orders: { pageSize: 100 } });
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
  } finally {
    await h.stop();
  }
}

describe('replay of saved ordersSync histories', () => {
  it('replays every saved history without nondeterminism', async () => {
    if (process.env.CARAVAN_RECORD_HISTORIES === '1') await recordHistories();
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
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
