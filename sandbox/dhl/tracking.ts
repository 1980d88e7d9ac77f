/**
 * How a sandbox DHL Express shipment moves: checkpoints at fixed sandbox-clock offsets
 * from its creation, with the Express status codes of mydhl-tracking-status-codes.csv
 * (PU, PL, DF, AF, IC, OH, CR, AR, WC, OK). Dutiable shipments clear customs at the
 * destination; one whose waybill ends in 7 is put on hold there (OH) for ten days before
 * release: the stalled parcel tests and the demo look for. One whose waybill ends in 3 is
 * refused by the consignee at the door (RD, an exception) and returned to the consignor (RT)
 * three days later: the returned parcel.
 *
 * Rendered as MyDHL's tracking reply (events oldest first, date and time apart) and as
 * Shipment Tracking – Unified's (ISO timestamps, newest first, shipment-level statusCode).
 */
import type { DhlPlace, DhlShipmentRecord } from './shipments.js';

const HOUR = 3_600_000;
/** How long a stalled parcel stays on customs hold. */
export const DHL_CUSTOMS_HOLD_HOURS = 240;

type Where = 'origin' | 'destination';

interface Checkpoint {
  readonly hours: number;
  readonly typeCode: string;
  readonly where: Where;
  readonly describe: (area: string) => string;
  readonly remark?: { readonly value: string; readonly details: string };
  /** Shipment Tracking – Unified's statusCode while this is the latest event. */
  readonly unified: 'transit' | 'delivered' | 'failure';
}

const PICKUP: readonly Checkpoint[] = [
  { hours: 2, typeCode: 'PU', where: 'origin', describe: () => 'Shipment picked up', unified: 'transit' },
  { hours: 4, typeCode: 'PL', where: 'origin', describe: (a) => `Processed at- ${a}`, unified: 'transit' },
  { hours: 6, typeCode: 'DF', where: 'origin', describe: (a) => `Shipment has departed from a DHL facility- ${a}`, unified: 'transit' },
  { hours: 18, typeCode: 'AF', where: 'destination', describe: (a) => `Arrived at DHL Sort Facility - ${a}`, unified: 'transit' },
];
const CUSTOMS: readonly Checkpoint[] = [{ hours: 19, typeCode: 'IC', where: 'destination', describe: (a) => `Clearance processing - ${a}`, unified: 'transit' }];
const HOLD: Checkpoint = {
  hours: 20,
  typeCode: 'OH',
  where: 'destination',
  describe: () => 'Shipment is on hold',
  remark: { value: 'Customs clearance delay.', details: 'The shipment is held by customs pending further information from the importer.' },
  unified: 'failure',
};
const RELEASE: Checkpoint = { hours: 21, typeCode: 'CR', where: 'destination', describe: (a) => `Clearance processing complete at- ${a}`, unified: 'transit' };
const DELIVERY: readonly Checkpoint[] = [
  { hours: 24, typeCode: 'AR', where: 'destination', describe: (a) => `Arrived at DHL Delivery Facility - ${a}`, unified: 'transit' },
  { hours: 28, typeCode: 'WC', where: 'destination', describe: () => 'Shipment is out with courier for delivery', unified: 'transit' },
  { hours: 32, typeCode: 'OK', where: 'destination', describe: () => 'Delivered', unified: 'delivered' },
];

/** The consignee refuses the parcel at the door; it goes back to the shipper. */
const REFUSED: readonly Checkpoint[] = [
  ...DELIVERY.slice(0, 2),
  {
    hours: 29,
    typeCode: 'RD',
    where: 'destination',
    describe: () => 'Delivery refused by the consignee',
    remark: { value: 'Consignee refused delivery.', details: 'The shipment will be returned to the shipper.' },
    unified: 'failure',
  },
  { hours: 100, typeCode: 'RT', where: 'origin', describe: (a) => `Returned to shipper - ${a}`, unified: 'failure' },
];

