/**
 * The Amazon SP-API client: every call takes a token from the (tenant, amazon, operation,
 * region) bucket, carries a cached LWA access token, is retried briefly on transient
 * failures, and turns every failure into a ConnectorError.
 */
import type { Logger } from 'pino';
import { isCancellation, isNetworkError, parseRetryAfter, headerValue } from '../http/classify.js';
import type { Clock } from '../http/clock.js';
import { createHttpClient, sendWithRetry, UnparsedBody, type RetryPolicy } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { RateLimitWaitTooLongError, type RateLimitKey, type RateLimitPlan, type RateLimiterRegistry } from '../http/rate-limiter.js';
import { requestSignal } from '../http/request-signal.js';
import { LwaTokenProvider } from './auth.js';
import {
  amazonBaseUrl,
  AmazonConnectionSettingsSchema,
  AmazonCredentialsSchema,
  DEFAULT_AMAZON_TIMEOUT_MS,
  DEFAULT_MAX_IN_PROCESS_WAIT_MS,
  lwaTokenEndpoint,
  type AmazonConnectionSettings,
  type AmazonCredentials,
} from './config.js';
import { AMAZON_VENDOR, amazonContractError, amazonErrorFromResponse, amazonNetworkError, amazonRequestId } from './errors.js';
import { getOrder, type GetOrderResult } from './operations/get-order.js';
import { getAllOrderItems, getOrderItems, type GetOrderItemsResult } from './operations/get-order-items.js';
import { getOrders, type GetOrdersParams, type GetOrdersResult } from './operations/get-orders.js';
import { AMAZON_RATE_LIMITS, type AmazonOperation } from './rate-limits.js';
import { issuePath } from './schemas.js';

/** SP-API asks for app name/version and language in the user agent (guide: "Include a User-Agent header"). */
export const AMAZON_USER_AGENT = 'Caravan/0.1 (Language=TypeScript)';

/** A 429 is retried in-process at most this many times (each after the computed wait). */
export const DEFAULT_MAX_THROTTLE_RETRIES = 3;

export interface AmazonRequest {
  readonly operation: AmazonOperation;
  /** Path without the base URL, path parameters already encoded. */
  readonly path: string;
  /** Encoded query string without `?`. */
  readonly query?: string;
}

/** A 2xx response (failures are thrown as ConnectorError). */
export interface AmazonResponse {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly requestId?: string;
}

export interface AmazonCallOptions {
  /** Cancels waiting and the request (e.g. the activity's cancellation signal). */
  readonly signal?: AbortSignal;
  /** Called before waiting for a rate-limit token, with the expected wait (heartbeat from here). */
  readonly onRateLimitWait?: (ms: number) => void;
  /**
   * Longest in-process wait for a rate-limit token or after a 429 (default: the connection's
   * maxInProcessWaitMs, 20 s). A longer wait throws rate_limited with retryAfterMs instead.
   */
  readonly maxWaitMs?: number;
}

export type AmazonSend = (request: AmazonRequest, options?: AmazonCallOptions) => Promise<AmazonResponse>;

export interface AmazonClientStats {
  /** HTTP requests sent to SP-API (every attempt counts). */
  readonly requests: number;
  /** 429 responses seen. */
  readonly throttled: number;
  /** Time spent waiting for rate-limit tokens (including after 429s). */
  readonly rateLimitWaitMs: number;
  /** In-process resends: transient failures, 429s waited out, one 403 after a token refresh. */
  readonly retries: number;
  /** LWA token requests. */
  readonly tokenRefreshes: number;
}

export interface CreateAmazonClientOptions {
  readonly tenant: string;
  readonly settings: AmazonConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: AmazonCredentials;
  /** Shared by all clients of a worker, so buckets are per (tenant, operation, region). */
  readonly limiter: RateLimiterRegistry;
  readonly logger: Logger;
  /** Token expiry and wait measurement; the limiter has its own clock. */
  readonly clock?: Pick<Clock, 'now'>;
  /** Short in-process retry of transient failures (tests shrink the backoff). */
  readonly retryPolicy?: RetryPolicy;
  readonly maxThrottleRetries?: number;
}

