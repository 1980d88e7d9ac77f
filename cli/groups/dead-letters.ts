/** `caravan dead-letters …`: registration only; the commands live in ../commands/dead-letters.ts. */
import type { Command } from 'commander';
import { positiveInt, type Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { deadLettersListCommand, deadLettersReplayCommand, deadLettersResolveCommand } from '../commands/dead-letters.js';
import { CliError } from '../output.js';

export function registerDeadLettersCommands(program: Command, out: Out): void {
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
  // replay and resolve
  registerDeadLetterActions(dl, out);
}

const collectIds = (value: string, previous: number[] | undefined): number[] => [...(previous ?? []), positiveInt(value)];

/** `replay` and `resolve` of the `dead-letters` group. */
function registerDeadLetterActions(group: Command, out: Out): void {
  group
    .command('replay')
    .description('map open dead letters again with today\'s code and import what now maps (a workflow, counted as a run)')
    .requiredOption('--tenant <tenant>', 'tenant id from the config file')
    .option('--id <n>', 'a dead letter id (repeat for several)', collectIds)
    .option('--channel <channel>', 'every open dead letter of a channel (or of a vendor\'s channels)')
    .option('--all', 'every open dead letter of the tenant')
    .option('--dry-run', 'say what would map, write nothing (runs here, without Temporal)')
    .option('--no-wait', 'start the replay and return')
    .option('--by <name>', 'who asks (kept on the letters it resolves; default: your user name)')
    .action(async (o: { tenant: string; id?: number[]; channel?: string; all?: boolean; dryRun?: boolean; wait: boolean; by?: string }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const db = await ctx.db();
      try {
        await deadLettersReplayCommand({ db, config, temporal: () => ctx.temporal() }, { ...o, taskQueue: ctx.env.CARAVAN_TASK_QUEUE }, out);
      } finally {
        await db.destroy();
      }
    });
  group
    .command('resolve')
    .description('close a dead letter by hand, keeping who, when and why')
    .requiredOption('--id <n>', 'the dead letter id', positiveInt)
    .requiredOption('--reason <text>', 'why it needs no import (kept with the letter)')
    .option('--by <name>', 'who closes it (default: your user name)')
    .action(async (o: { id: number; reason: string; by?: string }) => {
      const ctx = createCliContext();
      const db = await ctx.db();
      try {
        out(await deadLettersResolveCommand(db, o));
      } finally {
        await db.destroy();
      }
    });
}
