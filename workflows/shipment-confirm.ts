/**
 * shipmentConfirm: tells a sales channel that one package of an order shipped (carrier,
 * tracking number, lines). Orchestration only: prepare from the stored order (refusals are
 * final), send once (a retry checks whether its predecessor went through), close the run
 * summary. The history holds the order id, carrier, tracking number and line ids: no buyer data.
 */
import { ApplicationFailure, defineQuery, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ShipmentConfirmActivities, ShipmentConfirmRequest, SendShipmentConfirmationResult } from '../activities/shipment-confirm-types.js';
import type { ShipmentConfirmation } from '../mappings/canonical/shipment-confirmation.js';
import { closeRunAndRethrow } from './run-lifecycle.js';
import { ACTIVITY_OPTIONS, FLOWS, SHIPMENT_CONFIRM_SEND, searchAttributeKeys } from '../temporal.config.js';

export type ShipmentConfirmInput = ShipmentConfirmRequest;

export type ShipmentConfirmPhase = 'preparing' | 'sending' | 'finishing' | 'done';

export interface ShipmentConfirmProgress {
  tenant: string;
  channel: string;
  orderId: string;
  phase: ShipmentConfirmPhase;
}

export interface ShipmentConfirmSummary {
  tenant: string;
  channel: string;
  orderId: string;
  confirmation: ShipmentConfirmation;
  outcome: SendShipmentConfirmationResult['outcome'];
  requestId?: string;
  /** Attempts the send took (1 unless a transient failure was retried). */
  attempts: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export const shipmentConfirmProgressQuery = defineQuery<ShipmentConfirmProgress>('progress');

const { prepareShipmentConfirmation, finishShipmentConfirmation, recordShipmentConfirmFailure } = proxyActivities<ShipmentConfirmActivities>({
  ...ACTIVITY_OPTIONS.store,
  // A refusal (order unknown, shipped, fulfilled by the marketplace) is final.
  retry: { ...ACTIVITY_OPTIONS.store.retry, nonRetryableErrorTypes: ['validation', 'not_found', 'config'] },
});
const { sendShipmentConfirmation } = proxyActivities<ShipmentConfirmActivities>(SHIPMENT_CONFIRM_SEND);

function describe(p: ShipmentConfirmProgress, c?: ShipmentConfirmation): string {
  const what = c ? `${c.carrier.name} ${c.trackingNumber}, package ${c.packageReference}, ${c.lines.reduce((n, l) => n + l.quantity, 0)} unit(s)` : '';
  return [`**${p.phase}** ${p.tenant}/${p.channel} order ${p.orderId}`, what].filter(Boolean).join('\n\n');
}

export async function shipmentConfirm(input: ShipmentConfirmInput): Promise<ShipmentConfirmSummary> {
  const { tenant, channel, orderId } = input;
  if (!tenant || !channel || !orderId || !input.carrier || !input.trackingNumber) {
    throw ApplicationFailure.nonRetryable('shipmentConfirm needs a tenant, a channel, an order id, a carrier and a tracking number', 'validation');
  }
  const info = workflowInfo();
  const progress: ShipmentConfirmProgress = { tenant, channel, orderId, phase: 'preparing' };
  setHandler(shipmentConfirmProgressQuery, () => progress);
  // Set by the starter too; upserted here so a run started by other means is still filterable.
  upsertSearchAttributes([
    { key: searchAttributeKeys.tenant, value: tenant },
    { key: searchAttributeKeys.channel, value: channel },
    { key: searchAttributeKeys.flow, value: FLOWS.shipmentConfirm },
  ]);
  const startedAt = new Date(info.startTime).toISOString();
  const run = { workflowId: info.workflowId, runId: info.runId };
  setCurrentDetails(describe(progress));

  let confirmation: ShipmentConfirmation | undefined;
  try {
    const prepared = await prepareShipmentConfirmation({ ...input, ...run, startedAt });
    confirmation = prepared.confirmation;
    progress.phase = 'sending';
    setCurrentDetails(describe(progress, confirmation));
    const sent = await sendShipmentConfirmation.executeWithOptions(
      { ...SHIPMENT_CONFIRM_SEND, summary: `confirm ${orderId}: ${confirmation.carrier.name} ${confirmation.trackingNumber}` },
      [{ tenant, channel, confirmation, shippedBefore: prepared.shippedBefore, ...run }],
    );
    progress.phase = 'finishing';
    const finished = await finishShipmentConfirmation({ tenant, channel, startedAt, ...run });
    progress.phase = 'done';
    setCurrentDetails(describe(progress, confirmation));
    return {
      tenant,
      channel,
      orderId,
      confirmation,
      outcome: sent.outcome,
      ...(sent.requestId === undefined ? {} : { requestId: sent.requestId }),
      attempts: sent.attempt,
      startedAt,
      finishedAt: finished.finishedAt,
      durationMs: finished.durationMs,
    };
  } catch (e) {
    return closeRunAndRethrow(e, (end) => recordShipmentConfirmFailure({ ...end, startedAt, ...run }));
  }
}
