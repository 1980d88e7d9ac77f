/** `caravan fx convert|refresh|backfill`: currency rates. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { formatFxResult, fxBackfillCommand, fxConvertCommand, fxRefreshCommand } from '../commands/fx.js';
import { createLogger } from '../../worker/logger.js';

export function registerFxCommands(program: Command, out: Out): void {
  const fx = program.command('fx').description('currency rates: explained conversions, refresh and backfill');
  fx.command('convert')
    .description('convert an amount on a date, explaining the rate, its date and source (reads the source first when the store has no rate)')
    .argument('<amount>', 'decimal amount, e.g. 100 or 19.99')
    .argument('<from>', 'ISO 4217 code')
    .argument('<to>', 'ISO 4217 code')
    .option('--date <YYYY-MM-DD>', 'the conversion date (default today); weekends and holidays use the last published rate and say so')
    .option('--source <id>', 'rate source from the config (default: fx.default)')
    .option('--rounding <mode>', 'half-even (default), half-up, half-down, up, down, ceiling, floor')
    .option('--json', 'print the conversion as JSON')
    .action(async (amount: string, from: string, to: string, o: { date?: string; source?: string; rounding?: string; json?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const db = await ctx.db();
      try {
        out(await fxConvertCommand({ db, config, logger: createLogger({ level: 'silent' }) }, { amount, from, to, ...o }));
      } finally {
        await db.destroy();
      }
    });
  fx.command('refresh')
    .description('store the latest published rates of a source now (the fxRefresh workflow, as the daily schedule runs it)')
    .option('--source <id>', 'rate source from the config (default: fx.default)')
    .action(async (o: { source?: string }) => {
      const ctx = createCliContext();
      const t = await ctx.temporal();
      try {
        out(formatFxResult(await fxRefreshCommand(t.client, ctx.config(), { ...o, ...(ctx.env.CARAVAN_TASK_QUEUE ? { taskQueue: ctx.env.CARAVAN_TASK_QUEUE } : {}) })));
      } finally {
        await t.close();
      }
    });
  fx.command('backfill')
    .description('store every published rate of a date range (the fxBackfill workflow)')
    .requiredOption('--from <YYYY-MM-DD>')
    .requiredOption('--to <YYYY-MM-DD>')
    .option('--source <id>', 'rate source from the config (default: fx.default)')
    .action(async (o: { source?: string; from: string; to: string }) => {
      const ctx = createCliContext();
      const t = await ctx.temporal();
      try {
        out(formatFxResult(await fxBackfillCommand(t.client, ctx.config(), { ...o, ...(ctx.env.CARAVAN_TASK_QUEUE ? { taskQueue: ctx.env.CARAVAN_TASK_QUEUE } : {}) })));
      } finally {
        await t.close();
      }
    });
}
