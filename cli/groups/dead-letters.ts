/** `caravan dead-letters …`: registration only; the commands live in ../commands/dead-letters.ts. */
import type { Command } from 'commander';
import { positiveInt, type Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { deadLettersListCommand, registerDeadLetterActions } from '../commands/dead-letters.js';
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
