import { describe, expect, it } from 'vitest';
import { runsQuery } from '../../cli/commands/runs.js';
import { parseSince } from '../../cli/commands/sync.js';
import { CliError, table } from '../../cli/output.js';

describe('caravan runs visibility query', () => {
  it('filters on Caravan search attributes, quoting values', () => {
    expect(runsQuery({})).toBe('CaravanFlow IS NOT NULL');
    expect(runsQuery({ tenant: 'acme', channel: 'amazon-eu', flow: 'orders-sync', status: 'Failed' })).toBe(
      'CaravanFlow IS NOT NULL AND CaravanTenant = "acme" AND CaravanChannel = "amazon-eu" AND CaravanFlow = "orders-sync" AND ExecutionStatus = "Failed"',
    );
    expect(runsQuery({ tenant: 'a"b' })).toBe('CaravanFlow IS NOT NULL AND CaravanTenant = "a\\"b"');
  });
});

describe('--since', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');
  it.each([
    ['2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z'],
    ['2026-03-01', '2026-03-01T00:00:00Z'],
    ['2026-03-01T09:00:00+09:00', '2026-03-01T00:00:00Z'],
    ['90m', '2026-03-10T10:30:00Z'],
    ['36h', '2026-03-09T00:00:00Z'],
    ['7d', '2026-03-03T12:00:00Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseSince(input, now)).toBe(expected);
  });
  it('rejects anything else with a clear message', () => {
    expect(() => parseSince('yesterday', now)).toThrow(CliError);
    expect(() => parseSince('2026-13-45', now)).toThrow(/ISO 8601/);
  });
});

describe('table', () => {
  it('aligns columns and right-aligns numbers', () => {
    expect(table(['A', 'COUNT'], [['x', 5], ['long', 1234]])).toBe(['A     COUNT', '----  -----', 'x         5', 'long   1234'].join('\n'));
  });
});
