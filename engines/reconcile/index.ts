export { addDays, daysBetween, dayOf, graceEnds, inPeriod, instantOf } from './dates.js';
export { ledgerEntryFor, postingDateOf, type LedgerEntry, type LedgerEntryResult, type LedgerReporting } from './ledger-entry.js';
export { DEFAULT_BANK_DATE_WINDOW_DAYS, DEFAULT_PAYOUT_GRACE_DAYS, payoutsFromLedger, reconcilePayouts, type PayoutReconciliation } from './payouts.js';
export { DEFAULT_ORDER_GRACE_DAYS, expectedFee, mergeReconciliations, reconcile } from './reconcile.js';
export { discrepancyId, sha256HexPure } from './stable-id.js';
export {
  DISCREPANCY_KINDS,
  type CurrencyTotals,
  type Discrepancy,
  type DiscrepancyKind,
  type FeeRule,
  type OrderMatch,
  type Payout,
  type PayoutMatch,
  type PendingItem,
  type ReconcileInput,
  type ReconcileRules,
  type ReconciliationResult,
} from './types.js';
