export * from './order.js';
export { ALIEXPRESS_ORDER_TIME_ZONE, Issues, platformTimeToUtc, readWireMoney } from './readers.js';
