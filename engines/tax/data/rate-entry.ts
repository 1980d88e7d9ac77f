import type { TaxCategory } from '../../../mappings/canonical/tax.js';

/**
 * One dated rate of one tax: the rate `ratePercent` applies to `categories` in `country`
 * (and `subdivision`, where the tax is levied below country level) from `effectiveFrom`
 * through `effectiveTo` (inclusive; open when absent). A change in law is a new row.
 */
export interface RateEntry {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** Province or state code below the country (Canada: ON, QC …). */
  readonly subdivision?: string;
  /** The tax's own name: VAT, GST, HST, QST, PST, RST, consumption tax. */
  readonly tax: string;
  /**
   * How the tax stacks on the country-level tax of the same country: `replaces` (HST replaces
   * GST in the participating provinces), `adds` (QST, PST on top of GST). Country-level rows: none.
   */
  readonly stacking?: 'replaces' | 'adds';
  /** The rate's name in the law or the EC table: standard, reduced, super-reduced, zero, middle … */
  readonly kind: string;
  readonly categories: readonly TaxCategory[];
  /** Percentage as a decimal string ("25.5"). */
  readonly ratePercent: string;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  /** What the row covers, in words (the category list is coarse: say what it means here). */
  readonly description: string;
  /** Where the rate is published. */
  readonly source: string;
  /**
   * A temporary measure (a tax holiday) that takes precedence, for its categories and dates,
   * over the lasting rows it interrupts; those keep their own dates and ids.
   */
  readonly overrides?: true;
}

/** Rows of one country are written with this helper so each row reads as one line of law. */
export function rateRow(
  country: string,
  tax: string,
  kind: string,
  ratePercent: string,
  categories: readonly TaxCategory[],
  dates: { from: string; to?: string },
  description: string,
  source: string,
  extra: { subdivision?: string; stacking?: 'replaces' | 'adds'; overrides?: true } = {},
): RateEntry {
  return {
    country,
    ...(extra.subdivision !== undefined ? { subdivision: extra.subdivision } : {}),
    tax,
    ...(extra.stacking !== undefined ? { stacking: extra.stacking } : {}),
    kind,
    categories,
    ratePercent,
    effectiveFrom: dates.from,
    ...(dates.to !== undefined ? { effectiveTo: dates.to } : {}),
    description,
    source,
    ...(extra.overrides === true ? { overrides: true as const } : {}),
  };
}

/**
 * Rows whose start predates this date are given this date when the real start is not
 * recorded here: the EU e-commerce package (OSS/IOSS) took effect on 2021-07-01, and the
 * built-in engine quotes from that day on.
 */
export const COVERAGE_FROM = '2021-07-01';

/**
 * First day each country's rows are complete for every category (earlier reduced rates
 * are not recorded): a lookup before it answers "unknown" rather than a wrong rate.
 * EU member states, the UK and Norway: COVERAGE_FROM; Canada: 2013-04-01 (sales-tax-ca.ts).
 */
export const RATE_COVERAGE_FROM: Readonly<Record<string, string>> = {
  GB: COVERAGE_FROM,
  NO: COVERAGE_FROM,
  CH: '2018-01-01',
  AU: '2000-07-01',
  NZ: '2010-10-01',
  SG: '2007-07-01',
  JP: '2019-10-01',
  CA: '2013-04-01',
};
