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
