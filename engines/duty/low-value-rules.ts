/**
 * De minimis and low-value-goods rules per destination, as dated data with the source named
 * beside each. For one destination, scope (duty or import tax) and date, the first row whose
 * conditions hold applies; rows with conditions (ship-from country) come before the general row.
 * A change in law is a new row, not new code.
 */
import { DUTY_DATA_COVERAGE_FROM, EU_MEMBER_STATES } from './destinations.js';

export type LowValueScope = 'duty' | 'tax';

/**
 * What is compared with the threshold:
 * - `consignment-goods-value`: the goods' value of the whole consignment, without transport
 *   and insurance (the EU's and UK's "intrinsic value");
 * - `consignment-cif-value`: goods plus transport and insurance;
 * - `item-unit-value`: each unit on its own (Norway's VOEC: the value of each item);
 * - `assessed-amount`: the duty or tax computed (Switzerland: amounts under CHF 5 are not levied).
 */
export type LowValueMeasure = 'consignment-goods-value' | 'consignment-cif-value' | 'item-unit-value' | 'assessed-amount';

/**
 * What happens at or under the threshold:
 * - `exempt`: no duty / tax is due;
 * - `collected-at-sale`: the tax is due but charged by the seller (or marketplace) at the sale
 *   under a registration scheme, not at the border;
 * - `not-collected`: the amount is due in law but waived as too small to collect;
 * - `flat-duty`: a fixed duty replaces the tariff (see `flatDuty`).
 */
export type LowValueOutcome = 'exempt' | 'collected-at-sale' | 'not-collected' | 'flat-duty';

/** A fixed duty per distinct tariff subheading (first six HS digits) in the consignment. */
export interface FlatDuty {
  /** Decimal string in `currency`. */
  readonly amount: string;
  readonly currency: string;
  readonly per: 'hs-subheading';
}

export interface LowValueThreshold {
  /** Decimal string in `currency`. */
  readonly amount: string;
  readonly currency: string;
  /** `at-most`: value ≤ amount qualifies; `below`: value < amount qualifies. */
  readonly comparison: 'at-most' | 'below';
}

export interface LowValueRule {
  readonly id: string;
  readonly scope: LowValueScope;
  readonly destinations: readonly string[];
  readonly effectiveFrom: string;
  /** Inclusive; open when absent. */
  readonly effectiveTo?: string;
  /** Absent: no relief at all in this period (e.g. the US de minimis suspended). */
  readonly threshold?: LowValueThreshold;
  readonly measure: LowValueMeasure;
  readonly within: LowValueOutcome;
  /** What `collected-at-sale` means here, in words (scheme name). */
  readonly scheme?: string;
  /** For `flat-duty`: the fixed amount and what it is charged per. */
  readonly flatDuty?: FlatDuty;
  /** The row applies only to shipments sent from these countries. */
  readonly shipFrom?: readonly string[];
  /** Goods originating here never qualify (they are assessed as if over the threshold). */
  readonly excludedOrigins?: readonly string[];
  /** Goods under these HS prefixes never qualify (excise goods …). */
  readonly excludedHsPrefixes?: readonly string[];
  readonly description: string;
  readonly source: string;
  /** Known changes that are announced but not yet law, for the quote's notes. */
  readonly pending?: string;
}

/** Alcoholic beverages (2203-2208) and tobacco (24): excise goods excluded from most reliefs. */
export const ALCOHOL_TOBACCO_HS_PREFIXES: readonly string[] = ['2203', '2204', '2205', '2206', '2207', '2208', '24'];

/** Whether an HS code is alcohol or tobacco (the tax engine's low-value rules exclude them too). */
export function isAlcoholOrTobacco(hsCode: string | undefined): boolean {
  return hsCode !== undefined && ALCOHOL_TOBACCO_HS_PREFIXES.some((p) => hsCode.startsWith(p));
}

