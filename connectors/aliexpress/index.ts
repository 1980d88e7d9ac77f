/** AliExpress Open Platform: public surface (signing, wire schemas, error recogniser, config, auth, client). */
export * from './signing.js';
export { ALIEXPRESS_ERROR_KINDS, ALIEXPRESS_VENDOR, openPlatformErrorKind, recogniseAliexpressErrorReply } from './errors.js';
export * from './schemas/order.js';
export { topList, WireMoneySchema, type WireMoney } from './schemas/wire.js';
export * from './config.js';
export { AliexpressAuth, TOKEN_CREATE_PATH, TOKEN_REFRESH_PATH, type AliexpressToken } from './auth.js';
export { aliexpressErrors, createAliexpressClient, type AliexpressClient, type CreateAliexpressClientOptions } from './client.js';
export { LIST_ORDERS_METHOD, type ListOrdersParams, type ListOrdersResult } from './operations/list-orders.js';
export * from './schemas/catalog.js';
export { aliexpressErrorOf } from './errors.js';
export { ExactId, jsonWithExactIds } from './schemas/wire.js';
export { ORDER_FULFILL_METHOD, ORDER_INFO_METHOD, ORDER_RECEIPT_METHOD, LOGISTICS_SERVICES_METHOD, AliexpressFulfilmentSchema, type AliexpressFulfilment } from './operations/orders.js';
export { PRODUCT_FULL_UPDATE_METHOD, PRODUCT_INFO_METHOD, PRODUCT_LIST_METHOD, PRODUCT_POST_METHOD, PRODUCT_SCHEMA_METHOD, PRODUCT_STATUS_TYPES, type ListProductsParams, type ProductWriteResult } from './operations/products.js';
export { batchCallsOf, INVENTORY_UPDATE_METHOD, MAX_PRODUCTS_PER_BATCH, MAX_SKUS_PER_PRODUCT, PRICE_UPDATE_METHOD, type BatchUpdateReply, type ProductPrices, type ProductStock } from './operations/stock.js';
export { FEED_LIST_METHOD, FEED_OPERATION_TYPES, FEED_QUERY_METHOD, FEED_SUBMIT_METHOD, MAX_FEED_ITEMS, type FeedOperationType } from './operations/feeds.js';
export { responseKey, unwrapReply } from './operations/sync-reply.js';
