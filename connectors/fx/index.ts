/** Currency-rate connectors (ECB reference rates, XE Currency Data API): public surface. */
export {
  FX_USER_AGENT,
  createEcbClient,
  createXeClient,
  type CreateEcbClientOptions,
  type CreateXeClientOptions,
  type EcbClient,
  type FxRequest,
  type XeClient,
} from './client.js';
export {
  ECB,
  XE,
  isCalendarDate,
  DEFAULT_ECB_HISTORY_TIMEOUT_MS,
  DEFAULT_FX_TIMEOUT_MS,
  ECB_DEFAULT_BASE_URL,
  ECB_FEEDS,
  ECB_FEED_NAMES,
  EcbSettingsSchema,
  XE_DEFAULT_BASE_URL,
  XeCredentialsSchema,
  XeSettingsSchema,
  ecbBaseUrl,
  ecbFeedFile,
  xeBaseUrl,
  type EcbFeed,
  type EcbSettings,
  type XeCredentials,
  type XeSettings,
} from './config.js';
export { ECB_VENDOR, XE_VENDOR, recogniseEcbErrorReply, recogniseFxErrorReply, recogniseXeErrorReply, type FxVendor } from './errors.js';
export { FX_OPERATIONS, FX_RATE_LIMITS, type FxOperation } from './rate-limits.js';
export { ECB_XML_PARSER_OPTIONS, XeRatesResponseSchema, parseEcbXml, type EcbXmlParseResult, type XeRatesResponse } from './schemas.js';
export { chooseEcbFeed, parseEcbRatesResponse, type EcbRatesBetweenOptions, type EcbRatesFile } from './operations/get-ecb-rates.js';
export type { XeRatesReply } from './operations/xe-rates.js';
export { readDecimalJson, type DecimalJsonResult } from './decimal-json.js';
export { parseConvertFromResponse, type XeConvertFromParams } from './operations/convert-from.js';
export { parseHistoricRateResponse, type XeHistoricRateParams } from './operations/historic-rate.js';
export * from './descriptor.js';
