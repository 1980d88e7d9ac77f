/** Amazon SP-API connector: public surface. */
export {
  AMAZON_USER_AGENT,
  createAmazonClient,
  parseRateLimitHeader,
  type AmazonClient,
  type AmazonListingsClient,
  type AmazonRequest,
  type CreateAmazonClientOptions,
} from './client.js';
export {
  AMAZON_REGION_ENDPOINTS,
  AMAZON_ORDERS_APIS,
  AMAZON_REGIONS,
  AmazonConnectionSettingsSchema,
  AmazonCredentialsSchema,
  LWA_TOKEN_ENDPOINT,
  amazonBaseUrl,
  type AmazonConnectionSettings,
  type AmazonCredentials,
  type AmazonOrdersApi,
  type AmazonRegion,
} from './config.js';
export { AMAZON_RATE_LIMITS, AMAZON_OPERATIONS, type AmazonOperation } from './rate-limits.js';
export { AMAZON_VENDOR, AMAZON_ERROR_CODE_KINDS, recogniseAmazonErrorReply, recogniseLwaErrorReply, type AmazonErrorReplyContext } from './errors.js';
export {
  AMAZON_ORDER_STATUSES,
  AmazonAddressSchema,
  AmazonMoneySchema,
  AmazonOrderItemSchema,
  AmazonOrderSchema,
  parseAmazonOrder,
  parseAmazonOrderItem,
  type AmazonAddress,
  type AmazonMoney,
  type AmazonOrder,
  type AmazonOrderItem,
  type ParseAmazonOrderItemResult,
  type ParseAmazonOrderResult,
  type WireIssue,
} from './schemas.js';
export {
  AMAZON_2026_FULFILLMENT_STATUSES,
  Amazon2026ErrorListSchema,
  Amazon2026GetOrderResponseSchema,
  Amazon2026OrderSchema,
  Amazon2026SearchOrdersResponseSchema,
  amazon2026OrderIdOf,
  isAmazon2026Order,
  parseAmazon2026Order,
  type Amazon2026Order,
  type Amazon2026OrderItem,
  type Amazon2026OrderWire,
  type ParseAmazon2026OrderResult,
} from './schemas/orders-2026-01-01.js';
export type { GetOrdersParams, GetOrdersResult } from './operations/get-orders.js';
export type { GetOrderResult } from './operations/get-order.js';
export type { GetOrderItemsResult } from './operations/get-order-items.js';
export {
  AMAZON_2026_DEFAULT_INCLUDED_DATA,
  AMAZON_2026_INCLUDED_DATA,
  type Amazon2026IncludedData,
  type SearchOrdersParams,
  type SearchOrdersResult,
} from './operations/search-orders.js';
export * from './descriptor.js';
export { AMAZON_FINANCES_LAG_MS, amazonLedgerSource } from './descriptor-finances.js';
export * from './reports/index.js';

