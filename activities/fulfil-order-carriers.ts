/**
 * How fulfilOrder talks to each carrier: its request builders and reply mappings, one entry per
 * vendor. In activities/ (not mappings/) because reading a raw reply starts with the
 * connector's wire schema, which mappings/ may not import (DESIGN.md).
 */
import { ConfigError } from '../config/errors.js';
import type { CarrierCancellation } from '../connectors/capabilities.js';
import { MyDhlRatesResponseSchema, MyDhlShipmentResponseSchema, MyDhlTrackingResponseSchema } from '../connectors/dhl/schemas/carrier-json.js';
import type { FedexEtdUpload } from '../connectors/fedex/index.js';
import { FedexRateResponseSchema } from '../connectors/fedex/schemas/rate.js';
import { FedexEtdUploadResponseSchema } from '../connectors/fedex/schemas/requests.js';
import { FedexShipResponseSchema } from '../connectors/fedex/schemas/ship.js';
import { FedexTrackResponseSchema } from '../connectors/fedex/schemas/track.js';
import { MappingError, type CarrierShipment, type MappingResult, type RateQuote, type Shipment } from '../mappings/canonical/index.js';
import { myDhlProductToRateQuotes, myDhlShipmentToCarrierShipment, shipmentToDhlRateRequest, shipmentToDhlShipmentRequest } from '../mappings/dhl/index.js';
import { fedexRateResponseToQuotes, fedexShipResponseToCarrierShipments, shipmentToFedexRateRequest, shipmentToFedexShipRequest } from '../mappings/fedex/index.js';

export interface CarrierRequestContext {
  /** The connection's carrier account (its settings). */
  readonly accountNumber: string;
  /** When the parcel is handed over, UTC ISO 8601. */
  readonly shipAt: string;
}

export interface CarrierShipContext extends CarrierRequestContext {
  readonly service: string;
  readonly invoice: { readonly number: string; readonly date: string };
  /** The commercial invoice sent electronically (DHL paperless trade, FedEx ETD). */
  readonly paperlessTrade: boolean;
  /** Our own invoice PDF, base64 (DHL document image INV); absent: the carrier generates the invoice. */
  readonly commercialInvoicePdfBase64?: string;
  /** The id of our invoice uploaded beforehand (FedEx ETD); absent: the carrier generates it. */
  readonly uploadedInvoiceId?: string;
}

/** A carrier that takes trade documents apart from the shipment: the upload request and the document id of its reply. */
export interface TradeDocumentUpload {
  request(pdf: Buffer, shipment: Shipment, invoice: { readonly number: string; readonly date: string }): unknown;
  documentId(reply: unknown): string;
}

/** A reply read by the wire schema and mapped; what could not be read is listed, never dropped silently. */
export interface ReadQuotes {
  readonly quotes: RateQuote[];
  readonly problems: string[];
}

export interface FulfilmentCarrier {
  rateRequest(shipment: Shipment, ctx: CarrierRequestContext): MappingResult<unknown>;
  quotes(reply: unknown): ReadQuotes;
  shipRequest(shipment: Shipment, ctx: CarrierShipContext): MappingResult<unknown>;
  shipment(reply: unknown): MappingResult<CarrierShipment>;
  /** The tracking number of the shipment a reference lookup (findShipments) found, if any. */
  found(reply: unknown): string | undefined;
  /** What the carrier's API can cancel of a bought label; undefined: nothing (the label is void unused). */
  cancellation(trackingNumber: string, shipFromCountry: string): CarrierCancellation | undefined;
  /** What becomes of a label the API cannot cancel. */
  readonly voidNote: (trackingNumber: string) => string;
  /** Present: the invoice is uploaded first and the shipment names its id (FedEx ETD); absent: it travels inside the request (DHL). */
  readonly invoiceUpload?: TradeDocumentUpload;
}

function readQuotes(results: readonly MappingResult<RateQuote>[]): ReadQuotes {
  const quotes: RateQuote[] = [];
  const problems: string[] = [];
  for (const r of results) {
    if (r.ok) quotes.push(r.value);
    else problems.push(r.error.message);
  }
  return { quotes, problems };
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, reply: unknown, what: string): T {
  const r = schema.safeParse(reply);
  if (!r.success) throw new Error(`${what} does not match the wire schema: ${r.error.message}`);
  return r.data;
}

