/**
 * Currency rates as a service: fetch a configured source's published rates into the store
 * (activities of fxRefresh / fxBackfill), and the rate tables conversions read. The same
 * functions serve the CLI, which converts without a running worker.
 */
import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { createEcbClient, createXeClient, ECB, ecbBaseUrl, XE, xeBaseUrl } from '../connectors/fx/index.js';
import { ConnectorError } from '../connectors/http/errors.js';
import type { MappingResult } from '../mappings/canonical/result.js';
import { describeFxIssues, ecbRatesFileToFxRates, xeRatesReplyToFxRates, type FxRatesResult } from '../mappings/fx/index.js';
import { RateLimiterRegistry } from '../connectors/http/rate-limiter.js';
import type { FxRate } from '../mappings/canonical/fx.js';
import type { FxRateTable } from '../mappings/canonical/convert.js';
import { addDaysToDate, fxRateTableFor, hasFxRates, upsertFxRates } from '../store/fx-repository.js';
import { ConfigError } from '../config/errors.js';
import type { Logger } from 'pino';
import { resolveSecret } from '../config/secrets.js';
import type { FxSourceConfig, TenantsConfig } from '../config/tenants-config.js';
import { asActivity } from './failures.js';
import type { FetchFxRatesInput, FetchFxRatesResult, FxActivities } from './fx-types.js';

export interface FxServiceDeps {
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
  limiter?: RateLimiterRegistry;
}

/** Shared (not tenant) rates: buckets and logs are keyed with this tenant id. */
const SHARED = '_shared';

export function fxSourceConfig(config: TenantsConfig, source: string): FxSourceConfig {
  const s = config.fx.sources[source];
  if (!s) throw new ConfigError(`unknown rate source "${source}" (fx.sources: ${Object.keys(config.fx.sources).join(', ')})`);
  return s;
}

/** The address a source's rates are read from: its base URL (the vendor's site, a mirror, a stand-in). */
export function fxSourceOrigin(cfg: FxSourceConfig): string {
  return cfg.vendor === 'ecb' ? ecbBaseUrl(cfg.settings) : xeBaseUrl(cfg.settings);
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDaysToDate(d, 1)) out.push(d);
  return out;
}

/** A published file or answer that does not map to rates breaks the vendor's contract: not retried. */
function ratesOf(mapped: MappingResult<FxRatesResult>, vendor: { vendor: string; label: string }, operation: string): FxRatesResult {
  if (mapped.ok) return mapped.value;
  const { recordId, issues } = mapped.error;
  throw new ConnectorError('contract', `${vendor.label} ${operation}: ${recordId ?? 'the reply'} does not map to rates: ${describeFxIssues(issues)}`, {
    vendor: vendor.vendor,
    operation,
    cause: mapped.error,
  });
}

export function createFxService(deps: FxServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const limiter = deps.limiter ?? new RateLimiterRegistry();

  /** Reads the source's published rates (latest, or every date of a range) and stores them under the source's id. */
  async function fetchAndStore(input: FetchFxRatesInput, heartbeat?: (detail: unknown) => void): Promise<FetchFxRatesResult> {
    const cfg = fxSourceConfig(deps.config, input.source);
    const logger = deps.logger.child({ fxSource: input.source });
    const today = isoDate(clock());
    let results: FxRatesResult[];
    if (cfg.vendor === 'ecb') {
      const client = createEcbClient({ tenant: SHARED, settings: cfg.settings, limiter, logger });
      const ecbRates = (mapped: MappingResult<FxRatesResult>): FxRatesResult => ratesOf(mapped, ECB, 'ecbReferenceRates');
      if (input.latest || input.from === undefined) results = [ecbRates(ecbRatesFileToFxRates(await client.getRates('daily')))];
      else {
        const range = { from: input.from, to: input.to ?? today };
        results = [ecbRates(ecbRatesFileToFxRates(await client.getRatesBetween(range.from, range.to, { today }), range))];
      }
    } else {
      const env = deps.env ?? process.env;
      const client = createXeClient({
        tenant: SHARED,
        settings: cfg.settings,
        credentials: { accountId: resolveSecret(cfg.secrets.accountId, env), apiKey: resolveSecret(cfg.secrets.apiKey, env) },
        limiter,
        logger,
      });
      if (input.latest || input.from === undefined) {
        results = [ratesOf(xeRatesReplyToFxRates(await client.convertFrom({ from: cfg.base, to: cfg.currencies })), XE, 'xeConvertFrom')];
      } else {
        results = [];
        for (const date of eachDate(input.from, input.to ?? today)) {
          results.push(ratesOf(xeRatesReplyToFxRates(await client.historicRate({ from: cfg.base, to: cfg.currencies, date })), XE, 'xeHistoricRate'));
          heartbeat?.({ date });
        }
      }
    }
    // Stored under the configured source id, so rates from a sandbox or a second account never mix with real ones.
    const rates: FxRate[] = results.flatMap((r) => r.rates.map((rate) => ({ ...rate, source: input.source })));
    const written = await upsertFxRates(deps.db, rates, { origin: fxSourceOrigin(cfg) });
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
    const origin = fxSourceOrigin(fxSourceConfig(deps.config, source));
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
