/**
 * `caravan map` kinds of the carriers (DHL Express, FedEx): shipment, tracking and rate replies
 * → canonical CarrierShipment / TrackingResult / RateQuote; proof of delivery, pickups, FedEx
 * cancellations and ETD uploads → ProofOfDelivery / PickupConfirmation / ShipmentCancellation /
 * TradeDocumentReceipt. The reply's format is detected by
 * shape: DHL tracking takes MyDHL JSON, Unified Tracking JSON and legacy XML-PI; DHL shipment
 * and rate take MyDHL JSON and legacy XML. Error replies (JSON problem documents, XML
 * Condition lists, FedEx `errors`) are named by the vendors' recognisers before any mapping.
 * Only types come from record-kinds.ts (it spreads these kinds into RECORD_KINDS).
 */
import { fromResult, recordedBody, schemaRejection } from './record-kit.js';
import type { z } from 'zod';
import {
  DhlUnifiedShipmentSchema,
  MyDhlEpodResponseSchema,
  MyDhlPickupResponseSchema,
  MyDhlRateProductSchema,
  MyDhlShipmentResponseSchema,
  MyDhlTrackedShipmentSchema,
} from '../connectors/dhl/schemas/carrier-json.js';
import { DHL_XML_PICKUP_ROOTS, DhlXmlDctResponseSchema, DhlXmlPickupResponseSchema, DhlXmlShipmentResponseSchema, DhlXmlTrackingResponseSchema, parseDhlXml } from '../connectors/dhl/schemas/xml.js';
import { recogniseDhlErrorReply } from '../connectors/dhl/errors.js';
import { FedexCancelShipmentOutputSchema, FedexDocumentUploadOutputSchema, FedexPickupOutputSchema, FedexTrackDocumentsOutputSchema } from '../connectors/fedex/schemas/documents.js';
import { FedexRateReplyDetailSchema } from '../connectors/fedex/schemas/rate.js';
import { FedexTransactionShipmentSchema } from '../connectors/fedex/schemas/ship.js';
import { FedexTrackResultSchema } from '../connectors/fedex/schemas/track.js';
import { recogniseFedexErrorReply } from '../connectors/fedex/errors.js';
import { lookOf } from '../connectors/http/error-reply.js';
import type { MappingResult } from '../mappings/canonical/index.js';
import {
  DHL_PICKUP_RECORD_TYPE,
  DHL_PROOF_OF_DELIVERY_RECORD_TYPE,
  DHL_RATE_RECORD_TYPE,
  DHL_SHIPMENT_RECORD_TYPE,
  DHL_TRACKING_RECORD_TYPE,
  dhlUnifiedShipmentToTracking,
  dhlXmlAwbToTracking,
  dhlXmlPieceFaultToTracking,
  dhlXmlPickupToConfirmation,
  dhlXmlQuoteToRateQuotes,
  dhlXmlShipmentToCarrierShipment,
  myDhlEpodToProofOfDelivery,
  myDhlPickupToConfirmation,
  myDhlProductToRateQuotes,
  myDhlShipmentToCarrierShipment,
  myDhlShipmentToTracking,
} from '../mappings/dhl/index.js';
import {
  FEDEX_CANCEL_RECORD_TYPE,
  FEDEX_DOCUMENT_UPLOAD_RECORD_TYPE,
  FEDEX_PICKUP_RECORD_TYPE,
  FEDEX_PROOF_OF_DELIVERY_RECORD_TYPE,
  FEDEX_RATE_RECORD_TYPE,
  FEDEX_SHIPMENT_RECORD_TYPE,
  FEDEX_TRACKING_RECORD_TYPE,
  fedexCancelToCancellation,
  fedexPickupToConfirmation,
  fedexRateReplyToQuotes,
  fedexTrackDocumentsToProofOfDelivery,
  fedexUploadToTradeDocument,
  fedexTrackResultToTracking,
  fedexTransactionShipmentToCarrierShipment,
} from '../mappings/fedex/index.js';
import { CliError } from './output.js';
import type { Look, MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';
import { isObject } from '../connectors/http/json-object.js';

const XML_ROOTS: Readonly<Record<string, { kind: string; what: string }>> = {
  TrackingResponse: { kind: 'dhl.tracking', what: 'this looks like a DHL Express XML TrackingResponse' },
  ShipmentResponse: { kind: 'dhl.shipment', what: 'this looks like a DHL Express XML ShipmentResponse' },
  ShipmentValidateResponse: { kind: 'dhl.shipment', what: 'this looks like a DHL Express XML ShipmentValidateResponse' },
  DCTResponse: { kind: 'dhl.rate', what: 'this looks like a DHL Express XML DCTResponse (rate quote)' },
  BookPUResponse: { kind: 'dhl.pickup', what: 'this looks like a DHL Express XML BookPUResponse (pickup booked)' },
  ModifyPUResponse: { kind: 'dhl.pickup', what: 'this looks like a DHL Express XML ModifyPUResponse (pickup changed)' },
  CancelPUResponse: { kind: 'dhl.pickup', what: 'this looks like a DHL Express XML CancelPUResponse (pickup cancelled)' },
};

/** The root element's local name of an XML text (prefix, declaration and comments skipped). */
function xmlRoot(text: string): string | undefined {
  return /<(?:[\w.-]+:)?([\w.-]+)[\s>/]/.exec(text.replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, ''))?.[1];
}

