/** `caravan serve`: registration only; the command lives in ../commands/serve.ts. */
import { InvalidArgumentError, type Command } from 'commander';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { DEFAULT_SERVE_HOST, DEFAULT_SERVE_PORT, serveCommand } from '../commands/serve.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0–65535; 0 picks a free one)');
  return n;
}

export function registerServeCommands(program: Command, out: Out): void {
  program
    .command('serve')
    .description('take payment providers\' webhooks: POST /webhooks/stripe/<tenant> and /webhooks/paypal/<tenant>, each event recorded once and processed by its workflow')
    .option('--port <n>', `port to listen on (default ${DEFAULT_SERVE_PORT})`, port)
    .option('--host <host>', `address to bind (default ${DEFAULT_SERVE_HOST})`)
    .action(async (o: { port?: number; host?: string }) => {
      const ctx = createCliContext();
      const config = ctx.config();
      const { createLogger } = await import('../../worker/logger.js');
      const logger = createLogger({ name: 'caravan-serve' });
      const temporal = await ctx.temporal();
      const db = await ctx.db();
      let running: Awaited<ReturnType<typeof serveCommand>>;
      try {
        running = await serveCommand({ db, config, client: temporal.client, logger }, o);
      } catch (e) {
        await db.destroy();
        await temporal.close();
        throw e;
      }
      out(`listening on ${running.url}: POST /webhooks/stripe/<tenant>, POST /webhooks/paypal/<tenant> (tenants: ${Object.keys(config.tenants).join(', ')})`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await running.close();
      await db.destroy();
      await temporal.close();
    });
}
