/**
 * Offline Amazon Selling Partner API sandbox (Orders v0, Orders 2026-01-01 and the LWA token
 * endpoint) on node:http, speaking the wire format of models/ordersV0.json and
 * models/orders_2026-01-01.json so that a validating
 * proxy (Prism) between a connector and this server finds nothing to object to.
 *
 * Request pipeline for SP-API routes, in Amazon's order: auth (403, no rate-limit
 * header) → injected faults → token bucket (429, no rate-limit header) → validation
 * (400) / lookup (404) / success, both with x-amzn-RateLimit-Limit.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LwaTokenService, parseTokenRequestBody, SANDBOX_DEMO_CREDENTIALS, type IssuedToken, type LwaCredential } from './lwa.js';
import { OrderStore, type OrderPatch } from './order-store.js';
import { orderItemsPage, ordersPage, parseGetOrdersRequest } from './orders-api.js';
import {
  ORDERS_2026_OPERATIONS,
  ORDERS_2026_USAGE_PLANS,
  parseIncludedData,
  parseSearchOrdersRequest,
  searchOrdersPage,
  toOrder2026,
  type Orders2026Operation,
} from './orders-2026-api.js';
import { formatRateLimit, TokenBucket, USAGE_PLANS, type OrdersOperation } from './rate-limits.js';
import { generateAmazonSeed, type GenerateAmazonSeedOptions, type SandboxOrder } from './seed.js';
import type { AmazonError, AmazonOrder } from './wire.js';
// Listings, product types, feeds, reports, FBA inventory, tokens, confirmShipment.
import { API_OPERATIONS, API_USAGE_PLANS, type ApiOperation } from './api-operations.js';
import type { ApiReply, ApiRoute } from './api-types.js';
import { CatalogueApi, type CatalogueStats } from './catalogue-api.js';
import type { PlantedSettlement } from './reports-api.js';
import type { FbaStock } from './catalogue-seed.js';
import type { JobTiming } from './jobs.js';
import { coveringResource, redactItem, redactOrder } from './tokens-api.js';
import { listen } from '../kit/listen.js';

/** An SP-API operation the sandbox serves (Orders v0 and 2026-01-01 — `getOrder2026` is 2026's getOrder — and the catalogue APIs). */
type SpApiOperation = OrdersOperation | Orders2026Operation | ApiOperation;
export type SandboxOperation = SpApiOperation | 'token';
export const SANDBOX_OPERATIONS: readonly SandboxOperation[] = ['getOrders', 'getOrder', 'getOrderItems', ...ORDERS_2026_OPERATIONS, 'token', ...API_OPERATIONS];
const PLANS: Readonly<Record<SpApiOperation, { readonly rate: number; readonly burst: number }>> = { ...USAGE_PLANS, ...ORDERS_2026_USAGE_PLANS, ...API_USAGE_PLANS };

export interface FaultSpec {
  operation: SandboxOperation;
  status: 429 | 500 | 503;
  /** The next `count` calls of `operation` fail this way. */
  count: number;
}

export interface OperationStats {
  requests: number;
  /** 429 responses, injected ones included. */
  throttled: number;
  injectedFaults: number;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  /** Wall-clock time (epoch ms) of the first and the last request counted, when any. */
  firstAt?: number;
  lastAt?: number;
}

export interface SandboxStats {
  operations: Record<SandboxOperation, OperationStats>;
  tokensIssued: number;
  orders: number;
  pendingFaults: FaultSpec[];
  catalogue: CatalogueStats;
}

