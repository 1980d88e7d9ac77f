/** `caravan runs`: recent runs from Temporal visibility. */
import type { Command } from 'commander';
import { positiveInt, type Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { formatRuns, listRuns } from '../commands/runs.js';

export function registerRunsCommands(program: Command, out: Out): void {
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
}
