/**
 * Offline stand-in for the two currency-rate sources on node:http, for the demo and the
 * fxRefresh workflow tests:
 *
 * - ECB: /stats/eurofxref/eurofxref-daily.xml, eurofxref-hist-90d.xml, eurofxref-hist.xml in
 *   ECB's exact XML layouts, keyless, gzip when asked. Days follow the TARGET calendar
 *   (no weekends, 1 Jan, Good Friday, Easter Monday, 1 May, 25–26 Dec) and appear at 16:00
 *   Frankfurt time on the sandbox clock.
 * - XE: /v1/convert_from.json and /v1/historic_rate.json behind basic auth.
 *
 * Faults can be injected for the next N calls of an operation: an HTML error page or a
 * truncated document with status 200, or an HTTP error status.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { renderDailyXml, renderHistoryXml } from './ecb-xml.js';
import { createRateBook, type EcbDay } from './generated-rates.js';
import { addDays, businessDaysBack, latestPublishedDate } from './target-calendar.js';
import { convertFrom, historicRate, xeError, type XeReply } from './xe-api.js';
import { listen } from '../kit/listen.js';

export type FxSandboxOperation = 'ecbDaily' | 'ecbHist90d' | 'ecbHist' | 'xeConvertFrom' | 'xeHistoricRate';
export const FX_SANDBOX_OPERATIONS: readonly FxSandboxOperation[] = ['ecbDaily', 'ecbHist90d', 'ecbHist', 'xeConvertFrom', 'xeHistoricRate'];

const ECB_PATHS: Readonly<Record<string, FxSandboxOperation>> = {
  '/stats/eurofxref/eurofxref-daily.xml': 'ecbDaily',
  '/stats/eurofxref/eurofxref-hist-90d.xml': 'ecbHist90d',
  '/stats/eurofxref/eurofxref-hist.xml': 'ecbHist',
};
const XE_PATHS: Readonly<Record<string, FxSandboxOperation>> = {
  '/v1/convert_from.json': 'xeConvertFrom',
  '/v1/historic_rate.json': 'xeHistoricRate',
};

/** What an injected fault serves instead of the document. */
export type FxFault =
  /** 200 with an HTML error page. */
  | 'html'
  /** 200 with the document cut off part-way. */
  | 'truncated'
  /** An HTTP error (429 comes with Retry-After). */
  | 429
  | 500
  | 503;

export interface FxFaultSpec {
  readonly operation: FxSandboxOperation;
  readonly fault: FxFault;
  /** The next `count` calls of `operation` get the fault. */
  readonly count: number;
}

export interface XeSandboxAccount {
  readonly accountId: string;
  readonly apiKey: string;
}

/** The XE account the sandbox accepts by default (a sandbox value, not a secret). */
export const SANDBOX_XE_ACCOUNT: XeSandboxAccount = { accountId: 'caravan-sandbox', apiKey: 'sandbox-xe-api-key' };

export interface FxSandboxRates {
  /** TARGET business days generated back from the latest published date. Default 300; 0 = injected days only. */
  readonly businessDays?: number;
  /** Seed of the generated rates. Default 42. */
  readonly seed?: number;
  /** Exact days (e.g. a real ECB file's), served as given and replacing generated ones for those dates. */
  readonly days?: readonly EcbDay[];
}

export interface FxSandboxOptions {
  /** 0 (default) = a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The sandbox clock: which day is published, XE timestamps. */
  readonly now?: () => Date;
  readonly rates?: FxSandboxRates;
  /** XE accounts accepted. Default [SANDBOX_XE_ACCOUNT]. */
  readonly xeAccounts?: readonly XeSandboxAccount[];
  /** Seconds in the Retry-After of an injected 429. Default 60. */
  readonly retryAfterSeconds?: number;
}

export interface FxOperationStats {
  requests: number;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  injectedFaults: number;
  /** Answers sent gzip-encoded. */
  gzipped: number;
}

export interface FxSandboxStats {
  operations: Record<FxSandboxOperation, FxOperationStats>;
  /** Requests without valid XE credentials. */
  unauthorized: number;
  pendingFaults: FxFaultSpec[];
  /** The newest ECB date published at the sandbox clock's now. */
  latestEcbDate: string;
}

export interface FxSandbox {
  /** Base URL for both ECB and XE paths, e.g. http://127.0.0.1:8710 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  stats(): FxSandboxStats;
  injectFaults(spec: FxFaultSpec | readonly FxFaultSpec[]): void;
  /** The ECB days served at the clock's now, newest first. */
  ecbDays(): EcbDay[];
  /** Clears faults and stats. */
  reset(): void;
}

class AdminInputError extends Error {}