/** What a carrier reply looks like (for `caravan map`'s "not …; try …" messages). */
export function carrierLooksLike(body: unknown): Look | undefined {
  if (typeof body === 'string') {
    if (lookOf(body) !== 'xml') return undefined;
    const root = xmlRoot(body);
    return root !== undefined && Object.hasOwn(XML_ROOTS, root) ? XML_ROOTS[root] : undefined;
  }
  const d = Array.isArray(body) ? body[0] : body;
  if (!isObject(d)) return undefined;
  const out = isObject(d.output) ? d.output : undefined;
  if (out !== undefined && Array.isArray(out.completeTrackResults)) return { kind: 'fedex.tracking', what: 'this looks like a FedEx Track API reply' };
  if (out !== undefined && Array.isArray(out.rateReplyDetails)) return { kind: 'fedex.rate', what: 'this looks like a FedEx Rate API reply' };
  if (out !== undefined && Array.isArray(out.transactionShipments)) return { kind: 'fedex.shipment', what: 'this looks like a FedEx Ship API reply' };
  if (out !== undefined && Array.isArray(out.documents) && 'documentFormat' in out) return { kind: 'fedex.proof-of-delivery', what: 'this looks like a FedEx Track documents (proof of delivery) reply' };
  if (out !== undefined && 'pickupConfirmationCode' in out) return { kind: 'fedex.pickup', what: 'this looks like a FedEx Pickup API reply' };
  if (out !== undefined && 'cancelledShipment' in out) return { kind: 'fedex.cancel', what: 'this looks like a FedEx Ship API cancel reply' };
  if (out !== undefined && isObject(out.meta) && 'docId' in out.meta) return { kind: 'fedex.document-upload', what: 'this looks like a FedEx trade documents upload reply' };
  if (Array.isArray(d.documents) && d.documents.some((x) => isObject(x) && ('encodingFormat' in x || (x.typeCode === 'POD' && 'content' in x)))) return { kind: 'dhl.proof-of-delivery', what: 'this looks like a MyDHL electronic proof of delivery reply' };
  // Before the pickup test: a create-shipment reply that also booked the courier carries dispatchConfirmationNumber.
  if ('shipmentTrackingNumber' in d && (Array.isArray(d.packages) || Array.isArray(d.documents))) return { kind: 'dhl.shipment', what: 'this looks like a MyDHL create-shipment reply' };
  if ('dispatchConfirmationNumbers' in d || 'dispatchConfirmationNumber' in d) return { kind: 'dhl.pickup', what: 'this looks like a MyDHL pickup reply' };
  if (Array.isArray(d.shipments) && d.shipments.some((s) => isObject(s) && ('shipmentTrackingNumber' in s || 'id' in s))) return { kind: 'dhl.tracking', what: 'this looks like a DHL tracking reply' };
  const products = Array.isArray(d.products) ? d.products : 'productCode' in d && 'totalPrice' in d ? [d] : [];
  if (products.some((p) => isObject(p) && ('productCode' in p || 'productName' in p))) return { kind: 'dhl.rate', what: 'this looks like a MyDHL rates reply' };
  return undefined;
}

