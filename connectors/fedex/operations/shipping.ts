/**
 * FedEx operations: rate quotes, create shipment, ETD upload, cancel, tracking by number and by
 * reference. Requests are checked (schemas/requests.ts) before they leave; replies are parsed
 * with the loose wire schemas the mappings read.
 *
 * Second labels: the Ship API has no idempotency key. POST /ship/v1/shipments is never resent
 * by the pipeline; the caller's idempotency reference is sent as `x-customer-transaction-id`
 * (echoed as `customerTransactionId`) and as a CUSTOMER_REFERENCE on every package, so after
 * a timeout the caller can ask POST /track/v1/referencenumbers whether the first attempt
 * created a shipment before trying again (trackByReference).
 */
import { randomUUID } from 'node:crypto';
import { parseReply } from '../../http/error-factories.js';
import type { CallOptions, PipelineRequest, PipelineResponse } from '../../http/pipeline.js';
import { refuse, requireValid, siteOf } from '../../http/request-checks.js';
import { FEDEX } from '../config.js';
import { FedexRateResponseSchema, type FedexRateResponse } from '../schemas/rate.js';
import {
  FedexCancelRequestSchema,
  FedexCancelResponseSchema,
  FedexEtdDocumentSchema,
  FedexEtdUploadResponseSchema,
  FedexRateRequestSchema,
  FedexShipRequestSchema,
  type FedexCancelResponse,
  type FedexEtdDocument,
  type FedexEtdUploadResponse,
  type FedexRateRequestInput,
  type FedexShipRequestInput,
} from '../schemas/requests.js';
import { FedexShipResponseSchema, type FedexShipResponse } from '../schemas/ship.js';
import { FedexTrackResponseSchema, type FedexTrackResponse } from '../schemas/track.js';

export const RATE_QUOTES_OPERATION = 'rateQuotes';
export const CREATE_SHIPMENT_OPERATION = 'createShipment';
export const CANCEL_SHIPMENT_OPERATION = 'cancelShipment';
export const TRACK_BY_NUMBER_OPERATION = 'trackByTrackingNumber';
export const TRACK_BY_REFERENCE_OPERATION = 'trackByReference';
export const UPLOAD_ETD_OPERATION = 'uploadEtdDocument';

/** A reply with FedEx's transaction ids. */
export interface FedexResult<T> {
  readonly response: T;
  /** `x-customer-transaction-id` sent (FedEx echoes it as customerTransactionId). */
  readonly customerTransactionId: string;
  /** FedEx's `transactionId` of the call, quoted to FedEx support. */
  readonly transactionId?: string;
}

export type FedexOperationOptions = CallOptions & { readonly customerTransactionId?: string };

/** Which OAuth project a request uses: tracking may run under its own. */
export type FedexApi = 'ship' | 'track';
export type FedexRequest = PipelineRequest & { readonly api?: FedexApi };

function transactionIdOf(response: PipelineResponse): string | undefined {
  const data = response.data as { transactionId?: unknown } | undefined;
  return typeof data?.transactionId === 'string' ? data.transactionId : response.requestId;
}

async function call<T>(
  send: (request: FedexRequest, options?: CallOptions) => Promise<PipelineResponse>,
  request: FedexRequest,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } } },
  what: string,
  options: FedexOperationOptions,
): Promise<FedexResult<T>> {
  const { customerTransactionId = randomUUID(), ...callOptions } = options;
  const response = await send({ ...request, headers: { ...request.headers, 'x-customer-transaction-id': customerTransactionId } }, callOptions);
  const parsed = parseReply(siteOf(FEDEX, request.operation), schema, response, what);
  const transactionId = transactionIdOf(response);
  return { response: parsed, customerTransactionId, ...(transactionId === undefined ? {} : { transactionId }) };
}

type FedexSend = (request: FedexRequest, options?: CallOptions) => Promise<PipelineResponse>;

// ── rates ───────────────────────────────────────────────────────────────────────────────────

export function buildRateQuotesRequest(body: FedexRateRequestInput): FedexRequest {
  requireValid(siteOf(FEDEX, RATE_QUOTES_OPERATION), 'rate request', FedexRateRequestSchema, body);
  // A quote creates nothing: safe to resend.
  return { operation: RATE_QUOTES_OPERATION, method: 'POST', path: '/rate/v1/rates/quotes', body: { json: body }, idempotent: true };
}

export async function rateQuotes(send: FedexSend, body: FedexRateRequestInput, options: FedexOperationOptions = {}): Promise<FedexResult<FedexRateResponse>> {
  return await call(send, buildRateQuotesRequest(body), FedexRateResponseSchema, 'rate reply', options);
}

