/**
 * A carrier tracking reply → canonical TrackingResults, for polls and pushed updates alike. In
 * activities/ (not mappings/) because reading a raw reply starts with the connector's wire
 * schemas, which mappings/ may not import (DESIGN.md). DHL replies are MyDHL (`shipments[]`
 * with `shipmentTrackingNumber`) or Shipment Tracking – Unified (`shipments[]` with `id` and a
 * status object); FedEx replies are Track API replies (`output.completeTrackResults`).
 */
import type { z } from 'zod';
import { DhlUnifiedShipmentSchema, MyDhlTrackedShipmentSchema } from '../connectors/dhl/schemas/carrier-json.js';
import { FedexTrackResponseSchema } from '../connectors/fedex/schemas/track.js';
import { isObject } from '../connectors/http/json-object.js';
import { TrackingEventSchema, type Carrier, type MappingResult, type TrackingEvent, type TrackingResult } from '../mappings/canonical/index.js';
import { dhlUnifiedShipmentToTracking, myDhlShipmentToTracking } from '../mappings/dhl/index.js';
import { fedexTrackResponseToTracking } from '../mappings/fedex/index.js';

export interface ReadTracking<T> {
  values: T[];
  /** What could not be read, each naming where. */
  rejected: string[];
}

const issuesText = (where: string, issues: readonly z.core.$ZodIssue[]): string =>
  `${where}: ${issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')} ` : ''}${i.message}`).join('; ')}`;

function collect(results: readonly MappingResult<TrackingResult>[], into: ReadTracking<TrackingResult>): void {
  for (const r of results) {
    if (r.ok) into.values.push(r.value);
    else into.rejected.push(r.error.message);
  }
}

/** Every tracked shipment of a carrier reply; a reply of another shape is one rejection. */
export function trackingResultsOf(carrier: Carrier, reply: unknown, where = 'reply'): ReadTracking<TrackingResult> {
  const out: ReadTracking<TrackingResult> = { values: [], rejected: [] };
  if (carrier === 'fedex') {
    const parsed = FedexTrackResponseSchema.safeParse(reply);
    if (!parsed.success) out.rejected.push(issuesText(`${where} (a FedEx Track reply)`, parsed.error.issues));
    else collect(fedexTrackResponseToTracking(parsed.data), out);
    return out;
  }
  const shipments = isObject(reply) && Array.isArray(reply.shipments) ? reply.shipments : undefined;
  if (shipments === undefined) {
    out.rejected.push(`${where}: not a DHL tracking reply (no shipments[])`);
    return out;
  }
  shipments.forEach((s, i) => {
    // Unified Tracking answers `id` and a `status` object; MyDHL `shipmentTrackingNumber` and a status text.
    const unified = isObject(s) && ('id' in s || isObject(s.status)) && !('shipmentTrackingNumber' in s);
    const parsed = unified ? DhlUnifiedShipmentSchema.safeParse(s) : MyDhlTrackedShipmentSchema.safeParse(s);
    if (!parsed.success) out.rejected.push(issuesText(`${where}.shipments[${i}]`, parsed.error.issues));
    else collect([unified ? dhlUnifiedShipmentToTracking(parsed.data as z.infer<typeof DhlUnifiedShipmentSchema>, i) : myDhlShipmentToTracking(parsed.data as z.infer<typeof MyDhlTrackedShipmentSchema>, i)], out);
  });
  return out;
}

/** Canonical events of a pushed update, each checked; a bad one is rejected by its index and field. */
export function trackingEventsOf(events: unknown, where = 'events'): ReadTracking<TrackingEvent> {
  const out: ReadTracking<TrackingEvent> = { values: [], rejected: [] };
  if (!Array.isArray(events)) {
    out.rejected.push(`${where}: not a list of tracking events`);
    return out;
  }
  events.forEach((e, i) => {
    const parsed = TrackingEventSchema.safeParse(e);
    if (parsed.success) out.values.push(parsed.data);
    else out.rejected.push(issuesText(`${where}[${i}]`, parsed.error.issues));
  });
  return out;
}

/** The results that are this parcel: its own number, or a piece of it. */
export function resultsFor(results: readonly TrackingResult[], trackingNumber: string): TrackingResult[] {
  return results.filter((r) => r.trackingNumber === trackingNumber || (r.pieceTrackingNumbers ?? []).includes(trackingNumber));
}
