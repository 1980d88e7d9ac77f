/** `caravan ledger import KIND FILE`: registration only; the command lives in ../commands/ledger.ts. */
import type { Command } from 'commander';
import pino from 'pino';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { formatLedgerImport, ledgerImportCommand } from '../commands/ledger.js';

export function registerLedgerCommands(program: Command, out: Out): void {
  const ledger = program.command('ledger').description("the settlement ledger: every payment provider's and marketplace's lines, in the tenant's currency");
  ledger
    .command('import')
    .description('import the settlement lines of a payment or marketplace file (a caravan map kind: stripe.balance-transactions, paypal.transactions, amazon.settlement-report …); a re-import adds nothing')
    .argument('<kind>', 'the file\'s record kind, as caravan map names it')
    .argument('<file>', 'the file as the vendor sent it')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--charset <name>', 'read the file in this charset instead of detecting it')
    .option('--json', 'print the summary as JSON')
    .action(async (kind: string, file: string, o: { tenant?: string; charset?: string; json?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const db = await ctx.db();
      try {
        const summary = await ledgerImportCommand({ db, config, logger: pino({ level: 'silent' }) }, kind, file, o);
        out(o.json ? JSON.stringify(summary, null, 2) : formatLedgerImport(summary));
      } finally {
        await db.destroy();
      }
    });
}
