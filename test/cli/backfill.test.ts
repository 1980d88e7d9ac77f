/** `caravan backfill orders`: its range (ISO or relative, --to defaulting to now) and its per-window table. */
import { describe, expect, it } from 'vitest';
import { backfillRange, formatBackfillSummary } from '../../cli/commands/backfill.js';
import { CliError } from '../../cli/output.js';
import type { OrdersBackfillSummary } from '../../workflows/orders-backfill.js';

const NOW = new Date('2026-03-10T12:00:00.500Z');

describe('caravan backfill orders', () => {
  it('reads --from / --to as ISO 8601 or relative to now; --to defaults to now', () => {
    expect(backfillRange('90d', undefined, NOW)).toEqual({ from: '2025-12-10T12:00:00Z', to: '2026-03-10T12:00:00Z' });
    expect(backfillRange('2026-01-01', '2026-02-01T06:00:00Z', NOW)).toEqual({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T06:00:00Z' });
    expect(() => backfillRange('2026-02-01', '2026-01-01', NOW)).toThrow(CliError);
    expect(() => backfillRange('last year', undefined, NOW)).toThrow(/--since "last year" is neither/);
  });

  it('prints one row per window, the failed ones with the channel\'s reason, and the totals', () => {
    const counts = { rows: 12, orders: 7, inserted: 5, updated: 1, unchanged: 1, deadLettered: 0 };
    const summary: OrdersBackfillSummary = {
      tenant: 'acme',
      channel: 'amazon-eu',
      from: '2026-01-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
      windows: [
        { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z', outcome: { status: 'failed', reportId: '1', error: 'Date range exceeded' } },
        { from: '2026-01-31T00:00:00Z', to: '2026-03-02T00:00:00Z', outcome: { status: 'imported', reportId: '2', counts } },
      ],
      batches: 1,
      totals: counts,
      startedAt: '2026-03-10T12:00:00Z',
      finishedAt: '2026-03-10T12:01:00Z',
      durationMs: 60_000,
      continuedAsNew: 0,
    };
    const lines = formatBackfillSummary(summary).split('\n');
    expect(lines[0]).toMatch(/^WINDOW\s+OUTCOME\s+ROWS\s+NEW/);
    expect(lines.find((l) => l.includes('failed'))).toMatch(/Date range exceeded/);
    expect(lines.find((l) => l.includes('imported'))).toMatch(/imported\s+12\s+5\s+1\s+1\s+0/);
    expect(lines.at(-1)).toMatch(/^total\s+12\s+5\s+1\s+1\s+0/);
  });
});
