/**
 * How a sandbox FedEx shipment moves, in FedEx scan event codes (OC, PU, AR, DP, IT, CC,
 * OD, DL; DE for the exception), at fixed sandbox-clock offsets from its creation. A
 * dutiable shipment whose master tracking number ends in 7 meets a clearance delay (DE)
 * that lasts ten days. One ending in 3 is refused at delivery (DE, "Customer refused delivery")
 * and returned to the shipper (RS). Rendered as POST /track/v1/trackingnumbers answers: completeTrackResults
 * per number asked, scanEvents newest first, and an unknown number answered inside a 200
 * with trackResults[].error (TRACKING.TRACKINGNUMBER.NOTFOUND), as FedEx does.
 */
import type { FedexParty, FedexShipmentRecord } from './shipments.js';

const HOUR = 3_600_000;
export const FEDEX_CUSTOMS_HOLD_HOURS = 240;

interface Scan {
  readonly hours: number;
  readonly eventType: string;
  readonly eventDescription: string;
  readonly derivedStatusCode: string;
  readonly derivedStatus: string;
  readonly where: 'origin' | 'destination';
  readonly exceptionDescription?: string;
}

const transit = (hours: number, eventType: string, eventDescription: string, where: Scan['where']): Scan => ({ hours, eventType, eventDescription, derivedStatusCode: 'IT', derivedStatus: 'In transit', where });

const BEFORE_CUSTOMS: readonly Scan[] = [
  { hours: 0, eventType: 'OC', eventDescription: 'Shipment information sent to FedEx', derivedStatusCode: 'IN', derivedStatus: 'Label created', where: 'origin' },
  { hours: 2, eventType: 'PU', eventDescription: 'Picked up', derivedStatusCode: 'PU', derivedStatus: 'Picked up', where: 'origin' },
  transit(5, 'AR', 'Arrived at FedEx location', 'origin'),
  transit(7, 'DP', 'Departed FedEx location', 'origin'),
  transit(12, 'IT', 'In transit', 'destination'),
  transit(20, 'AR', 'Arrived at FedEx location', 'destination'),
];
const HOLD: Scan = {
  hours: 21,
  eventType: 'DE',
  eventDescription: 'Delivery exception',
  derivedStatusCode: 'DE',
  derivedStatus: 'Delivery exception',
  where: 'destination',
  exceptionDescription: 'Clearance delay - Import',
};
const RELEASE = transit(23, 'CC', 'International shipment release - Import', 'destination');
const DELIVERY: readonly Scan[] = [
  { hours: 28, eventType: 'OD', eventDescription: 'On FedEx vehicle for delivery', derivedStatusCode: 'OD', derivedStatus: 'Out for delivery', where: 'destination' },
  { hours: 32, eventType: 'DL', eventDescription: 'Delivered', derivedStatusCode: 'DL', derivedStatus: 'Delivered', where: 'destination' },
];

const REFUSED: readonly Scan[] = [
  DELIVERY[0]!,
  {
    hours: 30,
    eventType: 'DE',
    eventDescription: 'Delivery exception',
    derivedStatusCode: 'DE',
    derivedStatus: 'Delivery exception',
    where: 'destination',
    exceptionDescription: 'Customer refused delivery',
  },
  { hours: 34, eventType: 'RS', eventDescription: 'Return to shipper', derivedStatusCode: 'RS', derivedStatus: 'Return to shipper', where: 'destination' },
];

/** Dutiable shipments whose master tracking number ends in 3 are refused at the door and returned. */
export function isFedexRefused(record: Pick<FedexShipmentRecord, 'masterTrackingNumber' | 'dutiable'>): boolean {
  return record.dutiable && record.masterTrackingNumber.endsWith('3');
}

export function isFedexStalled(record: Pick<FedexShipmentRecord, 'masterTrackingNumber' | 'dutiable'>): boolean {
  return record.dutiable && record.masterTrackingNumber.endsWith('7');
}

function route(record: FedexShipmentRecord): readonly Scan[] {
  if (!record.dutiable) return [...BEFORE_CUSTOMS, ...DELIVERY];
  if (isFedexRefused(record)) return [...BEFORE_CUSTOMS, RELEASE, ...REFUSED];
  if (!isFedexStalled(record)) return [...BEFORE_CUSTOMS, RELEASE, ...DELIVERY];
  const later = (s: Scan): Scan => ({ ...s, hours: s.hours + FEDEX_CUSTOMS_HOLD_HOURS });
  return [...BEFORE_CUSTOMS, HOLD, later(RELEASE), ...DELIVERY.map(later)];
}

