/**
 * Named input and result types of the shipment-confirmation activities. Workflows import
 * these types only (never the implementations), so they stay free of I/O.
 */
import type { ShipmentConfirmation } from '../mappings/canonical/shipment-confirmation.js';

/** What an operator asks: one package of an order, by its channel's order id. */
export interface ShipmentConfirmRequest {
  tenant: string;
  channel: string;
  /** The channel's order id (Amazon AmazonOrderId), as stored by ordersSync. */
  orderId: string;
  /** A carrier code (`dhl`, `royal-mail`) or name; an unknown name is sent as "other" with that name. */
  carrier: string;
  service?: string;
  trackingNumber: string;
  /** ISO 8601 with a zone; the time the confirmation is prepared when absent. */
  shipDate?: string;
  /** The package within the order ("1" when absent). */
  packageReference?: string;
  /** Lines and quantities of the package; every unshipped unit when absent. */
  lines?: { lineId: string; quantity: number }[];
}

export interface RunRef {
  workflowId: string;
  /** The run id of this confirmation (its run summary's key). */
  runId: string;
}

export interface PrepareShipmentConfirmationInput extends ShipmentConfirmRequest, RunRef {
  /** When the workflow started (UTC ISO 8601): the run's start, and the ship date when none is given. */
  startedAt: string;
}

export interface PrepareShipmentConfirmationResult {
  confirmation: ShipmentConfirmation;
  /** Units of each confirmed line the hub knew shipped before this package, by line id. */
  shippedBefore: Record<string, number>;
}

export interface SendShipmentConfirmationInput extends RunRef {
  tenant: string;
  channel: string;
  confirmation: ShipmentConfirmation;
  shippedBefore: Record<string, number>;
}

/**
 * `confirmed`: the channel accepted this call. `already-applied`: a retry found the package's
 * units shipped on the channel already (an earlier attempt's call went through, its reply was lost).
 */
export interface SendShipmentConfirmationResult {
  outcome: 'confirmed' | 'already-applied';
  /** The channel's request id of the accepted call, for support cases. */
  requestId?: string;
  attempt: number;
}

export interface FinishShipmentConfirmationInput extends RunRef {
  tenant: string;
  channel: string;
  startedAt: string;
}

export interface FinishShipmentConfirmationResult {
  finishedAt: string;
  durationMs: number;
}

export interface RecordShipmentConfirmFailureInput extends RunRef {
  status: 'failed' | 'cancelled';
  error: string;
  startedAt: string;
}

export interface ShipmentConfirmActivities {
  /** Records the run, loads the stored order and builds the canonical confirmation (or refuses, naming why). */
  prepareShipmentConfirmation(input: PrepareShipmentConfirmationInput): Promise<PrepareShipmentConfirmationResult>;
  /** Sends the confirmation to the channel once: a retry first checks whether an earlier attempt went through. */
  sendShipmentConfirmation(input: SendShipmentConfirmationInput): Promise<SendShipmentConfirmationResult>;
  finishShipmentConfirmation(input: FinishShipmentConfirmationInput): Promise<FinishShipmentConfirmationResult>;
  recordShipmentConfirmFailure(input: RecordShipmentConfirmFailureInput): Promise<void>;
}
