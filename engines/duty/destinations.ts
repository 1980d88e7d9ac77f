/**
 * Destinations the built-in landed-cost engine covers, as data: which customs territory a
 * country belongs to, the currency customs assesses in, how the duty base is valued (CIF or
 * FOB) and what import VAT/GST is levied on. A change in law is a new dated row.
 */
import type { TaxRuleRef } from '../../mappings/canonical/tax.js';

/**
 * The first day this engine's data covers, for rules that are older than it (their real
 * start is not recorded here). The EU e-commerce VAT package took effect on 2021-07-01, and
 * the built-in VAT engine (engines/tax) quotes from the same day.
 */
export const DUTY_DATA_COVERAGE_FROM = '2021-07-01';

/** EU member states since 2020-02-01 (the United Kingdom left on 2020-01-31). Source: TEU Art. 52. */
export const EU_MEMBER_STATES: readonly string[] = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT',
  'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
];
const EU_SINCE = '2020-02-01';

export function isEuMember(country: string, date: string): boolean {
  return date >= EU_SINCE && EU_MEMBER_STATES.includes(country);
}

interface CurrencyRow {
  readonly country: string;
  readonly currency: string;
  readonly from?: string;
  readonly to?: string;
}

/**
 * The currency each covered country's customs assesses duty and import tax in (the buyer's
 * default currency). Euro adoption: Croatia 2023-01-01 (Council Decision (EU) 2022/1211),
 * Bulgaria 2026-01-01 (Council decision of 8 July 2025).
 */
const NATIONAL_CURRENCIES: readonly CurrencyRow[] = [
  ...['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'].map(
    (country) => ({ country, currency: 'EUR' }),
  ),
  { country: 'HR', currency: 'HRK', to: '2022-12-31' },
  { country: 'HR', currency: 'EUR', from: '2023-01-01' },
  { country: 'BG', currency: 'BGN', to: '2025-12-31' },
  { country: 'BG', currency: 'EUR', from: '2026-01-01' },
  { country: 'CZ', currency: 'CZK' },
  { country: 'DK', currency: 'DKK' },
  { country: 'HU', currency: 'HUF' },
  { country: 'PL', currency: 'PLN' },
  { country: 'RO', currency: 'RON' },
  { country: 'SE', currency: 'SEK' },
  { country: 'GB', currency: 'GBP' },
  { country: 'US', currency: 'USD' },
  { country: 'CA', currency: 'CAD' },
  { country: 'AU', currency: 'AUD' },
  { country: 'NZ', currency: 'NZD' },
  { country: 'CH', currency: 'CHF' },
  { country: 'NO', currency: 'NOK' },
  { country: 'JP', currency: 'JPY' },
  { country: 'SG', currency: 'SGD' },
];

export function nationalCurrency(country: string, date: string): string | undefined {
  return NATIONAL_CURRENCIES.find(
    (row) => row.country === country && (row.from === undefined || row.from <= date) && (row.to === undefined || date <= row.to),
  )?.currency;
}

/** CIF: goods + transport + insurance to the border; FOB: goods only (transport and insurance left out). */
export type ValuationBasis = 'CIF' | 'FOB';

export interface ImportTaxBase {
  /** The tax's name: VAT, GST, consumption tax. */
  readonly name: string;
  /** Duty is part of the tax base. */
  readonly includesDuty: boolean;
  /** Transport and insurance to the destination are part of the tax base. */
  readonly includesTransport: boolean;
  readonly rule: TaxRuleRef;
}

export interface DestinationRegime {
  /** Customs territory: EU for the member states, else the country. */
  readonly territory: string;
  readonly name: string;
  readonly countries: readonly string[];
  readonly dutyValuation: ValuationBasis;
  readonly valuationRule: TaxRuleRef;
  /** Absent: no import VAT/GST is collected at this border (US: state sales tax is not levied by customs). */
  readonly importTax?: ImportTaxBase;
}

