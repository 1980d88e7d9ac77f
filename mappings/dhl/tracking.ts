/**
 * DHL tracking replies → canonical TrackingResult, one per shipment. Three wire formats:
 * MyDHL API (`shipments[].events[]` with typeCode, date, time, GMTOffset), Shipment Tracking –
 * Unified API (`shipments[].status.statusCode` pre-transit|transit|delivered|failure|unknown and
 * `events[]`), and the legacy XML-PI TrackingResponse (`AWBInfo[].ShipmentInfo.ShipmentEvent[]`).
 * Express event codes go through DHL's status list (tracking-status-codes.ts). Times keep DHL's
 * offset when it gives one (UTC ISO 8601), else stay DHL's local time (`localTime`). Pure, total.
 */
import {
  CarrierIssues,
  latestEvent,
  withSigner,
  type CarrierLocation,
  type CarrierTime,
  type TrackingEvent,
  type TrackingResult,
  type TrackingStatus,
} from '../canonical/carrier.js';
import { defined } from '../canonical/defined.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import type { DhlUnifiedShipment, DhlUnifiedStatus, MyDhlTrackedShipment, MyDhlTrackingEvent } from '../../connectors/dhl/schemas/carrier-json.js';
import type { DhlXmlAwbInfo, DhlXmlPieceFault, DhlXmlShipmentEvent } from '../../connectors/dhl/schemas/xml.js';
import { dhlExpressStatus } from './tracking-status-codes.js';

export const DHL_TRACKING_RECORD_TYPE = 'dhl.tracking';

function timeFields(t: CarrierTime | undefined): Pick<TrackingEvent, 'timestamp' | 'localTime' | 'date'> {
  return t === undefined ? {} : defined({ timestamp: t.timestamp, localTime: t.localTime, date: t.date });
}

function location(l: CarrierLocation): CarrierLocation | undefined {
  const d = defined({ ...l });
  return Object.keys(d).length === 0 ? undefined : d;
}

function resultOf(id: string, issues: CarrierIssues, r: Omit<TrackingResult, 'recordType' | 'carrier' | 'status'>): MappingResult<TrackingResult> {
  if (issues.list.length > 0) return fail(new MappingError(DHL_TRACKING_RECORD_TYPE, id, issues.list));
  const latest = latestEvent(r.events);
  const result: TrackingResult = {
    recordType: 'tracking',
    carrier: 'dhl',
    ...r,
    status: latest?.status ?? 'unknown',
    ...(r.carrierStatusCode === undefined && latest !== undefined ? defined({ carrierStatusCode: latest.carrierCode, carrierStatusDescription: latest.carrierDescription }) : {}),
  };
  return ok(defined(result));
}

// ── MyDHL ──────────────────────────────────────────────────────────────────────────────────

function myDhlEvent(e: MyDhlTrackingEvent, field: string, issues: CarrierIssues, piece?: string): TrackingEvent {
  const when = e.date === undefined ? undefined : issues.time(`${field}.date`, e.time === undefined ? e.date : `${e.date}T${e.time}`, e.GMTOffset);
  if (e.typeCode === undefined) issues.add(`${field}.typeCode`, 'is missing');
  const area = e.serviceArea?.[0];
  const status = dhlExpressStatus(e.typeCode);
  // DHL's own example leaves signedBy "" and names the signer in the delivery's text ("Delivered : ALBY H").
  const signer = e.signedBy !== undefined && e.signedBy.trim() !== '' ? e.signedBy : (status === 'delivered' ? /^\s*Delivered\s*[:-]\s*(?:Signed for by\s*:?\s*)?(\S.*?)\s*$/i.exec(e.description ?? '')?.[1] : undefined);
  return defined({
    status,
    carrierCode: e.typeCode ?? '',
    carrierDescription: e.description,
    ...timeFields(when),
    location: area === undefined ? undefined : location({ code: area.code, description: area.description }),
    signedBy: signer,
    pieceTrackingNumber: piece,
  });
}

