export {
  AMAZON_ORDER_ITEM_RECORD_TYPE,
  AMAZON_ORDER_RECORD_TYPE,
  WHOLE_RECORD_FIELD,
  amazonOrderItemToOrderLine,
  amazonOrderToOrder,
  type AmazonOrderMappingContext,
} from './order.js';
export { AMAZON_MARKETPLACES, amazonMarketplace, type AmazonMarketplace, type AmazonRegion } from './marketplaces.js';
export { AMAZON_2026_FULFILLMENT_STATUS, AMAZON_ORDER_STATUS, amazon2026OrderStatus, amazonOrderStatus } from './order-status.js';
export { normaliseUtcTimestamp, type UtcTimestampResult } from './utc-timestamp.js';
export { amazon2026OrderToOrder } from './order-2026-01-01.js';
export { AMAZON_ORDER_REPORT_RECORD_TYPE, amazonOrderReportToOrders, type AmazonOrderReportContext } from './order-report.js';
export { AMAZON_LISTINGS_REPORT_RECORD_TYPE, amazonListingsReportToListings, type AmazonListingsReportContext } from './listings-report.js';
export { amazonMarketplaceFor, amazonMarketplaceLocale } from './report-marketplaces.js';
export { readReportTimestamp, readReportMoney, ZONE_OFFSETS } from './report-values.js';
export { AMAZON_SETTLEMENT_RECORD_TYPE, AMAZON_SETTLEMENT_TRANSACTION_KINDS, amazonReportDate, amazonSettlementKind, amazonSettlementReportToRecords, type AmazonSettlementMapping } from './settlement.js';
export {
  AMAZON_FINANCIAL_EVENT_GROUPS_RECORD_TYPE,
  AMAZON_FINANCIAL_EVENTS_RECORD_TYPE,
  AMAZON_TRANSACTION_KINDS,
  AMAZON_TRANSACTIONS_RECORD_TYPE,
  amazonFinancialEventGroupToSettlement,
  amazonFinancialEventKind,
  amazonFinancialEventsToLines,
  amazonTransactionToLine,
  readCurrencyAmount,
  type AmazonFinancesOptions,
} from './finances.js';
export {
  AMAZON_LISTING_RECORD_TYPE,
  amazonFeedReportVerdicts,
  amazonListingFeedMessage,
  amazonListingMarketplace,
  amazonListingSubmissionVerdict,
  type FeedMessageRef,
  type FeedVerdicts,
  type ListingPublishStatus,
  type ListingPublishVerdict,
} from './listing-publish.js';
