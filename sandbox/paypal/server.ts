/**
 * Offline stand-in for the PayPal REST APIs the ledger uses, on node:http, in the wire formats
 * of reporting_transactions_v1.json and notifications_webhooks_v1.json:
 *
 *   POST /v1/oauth2/token                           HTTP Basic client id:secret, grant_type=client_credentials
 *   GET  /v1/reporting/transactions                 seeded history; 31-day limit, 3-year horizon,
 *                                                   RESULTSET_TOO_LARGE above maxResults matches,
 *                                                   rows visible only up to last_refreshed_datetime
 *   GET  /v1/reporting/balances                     per currency, from the visible history
 *   POST /v1/notifications/verify-webhook-signature SUCCESS for deliveries this stand-in signed
 *   GET  /_sandbox/stats, POST /_sandbox/advance {seconds}, POST /_sandbox/webhooks/sign (the raw event as body)
 *
 * Time is the sandbox clock: the injected clock plus /_sandbox/advance. PayPal's reporting lags
 * real time by up to three hours: last_refreshed_datetime is the clock minus refreshLagSeconds.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../kit/listen.js';
import { decimalText, seedTransactions, type SandboxTransaction } from './seed.js';
import { expectedSignature, memberText, signatureMatches } from './webhook-signing.js';

export interface PaypalSandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  /** Default the system clock. */
  clock?: () => Date;
  /** Default 42. */
  seed?: number;
  /** Days of history before start (default 60) and of activity after it (default 30). */
  daysBefore?: number;
  daysAfter?: number;
  salesPerDay?: number;
  /** Matches above this answer RESULTSET_TOO_LARGE. Default 10 000 (PayPal's limit). */
  maxResults?: number;
  /** How far last_refreshed_datetime trails the clock. Default 3 h. */
  refreshLagSeconds?: number;
  /** Access-token lifetime. Default 32 400 s, as PayPal issues them. */
  tokenTtlSeconds?: number;
  credentials?: PaypalSandboxCredentials;
  /** The webhook id deliveries are signed for. */
  webhookId?: string;
}

export interface PaypalSandboxCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Sandbox values, not real secrets. */
export const SANDBOX_PAYPAL_CREDENTIALS: PaypalSandboxCredentials = Object.freeze({
  clientId: 'AcaravanSandboxPaypalClient0001',
  clientSecret: 'EcaravanSandboxPaypalSecret0001',
});
export const SANDBOX_PAYPAL_WEBHOOK_ID = '8PT597110X687430L';
export const SANDBOX_PAYPAL_ACCOUNT = 'CARAVANSANDBOX1';

export interface PaypalSandboxStats {
  now: string;
  lastRefreshed: string;
  transactions: number;
  tokensIssued: number;
  unauthorized: number;
  searches: number;
  tooLarge: number;
  verifications: { success: number; failure: number };
}

export interface PaypalSandbox {
  readonly url: string;
  readonly port: number;
  /** Every seeded transaction, visible or not yet (for tests and the demo's expectations). */
  transactions(): readonly SandboxTransaction[];
  /** PAYPAL-* headers for delivering `rawEvent` as this stand-in's webhook. */
  signWebhook(rawEvent: string, options?: { webhookId?: string; transmissionId?: string }): Record<string, string>;
  advance(seconds: number): void;
  stats(): PaypalSandboxStats;
  close(): Promise<void>;
}

class PaypalError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body['message'] ?? body['error_description']));
  }
}

