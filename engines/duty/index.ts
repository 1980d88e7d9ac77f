/** Built-in landed-cost engine (provider 'caravan-builtin'): public surface. */
export {
  BUILTIN_LANDED_COST_PROVIDER,
  LANDED_COST_ERROR_CODES,
  LandedCostError,
  quoteLandedCost,
  type LandedCostContext,
  type LandedCostErrorCode,
} from './quote-landed-cost.js';
export {
  TariffDestinationSchema,
  TariffEntrySchema,
  TariffTableSchema,
  findTariffRate,
  tariffEntryId,
  type TariffEntry,
  type TariffMatch,
  type TariffQuery,
  type TariffTable,
} from './tariff.js';
export {
  DESTINATION_REGIMES,
  DUTY_DATA_COVERAGE_FROM,
  EU_MEMBER_STATES,
  destinationRegime,
  isEuMember,
  nationalCurrency,
  sameCustomsTerritory,
  type DestinationRegime,
  type ImportTaxBase,
  type ValuationBasis,
} from './destinations.js';
export {
  LOW_VALUE_RULES,
  lowValueRule,
  type LowValueMeasure,
  type LowValueOutcome,
  type LowValueRule,
  type LowValueScope,
  type LowValueThreshold,
} from './low-value-rules.js';
