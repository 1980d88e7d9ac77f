/** `caravan reconcile` and `caravan reconcile resolve`: registration only; the commands live in ../commands/reconcile.ts. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { CliError } from '../output.js';
import { firstReconcilePass, formatReconcileResult, formatWaiting, reconcileCommand, reconcileResolveCommand, startReconcile, type ReconcileOptions } from '../commands/reconcile.js';

export function registerReconcileCommands(program: Command, out: Out): void {
  const cmd = program
    .command('reconcile')
    .description("match the period's settlement lines to orders and payouts to bank deposits; name every discrepancy (missing order, amount mismatch, fee anomaly, refunds, payout not received), record it and write the report")
    .option('--from <YYYY-MM-DD>', 'first posting date of the period')
    .option('--to <YYYY-MM-DD>', 'last posting date of the period')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--as-of <YYYY-MM-DD>', 'with --local: the day the run looks from (grace periods end relative to it; default now)')
    .option('--rules <file>', "fee rules and tolerances as JSON ({ feeRules: [{ source, currency, percent, fixedMinor, toleranceMinor }], … }), instead of the tenant's reconcile.rules")
    .option('--out <dir>', "write the report there as CSV and JSON (default: the tenant's reconcile.reportsDir; with --local: no files)")
    .option('--local', 'run once in this process, without Temporal and without waiting for late data')
    .option('--no-wait', 'return after the first pass when items are pending (the run keeps waiting for late data)')
    .action(async (o: Partial<ReconcileOptions> & { local?: boolean; wait?: boolean }) => {
      if (o.from === undefined || o.to === undefined) {
        cmd.error('caravan reconcile needs --from and --to (YYYY-MM-DD)', { exitCode: 2 });
        return;
      }
      const ctx = createCliContext();
      if (!o.local) {
        if (o.asOf !== undefined) throw new CliError('--as-of goes with --local (the workflow looks from its own clock)', 2);
        const t = await ctx.temporal();
        try {
          const s = await startReconcile(t.client, ctx.config(), { ...o, from: o.from, to: o.to, taskQueue: ctx.env.CARAVAN_TASK_QUEUE });
          out(`${s.started ? 'started' : 'attached to running'} ${s.workflowId}`);
          const first = await firstReconcilePass(s.handle);
          if (first?.phase === 'waiting-for-late-data') {
            out(formatWaiting(first));
            if (o.wait === false) return;
            out('waiting for it (Ctrl-C leaves the run waiting; caravan runs shows it)');
          }
          out(formatReconcileResult(await s.handle.result()));
        } finally {
          await t.close();
        }
        return;
      }
      const db = await ctx.db();
      try {
        const r = await reconcileCommand({ db, config: ctx.config() }, { ...o, from: o.from, to: o.to });
        out(r.summary);
        if (r.files) out(`report: ${r.files.csv}\n        ${r.files.json}`);
      } finally {
        await db.destroy();
      }
    });
  cmd
    .command('resolve')
    .description('settle a discrepancy by hand, keeping who, when and why (it stays settled when found again)')
    .argument('<id>', 'the discrepancy id from the report')
    .requiredOption('--reason <text>', 'why it is settled')
    .option('--by <name>', 'who settles it (default: $USER)')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .action(async (id: string, o: { reason: string; by?: string; tenant?: string }) => {
      const ctx = createCliContext();
      const db = await ctx.db();
      try {
        out(await reconcileResolveCommand({ db, config: ctx.config() }, id, o));
      } finally {
        await db.destroy();
      }
    });
}