// ── shipments ───────────────────────────────────────────────────────────────────────────────

export interface FedexCreateShipmentOptions {
  /** Derived by the caller (an order id …): sent as customer transaction id and package reference. */
  readonly idempotencyKey: string;
}

/** The body as sent: each package carries the idempotency reference as a CUSTOMER_REFERENCE. */
export function buildCreateShipmentRequest(body: FedexShipRequestInput, idempotencyKey: string): FedexRequest {
  const site = siteOf(FEDEX, CREATE_SHIPMENT_OPERATION);
  if (idempotencyKey.trim() === '') throw refuse(site, 'idempotency reference is required');
  const shipment = body.requestedShipment;
  const packages = shipment.requestedPackageLineItems.map((item) => {
    const refs = item.customerReferences ?? [];
    return refs.some((r) => r.value === idempotencyKey) ? item : { ...item, customerReferences: [...refs, { customerReferenceType: 'CUSTOMER_REFERENCE' as const, value: idempotencyKey }] };
  });
  const sent = { ...body, requestedShipment: { ...shipment, requestedPackageLineItems: packages } };
  const checked = requireValid(site, 'shipment request', FedexShipRequestSchema, sent);
  const international = checked.requestedShipment.recipients.some((r) => r.address.countryCode !== checked.requestedShipment.shipper.address.countryCode);
  if (international && checked.requestedShipment.customsClearanceDetail === undefined) {
    throw refuse(site, 'shipment request invalid: requestedShipment.customsClearanceDetail is required for an international shipment');
  }
  return {
    operation: CREATE_SHIPMENT_OPERATION,
    method: 'POST',
    path: '/ship/v1/shipments',
    body: { json: sent },
    // Each accepted POST buys a label: never resent by the pipeline.
    idempotent: false,
    subject: idempotencyKey,
  };
}

/** POST /ship/v1/shipments: tracking numbers, labels and documents (base64 in the reply, never logged). */
export async function createShipment(send: FedexSend, body: FedexShipRequestInput, shipment: FedexCreateShipmentOptions, options: FedexOperationOptions = {}): Promise<FedexResult<FedexShipResponse>> {
  return await call(send, buildCreateShipmentRequest(body, shipment.idempotencyKey), FedexShipResponseSchema, 'shipment reply', { ...options, customerTransactionId: shipment.idempotencyKey });
}

export interface FedexCancel {
  readonly trackingNumber: string;
  readonly senderCountryCode?: string;
}

export function buildCancelShipmentRequest(cancel: FedexCancel, accountNumber: string): FedexRequest {
  const body = {
    accountNumber: { value: accountNumber },
    trackingNumber: cancel.trackingNumber,
    ...(cancel.senderCountryCode === undefined ? {} : { senderCountryCode: cancel.senderCountryCode }),
    deletionControl: 'DELETE_ALL_PACKAGES' as const,
  };
  requireValid(siteOf(FEDEX, CANCEL_SHIPMENT_OPERATION), 'cancel request', FedexCancelRequestSchema, body);
  // Cancelling twice leaves the shipment cancelled.
  return { operation: CANCEL_SHIPMENT_OPERATION, method: 'PUT', path: '/ship/v1/shipments/cancel', body: { json: body }, idempotent: true, subject: cancel.trackingNumber };
}

/**
 * PUT /ship/v1/shipments/cancel. FedEx answers 200 with `cancelledShipment: false` when it
 * would not cancel (already tendered): that is a refusal, thrown as kind validation.
 */
export async function cancelShipment(send: FedexSend, cancel: FedexCancel, accountNumber: string, options: FedexOperationOptions = {}): Promise<FedexResult<FedexCancelResponse>> {
  const result = await call(send, buildCancelShipmentRequest(cancel, accountNumber), FedexCancelResponseSchema, 'cancel reply', options);
  if (!result.response.output.cancelledShipment) {
    throw refuse(siteOf(FEDEX, CANCEL_SHIPMENT_OPERATION, cancel.trackingNumber), `FedEx did not cancel shipment ${cancel.trackingNumber}${result.response.output.successMessage ? ` (${result.response.output.successMessage})` : ''}`);
  }
  return result;
}

// ── tracking ────────────────────────────────────────────────────────────────────────────────

export function buildTrackByNumberRequest(trackingNumbers: readonly string[]): FedexRequest {
  const site = siteOf(FEDEX, TRACK_BY_NUMBER_OPERATION);
  if (trackingNumbers.length === 0) throw refuse(site, 'at least one tracking number is required');
  const bad = trackingNumbers.find((n) => !/^[0-9A-Za-z]{1,40}$/.test(n));
  if (bad !== undefined) throw refuse(site, `"${bad}" is not a FedEx tracking number`);
  return {
    operation: TRACK_BY_NUMBER_OPERATION,
    method: 'POST',
    path: '/track/v1/trackingnumbers',
    body: { json: { includeDetailedScans: true, trackingInfo: trackingNumbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })) } },
    // Reading creates nothing.
    idempotent: true,
    api: 'track',
  };
}

