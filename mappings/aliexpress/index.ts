export * from './order.js';
export { ALIEXPRESS_ORDER_TIME_ZONE, Issues, platformTimeToUtc, readWireMoney } from './readers.js';
export * from './listing.js';
export * from './listing-publish.js';
export * from './inventory-update.js';
export * from './shipment-confirmation.js';
export * from './logistics.js';
