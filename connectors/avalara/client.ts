/**
 * The AvaTax REST v2 client: every call carries the Authorization and X-Avalara-Client
 * headers, takes a token from the tenant's AvaTax bucket when a limiter is given, is resent
 * briefly on transient failures only when it is idempotent, and turns every failure into a
 * ConnectorError. Writes address documents by codes derived from business keys
 * (transactionCodeFor), so commit, void and refund are safe to repeat.
 */
import type { Logger } from 'pino';
import { isCancellation, isNetworkError } from '../http/classify.js';
import type { Clock } from '../http/clock.js';
import { createHttpClient, sendWithRetry, UnparsedBody, type RetryPolicy } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { RateLimitWaitTooLongError, type RateLimitKey, type RateLimitPlan, type RateLimiterRegistry } from '../http/rate-limiter.js';
import { avalaraAuthorization, avalaraClientHeader } from './auth.js';
import {
  avalaraBaseUrl,
  AvalaraConnectionSettingsSchema,
  AvalaraCredentialsSchema,
  DEFAULT_AVALARA_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_AVALARA_RATE_LIMIT,
  DEFAULT_AVALARA_TIMEOUT_MS,
  type AvalaraConnectionSettings,
  type AvalaraCredentials,
} from './config.js';
import { AVALARA_VENDOR, avalaraContractError, avalaraErrorFromResponse, avalaraNetworkError, avalaraRequestId, recogniseAvalaraErrorReply } from './errors.js';
import { commitTransaction, type CommitTransactionParams } from './operations/commit-transaction.js';
import { createOrAdjustTransaction, type AvalaraAdjustment } from './operations/create-or-adjust-transaction.js';
import { createTransaction } from './operations/create-transaction.js';
import { getTransactionByCode, type GetTransactionByCodeParams } from './operations/get-transaction-by-code.js';
import { ping, type AvalaraPingOutcome } from './operations/ping.js';
import { refundTransaction, type RefundTransactionParams } from './operations/refund-transaction.js';
import type { AvalaraTransactionResult, AvalaraWriteResult } from './operations/transaction-result.js';
import { voidTransaction, type VoidTransactionParams } from './operations/void-transaction.js';
import { issuePath, type AvalaraCreateTransactionModel } from './schemas.js';

/** AvaTax operation ids (the description's operationId). */
export const AVALARA_OPERATIONS = [
  'CreateTransaction',
  'CreateOrAdjustTransaction',
  'CommitTransaction',
  'VoidTransaction',
  'RefundTransaction',
  'GetTransactionByCode',
  'Ping',
] as const;
export type AvalaraOperation = (typeof AVALARA_OPERATIONS)[number];

export const AVALARA_USER_AGENT = 'Caravan/0.1.0 (AvaTax REST v2)';

/** AvaTax throttles per account, so one bucket per tenant covers every operation. */
const RATE_LIMIT_OPERATION = 'api';

export interface AvalaraRequest {
  readonly operation: AvalaraOperation;
  readonly method: 'GET' | 'POST';
  /** Path without the base URL, segments already encoded. */
  readonly path: string;
  /** Encoded query string without `?`. */
  readonly query?: string;
  /** JSON body (POST). */
  readonly body?: unknown;
  /** Safe to resend after a network error or 5xx: the same document results either way. */
  readonly idempotent: boolean;
}

/** A 2xx response (failures are thrown as ConnectorError). */
export interface AvalaraResponse {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly requestId?: string;
}

export interface AvalaraCallOptions {
  /** Cancels waiting and the request (e.g. the activity's cancellation signal). */
  readonly signal?: AbortSignal;
  /** Called before waiting for a rate-limit token, with the expected wait (heartbeat from here). */
  readonly onRateLimitWait?: (ms: number) => void;
  /** Longest in-process wait for a rate-limit token (default: the connection's maxInProcessWaitMs). */
  readonly maxWaitMs?: number;
}

export type AvalaraSend = (request: AvalaraRequest, options?: AvalaraCallOptions) => Promise<AvalaraResponse>;

export interface AvalaraClientStats {
  /** HTTP requests sent (every attempt counts). */
  readonly requests: number;
  /** 429 responses seen. */
  readonly throttled: number;
  /** In-process resends of idempotent requests after transient failures. */
  readonly retries: number;
  readonly rateLimitWaitMs: number;
}

