/**
 * The Amazon SP-API client, declared for the shared pipeline: regional base URL, LWA access
 * token (refreshed once when SP-API refuses it), one token bucket per (tenant, operation,
 * region) corrected by `x-amzn-RateLimit-Limit`, 429s waited out in-process up to three
 * times, and SP-API's error table.
 */
import { headerValue } from '../http/classify.js';
import { parseConfig } from '../http/error-factories.js';
import {
  createPipeline,
  errorsFromRecogniser,
  type ConnectorClientOptions,
  type CallOptions,
  type ClientStats,
  type ErrorTable,
  type PipelineRequest,
  } from '../http/pipeline.js';
import type { RateLimiterRegistry } from '../http/rate-limiter.js';
import { createLwaAuth } from './auth.js';
import {
  AMAZON,
  amazonBaseUrl,
  AmazonConnectionSettingsSchema,
  AmazonCredentialsSchema,
  DEFAULT_AMAZON_TIMEOUT_MS,
  DEFAULT_MAX_IN_PROCESS_WAIT_MS,
  lwaTokenEndpoint,
  type AmazonConnectionSettings,
  type AmazonCredentials,
} from './config.js';
import { AMAZON_VENDOR, recogniseAmazonErrorReply } from './errors.js';
import { getOrder, type GetOrderResult } from './operations/get-order.js';
import { getAllOrderItems, getOrderItems, type GetOrderItemsResult } from './operations/get-order-items.js';
import { getOrders, type GetOrdersParams, type GetOrdersResult } from './operations/get-orders.js';
import { searchOrders, type SearchOrdersParams, type SearchOrdersResult } from './operations/search-orders.js';
import { AMAZON_RATE_LIMITS, type AmazonOperation } from './rate-limits.js';

/** SP-API asks for app name/version and language in the user agent (guide: "Include a User-Agent header"). */
export const AMAZON_USER_AGENT = 'Caravan/0.1 (Language=TypeScript)';

/** A 429 is retried in-process at most this many times (each after the computed wait). */
export const DEFAULT_MAX_THROTTLE_RETRIES = 3;

export type AmazonRequest = PipelineRequest & { readonly operation: AmazonOperation };

export interface CreateAmazonClientOptions extends ConnectorClientOptions {
  readonly settings: AmazonConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: AmazonCredentials;
  /** Shared by all clients of a worker, so buckets are per (tenant, operation, region). */
  readonly limiter: RateLimiterRegistry;
  readonly maxThrottleRetries?: number;
}

export interface AmazonClient {
  getOrders(params: GetOrdersParams, options?: CallOptions): Promise<GetOrdersResult>;
  getOrder(orderId: string, options?: CallOptions): Promise<GetOrderResult>;
  getOrderItems(orderId: string, nextToken?: string, options?: CallOptions): Promise<GetOrderItemsResult>;
  getAllOrderItems(orderId: string, options?: CallOptions): Promise<unknown[]>;
  /** Orders API 2026-01-01: one page of orders with their items inside. */
  searchOrders(params: SearchOrdersParams, options?: CallOptions): Promise<SearchOrdersResult>;
  stats(): ClientStats;
}

/** Rate from `x-amzn-RateLimit-Limit` (requests per second), when present and numeric. */
export function parseRateLimitHeader(headers: Readonly<Record<string, unknown>>): number | undefined {
  const raw = headerValue(headers, 'x-amzn-ratelimit-limit');
  if (raw === undefined || !/^\s*\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(raw)) return undefined;
  const rate = Number(raw);
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/** SP-API answers errors with an `errors[]` body, usually with a non-2xx status but sometimes inside a 200. */
export const amazonErrors: ErrorTable = errorsFromRecogniser(recogniseAmazonErrorReply);

export function createAmazonClient(options: CreateAmazonClientOptions): AmazonClient {
  const settings = parseConfig(AMAZON, 'connection settings', AmazonConnectionSettingsSchema, options.settings);
  const credentials = parseConfig(AMAZON, 'credentials', AmazonCredentialsSchema, options.credentials);
  const { tenant, limiter, retryPolicy } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const logger = options.logger.child({ vendor: AMAZON_VENDOR, tenant, region: settings.region });
  const timeoutMs = settings.timeoutMs ?? DEFAULT_AMAZON_TIMEOUT_MS;
  const optional = retryPolicy === undefined ? {} : { retryPolicy };

  const { send, stats } = createPipeline({
    ...AMAZON,
    baseUrl: amazonBaseUrl(settings),
    userAgent: AMAZON_USER_AGENT,
    timeoutMs,
    auth: createLwaAuth({
      credentials,
      tokenEndpoint: lwaTokenEndpoint(settings),
      userAgent: AMAZON_USER_AGENT,
      timeoutMs,
      clock,
      logger,
      ...optional,
    }),
    rateLimit: {
      limiter,
      key: (operation) => ({ tenant, vendor: AMAZON_VENDOR, operation, scope: settings.region }),
      plan: (operation) => settings.rateLimits?.[operation as AmazonOperation] ?? AMAZON_RATE_LIMITS[operation as AmazonOperation],
      maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_MAX_IN_PROCESS_WAIT_MS,
      // Present on 2xx/400/404 only, best effort (Usage Plans and Rate Limits guide).
      readRate: parseRateLimitHeader,
      throttleRetries: options.maxThrottleRetries ?? DEFAULT_MAX_THROTTLE_RETRIES,
    },
    errors: amazonErrors,
    requestIdHeader: 'x-amzn-requestid',
    logger,
    clock,
    ...optional,
  });

  return {
    getOrders: (params, callOptions) => getOrders(send, { ...params, marketplaceIds: params.marketplaceIds ?? settings.marketplaceIds }, callOptions),
    getOrder: (orderId, callOptions) => getOrder(send, orderId, callOptions),
    getOrderItems: (orderId, nextToken, callOptions) => getOrderItems(send, orderId, nextToken, callOptions),
    getAllOrderItems: (orderId, callOptions) => getAllOrderItems(send, orderId, callOptions),
    searchOrders: (params, callOptions) => searchOrders(send, { ...params, marketplaceIds: params.marketplaceIds ?? settings.marketplaceIds }, callOptions),
    stats,
  };
}
