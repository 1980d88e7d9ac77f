/** `caravan tax quote` and `caravan duty quote`: explained quotes for an order or shipment file. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { dutyQuoteCommand, taxQuoteCommand } from '../commands/quotes.js';
import { createLogger } from '../../worker/logger.js';

const quoteOptions = (c: Command) =>
  c
    .argument('<file>', 'canonical JSON: an order or a shipment')
    .option('--tenant <tenant>', 'whose seller profile, provider and tariff to use (default: the only tenant)')
    .option('--provider <provider>', 'builtin, or one of the tenant\'s connections (avalara, dhl …); default from the config')
    .option('--date <YYYY-MM-DD>', 'the rules and rates of this day (default: the order date, or today)')
    .option('--json', 'print the quote as JSON');

async function quoteDeps() {
  const ctx = createCliContext();
  return { config: ctx.config(), db: await ctx.db(), logger: createLogger({ level: 'silent' }) };
}

export function registerQuoteCommands(program: Command, out: Out): void {
  quoteOptions(program.command('tax').description('VAT/GST and sales tax').command('quote').description('the tax due on an order or shipment, each line explained'))
    .option('--buyer-vat <number>', 'quote for a business buyer with this VAT number (reverse charge where it qualifies)')
    .action(async (file: string, o: { tenant?: string; provider?: string; date?: string; buyerVat?: string; json?: boolean }) => {
      const deps = await quoteDeps();
      try {
        out(await taxQuoteCommand(deps, file, o));
      } finally {
        await deps.db.destroy();
      }
    });
  quoteOptions(program.command('duty').description('duty and landed cost').command('quote').description('duty, import tax and fees of a shipment or order, each line explained'))
    .option('--incoterm <DAP|DDP>', 'who pays duties and taxes (default: the shipment\'s, or DAP for an order)')
    .action(async (file: string, o: { tenant?: string; provider?: string; date?: string; incoterm?: string; json?: boolean }) => {
      const deps = await quoteDeps();
      try {
        out(await dutyQuoteCommand(deps, file, o));
      } finally {
        await deps.db.destroy();
      }
    });
}