/** Waybills ending in 3 are refused at the door and returned (dutiable shipments only, like the customs hold). */
export function isRefused(record: Pick<DhlShipmentRecord, 'trackingNumber' | 'isCustomsDeclarable'>): boolean {
  return record.isCustomsDeclarable && record.trackingNumber.endsWith('3');
}

/** Waybills ending in 7 are held at customs (dutiable shipments only: others are not cleared). */
export function isStalled(record: Pick<DhlShipmentRecord, 'trackingNumber' | 'isCustomsDeclarable'>): boolean {
  return record.isCustomsDeclarable && record.trackingNumber.endsWith('7');
}

export interface DhlCheckpoint {
  readonly atMs: number;
  readonly typeCode: string;
  readonly description: string;
  readonly place: DhlPlace;
  readonly area: { readonly code: string; readonly description: string };
  readonly remark?: { readonly value: string; readonly details: string };
  readonly unified: Checkpoint['unified'];
  readonly signedBy?: string;
}

/** The three-letter service area of a city and its "CITY-CC" description. */
function serviceArea(place: DhlPlace): { code: string; description: string } {
  const city = place.cityName.toUpperCase();
  const letters = city.replace(/[^A-Z]/g, '');
  return { code: (letters + 'XXX').slice(0, 3), description: `${city}-${place.countryCode}` };
}

/** The whole planned route, reached or not. */
function route(record: DhlShipmentRecord): Checkpoint[] {
  if (!record.isCustomsDeclarable) return [...PICKUP, ...DELIVERY];
  if (isRefused(record)) return [...PICKUP, ...CUSTOMS, RELEASE, ...REFUSED];
  if (!isStalled(record)) return [...PICKUP, ...CUSTOMS, RELEASE, ...DELIVERY];
  const later = (c: Checkpoint): Checkpoint => ({ ...c, hours: c.hours + DHL_CUSTOMS_HOLD_HOURS });
  return [...PICKUP, ...CUSTOMS, HOLD, later(RELEASE), ...DELIVERY.map(later)];
}

/** Checkpoints reached by sandbox time `nowMs`, oldest first. */
export function dhlCheckpoints(record: DhlShipmentRecord, nowMs: number): DhlCheckpoint[] {
  return route(record)
    .map((c) => ({ c, atMs: record.createdAtMs + c.hours * HOUR }))
    .filter(({ atMs }) => atMs <= nowMs)
    .map(({ c, atMs }) => {
      const place = c.where === 'origin' ? record.shipper : record.receiver;
      const area = serviceArea(place);
      return {
        atMs,
        typeCode: c.typeCode,
        description: c.describe(area.description),
        place,
        area,
        ...(c.remark ? { remark: c.remark } : {}),
        unified: c.unified,
        ...(c.typeCode === 'OK' ? { signedBy: record.receiverName } : {}),
      };
    });
}

const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const timeOf = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
const isoOf = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

function myDhlEvent(c: DhlCheckpoint): Record<string, unknown> {
  return {
    date: dateOf(c.atMs),
    time: timeOf(c.atMs),
    typeCode: c.typeCode,
    description: c.signedBy === undefined ? c.description : `${c.description} : ${c.signedBy}`,
    serviceArea: [c.area],
    ...(c.signedBy !== undefined ? { signedBy: c.signedBy } : {}),
    ...(c.remark ? { remarks: [c.remark] } : {}),
  };
}

export const TRACKING_VIEWS = ['last-checkpoint', 'all-checkpoints', 'bbx-children', 'advance-shipment', 'shipment-details-only'] as const;
export const LEVELS_OF_DETAIL = ['shipment', 'piece', 'all'] as const;

