/** DHL Express MyDHL mappings: public surface. */
export {
  DHL_LANDED_COST_RECORD_TYPE,
  shipmentToLandedCostRequest,
  type DhlLandedCostRequestOptions,
  type DhlPackageInput,
} from './landed-cost-request.js';
export {
  DHL_LANDED_COST_PROVIDER,
  dhlLandedCostToQuote,
  ratePercentFromFormula,
  type DhlLandedCostQuoteContext,
} from './landed-cost-quote.js';
export { DHL_TRACKING_RECORD_TYPE, DHL_UNIFIED_STATUS_CODES, dhlUnifiedShipmentToTracking, dhlXmlAwbToTracking, dhlXmlPieceFaultToTracking, myDhlShipmentToTracking } from './tracking.js';
export { DHL_SHIPMENT_RECORD_TYPE, dhlXmlShipmentToCarrierShipment, myDhlShipmentToCarrierShipment } from './shipment.js';
export { DHL_RATE_RECORD_TYPE, dhlXmlQuoteToRateQuote, dhlXmlQuoteToRateQuotes, myDhlProductToRateQuotes } from './rate.js';
export { DHL_EXPRESS_STATUS_CODES, dhlExpressStatus, type DhlStatusCodeRow } from './tracking-status-codes.js';
export {
  DHL_SERVICE_DUTY_TAX_PAID,
  DHL_SERVICE_PAPERLESS_TRADE,
  DHL_SHIPMENT_REQUEST_RECORD_TYPE,
  dhlPlannedShippingTime,
  shipmentToDhlRateRequest,
  shipmentToDhlShipmentRequest,
  type DhlRateRequestOptions,
  type DhlShipmentRequestOptions,
} from './shipment-request.js';
export { DHL_PICKUP_RECORD_TYPE, DHL_PROOF_OF_DELIVERY_RECORD_TYPE, dhlXmlPickupToConfirmation, myDhlEpodToProofOfDelivery, myDhlPickupToConfirmation } from './documents.js';
