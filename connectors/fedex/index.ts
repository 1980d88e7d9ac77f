/** FedEx REST APIs (Rate, Ship, Track): wire schemas and the error-reply recogniser (no client yet). */
export { FEDEX_ERROR_KINDS, FEDEX_VENDOR, FedexErrorReplySchema, recogniseFedexErrorReply, type FedexErrorReply } from './errors.js';
export { FedexTrackResponseSchema, type FedexTrackResponse, type FedexTrackResult, type FedexScanEvent } from './schemas/track.js';
export { FedexRateResponseSchema, type FedexRateResponse, type FedexRateReplyDetail } from './schemas/rate.js';
export { FedexShipResponseSchema, type FedexShipResponse, type FedexTransactionShipment } from './schemas/ship.js';
