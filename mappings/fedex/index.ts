/** FedEx mappings: public surface. */
export { FEDEX_TRACKING_RECORD_TYPE, fedexTrackResponseToTracking, fedexTrackResultToTracking } from './tracking.js';
export { FEDEX_RATE_RECORD_TYPE, fedexRateReplyToQuotes, fedexRateResponseToQuotes, fedexTransitDays } from './rate.js';
export { FEDEX_SHIPMENT_RECORD_TYPE, fedexShipResponseToCarrierShipments, fedexTransactionShipmentToCarrierShipment } from './shipment.js';
export { FEDEX_TRACKING_CODES, fedexCodeStatus, type FedexTrackingCodeRow } from './tracking-status-codes.js';
export {
  FEDEX_ETD_SERVICE,
  FEDEX_SHIP_REQUEST_RECORD_TYPE,
  shipmentToFedexRateRequest,
  shipmentToFedexShipRequest,
  type FedexRateRequestOptions,
  type FedexShipRequestOptions,
} from './ship-request.js';
export {
  FEDEX_CANCEL_RECORD_TYPE,
  FEDEX_DOCUMENT_UPLOAD_RECORD_TYPE,
  FEDEX_PICKUP_RECORD_TYPE,
  FEDEX_PROOF_OF_DELIVERY_RECORD_TYPE,
  fedexCancelToCancellation,
  fedexPickupToConfirmation,
  fedexTrackDocumentsToProofOfDelivery,
  fedexUploadToTradeDocument,
} from './documents.js';
