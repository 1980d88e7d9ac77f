/**
 * Offline Alibaba.com Open Platform (openapi-api.alibaba.com/rest{api_path}) on node:http, for
 * the seller-side APIs a Caravan connection uses. Every /rest call goes through the gateway's
 * checks in this order: app_key → signature (IOP REST HMAC-SHA256, IncompleteSignature) →
 * timestamp within 7200 s → known path (InvalidApiPath) → flow limit per app and path
 * (ApiCallLimit) and the daily app quota (AppCallLimit) → access token (IllegalAccessToken;
 * not for the two token APIs) → the API. Every platform error, and every business failure, is
 * answered with HTTP 200 and `{ code, type, message, request_id }` (business failures:
 * `{ code: "0", result: { success: false, … } }`), as the gateway answers. Admin routes live
 * under /_sandbox/.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRoutes, iopError, type ReplyBody } from './api-routes.js';
import { Catalogue, EMBEDDED_CATALOGUE, readCatalogueCsv } from './catalogue.js';
import { SANDBOX_ALIBABA_CREDENTIALS } from './credentials.js';
import { iopSignatureValid } from './iop-sign.js';
import { jsonText, type JsonTextValue } from './json-text.js';
import { OrderBook } from './orders.js';
import { Quotas } from './quotas.js';
import { seededRandom } from './seeded-random.js';
import { TokenService } from './tokens.js';

export interface AlibabaSandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeded orders and generator seed. Default { count: 60, seed: 42 }. */
  seed?: { count: number; seed: number };
  /** false = no flow limit per path (the daily quota still applies when set). Default true. */
  rateLimits?: boolean;
  /** Flow limit per app and API path. Default 5 calls per second, bursts of 10. */
  flowLimit?: { perSecond: number; burst: number };
  /** Business API calls per app and platform day (UTC+8); unset = unlimited. */
  dailyQuota?: number;
  /** Default SANDBOX_ALIBABA_CREDENTIALS.appKey / appSecret. */
  appKey?: string;
  appSecret?: string;
  /** Default SANDBOX_ALIBABA_CREDENTIALS.refreshToken: the seller's authorisation valid from the start. */
  refreshToken?: string;
  /** Path of the demo catalogue CSV (config/demo-catalogue/products.csv); default the embedded SKU list. */
  catalogueCsv?: string;
  /** Injectable clock for token expiry, timestamp skew, quotas, seed dates and modification times. */
  clock?: () => Date;
}

export interface PathStats {
  requests: number;
  /** Replies by their `code` ("0" success, else the error code; business failures by error_code). */
  codes: Record<string, number>;
}

export interface AlibabaSandboxStats {
  paths: Record<string, PathStats>;
  tokensIssued: number;
  throttled: number;
  dailyUsed: Record<string, number>;
  orders: number;
  ordersByStatus: Record<string, number>;
  products: number;
}

export interface AlibabaSandbox {
  /** Base URL; the API is at `${url}/rest{api_path}`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  stats(): AlibabaSandboxStats;
  /** Withdraws a refresh token (and its access tokens); false when unknown. */
  revokeRefreshToken(refreshToken: string): boolean;
}