/** POST /track/v1/trackingnumbers with detailed scans; an unknown number alone answers a not_found error. */
export async function trackByNumber(send: FedexSend, trackingNumbers: readonly string[], options: FedexOperationOptions = {}): Promise<FedexResult<FedexTrackResponse>> {
  return await call(send, buildTrackByNumberRequest(trackingNumbers), FedexTrackResponseSchema, 'track reply', options);
}

export interface FedexReferenceLookup {
  readonly reference: string;
  /** Ship dates to search, YYYY-MM-DD (required by FedEx with a reference). */
  readonly from: string;
  readonly to: string;
  readonly destinationCountryCode?: string;
  readonly destinationPostalCode?: string;
}

export function buildTrackByReferenceRequest(lookup: FedexReferenceLookup, accountNumber: string): FedexRequest {
  const site = siteOf(FEDEX, TRACK_BY_REFERENCE_OPERATION);
  if (lookup.reference === '') throw refuse(site, 'reference is required');
  for (const [name, value] of [['from', lookup.from], ['to', lookup.to]] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw refuse(site, `${name} must be YYYY-MM-DD, got "${value}"`);
  }
  return {
    operation: TRACK_BY_REFERENCE_OPERATION,
    method: 'POST',
    path: '/track/v1/referencenumbers',
    body: {
      json: {
        referencesInformation: {
          type: 'CUSTOMER_REFERENCE',
          value: lookup.reference,
          accountNumber,
          shipDateBegin: lookup.from,
          shipDateEndDate: lookup.to,
          ...(lookup.destinationCountryCode === undefined ? {} : { destinationCountryCode: lookup.destinationCountryCode }),
          ...(lookup.destinationPostalCode === undefined ? {} : { destinationPostalCode: lookup.destinationPostalCode }),
        },
        includeDetailedScans: false,
      },
    },
    idempotent: true,
    api: 'track',
    subject: lookup.reference,
  };
}

/** POST /track/v1/referencenumbers: the shipments this account shipped with the reference in the window. */
export async function trackByReference(send: FedexSend, lookup: FedexReferenceLookup, accountNumber: string, options: FedexOperationOptions = {}): Promise<FedexResult<FedexTrackResponse>> {
  return await call(send, buildTrackByReferenceRequest(lookup, accountNumber), FedexTrackResponseSchema, 'track reply', options);
}

// ── electronic trade documents ──────────────────────────────────────────────────────────────

export interface FedexEtdUpload {
  readonly document: FedexEtdDocument;
  /** The file (a commercial invoice PDF …). */
  readonly content: Uint8Array;
}

/** multipart/form-data with the `document` JSON part and the `attachment` file part (upload-documents-api.json etds_upload_body). */
export function buildUploadEtdRequest(upload: FedexEtdUpload, boundary: string, documentsBaseUrl: string): FedexRequest {
  const site = siteOf(FEDEX, UPLOAD_ETD_OPERATION);
  const document = requireValid(site, 'document', FedexEtdDocumentSchema, upload.document);
  if (upload.content.byteLength === 0) throw refuse(site, 'attachment is empty');
  const fileName = document.name.replace(/["\r\n]/g, '_');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="document"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(document)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="${fileName}"\r\nContent-Type: ${document.contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    operation: UPLOAD_ETD_OPERATION,
    method: 'POST',
    path: `${documentsBaseUrl}/documents/v1/etds/upload`,
    body: { raw: Buffer.concat([head, Buffer.from(upload.content), tail]), contentType: `multipart/form-data; boundary=${boundary}` },
    // A second upload stores a second document; harmless but not resent blindly.
    idempotent: false,
    subject: document.meta.shipDocumentType,
  };
}

/** POST /documents/v1/etds/upload: the document id to name in the shipment's etdDetail (pre-shipment) or tied to its tracking number (post-shipment). */
export async function uploadEtdDocument(
  send: FedexSend,
  upload: FedexEtdUpload,
  documentsBaseUrl: string,
  options: FedexOperationOptions = {},
): Promise<FedexResult<FedexEtdUploadResponse>> {
  const boundary = `caravan-${randomUUID()}`;
  return await call(send, buildUploadEtdRequest(upload, boundary, documentsBaseUrl), FedexEtdUploadResponseSchema, 'document upload reply', options);
}
