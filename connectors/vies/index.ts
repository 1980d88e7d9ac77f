/** VIES VAT-number check (EC "Vies on-the-Web" REST service): public surface. */
export {
  VIES_USER_AGENT,
  createViesClient,
  type CreateViesClientOptions,
  type ViesClient,
  type ViesRequest,
} from './client.js';
export {
  DEFAULT_VIES_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_VIES_TIMEOUT_MS,
  VIES_DEFAULT_BASE_URL,
  ViesRequesterSchema,
  ViesSettingsSchema,
  viesBaseUrl,
  type ViesRequester,
  type ViesSettings,
} from './config.js';
export { VIES_ERROR_CODES, VIES_VENDOR, readViesErrorBody, recogniseViesErrorReply, type ViesErrorBody, type ViesErrorReplyContext, type ViesErrorRule } from './errors.js';
export { VIES_MEMBER_STATES, isViesMemberState, toViesCountryCode, type ViesMemberState } from './member-states.js';
export { VIES_OPERATIONS, VIES_RATE_LIMITS, VIES_RATE_LIMIT_TENANT, type ViesOperation } from './rate-limits.js';
export {
  ViesAvailabilitySchema,
  ViesCheckVatRequestSchema,
  ViesCheckVatResponseSchema,
  ViesCommonResponseSchema,
  ViesMatchSchema,
  ViesStatusInformationResponseSchema,
  type ViesAvailability,
  type ViesCheckVatRequest,
  type ViesCheckVatResponse,
  type ViesCommonResponse,
  type ViesStatusInformationResponse,
} from './schemas.js';
export { buildCheckVatRequest, parseCheckVatResponse, type ViesCheckResult, type ViesCheckVatParams } from './operations/check-vat-number.js';
export { parseCheckStatusResponse, type ViesCountryStatus, type ViesStatus } from './operations/check-status.js';
export { viesVatNumberCheck, type ViesVatNumberAnswer, type ViesVatNumberCheck, type ViesVatNumberStatus } from './vat-number-check.js';
export * from './descriptor.js';
