/** `caravan backfill orders`: import a channel's order history through order reports. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { backfillOrdersCommand } from '../commands/backfill.js';

export function registerBackfillCommands(program: Command, out: Out): void {
  const backfill = program.command('backfill').description('import history a regular sync does not reach');
  backfill
    .command('orders')
    .description('import orders last updated in a range through order reports (30-day windows), into the same store as `sync orders`')
    .requiredOption('--tenant <tenant>', 'tenant id from the config file')
    .requiredOption('--channel <channel>', 'channel id (e.g. amazon-eu) or vendor (amazon)')
    .requiredOption('--from <time>', 'start of the range: ISO 8601 or relative (90d)')
    .option('--to <time>', 'end of the range: ISO 8601 or relative (default: now)')
    .option('--wait', 'wait for the backfill to finish and print its windows')
    .action(async (o: { tenant: string; channel: string; from: string; to?: string; wait?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        const ok = await backfillOrdersCommand(t.client, config, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
        if (!ok) process.exitCode = 1;
      } finally {
        await t.close();
      }
    });
}
