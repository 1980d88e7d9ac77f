/**
 * Named input and result types of the parcel-tracking activities. Workflows import these types
 * only (never the implementations), so they stay free of I/O.
 */
import type { Carrier, TrackingEvent, TrackingStatus } from '../mappings/canonical/carrier.js';

/** What is tracked: one parcel of a tenant, through one of its carrier connections. */
export interface TrackShipmentRequest {
  tenant: string;
  /** The tenant's carrier connection (vendor dhl or fedex). */
  channel: string;
  trackingNumber: string;
  /** The order the parcel ships (the sales channel's order id), for finding it later. */
  orderId?: string;
  /** Lane countries (ISO 3166-1 alpha-2) when the starter knows them; else taken from the carrier's reply. */
  origin?: string;
  destination?: string;
}

/**
 * A pushed update (the `trackingUpdate` signal): a carrier tracking reply as the carrier sent it
 * (a MyDHL or Unified tracking reply, a FedEx Track reply), or canonical events.
 */
export type TrackingUpdate = { readonly reply: unknown } | { readonly events: readonly TrackingEvent[] };

export interface TrackingParcelRef {
  tenant: string;
  channel: string;
  carrier: Carrier;
  trackingNumber: string;
}

export interface StallThresholdInfo {
  ms: number;
  /** The tenants-file key it came from (`DE-US`, `DE-*`, `*-US`, `default`) or `built-in`. */
  rule: string;
}

/** The parcel as the store has it after an activity. */
export interface TrackingState {
  status: TrackingStatus;
  carrierStatusCode?: string;
  eventsCount: number;
  /** Events this call recorded for the first time. */
  added: number;
  lastEventAt?: string;
  /** UTC: when the parcel last moved as far as the hub can tell. */
  progressAt: string;
  stalled: boolean;
  lane?: string;
  stallThreshold: StallThresholdInfo;
}

export interface StartTrackingResult extends TrackingState {
  carrier: Carrier;
  /** The tenant's poll schedule (shipping.trackingPoll) when it sets one. */
  poll?: { firstPollMs: number; factor: number; maxPollMs: number };
}

export interface PollTrackingResult extends TrackingState {
  /** The carrier does not know the number (yet): a label just bought is often not tracked for a while. */
  notFound?: { code?: string; message: string };
}

export interface RecordPushedTrackingInput extends TrackingParcelRef {
  updates: readonly TrackingUpdate[];
  /** How many updates the workflow handled before these: rejections name updates by their number (1, 2, …). */
  handledBefore: number;
}

export interface RecordPushedTrackingResult extends TrackingState {
  /** Updates (or records in them) that could not be read, naming the update and field; the rest were recorded. */
  rejected: string[];
}

export interface RaiseTrackingExceptionInput extends TrackingParcelRef {
  reason: string;
}

export interface TrackShipmentActivities {
  /** Records the parcel (or finds it recorded) and resolves its carrier, lane threshold and poll schedule. */
  startTracking(input: TrackShipmentRequest): Promise<StartTrackingResult>;
  /** Asks the carrier (through the connection's pipeline and limiter) and records what is new. */
  pollTracking(input: TrackingParcelRef): Promise<PollTrackingResult>;
  /** Records pushed updates: events already known are no-ops. */
  recordPushedTracking(input: RecordPushedTrackingInput): Promise<RecordPushedTrackingResult>;
  /** Records the stall exception on the parcel. */
  raiseTrackingException(input: RaiseTrackingExceptionInput): Promise<void>;
  /** Marks tracking ended (delivered, returned, cancelled). */
  finishTracking(input: TrackingParcelRef): Promise<void>;
}
