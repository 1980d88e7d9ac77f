/**
 * Dated VAT/GST rate lookup: which rate applies to a product tax category in a country
 * (and province) on a day, and the rule it comes from. The rates are data
 * (engines/tax/data/*.ts); a change in law is a new row there, not a change here.
 */
import type { TaxCategory, TaxRuleRef } from '../../mappings/canonical/tax.js';
import { COVERAGE_FROM, RATE_COVERAGE_FROM, type RateEntry } from './data/rate-entry.js';
import { CA_PROVINCES, CA_SALES_TAX_RATES } from './data/sales-tax-ca.js';
import { EU_VAT_RATES } from './data/vat-rates-eu.js';
import { OTHER_VAT_RATES } from './data/vat-rates-other.js';
import { REGIONAL_VAT_RATES } from './data/vat-rates-regional.js';

export type { RateEntry } from './data/rate-entry.js';

/** Every dated rate the built-in engine knows. */
export const VAT_RATE_TABLE: readonly RateEntry[] = [...EU_VAT_RATES, ...REGIONAL_VAT_RATES, ...OTHER_VAT_RATES, ...CA_SALES_TAX_RATES];

/** One tax levied on a supply: VAT, or GST plus a provincial tax in Canada. */
export interface TaxComponent {
  /** The tax's name: VAT, GST, HST, QST, PST, RST, consumption tax. */
  readonly tax: string;
  /** Where it is levied: 'DE', 'CA', 'CA-QC'. */
  readonly jurisdiction: string;
  readonly ratePercent: string;
  readonly rule: TaxRuleRef;
}

/**
 * The rule reference of a rate row. Its id reads `EE/vat/standard-24@2025-07-01`; a row whose
 * first category is not its kind names it (`FI/vat/reduced-14-food@2013-01-01`), so rows of
 * one rate for different categories keep distinct ids.
 */
export function ruleOfRate(entry: RateEntry): TaxRuleRef {
  const kind = slug(entry.kind);
  const first = entry.categories[0];
  const label = first === undefined || first === kind ? `${kind}-${entry.ratePercent}` : `${kind}-${entry.ratePercent}-${first}`;
  return {
    id: `${scopeOf(entry)}/${slug(entry.tax)}/${label}@${entry.effectiveFrom}`,
    description: entry.description,
    source: entry.source,
    effectiveFrom: entry.effectiveFrom,
    ...(entry.effectiveTo !== undefined ? { effectiveTo: entry.effectiveTo } : {}),
  };
}

function scopeOf(entry: RateEntry): string {
  return entry.subdivision !== undefined ? `${entry.country}-${entry.subdivision}` : entry.country;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '-');
}

function activeOn(entry: RateEntry, date: string): boolean {
  // ISO dates compare correctly as strings.
  return entry.effectiveFrom <= date && (entry.effectiveTo === undefined || date <= entry.effectiveTo);
}

const CA_PROVINCE_NAMES: Readonly<Record<string, string>> = {
  ALBERTA: 'AB', 'BRITISH COLUMBIA': 'BC', MANITOBA: 'MB', 'NEW BRUNSWICK': 'NB',
  'NEWFOUNDLAND AND LABRADOR': 'NL', NEWFOUNDLAND: 'NL', 'NOVA SCOTIA': 'NS', 'NORTHWEST TERRITORIES': 'NT',
  NUNAVUT: 'NU', ONTARIO: 'ON', 'PRINCE EDWARD ISLAND': 'PE', QUEBEC: 'QC', QUÉBEC: 'QC',
  SASKATCHEWAN: 'SK', YUKON: 'YT',
};

/**
 * Canonical subdivision code of a Canadian address region: 'ON', 'CA-ON', 'on' and
 * 'Ontario' all give 'ON'; anything else gives undefined.
 */
export function canadianProvince(region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  const text = region.trim().toUpperCase().replace(/^CA-/, '');
  const code = CA_PROVINCE_NAMES[text] ?? text;
  return (CA_PROVINCES as readonly string[]).includes(code) ? code : undefined;
}

/** The row for `category` among rows of one tax active on the day (a temporary override first), else the standard row. */
function pick(rows: readonly RateEntry[], category: TaxCategory): RateEntry | undefined {
  return (
    rows.find((r) => r.overrides === true && r.categories.includes(category)) ??
    rows.find((r) => r.categories.includes(category)) ??
    rows.find((r) => r.categories.includes('standard'))
  );
}

function component(entry: RateEntry, category: TaxCategory, xiAlias: boolean): TaxComponent {
  const jurisdiction = xiAlias ? 'XI' : scopeOf(entry);
  const base = ruleOfRate(entry);
  if (category === 'zero' || category === 'exempt') {
    // The caller declared the supply zero-rated or exempt: no rate row decides that, so the
    // rule names the request's category against the tax in force that day.
    return {
      tax: entry.tax,
      jurisdiction,
      ratePercent: '0',
      rule: {
        ...base,
        id: `${scopeOf(entry)}/${slug(entry.tax)}/${category}-by-category@${entry.effectiveFrom}`,
        description: `Supply declared ${category === 'zero' ? 'zero-rated' : 'exempt'} (tax category '${category}'): no ${entry.tax} charged`,
      },
    };
  }
  const rule = xiAlias
    ? { ...base, description: `${base.description} (Northern Ireland applies United Kingdom VAT rates)` }
    : base;
  return { tax: entry.tax, jurisdiction, ratePercent: entry.ratePercent, rule };
}

