/**
 * Activities of the shipmentConfirm workflow: the stored order → a canonical confirmation →
 * the channel's request, sent through the channel's ShipmentConfirmer; the run is recorded
 * like a sync's (flow shipment-confirm).
 *
 * Sending twice: Amazon's confirmShipment has no idempotency key, and a second confirmation
 * of units already shipped is refused (400 "order already fulfilled", amzn/selling-partner-api-models#5037).
 * So a retried attempt (its predecessor timed out or the worker died after the call) first
 * reads the order's lines from the channel: when the package's units show as shipped there, the
 * earlier call went through and nothing is sent again. Should the channel not show them yet,
 * the retry sends once more and the channel refuses the units it already has: a validation
 * failure, never a second shipment.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findOrderConnection, type TenantsConfig } from '../config/tenants-config.js';
import type { CapabilityCallOptions } from '../connectors/registry.js';
import { shipmentConfirmationFor, shippingCarrier, type MappingError, type Order } from '../mappings/canonical/index.js';
import { normaliseUtcTimestamp } from '../mappings/canonical/utc-timestamp.js';
import { getOrder, closeRunRecord, recordRunStarted } from '../store/index.js';
import { FLOWS } from '../temporal.config.js';
import { asActivity } from './failures.js';
import { shipmentConfirmMappingFor } from './shipment-confirm-mappings.js';
import type {
  FinishShipmentConfirmationInput,
  PrepareShipmentConfirmationInput,
  PrepareShipmentConfirmationResult,
  RecordShipmentConfirmFailureInput,
  SendShipmentConfirmationInput,
  SendShipmentConfirmationResult,
  ShipmentConfirmActivities,
} from './shipment-confirm-types.js';
import type { VendorClients } from './vendor-clients.js';

/** What these activities need of Temporal's context (injected in tests). */
export interface ShipmentConfirmActivityContext {
  /** 1 for the first attempt of an activity, 2 for its first retry, … */
  readonly attempt: number;
  readonly cancellationSignal: AbortSignal;
}

export interface ShipmentConfirmDeps {
  db: Knex;
  config: TenantsConfig;
  vendors: VendorClients;
  logger: Logger;
  clock?: () => Date;
  context?: () => ShipmentConfirmActivityContext;
}

const FLOW = FLOWS.shipmentConfirm;
/** A confirmation sends one package: its run counts one record. */
const ONE_PACKAGE = { pages: 0, fetched: 0, inserted: 0, unchanged: 0, deadLettered: 0, rateLimited: 0 };

function refusal(message: string, type: 'validation' | 'not_found' = 'validation'): ApplicationFailure {
  return ApplicationFailure.create({ message, type, nonRetryable: true });
}

function refusalOf(error: MappingError): ApplicationFailure {
  return refusal(error.message);
}

/** The stored order, or a not-found failure saying how orders get into the hub. */
async function storedOrder(db: Knex, tenant: string, channel: string, orderId: string): Promise<Order> {
  const order = await getOrder(db, tenant, channel, orderId);
  if (order === undefined) {
    throw refusal(`order ${orderId} of ${tenant}/${channel} is not in the hub: import it first (caravan sync orders --tenant ${tenant} --channel ${channel})`, 'not_found');
  }
  return order;
}