export const FULFILMENT_CARRIERS: Readonly<Record<string, FulfilmentCarrier>> = {
  dhl: {
    rateRequest: (shipment, ctx) => shipmentToDhlRateRequest(shipment, ctx),
    quotes: (reply) => readQuotes(parsed(MyDhlRatesResponseSchema, reply, 'MyDHL rates reply').products.flatMap((p, i) => myDhlProductToRateQuotes(p, i))),
    shipRequest: (shipment, ctx) =>
      shipmentToDhlShipmentRequest(shipment, {
        accountNumber: ctx.accountNumber,
        productCode: ctx.service,
        shipAt: ctx.shipAt,
        invoice: ctx.invoice,
        paperlessTrade: ctx.paperlessTrade,
        ...(ctx.commercialInvoicePdfBase64 === undefined ? {} : { commercialInvoicePdfBase64: ctx.commercialInvoicePdfBase64 }),
      }),
    shipment: (reply) => myDhlShipmentToCarrierShipment(parsed(MyDhlShipmentResponseSchema, reply, 'MyDHL shipment reply')),
    found: (reply) => {
      const r = MyDhlTrackingResponseSchema.safeParse(reply);
      const number = r.success ? r.data.shipments[0]?.shipmentTrackingNumber : undefined;
      return number === undefined ? undefined : String(number);
    },
    // No pickup is booked with the label: MyDHL has nothing to cancel, the waybill stays unused.
    cancellation: () => undefined,
    voidNote: (n) => `DHL waybill ${n} void: not tendered and so not charged (MyDHL cannot cancel a shipment; no pickup was booked)`,
  },
  fedex: {
    rateRequest: (shipment, ctx) => shipmentToFedexRateRequest(shipment, ctx),
    quotes: (reply) => readQuotes(fedexRateResponseToQuotes(parsed(FedexRateResponseSchema, reply, 'FedEx rate reply'))),
    shipRequest: (shipment, ctx) =>
      shipmentToFedexShipRequest(shipment, {
        accountNumber: ctx.accountNumber,
        serviceType: ctx.service,
        shipAt: ctx.shipAt,
        invoice: ctx.invoice,
        ...(ctx.paperlessTrade ? { etd: ctx.uploadedInvoiceId === undefined ? {} : { documentId: ctx.uploadedInvoiceId } } : {}),
      }),
    shipment: (reply) => {
      const [first] = fedexShipResponseToCarrierShipments(parsed(FedexShipResponseSchema, reply, 'FedEx ship reply'));
      return first ?? { ok: false, error: new MappingError('fedex.shipment', undefined, [{ field: 'output.transactionShipments', message: 'holds no shipment' }]) };
    },
    found: (reply) => {
      const r = FedexTrackResponseSchema.safeParse(reply);
      if (!r.success) return undefined;
      const result = r.data.output.completeTrackResults.flatMap((c) => c.trackResults).find((t) => t.error === undefined && t.trackingNumberInfo?.trackingNumber !== undefined);
      return result?.trackingNumberInfo?.trackingNumber === undefined ? undefined : String(result.trackingNumberInfo.trackingNumber);
    },
    cancellation: (trackingNumber, senderCountryCode) => ({ kind: 'shipment', trackingNumber, senderCountryCode }),
    voidNote: (n) => `FedEx shipment ${n} cancelled`,
    invoiceUpload: {
      // Pre-shipment: the document is uploaded before the label exists and the shipment names its id.
      request: (pdf, shipment, invoice): FedexEtdUpload => ({
        document: {
          workflowName: 'ETDPreshipment',
          name: `${invoice.number}.pdf`,
          contentType: 'application/pdf',
          meta: { shipDocumentType: 'COMMERCIAL_INVOICE', originCountryCode: shipment.shipFrom.country, destinationCountryCode: shipment.shipTo.country },
        },
        content: pdf,
      }),
      documentId: (reply) => parsed(FedexEtdUploadResponseSchema, reply, 'FedEx document upload reply').output.meta.docId,
    },
  },
};

export function fulfilmentCarrierFor(vendor: string): FulfilmentCarrier {
  const c = FULFILMENT_CARRIERS[vendor];
  if (!c) throw new ConfigError(`no fulfilment mapping for carrier vendor "${vendor}" (activities/fulfil-order-carriers.ts has: ${Object.keys(FULFILMENT_CARRIERS).join(', ')})`);
  return c;
}

const PATH_PART = /([^.[\]]+)|\[(\d+)\]/g;

/** The value at a mapping's document path (`documents[0].content`, `output.transactionShipments[0]…encodedLabel`) in a reply. */
export function valueAtPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const m of path.matchAll(PATH_PART)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = m[2] !== undefined ? (node as unknown[])[Number(m[2])] : (node as Record<string, unknown>)[m[1]!];
  }
  return node;
}