export const LOW_VALUE_RULES: readonly LowValueRule[] = [
  // ── European Union ─────────────────────────────────────────────────────────────────────
  {
    id: 'EU-DUTY-NEGLIGIBLE-VALUE-150',
    scope: 'duty',
    destinations: EU_MEMBER_STATES,
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    effectiveTo: '2026-06-30',
    threshold: { amount: '150', currency: 'EUR', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    // Art. 24: the relief does not cover alcoholic products, perfumes and toilet waters, tobacco.
    excludedHsPrefixes: [...ALCOHOL_TOBACCO_HS_PREFIXES, '3303'],
    description:
      'Relief from import duty for consignments of negligible value: intrinsic value not exceeding EUR 150 (alcohol, tobacco, perfumes excluded). In force before 2021-07-01 (this table starts then) until it was abolished on 2026-07-01.',
    source: 'Council Regulation (EC) No 1186/2009, Art. 23 and 24',
  },
  {
    id: 'EU-DUTY-FLAT-3-LOW-VALUE',
    scope: 'duty',
    destinations: EU_MEMBER_STATES,
    effectiveFrom: '2026-07-01',
    effectiveTo: '2028-06-30',
    threshold: { amount: '150', currency: 'EUR', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'flat-duty',
    flatDuty: { amount: '3', currency: 'EUR', per: 'hs-subheading' },
    // Excise goods cannot use the low-value declaration: they keep the tariff (as under the old relief).
    excludedHsPrefixes: [...ALCOHOL_TOBACCO_HS_PREFIXES, '3303'],
    description:
      'Interim flat customs duty of EUR 3 per distinct tariff subheading in a consignment of intrinsic value not exceeding EUR 150 sent to a consumer (distance sales), replacing the abolished EUR 150 relief from 2026-07-01 until 2028-07-01',
    source:
      'Council Regulation (EU) 2026/382 (abolition of the EUR 150 customs duty relief) and Commission Delegated Regulation (EU) 2026/1022 (interim flat-rate duty), applicable from 1 July 2026',
    pending:
      'Until 1 July 2028 (extendable); then the normal tariff applies to every consignment. Goods claiming preferential origin or a customs-union status take their preferential tariff instead, which this engine does not model.',
  },
  {
    id: 'EU-VAT-IOSS-150',
    scope: 'tax',
    destinations: EU_MEMBER_STATES,
    effectiveFrom: '2021-07-01',
    threshold: { amount: '150', currency: 'EUR', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'collected-at-sale',
    scheme:
      'IOSS (Import One-Stop Shop): VAT charged at the sale when the seller or marketplace holds an IOSS number, otherwise collected at import',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description:
      'Import VAT is due on every consignment since the EUR 22 exemption was abolished; consignments of intrinsic value up to EUR 150 may have it charged at the sale under IOSS',
    source: 'Council Directive (EU) 2017/2455 and Council Directive (EU) 2019/1995 (VAT Directive Art. 369l-369x)',
  },
  // ── United Kingdom ─────────────────────────────────────────────────────────────────────
  {
    id: 'GB-DUTY-LOW-VALUE-135',
    scope: 'duty',
    destinations: ['GB'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '135', currency: 'GBP', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'No customs duty on consignments of intrinsic value up to GBP 135 (excise goods excluded). In force since 2021-01-01.',
    source: 'HMRC, "Tax and customs for goods sent from abroad" (Customs Duty on goods up to GBP 135, from 2021-01-01)',
  },
  {
    id: 'GB-VAT-AT-SALE-135',
    scope: 'tax',
    destinations: ['GB'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '135', currency: 'GBP', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'collected-at-sale',
    scheme: 'UK supply VAT: charged by the seller or online marketplace at the point of sale (no import VAT at the border)',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description:
      'Consignments of intrinsic value up to GBP 135: VAT is charged at the point of sale instead of at import. In force since 2021-01-01.',
    source: 'HMRC, "VAT and overseas goods sold directly to customers in the UK" (from 1 January 2021); Taxation (Cross-border Trade) Act 2018',
  },
  // ── United States ──────────────────────────────────────────────────────────────────────
  {
    id: 'US-DUTY-DE-MINIMIS-800',
    scope: 'duty',
    destinations: ['US'],
    effectiveFrom: '2016-03-10',
    effectiveTo: '2025-05-01',
    threshold: { amount: '800', currency: 'USD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    description: 'Section 321 de minimis: articles of an aggregate fair retail value up to USD 800 per person per day enter free of duty',
    source: '19 U.S.C. 1321(a)(2)(C), as amended by the Trade Facilitation and Trade Enforcement Act of 2015, s. 901 (entries from 2016-03-10)',
  },
  {
    id: 'US-DUTY-DE-MINIMIS-800-EXCEPT-CN-HK',
    scope: 'duty',
    destinations: ['US'],
    effectiveFrom: '2025-05-02',
    effectiveTo: '2025-08-28',
    threshold: { amount: '800', currency: 'USD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    excludedOrigins: ['CN', 'HK'],
    description: 'Section 321 de minimis up to USD 800, no longer available for products of China and Hong Kong',
    source: '19 U.S.C. 1321; Executive Order 14256 of 2025-04-02 (effective 2025-05-02)',
  },
  {
    id: 'US-DUTY-DE-MINIMIS-SUSPENDED',
    scope: 'duty',
    destinations: ['US'],
    effectiveFrom: '2025-08-29',
    measure: 'consignment-goods-value',
    within: 'exempt',
    description: 'Duty-free de minimis treatment suspended for all countries: duty is due from the first dollar',
    source: 'Executive Order 14324 of 2025-07-30, "Suspending Duty-Free De Minimis Treatment for All Countries" (effective 2025-08-29)',
  },
  // ── Canada ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'CA-DUTY-CUSMA-COURIER-150',
    scope: 'duty',
    destinations: ['CA'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '150', currency: 'CAD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    shipFrom: ['US', 'MX'],
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'CUSMA courier low-value shipments from the US or Mexico: duty-free up to CAD 150 (in force since 2020-07-01; courier assumed)',
    source: 'CBSA, CUSMA courier low value shipment thresholds (from 2020-07-01); Courier Imports Remission Order (Memorandum D8-2-16)',
  },
  {
    id: 'CA-DUTY-LOW-VALUE-20',
    scope: 'duty',
    destinations: ['CA'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '20', currency: 'CAD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'Courier and postal shipments valued at CAD 20 or less enter free of duty',
    source: 'Courier Imports Remission Order; Postal Imports Remission Order (CBSA Memorandum D8-2-16)',
  },
  {
    id: 'CA-TAX-CUSMA-COURIER-40',
    scope: 'tax',
    destinations: ['CA'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '40', currency: 'CAD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    shipFrom: ['US', 'MX'],
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'CUSMA courier low-value shipments from the US or Mexico: free of GST/HST up to CAD 40 (in force since 2020-07-01; courier assumed)',
    source: 'CBSA, CUSMA courier low value shipment thresholds (from 2020-07-01); Courier Imports Remission Order (Memorandum D8-2-16)',
  },
  {
    id: 'CA-TAX-LOW-VALUE-20',
    scope: 'tax',
    destinations: ['CA'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '20', currency: 'CAD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'Courier and postal shipments valued at CAD 20 or less enter free of GST/HST',
    source: 'Courier Imports Remission Order; Postal Imports Remission Order (CBSA Memorandum D8-2-16)',
  },
  // ── Australia ──────────────────────────────────────────────────────────────────────────
  {
    id: 'AU-DUTY-LOW-VALUE-1000',
    scope: 'duty',
    destinations: ['AU'],
    effectiveFrom: '2018-07-01',
    threshold: { amount: '1000', currency: 'AUD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'Goods of a customs value up to AUD 1,000 are not charged duty at the border (alcohol and tobacco excluded)',
    source: 'Australian Border Force, "Buying goods online" (goods valued AUD 1,000 or less); ATO, "GST on low value imported goods"',
  },
  {
    id: 'AU-GST-LVIG-1000',
    scope: 'tax',
    destinations: ['AU'],
    effectiveFrom: '2018-07-01',
    threshold: { amount: '1000', currency: 'AUD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'collected-at-sale',
    scheme: 'GST on low value imported goods: charged by the registered vendor, redeliverer or electronic distribution platform at the sale',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'Low value imported goods (customs value up to AUD 1,000): GST charged at the point of sale, not at the border',
    source: 'A New Tax System (Goods and Services Tax) Act 1999, Division 84 (Treasury Laws Amendment (GST Low Value Goods) Act 2017); ATO, "GST on low value imported goods"',
  },
  // ── New Zealand ────────────────────────────────────────────────────────────────────────
  {
    id: 'NZ-DUTY-LOW-VALUE-1000',
    scope: 'duty',
    destinations: ['NZ'],
    effectiveFrom: '2019-12-01',
    threshold: { amount: '1000', currency: 'NZD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'exempt',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'Consignments valued at NZD 1,000 or less: Customs collects no duty, GST or entry fees (alcohol and tobacco excluded)',
    source: 'New Zealand Customs Service, "Duty and GST FAQs" (customs.govt.nz)',
  },
  {
    id: 'NZ-GST-LOW-VALUE-1000',
    scope: 'tax',
    destinations: ['NZ'],
    effectiveFrom: '2019-12-01',
    threshold: { amount: '1000', currency: 'NZD', comparison: 'at-most' },
    measure: 'consignment-goods-value',
    within: 'collected-at-sale',
    scheme: 'GST on low-value imported goods: charged by the registered offshore supplier or marketplace at the sale',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'Goods valued at NZD 1,000 or less: GST charged by the overseas supplier at the sale, not at the border',
    source: 'Taxation (Annual Rates for 2019-20, GST Offshore Supplier Registration, and Remedial Matters) Act 2019; Inland Revenue, "GST on low-value imported goods"',
  },
  // ── Switzerland ────────────────────────────────────────────────────────────────────────
  {
    id: 'CH-DUTY-SMALL-AMOUNT-5',
    scope: 'duty',
    destinations: ['CH'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '5', currency: 'CHF', comparison: 'below' },
    measure: 'assessed-amount',
    within: 'not-collected',
    description: 'Duty amounts under CHF 5 per customs declaration are not collected (duty and VAT considered separately)',
    source: 'Federal Office for Customs and Border Security (BAZG); Swiss Post, "Import: customs/VAT"',
  },
  {
    id: 'CH-VAT-SMALL-AMOUNT-5',
    scope: 'tax',
    destinations: ['CH'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '5', currency: 'CHF', comparison: 'below' },
    measure: 'assessed-amount',
    within: 'not-collected',
    description: 'Import VAT amounts under CHF 5 per customs declaration are not collected',
    source: 'Ordinance of the FDF of 2 April 2014 on the tax-free import of goods in small quantities, of negligible value or with a negligible tax amount (SR 641.204), Art. 1',
  },
  // ── Norway ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'NO-DUTY-VOEC-3000',
    scope: 'duty',
    destinations: ['NO'],
    effectiveFrom: '2020-04-01',
    threshold: { amount: '3000', currency: 'NOK', comparison: 'below' },
    measure: 'item-unit-value',
    within: 'exempt',
    // VOEC excludes foodstuffs (chapters 01-24, which also hold alcohol and tobacco).
    excludedHsPrefixes: Array.from({ length: 24 }, (_, i) => String(i + 1).padStart(2, '0')),
    description:
      'Items under NOK 3,000 sold by a VOEC-registered seller carry no customs duty (foodstuffs, alcohol, tobacco and restricted goods excluded)',
    source: 'Norwegian Customs (toll.no), VOEC scheme from 2020-04-01',
  },
  {
    id: 'NO-VAT-VOEC-3000',
    scope: 'tax',
    destinations: ['NO'],
    effectiveFrom: '2020-04-01',
    threshold: { amount: '3000', currency: 'NOK', comparison: 'below' },
    measure: 'item-unit-value',
    within: 'collected-at-sale',
    scheme: 'VOEC (VAT on E-Commerce): VAT charged by the registered seller or marketplace at the sale',
    excludedHsPrefixes: Array.from({ length: 24 }, (_, i) => String(i + 1).padStart(2, '0')),
    description: 'Items under NOK 3,000 (value of each item, shipping excluded): VAT charged at the sale under VOEC',
    source: 'VAT Act (LOV-2009-06-19-58), chapter 14 (VOEC); Norwegian Tax Administration (skatteetaten.no)',
  },
  // ── Japan ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'JP-DUTY-SMALL-CONSIGNMENT-10000',
    scope: 'duty',
    destinations: ['JP'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '10000', currency: 'JPY', comparison: 'at-most' },
    measure: 'consignment-cif-value',
    within: 'exempt',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description:
      'Small consignments with a total taxable (CIF) value up to JPY 10,000 are free of customs duty (alcohol, tobacco and some leather goods and knitwear excluded)',
    source: 'Act on Temporary Measures concerning Customs (Act No. 36 of 1960), Art. 14(xviii)',
  },
  {
    id: 'JP-CT-SMALL-CONSIGNMENT-10000',
    scope: 'tax',
    destinations: ['JP'],
    effectiveFrom: DUTY_DATA_COVERAGE_FROM,
    threshold: { amount: '10000', currency: 'JPY', comparison: 'at-most' },
    measure: 'consignment-cif-value',
    within: 'exempt',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'Small consignments with a total taxable (CIF) value up to JPY 10,000 are free of import consumption tax',
    source: 'Act on Special Provisions of the Customs Act and Consumption Tax on Imported Goods (Act No. 37 of 1955), Art. 13(1)(i)',
  },
  // ── Singapore ──────────────────────────────────────────────────────────────────────────
  {
    id: 'SG-GST-IMPORT-RELIEF-400',
    scope: 'tax',
    destinations: ['SG'],
    effectiveFrom: '1994-04-01',
    effectiveTo: '2022-12-31',
    threshold: { amount: '400', currency: 'SGD', comparison: 'at-most' },
    measure: 'consignment-cif-value',
    within: 'exempt',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'GST import relief for goods imported by air or post of a total value up to SGD 400',
    source: 'Goods and Services Tax (Imports Relief) Order; IRAS',
  },
  {
    id: 'SG-GST-OVR-LVG-400',
    scope: 'tax',
    destinations: ['SG'],
    effectiveFrom: '2023-01-01',
    threshold: { amount: '400', currency: 'SGD', comparison: 'at-most' },
    measure: 'consignment-cif-value',
    within: 'collected-at-sale',
    scheme: 'Overseas Vendor Registration (OVR): GST charged by the registered vendor at the sale on low-value goods',
    excludedHsPrefixes: ALCOHOL_TOBACCO_HS_PREFIXES,
    description: 'Low-value goods up to SGD 400 imported by air or post: GST charged at the sale under OVR, import relief at the border',
    source: 'IRAS e-Tax Guide "GST: Taxing imported low-value goods by way of the overseas vendor registration regime"; Goods and Services Tax Act 1993 (from 2023-01-01)',
  },
];

function inForce(rule: LowValueRule, date: string): boolean {
  return rule.effectiveFrom <= date && (rule.effectiveTo === undefined || date <= rule.effectiveTo);
}

/** The rule that applies to a shipment from `shipFrom` to `destination` on `date`, for one scope. */
export function lowValueRule(destination: string, scope: LowValueScope, date: string, shipFrom: string): LowValueRule | undefined {
  return LOW_VALUE_RULES.find(
    (r) =>
      r.scope === scope &&
      r.destinations.includes(destination) &&
      inForce(r, date) &&
      (r.shipFrom === undefined || r.shipFrom.includes(shipFrom)),
  );
}
