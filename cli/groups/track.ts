/** `caravan track NUMBER…`: parcels' canonical tracking, asked of the tenant's carrier. */
import type { Command } from 'commander';
import pino from 'pino';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { trackCommand, type TrackOptions } from '../commands/track.js';

export function registerTrackCommands(program: Command, out: Out): void {
  program
    .command('track')
    .description('where parcels are: the carrier connection (DHL Express, FedEx) asked now, each parcel as a canonical TrackingResult (status, the carrier\'s code, events)')
    .argument('<numbers...>', 'tracking numbers (waybills) of one carrier')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--channel <channel>', 'the carrier connection (default: the tenant\'s only one)')
    .action(async (numbers: string[], o: TrackOptions) => {
      const ctx = createCliContext();
      const results = await trackCommand({ config: ctx.config(), logger: pino({ level: 'silent' }) }, numbers, o);
      out(JSON.stringify(results.map((r) => (r.ok ? r.record : { error: r.error })), null, 2));
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}
