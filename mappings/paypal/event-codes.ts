/**
 * PayPal transaction event codes (T-codes) → canonical line kinds.
 *
 * Source: PayPal, "Transaction event codes", developer.paypal.com/docs/transaction-search/transaction-event-codes/
 * and "Transaction event code (T-code) reference", developer.paypal.com/docs/reports/reference/tcodes/
 * (T<event-group><event-type>: "the event group portion of the T-code is sufficient for
 * reconciliation"). The group decides the kind; the codes listed below are the exceptions
 * inside a group. A T-code does not carry the direction: the amount's sign does.
 */
import type { SettlementLineKind } from '../canonical/index.js';

/** Event group (the two digits after T) → kind, with the group's title from PayPal's tables. */
export const PAYPAL_EVENT_GROUP_KINDS: Readonly<Record<string, { kind: SettlementLineKind; group: string }>> = {
  '00': { kind: 'sale', group: 'PayPal account-to-PayPal account payment' },
  '01': { kind: 'fee', group: 'Non-payment-related fees' },
  '02': { kind: 'fx', group: 'Currency conversion' },
  '03': { kind: 'transfer', group: 'Bank deposit into PayPal account' },
  '04': { kind: 'payout', group: 'Bank withdrawal from PayPal account' },
  '05': { kind: 'other', group: 'Debit card' },
  '06': { kind: 'other', group: 'Credit card withdrawal' },
  '07': { kind: 'other', group: 'Credit card deposit' },
  '08': { kind: 'adjustment', group: 'Bonus' },
  '09': { kind: 'adjustment', group: 'Incentive' },
  '10': { kind: 'other', group: 'Bill pay' },
  '11': { kind: 'adjustment', group: 'Reversals' },
  '12': { kind: 'adjustment', group: 'Adjustments' },
  '13': { kind: 'other', group: 'Authorization' },
  '14': { kind: 'adjustment', group: 'Dividend' },
  '15': { kind: 'reserve', group: 'Hold for dispute or other investigation' },
  '16': { kind: 'other', group: 'Buyer credit deduction' },
  '17': { kind: 'payout', group: 'Non-bank withdrawal' },
  '18': { kind: 'other', group: 'Buyer credit withdrawal' },
  '19': { kind: 'adjustment', group: 'Account correction' },
  '20': { kind: 'transfer', group: 'Funds transfer from PayPal account to another' },
  '21': { kind: 'reserve', group: 'Reserves and releases' },
  '22': { kind: 'transfer', group: 'Transfers' },
  '30': { kind: 'other', group: 'Generic instrument and Open Wallet' },
  '50': { kind: 'other', group: 'Collections and disbursements' },
  '97': { kind: 'other', group: 'Payables and receivables' },
  '98': { kind: 'other', group: 'Display only transaction' },
  '99': { kind: 'other', group: 'Other' },
};

/** Codes whose kind differs from their group's (descriptions from PayPal's tables). */
export const PAYPAL_EVENT_CODE_KINDS: Readonly<Record<string, SettlementLineKind>> = {
  T0001: 'transfer', // MassPay payment (money sent to payees, not a sale)
  T1101: 'payout', // Reversal of ACH withdrawal transaction
  T1104: 'transfer', // Reversal of ACH deposit
  T1105: 'reserve', // Reversal of general account hold
  T1106: 'chargeback', // Payment reversal, initiated by PayPal
  T1107: 'refund', // Payment refund, initiated by merchant
  T1108: 'fee', // Fee reversal
  T1109: 'fee', // Fee refund
  T1110: 'reserve', // Hold for dispute investigation
  T1111: 'reserve', // Cancellation of hold for dispute resolution
  T1113: 'refund', // Non-reference credit payment
  T1114: 'transfer', // MassPay reversal transaction
  T1115: 'transfer', // MassPay refund transaction
  T1201: 'chargeback', // Chargeback
  T1202: 'chargeback-reversal', // Chargeback reversal
  T1205: 'chargeback-reversal', // Reimbursement of chargeback
  T1207: 'chargeback', // Chargeback re-presentment rejection
  T1208: 'chargeback-reversal', // Chargeback cancellation
};

export function paypalLineKind(code: string): SettlementLineKind {
  if (Object.hasOwn(PAYPAL_EVENT_CODE_KINDS, code)) return PAYPAL_EVENT_CODE_KINDS[code]!;
  const group = code.slice(1, 3);
  return Object.hasOwn(PAYPAL_EVENT_GROUP_KINDS, group) ? PAYPAL_EVENT_GROUP_KINDS[group]!.kind : 'other';
}