/** One shipment of a MyDHL tracking reply (`shipments[i]`). */
export function myDhlShipmentToTracking(s: MyDhlTrackedShipment, index = 0): MappingResult<TrackingResult> {
  const issues = new CarrierIssues();
  const base = `shipments[${index}]`;
  // Shipment-level events; when DHL gives none there (piece-level checkpoints only), the pieces' events, each naming its piece.
  const shipmentEvents = (s.events ?? []).map((e, i) => myDhlEvent(e, `${base}.events[${i}]`, issues));
  const events =
    shipmentEvents.length > 0
      ? shipmentEvents
      : (s.pieces ?? []).flatMap((p, pi) => (p.events ?? []).map((e, i) => myDhlEvent(e, `${base}.pieces[${pi}].events[${i}]`, issues, p.trackingNumber)));
  const pieces = (s.pieces ?? []).flatMap((p) => (p.trackingNumber === undefined ? [] : [p.trackingNumber]));
  const eta = issues.time(`${base}.estimatedTimeOfDelivery`, s.estimatedTimeOfDelivery ?? s.estimatedDeliveryDate);
  // Names and address lines may be blank (DHL leaves them empty under the GDPR): blanks are dropped.
  const party = (p: MyDhlTrackedShipment['shipperDetails']) =>
    p === undefined
      ? undefined
      : location({
          city: p.postalAddress?.cityName,
          postcode: p.postalAddress?.postalCode,
          countryCode: p.postalAddress?.countryCode,
          region: p.postalAddress?.provinceCode,
          code: p.serviceArea?.[0]?.code,
          description: p.serviceArea?.[0]?.description,
        });
  return resultOf(s.shipmentTrackingNumber, issues, {
    trackingNumber: s.shipmentTrackingNumber,
    // `description` is the shipment's contents description ("Shipment Description" in the MyDHL description), not the product's name.
    service: s.productCode === undefined ? undefined : { code: s.productCode },
    pieceTrackingNumbers: pieces.length === 0 ? undefined : pieces,
    estimatedDelivery: eta,
    origin: party(s.shipperDetails),
    destination: party(s.receiverDetails),
    events,
  });
}

// ── Unified Shipment Tracking ──────────────────────────────────────────────────────────────

/** The Unified API's own status codes (dhl-shipment-tracking-unified-1.4.1.yaml, supermodelIoLogisticsTrackingShipmentEvent.statusCode). */
export const DHL_UNIFIED_STATUS_CODES: Readonly<Record<string, TrackingStatus>> = {
  'pre-transit': 'pre_transit',
  transit: 'in_transit',
  delivered: 'delivered',
  failure: 'exception',
  unknown: 'unknown',
};

const unifiedStatus = (code: string | undefined): TrackingStatus => (code === undefined ? undefined : DHL_UNIFIED_STATUS_CODES[code.trim().toLowerCase()]) ?? 'unknown';

function unifiedLocation(l: DhlUnifiedStatus['location']): CarrierLocation | undefined {
  const a = l?.address;
  return a === undefined ? undefined : location({ city: a.addressLocality, postcode: a.postalCode, countryCode: a.countryCode });
}

function unifiedEvent(e: DhlUnifiedStatus, field: string, issues: CarrierIssues): TrackingEvent {
  const when = issues.time(`${field}.timestamp`, e.timestamp);
  return defined({
    status: unifiedStatus(e.statusCode),
    carrierCode: e.statusCode ?? '',
    carrierDescription: e.status ?? e.description,
    ...timeFields(when),
    location: unifiedLocation(e.location),
  });
}

