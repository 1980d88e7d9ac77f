/** `caravan demo`, `caravan worker`, `caravan temporal-cli`, `caravan stripe-mock`: the processes Caravan runs. */
import type { Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { demoCommand } from '../commands/demo.js';

export function registerStackCommands(program: Command, out: Out): void {
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
      const { resolveTemporalCli } = await import('../../worker/temporal-cli.js');
      const cli = await resolveTemporalCli({ log: (l) => console.error(l) });
      out(`${cli.path}\t${cli.version}\t${cli.source}`);
    });

  program
    .command('stripe-mock')
    .description("find stripe-mock (Stripe's own API mock, for the Stripe contract tests), building it once with `go install` if needed; print its path")
    .action(async () => {
      const { resolveStripeMock } = await import('../../worker/stripe-mock.js');
      const mock = await resolveStripeMock({ log: (l) => console.error(l) });
      out(`${mock.path}\t${mock.version}\t${mock.source}`);
    });

  program
    .command('worker')
    .description('run a worker process against TEMPORAL_ADDRESS')
    .action(async () => {
      const { runWorkerProcess } = await import('../../worker/main.js');
      const { releaseTemporalRuntime } = await import('../../worker/temporal-runtime.js');
      try {
        await runWorkerProcess();
      } finally {
        // A worker that failed to start leaves the runtime installed, which would keep the process alive.
        await releaseTemporalRuntime();
      }
    });
}
