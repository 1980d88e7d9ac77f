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
  type Send,
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
// ---- Listings: Listings Items, Product Type Definitions, Feeds (imports) ----
import { parseResponseBody } from '../http/client.js';
import { amazonDocumentHostErrors, S3_REQUEST_ID_HEADER } from './documents.js';
import { cancelFeed, type CancelFeedResult } from './operations/cancel-feed.js';
import { createFeed, type CreateFeedParams, type CreateFeedResult } from './operations/create-feed.js';
import { createFeedDocument, uploadFeedDocument, type CreateFeedDocumentResult } from './operations/create-feed-document.js';
import { deleteListingsItem } from './operations/delete-listings-item.js';
import {
  downloadProductTypeSchema,
  getDefinitionsProductType,
  type GetDefinitionsProductTypeParams,
  type GetDefinitionsProductTypeResult,
} from './operations/get-definitions-product-type.js';
import { getFeed, type GetFeedResult } from './operations/get-feed.js';
import { downloadFeedDocument, getFeedDocument, type GetFeedDocumentResult } from './operations/get-feed-document.js';
import { getFeeds, type GetFeedsParams, type GetFeedsResult } from './operations/get-feeds.js';
import { getListingsItem, type GetListingsItemParams, type GetListingsItemResult } from './operations/get-listings-item.js';
import type { ListingsItemKey, ListingsSubmissionResult } from './operations/listings-items-request.js';
import { patchListingsItem, type PatchListingsItemParams } from './operations/patch-listings-item.js';
import { putListingsItem, type PutListingsItemParams } from './operations/put-listings-item.js';
import {
  searchDefinitionsProductTypes,
  type SearchDefinitionsProductTypesParams,
  type SearchDefinitionsProductTypesResult,
} from './operations/search-definitions-product-types.js';
import type { DownloadedDocument } from './documents.js';
import type { AmazonFeedDocument } from './schemas/feeds.js';
import type { AmazonProductTypeDefinition } from './schemas/definitions-product-types-2020-09-01.js';
// ---- end Listings (imports) ----
// ---- reports, restricted data tokens, FBA inventory, shipment confirmation ----
import { createHttpClient } from '../http/client.js';
import { cancelReport, type CancelReportResult } from './operations/cancel-report.js';
import { confirmShipment, type AmazonConfirmShipmentRequest, type ConfirmShipmentResult } from './operations/confirm-shipment.js';
import { createReport, type CreateReportParams, type CreateReportResult } from './operations/create-report.js';
import { createRestrictedDataToken, type AmazonRestrictedDataElement, type AmazonRestrictedResource, type CreateRestrictedDataTokenResult } from './operations/create-restricted-data-token.js';
import { downloadReportDocument, type DownloadReportDocumentOptions, type ReportFileReference } from './operations/download-report-document.js';
import { getInventorySummaries, type GetInventorySummariesParams, type GetInventorySummariesResult } from './operations/get-inventory-summaries.js';
import { getReportDocument, type GetReportDocumentResult } from './operations/get-report-document.js';
import { getReport, type GetReportResult } from './operations/get-report.js';
import { getReports, type GetReportsParams, type GetReportsResult } from './operations/get-reports.js';
import { listTransactions, type ListTransactionsParams, type ListTransactionsResult } from './operations/list-transactions.js';
import { updateShipmentStatus, type AmazonUpdateShipmentStatusRequest } from './operations/update-shipment-status.js';
import { ORDER_ITEMS_RESOURCE, ordersRestrictedResources, RestrictedDataTokens } from './restricted-data-token.js';
// ---- end reports, tokens, inventory, shipment confirmation ----

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

