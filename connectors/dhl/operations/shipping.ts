/**
 * MyDHL shipping operations (mydhl-express-api-3.1.1.yaml): rates, products, create shipment,
 * tracking (by number, and by the shipment reference given at creation), pickups and their
 * cancellation. Each request is checked against the description before it leaves; each reply
 * is parsed with a loose schema (fields DHL adds pass through).
 *
 * Cancelling: MyDHL has no operation that deletes or voids a shipment. An unused label is not
 * charged once it is never tendered; what the API can cancel is the courier pickup booked for
 * it (DELETE /pickups/{dispatchConfirmationNumber}). A shipment created with
 * `pickup.isRequested: true` gets its dispatch confirmation number in the reply.
 *
 * Second labels: POST /shipments is never resent automatically (idempotent: false). The
 * caller's idempotency reference travels as a shipment `customerReferences` entry (typeCode
 * CU), so after a timeout the caller can ask GET /tracking?shipmentReference=… whether the
 * first attempt created a shipment before trying again (findShipmentsByReference).
 */
import { z } from 'zod';
import { parseReply } from '../../http/error-factories.js';
import type { PipelineResponse, QueryParams, Send } from '../../http/pipeline.js';
import { refuse, requireValid, siteOf } from '../../http/request-checks.js';
import type { DhlCallOptions, DhlRequest } from '../client.js';
import { DHL } from '../config.js';
import {
  MyDhlRatesResponseSchema,
  MyDhlShipmentResponseSchema,
  MyDhlTrackingResponseSchema,
  type MyDhlRatesResponse,
  type MyDhlShipmentResponse,
  type MyDhlTrackingResponse,
} from '../schemas/carrier-json.js';
import {
  DhlCreateShipmentRequestSchema,
  DhlPickupRequestSchema,
  DhlPickupResponseSchema,
  DhlProductsQuerySchema,
  DhlProductsResponseSchema,
  DhlRateRequestSchema,
  DhlImageUploadRequestSchema,
  type DhlCreateShipmentRequestInput,
  type DhlImageUploadRequestInput,
  type DhlPickupRequestInput,
  type DhlPickupResponse,
  type DhlProductsQuery,
  type DhlProductsResponse,
  type DhlRateRequestInput,
} from '../schemas/shipping.js';
import { MESSAGE_REFERENCE_MAX_LENGTH } from './get-landed-cost.js';

export const RATES_OPERATION = 'rates';
export const PRODUCTS_OPERATION = 'products';
export const CREATE_SHIPMENT_OPERATION = 'createShipment';
export const TRACKING_OPERATION = 'tracking';
export const TRACKING_BY_REFERENCE_OPERATION = 'trackingByReference';
export const CREATE_PICKUP_OPERATION = 'createPickup';
export const CANCEL_PICKUP_OPERATION = 'cancelPickup';
export const UPLOAD_IMAGE_OPERATION = 'uploadImage';

/** A reply with DHL's correlation: the Message-Reference sent and the Invocation-Id answered. */
export interface DhlResult<T> {
  readonly response: T;
  readonly messageReference: string;
  readonly invocationId?: string;
}

/** What the client hands every operation: a fresh Message-Reference has been filled in. */
export type DhlOperationOptions = DhlCallOptions & { readonly messageReference: string };

/** The shipment reference type Caravan's idempotency reference is sent with ("CU": customer reference). */
export const DHL_IDEMPOTENCY_REFERENCE_TYPE = 'CU';
/** `customerReferences[].value`: at most 35 characters. */
export const DHL_REFERENCE_MAX_LENGTH = 35;

function withReference(request: Omit<DhlRequest, 'headers' | 'trace'>, messageReference: string): DhlRequest {
  const site = siteOf(DHL, request.operation);
  if (messageReference.length < 1 || messageReference.length > MESSAGE_REFERENCE_MAX_LENGTH) {
    throw refuse(site, `Message-Reference must be 1 to ${MESSAGE_REFERENCE_MAX_LENGTH} characters, got ${messageReference.length}`);
  }
  return { ...request, headers: { 'message-reference': messageReference }, trace: { messageReference } };
}

function result<T>(response: PipelineResponse, parsed: T, messageReference: string): DhlResult<T> {
  return { response: parsed, messageReference, ...(response.requestId === undefined ? {} : { invocationId: response.requestId }) };
}

