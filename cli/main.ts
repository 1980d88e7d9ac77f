/**
 * `caravan`: the ops CLI. Run it as `npm run caravan -- <command>` or `bin/caravan <command>`.
 */
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError } from '../worker/env.js';
import { createLogger } from '../worker/logger.js';
import { createCliContext } from './context.js';
import { deadLettersListCommand, registerDeadLetterActions } from './commands/dead-letters.js';
import { demoCommand } from './commands/demo.js';
import { listKinds, mapCommand } from './commands/map.js';
import { formatFxResult, fxBackfillCommand, fxConvertCommand, fxRefreshCommand } from './commands/fx.js';
import { dutyQuoteCommand, taxQuoteCommand } from './commands/quotes.js';
import { formatRuns, listRuns } from './commands/runs.js';
import { applySchedules, listSchedules } from './commands/schedules.js';
import { formatSyncSummaries, syncOrdersCommand } from './commands/sync.js';
import { CliError } from './output.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function buildProgram(out: (s: string) => void = (s) => console.log(s)): Command {
  const program = new Command('caravan')
    .description('Caravan: connector hub for cross-border commerce, on Temporal')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('demo')
    .description('start the embedded stack, import the demo tenant\'s orders from the sandbox, keep running (npm start)')
    .option('--exit-when-done', 'stop everything after the import instead of waiting for Ctrl-C')
    .action(async (o: { exitWhenDone?: boolean }) => {
      const ctx = createCliContext();
      await demoCommand(ctx.env, ctx.configPath, { exitWhenDone: !!o.exitWhenDone });
    });

  program
    .command('temporal-cli')
    .description('find the Temporal CLI for the embedded dev server, building it once with `go install` if needed; print its path')
    .action(async () => {
      const { resolveTemporalCli } = await import('../worker/temporal-cli.js');
      const cli = await resolveTemporalCli({ log: (l) => console.error(l) });
      out(`${cli.path}\t${cli.version}\t${cli.source}`);
    });

  program
    .command('worker')
    .description('run a worker process against TEMPORAL_ADDRESS')
    .action(async () => {
      const { runWorkerProcess } = await import('../worker/main.js');
      await runWorkerProcess();
    });

  const sync = program.command('sync').description('start syncs');
  sync
    .command('orders')
    .description('import a channel\'s orders (a channel id, or a vendor name for all its channels)')
    .requiredOption('--tenant <tenant>', 'tenant id from the config file')
    .requiredOption('--channel <channel>', 'channel id (e.g. amazon-eu) or vendor (amazon)')
    .option('--since <time>', 'read from this time instead of the stored cursor: ISO 8601 or relative (90m, 36h, 7d)')
    .option('--page-size <n>', 'orders per vendor page', positiveInt)
    .option('--wait', 'wait for the import to finish and print its summary')
    .action(async (o: { tenant: string; channel: string; since?: string; pageSize?: number; wait?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        const summaries = await syncOrdersCommand(t.client, config, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
        if (summaries) out(formatSyncSummaries(summaries, { cursor: true }));
      } finally {
        await t.close();
      }
    });

  program
    .command('runs')
    .description('recent runs from Temporal visibility, with status and counts')
    .option('--tenant <tenant>')
    .option('--channel <channel>')
    .option('--flow <flow>', 'e.g. orders-sync')
    .option('--status <status>', 'Running, Completed, Failed, …')
    .option('--limit <n>', 'how many', positiveInt, 20)
    .option('--json', 'print JSON')
    .action(async (o: { tenant?: string; channel?: string; flow?: string; status?: string; limit: number; json?: boolean }) => {
      const ctx = createCliContext();
      const t = await ctx.temporal();
      try {
        const rows = await listRuns(t.client, o);
        out(o.json ? JSON.stringify(rows, null, 2) : formatRuns(rows));
      } finally {
        await t.close();
      }
    });

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

  const quoteOptions = (c: Command) =>
    c
      .argument('<file>', 'canonical JSON: an order or a shipment')
      .option('--tenant <tenant>', 'whose seller profile, provider and tariff to use (default: the only tenant)')
      .option('--provider <provider>', 'builtin, or one of the tenant\'s connections (avalara, dhl …); default from the config')
      .option('--date <YYYY-MM-DD>', 'the rules and rates of this day (default: the order date, or today)')
      .option('--json', 'print the quote as JSON');
  const quoteDeps = async () => {
    const ctx = createCliContext();
    return { config: ctx.config(), db: await ctx.db(), logger: createLogger({ level: 'silent' }) };
  };
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

  const schedules = program.command('schedules').description('Temporal Schedules for periodic work, from the tenants file');
  schedules
    .command('apply')
    .description('create, update or delete Caravan\'s schedules to match the tenants file (orders.schedule per connection)')
    .option('--dry-run', 'print what would change, change nothing')
    .action(async (o: { dryRun?: boolean }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const t = await ctx.temporal();
      try {
        const r = await applySchedules(t.client, config, { taskQueue: ctx.env.CARAVAN_TASK_QUEUE, dryRun: !!o.dryRun });
        const verb = o.dryRun ? 'would be ' : '';
        for (const [what, ids] of [['created', r.created], ['updated', r.updated], ['deleted', r.deleted]] as const) {
          for (const id of ids) out(`${verb}${what}: ${id}`);
        }
        if (!r.created.length && !r.updated.length && !r.deleted.length) out('no schedules configured (set orders.schedule.every on a connection)');
      } finally {
        await t.close();
      }
    });
  schedules
    .command('list')
    .description('Caravan\'s schedules with their interval, state and next run')
    .action(async () => {
      const ctx = createCliContext();
      const t = await ctx.temporal();
      try {
        out(await listSchedules(t.client));
      } finally {
        await t.close();
      }
    });

  const dl = program.command('dead-letters').description('records a sync could not import');
  dl.command('list')
    .description('list dead letters, newest first')
    .option('--tenant <tenant>')
    .option('--channel <channel>')
    .option('--flow <flow>')
    .option('--all', 'include resolved ones')
    .option('--limit <n>', 'how many', positiveInt, 50)
    .option('--json', 'print JSON with the payloads')
    .action(async (o: { tenant?: string; channel?: string; flow?: string; all?: boolean; limit: number; json?: boolean }) => {
      const ctx = createCliContext();
      if (o.tenant && !ctx.config().tenants[o.tenant]) {
        throw new CliError(`unknown tenant "${o.tenant}" (configured: ${Object.keys(ctx.config().tenants).join(', ')})`);
      }
      const db = await ctx.db();
      try {
        out(await deadLettersListCommand(db, o));
      } finally {
        await db.destroy();
      }
    });
  registerDeadLetterActions(dl, out);

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

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliError) {
      console.error(`caravan: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof ConfigError) {
      console.error(`caravan: ${e.message}`);
      return 2;
    }
    console.error(e);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
