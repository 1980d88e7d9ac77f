export {
  AMAZON_ORDER_ITEM_RECORD_TYPE,
  AMAZON_ORDER_RECORD_TYPE,
  WHOLE_RECORD_FIELD,
  amazonOrderItemToOrderLine,
  amazonOrderToOrder,
  type AmazonOrderMappingContext,
} from './order.js';
export { AMAZON_MARKETPLACES, amazonMarketplace, type AmazonMarketplace, type AmazonRegion } from './marketplaces.js';
export { AMAZON_ORDER_STATUS, amazonOrderStatus } from './order-status.js';
export { normaliseUtcTimestamp, type UtcTimestampResult } from './utc-timestamp.js';
export { AMAZON_SETTLEMENT_RECORD_TYPE, AMAZON_SETTLEMENT_TRANSACTION_KINDS, amazonReportDate, amazonSettlementKind, amazonSettlementReportToRecords, type AmazonSettlementMapping } from './settlement.js';