async function call<T>(
  send: Send,
  request: Omit<DhlRequest, 'headers' | 'trace'>,
  schema: z.ZodType<T>,
  what: string,
  options: DhlOperationOptions,
): Promise<DhlResult<T>> {
  const { messageReference, ...callOptions } = options;
  const response = await send(withReference(request, messageReference), callOptions);
  return result(response, parseReply(siteOf(DHL, request.operation), schema, response, what), messageReference);
}

// ── rates and products ──────────────────────────────────────────────────────────────────────

export function buildRatesRequest(body: DhlRateRequestInput): Omit<DhlRequest, 'headers' | 'trace'> {
  requireValid(siteOf(DHL, RATES_OPERATION), 'rate request', DhlRateRequestSchema, body);
  // A quote creates nothing: safe to resend.
  return { operation: RATES_OPERATION, method: 'POST', path: '/rates', body: { json: body }, idempotent: true };
}

/** POST /rates: the products DHL offers for these packages, with prices. */
export async function rates(send: Send, body: DhlRateRequestInput, options: DhlOperationOptions): Promise<DhlResult<MyDhlRatesResponse>> {
  return await call(send, buildRatesRequest(body), MyDhlRatesResponseSchema, 'rates answer', options);
}

export function buildProductsRequest(query: DhlProductsQuery, accountNumber: string): Omit<DhlRequest, 'headers' | 'trace'> {
  const q = requireValid(siteOf(DHL, PRODUCTS_OPERATION), 'products query', DhlProductsQuerySchema, query);
  const params: QueryParams = [
    ['accountNumber', q.accountNumber ?? accountNumber],
    ['originCountryCode', q.originCountryCode],
    ['originPostalCode', q.originPostalCode],
    ['originCityName', q.originCityName],
    ['destinationCountryCode', q.destinationCountryCode],
    ['destinationPostalCode', q.destinationPostalCode],
    ['destinationCityName', q.destinationCityName],
    ['weight', q.weight],
    ['length', q.length],
    ['width', q.width],
    ['height', q.height],
    ['plannedShippingDate', q.plannedShippingDate],
    ['isCustomsDeclarable', q.isCustomsDeclarable],
    ['unitOfMeasurement', q.unitOfMeasurement],
    ['nextBusinessDay', q.nextBusinessDay],
    ['getAllValueAddedServices', q.getAllValueAddedServices],
  ];
  return { operation: PRODUCTS_OPERATION, method: 'GET', path: '/products', query: params, idempotent: true };
}

/** GET /products: which products serve this lane for one piece (no prices). */
export async function products(send: Send, query: DhlProductsQuery, accountNumber: string, options: DhlOperationOptions): Promise<DhlResult<DhlProductsResponse>> {
  return await call(send, buildProductsRequest(query, accountNumber), DhlProductsResponseSchema, 'products answer', options);
}

// ── shipments ───────────────────────────────────────────────────────────────────────────────

export interface CreateShipmentOptions {
  /**
   * Derived by the caller from what it ships (an order id …): sent as the shipment's customer
   * reference, so a retry after a timeout can look the first attempt up first.
   */
  readonly idempotencyKey: string;
}

/**
 * The body as sent: the caller's request with the idempotency reference added to the
 * shipment's customerReferences (kept once when the request carries it already).
 */
export function buildCreateShipmentRequest(body: DhlCreateShipmentRequestInput, idempotencyKey: string): Omit<DhlRequest, 'headers' | 'trace'> {
  const site = siteOf(DHL, CREATE_SHIPMENT_OPERATION);
  if (idempotencyKey.length < 1 || idempotencyKey.length > DHL_REFERENCE_MAX_LENGTH) {
    throw refuse(site, `idempotency reference must be 1 to ${DHL_REFERENCE_MAX_LENGTH} characters (customerReferences[].value), got ${idempotencyKey.length}`);
  }
  const references = body.customerReferences ?? [];
  const sent = references.some((r) => r.value === idempotencyKey)
    ? body
    : { ...body, customerReferences: [{ value: idempotencyKey, typeCode: DHL_IDEMPOTENCY_REFERENCE_TYPE }, ...references] };
  requireValid(site, 'shipment request', DhlCreateShipmentRequestSchema, sent);
  return {
    operation: CREATE_SHIPMENT_OPERATION,
    method: 'POST',
    path: '/shipments',
    body: { json: sent },
    // Each accepted POST buys a label: never resent by the pipeline.
    idempotent: false,
    subject: idempotencyKey,
  };
}

