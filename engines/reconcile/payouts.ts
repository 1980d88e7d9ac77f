/**
 * Payouts and the bank: which transfers the providers made (from ledger lines and settlement
 * headers), and which bank credit each became. A bank entry that names the payout (its id or a
 * reference in the remittance fields) is matched first; then amount, currency and a date window,
 * nearest date first. Each bank entry pays one payout.
 */
import type { BankStatementLine } from '../../mappings/canonical/bank.js';
import { formatMoney } from '../../mappings/canonical/money.js';
import type { Settlement, SettlementLine } from '../../mappings/canonical/settlement.js';
import { dayOf, daysBetween, daysToMs, graceEnds, instantOf, lastDayBefore } from './dates.js';
import { discrepancyId } from './stable-id.js';
import type { Discrepancy, PayoutMatch, PendingItem, Payout, ReconcileRules } from './types.js';

export const DEFAULT_BANK_DATE_WINDOW_DAYS = 5;
export const DEFAULT_PAYOUT_GRACE_DAYS = 5;
/** Banks may book a transfer a little before the provider's announced arrival day. */
const DAYS_EARLY = 2;

/**
 * The payouts the ledger shows: Stripe and PayPal payout lines (a debit of the balance; a
 * failed or cancelled payout's credit under the same payout id cancels it), and Amazon
 * settlements (the header's total, deposited on deposit-date).
 */
