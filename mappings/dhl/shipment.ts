/**
 * DHL create-shipment replies → canonical CarrierShipment: MyDHL API `POST /shipments`
 * (shipmentTrackingNumber, packages[], documents[], shipmentCharges[]) and the legacy XML-PI
 * ShipmentResponse / ShipmentValidateResponse (AirwayBillNumber, Pieces, LabelImage,
 * ShippingCharge + CurrencyCode, QtdSInAdCur). Labels are referenced (path in the reply, base64
 * and decoded length), never copied. Pure, total.
 */
import { base64DecodedLength, CarrierIssues, type CarrierDocumentRef, type CarrierShipment } from '../canonical/carrier.js';
import { defined } from '../canonical/defined.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import type { MyDhlShipmentResponse } from '../../connectors/dhl/schemas/carrier-json.js';
import type { DhlXmlShipmentResponse } from '../../connectors/dhl/schemas/xml.js';

export const DHL_SHIPMENT_RECORD_TYPE = 'dhl.shipment';

function base64Ref(type: string, format: string | undefined, path: string, content: string | undefined, piece?: string): CarrierDocumentRef {
  return defined({
    type: type.toLowerCase(),
    format: format?.toUpperCase(),
    encoding: 'base64' as const,
    path,
    base64Length: content === undefined ? undefined : content.replace(/\s+/g, '').length,
    sizeBytes: content === undefined ? undefined : base64DecodedLength(content),
    pieceTrackingNumber: piece,
  });
}

/** MyDHL create-shipment reply. */
export function myDhlShipmentToCarrierShipment(r: MyDhlShipmentResponse): MappingResult<CarrierShipment> {
  const issues = new CarrierIssues();
  const pieces = (r.packages ?? []).map((p, i) => {
    if (p.trackingNumber === undefined) issues.add(`packages[${i}].trackingNumber`, 'is missing');
    return defined({ trackingNumber: p.trackingNumber ?? '', reference: p.referenceNumber === undefined ? undefined : String(p.referenceNumber) });
  });
  const documents = (r.documents ?? []).map((d, i) => {
    const piece = d.packageReferenceNumber === undefined ? undefined : pieces.find((p) => p.reference === String(d.packageReferenceNumber))?.trackingNumber;
    // typeCode is optional in the description; a document without one is the label (karrio's recorded reply).
    return base64Ref(d.typeCode ?? 'label', d.imageFormat, `documents[${i}].content`, d.content, piece);
  });
  // Each piece's own documents (its QR code), named by the piece.
  const pieceDocuments = (r.packages ?? []).flatMap((p, i) =>
    (p.documents ?? []).map((d, j) => base64Ref(d.typeCode ?? 'qr-code', d.imageFormat, `packages[${i}].documents[${j}].content`, d.content, p.trackingNumber)),
  );
  const charges = (r.shipmentCharges ?? []).flatMap((c, i) => {
    const total = issues.money(`shipmentCharges[${i}].price`, c.price, c.priceCurrency);
    if (total === undefined) return [];
    const breakdown = (c.serviceBreakdown ?? []).flatMap((b, j) => {
      const amount = issues.money(`shipmentCharges[${i}].serviceBreakdown[${j}].price`, b.price, c.priceCurrency);
      return amount === undefined ? [] : [defined({ code: b.typeCode, description: b.name, amount })];
    });
    return [defined({ rateType: c.currencyType, total, breakdown: breakdown.length === 0 ? undefined : breakdown })];
  });
  const eta = issues.time('estimatedDeliveryDate.estimatedDeliveryDate', r.estimatedDeliveryDate?.estimatedDeliveryDate);
  if (issues.list.length > 0) return fail(new MappingError(DHL_SHIPMENT_RECORD_TYPE, r.shipmentTrackingNumber, issues.list));
  const name = r.shipmentDetails?.[0]?.productShortName;
  return ok(
    defined({
      recordType: 'carrier-shipment' as const,
      carrier: 'dhl' as const,
      service: defined({ name }),
      trackingNumber: r.shipmentTrackingNumber,
      pieces,
      documents: [...documents, ...pieceDocuments],
      charges,
      estimatedDelivery: eta,
      trackingUrl: r.trackingUrl,
      notes: r.warnings === undefined || r.warnings.length === 0 ? undefined : r.warnings.map((w) => ({ type: 'WARNING', message: w })),
    }),
  );
}

/** Legacy XML ShipmentResponse / ShipmentValidateResponse. */
export function dhlXmlShipmentToCarrierShipment(r: DhlXmlShipmentResponse): MappingResult<CarrierShipment> {
  const issues = new CarrierIssues();
  const awb = r.AirwayBillNumber;
  if (awb === undefined) issues.add('AirwayBillNumber', 'is missing');
  const pieces = (r.Pieces?.Piece ?? []).flatMap((p, i) => {
    if (p.LicensePlate === undefined) {
      issues.add(`Pieces.Piece[${i}].LicensePlate`, 'is missing');
      return [];
    }
    return [defined({ trackingNumber: p.LicensePlate, reference: p.PieceNumber })];
  });
  const documents = r.LabelImage.flatMap((l, i) => {
    const at = r.LabelImage.length === 1 ? 'LabelImage' : `LabelImage[${i}]`;
    const label = l.OutputImage === undefined ? [] : [base64Ref('label', l.OutputFormat, `${at}.OutputImage`, l.OutputImage)];
    const multi = (l.MultiLabels?.MultiLabel ?? []).map((m, j) => base64Ref(m.DocName ?? 'document', m.DocFormat, `${at}.MultiLabels.MultiLabel[${j}].DocImageVal`, m.DocImageVal));
    return [...label, ...multi];
  });
  // QtdSInAdCur: the charge in each currency role (BILLC, PULCL, BASEC); else ShippingCharge in CurrencyCode.
  const roles = r.QtdSInAdCur.flatMap((q, i) => {
    const total = issues.money(`QtdSInAdCur[${i}].ShippingCharge`, q.ShippingCharge, q.CurrencyCode);
    return total === undefined ? [] : [defined({ rateType: q.CurrencyRoleTypeCode, total })];
  });
  const plain = roles.length > 0 ? undefined : issues.money('ShippingCharge', r.ShippingCharge, r.CurrencyCode);
  const eta = issues.time('DeliveryDateCode', r.DeliveryDateCode !== undefined && /^\d{4}-\d{2}-\d{2}/.test(r.DeliveryDateCode) ? r.DeliveryDateCode : undefined);
  if (issues.list.length > 0) return fail(new MappingError(DHL_SHIPMENT_RECORD_TYPE, awb, issues.list));
  return ok(
    defined({
      recordType: 'carrier-shipment' as const,
      carrier: 'dhl' as const,
      service: defined({ code: r.GlobalProductCode, name: r.ProductShortName }),
      trackingNumber: awb!,
      pieces,
      documents,
      charges: plain === undefined ? roles : [{ total: plain }],
      estimatedDelivery: eta,
    }),
  );
}
