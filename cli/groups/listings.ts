/** `caravan listings status`: registration only; the command lives in ../commands/listings.ts. */
import type { Command } from 'commander';
import { positiveInt, type Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { formatListingsStatus, listingsStatusCommand } from '../commands/listings.js';

export function registerListingsCommands(program: Command, out: Out): void {
  const listings = program.command('listings').description('listings published to the channels');
  listings
    .command('status')
    .description('what was sent per channel, marketplace and SKU, and the channel\'s verdict with its issues')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--channel <channel>', 'channel id, e.g. amazon-eu')
    .option('--status <status>', 'pending, accepted, accepted-with-warnings, rejected')
    .option('--sku <sku>')
    .option('--limit <n>', 'how many', positiveInt, 200)
    .option('--json', 'print JSON')
    .action(async (o: { tenant?: string; channel?: string; status?: string; sku?: string; limit: number; json?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const db = await ctx.db();
      try {
        const rows = await listingsStatusCommand({ db, config }, o);
        out(o.json ? JSON.stringify(rows, null, 2) : formatListingsStatus(rows));
      } finally {
        await db.destroy();
      }
    });
}