export interface AmazonSandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed options (now defaults to the sandbox clock); ignored when `orders` is given. */
  seed?: Omit<GenerateAmazonSeedOptions, 'now'> & { now?: Date };
  /** Pre-generated orders; used as is (not copied), so do not mutate them afterwards. */
  orders?: readonly SandboxOrder[];
  /** Multiplies token-bucket refill rates (bursts unchanged). Default 1. */
  timeScale?: number;
  /** false = never throttle. Default true. */
  rateLimits?: boolean;
  /** CreatedBefore/LastUpdatedBefore must be this far before now (Amazon: 120 s). 0 disables. */
  minLagSeconds?: number;
  /** LWA access-token lifetime. Default 3600. */
  tokenTtlSeconds?: number;
  /** Accepted LWA credentials. Default [SANDBOX_DEMO_CREDENTIALS]. */
  clients?: readonly LwaCredential[];
  /** Added to every SP-API and LWA response. Default 0. */
  latencyMs?: number;
  /** getOrderItems page size. Default 20. */
  orderItemsPageSize?: number;
  /** Injectable clock for token expiry, bucket refills, date rules and LastUpdateDate. */
  now?: () => Date;
  /** The selling partner id of the Listings API paths and feed headers. Default SANDBOX_SELLER_ID. */
  sellerId?: string;
  /** Seconds feeds and reports spend IN_QUEUE and IN_PROGRESS, divided by timeScale. Default 30 and 60. */
  jobTiming?: JobTiming;
  /** Buyer and address PII of Orders v0 only with a restricted data token that covers it. Default false. */
  requireRdtForPii?: boolean;
  /**
   * The demo's seeding: one V2 settlement of an EUR marketplace carries an overpaid order, a
   * commission above the rate and an order refunded in full twice (plantedSettlement() names
   * them). Default false.
   */
  plantSettlementDiscrepancies?: boolean;
}

export interface AmazonSandbox {
  /** Base URL for both SP-API and LWA, e.g. http://127.0.0.1:8700 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  stats(): SandboxStats;
  /** The stored record, as the admin API's GET /_sandbox/orders/{id} returns it. */
  getOrder(id: string): SandboxOrder | undefined;
  /** JSON merge patch of the Order; LastUpdateDate becomes now unless given. Throws on an unknown id. */
  updateOrder(id: string, patch: OrderPatch): SandboxOrder;
  /** Adds or replaces orders by AmazonOrderId ({order, items} records or bare Orders); returns how many. */
  addOrders(orders: readonly (SandboxOrder | AmazonOrder)[]): number;
  injectFaults(spec: FaultSpec | readonly FaultSpec[]): void;
  /** Back to the initial orders; clears faults, buckets and stats. Issued access tokens stay valid. */
  reset(): void;
  /** The next created feed ends CANCELLED instead of being processed. */
  planFeedOutcome(status: 'CANCELLED'): void;
  /** The settlement with planted anomalies (plantSettlementDiscrepancies), for tests and the demo's expectations. */
  plantedSettlement(): PlantedSettlement | undefined;
}

