/** `caravan sync orders|inventory`: start (and optionally wait for) an import or a stock push. */
import type { Command } from 'commander';
import { positiveInt, type Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { formatInventorySummaries, formatListingsSummaries, formatSyncSummaries, syncInventoryCommand, syncListingsCommand, syncOrdersCommand } from '../commands/sync.js';

export function registerSyncCommands(program: Command, out: Out): void {
  const sync = program.command('sync').description('start syncs');
  sync
    .command('orders')
    .description('import a channel\'s orders (a channel id, or a vendor name for all its channels)')
    .requiredOption('--tenant <tenant>', 'tenant id from the config file')
    .requiredOption('--channel <channel>', 'channel id (e.g. amazon-eu) or vendor (amazon)')
    .option('--since <time>', 'read from this time instead of the stored cursor: ISO 8601 or relative (90m, 36h, 7d)')
    .option('--page-size <n>', 'orders per vendor page', positiveInt)
    .option('--wait', 'wait for the import to finish and print its summary')
    .action(async (o: { tenant: string; channel: string; since?: string; pageSize?: number; wait?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        const summaries = await syncOrdersCommand(t.client, config, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
        if (summaries) out(formatSyncSummaries(summaries, { cursor: true }));
      } finally {
        await t.close();
      }
    });
  // ---- sync inventory ----
  sync
    .command('inventory')
    .description('publish the stock a channel may sell per SKU and marketplace (a channel id, or a vendor name for all its channels with an inventory section)')
    .requiredOption('--tenant <tenant>', 'tenant id from the config file')
    .requiredOption('--channel <channel>', 'channel id (e.g. amazon-eu) or vendor (amazon)')
    .option('--wait', 'wait for the push to finish and print its summary')
    .action(async (o: { tenant: string; channel: string; wait?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        const summaries = await syncInventoryCommand(t.client, config, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
        if (summaries) out(formatInventorySummaries(summaries));
      } finally {
        await t.close();
      }
    });
  // ---- end sync inventory ----
  // ---- listings (listingsPublish) ----
  sync
    .command('listings')
    .description("publish a tenant's catalogue to a channel: what changed since the last send (a channel id, or a vendor name for all its channels)")
    .requiredOption('--tenant <tenant>', 'tenant id from the config file')
    .requiredOption('--channel <channel>', 'channel id (e.g. amazon-eu) or vendor (amazon)')
    .option('--sku <sku...>', 'only these SKUs (e.g. a rejected one after a fix)')
    .option('--force', 'send even listings equal to their last send')
    .option('--wait', 'wait for the publish (and its feeds) to finish and print its summary')
    .action(async (o: { tenant: string; channel: string; sku?: string[]; force?: boolean; wait?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        const summaries = await syncListingsCommand(t.client, config, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
        if (summaries) out(formatListingsSummaries(summaries));
      } finally {
        await t.close();
      }
    });
}