export function payoutsFromLedger(lines: readonly SettlementLine[], settlements: readonly Settlement[] = []): Payout[] {
  const byId = new Map<string, { line: SettlementLine; net: number; lineIds: string[] }>();
  for (const line of lines) {
    if (line.kind !== 'payout' || line.source === 'amazon') continue;
    const payoutId = line.refs.payoutId ?? line.refs.sourceObjectId ?? line.lineId;
    const key = `${line.source}\u0000${payoutId}\u0000${line.currency}`;
    const entry = byId.get(key) ?? { line, net: 0, lineIds: [] };
    entry.net += line.gross.amountMinor;
    entry.lineIds.push(line.lineId);
    // The payout itself (the debit) decides the dates and the id.
    if (line.gross.amountMinor < 0) entry.line = line;
    byId.set(key, entry);
  }
  const payouts: Payout[] = [];
  for (const { line, net, lineIds } of byId.values()) {
    if (net >= 0) continue;
    const payoutId = line.refs.payoutId ?? line.refs.sourceObjectId ?? line.lineId;
    payouts.push({
      source: line.source,
      payoutId,
      amount: { amountMinor: -net, currency: line.currency },
      expectedOn: dayOf(line.availableAt ?? line.postedAt),
      references: [payoutId],
      lineIds,
    });
  }
  for (const s of settlements) {
    if (s.total.amountMinor <= 0) continue;
    const on = s.depositAt ?? s.endAt;
    if (on === undefined) continue;
    payouts.push({ source: s.source, payoutId: s.settlementId, amount: s.total, expectedOn: dayOf(on), references: [s.settlementId], lineIds: [] });
  }
  return payouts.sort((a, b) => (a.expectedOn < b.expectedOn ? -1 : a.expectedOn > b.expectedOn ? 1 : a.payoutId < b.payoutId ? -1 : 1));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `bank` names the payout: one of its references as a whole token in a text field. */
function names(bank: BankStatementLine, payout: Payout): boolean {
  const texts = [bank.remittanceInfo, bank.endToEndId, bank.bankReference, bank.creditorReference, bank.additionalInfo].filter((t): t is string => t !== undefined);
  return payout.references.some((ref) => {
    if (ref.length < 4) return false;
    const token = new RegExp(`(?:^|[^A-Za-z0-9_])${escapeRegExp(ref)}(?:$|[^A-Za-z0-9_])`, 'i');
    return texts.some((t) => token.test(t));
  });
}

const bankEntryName = (bank: BankStatementLine): string => bank.bankReference ?? `${bank.statementId ?? ''} ${bank.position}`.trim();

export interface PayoutReconciliation {
  matches: PayoutMatch[];
  discrepancies: Discrepancy[];
  pending: PendingItem[];
}

export function reconcilePayouts(payouts: readonly Payout[], bankLines: readonly BankStatementLine[], rules: ReconcileRules, asOf: string): PayoutReconciliation {
  const window = rules.bankDateWindowDays ?? DEFAULT_BANK_DATE_WINDOW_DAYS;
  const grace = rules.payoutGraceDays ?? DEFAULT_PAYOUT_GRACE_DAYS;
  const now = instantOf(asOf);
  const credits = bankLines.filter((b) => b.status === 'booked' && b.amount.amountMinor > 0);
  const used = new Set<BankStatementLine>();
  const settled = new Set<Payout>();
  const out: PayoutReconciliation = { matches: [], discrepancies: [], pending: [] };
  const inWindow = (p: Payout, b: BankStatementLine) => {
    const d = daysBetween(p.expectedOn, b.bookingDate);
    return d >= -DAYS_EARLY && d <= window;
  };
  const match = (p: Payout, b: BankStatementLine, by: PayoutMatch['by']) => {
    used.add(b);
    settled.add(p);
    out.matches.push({ source: p.source, payoutId: p.payoutId, amount: p.amount, bankAccount: b.account, bookingDate: b.bookingDate, bankEntry: bankEntryName(b), by });
  };

  // 1. The bank entry names the payout: it is that payout's money, whatever the amount says.
  for (const p of payouts) {
    const named = credits.find((b) => !used.has(b) && b.amount.currency === p.amount.currency && inWindow(p, b) && names(b, p));
    if (named === undefined) continue;
    match(p, named, 'reference');
    const diff = named.amount.amountMinor - p.amount.amountMinor;
    if (Math.abs(diff) > (rules.amountToleranceMinor?.[p.amount.currency] ?? 0)) {
      const keys = { source: p.source, payoutId: p.payoutId, compared: 'bank-credit' };
      out.discrepancies.push({
        id: discrepancyId('amount-mismatch', keys),
        kind: 'amount-mismatch',
        source: p.source,
        keys,
        summary: `${p.source} payout ${p.payoutId}: the bank received ${formatMoney(named.amount)} ${named.amount.currency} on ${named.bookingDate}, the payout was ${formatMoney(p.amount)} ${p.amount.currency}`,
        expected: p.amount,
        actual: named.amount,
        difference: { amountMinor: diff, currency: p.amount.currency },
        lineIds: p.lineIds,
        date: p.expectedOn,
      });
    }
  }
  // 2. Same amount and currency within the window, nearest booking date first.
  for (const p of payouts) {
    if (settled.has(p)) continue;
    let best: BankStatementLine | undefined;
    for (const b of credits) {
      if (used.has(b) || b.amount.currency !== p.amount.currency || b.amount.amountMinor !== p.amount.amountMinor || !inWindow(p, b)) continue;
      if (best === undefined || Math.abs(daysBetween(p.expectedOn, b.bookingDate)) < Math.abs(daysBetween(p.expectedOn, best.bookingDate))) best = b;
    }
    if (best !== undefined) match(p, best, 'amount-and-date');
  }
  // 3. The rest: pending inside the grace period, then not received.
  for (const p of payouts) {
    if (settled.has(p)) continue;
    const keys = { source: p.source, payoutId: p.payoutId };
    const id = discrepancyId('payout-not-received', keys);
    const decideAt = graceEnds(p.expectedOn, daysToMs(grace));
    const what = `${p.source} payout ${p.payoutId} of ${formatMoney(p.amount)} ${p.amount.currency} expected on ${p.expectedOn}`;
    if (now < Date.parse(decideAt)) {
      out.pending.push({ kind: 'payout-not-received', source: p.source, keys, id, decideAfter: lastDayBefore(decideAt), decideAt, summary: `${what}: no bank credit yet` });
    } else {
      out.discrepancies.push({ id, kind: 'payout-not-received', source: p.source, keys, summary: `${what}: no bank credit within ${grace} days`, expected: p.amount, lineIds: p.lineIds, date: p.expectedOn });
    }
  }
  return out;
}
