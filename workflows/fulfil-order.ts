/**
 * fulfilOrder: an order ready to ship leaves with a label. Orchestration only: plan the
 * shipment (parcels, customs declaration) → for DDP quote duties first → shop rates across the
 * tenant's carriers by its rule → buy the label (once, by an idempotency key derived from the
 * order) → record it → confirm it to the channel the order came from (the shipmentConfirm
 * child) → start the parcel's trackShipment (a child that outlives the run). A failure after the purchase gives the label up (a saga: FedEx voids it; DHL cannot,
 * so the waybill is recorded as unused) and fails the run with a message naming the cause.
 * History holds keys, carriers, services, tracking numbers and document hashes: no address,
 * no buyer, no label.
 */
import {
  ApplicationFailure,
  CancellationScope,
  defineQuery,
  executeChild,
  isCancellation,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  BuyLabelResult,
  CancelLabelResult,
  FulfilmentDuties,
  FulfilOrderActivities,
  FulfilOrderRequest,
  PlanFulfilmentResult,
  RateChoice,
} from '../activities/fulfil-order-types.js';
import { shipmentConfirm, type ShipmentConfirmSummary } from './shipment-confirm.js';
import { startTrackShipmentChild } from './track-shipment.js';
import type { Carrier } from '../mappings/canonical/carrier.js';
import { ACTIVITY_OPTIONS, FLOWS, FULFIL_ORDER_CARRIER, searchAttributeKeys, shipmentConfirmWorkflowId } from '../temporal.config.js';

export type FulfilOrderInput = FulfilOrderRequest;

export type FulfilOrderPhase = 'planning' | 'quoting-duties' | 'rating' | 'buying' | 'recording' | 'confirming' | 'cancelling' | 'done';

export interface FulfilOrderProgress {
  tenant: string;
  channel: string;
  orderId: string;
  phase: FulfilOrderPhase;
  trackingNumber?: string;
}

