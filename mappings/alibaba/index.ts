export * from './order.js';
export * from './listing.js';
export * from './listing-publish.js';
export * from './shipment-confirmation.js';
export * from './stock-and-logistics.js';
