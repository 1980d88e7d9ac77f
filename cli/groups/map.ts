/** `caravan map KIND FILE`: registration only; the command lives in ../commands/map.ts. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { listKinds, mapCommand } from '../commands/map.js';

export function registerMapCommands(program: Command, out: Out): void {
  program
    .command('map')
    .description('print the canonical record(s) a vendor payload file maps to, or the typed error naming the field')
    .argument('<kind>', 'record kind, e.g. amazon.order (see --help)')
    .argument('<file>', 'JSON file with the vendor payload')
    .option('--items <file>', 'amazon.order: getOrderItems response(s) for the order(s)')
    .option('--shipment <file>', 'dhl.landed-cost: the canonical shipment the quote is for')
    .option('--channel <channel>', 'channel id to stamp on the records')
    .addHelpText('after', `\nRecord kinds:\n${listKinds()}`)
    .action(async (kind: string, file: string, o: { items?: string; shipment?: string; channel?: string }) => {
      const { results, output } = await mapCommand(kind, file, o);
      out(output);
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}
