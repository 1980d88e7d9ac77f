/**
 * Named input and result types of the payment-event activities (webhooks in). Workflows import
 * these types only. Nothing here carries the event's body: the activity reads it from the store.
 */
import type { PaymentEventSignal } from '../temporal.config.js';

export type PaymentEventProvider = 'stripe' | 'paypal';

export interface PaymentEventRef {
  tenant: string;
  provider: PaymentEventProvider;
  /** Stripe `evt_…`, PayPal `WH-…`. */
  eventId: string;
}

export interface RecordPaymentEventResult {
  type: string;
  /** recorded: lines written (or already there); no-ledger-effect: a notice; rejected: the body does not map. */
  outcome: 'recorded' | 'no-ledger-effect' | 'rejected';
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Lines kept without a reporting amount (no stored rate for their posting date). */
  unconverted: number;
  payoutIds: string[];
  /** Why the event moved no money, or why it was rejected. */
  detail?: string;
}

export interface PaymentEventActivities {
  /** Maps the stored event and records its SettlementLines in the ledger (idempotent by line id); marks it processed. */
  recordPaymentEvent(input: PaymentEventRef): Promise<RecordPaymentEventResult>;
  /** Signals the tenant's running reconcile workflows; how many were signalled (0 when none runs). */
  signalReconcile(signal: PaymentEventSignal): Promise<{ signalled: number }>;
}
