/**
 * The payment-event activities: an event the intake (server/webhooks.ts) recorded is mapped by
 * its provider's mapping (mappings/stripe event.ts, mappings/paypal event.ts) and its
 * SettlementLines upserted into the ledger by their source line identity, so the same event
 * processed twice, or a line read again later from the balance-transaction list, adds nothing.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TenantsConfig } from '../config/tenants-config.js';
import { PaypalPaymentResourceSchema, PaypalWebhookEventSchema } from '../connectors/paypal/schemas/index.js';
import { StripeEventSchema } from '../connectors/stripe/schemas/index.js';
import type { MappingResult } from '../mappings/canonical/index.js';
import { SettlementLineSchema, type PaymentEventNotice, type SettlementLine } from '../mappings/canonical/settlement.js';
import { paypalEventNotice, paypalLedgerKindOf, paypalPaymentResourceToLine } from '../mappings/paypal/index.js';
import { stripeEventToRecords } from '../mappings/stripe/index.js';
import { getWebhookEvent, markWebhookEventProcessed, upsertSettlementLines } from '../store/index.js';
import { asActivity } from './failures.js';
import { ledgerEntriesAtPostingRates } from './ledger-entries.js';
import type { PaymentEventActivities, PaymentEventProvider, RecordPaymentEventResult } from './payment-events-types.js';
import type { PaymentEventSignal } from '../temporal.config.js';

/** Signals running workflows (the worker builds it on its Temporal client). */
export interface ReconcileSignaller {
  signalRunning(signal: PaymentEventSignal): Promise<number>;
}

export interface PaymentEventDeps {
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
  /** Absent: no reconcile workflow is told (a hub without the reconcile flow). */
  reconcile?: ReconcileSignaller;
}

type Records = { ok: true; records: (SettlementLine | PaymentEventNotice)[] } | { ok: false; message: string };

const fromResult = (r: MappingResult<SettlementLine | PaymentEventNotice | (SettlementLine | PaymentEventNotice)[]>): Records =>
  r.ok ? { ok: true, records: [r.value].flat() } : { ok: false, message: r.error.message };

const issuesText = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ');

/** The records of one event body, by its provider's schema and mapping. Pure. */
export function paymentEventRecords(provider: PaymentEventProvider, body: unknown): Records {
  if (provider === 'stripe') {
    const event = StripeEventSchema.safeParse(body);
    return event.success ? fromResult(stripeEventToRecords(event.data)) : { ok: false, message: `not a Stripe event: ${issuesText(event.error.issues)}` };
  }
  const event = PaypalWebhookEventSchema.safeParse(body);
  if (!event.success) return { ok: false, message: `not a PayPal webhook event: ${issuesText(event.error.issues)}` };
  const kind = paypalLedgerKindOf(event.data.event_type);
  if (kind === undefined) return { ok: true, records: [paypalEventNotice(event.data, `${event.data.event_type} moves no money on the PayPal balance`)] };
  const resource = PaypalPaymentResourceSchema.safeParse(event.data.resource);
  if (!resource.success) return { ok: false, message: `resource: ${issuesText(resource.error.issues)}` };
  return fromResult(paypalPaymentResourceToLine(event.data, resource.data, kind));
}

export function createPaymentEventActivities(deps: PaymentEventDeps): PaymentEventActivities {
  const log = deps.logger.child({ activity: 'payment-event' });
  return {
    recordPaymentEvent: (input) =>
      asActivity(async (): Promise<RecordPaymentEventResult> => {
        const stored = await getWebhookEvent(deps.db, input);
        if (stored === undefined) throw ApplicationFailure.nonRetryable(`${input.provider} event ${input.eventId} of tenant ${input.tenant} is not recorded`, 'not_found');
        const empty = { type: stored.type, lines: 0, inserted: 0, updated: 0, unchanged: 0, unconverted: 0, payoutIds: [] };
        let body: unknown;
        try {
          body = JSON.parse(stored.payload);
        } catch {
          body = undefined;
        }
        const mapped = body === undefined ? { ok: false as const, message: 'the body is not JSON' } : paymentEventRecords(input.provider, body);
        if (!mapped.ok) {
          // A body the mapping refuses stays refused: recorded with its reason for ops, not retried.
          log.warn({ tenant: input.tenant, provider: input.provider, eventId: input.eventId, type: stored.type }, `payment event rejected: ${mapped.message}`);
          await markWebhookEventProcessed(deps.db, input, { outcome: 'rejected', detail: mapped.message });
          return { ...empty, outcome: 'rejected', detail: mapped.message };
        }
        const lines = mapped.records.flatMap((r) => {
          const line = SettlementLineSchema.safeParse(r);
          return line.success ? [line.data] : [];
        });
        if (lines.length === 0) {
          const notice = mapped.records.find((r): r is PaymentEventNotice => 'record' in r && r.record === 'non-ledger-event');
          const detail = notice?.reason ?? 'no settlement line';
          await markWebhookEventProcessed(deps.db, input, { outcome: 'no-ledger-effect', detail });
          return { ...empty, outcome: 'no-ledger-effect', detail };
        }
        const { entries, unconverted, firstFxProblem } = await ledgerEntriesAtPostingRates(deps, input.tenant, lines);
        const counts = await upsertSettlementLines(deps.db, input.tenant, entries);
        const payoutIds = [...new Set(lines.flatMap((l) => (l.refs.payoutId === undefined ? [] : [l.refs.payoutId])))].sort();
        const detail = `${lines.length} line(s): ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged${firstFxProblem === undefined ? '' : `; ${unconverted} without a rate (${firstFxProblem})`}`;
        await markWebhookEventProcessed(deps.db, input, { outcome: 'recorded', detail });
        return { type: stored.type, outcome: 'recorded', lines: lines.length, ...counts, unconverted, payoutIds, detail };
      }),
    signalReconcile: (signal) => asActivity(async () => ({ signalled: deps.reconcile === undefined ? 0 : await deps.reconcile.signalRunning(signal) })),
  };
}