/** One shipment of a Unified tracking reply (`shipments[i]`). */
export function dhlUnifiedShipmentToTracking(s: DhlUnifiedShipment, index = 0): MappingResult<TrackingResult> {
  const issues = new CarrierIssues();
  const base = `shipments[${index}]`;
  const listed = (s.events ?? []).map((e, i) => unifiedEvent(e, `${base}.events[${i}]`, issues));
  // Who signed is on the shipment (details.proofOfDelivery.signed, a schema.org Person): it belongs to the delivery event.
  const signed = s.details?.proofOfDelivery?.signed;
  const fullName = [signed?.givenName, signed?.familyName].filter((n) => n !== undefined && n.trim() !== '').join(' ');
  const signedBy = fullName !== '' ? fullName : signed?.name;
  const events = withSigner(listed, signedBy);
  const status = s.status === undefined ? undefined : unifiedEvent(s.status, `${base}.status`, issues);
  // Without a single estimate, the end of DHL's estimated time frame (its latest promised moment).
  const eta =
    s.estimatedTimeOfDelivery !== undefined
      ? issues.time(`${base}.estimatedTimeOfDelivery`, s.estimatedTimeOfDelivery)
      : issues.time(`${base}.estimatedDeliveryTimeFrame.estimatedThrough`, s.estimatedDeliveryTimeFrame?.estimatedThrough);
  const r = resultOf(s.id, issues, {
    trackingNumber: s.id,
    service: s.service === undefined && s.details?.product?.productName === undefined ? undefined : defined({ code: s.service, name: s.details?.product?.productName }),
    pieceTrackingNumbers: s.details?.pieceIds,
    estimatedDelivery: eta,
    origin: unifiedLocation(s.origin),
    destination: unifiedLocation(s.destination),
    events,
    ...(status === undefined ? {} : defined({ carrierStatusCode: status.carrierCode, carrierStatusDescription: status.carrierDescription })),
  });
  // The shipment's own status (its latest state) decides over the event list.
  return r.ok && status !== undefined ? ok({ ...r.value, status: status.status }) : r;
}

// ── Legacy XML TrackingResponse ────────────────────────────────────────────────────────────

function xmlEvent(e: DhlXmlShipmentEvent, f: string, issues: CarrierIssues, piece?: string): TrackingEvent {
  const code = e.ServiceEvent?.EventCode;
  if (code === undefined) issues.add(`${f}.ServiceEvent.EventCode`, 'is missing');
  const when = e.Date === undefined ? undefined : issues.time(`${f}.Date`, e.Time === undefined ? e.Date : `${e.Date}T${e.Time}`);
  const status = dhlExpressStatus(code);
  return defined({
    status,
    carrierCode: code ?? '',
    carrierDescription: e.ServiceEvent?.Description,
    ...timeFields(when),
    location: e.ServiceArea === undefined ? undefined : location({ code: e.ServiceArea.ServiceAreaCode, description: e.ServiceArea.Description }),
    // Every ShipmentEvent has a Signatory element, but only a delivery's names who signed: on other
    // events DHL fills it with the shipper's account number, a time or a weight (karrio's recorded
    // TrackingResponse: PU "960528602" = ShipperAccountNumber, PO "00:00:00", RW "21.20").
    signedBy: status === 'delivered' ? e.Signatory : undefined,
    pieceTrackingNumber: piece,
  });
}

/** A piece of an XML TrackingResponse DHL could not track (`Fault.PieceFault[i]`): its own record, status unknown, DHL's condition kept. */
export function dhlXmlPieceFaultToTracking(f: DhlXmlPieceFault, index = 0): MappingResult<TrackingResult> {
  if (f.PieceID === undefined) return fail(new MappingError(DHL_TRACKING_RECORD_TYPE, undefined, [{ field: `Fault.PieceFault[${index}].PieceID`, message: 'is missing' }]));
  const code = f.ConditionCode ?? 'PieceFault';
  return ok({ recordType: 'tracking', carrier: 'dhl', trackingNumber: f.PieceID, status: 'unknown', events: [], carrierError: defined({ code, message: f.ConditionData }) });
}