/**
 * The taxes levied on a supply of `category` in `country` on `date`: one VAT/GST component,
 * or in Canada GST (or HST) plus the province's own tax. Undefined when no rate is known
 * (the United States, or a date before the country's rows are complete: RATE_COVERAGE_FROM).
 * `subdivision` is the province for Canada ('ON', 'CA-ON' or 'Ontario'), or a region with its
 * own rates elsewhere ('30' or 'PT-30' Madeira, '971' Guadeloupe): the region's rows replace the
 * national ones (a category without a regional row takes the regional standard rate), and a
 * day without regional rows answers undefined, never the mainland rate. 'XI' as country is
 * Northern Ireland (United Kingdom rates).
 */
export function salesTaxComponents(
  country: string,
  category: TaxCategory,
  date: string,
  subdivision?: string,
): TaxComponent[] | undefined {
  const xiAlias = country === 'XI';
  const cc = xiAlias ? 'GB' : country;
  if (date < (RATE_COVERAGE_FROM[cc] ?? COVERAGE_FROM)) return undefined;
  const national = VAT_RATE_TABLE.filter((r) => r.country === cc && r.subdivision === undefined && activeOn(r, date));
  const nationalRow = pick(national, category);
  if (cc !== 'CA') {
    // A region with its own rows (Madeira PT-30, Guadeloupe FR-971 …): they replace the national rates.
    if (subdivision !== undefined && !xiAlias) {
      const sub = subdivision.trim().toUpperCase().replace(new RegExp(`^${cc}-`), '');
      if (VAT_RATE_TABLE.some((r) => r.country === cc && r.subdivision === sub && r.stacking === 'replaces')) {
        const regional = VAT_RATE_TABLE.filter((r) => r.country === cc && r.subdivision === sub && r.stacking === 'replaces' && activeOn(r, date));
        const row = pick(regional, category);
        return row ? [component(row, category, false)] : undefined;
      }
    }
    return nationalRow ? [component(nationalRow, category, xiAlias)] : undefined;
  }

  const province = canadianProvince(subdivision);
  const provincial = province
    ? VAT_RATE_TABLE.filter((r) => r.country === 'CA' && r.subdivision === province && activeOn(r, date))
    : [];
  const byTax = new Map<string, RateEntry[]>();
  for (const r of provincial) byTax.set(r.tax, [...(byTax.get(r.tax) ?? []), r]);
  const provincialRows = [...byTax.values()].map((rows) => pick(rows, category)).filter((r): r is RateEntry => r !== undefined);
  if (provincialRows.some((r) => r.stacking === 'replaces')) return provincialRows.map((r) => component(r, category, false));
  if (!nationalRow) return undefined;
  return [component(nationalRow, category, false), ...provincialRows.map((r) => component(r, category, false))];
}

/**
 * The VAT/GST rate on a supply of `category` in `country` on `date` (YYYY-MM-DD), with the
 * rule it comes from. A category without its own rate in that country takes the standard
 * rate; 'zero' and 'exempt' give "0". In Canada with a province the rate is the combined
 * GST/HST + PST/QST and the rule lists both parts. Undefined when no rate is known (the
 * United States: sales tax comes from AvaTax only).
 */
export function vatRate(
  country: string,
  category: TaxCategory,
  date: string,
  subdivision?: string,
): { ratePercent: string; rule: TaxRuleRef } | undefined {
  const parts = salesTaxComponents(country, category, date, subdivision);
  if (!parts || parts.length === 0) return undefined;
  if (parts.length === 1) return { ratePercent: parts[0]!.ratePercent, rule: parts[0]!.rule };
  return { ratePercent: sumPercents(parts.map((p) => p.ratePercent)), rule: combinedRule(parts) };
}

function sumPercents(rates: readonly string[]): string {
  // Exact decimal sum of short percentage strings ("5" + "9.975" = "14.975").
  const scale = Math.max(...rates.map((r) => (r.split('.')[1] ?? '').length));
  const total = rates.reduce((acc, r) => {
    const [whole = '0', frac = ''] = r.split('.');
    return acc + BigInt(whole + frac.padEnd(scale, '0'));
  }, 0n);
  const digits = total.toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function combinedRule(parts: readonly TaxComponent[]): TaxRuleRef {
  const froms = parts.map((p) => p.rule.effectiveFrom).sort();
  const tos = parts.map((p) => p.rule.effectiveTo).filter((t): t is string => t !== undefined).sort();
  return {
    id: parts.map((p) => p.rule.id).join('+'),
    description: parts.map((p) => `${p.tax} ${p.ratePercent}% (${p.rule.description})`).join(' + '),
    source: parts.map((p) => p.rule.source).join('; '),
    effectiveFrom: froms[froms.length - 1]!,
    ...(tos.length > 0 ? { effectiveTo: tos[0]! } : {}),
  };
}
