/** FedEx REST APIs (OAuth, Rate, Ship, Upload Documents, Track): client, wire schemas and the error-reply recogniser. */
export { FEDEX_ERROR_KINDS, FEDEX_DAILY_QUOTA_TEXT, FEDEX_VENDOR, FedexErrorReplySchema, msUntilNextUtcMidnight, recogniseFedexErrorReply, type FedexErrorReply } from './errors.js';
export { FedexTrackResponseSchema, type FedexTrackResponse, type FedexTrackResult, type FedexScanEvent } from './schemas/track.js';
export { FedexRateResponseSchema, type FedexRateResponse, type FedexRateReplyDetail } from './schemas/rate.js';
export { FedexShipResponseSchema, type FedexShipResponse, type FedexTransactionShipment } from './schemas/ship.js';
export * from './schemas/requests.js';
export * from './config.js';
export * from './rate-limits.js';
export { FEDEX_TOKEN_OPERATION, FEDEX_TOKEN_PATH, FedexTokenResponseSchema } from './auth.js';
export { createFedexClient, FEDEX_USER_AGENT, type CreateFedexClientOptions, type FedexClient } from './client.js';
export {
  CANCEL_SHIPMENT_OPERATION,
  CREATE_SHIPMENT_OPERATION,
  RATE_QUOTES_OPERATION,
  TRACK_BY_NUMBER_OPERATION,
  TRACK_BY_REFERENCE_OPERATION,
  UPLOAD_ETD_OPERATION,
  type FedexCancel,
  type FedexCreateShipmentOptions,
  type FedexEtdUpload,
  type FedexOperationOptions,
  type FedexReferenceLookup,
  type FedexResult,
} from './operations/shipping.js';
export * from './descriptor.js';
