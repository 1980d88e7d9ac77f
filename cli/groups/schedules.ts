/** `caravan schedules apply|list`: Temporal Schedules from the tenants file. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { applySchedules, listSchedules } from '../commands/schedules.js';

export function registerSchedulesCommands(program: Command, out: Out): void {
  const schedules = program.command('schedules').description('Temporal Schedules for periodic work, from the tenants file');
  schedules
    .command('apply')
    .description('create, update or delete Caravan\'s schedules to match the tenants file (orders.schedule per connection)')
    .option('--dry-run', 'print what would change, change nothing')
    .action(async (o: { dryRun?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        const r = await applySchedules(t.client, config, { taskQueue: ctx.env.CARAVAN_TASK_QUEUE, dryRun: !!o.dryRun });
        const verb = o.dryRun ? 'would be ' : '';
        for (const [what, ids] of [['created', r.created], ['updated', r.updated], ['deleted', r.deleted]] as const) {
          for (const id of ids) out(`${verb}${what}: ${id}`);
        }
        if (!r.created.length && !r.updated.length && !r.deleted.length) out('no schedules configured (set orders.schedule.every on a connection)');
      } finally {
        await t.close();
      }
    });
  schedules
    .command('list')
    .description('Caravan\'s schedules with their interval, state and next run')
    .action(async () => {
      const ctx = createCliContext();
      const t = await ctx.temporal();
      try {
        out(await listSchedules(t.client));
      } finally {
        await t.close();
      }
    });
}
