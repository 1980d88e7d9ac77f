/**
 * FedEx Track API reply → canonical TrackingResult, one per `trackResults[]` entry. Event status
 * comes from the scan's own `eventType` through FEDEX_TRACKING_CODES, else its
 * `derivedStatusCode` (FedEx derives `IT` for an `OD` "On FedEx vehicle for delivery" scan,
 * karrioapi/karrio#659: the scan type is the more precise); the result's from
 * `latestStatusDetail.code`, else `derivedCode`, else the latest event. FedEx dates carry an
 * offset (UTC ISO 8601 here); those that do not (window `begins` in the description's example)
 * stay local time. A result holding only an `error` (the number was not found) keeps FedEx's
 * code and message as `carrierError`, status unknown; an `error` beside data is kept as one of
 * the mapped result's `notes`. The signer (deliveryDetails) goes on the delivery scan, a scan's
 * exceptionCode/Description on that scan. Pure, total.
 */
import { CarrierIssues, latestEvent, withSigner, type CarrierLocation, type TrackingEvent, type TrackingResult } from '../canonical/carrier.js';
import { defined } from '../canonical/defined.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import type { FedexAddress, FedexTrackResponse, FedexTrackResult } from '../../connectors/fedex/schemas/track.js';
import { fedexCodeStatus } from './tracking-status-codes.js';

export const FEDEX_TRACKING_RECORD_TYPE = 'fedex.tracking';

function place(a: FedexAddress | undefined, code?: string): CarrierLocation | undefined {
  const l = defined({ city: a?.city, postcode: a?.postalCode, countryCode: a?.countryCode, region: a?.stateOrProvinceCode, code });
  return Object.keys(l).length === 0 ? undefined : l;
}

/** One `output.completeTrackResults[c].trackResults[r]`. */
export function fedexTrackResultToTracking(t: FedexTrackResult, field: string, fallbackNumber?: string): MappingResult<TrackingResult> {
  const number = t.trackingNumberInfo?.trackingNumber ?? fallbackNumber;
  // A latestStatusDetail holding only an empty scanLocation says nothing: data is a status or a scan.
  const l = t.latestStatusDetail;
  const hasData = (l !== undefined && [l.code, l.derivedCode, l.statusByLocale, l.description].some((v) => v !== undefined)) || (t.scanEvents?.length ?? 0) > 0;
  if (!hasData && t.error !== undefined) {
    // One number of a reply FedEx could not track (TRACKING.TRACKINGNUMBER.NOTFOUND): its own error, no events.
    // (A reply in which no number was found is an error reply: recogniseFedexErrorReply.)
    if (number === undefined || t.error.code === undefined) {
      return fail(new MappingError(FEDEX_TRACKING_RECORD_TYPE, number, [{ field: `${field}.error`, message: `FedEx ${t.error.code ?? 'error'}: ${t.error.message ?? ''}`.trim() }]));
    }
    return ok({ recordType: 'tracking', carrier: 'fedex', trackingNumber: number, status: 'unknown', events: [], carrierError: defined({ code: t.error.code, message: t.error.message }) });
  }
  const issues = new CarrierIssues();
  if (number === undefined) issues.add(`${field}.trackingNumberInfo.trackingNumber`, 'is missing');
  const scans = (t.scanEvents ?? []).map((e, i): TrackingEvent => {
    const when = issues.time(`${field}.scanEvents[${i}].date`, e.date);
    const code = e.eventType ?? e.derivedStatusCode;
    return defined({
      status: fedexCodeStatus(e.eventType) ?? fedexCodeStatus(e.derivedStatusCode) ?? 'unknown',
      carrierCode: code ?? '',
      carrierDescription: e.eventDescription ?? e.derivedStatus,
      ...(when ?? {}),
      location: place(e.scanLocation, e.locationId),
      exception: e.exceptionCode === undefined ? undefined : defined({ code: e.exceptionCode, description: e.exceptionDescription }),
    });
  });
  // FedEx names who signed on the result (deliveryDetails), not on the scan: it belongs to the latest delivery scan.
  const signedBy = t.deliveryDetails?.signedByName ?? t.deliveryDetails?.receivedByName;
  const events = withSigner(scans, signedBy);
  const eta =
    t.dateAndTimes?.find((d) => d.type === 'ESTIMATED_DELIVERY')?.dateTime ??
    t.estimatedDeliveryTimeWindow?.window?.ends ??
    t.estimatedDeliveryTimeWindow?.window?.begins;
  const estimatedDelivery = issues.time(`${field}.estimatedDelivery`, eta);
  if (issues.list.length > 0) return fail(new MappingError(FEDEX_TRACKING_RECORD_TYPE, number, issues.list));
  const latest = t.latestStatusDetail;
  const last = latestEvent(events);
  const status = fedexCodeStatus(latest?.code) ?? fedexCodeStatus(latest?.derivedCode) ?? last?.status ?? 'unknown';
  return ok(
    defined({
      recordType: 'tracking' as const,
      carrier: 'fedex' as const,
      trackingNumber: number!,
      status,
      carrierStatusCode: latest?.code ?? latest?.derivedCode ?? last?.carrierCode,
      carrierStatusDescription: latest?.statusByLocale ?? latest?.description ?? last?.carrierDescription,
      service: t.serviceDetail === undefined ? undefined : defined({ code: t.serviceDetail.type, name: t.serviceDetail.description }),
      estimatedDelivery,
      origin: place(t.shipperInformation?.address),
      destination: place(t.recipientInformation?.address),
      events,
      // An error FedEx gives beside data (karrio reports every trackResults[].error) is kept as a note, not dropped.
      notes: t.error?.code === undefined ? undefined : [defined({ code: t.error.code, type: 'ERROR', message: t.error.message ?? t.error.code })],
      refs: t.trackingNumberInfo?.trackingNumberUniqueId === undefined ? undefined : { trackingNumberUniqueId: t.trackingNumberInfo.trackingNumberUniqueId },
    }),
  );
}

/** Every result of a Track reply, in order. */
export function fedexTrackResponseToTracking(r: FedexTrackResponse): MappingResult<TrackingResult>[] {
  return r.output.completeTrackResults.flatMap((c, ci) =>
    c.trackResults.map((t, ti) => fedexTrackResultToTracking(t, `output.completeTrackResults[${ci}].trackResults[${ti}]`, c.trackingNumber)),
  );
}
