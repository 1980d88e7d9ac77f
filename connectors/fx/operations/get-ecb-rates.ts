/**
 * ECB euro reference rates — GET /stats/eurofxref/eurofxref-daily.xml, eurofxref-hist-90d.xml
 * or eurofxref-hist.xml. Keyless. The file comes back as ECB wrote it, parsed by xml2js
 * (mappings/fx reads the rates from it); a body that is not well-formed XML (an HTML error
 * page, a truncated file) is a contract error naming what was wrong.
 */
import { contractError } from '../../http/error-factories.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { FxRequest } from '../client.js';
import { ECB, ECB_FEEDS, ecbFeedFile, isCalendarDate, type EcbFeed } from '../config.js';
import { bodyPreview } from '../errors.js';
import { parseEcbXml } from '../schemas.js';

const OPERATION = 'ecbReferenceRates';
const SITE = siteOf(ECB, OPERATION);

/** The 90-day file covers 90 calendar days back from its newest date; keep a margin for the days before publication. */
export const ECB_HIST_90D_SAFE_DAYS = 85;

/** One ECB reference-rate file, as published. */
export interface EcbRatesFile {
  readonly source: 'ecb';
  /** The file read: `eurofxref-daily.xml`. */
  readonly feed: string;
  /** The XML document parsed with ECB_XML_PARSER_OPTIONS (map it with mappings/fx ecbRatesFileToFxRates). */
  readonly document: unknown;
  readonly requestId?: string;
}

export function buildEcbRatesRequest(feed: EcbFeed, options: { historyTimeoutMs?: number } = {}): FxRequest {
  if (!Object.hasOwn(ECB_FEEDS, feed)) throw refuse(SITE, `unknown feed "${String(feed)}" (daily, hist90d, hist)`);
  return {
    operation: OPERATION,
    path: ECB_FEEDS[feed],
    read: 'text',
    ...(feed === 'hist' && options.historyTimeoutMs !== undefined ? { timeoutMs: options.historyTimeoutMs } : {}),
  };
}

function rootElement(doc: unknown): string | undefined {
  const names = typeof doc === 'object' && doc !== null ? Object.keys(doc) : [];
  return names.length === 1 ? names[0] : undefined;
}

/** Parses one ECB file; a contract ConnectorError for anything that is not well-formed XML. */
export async function parseEcbRatesResponse(feed: EcbFeed, response: PipelineResponse): Promise<EcbRatesFile> {
  const file = ecbFeedFile(feed);
  const text = String(response.data);
  const parsed = await parseEcbXml(text);
  const contentType = typeof response.headers['content-type'] === 'string' ? ` (content-type ${response.headers['content-type']})` : '';
  if (!parsed.ok) {
    throw contractError(SITE, `${file} is not the ECB reference-rate XML: ${parsed.message}${contentType}; body starts ${bodyPreview(text, 80)}`, response);
  }
  // An XHTML maintenance page or an S3-style <Error> is well-formed XML, but not ECB's file.
  const root = rootElement(parsed.doc);
  if (root?.split(':').pop() !== 'Envelope') {
    throw contractError(SITE, `${file} is not the ECB reference-rate XML: (root): root element is <${root ?? '?'}>, expected gesmes:Envelope: not an ECB reference-rate file${contentType}`, response);
  }
  return { source: 'ecb', feed: file, document: parsed.doc, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getEcbRates(
  send: Send,
  feed: EcbFeed,
  requestOptions: { historyTimeoutMs?: number } = {},
  options?: CallOptions,
): Promise<EcbRatesFile> {
  return parseEcbRatesResponse(feed, await send(buildEcbRatesRequest(feed, requestOptions), options));
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

/**
 * The smallest file that holds every rate published in [from, to] (both YYYY-MM-DD); the
 * file holds other dates too: mappings/fx keeps the range.
 */
export async function getEcbRatesBetween(send: Send, from: string, to: string, options: EcbRatesBetweenOptions & CallOptions): Promise<EcbRatesFile> {
  for (const [name, value] of [['from', from], ['to', to], ['today', options.today]] as const) {
    if (typeof value !== 'string' || !isCalendarDate(value)) throw refuse(SITE, `${name} must be a date YYYY-MM-DD, got "${String(value)}"`);
  }
  if (from > to) throw refuse(SITE, `from ${from} is after to ${to}`);
  const { today, historyTimeoutMs, ...callOptions } = options;
  return getEcbRates(send, chooseEcbFeed(from, today), historyTimeoutMs === undefined ? {} : { historyTimeoutMs }, callOptions);
}