/** One `AWBInfo` of an XML TrackingResponse. An AWB DHL did not find is a MappingError naming its ActionStatus. */
export function dhlXmlAwbToTracking(a: DhlXmlAwbInfo, index = 0): MappingResult<TrackingResult> {
  const issues = new CarrierIssues();
  const base = `AWBInfo[${index}]`;
  const awb = a.AWBNumber;
  const action = a.Status?.ActionStatus;
  if (action !== undefined && action.toLowerCase() !== 'success') {
    // One AWB of a reply DHL could not track ("No Shipments Found", condition 103): its own error, no events.
    const c = a.Status?.Condition[0];
    // With AWBNumber empty, DHL names the number in the condition text ("No Shipments Found for AWBNumber 123456789").
    const number = awb ?? /AWB\s*(?:Number)?\s*:?\s*([A-Za-z0-9]+)\s*$/i.exec(c?.ConditionData ?? '')?.[1];
    if (number === undefined) return fail(new MappingError(DHL_TRACKING_RECORD_TYPE, undefined, [{ field: `${base}.Status.ActionStatus`, message: `DHL answered "${action}" for an AWB it does not name` }]));
    return ok({ recordType: 'tracking', carrier: 'dhl', trackingNumber: number, status: 'unknown', events: [], carrierError: defined({ code: c?.ConditionCode ?? action, message: c?.ConditionData ?? action }) });
  }
  if (awb === undefined) return fail(new MappingError(DHL_TRACKING_RECORD_TYPE, undefined, [{ field: `${base}.AWBNumber`, message: 'is missing' }]));
  const info = a.ShipmentInfo;
  // Shipment checkpoints; when DHL gives none there (pieces tracked), each piece's own PieceEvents, naming the piece.
  const shipmentEvents = (info?.ShipmentEvent ?? []).map((e, i) => xmlEvent(e, `${base}.ShipmentInfo.ShipmentEvent[${i}]`, issues));
  const events =
    shipmentEvents.length > 0
      ? shipmentEvents
      : (a.Pieces?.PieceInfo ?? []).flatMap((p, pi) => p.PieceEvent.map((e, i) => xmlEvent(e, `${base}.Pieces.PieceInfo[${pi}].PieceEvent[${i}]`, issues, p.PieceDetails?.LicensePlate)));
  const area = (s: { ServiceAreaCode?: string; Description?: string } | undefined) => (s === undefined ? undefined : location({ code: s.ServiceAreaCode, description: s.Description }));
  // EstDlvyDate may end in "GMT+08:00" (sailrish/shipit#43 quotes a real reply): that suffix is its offset.
  // Without it, EstDlvyDateUTC (the same moment in UTC, no zone written).
  const est = /^(.*?)\s*GMT([+-]\d{2}:?\d{2})?\s*$/.exec(info?.EstDlvyDate ?? '');
  const eta =
    info?.EstDlvyDate === undefined
      ? issues.time(`${base}.ShipmentInfo.EstDlvyDateUTC`, info?.EstDlvyDateUTC, 'Z')
      : est === null
        ? issues.time(`${base}.ShipmentInfo.EstDlvyDate`, info.EstDlvyDate)
        : issues.time(`${base}.ShipmentInfo.EstDlvyDate`, est[1], est[2] ?? 'Z');
  const pieces = (a.Pieces?.PieceInfo ?? []).flatMap((p) => (p.PieceDetails?.LicensePlate === undefined ? [] : [p.PieceDetails.LicensePlate]));
  return resultOf(awb, issues, {
    trackingNumber: awb,
    // ShipmentDesc is the contents as the shipper declared them ("ariSulfur Facial and Body Bar" in karrio's
    // recorded in-transit reply), not the product's name: the product is its GlobalProductCode only.
    service: info?.GlobalProductCode === undefined ? undefined : { code: info.GlobalProductCode },
    pieceTrackingNumbers: pieces.length === 0 ? undefined : pieces,
    estimatedDelivery: eta,
    origin: area(info?.OriginServiceArea),
    destination: area(info?.DestinationServiceArea),
    events,
  });
}