const location = (p: FedexParty) => ({ city: p.city.toUpperCase(), postalCode: p.postalCode, countryCode: p.countryCode, residential: false });
const stamp = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;

export interface FedexScanAt {
  readonly atMs: number;
  readonly scan: Scan;
}

/** Scans reached by sandbox time `nowMs` (oldest first); a cancelled shipment stops at its cancellation. */
export function fedexScans(record: FedexShipmentRecord, nowMs: number): FedexScanAt[] {
  const until = Math.min(nowMs, record.cancelledAtMs ?? Number.POSITIVE_INFINITY);
  return route(record)
    .map((scan) => ({ scan, atMs: record.createdAtMs + scan.hours * HOUR }))
    .filter(({ atMs }) => atMs <= until);
}

/** One trackResults entry for a known tracking number. */
export function trackResult(record: FedexShipmentRecord, trackingNumber: string, nowMs: number, detailed: boolean): Record<string, unknown> {
  const scans = fedexScans(record, nowMs);
  const party = (s: Scan): FedexParty => (s.where === 'origin' ? record.shipper : record.recipient);
  const events = [...scans].reverse().map(({ scan, atMs }) => ({
    date: stamp(atMs),
    eventType: scan.eventType,
    eventDescription: scan.eventDescription,
    ...(scan.exceptionDescription ? { exceptionCode: '', exceptionDescription: scan.exceptionDescription } : {}),
    scanLocation: location(party(scan)),
    derivedStatusCode: scan.derivedStatusCode,
    derivedStatus: scan.derivedStatus,
  }));
  const latest = scans.at(-1);
  const cancelled = record.cancelledAtMs !== undefined && record.cancelledAtMs <= nowMs;
  const latestStatusDetail = cancelled
    ? { code: 'CA', derivedCode: 'CA', statusByLocale: 'Cancelled', description: 'Shipment cancelled by sender' }
    : latest
      ? {
          code: latest.scan.eventType,
          derivedCode: latest.scan.derivedStatusCode,
          statusByLocale: latest.scan.derivedStatus,
          description: latest.scan.eventDescription,
          scanLocation: location(party(latest.scan)),
          ...(latest.scan.exceptionDescription ? { ancillaryDetails: [{ reason: 'CD', reasonDescription: latest.scan.exceptionDescription }] } : {}),
        }
      : undefined;
  const pickedUp = scans.find((s) => s.scan.eventType === 'PU');
  const delivered = scans.find((s) => s.scan.eventType === 'DL');
  const dateAndTimes = [
    { type: 'SHIP', dateTime: stamp(record.createdAtMs) },
    ...(pickedUp ? [{ type: 'ACTUAL_PICKUP', dateTime: stamp(pickedUp.atMs) }] : []),
    delivered ? { type: 'ACTUAL_DELIVERY', dateTime: stamp(delivered.atMs) } : { type: 'ESTIMATED_DELIVERY', dateTime: `${record.estimatedDelivery}+00:00` },
  ];
  return {
    trackingNumberInfo: { trackingNumber, trackingNumberUniqueId: `12029~${trackingNumber}~FDEG`, carrierCode: 'FDXE' },
    additionalTrackingInfo: { nickname: '', packageIdentifiers: [{ type: 'TRACKING_NUMBER_OR_DOORTAG', values: [trackingNumber] }], hasAssociatedShipments: record.trackingNumbers.length > 1 },
    shipperInformation: { address: location(record.shipper) },
    recipientInformation: { address: location(record.recipient) },
    ...(latestStatusDetail ? { latestStatusDetail } : {}),
    dateAndTimes,
    ...(delivered ? { deliveryDetails: { receivedByName: record.recipient.personName, signedByName: record.recipient.personName, deliveryAttempts: '0', locationDescription: 'Front Desk' } } : {}),
    serviceDetail: { type: record.serviceType, description: record.serviceName },
    packageDetails: { count: String(record.trackingNumbers.length), sequenceNumber: String(record.trackingNumbers.indexOf(trackingNumber) + 1) },
    scanEvents: detailed ? events : events.slice(0, 1),
  };
}

export function notFoundResult(trackingNumber: string): Record<string, unknown> {
  return {
    trackingNumberInfo: { trackingNumber, trackingNumberUniqueId: '', carrierCode: '' },
    error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found. Please correct the tracking number and try again.' },
  };
}
