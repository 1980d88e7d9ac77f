/** AliExpress Open Platform: public surface (signing, wire schemas, error recogniser). */
export * from './signing.js';
export { ALIEXPRESS_ERROR_KINDS, ALIEXPRESS_VENDOR, openPlatformErrorKind, recogniseAliexpressErrorReply } from './errors.js';
export * from './schemas/order.js';
export { topList, WireMoneySchema, type WireMoney } from './schemas/wire.js';
