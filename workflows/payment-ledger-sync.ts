/**
 * paymentLedgerSync: a payment provider's transactions of a period into the ledger, page by page
 * (one activity each: list, map, convert, upsert by line identity). The source decides how far
 * its data reaches: PayPal stops at its last_refreshed_datetime, Amazon Finances 48 hours before
 * now; the result's `coveredTo` is where the next run (a Schedule's) starts. The cursor and the
 * totals are carried across continue-as-new.
 */
import { ApplicationFailure, continueAsNew, proxyActivities, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { PaymentLedgerActivities } from '../activities/payment-ledger-types.js';
import { ACTIVITY_OPTIONS, PAYMENT_LEDGER_SYNC } from '../temporal.config.js';

const { importPaymentLedgerPage } = proxyActivities<PaymentLedgerActivities>({ ...ACTIVITY_OPTIONS.vendorPage });

export interface PaymentLedgerSyncTotals {
  pages: number;
  records: number;
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  unconverted: number;
  firstFailure?: string;
}

export interface PaymentLedgerSyncInput {
  tenant: string;
  connection: string;
  /** ISO 8601: the period [from, to). Absent on a Schedule's runs: see lookbackHours. */
  from?: string;
  to?: string;
  /** Without from and to: the period is the last this many hours up to the run's start. */
  lookbackHours?: number;
  /** Carried across continue-as-new. */
  cursor?: string;
  totals?: PaymentLedgerSyncTotals;
}

export interface PaymentLedgerSyncResult extends PaymentLedgerSyncTotals {
  /** How far the ledger now holds the source's transactions; the next run starts here. */
  coveredTo: string;
}

export async function paymentLedgerSync(input: PaymentLedgerSyncInput): Promise<PaymentLedgerSyncResult> {
  const { tenant, connection } = input;
  // Workflow time: the same on replay. A continued run carries the period it resolved.
  const now = Date.now();
  const to = input.to ?? (input.lookbackHours === undefined ? undefined : new Date(now).toISOString());
  const from = input.from ?? (input.lookbackHours === undefined ? undefined : new Date(now - input.lookbackHours * 3_600_000).toISOString());
  if (!tenant || !connection || !from || !to) throw ApplicationFailure.nonRetryable('paymentLedgerSync needs a tenant, a connection, and from and to (or lookbackHours)', 'validation');
  const totals: PaymentLedgerSyncTotals = input.totals ?? { pages: 0, records: 0, lines: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0, unconverted: 0 };
  let cursor = input.cursor;
  for (;;) {
    const page = await importPaymentLedgerPage({ tenant, connection, from, to, ...(cursor === undefined ? {} : { cursor }) });
    totals.pages += 1;
    totals.records += page.records;
    totals.lines += page.lines;
    totals.inserted += page.inserted;
    totals.updated += page.updated;
    totals.unchanged += page.unchanged;
    totals.failed += page.failed;
    totals.unconverted += page.unconverted;
    totals.firstFailure ??= page.firstFailure;
    const failed = totals.failed === 0 ? '' : `; **${totals.failed} record(s) do not map**, e.g. ${totals.firstFailure ?? ''}`;
    setCurrentDetails(`${connection} ${from} → ${to}: ${totals.pages} page(s), ${totals.lines} lines, ${totals.inserted} new${failed}`);
    if (page.cursor === undefined) return { ...totals, coveredTo: page.coveredTo ?? to };
    cursor = page.cursor;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > PAYMENT_LEDGER_SYNC.continueAsNewAfterEvents) {
      await continueAsNew<typeof paymentLedgerSync>({ ...input, from, to, cursor, totals });
    }
  }
}