// ---- Listings: Listings Items 2021-08-01, Product Type Definitions 2020-09-01, Feeds 2021-06-30 ----
/** The listings operations; sellerId and marketplaceIds default to the connection's. */
export interface AmazonListingsClient {
  getListingsItem(params: GetListingsItemParams, options?: CallOptions): Promise<GetListingsItemResult>;
  putListingsItem(params: PutListingsItemParams, options?: CallOptions): Promise<ListingsSubmissionResult>;
  patchListingsItem(params: PatchListingsItemParams, options?: CallOptions): Promise<ListingsSubmissionResult>;
  deleteListingsItem(key: ListingsItemKey, options?: CallOptions): Promise<ListingsSubmissionResult>;
  getDefinitionsProductType(params: GetDefinitionsProductTypeParams, options?: CallOptions): Promise<GetDefinitionsProductTypeResult>;
  /** The JSON Schema a definition links to, checksum verified (no SP-API credentials sent to its host). */
  downloadProductTypeSchema(definition: Pick<AmazonProductTypeDefinition, 'schema' | 'productType'>, options?: CallOptions): Promise<unknown>;
  searchDefinitionsProductTypes(params: SearchDefinitionsProductTypesParams, options?: CallOptions): Promise<SearchDefinitionsProductTypesResult>;
  createFeedDocument(contentType: string, options?: CallOptions): Promise<CreateFeedDocumentResult>;
  /** PUT to createFeedDocument's presigned `url` with exactly `contentType` (no SP-API credentials). */
  uploadFeedDocument(url: string, content: string | Uint8Array, contentType: string, options?: CallOptions): Promise<void>;
  createFeed(params: CreateFeedParams, options?: CallOptions): Promise<CreateFeedResult>;
  getFeed(feedId: string, options?: CallOptions): Promise<GetFeedResult>;
  cancelFeed(feedId: string, options?: CallOptions): Promise<CancelFeedResult>;
  getFeeds(params: GetFeedsParams, options?: CallOptions): Promise<GetFeedsResult>;
  getFeedDocument(feedDocumentId: string, options?: CallOptions): Promise<GetFeedDocumentResult>;
  /** The bytes at a FeedDocument's presigned `url` (no SP-API credentials). */
  downloadFeedDocument(document: AmazonFeedDocument, options?: CallOptions): Promise<DownloadedDocument>;
}
// ---- end Listings ----

export interface AmazonClient extends AmazonListingsClient {
  getOrders(params: GetOrdersParams, options?: CallOptions): Promise<GetOrdersResult>;
  getOrder(orderId: string, options?: CallOptions): Promise<GetOrderResult>;
  getOrderItems(orderId: string, nextToken?: string, options?: CallOptions): Promise<GetOrderItemsResult>;
  getAllOrderItems(orderId: string, options?: CallOptions): Promise<unknown[]>;
  /** Orders API 2026-01-01: one page of orders with their items inside. */
  searchOrders(params: SearchOrdersParams, options?: CallOptions): Promise<SearchOrdersResult>;
  // ---- reports, restricted data tokens, FBA inventory, shipment confirmation ----
  createReport(params: CreateReportParams, options?: CallOptions): Promise<CreateReportResult>;
  getReport(reportId: string, options?: CallOptions): Promise<GetReportResult>;
  getReports(params: GetReportsParams, options?: CallOptions): Promise<GetReportsResult>;
  /** Finances 2024-06-19: one page of transactions posted in a period (at most 180 days). */
  listTransactions(params: ListTransactionsParams, options?: CallOptions): Promise<ListTransactionsResult>;
  cancelReport(reportId: string, options?: CallOptions): Promise<CancelReportResult>;
  getReportDocument(reportDocumentId: string, options?: CallOptions): Promise<GetReportDocumentResult>;
  /** getReportDocument, then the document streamed to `path` (inflated when gzip). */
  downloadReport(reportDocumentId: string, path: string, options?: CallOptions & DownloadReportDocumentOptions): Promise<ReportFileReference>;
  createRestrictedDataToken(resources: readonly AmazonRestrictedResource[], options?: CallOptions): Promise<CreateRestrictedDataTokenResult>;
  /** Orders API v0 reads sent with a cached RDT for these data elements (buyer PII), not the LWA token. */
  withRestrictedData(dataElements: readonly AmazonRestrictedDataElement[]): AmazonRestrictedOrders;
  getInventorySummaries(params: GetInventorySummariesParams, options?: CallOptions): Promise<GetInventorySummariesResult>;
  confirmShipment(orderId: string, confirmation: AmazonConfirmShipmentRequest, options?: CallOptions): Promise<ConfirmShipmentResult>;
  updateShipmentStatus(orderId: string, update: AmazonUpdateShipmentStatusRequest, options?: CallOptions): Promise<{ readonly requestId?: string }>;
  // ---- end reports, tokens, inventory, shipment confirmation ----
  stats(): ClientStats;
}

