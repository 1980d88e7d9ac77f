/** `caravan map KIND FILE` and `caravan map --preview listing SKU`: registration only; the commands live in ../commands/map.ts. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { createListingPreviewDeps, listingPreviewCommand, listKinds, mapCommand } from '../commands/map.js';
import { CliError } from '../output.js';

type MapOptions = {
  items?: string;
  shipment?: string;
  feed?: string;
  channel?: string;
  charset?: string;
  marketplace?: string;
  preview?: boolean;
  product?: string;
  productTypeSchema?: string;
  tenant?: string;
  date?: string;
};

export function registerMapCommands(program: Command, out: Out): void {
  program
    .command('map')
    .description('print the canonical record(s) a vendor payload file maps to, or the typed error naming the field; with --preview listing SKU: the listing a product becomes on a channel')
    .argument('<kind>', 'record kind, e.g. amazon.order (see --help); with --preview: listing')
    .argument('<file>', 'file with the vendor payload (JSON, XML, or an Amazon TSV report in any charset, gzip or not); with --preview: the SKU')
    .option('--items <file>', 'amazon.order: getOrderItems response(s) for the order(s)')
    .option('--shipment <file>', 'dhl.landed-cost: the canonical shipment the quote is for')
    .option('--feed <file>', 'amazon.feed-report: the submitted JSON_LISTINGS_FEED, to name the SKU of each messageId')
    .option('--channel <channel>', 'channel id to stamp on the records')
    .option('--charset <name>', 'read the file in this charset instead of detecting it (utf-8, shift_jis/windows-31j/cp932, windows-1252/cp1252, iso-8859-1, euc-jp, utf-16le)')
    .option('--marketplace <id|domain>', 'amazon.listings-report: the marketplace the report is of (A1PA6795UKMFR9, amazon.de, DE): its currency prices the listings; --preview: the one marketplace to preview (default: every marketplace of the channel\'s listings section)')
    .option('--preview', 'preview listing SKU --channel C: the Listings Items put body, price and findings the channel\'s listing rules give the product (sends nothing)')
    .option('--product <file>', '--preview: the canonical Product as JSON (instead of the catalogue store)')
    .option('--product-type-schema <file>', '--preview: the product type\'s JSON Schema (Product Type Definitions) to check the attributes against')
    .option('--tenant <tenant>', '--preview: whose listing rules (default: the only tenant)')
    .option('--date <YYYY-MM-DD>', '--preview: the day of the FX rates for converted prices (default today; stored rates only)')
    .addHelpText('after', `\nRecord kinds:\n${listKinds()}\n\nPreview: caravan map --preview listing SKU --channel amazon-eu [--marketplace amazon.co.uk] --product product.json`)
    .action(async (kind: string, file: string, o: MapOptions) => {
      if (o.preview) {
        if (kind !== 'listing') throw new CliError(`--preview knows one kind: listing (caravan map --preview listing SKU --channel C), not "${kind}"`);
        const deps = createListingPreviewDeps(createCliContext());
        try {
          const { previews, output } = await listingPreviewCommand(deps, file, o);
          out(output);
          if (previews.some((p) => p.issues.some((i) => i.severity === 'error'))) process.exitCode = 1;
        } finally {
          await deps.close();
        }
        return;
      }
      const { results, output } = await mapCommand(kind, file, o);
      out(output);
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}
