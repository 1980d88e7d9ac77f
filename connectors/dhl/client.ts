/**
 * The DHL Express MyDHL API client: every call carries HTTP Basic credentials, the required
 * `x-version` header and a `Message-Reference`, is retried briefly on transient failures when
 * it is safe to resend, and turns every failure into a ConnectorError.
 */
import { randomUUID } from 'node:crypto';
import { basicAuth } from '../http/auth.js';
import { parseConfig } from '../http/error-factories.js';
import type { RateLimiterRegistry } from '../http/rate-limiter.js';
import { createPipeline, errorsFromRecogniser, type CallOptions, type ConnectorClientOptions, type ClientStats, type ErrorTable, type PipelineRequest } from '../http/pipeline.js';
import {
  DEFAULT_DHL_TIMEOUT_MS,
  DHL,
  dhlBaseUrl,
  DhlConnectionSettingsSchema,
  DhlCredentialsSchema,
  MYDHL_API_VERSION,
  type DhlConnectionSettings,
  type DhlCredentials,
  DEFAULT_DHL_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_DHL_RATE_LIMIT,
  DHL_RATE_LIMIT_OPERATION,
} from './config.js';
import { DHL_VENDOR, recogniseDhlErrorReply } from './errors.js';
import { getLandedCost, type GetLandedCostResult } from './operations/get-landed-cost.js';
import {
  cancelPickup,
  createPickup,
  createShipment,
  products,
  rates,
  tracking,
  trackingByReference,
  uploadImage,
  type CancelPickupRequest,
  type CreateShipmentOptions,
  type DhlResult,
  type ReferenceLookup,
  type TrackingQuery,
} from './operations/shipping.js';
import type { DhlLandedCostRequestInput } from './schemas.js';
import type { MyDhlRatesResponse, MyDhlShipmentResponse, MyDhlTrackingResponse } from './schemas/carrier-json.js';
import type { DhlCreateShipmentRequestInput, DhlImageUploadRequestInput, DhlPickupRequestInput, DhlPickupResponse, DhlProductsQuery, DhlProductsResponse, DhlRateRequestInput } from './schemas/shipping.js';

export { MESSAGE_REFERENCE_MAX_LENGTH } from './operations/get-landed-cost.js';

export const DHL_USER_AGENT = 'Caravan/0.1';

/** `idempotent` is always stated: a shipment must never be created twice by a resend. */
export type DhlRequest = PipelineRequest & { readonly idempotent: boolean };

export interface DhlCallOptions extends CallOptions {
  /** Correlates the call at DHL (1-36 characters); a random UUID when absent. */
  readonly messageReference?: string;
}

/** `clock` stamps Message-Reference-Date. */
export interface CreateDhlClientOptions extends ConnectorClientOptions {
  readonly settings: DhlConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: DhlCredentials;
  /** Message-Reference for calls that bring none (tests pin it). */
  readonly newMessageReference?: () => string;
  /** Shared by all clients of a worker; without one, no client-side throttling. */
  readonly limiter?: RateLimiterRegistry;
}