/** The Orders API v0 reads that return buyer PII when sent with a restricted data token. */
export interface AmazonRestrictedOrders {
  getOrders(params: GetOrdersParams, options?: CallOptions): Promise<GetOrdersResult>;
  getOrder(orderId: string, options?: CallOptions): Promise<GetOrderResult>;
  getOrderItems(orderId: string, nextToken?: string, options?: CallOptions): Promise<GetOrderItemsResult>;
  getAllOrderItems(orderId: string, options?: CallOptions): Promise<unknown[]>;
}

/** A report document download may take long: its read timeout (the socket's silence, not the whole transfer). */
export const AMAZON_REPORT_DOWNLOAD_TIMEOUT_MS = 120_000;

/** Rate from `x-amzn-RateLimit-Limit` (requests per second), when present and numeric. */
export function parseRateLimitHeader(headers: Readonly<Record<string, unknown>>): number | undefined {
  const raw = headerValue(headers, 'x-amzn-ratelimit-limit');
  if (raw === undefined || !/^\s*\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(raw)) return undefined;
  const rate = Number(raw);
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/** SP-API answers errors with an `errors[]` body, usually with a non-2xx status but sometimes inside a 200. */
export const amazonErrors: ErrorTable = errorsFromRecogniser((body, ctx) =>
  // A reply read as bytes (cancelFeed's empty 200) is read as JSON here, so its errors keep their codes.
  recogniseAmazonErrorReply(Buffer.isBuffer(body) ? parseResponseBody(body.toString('utf8')) : body, ctx),
);

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

  // ---- Listings: presigned document URLs (S3) go through a pipeline without SP-API credentials or buckets ----
  const documents = createPipeline({
    ...AMAZON,
    userAgent: AMAZON_USER_AGENT,
    timeoutMs,
    errors: amazonDocumentHostErrors,
    requestIdHeader: S3_REQUEST_ID_HEADER,
    logger,
    clock,
    ...optional,
  });
  const { sellerId, marketplaceIds } = settings;
  const withKey = <P extends { sellerId?: string; marketplaceIds?: readonly string[] }>(params: P): P => ({
    ...params,
    ...(params.sellerId === undefined && sellerId !== undefined ? { sellerId } : {}),
    marketplaceIds: params.marketplaceIds ?? marketplaceIds,
  });
  const listings: AmazonListingsClient = {
    getListingsItem: (params, o) => getListingsItem(send, withKey(params), o),
    putListingsItem: (params, o) => putListingsItem(send, withKey(params), o),
    patchListingsItem: (params, o) => patchListingsItem(send, withKey(params), o),
    deleteListingsItem: (key, o) => deleteListingsItem(send, withKey(key), o),
    getDefinitionsProductType: (params, o) => getDefinitionsProductType(send, withKey(params), o),
    downloadProductTypeSchema: (definition, o) => downloadProductTypeSchema(documents.send, definition, o),
    searchDefinitionsProductTypes: (params, o) => searchDefinitionsProductTypes(send, { ...params, marketplaceIds: params.marketplaceIds ?? marketplaceIds }, o),
    createFeedDocument: (contentType, o) => createFeedDocument(send, contentType, o),
    uploadFeedDocument: (url, content, contentType, o) => uploadFeedDocument(documents.send, url, content, contentType, o),
    createFeed: (params, o) => createFeed(send, { ...params, marketplaceIds: params.marketplaceIds ?? marketplaceIds }, o),
    getFeed: (feedId, o) => getFeed(send, feedId, o),
    cancelFeed: (feedId, o) => cancelFeed(send, feedId, o),
    getFeeds: (params, o) => getFeeds(send, params, o),
    getFeedDocument: (feedDocumentId, o) => getFeedDocument(send, feedDocumentId, o),
    downloadFeedDocument: (document, o) => downloadFeedDocument(documents.send, document, o),
  };
  // ---- end Listings ----

  // ---- reports, restricted data tokens, FBA inventory, shipment confirmation ----
  // The presigned document URL gets no SP-API token and no bucket: a plain transport, same timeouts and no redirects.
  const reportDocuments = createHttpClient({ vendor: AMAZON_VENDOR, userAgent: AMAZON_USER_AGENT, timeoutMs: AMAZON_REPORT_DOWNLOAD_TIMEOUT_MS, logger });
  const rdts = new RestrictedDataTokens(send, clock);
  const withRestrictedData = (dataElements: readonly AmazonRestrictedDataElement[]): AmazonRestrictedOrders => {
    const resources = ordersRestrictedResources(dataElements);
    const auth = rdts.hookFor(resources);
    const restricted: Send = (request, callOptions) => send({ ...request, auth }, callOptions);
    // Without buyerInfo the items are not restricted: the LWA token reads them.
    const itemsSend = resources.some((r) => r.path === ORDER_ITEMS_RESOURCE) ? restricted : send;
    return {
      getOrders: (params, callOptions) => getOrders(restricted, { ...params, marketplaceIds: params.marketplaceIds ?? settings.marketplaceIds }, callOptions),
      getOrder: (orderId, callOptions) => getOrder(restricted, orderId, callOptions),
      getOrderItems: (orderId, nextToken, callOptions) => getOrderItems(itemsSend, orderId, nextToken, callOptions),
      getAllOrderItems: (orderId, callOptions) => getAllOrderItems(itemsSend, orderId, callOptions),
    };
  };
  const reportOperations = {
    createReport: (params: CreateReportParams, callOptions?: CallOptions) =>
      createReport(send, { ...params, marketplaceIds: params.marketplaceIds ?? settings.marketplaceIds }, callOptions),
    getReport: (reportId: string, callOptions?: CallOptions) => getReport(send, reportId, callOptions),
    getReports: (params: GetReportsParams, callOptions?: CallOptions) => getReports(send, params, callOptions),
    listTransactions: (params: ListTransactionsParams, callOptions?: CallOptions) => listTransactions(send, params, callOptions),
    cancelReport: (reportId: string, callOptions?: CallOptions) => cancelReport(send, reportId, callOptions),
    getReportDocument: (reportDocumentId: string, callOptions?: CallOptions) => getReportDocument(send, reportDocumentId, callOptions),
    async downloadReport(reportDocumentId: string, path: string, callOptions?: CallOptions & DownloadReportDocumentOptions): Promise<ReportFileReference> {
      const { document } = await getReportDocument(send, reportDocumentId, callOptions);
      return downloadReportDocument(reportDocuments, document, path, callOptions);
    },
    createRestrictedDataToken: (resources: readonly AmazonRestrictedResource[], callOptions?: CallOptions) => createRestrictedDataToken(send, resources, callOptions),
    withRestrictedData,
    getInventorySummaries: (params: GetInventorySummariesParams, callOptions?: CallOptions) => getInventorySummaries(send, params, callOptions),
    confirmShipment: (orderId: string, confirmation: AmazonConfirmShipmentRequest, callOptions?: CallOptions) => confirmShipment(send, orderId, confirmation, callOptions),
    updateShipmentStatus: (orderId: string, update: AmazonUpdateShipmentStatusRequest, callOptions?: CallOptions) => updateShipmentStatus(send, orderId, update, callOptions),
  };
  // ---- end reports, tokens, inventory, shipment confirmation ----

  return {
    ...listings,
    ...reportOperations,
    getOrders: (params, callOptions) => getOrders(send, { ...params, marketplaceIds: params.marketplaceIds ?? settings.marketplaceIds }, callOptions),
    getOrder: (orderId, callOptions) => getOrder(send, orderId, callOptions),
    getOrderItems: (orderId, nextToken, callOptions) => getOrderItems(send, orderId, nextToken, callOptions),
    getAllOrderItems: (orderId, callOptions) => getAllOrderItems(send, orderId, callOptions),
    searchOrders: (params, callOptions) => searchOrders(send, { ...params, marketplaceIds: params.marketplaceIds ?? settings.marketplaceIds }, callOptions),
    // Presigned-URL transfers count with the SP-API calls: requests, retries and waits of this connection.
    stats: () => {
      const api = stats();
      const docs = documents.stats();
      return {
        requests: api.requests + docs.requests,
        throttled: api.throttled + docs.throttled,
        rateLimitWaitMs: api.rateLimitWaitMs + docs.rateLimitWaitMs,
        retries: api.retries + docs.retries,
        tokenRefreshes: api.tokenRefreshes,
      };
    },
  };
}
