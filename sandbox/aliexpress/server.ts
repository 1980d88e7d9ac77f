/**
 * Offline AliExpress Open Platform (IOP gateway) on node:http. Business APIs: POST (or GET)
 * `/sync` with `method`, form body and/or query; system APIs: `/rest/auth/token/create` and
 * `/rest/auth/token/refresh`. The gateway's order, as the platform answers it: parameters →
 * app key → signature (HMAC-SHA256; `/rest` with the API path in front) → timestamp (±7200 s)
 * → API name → access token → quotas → the API, whose refusals come inside HTTP 200.
 * Gateway errors are `{ error_response: { type, code, msg, sub_code?, sub_msg?, request_id } }`
 * on `/sync` and the IOP top-level form `{ type, code, message, request_id }` on `/rest`, the
 * shapes connectors/aliexpress/errors.ts reads. Ids above 2^53 are bare JSON numbers.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ParamError, type CallContext, type Handler } from './api-types.js';
import { ProductCatalogue } from './catalogue.js';
import { DEFAULT_FEED_TIMING, feedHandlers, FeedJobs, type FeedTiming } from './feeds-api.js';
import { writeJson, type JsonOut } from './json-text.js';
import { orderHandlers } from './orders-api.js';
import { seededRandom } from './prng.js';
import { productHandlers } from './products-api.js';
import { DEFAULT_CALL_LIMIT, Quotas, type CallLimit } from './quotas.js';
import { BUYERS, freshId, generateAliexpressSeed } from './seed.js';
import { signatureMatches } from './signing.js';
import { textCents, type SandboxOrder } from './state.js';
import { TokenService } from './tokens.js';
import { listen } from '../kit/listen.js';

/** The demo app: app key 34567890, its secret (env CARAVAN_SANDBOX_ALIEXPRESS_SECRET overrides) and a seller refresh token the sandbox always knows. */
export const SANDBOX_ALIEXPRESS_CREDENTIALS = {
  appKey: '34567890',
  appSecret: process.env.CARAVAN_SANDBOX_ALIEXPRESS_SECRET ?? 'caravan-sandbox-aliexpress-demo-secret',
  refreshToken: '50001600demo0refresh0caravan0sandbox0aliexpress',
} as const;

export interface AliexpressSandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeded orders and the PRNG seed. Default 40 orders, seed 1. */
  seed?: { count: number; seed: number };
  /** false = no per-second limit (the daily quota still applies when set). Default true. */
  rateLimits?: boolean;
  /** Per app and method. Default 5 calls/s, burst 10. */
  callLimit?: CallLimit;
  /** Calls per app and platform day (GMT+8); unlimited when absent. */
  dailyQuota?: number;
  appKey?: string;
  appSecret?: string;
  /** Epoch ms; drives token expiry, quotas, feed jobs and order times. */
  clock?: { now(): number };
  /** Access-token lifetime. Default 86400. */
  tokenTtlSeconds?: number;
  /** Seconds feed jobs spend QUEUEING and PROCESSING. Default 1 and 2. */
  feedTiming?: FeedTiming;
}

export interface AliexpressSandboxStats {
  orders: number;
  products: number;
  /** Calls that reached an API, by method (system APIs by path). */
  calls: Record<string, number>;
  rejectedSignatures: number;
  quotaRefusals: { ApiCallLimit: number; AppCallLimit: number };
  tokenRefusals: number;
  tokensIssued: number;
  feedJobs: number;
}

export interface AliexpressSandbox {
  /** e.g. http://127.0.0.1:8710 (the gateway: `/sync`, `/rest/...`). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  stats(): AliexpressSandboxStats;
  /** Sells `quantity` of a seller SKU now (as POST /_sandbox/orders): the new order id, or an error naming the SKU. */
  placeOrder(sku: string, quantity: number): string;
  /** Stock of each seller SKU now. */
  stock(): Record<string, number>;
  revokeRefreshToken(refreshToken: string): boolean;
  expireAccessToken(accessToken: string): void;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, JsonOut> = {},
  ) {
    super(message);
  }
}