export interface CreateAvalaraClientOptions {
  readonly tenant: string;
  readonly settings: AvalaraConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: AvalaraCredentials;
  readonly logger: Logger;
  /** Shared by all clients of a worker; without one, no client-side throttling. */
  readonly limiter?: RateLimiterRegistry;
  readonly clock?: Pick<Clock, 'now'>;
  /** Short in-process retry of transient failures (tests shrink the backoff). */
  readonly retryPolicy?: RetryPolicy;
}

export interface AvalaraClient {
  /** The connection's company code (the default for every call). */
  readonly companyCode: string;
  /** CreateTransaction. Resent after transient failures only when it has a code and does not commit. */
  createTransaction(model: AvalaraCreateTransactionModel, options?: AvalaraCallOptions): Promise<AvalaraTransactionResult>;
  /** CreateOrAdjustTransaction: the idempotent create (a code is required). */
  createOrAdjustTransaction(
    model: AvalaraCreateTransactionModel,
    adjustment?: AvalaraAdjustment,
    options?: AvalaraCallOptions,
  ): Promise<AvalaraTransactionResult>;
  /** CommitTransaction; committing a committed document is `already_applied`. */
  commitTransaction(params: CommitTransactionParams, options?: AvalaraCallOptions): Promise<AvalaraWriteResult>;
  /** VoidTransaction; voiding a voided document is `already_applied`. */
  voidTransaction(params: VoidTransactionParams, options?: AvalaraCallOptions): Promise<AvalaraWriteResult>;
  /** RefundTransaction; an existing refund document with the same refund code is `already_applied`. */
  refundTransaction(params: RefundTransactionParams, options?: AvalaraCallOptions): Promise<AvalaraWriteResult>;
  getTransactionByCode(params: GetTransactionByCodeParams, options?: AvalaraCallOptions): Promise<AvalaraTransactionResult>;
  /** Ping: connectivity, version and whether the credentials authenticate. */
  ping(options?: AvalaraCallOptions): Promise<AvalaraPingOutcome>;
  stats(): AvalaraClientStats;
}

function invalidSettings(what: string, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): ConnectorError {
  // Only paths and messages: a credential value never reaches the message.
  const detail = error.issues.map((i) => `${issuePath(i.path) || '(root)'}: ${i.message}`).join('; ');
  return new ConnectorError('validation', `AvaTax ${what} invalid: ${detail}`, { vendor: AVALARA_VENDOR, operation: 'configure' });
}

