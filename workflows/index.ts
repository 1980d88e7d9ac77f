// Every workflow the worker registers. Workflow code imports no I/O: `npm run lint`
// enforces the dependency rule (eslint.config.js; test/lint/dependency-rule.test.ts).
export { fxBackfill, fxRefresh } from './fx-refresh.js';
export { ordersSync, progressQuery } from './orders-sync.js';
export { deadLettersReplay, deadLettersReplayProgressQuery } from './dead-letters-replay.js';
export { reportDownload } from './report-download.js';
export { shipmentConfirm, shipmentConfirmProgressQuery } from './shipment-confirm.js';
export { ordersBackfill, ordersBackfillProgressQuery } from './orders-backfill.js';
export { inventorySync, inventorySyncProgressQuery } from './inventory-sync.js';
// listingsPublish (issue 9 item 5)
export { listingsFeed, listingsPublish, listingsPublishProgressQuery } from './listings-publish.js';
// trackShipment (issue 11 item 5)
export { trackShipment, trackingStatusQuery, trackingUpdateSignal } from './track-shipment.js';
// paymentEvent (issue 12 item 4: webhooks in)
export { paymentEvent } from './payment-event.js';
// reconcile (issue 12 item 6)
export { reconcile, reconcileProgressQuery } from './reconcile.js';
export { fulfilOrder, fulfilOrderProgressQuery } from './fulfil-order.js';
export { settlementsImport } from './settlements-import.js';
export { paymentLedgerSync } from './payment-ledger-sync.js';