// ---- Listings: Listings Items 2021-08-01, Product Type Definitions 2020-09-01, Feeds 2021-06-30 ----
export { AMAZON_LISTINGS_RATE_LIMITS } from './rate-limits.js';
export {
  AMAZON_LISTINGS_REQUIREMENTS,
  AmazonListingsItemPatchRequestSchema,
  AmazonListingsItemPutRequestSchema,
  AmazonListingsItemSchema,
  AmazonListingsPatchOperationSchema,
  AmazonListingsSubmissionSchema,
  type AmazonListingsItem,
  type AmazonListingsItemPatchRequest,
  type AmazonListingsItemPutRequest,
  type AmazonListingsPatchOperation,
  type AmazonListingsSubmission,
} from './schemas/listings-items-2021-08-01.js';
export {
  AmazonProductTypeDefinitionSchema,
  AmazonProductTypeListSchema,
  AmazonSchemaLinkSchema,
  type AmazonProductTypeDefinition,
  type AmazonProductTypeList,
  type AmazonSchemaLink,
} from './schemas/definitions-product-types-2020-09-01.js';
export {
  AMAZON_FEED_PROCESSING_STATUSES,
  AmazonCreateFeedDocumentResponseSchema,
  AmazonCreateFeedResponseSchema,
  AmazonFeedDocumentSchema,
  AmazonFeedProcessingReportSchema,
  AmazonFeedSchema,
  AmazonGetFeedsResponseSchema,
  type AmazonCreateFeedDocumentResponse,
  type AmazonFeed,
  type AmazonFeedDocument,
  type AmazonFeedProcessingReport,
  type AmazonFeedProcessingStatus,
} from './schemas/feeds.js';
export {
  AMAZON_LISTINGS_SUBMISSION_INCLUDED_DATA,
  VALIDATION_PREVIEW,
  type AmazonListingsSubmissionIncludedData,
  type ListingsItemKey,
  type ListingsSubmissionParams,
  type ListingsSubmissionResult,
} from './operations/listings-items-request.js';
export {
  AMAZON_LISTINGS_ITEM_DEFAULT_INCLUDED_DATA,
  AMAZON_LISTINGS_ITEM_INCLUDED_DATA,
  type AmazonListingsItemIncludedData,
  type GetListingsItemParams,
  type GetListingsItemResult,
} from './operations/get-listings-item.js';
export type { PutListingsItemParams } from './operations/put-listings-item.js';
export type { PatchListingsItemParams } from './operations/patch-listings-item.js';
export {
  AMAZON_PRODUCT_TYPE_LOCALES,
  type GetDefinitionsProductTypeParams,
  type GetDefinitionsProductTypeResult,
} from './operations/get-definitions-product-type.js';
export type { SearchDefinitionsProductTypesParams, SearchDefinitionsProductTypesResult } from './operations/search-definitions-product-types.js';
export { AMAZON_JSON_FEED_CONTENT_TYPE, type CreateFeedDocumentResult } from './operations/create-feed-document.js';
export type { CreateFeedParams, CreateFeedResult } from './operations/create-feed.js';
export type { GetFeedResult } from './operations/get-feed.js';
export type { CancelFeedResult } from './operations/cancel-feed.js';
export type { GetFeedsParams, GetFeedsResult } from './operations/get-feeds.js';
export { feedDocumentText, parseFeedProcessingReport, type GetFeedDocumentResult } from './operations/get-feed-document.js';
export {
  AMAZON_DOCUMENT_OPERATIONS,
  recogniseDocumentHostErrorReply,
  type AmazonDocumentOperation,
  type DownloadedDocument,
} from './documents.js';
export {
  AmazonListingsFeedMessageInputSchema,
  JSON_LISTINGS_FEED,
  LISTINGS_FEED_MAX_BYTES,
  LISTINGS_FEED_MAX_MESSAGES,
  LISTINGS_FEED_VERSION,
  buildListingsFeed,
  listingsFeedMessages,
  splitListingsFeed,
  type AmazonListingsFeedDocument,
  type AmazonListingsFeedHeader,
  type AmazonListingsFeedMessage,
  type AmazonListingsFeedMessageInput,
  type AmazonListingsFeedPart,
  type ListingsFeedLimits,
} from './listings-feed.js';
// ---- end Listings ----
// ---- reports, restricted data tokens, FBA inventory, shipment confirmation ----
export { AMAZON_REPORT_DOWNLOAD_TIMEOUT_MS, type AmazonRestrictedOrders } from './client.js';
export { AMAZON_UNREQUESTABLE_REPORT_TYPES, type CreateReportParams, type CreateReportResult } from './operations/create-report.js';
export { amazonReportOutcome, type AmazonReportOutcome, type GetReportResult } from './operations/get-report.js';
export type { GetReportsParams, GetReportsResult } from './operations/get-reports.js';
export { AMAZON_TRANSACTIONS_MAX_RANGE_MS, AMAZON_TRANSACTIONS_MIN_AGE_MS, buildListTransactionsRequest, LIST_TRANSACTIONS_OPERATION, type ListTransactionsParams, type ListTransactionsResult } from './operations/list-transactions.js';
export { AmazonListTransactionsReplySchema, type AmazonListTransactionsReply } from './schemas/finances-2024-06-19.js';
export type { CancelReportResult } from './operations/cancel-report.js';
export type { GetReportDocumentResult } from './operations/get-report-document.js';
export { downloadReportDocument, type DownloadReportDocumentOptions, type ReportFileReference } from './operations/download-report-document.js';
export {
  AMAZON_RESTRICTED_DATA_ELEMENTS,
  AmazonRestrictedResourceSchema,
  type AmazonRestrictedDataElement,
  type AmazonRestrictedResource,
  type CreateRestrictedDataTokenResult,
} from './operations/create-restricted-data-token.js';
export { ordersRestrictedResources, restrictedResourcesKey, RestrictedDataTokens } from './restricted-data-token.js';
export type { GetInventorySummariesParams, GetInventorySummariesResult } from './operations/get-inventory-summaries.js';
export { AmazonConfirmShipmentRequestSchema, type AmazonConfirmShipmentRequest, type ConfirmShipmentResult } from './operations/confirm-shipment.js';
export { AmazonUpdateShipmentStatusRequestSchema, type AmazonUpdateShipmentStatusRequest } from './operations/update-shipment-status.js';
export { amazonInventorySource, amazonReportSource, amazonShipmentConfirmer } from './descriptor-reports.js';
// ---- end reports, tokens, inventory, shipment confirmation ----