const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>European Central Bank - Service unavailable</title></head>
<body>
<h1>The service is temporarily unavailable</h1>
<p>We apologise for the inconvenience. Please try again later.<br>
</body>
</html>
`;

function emptyStats(): Record<FxSandboxOperation, FxOperationStats> {
  const make = (): FxOperationStats => ({ requests: 0, statuses: {}, injectedFaults: 0, gzipped: 0 });
  return { ecbDaily: make(), ecbHist90d: make(), ecbHist: make(), xeConvertFrom: make(), xeHistoricRate: make() };
}

function checkFault(spec: unknown): FxFaultSpec {
  if (typeof spec !== 'object' || spec === null) throw new AdminInputError('a fault must be an object');
  const { operation, fault, count } = spec as Record<string, unknown>;
  if (typeof operation !== 'string' || !FX_SANDBOX_OPERATIONS.includes(operation as FxSandboxOperation)) {
    throw new AdminInputError(`operation must be one of ${FX_SANDBOX_OPERATIONS.join(', ')}`);
  }
  if (fault !== 'html' && fault !== 'truncated' && fault !== 429 && fault !== 500 && fault !== 503) {
    throw new AdminInputError('fault must be "html", "truncated", 429, 500 or 503');
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new AdminInputError('count must be a positive integer');
  return { operation: operation as FxSandboxOperation, fault, count };
}

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AdminInputError(`request body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Basic auth (RFC 7617) → the account it names, if its key matches. */
function xeAccountOf(req: IncomingMessage, accounts: readonly XeSandboxAccount[]): XeSandboxAccount | undefined {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const accountId = decoded.slice(0, colon);
  const apiKey = decoded.slice(colon + 1);
  return accounts.find((a) => a.accountId === accountId && a.apiKey === apiKey);
}

/** The 90-day file holds the days at most 89 days before its newest (as ECB's own files do). */
const HIST_90D_SPAN_DAYS = 89;

