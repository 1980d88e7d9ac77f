/** AliExpress Open Platform: public surface (signing, wire schemas, error recogniser, config, auth, client). */
export * from './signing.js';
export { ALIEXPRESS_ERROR_KINDS, ALIEXPRESS_VENDOR, openPlatformErrorKind, recogniseAliexpressErrorReply } from './errors.js';
export * from './schemas/order.js';
export { topList, WireMoneySchema, type WireMoney } from './schemas/wire.js';
export * from './config.js';
export { AliexpressAuth, TOKEN_CREATE_PATH, TOKEN_REFRESH_PATH, type AliexpressToken } from './auth.js';
export { aliexpressErrors, createAliexpressClient, type AliexpressClient, type CreateAliexpressClientOptions } from './client.js';
export { LIST_ORDERS_METHOD, type ListOrdersParams, type ListOrdersResult } from './operations/list-orders.js';
