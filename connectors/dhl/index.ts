/** DHL Express MyDHL API connector: public surface. */
export {
  DHL_USER_AGENT,
  MESSAGE_REFERENCE_MAX_LENGTH,
  createDhlClient,
  type CreateDhlClientOptions,
  type DhlCallOptions,
  type DhlClient,
  type DhlRequest,
} from './client.js';
export {
  DHL_BASE_URLS,
  DHL_ENVIRONMENTS,
  DhlConnectionSettingsSchema,
  DhlCredentialsSchema,
  MYDHL_API_VERSION,
  dhlBaseUrl,
  type DhlConnectionSettings,
  type DhlCredentials,
  type DhlEnvironment,
} from './config.js';
export { DHL_ERROR_CODE_KINDS, DHL_VENDOR, DHL_XML_CONDITION_KINDS, recogniseDhlErrorReply } from './errors.js';
export {
  DhlLandedCostRequestSchema,
  DhlLandedCostResponseSchema,
  type DhlChargeLine,
  type DhlLandedCostRequest,
  type DhlLandedCostRequestInput,
  type DhlLandedCostResponse,
} from './schemas.js';
export { LANDED_COST_OPERATION, type GetLandedCostResult } from './operations/get-landed-cost.js';
export * from './schemas/shipping.js';
export {
  CANCEL_PICKUP_OPERATION,
  CREATE_PICKUP_OPERATION,
  CREATE_SHIPMENT_OPERATION,
  DHL_IDEMPOTENCY_REFERENCE_TYPE,
  DHL_TRACKING_VIEWS,
  PRODUCTS_OPERATION,
  RATES_OPERATION,
  TRACKING_BY_REFERENCE_OPERATION,
  TRACKING_OPERATION,
  UPLOAD_IMAGE_OPERATION,
  type CancelPickupRequest,
  type CreateShipmentOptions,
  type DhlResult,
  type ReferenceLookup,
  type TrackingQuery,
} from './operations/shipping.js';
export * from './unified-tracking.js';
export * from './descriptor.js';