// ── helpers ────────────────────────────────────────────────────────────────────────────────

/** Parses one record with its wire schema, then maps it; a schema failure is that record's rejection. */
function each<S extends z.ZodType>(
  recordType: string,
  schema: S,
  raw: unknown,
  prefix: string,
  idOf: (raw: unknown) => string | undefined,
  map: (value: z.infer<S>) => MappingResult<unknown> | MappingResult<unknown>[],
): MappedRecord[] {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return [schemaRejection(recordType, idOf(raw), prefix, parsed.error.issues)];
  const r = map(parsed.data);
  return (Array.isArray(r) ? r : [r]).map(fromResult);
}

const idAt = (...keys: string[]) => (raw: unknown): string | undefined => {
  if (!isObject(raw)) return undefined;
  for (const k of keys) {
    const v = raw[k];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
};

function noRecords(input: MapInputFile, what: string): never {
  throw new CliError(`${input.file} holds no ${what}`, 1);
}

async function xmlDoc(input: MapInputFile, recordType: string, roots: readonly string[]): Promise<{ ok: true; doc: Record<string, unknown> } | { ok: false; rejection: MappedRecord }> {
  const parsed = await parseDhlXml(input.text);
  if (!parsed.ok) return { ok: false, rejection: schemaRejection(recordType, undefined, '(document)', [{ path: [], message: parsed.message }]) };
  if (!roots.includes(parsed.root)) throw new CliError(`${input.file}: this is a DHL XML ${parsed.root}, not ${roots.join(' or ')}`, 1);
  return { ok: true, doc: parsed.doc };
}

const isXml = (input: MapInputFile): boolean => lookOf(input.text) === 'xml';

// ── the kinds ──────────────────────────────────────────────────────────────────────────────

/** FedEx Rate/Ship replies (one, or an array of them): `fn` on each item of `output[list]`, its path prefixed by the reply's index when there are several. */
function eachOutputItem(input: MapInputFile, list: string, what: string, fn: (item: unknown, at: string, index: number) => MappedRecord[]): MappedRecord[] {
  const doc = recordedBody(input.json());
  const replies = Array.isArray(doc) ? doc.map(recordedBody) : [doc];
  return replies.flatMap((body, ri) => {
    const out = isObject(body) && isObject(body.output) ? body.output : undefined;
    const items = out !== undefined && Array.isArray(out[list]) ? (out[list] as unknown[]) : noRecords(input, what);
    const pre = replies.length > 1 ? `[${ri}].` : '';
    return items.flatMap((item, i) => fn(item, `${pre}output.${list}[${i}]`, i));
  });
}

/** FedEx replies whose `output` is one record (one reply or an array of them): `fn` on each `output`. */
function eachOutput(input: MapInputFile, fn: (output: unknown, at: string) => MappedRecord[]): MappedRecord[] {
  const doc = recordedBody(input.json());
  const replies = Array.isArray(doc) ? doc.map(recordedBody) : [doc];
  return replies.flatMap((body, ri) => {
    const out = isObject(body) && isObject(body.output) ? body.output : noRecords(input, 'FedEx output');
    return fn(out, replies.length > 1 ? `[${ri}].output` : 'output');
  });
}

export const CARRIER_RECORD_KINDS: Record<string, RecordKind> = {
  'dhl.tracking': {
    description: 'DHL tracking reply (MyDHL API JSON, Unified Shipment Tracking JSON, or legacy XML-PI TrackingResponse) → canonical TrackingResult per shipment',
    expects: 'a DHL tracking reply',
    operation: 'tracking',
    recogniseError: recogniseDhlErrorReply,
    async map(input) {
      if (isXml(input)) {
        const x = await xmlDoc(input, DHL_TRACKING_RECORD_TYPE, ['TrackingResponse']);
        if (!x.ok) return [x.rejection];
        const doc = DhlXmlTrackingResponseSchema.safeParse(x.doc);
        if (!doc.success) return [schemaRejection(DHL_TRACKING_RECORD_TYPE, undefined, '', doc.error.issues)];
        return [...doc.data.AWBInfo.map((a, i) => fromResult(dhlXmlAwbToTracking(a, i))), ...(doc.data.Fault?.PieceFault ?? []).map((f, i) => fromResult(dhlXmlPieceFaultToTracking(f, i)))];
      }
      const body = recordedBody(input.json());
      const shipments = isObject(body) && Array.isArray(body.shipments) ? body.shipments : noRecords(input, 'DHL tracked shipments (shipments[])');
      return shipments.flatMap((s, i) => {
        // Unified Tracking answers `id` and a `status` object; MyDHL `shipmentTrackingNumber` and a status text.
        const unified = isObject(s) && ('id' in s || isObject(s.status)) && !('shipmentTrackingNumber' in s);
        return unified
          ? each(DHL_TRACKING_RECORD_TYPE, DhlUnifiedShipmentSchema, s, `shipments[${i}]`, idAt('id'), (v) => dhlUnifiedShipmentToTracking(v, i))
          : each(DHL_TRACKING_RECORD_TYPE, MyDhlTrackedShipmentSchema, s, `shipments[${i}]`, idAt('shipmentTrackingNumber'), (v) => myDhlShipmentToTracking(v, i));
      });
    },
  },
  'dhl.shipment': {
    description: 'DHL create-shipment reply (MyDHL API JSON, or legacy XML-PI ShipmentResponse/ShipmentValidateResponse) → canonical CarrierShipment (labels by reference)',
    expects: 'a DHL create-shipment reply',
    operation: 'createShipment',
    recogniseError: recogniseDhlErrorReply,
    async map(input) {
      if (isXml(input)) {
        const x = await xmlDoc(input, DHL_SHIPMENT_RECORD_TYPE, ['ShipmentResponse', 'ShipmentValidateResponse']);
        if (!x.ok) return [x.rejection];
        return each(DHL_SHIPMENT_RECORD_TYPE, DhlXmlShipmentResponseSchema, x.doc, '', idAt('AirwayBillNumber'), dhlXmlShipmentToCarrierShipment);
      }
      const body = recordedBody(input.json());
      const docs = Array.isArray(body) ? body.map(recordedBody) : [body];
      return docs.flatMap((d, i) => each(DHL_SHIPMENT_RECORD_TYPE, MyDhlShipmentResponseSchema, d, docs.length > 1 ? `[${i}]` : '', idAt('shipmentTrackingNumber'), myDhlShipmentToCarrierShipment));
    },
  },
  'dhl.rate': {
    description: 'DHL rates reply (MyDHL API JSON products[] or one product, or legacy XML-PI DCTResponse) → canonical RateQuote per product and currency role',
    expects: 'a DHL rates reply',
    operation: 'rates',
    recogniseError: recogniseDhlErrorReply,
    async map(input) {
      if (isXml(input)) {
        const x = await xmlDoc(input, DHL_RATE_RECORD_TYPE, ['DCTResponse']);
        if (!x.ok) return [x.rejection];
        const doc = DhlXmlDctResponseSchema.safeParse(x.doc);
        if (!doc.success) return [schemaRejection(DHL_RATE_RECORD_TYPE, undefined, '', doc.error.issues)];
        return doc.data.GetQuoteResponse.BkgDetails.flatMap((b, bi) => b.QtdShp.flatMap((q, qi) => dhlXmlQuoteToRateQuotes(q, `GetQuoteResponse.BkgDetails[${bi}].QtdShp[${qi}]`).map(fromResult)));
      }
      const body = recordedBody(input.json());
      const products = isObject(body) && Array.isArray(body.products) ? body.products : isObject(body) && 'productCode' in body ? [body] : noRecords(input, 'DHL rated products (products[])');
      return products.flatMap((p, i) => each(DHL_RATE_RECORD_TYPE, MyDhlRateProductSchema, p, `products[${i}]`, idAt('productCode', 'productName'), (v) => myDhlProductToRateQuotes(v, i)));
    },
  },
  'fedex.tracking': {
    description: 'FedEx Track API reply (POST /track/v1/trackingnumbers) → canonical TrackingResult per track result',
    expects: 'a FedEx Track API reply',
    operation: 'trackByTrackingNumber',
    recogniseError: recogniseFedexErrorReply,
    map(input) {
      const body = recordedBody(input.json());
      const out = isObject(body) && isObject(body.output) ? body.output : undefined;
      const complete = out !== undefined && Array.isArray(out.completeTrackResults) ? out.completeTrackResults : noRecords(input, 'FedEx track results (output.completeTrackResults[])');
      return complete.flatMap((c, ci) => {
        const results = isObject(c) && Array.isArray(c.trackResults) ? c.trackResults : [];
        const fallback = isObject(c) && (typeof c.trackingNumber === 'string' || typeof c.trackingNumber === 'number') ? String(c.trackingNumber) : undefined;
        return results.flatMap((t, ti) => {
          const at = `output.completeTrackResults[${ci}].trackResults[${ti}]`;
          const id = isObject(t) && isObject(t.trackingNumberInfo) ? idAt('trackingNumber')(t.trackingNumberInfo) : fallback;
          return each(FEDEX_TRACKING_RECORD_TYPE, FedexTrackResultSchema, t, at, () => id, (v) => fedexTrackResultToTracking(v, at, fallback));
        });
      });
    },
  },
  'fedex.rate': {
    description: 'FedEx Rate API reply (POST /rate/v1/rates/quotes; one reply or an array of them) → canonical RateQuote per service and rate type',
    expects: 'a FedEx Rate API reply',
    operation: 'rateQuotes',
    recogniseError: recogniseFedexErrorReply,
    map(input) {
      return eachOutputItem(input, 'rateReplyDetails', 'FedEx rates (output.rateReplyDetails[])', (d, at, i) =>
        each(FEDEX_RATE_RECORD_TYPE, FedexRateReplyDetailSchema, d, at, idAt('serviceType'), (v) => fedexRateReplyToQuotes(v, i)),
      );
    },
  },
  'fedex.shipment': {
    description: 'FedEx Ship API reply (POST /ship/v1/shipments; one reply or an array of them) → canonical CarrierShipment per transaction shipment (labels by reference)',
    expects: 'a FedEx Ship API reply',
    operation: 'createShipment',
    recogniseError: recogniseFedexErrorReply,
    map(input) {
      return eachOutputItem(input, 'transactionShipments', 'FedEx shipments (output.transactionShipments[])', (sh, at, i) =>
        each(FEDEX_SHIPMENT_RECORD_TYPE, FedexTransactionShipmentSchema, sh, at, idAt('masterTrackingNumber'), (v) => fedexTransactionShipmentToCarrierShipment(v, i)),
      );
    },
  },
  'dhl.proof-of-delivery': {
    description: 'MyDHL electronic proof of delivery reply (GET /shipments/{n}/proof-of-delivery) → canonical ProofOfDelivery (documents by reference)',
    expects: 'a MyDHL proof of delivery reply',
    operation: 'proofOfDelivery',
    recogniseError: recogniseDhlErrorReply,
    map(input) {
      return each(DHL_PROOF_OF_DELIVERY_RECORD_TYPE, MyDhlEpodResponseSchema, recordedBody(input.json()), '', () => undefined, myDhlEpodToProofOfDelivery);
    },
  },
  'dhl.pickup': {
    description: 'DHL courier pickup reply (MyDHL POST/PATCH/DELETE /pickups JSON, or legacy XML-PI BookPU/ModifyPU/CancelPUResponse) → canonical PickupConfirmation',
    expects: 'a DHL pickup reply',
    operation: 'pickups',
    recogniseError: recogniseDhlErrorReply,
    async map(input) {
      if (isXml(input)) {
        const parsed = await parseDhlXml(input.text);
        if (!parsed.ok) return [schemaRejection(DHL_PICKUP_RECORD_TYPE, undefined, '(document)', [{ path: [], message: parsed.message }])];
        const root = DHL_XML_PICKUP_ROOTS.find((r) => r === parsed.root);
        if (root === undefined) throw new CliError(`${input.file}: this is a DHL XML ${parsed.root}, not ${DHL_XML_PICKUP_ROOTS.join(' or ')}`, 1);
        return each(DHL_PICKUP_RECORD_TYPE, DhlXmlPickupResponseSchema, parsed.doc, '', idAt('ConfirmationNumber'), (v) => dhlXmlPickupToConfirmation(v, root));
      }
      return each(DHL_PICKUP_RECORD_TYPE, MyDhlPickupResponseSchema, recordedBody(input.json()), '', idAt('dispatchConfirmationNumber'), myDhlPickupToConfirmation);
    },
  },
  'fedex.proof-of-delivery': {
    description: 'FedEx Track API documents reply (POST /track/v1/trackingdocuments: signature proof of delivery) → canonical ProofOfDelivery (documents by reference)',
    expects: 'a FedEx Track documents reply',
    operation: 'trackingDocuments',
    recogniseError: recogniseFedexErrorReply,
    map(input) {
      return eachOutput(input, (out, at) => each(FEDEX_PROOF_OF_DELIVERY_RECORD_TYPE, FedexTrackDocumentsOutputSchema, out, at, () => undefined, (v) => fedexTrackDocumentsToProofOfDelivery(v, at)));
    },
  },
  'fedex.pickup': {
    description: 'FedEx Pickup API reply (POST /pickup/v1/pickups, PUT /pickup/v1/pickups/cancel) → canonical PickupConfirmation',
    expects: 'a FedEx Pickup API reply',
    operation: 'pickups',
    recogniseError: recogniseFedexErrorReply,
    map(input) {
      return eachOutput(input, (out, at) => each(FEDEX_PICKUP_RECORD_TYPE, FedexPickupOutputSchema, out, at, idAt('pickupConfirmationCode'), fedexPickupToConfirmation));
    },
  },
  'fedex.cancel': {
    description: 'FedEx Ship API cancel reply (PUT /ship/v1/shipments/cancel) → canonical ShipmentCancellation',
    expects: 'a FedEx Ship API cancel reply',
    operation: 'cancelShipment',
    recogniseError: recogniseFedexErrorReply,
    map(input) {
      return eachOutput(input, (out, at) => each(FEDEX_CANCEL_RECORD_TYPE, FedexCancelShipmentOutputSchema, out, at, () => undefined, fedexCancelToCancellation));
    },
  },
  'fedex.document-upload': {
    description: 'FedEx Trade Documents Upload API reply (POST /documents/v1/etds/upload, ETD) → canonical TradeDocumentReceipt (the document id a shipment names)',
    expects: 'a FedEx trade documents upload reply',
    operation: 'uploadDocument',
    recogniseError: recogniseFedexErrorReply,
    map(input) {
      return eachOutput(input, (out, at) => each(FEDEX_DOCUMENT_UPLOAD_RECORD_TYPE, FedexDocumentUploadOutputSchema, out, at, () => undefined, fedexUploadToTradeDocument));
    },
  },
};
