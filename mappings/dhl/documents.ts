/**
 * DHL Express replies about a shipment's paperwork and collection → canonical records: the
 * MyDHL electronic proof of delivery (documents by reference, never their content), and courier
 * pickups booked, changed or cancelled (MyDHL JSON, legacy XML BookPU/ModifyPU/CancelPU with
 * namespaces). Pure, total.
 */
import { base64DecodedLength, type CarrierNote, type PickupConfirmation, type ProofOfDelivery } from '../canonical/carrier.js';
import { defined } from '../canonical/defined.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import type { MyDhlEpodResponse, MyDhlPickupResponse } from '../../connectors/dhl/schemas/carrier-json.js';
import type { DhlXmlPickupResponse } from '../../connectors/dhl/schemas/xml.js';

export const DHL_PROOF_OF_DELIVERY_RECORD_TYPE = 'dhl.proof-of-delivery';
export const DHL_PICKUP_RECORD_TYPE = 'dhl.pickup';

export function myDhlEpodToProofOfDelivery(r: MyDhlEpodResponse): MappingResult<ProofOfDelivery> {
  if (r.documents.length === 0) return fail(new MappingError(DHL_PROOF_OF_DELIVERY_RECORD_TYPE, undefined, [{ field: 'documents', message: 'holds no document' }]));
  const documents = r.documents.map((d, i) =>
    defined({
      type: (d.typeCode ?? 'pod').toLowerCase(),
      format: (d.encodingFormat ?? d.format)?.toUpperCase(),
      encoding: 'base64' as const,
      path: `documents[${i}].content`,
      base64Length: d.content === undefined ? undefined : d.content.replace(/\s+/g, '').length,
      sizeBytes: d.content === undefined ? undefined : base64DecodedLength(d.content),
    }),
  );
  return ok(defined({ recordType: 'proof-of-delivery' as const, carrier: 'dhl' as const, documentType: r.documents[0]!.typeCode, documents, notes: [] }));
}

const warningsOf = (w: readonly string[] | undefined): CarrierNote[] => (w ?? []).map((message) => ({ message }));

/** MyDHL pickup reply: booked (several dispatch confirmation numbers), changed (one) or cancelled (`status: cancelled`). */
export function myDhlPickupToConfirmation(r: MyDhlPickupResponse): MappingResult<PickupConfirmation> {
  const numbers = r.dispatchConfirmationNumbers ?? (r.dispatchConfirmationNumber === undefined ? [] : [r.dispatchConfirmationNumber]);
  if (numbers.length === 0) return fail(new MappingError(DHL_PICKUP_RECORD_TYPE, undefined, [{ field: 'dispatchConfirmationNumbers', message: 'is missing: no pickup was confirmed' }]));
  const action = r.status?.toLowerCase() === 'cancelled' ? 'cancelled' : r.dispatchConfirmationNumbers !== undefined ? 'booked' : 'changed';
  return ok(
    defined({
      recordType: 'pickup' as const,
      carrier: 'dhl' as const,
      action,
      confirmationNumbers: numbers,
      readyByTime: r.readyByTime,
      nextPickupDate: r.nextPickupDate,
      notes: warningsOf(r.warnings),
    }),
  );
}

const XML_ACTIONS = { BookPUResponse: 'booked', ModifyPUResponse: 'changed', CancelPUResponse: 'cancelled' } as const;

/** Legacy XML-PI pickup reply; `root` is the document element's local name. */
export function dhlXmlPickupToConfirmation(r: DhlXmlPickupResponse, root: keyof typeof XML_ACTIONS): MappingResult<PickupConfirmation> {
  if (r.ConfirmationNumber === undefined) return fail(new MappingError(DHL_PICKUP_RECORD_TYPE, undefined, [{ field: 'ConfirmationNumber', message: 'is missing: no pickup was confirmed' }]));
  const notes = (r.Note?.Condition ?? []).map((c) => defined({ code: c.ConditionCode, message: c.ConditionData ?? c.ConditionCode ?? '' }));
  return ok(
    defined({
      recordType: 'pickup' as const,
      carrier: 'dhl' as const,
      action: XML_ACTIONS[root],
      confirmationNumbers: [r.ConfirmationNumber],
      readyByTime: r.ReadyByTime,
      callInTime: r.CallInTime,
      nextPickupDate: r.NextPickupDate,
      location: r.OriginSvcArea,
      message: r.Note?.ActionNote,
      notes,
    }),
  );
}
