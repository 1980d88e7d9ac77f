/**
 * What the rate sources' replies become: canonical rates of one file or answer, the
 * published entries left out, and the dates covered. Pure: the connector (connectors/fx)
 * fetches and parses, this maps.
 */
import type { FxRate } from '../canonical/fx.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { ecbXmlToFxRates } from './ecb.js';
import type { FxRateBatch } from './rate-batch.js';
import { xeConvertFromToFxRates, xeHistoricRateToFxRates } from './xe.js';

export interface FxRatesResult {
  readonly source: 'ecb' | 'xe';
  /** ECB: the file read (`eurofxref-daily.xml`); XE: the endpoint (`convert_from.json`). */
  readonly feed: string;
  readonly rates: FxRate[];
  /** Well-formed entries that cannot be canonical rates (codes outside ISO 4217, identity pairs), each explained. */
  readonly skipped: MappingIssue[];
  /** Distinct dates of `rates`, ascending. */
  readonly dates: string[];
  readonly requestId?: string;
}

/** An ECB reference-rate file as connectors/fx returns it (EcbRatesFile). */
export interface EcbRatesFileInput {
  readonly feed: string;
  /** Parsed by xml2js with `{ xmlns: true }`. */
  readonly document: unknown;
  readonly requestId?: string;
}

/** An XE rates answer as connectors/fx returns it (XeRatesReply): numbers as decimal text. */
export interface XeRatesReplyInput {
  readonly feed: string;
  readonly body: unknown;
  readonly requestId?: string;
}

/** Both ends YYYY-MM-DD, inclusive. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

function distinctDates(rates: readonly FxRate[]): string[] {
  return [...new Set(rates.map((r) => r.date))].sort();
}

/** `field: message; field: message` (a value only when short and scalar). */
export function describeFxIssues(issues: readonly MappingIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}${typeof i.value === 'string' || typeof i.value === 'number' ? ` (${JSON.stringify(i.value)})` : ''}`).join('; ');
}

function result(source: FxRatesResult['source'], reply: { feed: string; requestId?: string }, batch: FxRateBatch): FxRatesResult {
  return {
    source,
    feed: reply.feed,
    rates: batch.rates,
    skipped: batch.skipped,
    dates: distinctDates(batch.rates),
    ...(reply.requestId === undefined ? {} : { requestId: reply.requestId }),
  };
}

const SKIPPED_DATE = /\[time=(\d{4}-\d{2}-\d{2})\]/;

/** The rates of one ECB file; with `range`, only the dates in it (skipped entries of other dates dropped too). */
export function ecbRatesFileToFxRates(file: EcbRatesFileInput, range?: DateRange): MappingResult<FxRatesResult> {
  const mapped = ecbXmlToFxRates(file.document);
  if (!mapped.ok) return fail(new MappingError(mapped.error.recordType, file.feed, mapped.error.issues));
  if (range === undefined) return ok(result('ecb', file, mapped.value));
  const inRange = (date: string): boolean => date >= range.from && date <= range.to;
  const skipped = mapped.value.skipped.filter((s) => {
    const date = SKIPPED_DATE.exec(s.field)?.[1];
    return date === undefined || inRange(date);
  });
  return ok(result('ecb', file, { rates: mapped.value.rates.filter((r) => inRange(r.date)), skipped }));
}

/** The rates of an XE convert_from or historic_rate answer. */
export function xeRatesReplyToFxRates(reply: XeRatesReplyInput): MappingResult<FxRatesResult> {
  const mapped = reply.feed === 'historic_rate.json' ? xeHistoricRateToFxRates(reply.body) : xeConvertFromToFxRates(reply.body);
  if (!mapped.ok) return fail(new MappingError(mapped.error.recordType, reply.feed, mapped.error.issues));
  return ok(result('xe', reply, mapped.value));
}
