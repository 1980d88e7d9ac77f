/**
 * Currency rates: `fxRefresh` stores the latest published rates of a source (run daily
 * by a Temporal Schedule, `caravan schedules apply`), `fxBackfill` a date range. The feed
 * documents are read and stored inside the activity; only counts travel through history.
 */
import { ApplicationFailure, continueAsNew, proxyActivities, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { FetchFxRatesResult, FxActivities } from '../activities/fx-types.js';
import { ACTIVITY_OPTIONS } from '../temporal.config.js';

const { fetchFxRates } = proxyActivities<FxActivities>({ ...ACTIVITY_OPTIONS.vendorPage, summary: 'fetch and store rates' });

export interface FxRefreshInput {
  source: string;
}

export async function fxRefresh(input: FxRefreshInput): Promise<FetchFxRatesResult> {
  if (!input.source) throw ApplicationFailure.nonRetryable('fxRefresh needs a rate source', 'validation');
  const result = await fetchFxRates({ source: input.source, latest: true });
  setCurrentDetails(describe(result));
  return result;
}

export interface FxBackfillInput {
  source: string;
  from: string;
  to: string;
  /** Days per activity (sources that answer one date per call, like XE historic_rate). */
  chunkDays?: number;
  /** Carried across continue-as-new. */
  done?: FetchFxRatesResult;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Adds days to a YYYY-MM-DD date (pure calendar arithmetic, deterministic). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function merge(a: FetchFxRatesResult | undefined, b: FetchFxRatesResult): FetchFxRatesResult {
  if (!a) return b;
  return {
    source: b.source,
    feed: b.feed,
    dates: a.dates + b.dates,
    rates: a.rates + b.rates,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    ...(a.firstDate ?? b.firstDate ? { firstDate: [a.firstDate, b.firstDate].filter(Boolean).sort()[0]! } : {}),
    ...(a.lastDate ?? b.lastDate ? { lastDate: [a.lastDate, b.lastDate].filter(Boolean).sort().at(-1)! } : {}),
  };
}

function describe(r: FetchFxRatesResult): string {
  return `**${r.source}** ${r.feed}: ${r.dates} dates (${r.firstDate ?? '–'} → ${r.lastDate ?? '–'}), ${r.rates} rates — ${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged`;
}

export async function fxBackfill(input: FxBackfillInput): Promise<FetchFxRatesResult> {
  const { source, from, to } = input;
  if (!DATE.test(from) || !DATE.test(to) || from > to) {
    throw ApplicationFailure.nonRetryable(`backfill range ${from}..${to} is not a pair of dates YYYY-MM-DD in order`, 'validation');
  }
  const chunk = input.chunkDays ?? 31;
  let done = input.done;
  let start = from;
  while (start <= to) {
    const end = addDays(start, chunk - 1) < to ? addDays(start, chunk - 1) : to;
    const part = await fetchFxRates({ source, from: start, to: end });
    done = merge(done, part);
    setCurrentDetails(describe(done));
    start = addDays(end, 1);
    if (start <= to && workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof fxBackfill>({ ...input, from: start, done });
    }
  }
  return done ?? { source, feed: 'none', dates: 0, rates: 0, inserted: 0, updated: 0, unchanged: 0 };
}
