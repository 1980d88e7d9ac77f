/**
 * Currency rates as a service: fetch a configured source's published rates into the store
 * (activities of fxRefresh / fxBackfill), and the rate tables conversions read. The same
 * functions serve the CLI, which converts without a running worker.
 */
import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { EcbRatesFile, XeRatesReply } from '../connectors/fx/index.js';
import { ConnectorError } from '../connectors/http/errors.js';
import type { RateLimiterRegistry } from '../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability, type RatePublication } from '../connectors/registry.js';
import type { FxRate } from '../mappings/canonical/fx.js';
import type { MappingResult } from '../mappings/canonical/result.js';
import { describeFxIssues, ecbRatesFileToFxRates, xeRatesReplyToFxRates, type DateRange, type FxRatesResult } from '../mappings/fx/index.js';
import type { FxRateTable } from '../engines/fx/index.js';
import { addDaysToDate, fxRateTableFor, hasFxRates, upsertFxRates } from '../store/fx-repository.js';
import { ConfigError } from '../config/errors.js';
import type { Logger } from 'pino';
import { findFxSource, type FxSourceConfig, type TenantsConfig } from '../config/tenants-config.js';
import { asActivity } from './failures.js';
import type { FetchFxRatesInput, FetchFxRatesResult, FxActivities } from './fx-types.js';
import { createVendorClients, type VendorClients } from './vendor-clients.js';

export interface FxServiceDeps {
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
  limiter?: RateLimiterRegistry;
  /** The worker's connector cache; one of its own (on `limiter`) when absent (the CLI). */
  vendors?: VendorClients;
}

/**
 * How each rate source's publications (the vendor's own file or answer) become canonical
 * rates: one line per vendor. ECB files hold more dates than asked for: the range keeps the asked ones.
 */
const RATE_MAPPINGS: Readonly<Record<string, (published: RatePublication, range?: DateRange) => MappingResult<FxRatesResult>>> = {
  ecb: (p, range) => ecbRatesFileToFxRates(p as EcbRatesFile, range),
  xe: (p) => xeRatesReplyToFxRates(p as XeRatesReply),
};

/** A published file or answer that does not map to rates breaks the vendor's contract: not retried. */
function ratesOf(mapped: MappingResult<FxRatesResult>, vendor: string): FxRatesResult {
  if (mapped.ok) return mapped.value;
  const { recordId, issues } = mapped.error;
  throw new ConnectorError('contract', `${vendor} rates: ${recordId ?? 'the reply'} does not map to rates: ${describeFxIssues(issues)}`, {
    vendor,
    operation: 'rates',
    cause: mapped.error,
  });
}

/** The address a source's rates are read from: its base URL (the vendor's site, a mirror, a stand-in). */
export function fxSourceOrigin(cfg: FxSourceConfig): string {
  return connectorFor(cfg.vendor).baseUrl(cfg.settings);
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function createFxService(deps: FxServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const vendors = deps.vendors ?? createVendorClients({ config: deps.config, logger: deps.logger, ...(deps.env ? { env: deps.env } : {}), ...(deps.limiter ? { limiter: deps.limiter } : {}) });

  /** The source's published rates: the latest, or every date of [from, to]. */
  async function readRates(input: FetchFxRatesInput, today: string, heartbeat?: (detail: unknown) => void): Promise<FxRatesResult[]> {
    const { connector, config } = vendors.fxSource(input.source);
    const source = requireCapability(connector, 'rateSource', `fx.sources.${input.source}`);
    const query = { base: config.base, ...(config.currencies ? { currencies: config.currencies } : {}) };
    const map = RATE_MAPPINGS[config.vendor];
    if (!map) throw new ConfigError(`no rate mapping for vendor "${config.vendor}" (activities/fx.ts RATE_MAPPINGS)`);
    if (input.latest || input.from === undefined) return (await source.latest(query)).map((p) => ratesOf(map(p), config.vendor));
    const range = { from: input.from, to: input.to ?? today };
    const published = await source.between({ ...query, ...range, today, onDate: (date) => heartbeat?.({ date }) });
    return published.map((p) => ratesOf(map(p, range), config.vendor));
  }

  /** Stored under the configured source id, so rates from a sandbox or a second account never mix with real ones. */
  async function storeRates(source: string, results: readonly FxRatesResult[]) {
    const rates: FxRate[] = results.flatMap((r) => r.rates.map((rate) => ({ ...rate, source })));
    const written = await upsertFxRates(deps.db, rates, { origin: fxSourceOrigin(findFxSource(deps.config, source)) });
    return { rates, written };
  }

  /** Reads the source's published rates (latest, or every date of a range) and stores them under the source's id. */
  async function fetchAndStore(input: FetchFxRatesInput, heartbeat?: (detail: unknown) => void): Promise<FetchFxRatesResult> {
    const logger = deps.logger.child({ fxSource: input.source });
    const results = await readRates(input, isoDate(clock()), heartbeat);
    const { rates, written } = await storeRates(input.source, results);
    const dates = [...new Set(rates.map((r) => r.date))].sort();
    const skipped = results.flatMap((r) => r.skipped);
    if (skipped.length) logger.info({ skipped: skipped.length }, 'published entries that are not canonical rates were skipped');
    const result: FetchFxRatesResult = {
      source: input.source,
      feed: [...new Set(results.map((r) => r.feed))].join(', ') || 'none',
      dates: dates.length,
      rates: rates.length,
      inserted: written.inserted,
      updated: written.updated,
      unchanged: written.unchanged,
      ...(dates[0] ? { firstDate: dates[0] } : {}),
      ...(dates.at(-1) ? { lastDate: dates.at(-1)! } : {}),
    };
    logger.info(result, 'fx rates stored');
    return result;
  }

  /**
   * The rate table for conversions on `onDate`; when the store has nothing for that
   * window yet, the source is read first (so a first `caravan fx convert` works).
   */
  async function rateTableFor(onDate: string, opts: { source?: string; fetchIfMissing?: boolean; lookbackDays?: number } = {}): Promise<FxRateTable & { fetched?: FetchFxRatesResult }> {
    const source = opts.source ?? deps.config.fx.default;
    // Only rates read from the source's configured address count: a stand-in's never pass for the real ones.
    const origin = fxSourceOrigin(findFxSource(deps.config, source));
    const lookbackDays = opts.lookbackDays ?? 7;
    const table = await fxRateTableFor(deps.db, { source, onDate, lookbackDays, origin });
    const from = addDaysToDate(onDate, -lookbackDays);
    if (opts.fetchIfMissing === false || (await hasFxRates(deps.db, { source, from, to: onDate, origin }))) return table;
    const fetched = await fetchAndStore({ source, from, to: onDate });
    return Object.assign(await fxRateTableFor(deps.db, { source, onDate, lookbackDays, origin }), { fetched });
  }

  return { fetchAndStore, rateTableFor };
}

export function createFxActivities(deps: FxServiceDeps): FxActivities {
  const service = createFxService(deps);
  return {
    async fetchFxRates(input) {
      const ctx = Context.current();
      return asActivity(() => service.fetchAndStore(input, (d) => ctx.heartbeat(d)));
    },
  };
}
