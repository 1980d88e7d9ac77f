/**
 * The FedEx REST API client: OAuth client-credentials bearer tokens (the Track API's own
 * project when its credentials are given), the `x-customer-transaction-id` of every call,
 * FedEx's per-project rate through the shared limiter, and every failure as a ConnectorError
 * (a spent daily quota carries the wait until 00:00 GMT).
 */
import type { TokenAuth } from '../http/auth.js';
import { parseConfig } from '../http/error-factories.js';
import { createPipeline, errorsFromRecogniser, type CallOptions, type ClientStats, type ConnectorClientOptions, type ErrorTable } from '../http/pipeline.js';
import type { RateLimiterRegistry } from '../http/rate-limiter.js';
import { createFedexOAuth } from './auth.js';
import {
  DEFAULT_FEDEX_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_FEDEX_TIMEOUT_MS,
  FEDEX,
  fedexBaseUrl,
  FedexConnectionSettingsSchema,
  FedexCredentialsSchema,
  type FedexConnectionSettingsInput,
  type FedexCredentials,
} from './config.js';
import { FEDEX_VENDOR, recogniseFedexErrorReply } from './errors.js';
import {
  cancelShipment,
  createShipment,
  rateQuotes,
  trackByNumber,
  trackByReference,
  uploadEtdDocument,
  type FedexCancel,
  type FedexCreateShipmentOptions,
  type FedexEtdUpload,
  type FedexOperationOptions,
  type FedexReferenceLookup,
  type FedexRequest,
  type FedexResult,
} from './operations/shipping.js';
import { DEFAULT_FEDEX_RATE_LIMIT, FEDEX_RATE_LIMIT_OPERATION } from './rate-limits.js';
import type { FedexRateResponse } from './schemas/rate.js';
import type { FedexCancelResponse, FedexEtdUploadResponse, FedexRateRequestInput, FedexShipRequestInput } from './schemas/requests.js';
import type { FedexShipResponse } from './schemas/ship.js';
import type { FedexTrackResponse } from './schemas/track.js';

export const FEDEX_USER_AGENT = 'Caravan/0.1';

export interface CreateFedexClientOptions extends ConnectorClientOptions {
  readonly settings: FedexConnectionSettingsInput;
  /** Resolved secrets; never logged. */
  readonly credentials: FedexCredentials;
  /** Shared by all clients of a worker; without one, no client-side throttling. */
  readonly limiter?: RateLimiterRegistry;
}

export interface FedexClient {
  /** POST /rate/v1/rates/quotes */
  rateQuotes(request: FedexRateRequestInput, options?: FedexOperationOptions): Promise<FedexResult<FedexRateResponse>>;
  /** POST /ship/v1/shipments, never resent automatically. */
  createShipment(request: FedexShipRequestInput, shipment: FedexCreateShipmentOptions, options?: FedexOperationOptions): Promise<FedexResult<FedexShipResponse>>;
  /** PUT /ship/v1/shipments/cancel for the connection's account. */
  cancelShipment(cancel: FedexCancel, options?: FedexOperationOptions): Promise<FedexResult<FedexCancelResponse>>;
  /** POST /track/v1/trackingnumbers (the tracking credentials when given). */
  trackByNumber(trackingNumbers: readonly string[], options?: FedexOperationOptions): Promise<FedexResult<FedexTrackResponse>>;
  /** POST /track/v1/referencenumbers for the connection's account. */
  trackByReference(lookup: FedexReferenceLookup, options?: FedexOperationOptions): Promise<FedexResult<FedexTrackResponse>>;
  /** POST /documents/v1/etds/upload (multipart). */
  uploadEtdDocument(upload: FedexEtdUpload, options?: FedexOperationOptions): Promise<FedexResult<FedexEtdUploadResponse>>;
  readonly accountNumber: string;
  stats(): ClientStats;
}

export const fedexErrors: ErrorTable = errorsFromRecogniser(recogniseFedexErrorReply);

const TRACK_OPERATIONS = new Set(['trackByTrackingNumber', 'trackByReference']);

export function createFedexClient(options: CreateFedexClientOptions): FedexClient {
  const settings = parseConfig(FEDEX, 'connection settings', FedexConnectionSettingsSchema, options.settings);
  const credentials = parseConfig(FEDEX, 'credentials', FedexCredentialsSchema, options.credentials);
  const clock = options.clock ?? { now: () => Date.now() };
  const baseUrl = fedexBaseUrl(settings);
  const documentsBaseUrl = (settings.documentsEndpoint ?? baseUrl).replace(/\/+$/, '');
  const timeoutMs = settings.timeoutMs ?? DEFAULT_FEDEX_TIMEOUT_MS;
  const logger = options.logger.child({ vendor: FEDEX_VENDOR, tenant: options.tenant, environment: settings.environment });
  const oauth = (clientId: string, clientSecret: string): TokenAuth =>
    createFedexOAuth({ clientId, clientSecret, baseUrl, userAgent: FEDEX_USER_AGENT, timeoutMs, clock, logger, ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }) });
  const shipAuth = oauth(credentials.clientId, credentials.clientSecret);
  const trackAuth = 'trackingClientId' in credentials ? oauth(credentials.trackingClientId, credentials.trackingClientSecret) : undefined;
  const { send, stats } = createPipeline({
    ...FEDEX,
    baseUrl,
    userAgent: FEDEX_USER_AGENT,
    timeoutMs,
    auth: shipAuth,
    ...(settings.locale === undefined ? {} : { headers: () => ({ 'x-locale': settings.locale! }) }),
    ...(options.limiter === undefined
      ? {}
      : {
          rateLimit: {
            limiter: options.limiter,
            // The limit is per API project: the tracking project has its own bucket.
            key: (operation: string) => ({
              tenant: options.tenant,
              vendor: FEDEX_VENDOR,
              operation: FEDEX_RATE_LIMIT_OPERATION,
              ...(trackAuth !== undefined && TRACK_OPERATIONS.has(operation) ? { scope: 'track' } : {}),
            }),
            plan: () => settings.rateLimit ?? DEFAULT_FEDEX_RATE_LIMIT,
            maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_FEDEX_MAX_IN_PROCESS_WAIT_MS,
          },
        }),
    errors: fedexErrors,
    requestIdHeader: 'x-customer-transaction-id',
    logger,
    clock,
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const fedexSend = ({ api, ...request }: FedexRequest, callOptions?: CallOptions) =>
    send(api === 'track' && trackAuth !== undefined ? { ...request, auth: trackAuth } : request, callOptions);
  const { accountNumber } = settings;
  return {
    rateQuotes: (request, o) => rateQuotes(fedexSend, request, o),
    createShipment: (request, shipment, o) => createShipment(fedexSend, request, shipment, o),
    cancelShipment: (cancel, o) => cancelShipment(fedexSend, cancel, accountNumber, o),
    trackByNumber: (numbers, o) => trackByNumber(fedexSend, numbers, o),
    trackByReference: (lookup, o) => trackByReference(fedexSend, lookup, accountNumber, o),
    uploadEtdDocument: (upload, o) => uploadEtdDocument(fedexSend, upload, documentsBaseUrl, o),
    accountNumber,
    // The pipeline counts the declaration's hook; the tracking project's tokens are added.
    stats: () => { const s = stats(); return { ...s, tokenRefreshes: s.tokenRefreshes + (trackAuth?.refreshes() ?? 0) }; },
  };
}
