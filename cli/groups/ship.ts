/** `caravan ship ORDER`, `caravan rates FILE`, `caravan labels get ORDER`: labels from the tenant's carriers. */
import type { Command } from 'commander';
import { documentsDir } from '../../activities/fulfil-order.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { createDocumentStore } from '../../store/document-store.js';
import { createLogger } from '../../worker/logger.js';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { labelsGetCommand, type LabelsGetOptions } from '../commands/labels.js';
import { ratesCommand, type RatesOptions } from '../commands/rates.js';
import { shipCommand, type ShipOptions } from '../commands/ship.js';

async function shippingDeps() {
  const ctx = createCliContext();
  const config = ctx.config();
  const logger = createLogger({ level: 'silent' });
  return { ctx, config, logger, db: await ctx.db(), documents: createDocumentStore(documentsDir(ctx.env.CARAVAN_DATA_DIR)), vendors: createVendorClients({ config, logger }) };
}

export function registerShipCommands(program: Command, out: Out): void {
  program
    .command('ship')
    .description('ship an imported order: parcels and customs declaration, duties for DDP, rates across the tenant\'s carriers, the label, its confirmation to the channel')
    .argument('<order>', 'the channel\'s order id, as imported by caravan sync orders')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--channel <channel>', 'the order\'s channel (default: the channel whose imported orders hold it)')
    .option('--carrier <carrier>', 'auto (shop every carrier of the tenant by its rule), dhl, fedex, or a carrier connection id', 'auto')
    .option('--incoterm <DAP|DDP>', 'who pays duties and taxes (default: the tenant\'s shipping.defaultIncoterm)')
    .option('--dry-run', 'print the plan and the chosen rate; buy nothing')
    .action(async (order: string, o: Omit<ShipOptions, 'taskQueue'>) => {
      const d = await shippingDeps();
      try {
        if (o.dryRun) {
          out(await shipCommand(d, order, o));
          return;
        }
        const t = await d.ctx.temporal();
        try {
          out(await shipCommand({ ...d, client: t.client }, order, { ...o, taskQueue: d.ctx.env.CARAVAN_TASK_QUEUE }));
        } finally {
          await t.close();
        }
      } finally {
        await d.db.destroy();
      }
    });

  program
    .command('rates')
    .description('quotes for a canonical shipment (JSON) from every carrier of the tenant, ranked by its rule')
    .argument('<file>', 'canonical shipment JSON (ship-from, ship-to, incoterm, customs items, parcels)')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--carrier <carrier>', 'one carrier only: dhl, fedex or a connection id (default: every configured one)')
    .option('--rule <rule>', 'cheapest, fastest or within:N days (default: the tenant\'s shipping.rule)')
    .option('--json', 'print the ranking as JSON')
    .action(async (file: string, o: RatesOptions) => {
      const d = await shippingDeps();
      try {
        out(await ratesCommand(d, file, o));
      } finally {
        await d.db.destroy();
      }
    });

  program
    .command('labels')
    .description('labels and documents of shipped orders, from the document store')
    .command('get')
    .description('write the stored labels and documents of an order to files')
    .argument('<order>', 'the channel\'s order id')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--channel <channel>', 'the order\'s channel (default: the channel whose imported orders hold it)')
    .option('--out <dir>', 'folder to write the files to (default: the current folder)')
    .action(async (order: string, o: LabelsGetOptions) => {
      const d = await shippingDeps();
      try {
        for (const line of await labelsGetCommand(d, order, o)) out(line);
      } finally {
        await d.db.destroy();
      }
    });
}