/**
 * POST /shipments: the air waybill, its pieces, and the label and documents (base64 in
 * `documents[].content`: kept in the reply, never logged).
 */
export async function createShipment(
  send: Send,
  body: DhlCreateShipmentRequestInput,
  shipmentOptions: CreateShipmentOptions,
  options: DhlOperationOptions,
): Promise<DhlResult<MyDhlShipmentResponse>> {
  return await call(send, buildCreateShipmentRequest(body, shipmentOptions.idempotencyKey), MyDhlShipmentResponseSchema, 'created shipment', options);
}

export const DHL_TRACKING_VIEWS = ['all-checkpoints', 'all-checkpoints-with-remarks', 'last-checkpoint', 'shipment-details-only', 'advance-shipment', 'bbx-children'] as const;

export interface TrackingQuery {
  readonly trackingView?: (typeof DHL_TRACKING_VIEWS)[number];
  readonly levelOfDetail?: 'shipment' | 'piece' | 'all';
}

const AWB = /^\d{10,11}$/;

export function buildTrackingRequest(shipmentTrackingNumber: string, query: TrackingQuery = {}): Omit<DhlRequest, 'headers' | 'trace'> {
  if (!AWB.test(shipmentTrackingNumber)) throw refuse(siteOf(DHL, TRACKING_OPERATION), `shipmentTrackingNumber "${shipmentTrackingNumber}" is not a DHL Express waybill number (10 or 11 digits)`);
  return {
    operation: TRACKING_OPERATION,
    method: 'GET',
    path: '/shipments/{shipmentTrackingNumber}/tracking',
    pathParams: { shipmentTrackingNumber },
    query: [
      ['trackingView', query.trackingView ?? 'all-checkpoints'],
      ['levelOfDetail', query.levelOfDetail ?? 'shipment'],
      // Each event's own offset: without it the event times have no zone (karrioapi/karrio#115).
      ['requestGMTOffsetPerEvent', true],
    ],
    idempotent: true,
    subject: shipmentTrackingNumber,
  };
}

/** GET /shipments/{shipmentTrackingNumber}/tracking. An unknown number answers 404: kind not_found. */
export async function tracking(send: Send, shipmentTrackingNumber: string, query: TrackingQuery, options: DhlOperationOptions): Promise<DhlResult<MyDhlTrackingResponse>> {
  return await call(send, buildTrackingRequest(shipmentTrackingNumber, query), MyDhlTrackingResponseSchema, 'tracking answer', options);
}

export interface ReferenceLookup {
  readonly reference: string;
  /** The search window DHL requires with a reference (YYYY-MM-DD). */
  readonly from: string;
  readonly to: string;
}

const IsoDate = z.iso.date();

export function buildTrackingByReferenceRequest(lookup: ReferenceLookup, accountNumber: string): Omit<DhlRequest, 'headers' | 'trace'> {
  const site = siteOf(DHL, TRACKING_BY_REFERENCE_OPERATION);
  if (lookup.reference.length < 1 || lookup.reference.length > DHL_REFERENCE_MAX_LENGTH) throw refuse(site, `reference must be 1 to ${DHL_REFERENCE_MAX_LENGTH} characters`);
  requireValid(site, 'from', IsoDate, lookup.from);
  requireValid(site, 'to', IsoDate, lookup.to);
  if (lookup.from > lookup.to) throw refuse(site, `from ${lookup.from} is after to ${lookup.to}`);
  return {
    operation: TRACKING_BY_REFERENCE_OPERATION,
    method: 'GET',
    path: '/tracking',
    query: [
      ['shipmentReference', lookup.reference],
      ['shipmentReferenceType', DHL_IDEMPOTENCY_REFERENCE_TYPE],
      ['shipperAccountNumber', accountNumber],
      ['dateRangeFrom', lookup.from],
      ['dateRangeTo', lookup.to],
      ['trackingView', 'shipment-details-only'],
      ['levelOfDetail', 'shipment'],
    ],
    idempotent: true,
  };
}

