/**
 * The demo's ledger imports: `caravan ledger sync` for the demo tenant's PayPal connection (the
 * PayPal stand-in) and, when stripe-mock runs, its Stripe one. The period ends before the period
 * the demo reconciles begins (demo-reconcile.ts: the newest settlement's days), so these lines,
 * whose sales are no demo orders, are in the ledger without being reconciled: the reconciliation
 * still names its planted discrepancies and nothing else.
 */
import type { Client } from '@temporalio/client';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { formatLedgerSync, startLedgerSync } from './ledger-sync.js';

const DAY_MS = 86_400_000;
/** The PayPal stand-in seeds 60 days of history before the anchor. */
export const DEMO_LEDGER_DAYS_BACK = 60;
/** Days before the anchor's day the period ends at the latest. */
export const DEMO_LEDGER_GAP_DAYS = 8;

/**
 * [anchor day − 60 d, anchor day − 8 d), ending at `endBy` (an ISO instant: the start of the
 * period the demo reconciles, demo-reconcile.ts) when that is earlier: the same at every start on
 * the same data folder.
 */
export function demoLedgerPeriod(anchor: Date, endBy?: string): { from: string; to: string } {
  const day = Math.floor(anchor.getTime() / DAY_MS) * DAY_MS;
  const to = Math.min(day - DEMO_LEDGER_GAP_DAYS * DAY_MS, endBy === undefined ? Infinity : Date.parse(endBy));
  return { from: new Date(day - DEMO_LEDGER_DAYS_BACK * DAY_MS).toISOString(), to: new Date(to).toISOString() };
}

/** Runs the imports one after the other; the lines to print. */
export async function runDemoLedgerImports(deps: { client: Client; config: TenantsConfig; taskQueue?: string | undefined }, tenant: string, connections: readonly string[], anchor: Date, endBy?: string): Promise<string[]> {
  const { from, to } = demoLedgerPeriod(anchor, endBy);
  const lines: string[] = [];
  for (const channel of connections) {
    const s = await startLedgerSync(deps.client, deps.config, { tenant, channel, from, to, taskQueue: deps.taskQueue });
    const result = await s.handle.result();
    lines.push(`${s.workflowId}`, ...formatLedgerSync(channel, from, to, result).split('\n').map((l) => `  ${l}`));
  }
  return lines;
}
