/**
 * The demo's ledger imports: `caravan ledger sync` for the demo tenant's PayPal connection (the
 * PayPal stand-in) and, when stripe-mock runs, its Stripe one. The period ends a day before the
 * demo reconciliation's week begins (demo-reconcile.ts reconciles the 7 days before the anchor's
 * day), so these lines, whose sales are no demo orders, are in the ledger without being
 * reconciled: the reconciliation still names its planted discrepancies and nothing else.
 */
import type { Client } from '@temporalio/client';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { formatLedgerSync, startLedgerSync } from './ledger-sync.js';

const DAY_MS = 86_400_000;
/** The PayPal stand-in seeds 60 days of history before the anchor. */
export const DEMO_LEDGER_DAYS_BACK = 60;
/** Days before the anchor's day the period ends: the reconciled week is days 1–7 before it. */
export const DEMO_LEDGER_GAP_DAYS = 8;

/** [anchor day − 60 d, anchor day − 8 d): the same at every start on the same data folder. */
export function demoLedgerPeriod(anchor: Date): { from: string; to: string } {
  const day = Math.floor(anchor.getTime() / DAY_MS) * DAY_MS;
  return { from: new Date(day - DEMO_LEDGER_DAYS_BACK * DAY_MS).toISOString(), to: new Date(day - DEMO_LEDGER_GAP_DAYS * DAY_MS).toISOString() };
}

/** Runs the imports one after the other; the lines to print. */
export async function runDemoLedgerImports(deps: { client: Client; config: TenantsConfig; taskQueue?: string | undefined }, tenant: string, connections: readonly string[], anchor: Date): Promise<string[]> {
  const { from, to } = demoLedgerPeriod(anchor);
  const lines: string[] = [];
  for (const channel of connections) {
    const s = await startLedgerSync(deps.client, deps.config, { tenant, channel, from, to, taskQueue: deps.taskQueue });
    const result = await s.handle.result();
    lines.push(`${s.workflowId}`, ...formatLedgerSync(channel, from, to, result).split('\n').map((l) => `  ${l}`));
  }
  return lines;
}