/**
 * GET /tracking by shipment reference: the shipments this account created with the reference
 * (the idempotency reference of createShipment) in the window. A 404 means none.
 */
export async function trackingByReference(send: Send, lookup: ReferenceLookup, accountNumber: string, options: DhlOperationOptions): Promise<DhlResult<MyDhlTrackingResponse>> {
  return await call(send, buildTrackingByReferenceRequest(lookup, accountNumber), MyDhlTrackingResponseSchema, 'tracking answer', options);
}

export function buildUploadImageRequest(body: DhlImageUploadRequestInput): Omit<DhlRequest, 'headers' | 'trace'> {
  requireValid(siteOf(DHL, UPLOAD_IMAGE_OPERATION), 'image upload', DhlImageUploadRequestSchema, body);
  return {
    operation: UPLOAD_IMAGE_OPERATION,
    method: 'PATCH',
    path: '/shipments/{shipmentTrackingNumber}/upload-image',
    pathParams: { shipmentTrackingNumber: body.shipmentTrackingNumber },
    body: { json: body },
    // Uploading the same images again replaces nothing DHL charges for, but is not resent blindly.
    idempotent: false,
    // The description answers 200 without a body.
    bodyless: true,
    subject: body.shipmentTrackingNumber,
  };
}

/** PATCH /shipments/{n}/upload-image: the commercial invoice (paperless trade) after the shipment was created. */
export async function uploadImage(send: Send, body: DhlImageUploadRequestInput, options: DhlOperationOptions): Promise<DhlResult<unknown>> {
  const { messageReference, ...callOptions } = options;
  const response = await send(withReference(buildUploadImageRequest(body), messageReference), callOptions);
  return result(response, response.data, messageReference);
}

// ── pickups ─────────────────────────────────────────────────────────────────────────────────

export function buildCreatePickupRequest(body: DhlPickupRequestInput): Omit<DhlRequest, 'headers' | 'trace'> {
  requireValid(siteOf(DHL, CREATE_PICKUP_OPERATION), 'pickup request', DhlPickupRequestSchema, body);
  // A resend would book a second courier.
  return { operation: CREATE_PICKUP_OPERATION, method: 'POST', path: '/pickups', body: { json: body }, idempotent: false };
}

/** POST /pickups: books a courier; the reply's dispatch confirmation number cancels it. */
export async function createPickup(send: Send, body: DhlPickupRequestInput, options: DhlOperationOptions): Promise<DhlResult<DhlPickupResponse>> {
  return await call(send, buildCreatePickupRequest(body), DhlPickupResponseSchema, 'pickup booking', options);
}

export interface CancelPickupRequest {
  readonly dispatchConfirmationNumber: string;
  /** Who cancels (required by DHL). */
  readonly requestorName: string;
  /** Why (required by DHL; free text such as "not needed"). */
  readonly reason: string;
}

export function buildCancelPickupRequest(cancel: CancelPickupRequest): Omit<DhlRequest, 'headers' | 'trace'> {
  const site = siteOf(DHL, CANCEL_PICKUP_OPERATION);
  for (const [name, value] of Object.entries(cancel)) if (typeof value !== 'string' || value.trim() === '') throw refuse(site, `${name} is required`);
  return {
    operation: CANCEL_PICKUP_OPERATION,
    method: 'DELETE',
    path: '/pickups/{dispatchConfirmationNumber}',
    pathParams: { dispatchConfirmationNumber: cancel.dispatchConfirmationNumber },
    query: [
      ['requestorName', cancel.requestorName],
      ['reason', cancel.reason],
    ],
    // Cancelling twice leaves it cancelled (the second answers an error DHL names).
    idempotent: true,
    bodyless: true,
    subject: cancel.dispatchConfirmationNumber,
  };
}

/**
 * DELETE /pickups/{dispatchConfirmationNumber}. The description gives its 200 no body; karrio's
 * recorded reply has one (`{"dispatchConfirmationNumber", "status": "cancelled"}`): passed on as is.
 */
export async function cancelPickup(send: Send, cancel: CancelPickupRequest, options: DhlOperationOptions): Promise<DhlResult<unknown>> {
  const { messageReference, ...callOptions } = options;
  const response = await send(withReference(buildCancelPickupRequest(cancel), messageReference), callOptions);
  return result(response, response.data, messageReference);
}
