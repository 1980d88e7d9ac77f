/** Currency conversion engine: public surface. The rate table itself is plain data in mappings/canonical. */
export {
  convert,
  convertOrThrow,
  converterFor,
  DEFAULT_MAX_FALLBACK_DAYS,
  DEFAULT_ROUNDING,
  EFFECTIVE_RATE_DECIMALS,
  FxConversionError,
  IDENTITY_SOURCE,
  isWeekend,
  type ConvertPolicy,
} from './convert.js';
export {
  createFxRateTable,
  FX_ERROR_CODES,
  FxRateTableError,
  type ConvertResult,
  type Converter,
  type FxError,
  type FxErrorCode,
  type FxRateTable,
} from '../../mappings/canonical/fx-rate-table.js';
