/** `caravan bank import`: registration only; the command lives in ../commands/bank.ts. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { bankImportCommand, bankImportExitCode, bankImportWroteEntries, formatBankImportSummary, wakeReconcileRuns, type BankImportOptions } from '../commands/bank.js';
import { CliError } from '../output.js';

/** Temporal is optional for a bank import: a stopped server is noticed quickly. */
const WAKE_CONNECT_TIMEOUT_MS = 3_000;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerBankCommands(program: Command, out: Out): void {
  const bank = program.command('bank').description('bank statements: the deposits payouts are reconciled against');
  bank
    .command('import')
    .description('import a bank statement (ISO 20022 camt.053 XML or CSV); bad entries are listed by place and field, the rest imported; a re-import adds nothing')
    .argument('<file>', 'statement.xml (camt.053.001.02 … .13) or statement.csv')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--format <camt053|csv>', "the file's format (default: from its extension)")
    .option('--account <iban>', 'the account: required for CSV; for camt.053, statements for another account are refused')
    .option('--currency <code>', 'CSV: the currency of every amount, when the file has no currency column')
    .option('--decimal-comma', 'CSV: amounts are written with a decimal comma (12,50; 1.234,56)')
    .option('--column <field=Header>', 'CSV: the header of a field (date, valueDate, amount, currency, description, reference, counterparty, endToEndId, creditDebit, status: a booked or pending mark); repeatable', collect)
    .option('--slash-dates <dmy|mdy>', 'CSV: how dates like 03/04/2026 are written')
    .option('--charset <name>', 'read the file in this charset instead of detecting it')
    .option('--dry-run', 'read and check the file, write nothing')
    .option('--no-wake', "do not tell the tenant's waiting reconcile runs (by default, new entries wake them through Temporal)")
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, o: BankImportOptions & { json?: boolean; wake: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const db = await ctx.db();
      try {
        const summary = await bankImportCommand({ db, config }, file, o);
        if (o.wake && bankImportWroteEntries(summary)) {
          try {
            const t = await ctx.temporal({ connectTimeoutMs: WAKE_CONNECT_TIMEOUT_MS });
            try {
              summary.reconcileRunsWoken = await wakeReconcileRuns(t.client, summary);
            } finally {
              await t.close();
            }
          } catch (e) {
            // The entries are stored whatever happens here: a waiting run reads them at its deadline, the next run anyway.
            summary.wakeSkipped = e instanceof CliError ? e.message : `Temporal: ${(e as Error).message.split('\n')[0]}`;
          }
        }
        out(o.json ? JSON.stringify(summary, null, 2) : formatBankImportSummary(summary));
        const code = bankImportExitCode(summary);
        if (code !== 0) process.exitCode = code;
      } finally {
        await db.destroy();
      }
    });
}
