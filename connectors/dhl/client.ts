/**
 * The DHL Express MyDHL API client: every call carries HTTP Basic credentials, the required
 * `x-version` header and a `Message-Reference`, is retried briefly on transient failures when
 * it is safe to resend, and turns every failure into a ConnectorError.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isCancellation, isNetworkError } from '../http/classify.js';
import type { Clock } from '../http/clock.js';
import { createHttpClient, sendWithRetry, UnparsedBody, type RetryPolicy } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { basicAuthorization } from './auth.js';
import {
  DEFAULT_DHL_TIMEOUT_MS,
  dhlBaseUrl,
  DhlConnectionSettingsSchema,
  DhlCredentialsSchema,
  MYDHL_API_VERSION,
  type DhlConnectionSettings,
  type DhlCredentials,
} from './config.js';
import { DHL_VENDOR, dhlContractError, dhlErrorFromResponse, dhlInvocationId, dhlNetworkError, dhlValidationError, recogniseDhlErrorReply } from './errors.js';
import { getLandedCost, type GetLandedCostResult } from './operations/get-landed-cost.js';
import { issuePath, type DhlLandedCostRequestInput } from './schemas.js';

export const DHL_USER_AGENT = 'Caravan/0.1';

/** `Message-Reference`: 1 to 36 characters (parameter messageReferenceHeader). */
export const MESSAGE_REFERENCE_MAX_LENGTH = 36;

export interface DhlRequest {
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  /** Path under the base URL, path parameters already encoded. */
  readonly path: string;
  /** Encoded query string without `?`. */
  readonly query?: string;
  readonly body?: unknown;
  /** Safe to resend after a network error or 5xx (a quote creates nothing; a shipment does). */
  readonly idempotent: boolean;
}

/** A 2xx response (failures are thrown as ConnectorError). */
export interface DhlResponse {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
  /** `Invocation-Id` of the transaction. */
  readonly invocationId?: string;
  /** The Message-Reference sent (DHL echoes it). */
  readonly messageReference: string;
}

export interface DhlCallOptions {
  /** Correlates the call at DHL (1-36 characters); a random UUID when absent. */
  readonly messageReference?: string;
  /** Cancels the request (e.g. the activity's cancellation signal). */
  readonly signal?: AbortSignal;
}

export type DhlSend = (request: DhlRequest, options?: DhlCallOptions) => Promise<DhlResponse>;

export interface CreateDhlClientOptions {
  readonly tenant: string;
  readonly settings: DhlConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: DhlCredentials;
  readonly logger: Logger;
  /** Stamps Message-Reference-Date and measures durations. */
  readonly clock?: Pick<Clock, 'now'>;
  readonly retryPolicy?: RetryPolicy;
  /** Message-Reference for calls that bring none (tests pin it). */
  readonly newMessageReference?: () => string;
}

export interface DhlClient {
  /** POST /landed-cost: duty, tax and fees DHL Express estimates for a shipment. */
  getLandedCost(request: DhlLandedCostRequestInput, options?: DhlCallOptions): Promise<GetLandedCostResult>;
}

function invalidSettings(what: string, error: { issues: { path: PropertyKey[]; message: string }[] }): ConnectorError {
  const detail = error.issues.map((i) => `${issuePath(i.path) || '(root)'}: ${i.message}`).join('; ');
  return new ConnectorError('validation', `DHL Express ${what} invalid: ${detail}`, { vendor: DHL_VENDOR, operation: 'configure' });
}

export function createDhlClient(options: CreateDhlClientOptions): DhlClient {
  const settingsResult = DhlConnectionSettingsSchema.safeParse(options.settings);
  if (!settingsResult.success) throw invalidSettings('connection settings', settingsResult.error);
  const credentialsResult = DhlCredentialsSchema.safeParse(options.credentials);
  if (!credentialsResult.success) throw invalidSettings('credentials', credentialsResult.error);
  const settings = settingsResult.data;
  const authorization = basicAuthorization(credentialsResult.data);
  const clock = options.clock ?? { now: () => Date.now() };
  const newMessageReference = options.newMessageReference ?? (() => randomUUID());
  const logger = options.logger.child({ vendor: DHL_VENDOR, tenant: options.tenant, environment: settings.environment });
  const api = createHttpClient({
    vendor: DHL_VENDOR,
    baseURL: dhlBaseUrl(settings),
    timeoutMs: settings.timeoutMs ?? DEFAULT_DHL_TIMEOUT_MS,
    userAgent: DHL_USER_AGENT,
    logger,
  });

  const send: DhlSend = async (request, callOptions = {}) => {
    const { operation } = request;
    const { signal } = callOptions;
    const messageReference = callOptions.messageReference ?? newMessageReference();
    if (messageReference.length < 1 || messageReference.length > MESSAGE_REFERENCE_MAX_LENGTH) {
      throw dhlValidationError(operation, `Message-Reference must be 1 to ${MESSAGE_REFERENCE_MAX_LENGTH} characters, got ${messageReference.length}`);
    }
    const url = request.query ? `${request.path}?${request.query}` : request.path;
    const headers: Record<string, string> = {
      authorization,
      'x-version': MYDHL_API_VERSION,
      'message-reference': messageReference,
      // RFC 7231 HTTP-date (parameter messageReferenceDateHeader).
      'message-reference-date': new Date(clock.now()).toUTCString(),
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await sendWithRetry(
        async (attempt) => {
          const started = clock.now();
          const res = await api.request<unknown>({
            method: request.method,
            url,
            headers,
            ...(request.body === undefined ? {} : { data: JSON.stringify(request.body) }),
            ...(signal === undefined ? {} : { signal }),
          });
          logger.debug(
            {
              operation,
              status: res.status,
              durationMs: clock.now() - started,
              invocationId: dhlInvocationId(res.headers as Readonly<Record<string, unknown>>),
              messageReference,
              attempt,
            },
            'dhl request',
          );
          return res;
        },
        {
          idempotent: request.idempotent,
          ...(options.retryPolicy === undefined ? {} : { policy: options.retryPolicy }),
          ...(signal === undefined ? {} : { signal }),
        },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isCancellation(error)) throw error;
      if (isNetworkError(error)) throw dhlNetworkError(operation, error);
      throw error;
    }
    const responseHeaders = response.headers as Readonly<Record<string, unknown>>;
    if (response.status < 200 || response.status >= 300) {
      throw dhlErrorFromResponse({ operation, status: response.status, headers: responseHeaders, data: response.data, nowMs: clock.now() });
    }
    // A problem body (or an XML Condition list) inside a 2xx is an error all the same.
    const replyError = recogniseDhlErrorReply(response.data, { operation, status: response.status, headers: responseHeaders, nowMs: clock.now() });
    if (replyError !== undefined) throw replyError;
    if (response.data instanceof UnparsedBody || response.data === undefined) {
      throw dhlContractError(operation, `HTTP ${response.status} without a JSON body`, { status: response.status, headers: responseHeaders, data: response.data });
    }
    const invocationId = dhlInvocationId(responseHeaders);
    return {
      status: response.status,
      data: response.data,
      headers: responseHeaders,
      messageReference,
      ...(invocationId === undefined ? {} : { invocationId }),
    };
  };

  return {
    getLandedCost: (request, callOptions) => getLandedCost(send, request, callOptions),
  };
}
