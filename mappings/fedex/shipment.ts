/**
 * FedEx Ship API reply → canonical CarrierShipment, one per `output.transactionShipments[]`:
 * master and piece tracking numbers, service, documents by reference (`encodedLabel` base64 —
 * its path and lengths, never the content — or FedEx's `url`), and the charge per rate type
 * from `completedShipmentDetail.shipmentRating.shipmentRateDetails[]`. Pure, total.
 */
import { base64DecodedLength, CarrierIssues, carrierMoney, type CarrierBreakdownLine, type CarrierDocumentRef, type CarrierShipment } from '../canonical/carrier.js';
import { defined } from '../canonical/defined.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import { fedexAlertsToNotes } from './documents.js';
import type { FedexShipDocument, FedexShipResponse, FedexTransactionShipment } from '../../connectors/fedex/schemas/ship.js';

export const FEDEX_SHIPMENT_RECORD_TYPE = 'fedex.shipment';

function docRef(d: FedexShipDocument, path: string): CarrierDocumentRef | undefined {
  const common = { type: (d.contentType ?? 'document').toLowerCase(), format: d.docType?.toUpperCase(), pieceTrackingNumber: d.trackingNumber };
  if (d.encodedLabel !== undefined) {
    return defined({ ...common, encoding: 'base64' as const, path: `${path}.encodedLabel`, base64Length: d.encodedLabel.replace(/\s+/g, '').length, sizeBytes: base64DecodedLength(d.encodedLabel) });
  }
  if (d.url !== undefined) return defined({ ...common, encoding: 'url' as const, path: `${path}.url`, url: d.url });
  return undefined;
}

export function fedexTransactionShipmentToCarrierShipment(s: FedexTransactionShipment, index = 0): MappingResult<CarrierShipment> {
  const base = `output.transactionShipments[${index}]`;
  const issues = new CarrierIssues();
  const number = s.masterTrackingNumber ?? s.completedShipmentDetail?.masterTrackingId?.trackingNumber ?? s.pieceResponses?.[0]?.trackingNumber;
  if (number === undefined) issues.add(`${base}.masterTrackingNumber`, 'is missing');
  const pieces = (s.pieceResponses ?? []).flatMap((p) => (p.trackingNumber === undefined ? [] : [{ trackingNumber: p.trackingNumber }]));
  const documents = [
    ...(s.pieceResponses ?? []).flatMap((p, i) => (p.packageDocuments ?? []).map((d, j) => docRef({ trackingNumber: p.trackingNumber, ...d }, `${base}.pieceResponses[${i}].packageDocuments[${j}]`))),
    ...(s.shipmentDocuments ?? []).map((d, j) => docRef(d, `${base}.shipmentDocuments[${j}]`)),
  ].filter((d): d is CarrierDocumentRef => d !== undefined);
  const charges = (s.completedShipmentDetail?.shipmentRating?.shipmentRateDetails ?? []).flatMap((r, i) => {
    const f = `${base}.completedShipmentDetail.shipmentRating.shipmentRateDetails[${i}]`;
    const total = issues.money(`${f}.totalNetCharge`, r.totalNetCharge, r.currency);
    if (total === undefined) return [];
    const breakdown = [
      ...(r.surcharges ?? []).map((l) => ({ l })),
      ...(r.taxes ?? []).map((l) => ({ l })),
    ].flatMap(({ l }): CarrierBreakdownLine[] => {
      if (l.amount === undefined) return [];
      // A breakdown line's unreadable amount is kept as text (see CarrierBreakdownLineSchema); the total is what is charged.
      const read = r.currency === undefined ? undefined : carrierMoney(l.amount, r.currency);
      if (read === undefined || !read.ok) return [defined({ code: l.type, description: l.description, unreadAmount: String(l.amount) })];
      return [defined({ code: l.type, description: l.description, amount: read.value })];
    });
    return [defined({ rateType: r.rateType, total, breakdown: breakdown.length === 0 ? undefined : breakdown })];
  });
  const eta = issues.time(`${base}.completedShipmentDetail.operationalDetail.deliveryDate`, s.completedShipmentDetail?.operationalDetail?.deliveryDate);
  if (issues.list.length > 0) return fail(new MappingError(FEDEX_SHIPMENT_RECORD_TYPE, number, issues.list));
  return ok(
    defined({
      recordType: 'carrier-shipment' as const,
      carrier: 'fedex' as const,
      service: defined({ code: s.serviceType ?? s.completedShipmentDetail?.serviceDescription?.serviceType, name: s.serviceName }),
      trackingNumber: number!,
      pieces,
      documents,
      charges,
      estimatedDelivery: eta,
      notes: s.alerts === undefined || s.alerts.length === 0 ? undefined : fedexAlertsToNotes(s.alerts),
    }),
  );
}

export function fedexShipResponseToCarrierShipments(r: FedexShipResponse): MappingResult<CarrierShipment>[] {
  return r.output.transactionShipments.map((s, i) => fedexTransactionShipmentToCarrierShipment(s, i));
}
