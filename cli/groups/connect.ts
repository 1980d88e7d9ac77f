/** `caravan connect CHANNEL`: the seller's OAuth consent for AliExpress and Alibaba.com connections. */
import type { Command } from 'commander';
import pino from 'pino';
import type { Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import { connectCommand, formatConnectResult, type ConnectOptions } from '../commands/connect.js';

export function registerConnectCommands(program: Command, out: Out): void {
  program
    .command('connect')
    .description("authorise the app on a seller's account (AliExpress, Alibaba.com): print the consent page, then exchange the code it returns for tokens, stored where the connection's secrets point")
    .argument('<channel>', 'the connection, e.g. aliexpress')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--redirect-uri <url>', 'the callback URL registered for the app in the platform console (first step)')
    .option('--state <text>', 'the state to put in the consent URL (default: random)')
    .option('--code <code>', 'the authorisation code the platform sent to the redirect URI (second step)')
    .option('--print-tokens', 'print tokens whose secret is an environment variable (the command cannot set it)')
    .action(async (channel: string, o: ConnectOptions) => {
      const ctx = createCliContext();
      const r = await connectCommand({ config: ctx.config(), logger: pino({ level: 'silent' }) }, channel, o);
      out(formatConnectResult(channel, r));
    });
}