const JSON_TYPE = 'application/json;charset=UTF-8';
const MAX_BODY = 16 * 1024 * 1024;
const SKEW_MS = 7200 * 1000;
const TOKEN_PATHS = ['/auth/token/create', '/auth/token/refresh'] as const;

/** The gateway's request ids: 25 characters of hex and digits. */
const requestId = (): string => `21${randomBytes(11).toString('hex').slice(0, 21)}${String(Date.now() % 100).padStart(2, '0')}`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new AdminError(413, `request body larger than ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: JsonOut): void {
  const text = writeJson(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** Query and form-body parameters (the body wins on a clash), as text. */
function paramsOf(url: URL, body: string, contentType: string | undefined): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (body !== '' && (contentType === undefined || contentType.includes('application/x-www-form-urlencoded') || contentType.includes('text/plain'))) {
    for (const [k, v] of new URLSearchParams(body)) params[k] = v;
  }
  return params;
}

/** Epoch ms of the `timestamp` parameter (ms digits, or ISO 8601 as the docs also allow). */
function timestampMs(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (/^\d{10,14}$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

export async function startAliexpressSandbox(options: AliexpressSandboxOptions = {}): Promise<AliexpressSandbox> {
  const clock = options.clock ?? { now: () => Date.now() };
  const appKey = options.appKey ?? SANDBOX_ALIEXPRESS_CREDENTIALS.appKey;
  const appSecret = options.appSecret ?? SANDBOX_ALIEXPRESS_CREDENTIALS.appSecret;
  const seedOptions = options.seed ?? { count: 40, seed: 1 };
  const seed = generateAliexpressSeed(seedOptions, clock.now());
  const ids = new Set<string>([...seed.products.map((p) => p.id), ...seed.orders.flatMap((o) => [o.id, ...o.lines.map((l) => l.childId)])]);
  const rng = seededRandom(seedOptions.seed + 1);
  const catalogue = new ProductCatalogue(seed.products, rng, ids);
  const orders = new Map<string, SandboxOrder>(seed.orders.map((o) => [o.id, o]));
  const feeds = new FeedJobs(catalogue, options.feedTiming ?? DEFAULT_FEED_TIMING);
  const tokens = new TokenService({ accessTtlSeconds: options.tokenTtlSeconds ?? 86_400, refreshTtlSeconds: 180 * 86_400 }, SANDBOX_ALIEXPRESS_CREDENTIALS.refreshToken);
  const quotas = new Quotas(options.rateLimits === false ? undefined : (options.callLimit ?? DEFAULT_CALL_LIMIT), options.dailyQuota);
  const handlers: Record<string, Handler> = { ...orderHandlers(orders), ...productHandlers(catalogue), ...feedHandlers(feeds) };
  const stats: AliexpressSandboxStats = { orders: 0, products: 0, calls: {}, rejectedSignatures: 0, quotaRefusals: { ApiCallLimit: 0, AppCallLimit: 0 }, tokenRefusals: 0, tokensIssued: 0, feedJobs: 0 };
  const counted = (name: string): void => {
    stats.calls[name] = (stats.calls[name] ?? 0) + 1;
  };

  function snapshot(): AliexpressSandboxStats {
    return { ...structuredClone(stats), orders: orders.size, products: catalogue.products.size, tokensIssued: tokens.issued, feedJobs: feeds.jobs.length };
  }

  function placeOrder(skuCode: unknown, quantity: unknown): SandboxOrder {
    if (typeof skuCode !== 'string' || skuCode === '') throw new AdminError(400, 'sku must be a seller SKU code');
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) throw new AdminError(400, 'quantity must be a positive integer');
    const found = catalogue.bySku(skuCode);
    if (found === undefined) throw new AdminError(404, `no product has SKU ${skuCode}`);
    const { product, sku } = found;
    if (sku.inventory < quantity) throw new AdminError(409, `SKU ${skuCode} has ${sku.inventory} in stock, ${quantity} asked`, { available: sku.inventory });
    const nowMs = clock.now();
    sku.inventory -= quantity;
    product.modifiedMs = nowMs;
    const person = rng.oneOf(BUYERS);
    const order: SandboxOrder = {
      id: freshId(rng, '81', 17, ids),
      status: 'WAIT_SELLER_SEND_GOODS',
      createdMs: nowMs,
      modifiedMs: nowMs,
      paidMs: nowMs,
      buyer: { ...person, loginId: `${person.country.toLowerCase()}${rng.digits(10)}` },
      lines: [{ childId: freshId(rng, '81', 17, ids), productId: product.id, skuCode, name: product.subject, quantity, unitCents: textCents(sku.price) ?? 0, shippingCents: 0, serviceName: 'CAINIAO_STANDARD' }],
      shipments: [],
    };
    orders.set(order.id, order);
    return order;
  }

  const syncError = (res: ServerResponse, code: string, msg: string, extra: { type?: string; sub_code?: string; sub_msg?: string } = {}): void =>
    send(res, 200, { error_response: { type: extra.type ?? 'ISV', code, msg, sub_code: extra.sub_code, sub_msg: extra.sub_msg, request_id: requestId() } });
  const restError = (res: ServerResponse, code: string, message: string, type = 'ISV'): void => send(res, 200, { type, code, message, request_id: requestId() });

  /** The checks every call passes before its API: app key, signature, timestamp. The refusal is answered here. */
  function gateway(res: ServerResponse, params: Record<string, string>, apiPath: string, fail: typeof syncError): boolean {
    if (params.app_key !== appKey) {
      fail(res, 'InvalidAppKey', 'The specified app key is invalid or not online');
      return false;
    }
    if (params.sign_method?.toLowerCase() !== 'sha256' || !signatureMatches(appSecret, params, apiPath)) {
      stats.rejectedSignatures += 1;
      fail(res, 'IncompleteSignature', 'The request signature does not conform to platform standards');
      return false;
    }
    const ts = timestampMs(params.timestamp);
    if (ts === undefined || Math.abs(clock.now() - ts) > SKEW_MS) {
      fail(res, 'InvalidTimestamp', 'The timestamp is missing, malformed or more than 7200 seconds from the server time');
      return false;
    }
    return true;
  }

  function handleToken(res: ServerResponse, apiPath: string, params: Record<string, string>): void {
    const fail = (r: ServerResponse, code: string, message: string): void => restError(r, code, message);
    if (!gateway(res, params, apiPath, fail)) return;
    counted(apiPath);
    const nowMs = clock.now();
    const field = apiPath === '/auth/token/create' ? 'code' : 'refresh_token';
    const value = params[field];
    if (value === undefined || value === '') return restError(res, 'MissingParameter', `The input parameter "${field}" that is mandatory for processing this request is not supplied.`);
    const reply = field === 'code' ? tokens.create(value, nowMs) : tokens.refreshWith(value, nowMs);
    if (!reply.ok) {
      stats.tokenRefusals += 1;
      return restError(res, reply.code, reply.message);
    }
    send(res, 200, { ...reply.body, request_id: requestId() });
  }

  function handleSync(res: ServerResponse, params: Record<string, string>): void {
    const method = params.method;
    if (method === undefined || method === '') return syncError(res, 'MissingParameter', 'The input parameter "method" that is mandatory for processing this request is not supplied.');
    // The IOP SDKs may also send a system API through /sync with its path as `method`.
    if ((TOKEN_PATHS as readonly string[]).includes(method)) return handleToken(res, method, params);
    if (!gateway(res, params, '', syncError)) return;
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (handler === undefined) return syncError(res, 'InvalidApiPath', `The specified API "${method}" does not exist`);
    const accessToken = params.access_token;
    if (accessToken === undefined || accessToken === '') return syncError(res, 'MissingParameter', 'The input parameter "access_token" that is mandatory for processing this request is not supplied.');
    const nowMs = clock.now();
    const state = tokens.check(accessToken, nowMs);
    if (state !== 'ok') {
      stats.tokenRefusals += 1;
      return syncError(res, 'IllegalAccessToken', state === 'expired' ? 'The specified access token has expired' : 'The specified access token is invalid');
    }
    const quota = quotas.take(method, nowMs);
    if (!quota.ok) {
      stats.quotaRefusals[quota.code] += 1;
      return syncError(res, quota.code, 'The request has exceeded the limit', {
        type: 'ISP',
        sub_code: quota.code === 'ApiCallLimit' ? 'accesscontrol.limited-by-api-access-count' : 'accesscontrol.limited-by-app-access-count',
        sub_msg: `This ban will last for ${quota.banSeconds} more seconds`,
      });
    }
    counted(method);
    feeds.settle(nowMs);
    const simplify = params.simplify === 'true';
    const ctx: CallContext = { params, nowMs, list: (items, item) => (simplify ? items : { [item]: items }) };
    let inner: Record<string, JsonOut>;
    try {
      inner = handler(ctx);
    } catch (error) {
      if (error instanceof ParamError) return syncError(res, error.code, error.message);
      throw error;
    }
    const body = { ...inner, request_id: requestId() };
    send(res, 200, simplify ? body : { [`${method.replace(/\./g, '_')}_response`]: body });
  }

  function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const method = req.method ?? 'GET';
    const json = (): Record<string, unknown> => {
      const v: unknown = JSON.parse(body === '' ? '{}' : body);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new AdminError(400, 'expected a JSON object');
      return v as Record<string, unknown>;
    };
    if (method === 'GET' && path === '/_sandbox/stats') return send(res, 200, snapshot() as unknown as JsonOut);
    if (method === 'GET' && path === '/_sandbox/health') return send(res, 200, { ok: true });
    if (method === 'GET' && path === '/_sandbox/stock') return send(res, 200, stockNow());
    if (method === 'POST' && path === '/_sandbox/orders') {
      const input = json();
      const order = placeOrder(input.sku, input.quantity);
      return send(res, 200, { order_id: BigInt(order.id), orderId: order.id, remaining: catalogue.bySku(order.lines[0]!.skuCode)?.sku.inventory ?? 0 });
    }
    if (method === 'POST' && path === '/_sandbox/tokens/revoke') {
      const input = json();
      return send(res, 200, { revoked: typeof input.refresh_token === 'string' && tokens.revoke(input.refresh_token) });
    }
    throw new AdminError(404, `no admin route ${method} ${path}`);
  }

  function stockNow(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of catalogue.products.values()) for (const s of p.skus) out[s.code] = s.inventory;
    return out;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
      if (path.startsWith('/_sandbox/')) return handleAdmin(req, res, path, body);
      const params = paramsOf(url, body, req.headers['content-type']);
      if (path === '/sync') return handleSync(res, params);
      const apiPath = path.startsWith('/rest/') ? path.slice('/rest'.length) : undefined;
      if (apiPath !== undefined && (TOKEN_PATHS as readonly string[]).includes(apiPath)) return handleToken(res, apiPath, params);
      restError(res, 'InvalidApiPath', `The specified API path "${path}" does not exist`);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof AdminError) return send(res, error.status, { error: error.message, ...error.extra });
      if (error instanceof SyntaxError) return send(res, 400, { error: error.message });
      restError(res, 'ServiceUnavailable', `sandbox error: ${error instanceof Error ? error.message : String(error)}`, 'SYSTEM');
    }
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  const listening = await listen(server, options.port, options.host);
  return {
    url: listening.url,
    port: listening.port,
    close: listening.close,
    stats: snapshot,
    placeOrder: (sku, quantity) => placeOrder(sku, quantity).id,
    stock: stockNow,
    revokeRefreshToken: (t) => tokens.revoke(t),
    expireAccessToken: (t) => tokens.expireAccess(t),
  };
}
