/** Per-market price rules: public surface. */
export {
  endingProblem,
  PRICE_RULE_ERROR_CODES,
  priceFor,
  PriceRuleError,
  type ConvertPriceRule,
  type EndingDirection,
  type FixedPriceRule,
  type PriceEnding,
  type PriceInput,
  type PriceRate,
  type PriceResult,
  type PriceRule,
  type PriceRuleErrorCode,
  type PriceStep,
} from './price-rules.js';
