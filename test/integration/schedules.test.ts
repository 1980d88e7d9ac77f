/** `caravan schedules apply`: Temporal Schedules for incremental order pulls, kept in step with the tenants file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchedules, listSchedules, MANAGED_BY } from '../../cli/commands/schedules.js';
import { listRuns } from '../../cli/commands/runs.js';
import { countOrders } from '../../store/index.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { createHarness, eventually, tenantsConfigFor, type Harness } from './harness.js';

describe('schedules', () => {
  let h: Harness;
  const tenant = `sched-${Date.now().toString(36)}`;
  const scheduleId = `orders-sync/${tenant}/amazon`;

  beforeAll(async () => {
    h = await createHarness({ tenants: [tenant] });
  });
  afterAll(async () => {
    try {
      await h.client.schedule.getHandle(scheduleId).delete();
    } catch {
      // already deleted by the test
    }
    await h?.stop();
  });

  const configWith = (schedule?: { every: string; paused?: boolean }) =>
    parseTenantsConfig(tenantsConfigFor(h.sandbox.url, [tenant], schedule ? { schedule } : {}, 1000));

  it('creates a schedule per configured connection, and it runs the import', async () => {
    const r = await applySchedules(h.client, configWith({ every: '1h' }), { taskQueue: h.taskQueue });
    expect(r.created).toContain(scheduleId);
    const d = await h.client.schedule.getHandle(scheduleId).describe();
    expect(d.spec.intervals?.[0]?.every).toBe(3_600_000);
    expect(d.memo).toMatchObject({ managedBy: MANAGED_BY, tenant, channel: 'amazon' });
    expect(d.policies.overlap).toBe('SKIP');
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'ordersSync', taskQueue: h.taskQueue });

    await h.client.schedule.getHandle(scheduleId).trigger();
    const runs = await eventually(async () => {
      const rows = await listRuns(h.client, { tenant });
      return rows.some((x) => x.status === 'COMPLETED') ? rows : undefined;
    }, 60_000);
    expect(runs[0]!.workflowId.startsWith(`${scheduleId}-`)).toBe(true);
    expect(runs[0]!.flow).toBe('orders-sync');
    expect(await countOrders(h.db, { tenant })).toBe(237);
    expect(await listSchedules(h.client)).toContain(scheduleId);
  });

  it('updates in place on re-apply, pauses, and deletes what the file no longer lists', async () => {
    const again = await applySchedules(h.client, configWith({ every: '30m', paused: true }), { taskQueue: h.taskQueue });
    expect(again.updated).toContain(scheduleId);
    expect(again.created).not.toContain(scheduleId);
    const d = await h.client.schedule.getHandle(scheduleId).describe();
    expect(d.spec.intervals?.[0]?.every).toBe(1_800_000);
    expect(d.state.paused).toBe(true);

    const dry = await applySchedules(h.client, configWith(), { taskQueue: h.taskQueue, dryRun: true });
    expect(dry.deleted).toContain(scheduleId);
    await h.client.schedule.getHandle(scheduleId).describe(); // still there after a dry run

    const gone = await applySchedules(h.client, configWith(), { taskQueue: h.taskQueue });
    expect(gone.deleted).toContain(scheduleId);
    await expect(h.client.schedule.getHandle(scheduleId).describe()).rejects.toThrow();
  });
});