export interface DhlClient {
  /** POST /landed-cost: duty, tax and fees DHL Express estimates for a shipment. */
  getLandedCost(request: DhlLandedCostRequestInput, options?: DhlCallOptions): Promise<GetLandedCostResult>;
  /** POST /rates: priced products for the packages. */
  rates(request: DhlRateRequestInput, options?: DhlCallOptions): Promise<DhlResult<MyDhlRatesResponse>>;
  /** GET /products: the products serving a lane (the account number defaults to the connection's). */
  products(query: DhlProductsQuery, options?: DhlCallOptions): Promise<DhlResult<DhlProductsResponse>>;
  /** POST /shipments, never resent automatically: the label and documents come back base64. */
  createShipment(request: DhlCreateShipmentRequestInput, shipment: CreateShipmentOptions, options?: DhlCallOptions): Promise<DhlResult<MyDhlShipmentResponse>>;
  /** GET /shipments/{n}/tracking */
  tracking(shipmentTrackingNumber: string, query?: TrackingQuery, options?: DhlCallOptions): Promise<DhlResult<MyDhlTrackingResponse>>;
  /** GET /tracking by the reference createShipment sent (the connection's account). */
  trackingByReference(lookup: ReferenceLookup, options?: DhlCallOptions): Promise<DhlResult<MyDhlTrackingResponse>>;
  /** PATCH /shipments/{n}/upload-image: paperless-trade images of a shipment already created. */
  uploadImage(request: DhlImageUploadRequestInput, options?: DhlCallOptions): Promise<DhlResult<unknown>>;
  /** POST /pickups */
  createPickup(request: DhlPickupRequestInput, options?: DhlCallOptions): Promise<DhlResult<DhlPickupResponse>>;
  /** DELETE /pickups/{dispatchConfirmationNumber}: the only cancellation MyDHL offers. */
  cancelPickup(cancel: CancelPickupRequest, options?: DhlCallOptions): Promise<DhlResult<unknown>>;
  /** The connection's DHL Express account. */
  readonly accountNumber: string;
  stats(): ClientStats;
}

/** MyDHL answers errors with an RFC 7807-like problem body (and its older XML services with Condition lists inside a 200). */
export const dhlErrors: ErrorTable = errorsFromRecogniser(recogniseDhlErrorReply);

export function createDhlClient(options: CreateDhlClientOptions): DhlClient {
  const settings = parseConfig(DHL, 'connection settings', DhlConnectionSettingsSchema, options.settings);
  const credentials = parseConfig(DHL, 'credentials', DhlCredentialsSchema, options.credentials);
  const { username, password } = credentials;
  const clock = options.clock ?? { now: () => Date.now() };
  const newMessageReference = options.newMessageReference ?? (() => randomUUID());
  const { send, stats } = createPipeline({
    ...DHL,
    baseUrl: dhlBaseUrl(settings),
    userAgent: DHL_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_DHL_TIMEOUT_MS,
    // securitySchemes.basicAuth: the API key and secret.
    auth: basicAuth(username, password),
    headers: () => ({ 'x-version': MYDHL_API_VERSION, 'message-reference-date': new Date(clock.now()).toUTCString() }),
    ...(options.limiter === undefined
      ? {}
      : {
          rateLimit: {
            limiter: options.limiter,
            key: () => ({ tenant: options.tenant, vendor: DHL_VENDOR, operation: DHL_RATE_LIMIT_OPERATION }),
            plan: () => settings.rateLimit ?? DEFAULT_DHL_RATE_LIMIT,
            maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_DHL_MAX_IN_PROCESS_WAIT_MS,
          },
        }),
    errors: dhlErrors,
    requestIdHeader: 'invocation-id',
    logger: options.logger.child({ vendor: DHL_VENDOR, tenant: options.tenant, environment: settings.environment }),
    clock,
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });

  const withRef = (callOptions: DhlCallOptions) => ({ ...callOptions, messageReference: callOptions.messageReference ?? newMessageReference() });
  const { accountNumber } = settings;
  return {
    getLandedCost: (request, callOptions = {}) => getLandedCost(send, request, withRef(callOptions)),
    rates: (request, callOptions = {}) => rates(send, request, withRef(callOptions)),
    products: (query, callOptions = {}) => products(send, query, accountNumber, withRef(callOptions)),
    createShipment: (request, shipment, callOptions = {}) => createShipment(send, request, shipment, withRef(callOptions)),
    tracking: (number, query = {}, callOptions = {}) => tracking(send, number, query, withRef(callOptions)),
    trackingByReference: (lookup, callOptions = {}) => trackingByReference(send, lookup, accountNumber, withRef(callOptions)),
    uploadImage: (request, callOptions = {}) => uploadImage(send, request, withRef(callOptions)),
    createPickup: (request, callOptions = {}) => createPickup(send, request, withRef(callOptions)),
    cancelPickup: (cancel, callOptions = {}) => cancelPickup(send, cancel, withRef(callOptions)),
    accountNumber,
    stats,
  };
}