const rule = (id: string, description: string, source: string, effectiveFrom = DUTY_DATA_COVERAGE_FROM): TaxRuleRef => ({
  id,
  description,
  source,
  effectiveFrom,
});

export const DESTINATION_REGIMES: readonly DestinationRegime[] = [
  {
    territory: 'EU',
    name: 'European Union',
    countries: EU_MEMBER_STATES,
    dutyValuation: 'CIF',
    valuationRule: rule(
      'EU-VALUATION-CIF',
      'Customs value includes transport and insurance costs up to the place where the goods enter the EU (CIF)',
      'Regulation (EU) No 952/2013 (Union Customs Code), Art. 71(1)(e)',
    ),
    importTax: {
      name: 'VAT',
      includesDuty: true,
      includesTransport: true,
      rule: rule(
        'EU-IMPORT-VAT-BASE',
        'Import VAT base: customs value plus duties plus transport and insurance to the first place of destination',
        'Council Directive 2006/112/EC (VAT Directive), Art. 85 and 86',
      ),
    },
  },
  {
    territory: 'GB',
    name: 'United Kingdom',
    countries: ['GB'],
    dutyValuation: 'CIF',
    valuationRule: rule(
      'GB-VALUATION-CIF',
      'Customs value includes transport and insurance costs up to the UK border (CIF)',
      'Taxation (Cross-border Trade) Act 2018, Schedule 4; HMRC Notice 252',
    ),
    importTax: {
      name: 'VAT',
      includesDuty: true,
      includesTransport: true,
      rule: rule(
        'GB-IMPORT-VAT-BASE',
        'Import VAT base: customs value plus duty plus transport and insurance to the UK destination',
        'Value Added Tax Act 1994, s. 21; HMRC Notice 702',
      ),
    },
  },
  {
    territory: 'US',
    name: 'United States',
    countries: ['US'],
    dutyValuation: 'FOB',
    valuationRule: rule(
      'US-VALUATION-FOB',
      'Transaction value excludes international freight and insurance (FOB)',
      '19 U.S.C. 1401a(b)(4)(A)',
    ),
  },
  {
    territory: 'CA',
    name: 'Canada',
    countries: ['CA'],
    dutyValuation: 'FOB',
    valuationRule: rule(
      'CA-VALUATION-FOB',
      'Value for duty excludes transport and insurance from the place of direct shipment to Canada (FOB)',
      'Customs Act (R.S.C. 1985, c. 1 (2nd Supp.)), s. 48; CBSA Memorandum D13-3-1',
    ),
    importTax: {
      name: 'GST/HST',
      includesDuty: true,
      includesTransport: false,
      rule: rule(
        'CA-IMPORT-GST-BASE',
        'GST/HST on imports: value for duty plus duties (no freight)',
        'Excise Tax Act (R.S.C. 1985, c. E-15), s. 215',
      ),
    },
  },
  {
    territory: 'AU',
    name: 'Australia',
    countries: ['AU'],
    dutyValuation: 'FOB',
    valuationRule: rule(
      'AU-VALUATION-FOB',
      'Customs value excludes international transport and insurance (FOB)',
      'Customs Act 1901 (Cth), s. 159 and 161',
    ),
    importTax: {
      name: 'GST',
      includesDuty: true,
      includesTransport: true,
      rule: rule(
        'AU-IMPORT-GST-BASE',
        'GST on the value of the taxable importation: customs value plus duty plus international transport and insurance',
        'A New Tax System (Goods and Services Tax) Act 1999, s. 13-20',
      ),
    },
  },
  {
    territory: 'NZ',
    name: 'New Zealand',
    countries: ['NZ'],
    dutyValuation: 'FOB',
    valuationRule: rule(
      'NZ-VALUATION-FOB',
      'Customs value excludes international freight and insurance (FOB)',
      'Customs and Excise Act 2018, Schedule 4',
    ),
    importTax: {
      name: 'GST',
      includesDuty: true,
      includesTransport: true,
      rule: rule(
        'NZ-IMPORT-GST-BASE',
        'GST at 15% on the value of the goods plus duty plus postal/courier and insurance charges',
        'New Zealand Customs Service, "Duty and GST FAQs" (customs.govt.nz)',
      ),
    },
  },
  {
    territory: 'CH',
    name: 'Switzerland',
    countries: ['CH'],
    // Swiss duties are specific (per 100 kg gross); a tenant's ad-valorem rate applies to the goods value.
    dutyValuation: 'FOB',
    valuationRule: rule(
      'CH-VALUATION-GOODS',
      'Swiss duties are levied on gross weight; an ad-valorem tariff entry is applied to the goods value',
      'Customs Tariff Act (SR 632.10), Art. 2; Federal Office for Customs and Border Security (BAZG)',
    ),
    importTax: {
      name: 'VAT',
      includesDuty: true,
      includesTransport: true,
      rule: rule(
        'CH-IMPORT-VAT-BASE',
        'Import VAT base: value of the goods plus transport costs to the destination in Switzerland plus duties',
        'Federal VAT Act (SR 641.20), Art. 54',
      ),
    },
  },
  {
    territory: 'NO',
    name: 'Norway',
    countries: ['NO'],
    dutyValuation: 'CIF',
    valuationRule: rule(
      'NO-VALUATION-CIF',
      'Customs value includes freight and insurance to the Norwegian border (CIF)',
      'Customs Act (LOV-2007-12-21-119), s. 7-1; Norwegian Customs (toll.no)',
    ),
    importTax: {
      name: 'VAT',
      includesDuty: true,
      includesTransport: true,
      rule: rule(
        'NO-IMPORT-VAT-BASE',
        'Import VAT base: customs value plus duties and costs of transport to the destination',
        'VAT Act (LOV-2009-06-19-58), s. 4-11',
      ),
    },
  },
  {
    territory: 'JP',
    name: 'Japan',
    countries: ['JP'],
    dutyValuation: 'CIF',
    valuationRule: rule(
      'JP-VALUATION-CIF',
      'Taxable value includes freight and insurance to the port of import (CIF)',
      'Customs Tariff Act (Act No. 54 of 1910), Art. 4',
    ),
    importTax: {
      name: 'consumption tax',
      includesDuty: true,
      includesTransport: true,
      rule: rule(
        'JP-IMPORT-CT-BASE',
        'Consumption tax on imports: CIF taxable value plus customs duty (and excise)',
        'Consumption Tax Act (Act No. 108 of 1988), Art. 28(4)',
      ),
    },
  },
  {
    territory: 'SG',
    name: 'Singapore',
    countries: ['SG'],
    dutyValuation: 'CIF',
    valuationRule: rule(
      'SG-VALUATION-CIF',
      'Customs value includes freight and insurance (CIF); customs duty is levied only on liquor, tobacco, motor vehicles and petroleum',
      'Singapore Customs, "Valuation of imported goods"; Customs Act 1960',
    ),
    importTax: {
      name: 'GST',
      includesDuty: true,
      includesTransport: true,
      rule: rule(
        'SG-IMPORT-GST-BASE',
        'Import GST on the CIF value plus duty',
        'Goods and Services Tax Act 1993, s. 18',
      ),
    },
  },
];

export function destinationRegime(country: string, date: string): DestinationRegime | undefined {
  if (EU_MEMBER_STATES.includes(country) && !isEuMember(country, date)) return undefined;
  return DESTINATION_REGIMES.find((r) => r.countries.includes(country));
}

/** Same customs territory (the EU is one): nothing is imported. */
export function sameCustomsTerritory(from: string, to: string, date: string): boolean {
  return from === to || (isEuMember(from, date) && isEuMember(to, date));
}
