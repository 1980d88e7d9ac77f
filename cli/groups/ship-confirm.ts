/** `caravan ship-confirm ORDER`: tell the order's channel a package shipped. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { formatShipConfirmSummary, shipConfirmCommand, type ShipConfirmOptions } from '../commands/ship-confirm.js';

export function registerShipConfirmCommands(program: Command, out: Out): void {
  program
    .command('ship-confirm')
    .description('confirm a shipped package of an order to its channel (Amazon: confirmShipment); a repeated identical request does nothing')
    .argument('<order>', 'the channel\'s order id (e.g. an Amazon order id), as imported by caravan sync orders')
    .requiredOption('--carrier <carrier>', 'carrier code or name: dhl, deutsche-post, dpd, fedex, gls, hermes, royal-mail, ups, usps …; any other name is sent as "Other" with that name')
    .requiredOption('--tracking <number>', 'the package\'s tracking number')
    .option('--service <method>', 'shipping method or service (e.g. "DHL Paket")')
    .option('--ship-date <time>', 'when the package left: ISO 8601 with a zone, or a date (default: now)')
    .option('--package <n>', 'the package within the order, a positive number (default 1); confirm further packages with 2, 3 …')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--channel <channel>', 'the order\'s channel (default: the channel whose imported orders hold it)')
    .option('--wait', 'wait for the confirmation and print its outcome')
    .action(async (order: string, o: Omit<ShipConfirmOptions, 'taskQueue'>) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const db = await ctx.db();
      try {
        const t = await ctx.temporal();
        try {
          const r = await shipConfirmCommand({ client: t.client, db, config }, order, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
          if (r.summary) out(formatShipConfirmSummary(r.summary));
        } finally {
          await t.close();
        }
      } finally {
        await db.destroy();
      }
    });
}
