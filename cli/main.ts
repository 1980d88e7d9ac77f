/**
 * `caravan`: the ops CLI. Run it as `npm run caravan -- <command>` or `bin/caravan <command>`.
 * This file assembles the command groups (cli/groups/) and turns failures into one
 * clear line and an exit code: 2 for bad arguments or config, 1 for a failed operation.
 * A stack trace only with --verbose or CARAVAN_DEBUG=1.
 */
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/errors.js';
import type { Out } from './arguments.js';
import { registerBackfillCommands } from './groups/backfill.js';
import { registerBankCommands } from './groups/bank.js';
import { registerLedgerCommands } from './groups/ledger.js';
import { registerReconcileCommands } from './groups/reconcile.js';
import { registerCatalogCommands } from './groups/catalog.js';
import { registerDeadLettersCommands } from './groups/dead-letters.js';
import { registerFxCommands } from './groups/fx.js';
import { registerMapCommands } from './groups/map.js';
import { registerQuoteCommands } from './groups/quotes.js';
import { registerRunsCommands } from './groups/runs.js';
import { registerSchedulesCommands } from './groups/schedules.js';
import { registerServeCommands } from './groups/serve.js';
import { registerShipConfirmCommands } from './groups/ship-confirm.js';
import { registerShipCommands } from './groups/ship.js';
import { registerStackCommands } from './groups/stack.js';
import { registerSyncCommands } from './groups/sync.js';
import { registerListingsCommands } from './groups/listings.js';
import { registerConnectCommands } from './groups/connect.js';
import { registerTrackCommands } from './groups/track.js';
import { CliError } from './output.js';

export function buildProgram(out: Out = (s) => console.log(s)): Command {
  const program = new Command('caravan')
    .description('Caravan: connector hub for cross-border commerce, on Temporal')
    .option('--verbose', 'print the stack trace of a failure (as CARAVAN_DEBUG=1 does)')
    .showHelpAfterError()
    .exitOverride();
  registerStackCommands(program, out);
  registerSyncCommands(program, out);
  registerBackfillCommands(program, out);
  registerRunsCommands(program, out);
  registerFxCommands(program, out);
  registerQuoteCommands(program, out);
  registerSchedulesCommands(program, out);
  registerDeadLettersCommands(program, out);
  registerMapCommands(program, out);
  registerCatalogCommands(program, out);
  registerShipConfirmCommands(program, out);
  registerListingsCommands(program, out);
  registerConnectCommands(program, out);
  registerTrackCommands(program, out);
  registerBankCommands(program, out);
  registerLedgerCommands(program, out);
  registerReconcileCommands(program, out);
  registerServeCommands(program, out);
  registerShipCommands(program, out);
  return program;
}

/**
 * A bug rather than a failure of the operation: JavaScript's own error classes (and
 * anything thrown that is not an Error). Every other error (a config, a port, a vendor's
 * reply, an unreachable server) says what went wrong in its message alone.
 */
function isBug(e: unknown): boolean {
  return (
    !(e instanceof Error) ||
    e instanceof TypeError ||
    e instanceof ReferenceError ||
    e instanceof RangeError ||
    e instanceof SyntaxError ||
    e.name === 'AssertionError'
  );
}

function debugEnabled(): boolean {
  return /^(1|true|yes)$/.test(process.env.CARAVAN_DEBUG ?? '');
}

export function exitCodeOf(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  if (e instanceof ConfigError) return 2;
  return 1;
}

/** The lines printed on stderr for a failure. */
export function formatFailure(e: unknown, verbose: boolean): string {
  const message = e instanceof Error ? e.message : String(e);
  if (verbose) return `caravan: ${message}\n${e instanceof Error ? (e.stack ?? '') : ''}`;
  if (!isBug(e)) return `caravan: ${message}`;
  return `caravan: ${message}\n(an unexpected failure: --verbose or CARAVAN_DEBUG=1 prints its stack trace)`;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const verbose = !!program.opts().verbose || argv.includes('--verbose') || debugEnabled();
    console.error(formatFailure(e, verbose));
    return exitCodeOf(e);
  }
}

/** Runs the command line and ends the process with its exit code (bin/caravan, npm run caravan). */
export function runCli(argv: string[]): void {
  main(argv).then((code) => {
    process.exitCode = code;
    // Whatever a failed or finished command left open (a socket, a timer) must not keep
    // the process alive: the commands close what they open, this is the backstop.
    setTimeout(() => {
      if (debugEnabled()) console.error(`caravan: still open after exit: ${process.getActiveResourcesInfo().join(', ')}`);
      process.exit(code);
    }, 2000).unref();
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runCli(process.argv.slice(2));