export function createShipmentConfirmActivities(deps: ShipmentConfirmDeps): ShipmentConfirmActivities {
  const clock = deps.clock ?? (() => new Date());
  const context = deps.context ?? ((): ShipmentConfirmActivityContext => {
    const ctx = Context.current();
    return { attempt: ctx.info.attempt, cancellationSignal: ctx.cancellationSignal };
  });

  async function prepareShipmentConfirmation(input: PrepareShipmentConfirmationInput): Promise<PrepareShipmentConfirmationResult> {
    return asActivity(async () => {
      const { tenant, channel, workflowId, runId } = input;
      await recordRunStarted(deps.db, { workflowId, runId, tenant, channel, flow: FLOW, startedAt: input.startedAt });
      findOrderConnection(deps.config, tenant, channel);
      const order = await storedOrder(deps.db, tenant, channel, input.orderId);
      const carrier = shippingCarrier(input.carrier);
      if (carrier === undefined) throw refusal(`order ${input.orderId}: the carrier is empty`);
      const shipDate = normaliseUtcTimestamp(input.shipDate ?? input.startedAt);
      if (!shipDate.ok) throw refusal(`order ${input.orderId}: ship date ${shipDate.message}`);
      if (Date.parse(shipDate.value) > clock().getTime()) throw refusal(`order ${input.orderId}: ship date ${shipDate.value} is in the future`);
      const built = shipmentConfirmationFor(order, {
        carrier,
        trackingNumber: input.trackingNumber,
        shipDate: shipDate.value,
        ...(input.service === undefined ? {} : { service: input.service }),
        ...(input.packageReference === undefined ? {} : { packageReference: input.packageReference }),
        ...(input.lines === undefined ? {} : { lines: input.lines }),
      });
      if (!built.ok) throw refusalOf(built.error);
      const lines = new Map(order.lines.map((l) => [l.lineId, l]));
      const shippedBefore = Object.fromEntries(built.value.lines.map((l) => [l.lineId, lines.get(l.lineId)?.quantityShipped ?? 0]));
      deps.logger.info({ tenant, channel, orderId: input.orderId, carrier: carrier.code, lines: built.value.lines.length }, 'shipment confirmation prepared');
      return { confirmation: built.value, shippedBefore };
    });
  }

  /** True when the channel shows every unit of the package shipped on top of what was shipped before it. */
  async function appliedOnChannel(input: SendShipmentConfirmationInput, vendor: string, call: CapabilityCallOptions): Promise<boolean> {
    const { capability: source } = deps.vendors.capability(input.tenant, input.channel, 'orderSource');
    if (!source.orderLines) return false;
    const shipped = shipmentConfirmMappingFor(vendor).shippedQuantities(await source.orderLines(input.confirmation.externalOrderId, call));
    return input.confirmation.lines.every((l) => (shipped.get(l.lineId) ?? 0) >= (input.shippedBefore[l.lineId] ?? 0) + l.quantity);
  }

  async function sendShipmentConfirmation(input: SendShipmentConfirmationInput): Promise<SendShipmentConfirmationResult> {
    const ctx = context();
    return asActivity(async () => {
      const { tenant, channel, confirmation } = input;
      const orderId = confirmation.externalOrderId;
      const log = deps.logger.child({ tenant, channel, orderId, attempt: ctx.attempt });
      const { vendor } = findOrderConnection(deps.config, tenant, channel);
      const call = { signal: ctx.cancellationSignal };
      if (ctx.attempt > 1 && (await appliedOnChannel(input, vendor, call))) {
        log.info('shipment confirmation found applied by an earlier attempt; not sent again');
        return { outcome: 'already-applied', attempt: ctx.attempt };
      }
      const order = await storedOrder(deps.db, tenant, channel, orderId);
      const request = shipmentConfirmMappingFor(vendor).request(confirmation, order);
      if (!request.ok) throw refusalOf(request.error);
      const { capability: confirmer } = deps.vendors.capability(tenant, channel, 'shipmentConfirmer');
      const receipt = await confirmer.confirmShipment(orderId, request.value, call);
      log.info({ requestId: receipt.requestId, carrier: confirmation.carrier.code }, 'shipment confirmed on the channel');
      return { outcome: 'confirmed', attempt: ctx.attempt, ...(receipt.requestId === undefined ? {} : { requestId: receipt.requestId }) };
    });
  }

  async function closeRun(input: FinishShipmentConfirmationInput | RecordShipmentConfirmFailureInput, status: 'completed' | 'failed' | 'cancelled', error?: string) {
    const finished = clock();
    const { durationMs } = await closeRunRecord(deps.db, finished, input.startedAt, {
      workflowId: input.workflowId,
      runId: input.runId,
      status,
      ...ONE_PACKAGE,
      updated: status === 'completed' ? 1 : 0,
      ...(error === undefined ? {} : { error }),
    });
    return { finishedAt: finished.toISOString(), durationMs };
  }

  return {
    prepareShipmentConfirmation,
    sendShipmentConfirmation,
    async finishShipmentConfirmation(input) {
      return asActivity(() => closeRun(input, 'completed'));
    },
    async recordShipmentConfirmFailure(input) {
      return asActivity(async () => {
        await closeRun(input, input.status, input.error);
        deps.logger.warn({ workflowId: input.workflowId, status: input.status, error: input.error }, 'shipment confirmation did not finish');
      });
    },
  };
}
