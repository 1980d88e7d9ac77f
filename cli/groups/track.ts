/** `caravan track NUMBER… [--follow]`: parcels' canonical tracking, asked of the tenant's carrier now, or followed by a workflow. */
import type { Command } from 'commander';
import pino from 'pino';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { CliError } from '../output.js';
import { trackCommand, trackFollowCommand, type TrackFollowOptions } from '../commands/track.js';

export function registerTrackCommands(program: Command, out: Out): void {
  program
    .command('track')
    .description('where parcels are: the carrier connection (DHL Express, FedEx) asked now, each parcel as a canonical TrackingResult (status, the carrier\'s code, events)')
    .argument('<numbers...>', 'tracking numbers (waybills) of one carrier')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--channel <channel>', 'the carrier connection (default: the tenant\'s only one)')
    .option('--follow', 'start (or find running) the trackShipment workflow of each parcel: polled to delivery, events recorded, stalls raised')
    .option('--order <id>', 'with --follow: the order the parcel ships, to find it by (search attribute CaravanOrderId)')
    .action(async (numbers: string[], o: Omit<TrackFollowOptions, 'taskQueue'> & { follow?: boolean }) => {
      const ctx = createCliContext();
      if (o.follow) {
        const t = await ctx.temporal();
        try {
          const followed = await trackFollowCommand({ client: t.client, config: ctx.config() }, numbers, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE });
          for (const f of followed) out(`${f.started ? 'following' : 'already following'} ${f.carrier} ${f.trackingNumber}: workflow ${f.workflowId}`);
        } finally {
          await t.close();
        }
        return;
      }
      if (o.order !== undefined) throw new CliError('--order goes with --follow', 2);
      const results = await trackCommand({ config: ctx.config(), logger: pino({ level: 'silent' }) }, numbers, o);
      out(JSON.stringify(results.map((r) => (r.ok ? r.record : { error: r.error })), null, 2));
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}