const TIMESTAMP_SKEW_MS = 7_200_000;
const MAX_BODY = 4 * 1024 * 1024;
const TOKEN_PATHS = new Set(['/auth/token/create', '/auth/token/refresh']);
const BAD_SIGNATURE = 'The request signature does not conform to platform standards';

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BodyTooLarge(`request body larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A request id like the gateway's (hex, 25 characters). */
const requestId = (): string => randomBytes(13).toString('hex').slice(0, 25);

function send(res: ServerResponse, status: number, body: JsonTextValue): void {
  const text = jsonText(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export async function startAlibabaSandbox(options: AlibabaSandboxOptions = {}): Promise<AlibabaSandbox> {
  const clock = options.clock ?? ((): Date => new Date());
  const appKey = options.appKey ?? SANDBOX_ALIBABA_CREDENTIALS.appKey;
  const appSecret = options.appSecret ?? SANDBOX_ALIBABA_CREDENTIALS.appSecret;
  const seed = options.seed ?? { count: 60, seed: 42 };
  if (!Number.isInteger(seed.count) || seed.count < 0) throw new Error(`seed.count must be a non-negative integer, got ${seed.count}`);
  if (options.dailyQuota !== undefined && !(Number.isInteger(options.dailyQuota) && options.dailyQuota >= 0)) throw new Error(`dailyQuota must be a non-negative integer, got ${options.dailyQuota}`);
  const flow = options.flowLimit ?? { perSecond: 5, burst: 10 };
  if (!(flow.perSecond > 0 && flow.burst >= 1)) throw new Error('flowLimit needs perSecond > 0 and burst >= 1');

  const startMs = clock().getTime();
  const rng = seededRandom(seed.seed);
  const catalogue = new Catalogue(options.catalogueCsv === undefined ? EMBEDDED_CATALOGUE : readCatalogueCsv(options.catalogueCsv), rng, startMs);
  const orders = new OrderBook(catalogue, rng, seed.count, startMs);
  const tokens = new TokenService([{ appKey, refreshToken: options.refreshToken ?? SANDBOX_ALIBABA_CREDENTIALS.refreshToken }], startMs);
  const quotas = new Quotas({ ...flow, enabled: options.rateLimits ?? true, dailyQuota: options.dailyQuota });
  const routes = apiRoutes(catalogue, orders);
  const paths: Record<string, PathStats> = {};

  function count(path: string, body: ReplyBody): void {
    const s = (paths[path] ??= { requests: 0, codes: {} });
    s.requests++;
    const r = body.result as Record<string, JsonTextValue> | undefined;
    const code = body.code === '0' && r?.success === false ? String(r.error_code) : String(body.code);
    s.codes[code] = (s.codes[code] ?? 0) + 1;
  }

  /** The gateway's checks, then the API; always a 200 with the reply body. */
  function gateway(apiPath: string, params: Record<string, string>): ReplyBody {
    const nowMs = clock().getTime();
    if (params.app_key !== appKey) return iopError('InvalidAppKey', 'The specified app_key is invalid or does not exist');
    if (params.sign_method !== 'sha256' || !iopSignatureValid(appSecret, apiPath, params)) return iopError('IncompleteSignature', BAD_SIGNATURE);
    const ts = params.timestamp;
    if (ts === undefined || !/^\d{10,14}$/.test(ts)) return iopError('MissingParameter', 'The input parameter "timestamp" (epoch milliseconds) that is mandatory for processing this request is not supplied');
    if (Math.abs(Number(ts) - nowMs) > TIMESTAMP_SKEW_MS) return iopError('InvalidTimestamp', 'The timestamp differs from the server time by more than 7200 seconds');
    const handler = routes.get(apiPath);
    if (!handler && !TOKEN_PATHS.has(apiPath)) return iopError('InvalidApiPath', `The specified API path ${apiPath} is invalid`);
    const refused = quotas.take(appKey, apiPath, nowMs, handler !== undefined);
    if (refused) return iopError(refused.code, refused.message);
    if (apiPath === '/auth/token/create' || apiPath === '/auth/token/refresh') {
      const r = apiPath === '/auth/token/create' ? tokens.create(appKey, params.code, nowMs) : tokens.refreshAccess(appKey, params.refresh_token, nowMs);
      return r.ok ? r.body : iopError(r.code, r.message);
    }
    if (!tokens.check(appKey, params.access_token, nowMs)) return iopError('IllegalAccessToken', 'The specified access token is invalid or expired');
    return (handler as NonNullable<typeof handler>)(params, nowMs);
  }

  async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const apiPath = url.pathname.slice('/rest'.length);
    // The guide's calls are GET or POST; parameters in the query string, the form body, or both.
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') {
      const raw = await readBody(req);
      const type = req.headers['content-type'] ?? '';
      if (raw !== '' && !type.includes('application/x-www-form-urlencoded')) {
        const body = { ...iopError('InvalidParameter', 'The request body must be application/x-www-form-urlencoded'), request_id: requestId() };
        count(apiPath, body);
        return send(res, 200, body);
      }
      Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
    } else if (req.method !== 'GET') {
      return send(res, 405, { ...iopError('MethodNotAllowed', `${req.method ?? ''} is not supported; use GET or POST`), request_id: requestId() });
    }
    const body = { ...gateway(apiPath, params), request_id: requestId() };
    count(apiPath, body);
    send(res, 200, body);
  }

  function snapshot(): AlibabaSandboxStats {
    return {
      paths: structuredClone(paths),
      tokensIssued: tokens.issued,
      throttled: quotas.throttled,
      dailyUsed: quotas.dailyUsed(clock().getTime()),
      orders: orders.size,
      ordersByStatus: orders.byStatus(),
      products: catalogue.size,
    };
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/_sandbox/stats') return send(res, 200, snapshot() as unknown as JsonTextValue);
    if (method === 'POST' && (path === '/_sandbox/orders' || path === '/_sandbox/revoke')) {
      let input: unknown;
      try {
        input = JSON.parse(await readBody(req)) as unknown;
      } catch {
        return send(res, 400, { error: 'the body must be JSON' });
      }
      const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      if (path === '/_sandbox/revoke') {
        if (typeof o.refresh_token !== 'string') return send(res, 400, { error: 'refresh_token must be text' });
        return send(res, 200, { revoked: tokens.revoke(o.refresh_token) });
      }
      if (typeof o.sku !== 'string' || o.sku === '') return send(res, 400, { error: 'sku must be non-empty text' });
      if (typeof o.quantity !== 'number' || !Number.isInteger(o.quantity) || o.quantity < 1) return send(res, 400, { error: 'quantity must be a positive integer' });
      const placed = orders.place(o.sku, o.quantity, clock().getTime());
      if (!placed.ok) return send(res, placed.status, { error: placed.error });
      // Text, not a bare number: the admin API is read by tests and scripts with JSON.parse.
      return send(res, 200, { trade_id: placed.order.tradeId, sku: o.sku, quantity: o.quantity, trade_status: placed.order.status, inventory: placed.inventory });
    }
    return send(res, 404, { error: `no admin route ${method} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    try {
      if (url.pathname.startsWith('/rest/')) return await handleRest(req, res, url);
      if (url.pathname.startsWith('/_sandbox/')) return await handleAdmin(req, res, url.pathname);
      send(res, 404, { ...iopError('InvalidApiPath', `No API at ${url.pathname}; calls go to /rest{api_path}`), request_id: requestId() });
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof BodyTooLarge) return send(res, 413, { error: err.message });
      send(res, 500, { code: 'ISP.SANDBOX_ERROR', type: 'ISP', message: err instanceof Error ? err.message : String(err), request_id: requestId() });
    }
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  // Clients reach a wildcard bind on loopback.
  const loopback = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  const url = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`;

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    stats: snapshot,
    revokeRefreshToken: (t) => tokens.revoke(t),
  };
}