const JSON_TYPE = 'application/json';
const FAULT_BODIES: Readonly<Record<FaultSpec['status'], AmazonError>> = {
  429: { code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' },
  500: { code: 'InternalFailure', message: 'We encountered an internal error. Please try again.', details: '' },
  503: { code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please try again.', details: '' },
};
const LWA_FAULT_CODES: Readonly<Record<FaultSpec['status'], string>> = {
  429: 'rate_limited',
  500: 'server_error',
  503: 'temporarily_unavailable',
};
const DENIED = 'Access to requested resource is denied.';
const MAX_ADMIN_BODY = 256 * 1024 * 1024;
const MAX_TOKEN_BODY = 64 * 1024;

class AdminInputError extends Error {}

function emptyStats(): Record<SandboxOperation, OperationStats> {
  return Object.fromEntries(SANDBOX_OPERATIONS.map((op) => [op, { requests: 0, throttled: 0, injectedFaults: 0, statuses: {} }])) as Record<SandboxOperation, OperationStats>;
}

/** Amazon-style request id for x-amz-rid (20 upper-case alphanumerics). */
function rid(): string {
  return randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Accepts {order, items, withheld?} records or bare Orders; checks the fields the sandbox relies on; copies them. */
export function normalizeOrders(input: unknown): SandboxOrder[] {
  const list = Array.isArray(input) ? input : isRecord(input) && Array.isArray(input.orders) ? input.orders : undefined;
  if (!list) throw new AdminInputError('expected an array of orders or {"orders": [...]}');
  return list.map((entry: unknown, i): SandboxOrder => {
    if (!isRecord(entry)) throw new AdminInputError(`orders[${i}] is not an object`);
    const wrapped = isRecord(entry.order);
    const order = wrapped ? (entry.order as Record<string, unknown>) : entry;
    const items = wrapped ? (entry.items ?? []) : [];
    for (const field of ['AmazonOrderId', 'PurchaseDate', 'LastUpdateDate', 'OrderStatus'] as const) {
      if (typeof order[field] !== 'string') throw new AdminInputError(`orders[${i}].${field} must be a string`);
    }
    if (!Array.isArray(items) || !items.every(isRecord)) throw new AdminInputError(`orders[${i}].items must be an array of objects`);
    const record = { order, items, ...(wrapped && isRecord(entry.withheld) ? { withheld: entry.withheld } : {}) };
    return structuredClone(record) as unknown as SandboxOrder;
  });
}

const FBA_COUNTS = ['fulfillable', 'inboundWorking', 'inboundShipped', 'inboundReceiving', 'reserved', 'unfulfillable', 'researching'] as const;

/** FBA stock rows for the admin API: sellerSku, marketplaceId and asin required, counts default to 0. */
export function normalizeFbaStock(input: unknown): FbaStock[] {
  if (!Array.isArray(input)) throw new AdminInputError('expected an array of FBA stock rows');
  return input.map((row: unknown, i): FbaStock => {
    if (!isRecord(row)) throw new AdminInputError(`fbaStock[${i}] is not an object`);
    for (const field of ['sellerSku', 'marketplaceId', 'asin'] as const) {
      if (typeof row[field] !== 'string' || row[field] === '') throw new AdminInputError(`fbaStock[${i}].${field} must be a non-empty string`);
    }
    const counts = Object.fromEntries(
      FBA_COUNTS.map((c) => {
        const v = row[c] ?? 0;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new AdminInputError(`fbaStock[${i}].${c} must be a non-negative integer`);
        return [c, v];
      }),
    ) as Record<(typeof FBA_COUNTS)[number], number>;
    return {
      sellerSku: row.sellerSku as string,
      marketplaceId: row.marketplaceId as string,
      asin: row.asin as string,
      fnSku: typeof row.fnSku === 'string' ? row.fnSku : `X00${(row.asin as string).slice(-7)}`,
      productName: typeof row.productName === 'string' ? row.productName : (row.sellerSku as string),
      condition: 'NewItem',
      ...counts,
      lastUpdatedMs: typeof row.lastUpdatedMs === 'number' ? row.lastUpdatedMs : 0,
      ...(typeof row.price === 'string' ? { price: row.price } : {}),
    };
  });
}

function checkFault(spec: unknown): FaultSpec {
  if (!isRecord(spec)) throw new AdminInputError('a fault must be an object');
  const { operation, status, count } = spec;
  if (typeof operation !== 'string' || !SANDBOX_OPERATIONS.includes(operation as SandboxOperation)) {
    throw new AdminInputError(`operation must be one of ${SANDBOX_OPERATIONS.join(', ')}`);
  }
  if (status !== 429 && status !== 500 && status !== 503) throw new AdminInputError('status must be 429, 500 or 503');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new AdminInputError('count must be a positive integer');
  return { operation: operation as SandboxOperation, status, count };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
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

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startAmazonSandbox(options: AmazonSandboxOptions = {}): Promise<AmazonSandbox> {
  const clock = options.now ?? ((): Date => new Date());
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`);
  const rateLimits = options.rateLimits ?? true;
  const minLagSeconds = options.minLagSeconds ?? 120;
  const latencyMs = options.latencyMs ?? 0;
  const pageSize = options.orderItemsPageSize ?? 20;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`orderItemsPageSize must be a positive integer, got ${pageSize}`);
  const initial = options.orders ?? generateAmazonSeed({ ...options.seed, now: options.seed?.now ?? clock() }).orders;

  const store = new OrderStore(initial);
  const lwa = new LwaTokenService(options.clients ?? [SANDBOX_DEMO_CREDENTIALS], options.tokenTtlSeconds ?? 3600);
  let buckets = new Map<string, TokenBucket>();
  let faults: FaultSpec[] = [];
  let stats = emptyStats();

  const scaledRate = (op: SpApiOperation): number => PLANS[op].rate * timeScale;
  const requireRdtForPii = options.requireRdtForPii ?? false;
  const timing = options.jobTiming;
  if (timing && !(timing.queueSeconds >= 0 && timing.progressSeconds >= 0)) {
    throw new Error(`jobTiming seconds must be >= 0, got ${timing.queueSeconds} and ${timing.progressSeconds}`);
  }
  const catalogue = new CatalogueApi(store, initial, {
    timeScale,
    // Settlements close relative to the seed's instant when it is given (the demo's anchor), so a later restart publishes the same ones.
    startMs: (options.orders === undefined && options.seed?.now !== undefined ? options.seed.now : clock()).getTime(),
    ...(options.sellerId !== undefined ? { sellerId: options.sellerId } : {}),
    ...(options.jobTiming !== undefined ? { timing: options.jobTiming } : {}),
    ...(options.seed?.seed !== undefined ? { seed: options.seed.seed } : {}),
    ...(options.plantSettlementDiscrepancies === true ? { plantDiscrepancies: true } : {}),
  });
  const apiRoutes: ApiRoute[] = catalogue.routes();

  function count(op: SandboxOperation, status: number, injected = false): void {
    const s = stats[op];
    s.requests++;
    const now = Date.now();
    s.firstAt ??= now;
    s.lastAt = now;
    s.statuses[status] = (s.statuses[status] ?? 0) + 1;
    if (status === 429) s.throttled++;
    if (injected) s.injectedFaults++;
  }

  /** Consumes one pending fault for `op`, if any. */
  function takeFault(op: SandboxOperation): FaultSpec['status'] | undefined {
    const i = faults.findIndex((f) => f.operation === op);
    if (i < 0) return undefined;
    const f = faults[i] as FaultSpec;
    f.count--;
    if (f.count === 0) faults.splice(i, 1);
    return f.status;
  }

  function takeToken(token: IssuedToken, op: SpApiOperation): boolean {
    if (!rateLimits) return true;
    const key = `${token.partyKey}\n${op}`;
    let bucket = buckets.get(key);
    const nowMs = clock().getTime();
    if (!bucket) {
      bucket = new TokenBucket(scaledRate(op), PLANS[op].burst, nowMs);
      buckets.set(key, bucket);
    }
    return bucket.take(nowMs);
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': JSON_TYPE,
      'Content-Length': String(Buffer.byteLength(text)),
      ...headers,
    });
    res.end(text);
  }

  function updateOrder(id: string, patch: OrderPatch): SandboxOrder {
    if (!isRecord(patch)) throw new AdminInputError('patch must be an object');
    const updated = store.update(id, patch, clock());
    if (!updated) throw new AdminInputError(`no order ${id}`);
    return updated;
  }

  function injectFaults(spec: FaultSpec | readonly FaultSpec[]): void {
    const list = (Array.isArray(spec) ? spec : [spec]) as unknown[];
    faults.push(...list.map(checkFault));
  }

  function reset(): void {
    store.reset();
    catalogue.reset();
    buckets = new Map();
    faults = [];
    stats = emptyStats();
  }

  function snapshot(): SandboxStats {
    return {
      operations: structuredClone(stats),
      tokensIssued: lwa.issued,
      orders: store.size,
      pendingFaults: faults.map((f) => ({ ...f })),
      catalogue: catalogue.stats(),
    };
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const base = {
      'x-amzn-RequestId': requestId,
      'x-amz-rid': rid(),
      'Cache-Control': 'no-cache, no-store, must-revalidate',
      Pragma: 'no-cache',
      'Content-Type': 'application/json;charset=UTF-8',
    };
    if (req.method !== 'POST') {
      count('token', 405);
      send(res, 405, { error: 'invalid_request', error_description: 'The token endpoint accepts POST only', request_id: requestId }, base);
      return;
    }
    const raw = await readBody(req, MAX_TOKEN_BODY);
    if (latencyMs > 0) await sleep(latencyMs);
    const fault = takeFault('token');
    if (fault !== undefined) {
      count('token', fault, true);
      send(res, fault, { error_description: 'The sandbox injected this failure', error: LWA_FAULT_CODES[fault], request_id: requestId }, base);
      return;
    }
    const result = lwa.handle(parseTokenRequestBody(raw, req.headers['content-type']), clock().getTime(), requestId);
    count('token', result.status);
    send(res, result.status, result.body, { ...base, ...result.headers });
  }

  type Auth = { ok: true; token: IssuedToken; piiElements?: readonly string[] } | { ok: false; denied: string };

  /**
   * The caller behind x-amz-access-token: an LWA access token, or a restricted data token
   * for the paths it covers. piiElements, set when PII must be withheld
   * (requireRdtForPii), lists the data elements the caller may see.
   * 403s carry no x-amzn-RateLimit-Limit ("never expected in the response to a throttled,
   * unauthorized, or unauthenticated request").
   */
  function authorize(req: IncomingMessage, path: string): Auth {
    const tokenHeader = req.headers['x-amz-access-token'];
    const accessToken = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
    if (!accessToken) return { ok: false, denied: 'Access token is missing in the request header.' };
    const nowMs = clock().getTime();
    const rdt = accessToken.startsWith('Atz.sprdt|') ? catalogue.rdt.lookup(accessToken) : undefined;
    if (rdt) {
      if (rdt.expiresAtMs <= nowMs) return { ok: false, denied: 'The access token you provided has expired.' };
      const resource = coveringResource(rdt, req.method ?? 'GET', path);
      if (!resource) return { ok: false, denied: 'The restricted data token you provided is not authorized for this resource.' };
      // An RDT for a specific order path needs no dataElements; for generic paths they select the PII.
      const elements = resource.dataElements ?? (resource.path.includes('{') ? [] : ['buyerInfo', 'shippingAddress']);
      return { ok: true, token: rdt.token, ...(requireRdtForPii ? { piiElements: elements } : {}) };
    }
    const token = lwa.lookup(accessToken);
    if (!token) return { ok: false, denied: 'The access token you provided is revoked, malformed or invalid.' };
    if (token.expiresAtMs <= nowMs) return { ok: false, denied: 'The access token you provided has expired.' };
    if (token.grantless) return { ok: false, denied: 'The access token you provided is not authorized for this operation.' };
    return { ok: true, token, ...(requireRdtForPii ? { piiElements: [] } : {}) };
  }

  /** One of the routes of catalogue-api.ts: auth → fault → bucket → handler, as for Orders v0. */
  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, route: ApiRoute, match: RegExpExecArray): Promise<void> {
    const op = route.op;
    const base = { 'x-amzn-RequestId': randomUUID(), 'x-amz-rid': rid() };
    const body = req.method === 'GET' || req.method === 'DELETE' ? '' : await readBody(req, MAX_ADMIN_BODY);
    if (latencyMs > 0) await sleep(latencyMs);
    const auth = authorize(req, url.pathname);
    if (!auth.ok) {
      count(op, 403);
      send(res, 403, { errors: [{ code: 'Unauthorized', message: DENIED, details: auth.denied }] }, { ...base, 'x-amzn-ErrorType': 'AccessDeniedException' });
      return;
    }
    const fault = takeFault(op);
    if (fault !== undefined) {
      count(op, fault, true);
      send(res, fault, { errors: [FAULT_BODIES[fault]] }, base);
      return;
    }
    if (!takeToken(auth.token, op)) {
      count(op, 429);
      send(res, 429, { errors: [FAULT_BODIES[429]] }, base);
      return;
    }
    const params = match.slice(1).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    const reply: ApiReply = await route.handler({ method: route.method, url, params, body, token: auth.token, nowMs: clock().getTime(), headers: req.headers });
    count(op, reply.status);
    const headers = { ...base, 'x-amzn-RateLimit-Limit': formatRateLimit(scaledRate(op)), ...reply.headers };
    if (reply.body === undefined) {
      res.writeHead(reply.status, { ...headers, 'Content-Length': '0' });
      res.end();
      return;
    }
    send(res, reply.status, reply.body, headers);
  }

  /** Presigned document URLs and product type schemas: no SP-API auth, as on S3. */
  async function handleDocuments(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const schema = req.method === 'GET' ? catalogue.schemaDocument(url.pathname) : undefined;
    if (schema !== undefined) return send(res, 200, schema, { 'Content-Type': 'application/schema+json' });
    const m = /^\/_documents\/(upload|download)\/([^/]+)$/.exec(url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = m
      ? catalogue.documents.handle(req.method ?? 'GET', m[1] as string, decodeURIComponent(m[2] as string), url.searchParams, req.headers['content-type'], Buffer.concat(chunks), clock().getTime())
      : { status: 404, headers: { 'Content-Type': 'application/xml' }, body: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>') };
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
    res.end(reply.body);
  }

  /** The order id of a route match, decoded when it decodes. */
  function orderIdOf(match: RegExpExecArray): string | undefined {
    try {
      return match[1] === undefined ? undefined : decodeURIComponent(match[1]);
    } catch {
      return match[1];
    }
  }

  async function handleOrders(req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray, api: 'v0' | '2026-01-01'): Promise<void> {
    const requestId = randomUUID();
    const base = { 'x-amzn-RequestId': requestId, 'x-amz-rid': rid() };
    const orderId = orderIdOf(match);
    const op: SpApiOperation =
      api === '2026-01-01'
        ? orderId === undefined ? 'searchOrders' : 'getOrder2026'
        : orderId === undefined ? 'getOrders' : match[2] === undefined ? 'getOrder' : 'getOrderItems';
    if (req.method !== 'GET') {
      count(op, 405);
      send(res, 405, { errors: [{ code: 'MethodNotAllowed', message: `${req.method ?? ''} is not supported on this resource.`, details: '' }] }, base);
      return;
    }
    if (latencyMs > 0) await sleep(latencyMs);

    const auth = authorize(req, url.pathname);
    if (!auth.ok) {
      count(op, 403);
      send(res, 403, { errors: [{ code: 'Unauthorized', message: DENIED, details: auth.denied }] }, { ...base, 'x-amzn-ErrorType': 'AccessDeniedException' });
      return;
    }
    const { token, piiElements } = auth;

    const fault = takeFault(op);
    if (fault !== undefined) {
      count(op, fault, true);
      send(res, fault, { errors: [FAULT_BODIES[fault]] }, base);
      return;
    }
    if (!takeToken(token, op)) {
      count(op, 429);
      send(res, 429, { errors: [FAULT_BODIES[429]] }, base);
      return;
    }

    const headers = { ...base, 'x-amzn-RateLimit-Limit': formatRateLimit(scaledRate(op)) };
    const reply = (status: number, body: unknown): void => {
      count(op, status);
      send(res, status, body, headers);
    };
    const nowMs = clock().getTime();
    if (op === 'searchOrders' || op === 'getOrder2026') return serveOrders2026(op, url, orderId, nowMs, reply);
    if (op === 'getOrders') {
      const parsed = parseGetOrdersRequest(url.searchParams, nowMs, minLagSeconds);
      if (!parsed.ok) return reply(400, { errors: [parsed.error] });
      const page = ordersPage(store, parsed.value);
      if (piiElements) page.Orders = page.Orders.map((o) => redactOrder(o, piiElements));
      return reply(200, { payload: page });
    }
    const record = store.get(orderId as string);
    if (!record) {
      return reply(404, { errors: [{ code: 'NotFound', message: `Order ${orderId ?? ''} not found.`, details: '' }] });
    }
    if (op === 'getOrder') return reply(200, { payload: piiElements ? redactOrder(record.order, piiElements) : record.order });
    const page = orderItemsPage(record.order.AmazonOrderId, record.items, url.searchParams.get('NextToken'), pageSize);
    if (!page.ok) return reply(400, { errors: [page.error] });
    if (piiElements && !piiElements.includes('buyerInfo')) page.value.OrderItems = page.value.OrderItems.map(redactItem);
    return reply(200, { payload: page.value });
  }

  // ---- Orders API 2026-01-01 (orders-2026-api.ts): after the same auth, faults and buckets as v0.
  const ORDERS_2026_ROUTE = /^\/orders\/2026-01-01\/orders(?:\/([^/]+))?\/?$/;

  function serveOrders2026(op: Orders2026Operation, url: URL, orderId: string | undefined, nowMs: number, reply: (status: number, body: unknown) => void): void {
    if (op === 'searchOrders') {
      const parsed = parseSearchOrdersRequest(url.searchParams, nowMs, minLagSeconds);
      if (!parsed.ok) return reply(400, { errors: [parsed.error] });
      return reply(200, searchOrdersPage(store, parsed.value));
    }
    const included = parseIncludedData(url.searchParams);
    if (!included.ok) return reply(400, { errors: [included.error] });
    const record = store.get(orderId as string);
    if (!record) return reply(404, { errors: [{ code: 'NotFound', message: `Order ${orderId ?? ''} not found.`, details: '' }] });
    return reply(200, { order: toOrder2026(record, included.value) });
  }
  // ---- end of Orders API 2026-01-01

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const orderMatch = /^\/_sandbox\/orders\/([^/]+)$/.exec(path);
    try {
      if (method === 'GET' && path === '/_sandbox/stats') return send(res, 200, snapshot());
      if (method === 'GET' && path === '/_sandbox/health') return send(res, 200, { ok: true, orders: store.size });
      if (method === 'POST' && path === '/_sandbox/reset') {
        reset();
        return send(res, 200, { orders: store.size });
      }
      if (method === 'POST' && path === '/_sandbox/feeds/plan') {
        const { processingStatus } = JSON.parse(await readBody(req, MAX_TOKEN_BODY)) as { processingStatus?: unknown };
        if (processingStatus !== 'CANCELLED') throw new AdminInputError('processingStatus must be CANCELLED');
        catalogue.feeds.plan(processingStatus);
        return send(res, 200, { planned: processingStatus });
      }
      if (method === 'POST' && path === '/_sandbox/fba-stock') {
        const added = catalogue.addFbaStock(normalizeFbaStock(JSON.parse(await readBody(req, MAX_ADMIN_BODY))));
        return send(res, 200, { added, fbaStock: catalogue.stats().fbaStock });
      }
      if (method === 'POST' && path === '/_sandbox/faults') {
        injectFaults(JSON.parse(await readBody(req, MAX_TOKEN_BODY)) as FaultSpec);
        return send(res, 200, { pendingFaults: faults });
      }
      if (method === 'POST' && path === '/_sandbox/orders') {
        const added = store.upsert(normalizeOrders(JSON.parse(await readBody(req, MAX_ADMIN_BODY))));
        return send(res, 200, { added, orders: store.size });
      }
      if (orderMatch) {
        const id = decodeURIComponent(orderMatch[1] as string);
        if (method === 'GET') {
          const record = store.get(id);
          return record ? send(res, 200, record) : send(res, 404, { error: `no order ${id}` });
        }
        if (method === 'POST') {
          if (!store.get(id)) return send(res, 404, { error: `no order ${id}` });
          return send(res, 200, updateOrder(id, JSON.parse(await readBody(req, MAX_TOKEN_BODY)) as OrderPatch));
        }
      }
      return send(res, 404, { error: `no admin route ${method} ${path}` });
    } catch (err) {
      if (err instanceof AdminInputError || err instanceof SyntaxError) return send(res, 400, { error: err.message });
      throw err;
    }
  }

  const ORDERS_ROUTE = /^\/orders\/v0\/orders(?:\/([^/]+)(?:\/(orderItems))?)?\/?$/;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    try {
      if (path === '/auth/o2/token') return await handleToken(req, res);
      if (path.startsWith('/_documents/')) return await handleDocuments(req, res, url);
      for (const route of apiRoutes) {
        const m = route.pattern.exec(path);
        if (m && route.method === req.method) return await handleApi(req, res, url, route, m);
      }
      const match = ORDERS_ROUTE.exec(path);
      if (match) return await handleOrders(req, res, url, match, 'v0');
      const match2026 = ORDERS_2026_ROUTE.exec(path);
      if (match2026) return await handleOrders(req, res, url, match2026, '2026-01-01');
      if (path.startsWith('/_sandbox/')) return await handleAdmin(req, res, path);
      send(res, 404, { errors: [{ code: 'NotFound', message: 'Resource not found.', details: '' }] }, { 'x-amzn-RequestId': randomUUID() });
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      send(res, 500, { errors: [{ code: 'InternalFailure', message: 'Sandbox error.', details: message }] }, { 'x-amzn-RequestId': randomUUID() });
    }
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  const listening = await listen(server, options.port, options.host);
  catalogue.baseUrl = listening.url;

  return {
    url: listening.url,
    port: listening.port,
    close: listening.close,
    stats: snapshot,
    getOrder: (id) => store.get(id),
    updateOrder,
    addOrders: (orders) => store.upsert(normalizeOrders(orders)),
    injectFaults,
    reset,
    planFeedOutcome: (status) => catalogue.feeds.plan(status),
    plantedSettlement: () => catalogue.reports.plantedSettlement(),
  };
}
