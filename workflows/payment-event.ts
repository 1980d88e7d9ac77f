/**
 * paymentEvent: one provider event (a Stripe or PayPal webhook delivery the intake recorded)
 * made ledger lines. Orchestration only: record the event's lines (the activity reads the body
 * from the store, so no payment data enters this history), then, when the lines belong to a
 * payout, tell the tenant's running reconcile workflows (none running is fine). The workflow id
 * is the event's (paymentEventWorkflowId): a repeated delivery starts nothing new.
 */
import { ApplicationFailure, proxyActivities, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { PaymentEventActivities, PaymentEventRef, RecordPaymentEventResult } from '../activities/payment-events-types.js';
import { ACTIVITY_OPTIONS, PAYMENT_EVENT_FLOW, searchAttributeKeys } from '../temporal.config.js';

export type PaymentEventInput = PaymentEventRef;

export interface PaymentEventSummary extends PaymentEventRef, RecordPaymentEventResult {
  /** Reconcile workflows told about the event's payouts. */
  reconcileSignalled: number;
}

const { recordPaymentEvent, signalReconcile } = proxyActivities<PaymentEventActivities>({
  ...ACTIVITY_OPTIONS.store,
  retry: { ...ACTIVITY_OPTIONS.store.retry, nonRetryableErrorTypes: ['not_found', 'config', 'StoreInputError'] },
});

export async function paymentEvent(input: PaymentEventInput): Promise<PaymentEventSummary> {
  const { tenant, provider, eventId } = input;
  if (!tenant || !provider || !eventId) throw ApplicationFailure.nonRetryable('paymentEvent needs a tenant, a provider and an event id', 'validation');
  upsertSearchAttributes([
    { key: searchAttributeKeys.tenant, value: tenant },
    { key: searchAttributeKeys.channel, value: provider },
    { key: searchAttributeKeys.flow, value: PAYMENT_EVENT_FLOW },
  ]);
  setCurrentDetails(`**recording** ${provider} event ${eventId} of ${tenant}`);
  const recorded = await recordPaymentEvent({ tenant, provider, eventId });
  let reconcileSignalled = 0;
  if (recorded.payoutIds.length > 0) {
    const linesChanged = recorded.inserted + recorded.updated;
    ({ signalled: reconcileSignalled } = await signalReconcile({ tenant, provider, eventId, type: recorded.type, payoutIds: recorded.payoutIds, linesChanged }));
  }
  setCurrentDetails(`**${recorded.outcome}** ${provider} ${recorded.type} ${eventId}: ${recorded.detail ?? ''}`);
  return { tenant, provider, eventId, ...recorded, reconcileSignalled };
}