/** MyDHL GET /shipments/{n}/tracking reply (supermodelIoLogisticsExpressTrackingResponse). */
export function myDhlTrackingReply(record: DhlShipmentRecord, nowMs: number, view: string, level: string): Record<string, unknown> {
  const reached = dhlCheckpoints(record, nowMs);
  const shown = view === 'shipment-details-only' ? [] : view === 'last-checkpoint' ? reached.slice(-1) : reached;
  const events = shown.map(myDhlEvent);
  const party = (place: DhlPlace) => ({
    name: '',
    postalAddress: { cityName: place.cityName.toUpperCase(), postalCode: place.postalCode, countryCode: place.countryCode },
    serviceArea: [serviceArea(place)],
  });
  const totalWeight = record.parcels.reduce((sum, p) => sum + p.weight, 0);
  const shipment: Record<string, unknown> = {
    shipmentTrackingNumber: record.trackingNumber,
    status: 'Success',
    shipmentTimestamp: isoOf(record.createdAtMs),
    productCode: record.productCode,
    description: record.description,
    shipperDetails: party(record.shipper),
    receiverDetails: party(record.receiver),
    totalWeight,
    unitOfMeasurements: record.unit,
    events,
    numberOfPieces: record.pieceIds.length,
    estimatedDeliveryDate: record.estimatedDelivery,
  };
  if (level === 'piece' || level === 'all') {
    shipment.pieces = record.pieceIds.map((id, i) => ({
      number: i + 1,
      typeCode: 'PIECE',
      shipmentTrackingNumber: record.trackingNumber,
      trackingNumber: id,
      weight: record.parcels[i]?.weight,
      dimensions: { length: record.parcels[i]?.length, width: record.parcels[i]?.width, height: record.parcels[i]?.height },
      unitOfMeasurements: record.unit,
      events,
    }));
  }
  return { shipments: [shipment] };
}

/** Shipment Tracking – Unified GET /shipments?trackingNumber= reply (one express shipment). */
export function unifiedTrackingReply(record: DhlShipmentRecord, nowMs: number, requestUrl: string): Record<string, unknown> {
  const reached = dhlCheckpoints(record, nowMs);
  const address = (place: DhlPlace) => ({ address: { countryCode: place.countryCode, postalCode: place.postalCode, addressLocality: place.cityName.toUpperCase() } });
  const unifiedEvent = (c: DhlCheckpoint) => ({
    timestamp: `${isoOf(c.atMs)}Z`,
    location: address(c.place),
    statusCode: c.unified,
    status: c.description,
    description: c.remark ? `${c.description}. ${c.remark.value}` : c.description,
    ...(c.remark ? { remark: c.remark.value, nextSteps: c.remark.details } : {}),
  });
  const latest = reached.at(-1);
  const status = latest
    ? unifiedEvent(latest)
    : { timestamp: `${isoOf(record.createdAtMs)}Z`, location: address(record.shipper), statusCode: 'pre-transit', status: 'Shipment information received', description: 'Shipment information received' };
  const delivered = reached.find((c) => c.typeCode === 'OK');
  const totalWeight = record.parcels.reduce((sum, p) => sum + p.weight, 0);
  return {
    url: requestUrl,
    shipments: [
      {
        id: record.trackingNumber,
        service: 'express',
        origin: address(record.shipper),
        destination: address(record.receiver),
        status,
        estimatedTimeOfDelivery: `${record.estimatedDelivery}Z`,
        details: {
          carrier: { '@type': 'Organization', organizationName: 'EXPRESS' },
          product: { productName: record.productCode },
          ...(delivered ? { proofOfDelivery: { timestamp: `${isoOf(delivered.atMs)}Z`, signed: { '@type': 'Person', name: delivered.signedBy } } } : {}),
          totalNumberOfPieces: record.pieceIds.length,
          pieceIds: record.pieceIds,
          weight: { value: totalWeight, unitText: record.unit === 'metric' ? 'kg' : 'lb' },
        },
        events: [...reached].reverse().map(unifiedEvent),
      },
    ],
  };
}