export function createAvalaraClient(options: CreateAvalaraClientOptions): AvalaraClient {
  const settingsResult = AvalaraConnectionSettingsSchema.safeParse(options.settings);
  if (!settingsResult.success) throw invalidSettings('connection settings', settingsResult.error);
  const credentialsResult = AvalaraCredentialsSchema.safeParse(options.credentials);
  if (!credentialsResult.success) throw invalidSettings('credentials', credentialsResult.error);
  const settings = settingsResult.data;
  const { tenant, limiter, retryPolicy } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const logger = options.logger.child({ vendor: AVALARA_VENDOR, tenant, environment: settings.environment });
  const maxInProcessWaitMs = settings.maxInProcessWaitMs ?? DEFAULT_AVALARA_MAX_IN_PROCESS_WAIT_MS;
  const plan: RateLimitPlan = settings.rateLimit ?? DEFAULT_AVALARA_RATE_LIMIT;
  const key: RateLimitKey = { tenant, vendor: AVALARA_VENDOR, operation: RATE_LIMIT_OPERATION };
  const clientHeader = avalaraClientHeader(settings);
  const authorization = avalaraAuthorization(credentialsResult.data);
  const api = createHttpClient({
    vendor: AVALARA_VENDOR,
    baseURL: avalaraBaseUrl(settings),
    timeoutMs: settings.timeoutMs ?? DEFAULT_AVALARA_TIMEOUT_MS,
    userAgent: AVALARA_USER_AGENT,
    logger,
  });
  const counters = { requests: 0, throttled: 0, retries: 0, rateLimitWaitMs: 0 };

  const send: AvalaraSend = async (request, callOptions = {}) => {
    const { operation } = request;
    const { signal } = callOptions;
    const maxWaitMs = callOptions.maxWaitMs ?? maxInProcessWaitMs;
    const url = request.query ? `${request.path}?${request.query}` : request.path;
    let response;
    try {
      response = await sendWithRetry(
        async (attempt) => {
          if (limiter !== undefined) {
            const waitStarted = clock.now();
            await limiter.acquire(key, plan, {
              maxWaitMs,
              ...(signal === undefined ? {} : { signal }),
              ...(callOptions.onRateLimitWait === undefined ? {} : { onWait: callOptions.onRateLimitWait }),
            });
            counters.rateLimitWaitMs += clock.now() - waitStarted;
          }
          counters.requests += 1;
          const started = clock.now();
          try {
            const res = await api.request<unknown>({
              method: request.method,
              url,
              headers: {
                Authorization: authorization,
                // AvaTax asks every caller to identify its software in this header.
                'X-Avalara-Client': clientHeader,
                ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
              },
              ...(request.body === undefined ? {} : { data: JSON.stringify(request.body) }),
              ...(signal === undefined ? {} : { signal }),
            });
            const headers = res.headers as Readonly<Record<string, unknown>>;
            logger.debug(
              { operation, status: res.status, durationMs: clock.now() - started, requestId: avalaraRequestId(headers), attempt },
              'avalara request',
            );
            return res;
          } catch (error) {
            if (isNetworkError(error)) {
              logger.debug({ operation, durationMs: clock.now() - started, attempt, error: (error as { code?: string }).code }, 'avalara request failed');
            }
            throw error;
          }
        },
        {
          idempotent: request.idempotent,
          ...(retryPolicy === undefined ? {} : { policy: retryPolicy }),
          ...(signal === undefined ? {} : { signal }),
          onRetry: () => {
            counters.retries += 1;
          },
        },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isCancellation(error)) throw error;
      if (error instanceof RateLimitWaitTooLongError) {
        throw new ConnectorError('rate_limited', `AvaTax ${operation}: rate limit, next request slot in ${error.waitMs} ms`, {
          vendor: AVALARA_VENDOR,
          operation,
          retryAfterMs: error.waitMs,
        });
      }
      if (isNetworkError(error)) throw avalaraNetworkError(operation, error);
      throw error;
    }

    const headers = response.headers as Readonly<Record<string, unknown>>;
    const requestId = avalaraRequestId(headers);
    if (response.status >= 200 && response.status < 300) {
      if (response.data instanceof UnparsedBody || response.data === undefined) {
        throw avalaraContractError(operation, `HTTP ${response.status} without a JSON body`, { status: response.status, headers, data: response.data });
      }
      const replyError = recogniseAvalaraErrorReply(response.data, { operation, status: response.status, headers, nowMs: clock.now() });
      if (replyError !== undefined) throw replyError;
      return { status: response.status, data: response.data, headers, ...(requestId === undefined ? {} : { requestId }) };
    }
    const error = avalaraErrorFromResponse({ operation, status: response.status, headers, data: response.data, nowMs: clock.now() });
    if (error.kind === 'rate_limited') {
      counters.throttled += 1;
      // Hold the tenant's other calls back for as long as AvaTax asked (Retry-After); Temporal retries this one.
      if (limiter !== undefined && error.retryAfterMs !== undefined) limiter.penalize(key, error.retryAfterMs);
    }
    throw error;
  };

  const companyCode = settings.companyCode;
  return {
    companyCode,
    createTransaction: (model, callOptions) => createTransaction(send, model, companyCode, callOptions),
    createOrAdjustTransaction: (model, adjustment, callOptions) => createOrAdjustTransaction(send, model, companyCode, adjustment, callOptions),
    commitTransaction: (params, callOptions) => commitTransaction(send, params, companyCode, callOptions),
    voidTransaction: (params, callOptions) => voidTransaction(send, params, companyCode, callOptions),
    refundTransaction: (params, callOptions) => refundTransaction(send, params, companyCode, callOptions),
    getTransactionByCode: (params, callOptions) => getTransactionByCode(send, params, companyCode, callOptions),
    ping: (callOptions) => ping(send, callOptions),
    stats: () => ({ ...counters }),
  };
}
