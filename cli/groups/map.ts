/** `caravan map KIND FILE`: registration only; the command lives in ../commands/map.ts. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { listKinds, mapCommand } from '../commands/map.js';

export function registerMapCommands(program: Command, out: Out): void {
  program
    .command('map')
    .description('print the canonical record(s) a vendor payload file maps to, or the typed error naming the field')
    .argument('<kind>', 'record kind, e.g. amazon.order (see --help)')
    .argument('<file>', 'file with the vendor payload (JSON, XML, or an Amazon TSV report in any charset, gzip or not)')
    .option('--items <file>', 'amazon.order: getOrderItems response(s) for the order(s)')
    .option('--shipment <file>', 'dhl.landed-cost: the canonical shipment the quote is for')
    .option('--feed <file>', 'amazon.feed-report: the submitted JSON_LISTINGS_FEED, to name the SKU of each messageId')
    .option('--channel <channel>', 'channel id to stamp on the records')
    .option('--charset <name>', 'read the file in this charset instead of detecting it (utf-8, shift_jis/windows-31j/cp932, windows-1252/cp1252, iso-8859-1, euc-jp, utf-16le)')
    .option('--marketplace <id|domain>', 'amazon.listings-report: the marketplace the report is of (A1PA6795UKMFR9, amazon.de, DE): its currency prices the listings')
    .addHelpText('after', `\nRecord kinds:\n${listKinds()}`)
    .action(async (kind: string, file: string, o: { items?: string; shipment?: string; feed?: string; channel?: string; charset?: string; marketplace?: string }) => {
      const { results, output } = await mapCommand(kind, file, o);
      out(output);
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}
