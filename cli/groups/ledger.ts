/** `caravan ledger import|sync|settlements`: registration only; the commands live in ../commands/ledger.ts and ledger-sync.ts. */
import type { Command } from 'commander';
import pino from 'pino';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { formatLedgerImport, ledgerImportCommand } from '../commands/ledger.js';
import { ledgerSettlementsCommand, ledgerSyncCommand } from '../commands/ledger-sync.js';

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
  ledger
    .command('sync')
    .description("import a payment source's transactions of a period into the ledger (paymentLedgerSync: PayPal, Stripe or Amazon Finances connection); a re-run adds nothing")
    .requiredOption('--tenant <tenant>', 'tenant id from the config file')
    .requiredOption('--channel <connection>', 'the connection id (e.g. paypal)')
    .option('--from <date>', 'start: YYYY-MM-DD or an ISO 8601 time (default 30 days before --to)')
    .option('--to <date>', 'end: YYYY-MM-DD (that day included) or an ISO 8601 time (default now)')
    .option('--no-wait', 'start the import and return without waiting for its summary')
    .action(async (o: { tenant: string; channel: string; from?: string; to?: string; wait: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        await ledgerSyncCommand(t.client, config, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
      } finally {
        await t.close();
      }
    });
  ledger
    .command('settlements')
    .description("import an Amazon connection's settlement reports into the ledger (settlementsImport: the V2 flat files Amazon publishes when a settlement closes)")
    .requiredOption('--tenant <tenant>', 'tenant id from the config file')
    .requiredOption('--channel <connection>', 'the Amazon connection id (e.g. amazon-eu)')
    .option('--since <date>', 'reports created since: YYYY-MM-DD or an ISO 8601 time (default Amazon\'s: 90 days)')
    .option('--no-wait', 'start the import and return without waiting for its summary')
    .action(async (o: { tenant: string; channel: string; since?: string; wait: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        await ledgerSettlementsCommand(t.client, config, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
      } finally {
        await t.close();
      }
    });
}
