/** Named inputs and results of the currency-rate activities (workflows import these types only). */

export interface FetchFxRatesInput {
  /** Rate source id from the config's `fx.sources` (e.g. ecb, xe). */
  source: string;
  /** The latest published rates (ECB daily file, XE convert_from). */
  latest?: boolean;
  /** Or every published date in [from, to] (YYYY-MM-DD), e.g. for a backfill. */
  from?: string;
  to?: string;
}

export interface FetchFxRatesResult {
  source: string;
  /** Distinct dates read. */
  dates: number;
  rates: number;
  inserted: number;
  updated: number;
  unchanged: number;
  firstDate?: string;
  lastDate?: string;
  /** The feed or endpoint read (e.g. eurofxref-hist-90d.xml). */
  feed: string;
}

export interface FxActivities {
  fetchFxRates(input: FetchFxRatesInput): Promise<FetchFxRatesResult>;
}
