/** Public surface of the currency-rate sandbox (ECB reference-rate files + XE Currency Data API). */
export {
  FX_SANDBOX_OPERATIONS,
  SANDBOX_XE_ACCOUNT,
  startFxSandbox,
  type FxFault,
  type FxFaultSpec,
  type FxOperationStats,
  type FxSandbox,
  type FxSandboxOperation,
  type FxSandboxOptions,
  type FxSandboxRates,
  type FxSandboxStats,
  type XeSandboxAccount,
} from './server.js';
export { createRateBook, generatedRate, type EcbDay, type RateBook } from './generated-rates.js';
export { ECB_CURRENCIES, XE_ONLY_CURRENCIES, ecbCurrenciesOn, type SandboxCurrency } from './currency-data.js';
export { businessDaysBack, easterSunday, isTargetBusinessDay, latestPublishedDate, targetHolidays } from './target-calendar.js';
export { renderDailyXml, renderHistoryXml } from './ecb-xml.js';