export interface FulfilOrderSummary {
  tenant: string;
  channel: string;
  orderId: string;
  /** shipped: label bought and confirmed; already-shipped: a confirmed shipment existed; dry-run: nothing bought. */
  outcome: 'shipped' | 'already-shipped' | 'dry-run';
  plan: Omit<PlanFulfilmentResult, 'alreadyShipped'>;
  duties?: FulfilmentDuties;
  chosen?: RateChoice;
  /** The best few services by the rule. */
  ranked?: RateChoice[];
  rateFailures?: { connection: string; message: string }[];
  label?: BuyLabelResult;
  confirmation?: { workflowId: string; outcome: ShipmentConfirmSummary['outcome'] };
  /** The parcel's trackShipment workflow, started once the shipment is confirmed (it outlives this run). */
  tracking?: { workflowId: string; started: boolean };
  alreadyShipped?: PlanFulfilmentResult['alreadyShipped'];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export const fulfilOrderProgressQuery = defineQuery<FulfilOrderProgress>('progress');

const NON_RETRYABLE = ['validation', 'not_found', 'config', 'ShippingPlanError', 'RateShoppingError', 'FxConversionError', 'QuoteInputError', 'LandedCostError', 'MappingError'];
const store = proxyActivities<FulfilOrderActivities>({ ...ACTIVITY_OPTIONS.store, retry: { ...ACTIVITY_OPTIONS.store.retry, nonRetryableErrorTypes: NON_RETRYABLE } });
const carrier = proxyActivities<FulfilOrderActivities>(FULFIL_ORDER_CARRIER);

/** The root cause of a failure (an activity's, a child's): what an admin needs to read. */
function causeOf(e: unknown): { message: string; type: string } {
  let err = e as { message?: string; cause?: unknown; type?: string } | undefined;
  let type = 'fulfilment_failed';
  while (err?.cause !== undefined && err.cause !== null) {
    err = err.cause as typeof err;
    if (typeof err?.type === 'string') type = err.type;
  }
  return { message: err?.message ?? String(e), type };
}

function describe(p: FulfilOrderProgress, extra = ''): string {
  return [`**${p.phase}** ${p.tenant}/${p.channel} order ${p.orderId}`, p.trackingNumber ? `label ${p.trackingNumber}` : '', extra].filter(Boolean).join('\n\n');
}

export async function fulfilOrder(input: FulfilOrderInput): Promise<FulfilOrderSummary> {
  const { tenant, channel, orderId } = input;
  if (!tenant || !channel || !orderId) throw ApplicationFailure.nonRetryable('fulfilOrder needs a tenant, a channel and an order id', 'validation');
  const info = workflowInfo();
  const run = { workflowId: info.workflowId, runId: info.runId };
  const startedAt = new Date(info.startTime).toISOString();
  const progress: FulfilOrderProgress = { tenant, channel, orderId, phase: 'planning' };
  setHandler(fulfilOrderProgressQuery, () => progress);
  upsertSearchAttributes([
    { key: searchAttributeKeys.tenant, value: tenant },
    { key: searchAttributeKeys.channel, value: channel },
    { key: searchAttributeKeys.flow, value: FLOWS.fulfilOrder },
  ]);
  const phase = (p: FulfilOrderPhase, extra?: string) => {
    progress.phase = p;
    setCurrentDetails(describe(progress, extra));
  };
  phase('planning');

  const finish = async (summary: Omit<FulfilOrderSummary, 'startedAt' | 'finishedAt' | 'durationMs'>): Promise<FulfilOrderSummary> => {
    const done = await store.finishFulfilment({ ...run, startedAt, status: 'completed' });
    phase('done');
    return { ...summary, startedAt, finishedAt: done.finishedAt, durationMs: done.durationMs };
  };

  try {
    const planned = await store.planFulfilment({ ...input, ...run, startedAt });
    const { alreadyShipped, ...plan } = planned;
    if (alreadyShipped !== undefined) return await finish({ tenant, channel, orderId, outcome: 'already-shipped', plan, alreadyShipped });

    let duties: FulfilmentDuties | undefined;
    if (plan.incoterm === 'DDP') {
      phase('quoting-duties');
      duties = await carrier.quoteFulfilmentDuties({ tenant, shipmentRef: plan.shipmentRef, date: startedAt.slice(0, 10) });
    }
    phase('rating');
    const rates = await carrier.rateFulfilment({ tenant, shipmentRef: plan.shipmentRef, carriers: plan.carriers, rule: plan.rule, shipAt: plan.shipAt });
    const { chosen } = rates;
    const quoted = { ...(duties === undefined ? {} : { duties }), chosen, ranked: rates.ranked.slice(0, 5), rateFailures: rates.failures };
    if (input.dryRun === true) return await finish({ tenant, channel, orderId, outcome: 'dry-run', plan, ...quoted });

    const service = chosen.service.code ?? chosen.service.name ?? '';
    phase('buying', `${chosen.connection} ${service}`);
    const label = await carrier.buyLabel.executeWithOptions({ ...FULFIL_ORDER_CARRIER, summary: `label ${orderId}: ${chosen.connection} ${service}` }, [
      { tenant, channel, orderId, shipmentRef: plan.shipmentRef, idempotencyKey: plan.idempotencyKey, connection: chosen.connection, vendor: chosen.vendor, service, shipAt: plan.shipAt, invoice: plan.invoice, incoterm: plan.incoterm },
    ]);
    progress.trackingNumber = label.trackingNumber;
    // Admins find the run by its order and its parcel (as its trackShipment child); runs started before this was added replay without it.
    if (patched('fulfil-order-tracking-search-attributes')) {
      upsertSearchAttributes([
        { key: searchAttributeKeys.orderId, value: orderId },
        { key: searchAttributeKeys.trackingNumber, value: label.trackingNumber },
      ]);
    }

    let confirmation: FulfilOrderSummary['confirmation'];
    try {
      phase('recording');
      await store.setFulfilmentState({ idempotencyKey: plan.idempotencyKey, state: 'recorded' });
      phase('confirming');
      const confirmId = shipmentConfirmWorkflowId(tenant, channel, orderId);
      const confirmed = await executeChild(shipmentConfirm, {
        workflowId: confirmId,
        args: [{ tenant, channel, orderId, carrier: label.carrier, trackingNumber: label.trackingNumber, ...(label.service === undefined ? {} : { service: label.service }), shipDate: plan.shipAt }],
      });
      confirmation = { workflowId: confirmId, outcome: confirmed.outcome };
      await store.setFulfilmentState({ idempotencyKey: plan.idempotencyKey, state: 'confirmed' });
    } catch (e) {
      // The saga: the label is of no use once a later step failed.
      const cause = causeOf(e);
      phase('cancelling', cause.message);
      let cancelled: CancelLabelResult | undefined;
      let cancelError: string | undefined;
      try {
        cancelled = await CancellationScope.nonCancellable(() => carrier.cancelLabel({ tenant, idempotencyKey: plan.idempotencyKey, reason: cause.message }));
      } catch (c) {
        cancelError = causeOf(c).message;
      }
      const after = cancelled !== undefined ? cancelled.note : `the label ${label.trackingNumber} could NOT be cancelled (${cancelError ?? 'unknown'}): cancel it at ${chosen.connection} by hand`;
      throw ApplicationFailure.create({ message: `order ${orderId} not fulfilled: ${cause.message.replace(/\.+$/, '')}. ${after}`, type: cause.type, nonRetryable: true, cause: e as Error });
    }
    // Tracking starts only for a label that stands: a cancelled one never gets a tracker.
    const tracking = await startTrackShipmentChild(label.carrier as Carrier, { tenant, channel: chosen.connection, trackingNumber: label.trackingNumber, orderId });
    return await finish({ tenant, channel, orderId, outcome: 'shipped', plan, ...quoted, label, confirmation, tracking });
  } catch (e) {
    const cause = causeOf(e);
    const status = isCancellation(e) ? 'cancelled' : 'failed';
    await CancellationScope.nonCancellable(() => store.finishFulfilment({ ...run, startedAt, status, error: cause.message }));
    if (status === 'cancelled' || (e instanceof ApplicationFailure && e.nonRetryable)) throw e;
    // The run fails with its root cause in the message, so the Web UI shows why at a glance.
    throw ApplicationFailure.create({ message: `order ${orderId} not fulfilled: ${cause.message}`, type: cause.type, nonRetryable: true, cause: e as Error });
  }
}
