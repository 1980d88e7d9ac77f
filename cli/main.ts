/**
 * `caravan`: the ops CLI. Run it as `npm run caravan -- <command>` or `bin/caravan <command>`.
 */
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError } from '../worker/env.js';
import { createCliContext } from './context.js';
import { deadLettersListCommand } from './commands/dead-letters.js';
import { demoCommand } from './commands/demo.js';
import { listKinds, mapCommand } from './commands/map.js';
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

  program
    .command('map')
    .description('print the canonical record(s) a vendor payload file maps to, or the typed error naming the field')
    .argument('<kind>', 'record kind, e.g. amazon.order (see --help)')
    .argument('<file>', 'JSON file with the vendor payload')
    .option('--items <file>', 'amazon.order: getOrderItems response(s) for the order(s)')
    .option('--channel <channel>', 'channel id to stamp on the records')
    .addHelpText('after', `\nRecord kinds:\n${listKinds()}`)
    .action((kind: string, file: string, o: { items?: string; channel?: string }) => {
      const { results, output } = mapCommand(kind, file, o);
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