export interface AmazonClient {
  getOrders(params: GetOrdersParams, options?: AmazonCallOptions): Promise<GetOrdersResult>;
  getOrder(orderId: string, options?: AmazonCallOptions): Promise<GetOrderResult>;
  getOrderItems(orderId: string, nextToken?: string, options?: AmazonCallOptions): Promise<GetOrderItemsResult>;
  getAllOrderItems(orderId: string, options?: AmazonCallOptions): Promise<unknown[]>;
  stats(): AmazonClientStats;
}

function invalidSettings(what: string, error: { issues: { path: PropertyKey[]; message: string }[] }): ConnectorError {
  const detail = error.issues.map((i) => `${issuePath(i.path) || '(root)'}: ${i.message}`).join('; ');
  return new ConnectorError('validation', `Amazon ${what} invalid: ${detail}`, { vendor: AMAZON_VENDOR, operation: 'configure' });
}

/** Rate from `x-amzn-RateLimit-Limit` (requests per second), when present and numeric. */
export function parseRateLimitHeader(headers: Readonly<Record<string, unknown>>): number | undefined {
  const raw = headerValue(headers, 'x-amzn-ratelimit-limit');
  if (raw === undefined || !/^\s*\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(raw)) return undefined;
  const rate = Number(raw);
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

export function createAmazonClient(options: CreateAmazonClientOptions): AmazonClient {
  const settingsResult = AmazonConnectionSettingsSchema.safeParse(options.settings);
  if (!settingsResult.success) throw invalidSettings('connection settings', settingsResult.error);
  const credentialsResult = AmazonCredentialsSchema.safeParse(options.credentials);
  if (!credentialsResult.success) throw invalidSettings('credentials', credentialsResult.error);
  const settings = settingsResult.data;
  const { tenant, limiter } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const logger = options.logger.child({ vendor: AMAZON_VENDOR, tenant, region: settings.region });
  const maxInProcessWaitMs = settings.maxInProcessWaitMs ?? DEFAULT_MAX_IN_PROCESS_WAIT_MS;
  const maxThrottleRetries = options.maxThrottleRetries ?? DEFAULT_MAX_THROTTLE_RETRIES;
  const retryPolicy = options.retryPolicy;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_AMAZON_TIMEOUT_MS;

  const api = createHttpClient({
    vendor: AMAZON_VENDOR,
    baseURL: amazonBaseUrl(settings),
    timeoutMs,
    userAgent: AMAZON_USER_AGENT,
    logger,
  });
  const auth = new LwaTokenProvider({
    credentials: credentialsResult.data,
    tokenEndpoint: lwaTokenEndpoint(settings),
    http: createHttpClient({ vendor: AMAZON_VENDOR, timeoutMs, userAgent: AMAZON_USER_AGENT, logger }),
    clock,
    logger,
    ...(retryPolicy === undefined ? {} : { retryPolicy }),
  });

  const counters = { requests: 0, throttled: 0, rateLimitWaitMs: 0, retries: 0 };

  const planFor = (operation: AmazonOperation): RateLimitPlan => settings.rateLimits?.[operation] ?? AMAZON_RATE_LIMITS[operation];

  const send: AmazonSend = async (request, callOptions = {}) => {
    // The limiter, p-retry and axios listen on this call's own signal; the caller's (shared)
    // signal gets at most one listener however many calls are in flight, gone when they end.
    const scoped = requestSignal(callOptions.signal);
    try {
      return await sendScoped(request, callOptions, scoped.signal);
    } finally {
      scoped.release();
    }
  };

  const sendScoped = async (request: AmazonRequest, callOptions: AmazonCallOptions, signal: AbortSignal | undefined): Promise<AmazonResponse> => {
    const { operation } = request;
    const maxWaitMs = callOptions.maxWaitMs ?? maxInProcessWaitMs;
    const key: RateLimitKey = { tenant, vendor: AMAZON_VENDOR, operation, scope: settings.region };
    const plan = planFor(operation);
    const url = request.query ? `${request.path}?${request.query}` : request.path;
    let throttleRetries = 0;
    let tokenRetried = false;
    for (;;) {
      const accessToken = await auth.getAccessToken();
      let response;
      try {
        response = await sendWithRetry(
          async (attempt) => {
            const waitStarted = clock.now();
            await limiter.acquire(key, plan, {
              maxWaitMs,
              ...(signal === undefined ? {} : { signal }),
              ...(callOptions.onRateLimitWait === undefined ? {} : { onWait: callOptions.onRateLimitWait }),
            });
            counters.rateLimitWaitMs += clock.now() - waitStarted;
            counters.requests += 1;
            const started = clock.now();
            try {
              const res = await api.get<unknown>(url, {
                // The access token goes in x-amz-access-token; SP-API takes no Authorization header.
                headers: { 'x-amz-access-token': accessToken },
                ...(signal === undefined ? {} : { signal }),
              });
              const headers = res.headers as Readonly<Record<string, unknown>>;
              logger.debug(
                { operation, status: res.status, durationMs: clock.now() - started, requestId: amazonRequestId(headers), attempt },
                'amazon request',
              );
              // Present on 2xx/400/404 only, best effort (Usage Plans and Rate Limits guide).
              const rate = parseRateLimitHeader(headers);
              if (rate !== undefined) limiter.observeRate(key, rate);
              return res;
            } catch (error) {
              if (isNetworkError(error)) {
                logger.debug({ operation, durationMs: clock.now() - started, attempt, error: (error as { code?: string }).code }, 'amazon request failed');
              }
              throw error;
            }
          },
          {
            idempotent: true,
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
          // Our own bucket (or a penalty after a 429) says wait longer than we may sleep here.
          throw new ConnectorError('rate_limited', `Amazon ${operation}: rate limit, next request slot in ${error.waitMs} ms`, {
            vendor: AMAZON_VENDOR,
            operation,
            retryAfterMs: error.waitMs,
          });
        }
        if (isNetworkError(error)) throw amazonNetworkError(operation, error);
        throw error;
      }

      const headers = response.headers as Readonly<Record<string, unknown>>;
      const requestId = amazonRequestId(headers);
      if (response.status >= 200 && response.status < 300) {
        if (response.data instanceof UnparsedBody || response.data === undefined) {
          throw amazonContractError(operation, `HTTP ${response.status} without a JSON body`, { status: response.status, headers, data: response.data });
        }
        return { status: response.status, data: response.data, headers, ...(requestId === undefined ? {} : { requestId }) };
      }

      if (response.status === 429) {
        counters.throttled += 1;
        // Amazon sends neither Retry-After nor a rate header with 429: wait until our mirror of
        // its bucket holds one token again (1/rate seconds), unless told otherwise.
        const rate = limiter.rateOf(key) ?? plan.rate;
        const waitMs = parseRetryAfter(headerValue(headers, 'retry-after'), clock.now()) ?? Math.ceil(1000 / rate);
        limiter.penalize(key, waitMs);
        if (waitMs <= maxWaitMs && throttleRetries < maxThrottleRetries) {
          throttleRetries += 1;
          counters.retries += 1;
          logger.debug({ operation, waitMs, requestId, throttleRetries }, 'amazon throttled: waiting in-process');
          continue;
        }
        throw amazonErrorFromResponse({ operation, status: 429, headers, data: response.data, retryAfterMs: waitMs, nowMs: clock.now() });
      }

      if (response.status === 403 && !tokenRetried) {
        // Expired or revoked access token: refresh once and resend.
        tokenRetried = true;
        counters.retries += 1;
        auth.invalidate(accessToken);
        logger.debug({ operation, requestId }, 'amazon 403: refreshing access token once');
        continue;
      }

      throw amazonErrorFromResponse({ operation, status: response.status, headers, data: response.data, nowMs: clock.now() });
    }
  };

  return {
    getOrders: (params, callOptions) =>
      getOrders(send, { ...params, marketplaceIds: params.marketplaceIds ?? settings.marketplaceIds }, callOptions),
    getOrder: (orderId, callOptions) => getOrder(send, orderId, callOptions),
    getOrderItems: (orderId, nextToken, callOptions) => getOrderItems(send, orderId, nextToken, callOptions),
    getAllOrderItems: (orderId, callOptions) => getAllOrderItems(send, orderId, callOptions),
    stats: () => ({ ...counters, tokenRefreshes: auth.refreshCount }),
  };
}
