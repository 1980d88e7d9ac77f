/** Built-in VAT/GST engine: public surface. */
export { quoteTax, schemeRuleRef, TAX_ENGINE_PROVIDER, type TaxEngineContext, type UnconfirmedVatNumbers, type VatNumberStatus } from './quote-tax.js';
export { vatRate, salesTaxComponents, canadianProvince, ruleOfRate, VAT_RATE_TABLE, type TaxComponent, type RateEntry } from './vat-rates.js';
export { checkVatNumberFormat, isValidAbn, type VatNumberFormatResult } from './vat-number.js';
export { checkVatCheckDigits, CHECK_DIGIT_COUNTRIES } from './vat-check-digits.js';
export { SCHEME_RULES, schemeRule, type SchemeRule, type SchemeThreshold } from './data/scheme-rules.js';
export { EU_MEMBER_STATES } from './data/vat-rates-eu.js';
export { SPECIAL_TERRITORIES, territoryOn, normalisePostcode, type SpecialTerritory, type LocalTax } from './data/special-territories.js';
export { VAT_NUMBER_FORMATS } from './data/vat-number-formats.js';