const MAX_RANGE_MS = 31 * 86_400_000;
const QUERY_TIME = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])[Tt]([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?([Zz]|[+-][0-9]{2}:?[0-9]{2})$/;

function apiError(status: number, name: string, message: string, details: { field?: string; value?: string; location?: string; issue: string; description?: string }[] = []): PaypalError {
  return new PaypalError(status, { name, message, debug_id: randomUUID().replace(/-/g, '').slice(0, 13), details, links: [] });
}

const invalidRequest = (details: Parameters<typeof apiError>[3]) => apiError(400, 'INVALID_REQUEST', 'Request is not well-formed, syntactically incorrect, or violates schema.', details);

/** PayPal's reply dates: whole seconds and a `+0000` offset. */
const paypalTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
const parseTime = (text: string) => Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

function money(currency: string, minor: number) {
  return { currency_code: currency, value: decimalText(minor) };
}

function transactionInfo(t: SandboxTransaction) {
  return {
    transaction_id: t.id,
    ...(t.referenceId === undefined ? {} : { paypal_reference_id: t.referenceId, paypal_reference_id_type: 'TXN' }),
    transaction_event_code: t.eventCode,
    transaction_initiation_date: paypalTime(t.atMs),
    transaction_updated_date: paypalTime(t.atMs),
    transaction_amount: money(t.amount.currency, t.amount.minor),
    ...(t.fee === undefined ? {} : { fee_amount: money(t.fee.currency, t.fee.minor) }),
    transaction_status: t.status,
    ...(t.subject === undefined ? {} : { transaction_subject: t.subject }),
    ...(t.invoiceId === undefined ? {} : { invoice_id: t.invoiceId }),
    protection_eligibility: '02',
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPaypalSandbox(options: PaypalSandboxOptions = {}): Promise<PaypalSandbox> {
  const clock = options.clock ?? (() => new Date());
  let offsetMs = 0;
  const now = () => clock().getTime() + offsetMs;
  const credentials = options.credentials ?? SANDBOX_PAYPAL_CREDENTIALS;
  const webhookId = options.webhookId ?? SANDBOX_PAYPAL_WEBHOOK_ID;
  const maxResults = options.maxResults ?? 10_000;
  const lagMs = (options.refreshLagSeconds ?? 3 * 3600) * 1000;
  const ttlSeconds = options.tokenTtlSeconds ?? 32_400;
  const signingKey = `paypal-sandbox-signing-${options.seed ?? 42}`;
  const history = seedTransactions({
    seed: options.seed ?? 42,
    anchorMs: now(),
    daysBefore: options.daysBefore ?? 60,
    daysAfter: options.daysAfter ?? 30,
    salesPerDay: options.salesPerDay ?? 6,
  });
  const tokens = new Map<string, number>();
  const counters = { tokensIssued: 0, unauthorized: 0, searches: 0, tooLarge: 0, success: 0, failure: 0 };
  const lastRefreshed = () => now() - lagMs;
  const visible = () => {
    const until = lastRefreshed();
    return history.filter((t) => t.atMs <= until);
  };

  function issueToken(req: IncomingMessage, body: string): Record<string, unknown> {
    const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const [id, secret] = match ? Buffer.from(match[1] as string, 'base64').toString('utf8').split(':') : [];
    if (id !== credentials.clientId || secret !== credentials.clientSecret) throw new PaypalError(401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
    const grant = new URLSearchParams(body).get('grant_type');
    if (grant !== 'client_credentials') throw new PaypalError(400, { error: 'unsupported_grant_type', error_description: `Grant Type is NULL or not supported: ${grant ?? ''}` });
    const token = `A21AA${randomUUID().replace(/-/g, '')}`;
    tokens.set(token, now() + ttlSeconds * 1000);
    counters.tokensIssued += 1;
    return { scope: 'https://uri.paypal.com/services/reporting/search/read https://uri.paypal.com/services/applications/webhooks', access_token: token, token_type: 'Bearer', app_id: 'APP-80W284485P519543T', expires_in: ttlSeconds, nonce: `${new Date(now()).toISOString()}sandbox` };
  }

  function checkToken(req: IncomingMessage): void {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const expires = match ? tokens.get(match[1] as string) : undefined;
    if (expires === undefined || expires <= now()) {
      counters.unauthorized += 1;
      throw new PaypalError(401, { error: 'invalid_token', error_description: expires === undefined ? 'Access Token not found in cache' : 'Access Token expired' });
    }
  }

  function dateParam(q: URLSearchParams, name: string): number {
    const raw = q.get(name);
    if (raw === null) throw invalidRequest([{ field: name, location: 'query', issue: 'MISSING_REQUIRED_PARAMETER', description: `${name} is required` }]);
    if (!QUERY_TIME.test(raw)) throw invalidRequest([{ field: name, value: raw, location: 'query', issue: 'INVALID_PARAMETER_SYNTAX', description: `${name} must be an RFC 3339 date-time with seconds` }]);
    return parseTime(raw);
  }

  function search(q: URLSearchParams): Record<string, unknown> {
    counters.searches += 1;
    const start = dateParam(q, 'start_date');
    const end = dateParam(q, 'end_date');
    if (end < start) throw invalidRequest([{ field: 'end_date', location: 'query', issue: 'end_date must be after start_date' }]);
    if (end - start > MAX_RANGE_MS) throw invalidRequest([{ field: 'end_date', location: 'query', issue: 'Date range is greater than 31 days' }]);
    const d = new Date(now());
    const horizon = Date.UTC(d.getUTCFullYear() - 3, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
    if (start < horizon) throw invalidRequest([{ field: 'start_date', location: 'query', issue: 'Start date cannot be older than 3 years' }]);
    // What PayPal answers a start after its refreshed data (paypal/PayPal-node-SDK#452).
    if (start > lastRefreshed()) throw apiError(400, 'INVALID_REQUEST', 'Data for the given start date is not available.');
    const pageSize = Number(q.get('page_size') ?? 100);
    const page = Number(q.get('page') ?? 1);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) throw invalidRequest([{ field: 'page_size', location: 'query', issue: 'page_size must be 1–500' }]);
    if (!Number.isInteger(page) || page < 1) throw invalidRequest([{ field: 'page', location: 'query', issue: 'page must be 1 or more' }]);
    const id = q.get('transaction_id');
    const currency = q.get('transaction_currency');
    const matches = visible().filter((t) => t.atMs >= start && t.atMs <= end && (id === null || t.id === id) && (currency === null || t.amount.currency === currency));
    if (matches.length > maxResults) {
      counters.tooLarge += 1;
      throw apiError(400, 'RESULTSET_TOO_LARGE', 'Result set size is greater than the maximum limit. Change the filter criteria and try again.');
    }
    const totalPages = Math.ceil(matches.length / pageSize);
    const all = (q.get('fields') ?? '').split(',').includes('all');
    return {
      transaction_details: matches.slice((page - 1) * pageSize, page * pageSize).map((t) => ({
        transaction_info: transactionInfo(t),
        ...(all ? { payer_info: { address_status: 'N', payer_name: {} }, shipping_info: {}, cart_info: {}, store_info: {}, auction_info: {}, incentive_info: {} } : {}),
      })),
      account_number: SANDBOX_PAYPAL_ACCOUNT,
      start_date: paypalTime(start),
      end_date: paypalTime(end),
      last_refreshed_datetime: paypalTime(lastRefreshed()),
      page,
      total_items: matches.length,
      total_pages: totalPages,
      links: [],
    };
  }

  function balances(q: URLSearchParams): Record<string, unknown> {
    const asOfRaw = q.get('as_of_time');
    if (asOfRaw !== null && !QUERY_TIME.test(asOfRaw)) throw invalidRequest([{ field: 'as_of_time', value: asOfRaw, location: 'query', issue: 'INVALID_PARAMETER_SYNTAX' }]);
    const asOf = Math.min(asOfRaw === null ? Infinity : parseTime(asOfRaw), lastRefreshed());
    const currency = q.get('currency_code');
    const totals = new Map<string, number>();
    for (const t of history) {
      if (t.atMs > asOf) break;
      totals.set(t.amount.currency, (totals.get(t.amount.currency) ?? 0) + t.amount.minor + (t.fee?.minor ?? 0));
    }
    return {
      balances: [...totals]
        .filter(([c]) => currency === null || c === currency)
        .map(([c, minor]) => ({ currency: c, primary: c === 'EUR', total_balance: money(c, minor), available_balance: money(c, minor), withheld_balance: money(c, 0) })),
      account_id: SANDBOX_PAYPAL_ACCOUNT,
      as_of_time: paypalTime(asOf),
      last_refresh_time: paypalTime(lastRefreshed()),
    };
  }

  function verify(body: string): Record<string, unknown> {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw invalidRequest([{ issue: 'MALFORMED_REQUEST_JSON', description: 'The request JSON is not well formed.' }]);
    }
    const required = ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_id', 'webhook_event'];
    const missing = required.filter((k) => parsed[k] === undefined || parsed[k] === '');
    if (missing.length > 0) {
      throw apiError(400, 'VALIDATION_ERROR', 'Invalid request - see details', missing.map((field) => ({ field, location: 'body', issue: 'MISSING_REQUIRED_PARAMETER' })));
    }
    const rawEvent = memberText(body, 'webhook_event') ?? '';
    const ok = signatureMatches(signingKey, { transmissionId: String(parsed['transmission_id']), transmissionTime: String(parsed['transmission_time']), webhookId: String(parsed['webhook_id']), rawEvent }, String(parsed['transmission_sig']));
    counters[ok ? 'success' : 'failure'] += 1;
    return { verification_status: ok ? 'SUCCESS' : 'FAILURE' };
  }

  const signWebhook = (rawEvent: string, o: { webhookId?: string; transmissionId?: string } = {}): Record<string, string> => {
    const transmissionId = o.transmissionId ?? randomUUID();
    const transmissionTime = new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sig = expectedSignature(signingKey, { transmissionId, transmissionTime, webhookId: o.webhookId ?? webhookId, rawEvent });
    return {
      'paypal-auth-algo': 'SHA256withRSA',
      // Called once listening: the URL is known by then.
      'paypal-cert-url': `${listening.url}/v1/notifications/certs/CERT-caravan-sandbox`,
      'paypal-transmission-id': transmissionId,
      'paypal-transmission-sig': sig,
      'paypal-transmission-time': transmissionTime,
    };
  };

  const stats = (): PaypalSandboxStats => ({
    now: new Date(now()).toISOString(),
    lastRefreshed: new Date(lastRefreshed()).toISOString(),
    transactions: history.length,
    tokensIssued: counters.tokensIssued,
    unauthorized: counters.unauthorized,
    searches: counters.searches,
    tooLarge: counters.tooLarge,
    verifications: { success: counters.success, failure: counters.failure },
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readBody(req);
    const key = `${req.method} ${url.pathname}`;
    switch (key) {
      case 'POST /v1/oauth2/token':
        return issueToken(req, body);
      case 'GET /v1/reporting/transactions':
        checkToken(req);
        return search(url.searchParams);
      case 'GET /v1/reporting/balances':
        checkToken(req);
        return balances(url.searchParams);
      case 'POST /v1/notifications/verify-webhook-signature':
        checkToken(req);
        return verify(body);
      case 'GET /_sandbox/stats':
        return stats();
      case 'POST /_sandbox/advance': {
        const seconds = Number((JSON.parse(body || '{}') as { seconds?: unknown }).seconds);
        if (!Number.isFinite(seconds) || seconds < 0) throw apiError(400, 'INVALID_REQUEST', 'seconds must be a non-negative number');
        offsetMs += seconds * 1000;
        return stats();
      }
      case 'POST /_sandbox/webhooks/sign':
        return { headers: signWebhook(body, url.searchParams.get('webhook_id') === null ? {} : { webhookId: url.searchParams.get('webhook_id')! }) };
      default:
        res.setHeader('paypal-debug-id', 'notfound');
        throw apiError(404, 'RESOURCE_NOT_FOUND', `The specified resource does not exist: ${req.method} ${url.pathname}`);
    }
  }

  const server = createServer((req, res) => {
    route(req, res).then(
      (payload) => send(res, 200, payload),
      (error: unknown) => {
        if (error instanceof PaypalError) return send(res, error.status, error.body);
        send(res, 500, { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred.', debug_id: 'internal' });
      },
    );
  });
  const listening = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url: listening.url,
    port: listening.port,
    transactions: () => history,
    signWebhook,
    advance: (seconds) => {
      offsetMs += seconds * 1000;
    },
    stats,
    close: () => listening.close(),
  };
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const debugId = typeof payload === 'object' && payload !== null && typeof (payload as { debug_id?: unknown }).debug_id === 'string' ? (payload as { debug_id: string }).debug_id : randomUUID().replace(/-/g, '').slice(0, 13);
  res.writeHead(status, { 'content-type': 'application/json', 'paypal-debug-id': debugId });
  res.end(JSON.stringify(payload));
}