export async function startFxSandbox(options: FxSandboxOptions = {}): Promise<FxSandbox> {
  const clock = options.now ?? ((): Date => new Date());
  const businessDays = options.rates?.businessDays ?? 300;
  if (!Number.isInteger(businessDays) || businessDays < 0) throw new Error(`rates.businessDays must be a non-negative integer, got ${businessDays}`);
  const book = createRateBook(options.rates?.seed ?? 42, options.rates?.days ?? []);
  const accounts = options.xeAccounts ?? [SANDBOX_XE_ACCOUNT];
  const retryAfterSeconds = options.retryAfterSeconds ?? 60;
  let faults: FxFaultSpec[] = [];
  let stats = emptyStats();
  let unauthorized = 0;

  /** Generated business days up to the latest published date, plus injected days; newest first. */
  function ecbDays(): EcbDay[] {
    const latest = latestPublishedDate(clock());
    const dates = new Set([...businessDaysBack(latest, businessDays), ...book.injectedDates]);
    return [...dates].sort().reverse().map((date) => book.ecbDay(date));
  }

  function takeFault(operation: FxSandboxOperation): FxFault | undefined {
    const i = faults.findIndex((f) => f.operation === operation);
    if (i < 0) return undefined;
    const f = faults[i]!;
    const left = f.count - 1;
    if (left === 0) faults.splice(i, 1);
    else faults[i] = { ...f, count: left };
    return f.fault;
  }

  function send(req: IncomingMessage, res: ServerResponse, operation: FxSandboxOperation | undefined, status: number, body: string, headers: Record<string, string>): void {
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const gzip = /\bgzip\b/.test(accepts) && body.length > 0;
    const payload = gzip ? gzipSync(body) : Buffer.from(body, 'utf8');
    if (operation !== undefined) {
      const s = stats[operation];
      s.statuses[status] = (s.statuses[status] ?? 0) + 1;
      if (gzip) s.gzipped += 1;
    }
    res.writeHead(status, {
      ...headers,
      'Content-Length': String(payload.length),
      'x-request-id': randomUUID(),
      ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : payload);
  }

  const XML_TYPE = { 'Content-Type': 'text/xml' };
  const HTML_TYPE = { 'Content-Type': 'text/html; charset=utf-8' };
  const JSON_TYPE = { 'Content-Type': 'application/json' };

  /** Serves an injected fault, if one is pending; `document` is what a truncation cuts. */
  function serveFault(req: IncomingMessage, res: ServerResponse, operation: FxSandboxOperation, document: () => string, errorBody: (status: number) => [string, Record<string, string>]): boolean {
    const fault = takeFault(operation);
    if (fault === undefined) return false;
    stats[operation].injectedFaults += 1;
    if (fault === 'html') send(req, res, operation, 200, HTML_ERROR_PAGE, HTML_TYPE);
    else if (fault === 'truncated') {
      const text = document();
      send(req, res, operation, 200, text.slice(0, Math.max(1, Math.floor(text.length * 0.6))), operation.startsWith('ecb') ? XML_TYPE : JSON_TYPE);
    } else {
      const [body, headers] = errorBody(fault);
      send(req, res, operation, fault, body, { ...headers, ...(fault === 429 || fault === 503 ? { 'Retry-After': String(retryAfterSeconds) } : {}) });
    }
    return true;
  }

  function ecbDocument(operation: FxSandboxOperation): string {
    const days = ecbDays();
    if (operation === 'ecbDaily') return days[0] === undefined ? renderHistoryXml([]) : renderDailyXml(days[0]);
    if (operation === 'ecbHist90d') {
      const newest = days[0]?.date;
      const first = newest === undefined ? '' : addDays(newest, -HIST_90D_SPAN_DAYS);
      return renderHistoryXml(days.filter((d) => d.date >= first));
    }
    return renderHistoryXml(days);
  }

  function handleEcb(req: IncomingMessage, res: ServerResponse, operation: FxSandboxOperation): void {
    const document = (): string => ecbDocument(operation);
    const errorPage = (): [string, Record<string, string>] => [HTML_ERROR_PAGE, HTML_TYPE];
    if (serveFault(req, res, operation, document, errorPage)) return;
    send(req, res, operation, 200, document(), XML_TYPE);
  }

  function handleXe(req: IncomingMessage, res: ServerResponse, operation: FxSandboxOperation, url: URL): void {
    if (xeAccountOf(req, accounts) === undefined) {
      unauthorized += 1;
      const reply = xeError(401, 1, 'Bad credentials');
      send(req, res, operation, reply.status, reply.body, { ...JSON_TYPE, 'WWW-Authenticate': 'Basic realm="xecdapi"' });
      return;
    }
    const answer = (): XeReply => (operation === 'xeConvertFrom' ? convertFrom(book, url.searchParams, clock()) : historicRate(book, url.searchParams, clock()));
    const errorBody = (status: number): [string, Record<string, string>] => {
      const messages: Record<number, string> = { 429: 'Too many requests: the package limit is reached', 500: 'Internal server error', 503: 'Service unavailable' };
      return [xeError(status, status, messages[status] ?? 'Error').body, JSON_TYPE];
    };
    if (serveFault(req, res, operation, () => answer().body, errorBody)) return;
    const reply = answer();
    send(req, res, operation, reply.status, reply.body, { ...JSON_TYPE, ...reply.headers });
  }

  function snapshot(): FxSandboxStats {
    return {
      operations: structuredClone(stats),
      unauthorized,
      pendingFaults: faults.map((f) => ({ ...f })),
      latestEcbDate: latestPublishedDate(clock()),
    };
  }

  function injectFaults(spec: FxFaultSpec | readonly FxFaultSpec[]): void {
    const list = (Array.isArray(spec) ? spec : [spec]) as unknown[];
    faults.push(...list.map(checkFault));
  }

  function reset(): void {
    faults = [];
    stats = emptyStats();
    unauthorized = 0;
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const json = (status: number, body: unknown): void => send(req, res, undefined, status, JSON.stringify(body), JSON_TYPE);
    try {
      if (req.method === 'GET' && path === '/_sandbox/stats') return json(200, snapshot());
      if (req.method === 'GET' && path === '/_sandbox/health') return json(200, { ok: true, latestEcbDate: latestPublishedDate(clock()) });
      if (req.method === 'POST' && path === '/_sandbox/reset') {
        reset();
        return json(200, { ok: true });
      }
      if (req.method === 'POST' && path === '/_sandbox/faults') {
        injectFaults(JSON.parse(await readBody(req)) as FxFaultSpec);
        return json(200, { pendingFaults: faults });
      }
      return json(404, { error: `no admin route ${req.method ?? ''} ${path}` });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return json(error instanceof AdminInputError || error instanceof SyntaxError ? 400 : 500, { error: message });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    if (path.startsWith('/_sandbox/')) return handleAdmin(req, res, path);
    const operation = ECB_PATHS[path] ?? XE_PATHS[path];
    if (operation !== undefined) stats[operation].requests += 1;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, operation, 405, 'Method Not Allowed', { 'Content-Type': 'text/plain', Allow: 'GET, HEAD' });
      return;
    }
    if (operation === undefined) {
      if (path.startsWith('/v1/')) {
        const reply = xeError(404, 404, `No endpoint ${path}`);
        send(req, res, undefined, 404, reply.body, JSON_TYPE);
      } else send(req, res, undefined, 404, HTML_ERROR_PAGE.replace('temporarily unavailable', 'not found'), HTML_TYPE);
      return;
    }
    if (ECB_PATHS[path] !== undefined) handleEcb(req, res, operation);
    else handleXe(req, res, operation, url);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, JSON_TYPE);
        res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      }
    });
  });
  const listening = await listen(server, options.port, options.host);

  return {
    url: listening.url,
    port: listening.port,
    close: listening.close,
    stats: snapshot,
    injectFaults,
    ecbDays,
    reset,
  };
}
