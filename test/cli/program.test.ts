/** The assembled `caravan` program: the README's command list, exit codes, and failures as one line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram, formatFailure, main } from '../../cli/main.js';
import { CliError, StartupError } from '../../cli/output.js';
import { ConfigError } from '../../config/errors.js';
import { PortInUseError } from '../../worker/dev-server.js';

const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

/** Every `bin/caravan …` line of the README's shell blocks, without comments. */
function readmeCommandLines(): string[] {
  return [...README.matchAll(/^bin\/caravan (.+?)(?:\s+#.*)?$/gm)].map((m) => m[1]!.trim());
}

function findCommand(program: Command, words: string[]): { command: Command; rest: string[] } {
  let command = program;
  let i = 0;
  for (; i < words.length; i++) {
    const sub = command.commands.find((c) => c.name() === words[i]);
    if (!sub) break;
    command = sub;
  }
  return { command, rest: words.slice(i) };
}

describe('caravan program', () => {
  it('has every command and option the README shows', () => {
    const program = buildProgram();
    const lines = readmeCommandLines();
    expect(lines.length).toBeGreaterThan(15);
    for (const line of lines) {
      const words = line.split(/\s+/);
      const { command } = findCommand(program, words.filter((w) => !w.startsWith('-') && !w.startsWith('[')));
      expect(command, line).not.toBe(program);
      expect(command.commands, `${line}: names a group, not a command`).toEqual([]);
      const known = new Set([...command.options, ...program.options].flatMap((o) => [o.long, o.short]));
      for (const flag of line.match(/--[a-z-]+/g) ?? []) expect(known.has(flag), `${line}: ${flag}`).toBe(true);
    }
  });

  it('registers each group once, under the names the README uses', () => {
    expect(buildProgram().commands.map((c) => c.name())).toEqual([
      'demo', 'temporal-cli', 'stripe-mock', 'worker', 'sync', 'backfill', 'runs', 'fx', 'tax', 'duty', 'schedules', 'dead-letters', 'map', 'catalog', 'inventory', 'ship-confirm', 'listings', 'connect', 'track', 'bank', 'ledger', 'reconcile', 'serve', 'ship', 'rates', 'labels',
    ]);
  });
});

describe('caravan failures', () => {
  let err: string[] = [];
  const saved = { ...process.env };
  beforeEach(() => {
    err = [];
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(String(s)));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    delete process.env.CARAVAN_DEBUG;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env = { ...saved };
  });

  it('prints a bad argument as one line with exit code 2, no stack trace', async () => {
    expect(await main(['map', 'ebay.order', 'nothing.json'])).toBe(2);
    expect(err.join('\n')).toMatch(/^caravan: unknown record kind "ebay.order"/);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('refuses track --order without --follow (the one-shot lookup has no order)', async () => {
    expect(await main(['track', '1234567890', '--order', '302-1111111-1111111'])).toBe(2);
    expect(err.join('\n')).toBe('caravan: --order goes with --follow');
  });

  it('prints an invalid environment as a config error with exit code 2', async () => {
    process.env.CARAVAN_TEMPORAL_PORT = 'seventy';
    expect(await main(['dead-letters', 'list'])).toBe(2);
    expect(err.join('\n')).toBe('caravan: invalid environment:\n  CARAVAN_TEMPORAL_PORT: Invalid input: expected number, received NaN');
  });

  it('formats expected start-up failures as the message alone', () => {
    const e = new PortInUseError(7233, 'Temporal gRPC', 'port 7233 (Temporal gRPC) is already in use');
    expect(formatFailure(e, false)).toBe('caravan: port 7233 (Temporal gRPC) is already in use');
    expect(formatFailure(new StartupError('another demo runs'), false)).toBe('caravan: another demo runs');
    expect(formatFailure(new ConfigError('bad'), false)).toBe('caravan: bad');
    expect(formatFailure(new CliError('bad'), false)).toBe('caravan: bad');
    expect(formatFailure(new Error('connect ECONNREFUSED 127.0.0.1:7233'), false)).toBe('caravan: connect ECONNREFUSED 127.0.0.1:7233');
  });

  it('names an unexpected failure as such and keeps its stack for --verbose', () => {
    const e = new TypeError('x is undefined');
    expect(formatFailure(e, false)).toBe('caravan: x is undefined\n(an unexpected failure: --verbose or CARAVAN_DEBUG=1 prints its stack trace)');
    const verbose = formatFailure(e, true);
    expect(verbose.split('\n')[0]).toBe('caravan: x is undefined');
    expect(verbose).toMatch(/\n\s+at .*program\.test\.ts/);
  });

  it('shows the stack with --verbose anywhere on the line', async () => {
    expect(await main(['map', 'ebay.order', 'nothing.json', '--verbose'])).toBe(2);
    expect(err.join('\n')).toMatch(/\n\s+at /);
  });
});
