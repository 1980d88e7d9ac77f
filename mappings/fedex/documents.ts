/**
 * FedEx replies about a shipment's paperwork, collection and cancellation → canonical records:
 * signature proof of delivery (Track API documents; by reference, never the content), pickups
 * (Pickup API create and cancel), shipment cancellation (Ship API cancel) and trade documents
 * uploaded for ETD (Trade Documents Upload API). Pure, total.
 */
import {
  base64DecodedLength,
  type CarrierNote,
  type PickupConfirmation,
  type ProofOfDelivery,
  type ShipmentCancellation,
  type TradeDocumentReceipt,
} from '../canonical/carrier.js';
import { defined } from '../canonical/defined.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import type { FedexCancelShipmentOutput, FedexDocumentUploadOutput, FedexPickupOutput, FedexTrackDocumentsOutput } from '../../connectors/fedex/schemas/documents.js';

export const FEDEX_PROOF_OF_DELIVERY_RECORD_TYPE = 'fedex.proof-of-delivery';
export const FEDEX_PICKUP_RECORD_TYPE = 'fedex.pickup';
export const FEDEX_CANCEL_RECORD_TYPE = 'fedex.cancel';
export const FEDEX_DOCUMENT_UPLOAD_RECORD_TYPE = 'fedex.document-upload';

/** FedEx `alerts` as canonical notes (code, alertType, message). */
export function fedexAlertsToNotes(alerts: readonly { code?: string | undefined; alertType?: string | undefined; message?: string | undefined }[] | undefined): CarrierNote[] {
  return (alerts ?? []).map((a) => defined({ code: a.code, type: a.alertType, message: a.message ?? a.code ?? '' }));
}

/** `prefix` is the path of `output` in the reply (e.g. `output` or `[1].output`). */
export function fedexTrackDocumentsToProofOfDelivery(o: FedexTrackDocumentsOutput, prefix = 'output'): MappingResult<ProofOfDelivery> {
  if (o.documents.length === 0) return fail(new MappingError(FEDEX_PROOF_OF_DELIVERY_RECORD_TYPE, undefined, [{ field: `${prefix}.documents`, message: 'holds no document' }]));
  const documents = o.documents.map((content, i) =>
    defined({
      type: (o.documentType ?? 'proof_of_delivery').toLowerCase(),
      format: o.documentFormat?.toUpperCase(),
      encoding: 'base64' as const,
      path: `${prefix}.documents[${i}]`,
      base64Length: content.replace(/\s+/g, '').length,
      sizeBytes: base64DecodedLength(content),
    }),
  );
  return ok(defined({ recordType: 'proof-of-delivery' as const, carrier: 'fedex' as const, documentType: o.documentType, documents, notes: fedexAlertsToNotes(o.alerts) }));
}

/** A create reply names a courier message; a cancel reply a cancel confirmation message. */
export function fedexPickupToConfirmation(o: FedexPickupOutput): MappingResult<PickupConfirmation> {
  const cancelled = o.cancelConfirmationMessage !== undefined;
  return ok(
    defined({
      recordType: 'pickup' as const,
      carrier: 'fedex' as const,
      action: cancelled ? ('cancelled' as const) : ('booked' as const),
      confirmationNumbers: [o.pickupConfirmationCode],
      location: o.location,
      message: o.cancelConfirmationMessage ?? o.message,
      notes: fedexAlertsToNotes(o.alerts),
    }),
  );
}

export function fedexCancelToCancellation(o: FedexCancelShipmentOutput): MappingResult<ShipmentCancellation> {
  return ok(
    defined({
      recordType: 'shipment-cancellation' as const,
      carrier: 'fedex' as const,
      cancelled: o.cancelledShipment,
      historyCancelled: o.cancelledHistory,
      message: o.successMessage,
      notes: fedexAlertsToNotes(o.alerts),
    }),
  );
}

export function fedexUploadToTradeDocument(o: FedexDocumentUploadOutput): MappingResult<TradeDocumentReceipt> {
  return ok(defined({ recordType: 'trade-document' as const, carrier: 'fedex' as const, documentId: o.meta.docId, documentType: o.meta.documentType, folderIds: o.meta.folderId ?? [] }));
}
