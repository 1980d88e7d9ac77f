/** Currency-rate mappings: ECB reference-rate XML and XE Currency Data JSON → canonical FxRate. */
export { ECB_BASE_CURRENCY, ECB_RECORD_TYPE, EUROFXREF_NAMESPACE, GESMES_NAMESPACE, ecbXmlToFxRates } from './ecb.js';
export {
  XE_CONVERT_FROM_RECORD_TYPE,
  XE_CONVERT_TO_RECORD_TYPE,
  XE_HISTORIC_RATE_PERIOD_RECORD_TYPE,
  XE_HISTORIC_RATE_RECORD_TYPE,
  XE_MONTHLY_AVERAGE_RECORD_TYPE,
  xeBodyToFxRates,
  xeConvertFromToFxRates,
  xeConvertToToFxRates,
  xeHistoricRatePeriodToFxRates,
  xeHistoricRateToFxRates,
} from './xe.js';
export { describeFxIssues, ecbRatesFileToFxRates, xeRatesReplyToFxRates, type DateRange, type FxRatesResult } from './rates-result.js';
export { ECB_SOURCE, XE_SOURCE, MAX_LISTED_ISSUES, positiveDecimalText, type FxRateBatch } from './rate-batch.js';
export { isCalendarDate, utcInstant, type UtcInstant } from './calendar-date.js';
