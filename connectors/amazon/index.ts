/** Amazon SP-API connector: public surface. */
export {
  AMAZON_USER_AGENT,
  createAmazonClient,
  parseRateLimitHeader,
  type AmazonClient,
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
export * from './reports/index.js';
