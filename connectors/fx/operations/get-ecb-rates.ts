/**
 * ECB euro reference rates — GET /stats/eurofxref/eurofxref-daily.xml, eurofxref-hist-90d.xml
 * or eurofxref-hist.xml. Keyless. The file is parsed with xml2js and mapped by
 * ecbXmlToFxRates: anything that is not the reference-rate XML (an HTML error page, a
 * truncated file, a wrong root, an empty Cube, a rate that is not a decimal) is a contract
 * error naming what was wrong, never a rate.
 */
import { isCalendarDate } from '../../../mappings/fx/calendar-date.js';
import { ecbXmlToFxRates } from '../../../mappings/fx/ecb.js';
import type { FxCallOptions, FxRequest, FxResponse, FxSend } from '../client.js';
import { ECB_FEEDS, ecbFeedFile, type EcbFeed } from '../config.js';
import { bodyPreview, ECB_VENDOR, fxContractError, fxInvalidRequest } from '../errors.js';
import { describeIssues, distinctDates, type FxRatesResult } from '../rates-result.js';
import { parseEcbXml } from '../schemas.js';

const OPERATION = 'ecbReferenceRates';

/** The 90-day file covers 90 calendar days back from its newest date; keep a margin for the days before publication. */
export const ECB_HIST_90D_SAFE_DAYS = 85;

export function buildEcbRatesRequest(feed: EcbFeed, options: { historyTimeoutMs?: number } = {}): FxRequest {
  if (!Object.hasOwn(ECB_FEEDS, feed)) throw fxInvalidRequest(ECB_VENDOR, OPERATION, `unknown feed "${String(feed)}" (daily, hist90d, hist)`);
  return {
    operation: OPERATION,
    path: ECB_FEEDS[feed],
    ...(feed === 'hist' && options.historyTimeoutMs !== undefined ? { timeoutMs: options.historyTimeoutMs } : {}),
  };
}

/** Parses and maps one ECB file; throws a contract ConnectorError for anything but valid reference-rate XML. */
export async function parseEcbRatesResponse(feed: EcbFeed, response: FxResponse): Promise<FxRatesResult> {
  const file = ecbFeedFile(feed);
  const details = { status: response.status, headers: response.headers };
  const contentType = typeof response.headers['content-type'] === 'string' ? ` (content-type ${response.headers['content-type']})` : '';
  const parsed = await parseEcbXml(response.text);
  if (!parsed.ok) {
    throw fxContractError(ECB_VENDOR, OPERATION, `${file} is not the ECB reference-rate XML: ${parsed.message}${contentType}; body starts ${bodyPreview(response.text, 80)}`, details);
  }
  const mapped = ecbXmlToFxRates(parsed.doc);
  if (!mapped.ok) {
    throw fxContractError(ECB_VENDOR, OPERATION, `${file} is not the ECB reference-rate XML: ${describeIssues(mapped.error.issues)}${contentType}`, { ...details, cause: mapped.error });
  }
  const { rates, skipped } = mapped.value;
  return {
    source: 'ecb',
    feed: file,
    rates,
    skipped,
    dates: distinctDates(rates),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

export async function getEcbRates(
  send: FxSend,
  feed: EcbFeed,
  requestOptions: { historyTimeoutMs?: number } = {},
  options?: FxCallOptions,
): Promise<FxRatesResult> {
  const request = buildEcbRatesRequest(feed, requestOptions);
  return parseEcbRatesResponse(feed, await send(request, options));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The smallest file holding every date from `from` on, given today's date: the 90-day file, else the full history. */
export function chooseEcbFeed(from: string, today: string): EcbFeed {
  return daysBetween(from, today) <= ECB_HIST_90D_SAFE_DAYS ? 'hist90d' : 'hist';
}

export interface EcbRatesBetweenOptions {
  /** Today's date YYYY-MM-DD (the caller's clock), to pick the file. */
  readonly today: string;
  readonly historyTimeoutMs?: number;
}

const SKIPPED_DATE = /\[time=(\d{4}-\d{2}-\d{2})\]/;

/** Rates published in [from, to] (both YYYY-MM-DD), from the smallest file that covers them. */
export async function getEcbRatesBetween(
  send: FxSend,
  from: string,
  to: string,
  options: EcbRatesBetweenOptions & FxCallOptions,
): Promise<FxRatesResult> {
  for (const [name, value] of [['from', from], ['to', to], ['today', options.today]] as const) {
    if (typeof value !== 'string' || !isCalendarDate(value)) throw fxInvalidRequest(ECB_VENDOR, OPERATION, `${name} must be a date YYYY-MM-DD, got "${String(value)}"`);
  }
  if (from > to) throw fxInvalidRequest(ECB_VENDOR, OPERATION, `from ${from} is after to ${to}`);
  const { today, historyTimeoutMs, ...callOptions } = options;
  const all = await getEcbRates(send, chooseEcbFeed(from, today), historyTimeoutMs === undefined ? {} : { historyTimeoutMs }, callOptions);
  const inRange = (date: string): boolean => date >= from && date <= to;
  const rates = all.rates.filter((r) => inRange(r.date));
  return {
    ...all,
    rates,
    skipped: all.skipped.filter((s) => {
      const date = SKIPPED_DATE.exec(s.field)?.[1];
      return date === undefined || inRange(date);
    }),
    dates: distinctDates(rates),
  };
}
