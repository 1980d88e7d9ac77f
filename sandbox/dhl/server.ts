/**
 * Offline stand-in for DHL Express on node:http, in the wire formats of
 * mydhl-express-api-3.1.1.yaml and dhl-shipment-tracking-unified-1.4.1.yaml:
 *
 * - MyDHL under the model's server paths (/mydhlapi/test and /mydhlapi): POST and GET
 *   /rates, GET /products, POST /landed-cost, POST /shipments, GET /shipments/{n}/tracking and
 *   /proof-of-delivery, POST /pickups, DELETE /pickups/{n}. Basic auth,
 *   then the per-second limit (429 with Retry-After), then the Message-Reference header
 *   (28–36 characters).
 * - Shipment Tracking – Unified: GET /track/shipments?trackingNumber= with `DHL-API-Key`.
 * - Admin: GET /_sandbox/stats, POST /_sandbox/advance {seconds}, POST /_sandbox/faults
 *   {operation, status: 500|503, count, afterCommit?}.
 *
 * Time is the sandbox clock: the injected clock, sped up by timeScale, plus whatever
 * /_sandbox/advance added. Tracking progress, rate windows and timestamps all read it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DhlProblem, isRecord, problemBody } from './problem.js';
import { renderPdf } from './label-pdf.js';
import { landedCostReply } from './landed-cost.js';
import { bookDhlPickup, cancelDhlPickup, type DhlPickupRecord } from './pickups.js';
import { productsReply, rateQueryFromBody, rateQueryFromParams, ratesReply } from './rates.js';
import { createDhlShipment, customerReferenceOf, type DhlShipmentRecord } from './shipments.js';
import { dhlCheckpoints, LEVELS_OF_DETAIL, myDhlTrackingReply, TRACKING_VIEWS, unifiedTrackingReply } from './tracking.js';
import { listen } from '../kit/listen.js';

export interface DhlSandboxCredentials {
  readonly username: string;
  readonly password: string;
  /** Shipment Tracking – Unified key (DHL-API-Key). */
  readonly apiKey: string;
  /** The shipper account the MyDHL requests name. */
  readonly accountNumber: string;
}

/** What the sandbox accepts by default (sandbox values, not secrets of any real account). */
export const SANDBOX_DHL_CREDENTIALS: DhlSandboxCredentials = Object.freeze({
  username: 'caravansandbox',
  password: 'Sandbox-DHL-Express-0001',
  apiKey: 'sandbox-dhl-unified-tracking-key-0001',
  accountNumber: '950000001',
});

export interface DhlSandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The clock the sandbox clock starts from and runs with. Default the system clock. */
  clock?: () => Date;
  /** false = never 429. Default true. */
  rateLimits?: boolean;
  /** Calls per second per MyDHL user or per API key before a 429. Default 10. */
  requestsPerSecond?: number;
  /** Sandbox seconds per real second (tracking progress, rate windows). Default 1. */
  timeScale?: number;
  username?: string;
  password?: string;
  apiKey?: string;
  accountNumber?: string;
  /** Seed of the waybill numbers. Default 42. */
  seed?: number;
  /**
   * Holds each new label's reply this long after the label is made (stats count it at once):
   * a window in which a test kills the caller between the purchase and its recording. Default 0.
   */
  shipmentReplyDelayMs?: number;
}

export type DhlSandboxOperation = 'rates' | 'products' | 'landedCost' | 'createShipment' | 'tracking' | 'proofOfDelivery' | 'pickup' | 'cancelPickup' | 'unifiedTracking';

export interface DhlFaultSpec {
  readonly operation: DhlSandboxOperation;
  readonly status: 500 | 503;
  /** The next `count` calls of `operation` fail this way. */
  readonly count: number;
  /**
   * Do the operation (buy the label, book the pickup) and then answer the error: the reply
   * is lost on its way, the case a caller's retry must survive without buying twice.
   */
  readonly afterCommit?: boolean;
}

export interface DhlSandboxStats {
  /** The sandbox clock, ISO. */
  now: string;
  /** Requests per operation, refused ones included. */
  calls: Record<DhlSandboxOperation, number>;
  /** Replies by HTTP status. */
  statuses: Record<string, number>;
  unauthorized: number;
  throttled: number;
  shipments: number;
  pickups: number;
  pickupCancellations: number;
  /** POST /shipments requests per customer reference (CU): a retry counts again. */
  requestsByReference: Record<string, number>;
  /** Labels made per customer reference: stays 1 however often the reference is sent. */
  labelsByReference: Record<string, number>;
  /** Per customer reference, the paperwork of the label made: value-added service codes and the SHA-256 of each document image by type (INV …). */
  paperworkByReference: Record<string, { services: string[]; documentImages: Record<string, string> }>;
  /** Seconds added through /_sandbox/advance. */
  advancedSeconds: number;
  injectedFaults: number;
  pendingFaults: DhlFaultSpec[];
}

export interface DhlSandbox {
  /** Base URL; MyDHL is under `${url}/mydhlapi/test`, Unified tracking under `${url}/track`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  stats(): DhlSandboxStats;
  /** Moves the sandbox clock forward, as POST /_sandbox/advance does. */
  advance(seconds: number): void;
  /** Makes the next calls of an operation fail, as POST /_sandbox/faults does. */
  injectFaults(spec: DhlFaultSpec | readonly DhlFaultSpec[]): void;
}

const OPERATIONS: readonly DhlSandboxOperation[] = ['rates', 'products', 'landedCost', 'createShipment', 'tracking', 'proofOfDelivery', 'pickup', 'cancelPickup', 'unifiedTracking'];
const FAULT_BODIES: Readonly<Record<DhlFaultSpec['status'], readonly [title: string, detail: string]>> = {
  500: ['Internal Server Error', '999: Process failure occurred. Process ID associated for that transaction (1234567890)'],
  503: ['Service Unavailable', 'The service is temporarily unavailable. Please try again later.'],
};

/** A fault spec from the admin API or a caller, checked. */
function checkFault(spec: unknown): DhlFaultSpec {
  if (!isRecord(spec)) throw new Error('a fault must be an object');
  const { operation, status, count, afterCommit } = spec;
  if (typeof operation !== 'string' || !(OPERATIONS as readonly string[]).includes(operation)) throw new Error(`operation must be one of ${OPERATIONS.join(', ')}`);
  if (status !== 500 && status !== 503) throw new Error('status must be 500 or 503');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  if (afterCommit !== undefined && typeof afterCommit !== 'boolean') throw new Error('afterCommit must be a boolean');
  return { operation: operation as DhlSandboxOperation, status, count, ...(afterCommit ? { afterCommit } : {}) };
}

const MYDHL_PREFIXES = ['/mydhlapi/test', '/mydhlapi'] as const;
const MAX_BODY = 16 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** One fixed one-second window per caller: enough to show a 429 and its Retry-After. */
class SecondWindows {
  private readonly windows = new Map<string, { second: number; count: number }>();
  constructor(private readonly limit: number) {}
  /** Retry-After seconds when over the limit, else undefined. */
  take(key: string, nowMs: number): number | undefined {
    const second = Math.floor(nowMs / 1000);
    const window = this.windows.get(key);
    if (!window || window.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return undefined;
    }
    window.count++;
    return window.count > this.limit ? 1 : undefined;
  }
}

function basicAuth(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export async function startDhlSandbox(options: DhlSandboxOptions = {}): Promise<DhlSandbox> {
  const clock = options.clock ?? ((): Date => new Date());
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`);
  const perSecond = options.requestsPerSecond ?? 10;
  if (!Number.isInteger(perSecond) || perSecond < 1) throw new Error(`requestsPerSecond must be a positive integer, got ${perSecond}`);
  const rateLimits = options.rateLimits ?? true;
  const credentials: DhlSandboxCredentials = {
    username: options.username ?? SANDBOX_DHL_CREDENTIALS.username,
    password: options.password ?? SANDBOX_DHL_CREDENTIALS.password,
    apiKey: options.apiKey ?? SANDBOX_DHL_CREDENTIALS.apiKey,
    accountNumber: options.accountNumber ?? SANDBOX_DHL_CREDENTIALS.accountNumber,
  };
  const seed = options.seed ?? 42;
  const shipmentReplyDelayMs = options.shipmentReplyDelayMs ?? 0;
  if (!Number.isInteger(shipmentReplyDelayMs) || shipmentReplyDelayMs < 0) throw new Error(`shipmentReplyDelayMs must be a non-negative integer, got ${shipmentReplyDelayMs}`);
  const startMs = clock().getTime();
  let advancedMs = 0;
  const now = (): number => startMs + (clock().getTime() - startMs) * timeScale + advancedMs;
  const advance = (seconds: number): void => {
    if (!(Number.isFinite(seconds) && seconds >= 0)) throw new Error(`seconds must be a non-negative number, got ${seconds}`);
    advancedMs += seconds * 1000;
  };

  const windows = new SecondWindows(perSecond);
  const shipments = new Map<string, DhlShipmentRecord>();
  const byReference = new Map<string, DhlShipmentRecord>();
  const pickups = new Map<string, DhlPickupRecord>();
  let faults: DhlFaultSpec[] = [];
  let injectedFaults = 0;
  function injectFaults(spec: DhlFaultSpec | readonly DhlFaultSpec[]): void {
    const list = (Array.isArray(spec) ? spec : [spec]) as unknown[];
    faults.push(...list.map(checkFault));
  }
  /** Takes one pending fault of `op`, if any. */
  function takeFault(op: DhlSandboxOperation): DhlFaultSpec | undefined {
    const i = faults.findIndex((f) => f.operation === op);
    if (i < 0) return undefined;
    const fault = faults[i] as DhlFaultSpec;
    faults = fault.count > 1 ? faults.map((f, j) => (j === i ? { ...f, count: f.count - 1 } : f)) : faults.filter((_, j) => j !== i);
    injectedFaults++;
    return fault;
  }
  function sendFault(res: ServerResponse, status: DhlFaultSpec['status'], instance: string, unified = false): void {
    const [title, detail] = FAULT_BODIES[status];
    reply(res, status, unified ? { title, detail, status, instance } : { instance, detail, title, message: title, status: String(status) }, {}, 'application/problem+json');
  }
  const stats: Omit<DhlSandboxStats, 'now' | 'shipments' | 'pickups' | 'advancedSeconds' | 'injectedFaults' | 'pendingFaults'> = {
    calls: { rates: 0, products: 0, landedCost: 0, createShipment: 0, tracking: 0, proofOfDelivery: 0, pickup: 0, cancelPickup: 0, unifiedTracking: 0 },
    statuses: {},
    unauthorized: 0,
    throttled: 0,
    pickupCancellations: 0,
    requestsByReference: {},
    labelsByReference: {},
    paperworkByReference: {},
  };
  let baseUrl = '';

  /** What a test checks of a label's customs paperwork without keeping the request. */
  function paperworkOf(body: unknown): { services: string[]; documentImages: Record<string, string> } {
    const b = isRecord(body) ? body : {};
    const services = (Array.isArray(b.valueAddedServices) ? b.valueAddedServices : []).flatMap((s) => (isRecord(s) && typeof s.serviceCode === 'string' ? [s.serviceCode] : []));
    const documentImages: Record<string, string> = {};
    for (const d of Array.isArray(b.documentImages) ? b.documentImages : []) {
      if (isRecord(d) && typeof d.typeCode === 'string' && typeof d.content === 'string') documentImages[d.typeCode] = createHash('sha256').update(Buffer.from(d.content, 'base64')).digest('hex');
    }
    return { services, documentImages };
  }

  function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, type?: string): void {
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
    send(res, status, body, headers, type);
  }

  function refuse(res: ServerResponse, problem: DhlProblem, instance: string, headers: Record<string, string> = {}): void {
    if (problem.status === 401) stats.unauthorized++;
    if (problem.status === 429) stats.throttled++;
    reply(res, problem.status, problemBody(problem, instance), headers, 'application/problem+json');
  }

  /** MyDHL's gate: credentials, the caller's rate window, the Message-Reference header. */
  function admitMyDhl(req: IncomingMessage, res: ServerResponse, instance: string): Record<string, string> | undefined {
    const auth = basicAuth(req.headers.authorization);
    if (!auth || auth.username !== credentials.username || auth.password !== credentials.password) {
      refuse(res, new DhlProblem(401, 'Invalid Credentials'), instance, { 'WWW-Authenticate': 'Basic realm="MyDHL API"' });
      return undefined;
    }
    const retryAfter = rateLimits ? windows.take(`mydhl\n${auth.username}`, now()) : undefined;
    if (retryAfter !== undefined) {
      refuse(res, new DhlProblem(429, `Rate limit of ${perSecond} calls per second exceeded. Please retry after ${retryAfter} second(s).`), instance, { 'Retry-After': String(retryAfter) });
      return undefined;
    }
    const reference = req.headers['message-reference'];
    if (typeof reference !== 'string' || reference.length < 28 || reference.length > 36) {
      refuse(res, new DhlProblem(400, 'Message-Reference header is required and must be between 28 and 36 characters long'), instance);
      return undefined;
    }
    return { 'Message-Reference': reference, 'Invocation-Id': randomUUID() };
  }

  async function jsonBody(req: IncomingMessage): Promise<unknown> {
    const text = await readBody(req);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new DhlProblem(400, 'Request body is not valid JSON');
    }
  }

  async function handleMyDhl(req: IncomingMessage, res: ServerResponse, route: string, url: URL): Promise<void> {
    const instance = `/expressapi${route}${url.search}`;
    const tracking = /^\/shipments\/([^/]+)\/tracking$/.exec(route);
    const pod = /^\/shipments\/([^/]+)\/proof-of-delivery$/.exec(route);
    const pickup = /^\/pickups\/([^/]+)$/.exec(route);
    let op: DhlSandboxOperation;
    if (route === '/rates' && (req.method === 'POST' || req.method === 'GET')) op = 'rates';
    else if (route === '/products' && req.method === 'GET') op = 'products';
    else if (route === '/landed-cost' && req.method === 'POST') op = 'landedCost';
    else if (route === '/shipments' && req.method === 'POST') op = 'createShipment';
    else if (tracking && req.method === 'GET') op = 'tracking';
    // GET /tracking?shipmentReference=…: the shipments created with that customer reference (how a caller finds a label whose reply it lost).
    else if (route === '/tracking' && req.method === 'GET' && url.searchParams.has('shipmentReference')) op = 'tracking';
    else if (pod && req.method === 'GET') op = 'proofOfDelivery';
    else if (route === '/pickups' && req.method === 'POST') op = 'pickup';
    else if (pickup && req.method === 'DELETE') op = 'cancelPickup';
    else return reply(res, 404, { instance, detail: 'Resource not found', title: 'Not Found', message: 'Not Found', status: '404' }, {}, 'application/problem+json');
    stats.calls[op]++;
    const headers = admitMyDhl(req, res, instance);
    if (!headers) return;
    const fault = takeFault(op);
    if (fault && !fault.afterCommit) return sendFault(res, fault.status, instance);
    // The answer, or the injected error once the work is done.
    const ok = (status: number, body: unknown, extra: Record<string, string> = {}): void =>
      fault ? sendFault(res, fault.status, instance) : reply(res, status, body, { ...headers, ...extra });
    try {
      if (op === 'rates') {
        const query = req.method === 'GET' ? rateQueryFromParams(url.searchParams) : rateQueryFromBody(await jsonBody(req));
        if (query.accountNumber !== undefined && query.accountNumber !== credentials.accountNumber) {
          throw new DhlProblem(400, 'The account number is not found or invalid. Please check the account number and retry.');
        }
        return ok(200, ratesReply(query));
      }
      if (op === 'products') {
        const query = rateQueryFromParams(url.searchParams);
        if (query.accountNumber !== credentials.accountNumber) {
          throw new DhlProblem(400, 'The account number is not found or invalid. Please check the account number and retry.');
        }
        return ok(200, productsReply(query));
      }
      if (op === 'landedCost') {
        return ok(200, landedCostReply(await jsonBody(req), credentials.accountNumber, new Date(now()).toISOString().slice(0, 10)));
      }
      if (op === 'createShipment') {
        const body = await jsonBody(req);
        const reference = customerReferenceOf(body);
        if (reference !== undefined) {
          stats.requestsByReference[reference] = (stats.requestsByReference[reference] ?? 0) + 1;
          const earlier = byReference.get(reference);
          if (earlier) return ok(201, earlier.reply, { Location: `${baseUrl}/mydhlapi/test/shipments/${earlier.trackingNumber}` });
        }
        const record = createDhlShipment(body, { accountNumber: credentials.accountNumber, nowMs: now(), baseUrl: `${baseUrl}/mydhlapi/test`, seed, sequence: shipments.size });
        shipments.set(record.trackingNumber, record);
        if (reference !== undefined) {
          byReference.set(reference, record);
          stats.labelsByReference[reference] = (stats.labelsByReference[reference] ?? 0) + 1;
          stats.paperworkByReference[reference] = paperworkOf(body);
        }
        if (shipmentReplyDelayMs > 0) {
          await new Promise((r) => setTimeout(r, shipmentReplyDelayMs));
          // The caller died meanwhile: nobody to answer.
          if (res.destroyed || req.socket.destroyed) return;
        }
        return ok(201, record.reply, { Location: `${baseUrl}/mydhlapi/test/shipments/${record.trackingNumber}` });
      }
      if (op === 'pickup') {
        const { record, reply: booked } = bookDhlPickup(await jsonBody(req), credentials.accountNumber, pickups.size);
        pickups.set(record.dispatchConfirmationNumber, record);
        return ok(201, booked);
      }
      if (op === 'cancelPickup') {
        cancelDhlPickup(pickups.get(decodeURIComponent(pickup?.[1] ?? '')), url.searchParams);
        stats.pickupCancellations++;
        if (fault) return sendFault(res, fault.status, instance);
        stats.statuses[200] = (stats.statuses[200] ?? 0) + 1;
        res.writeHead(200, { ...headers, 'Content-Length': '0' });
        res.end();
        return;
      }
      if (op === 'proofOfDelivery') {
        const record = shipments.get(decodeURIComponent(pod?.[1] ?? ''));
        const delivered = record ? dhlCheckpoints(record, now()).find((c) => c.typeCode === 'OK') : undefined;
        if (!record || !delivered) throw new DhlProblem(404, 'No electronic proof of delivery found', 'Not Found');
        const lines = [`Waybill ${record.trackingNumber}`, `Delivered ${new Date(delivered.atMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`, `Signed by: ${delivered.signedBy ?? ''}`, `${record.receiver.cityName} ${record.receiver.countryCode}`];
        return ok(200, { documents: [{ encodingFormat: 'PDF', content: renderPdf({ width: 595, height: 842, title: 'PROOF OF DELIVERY', lines }).toString('base64'), typeCode: 'POD' }] });
      }
      const view = url.searchParams.get('trackingView') ?? 'all-checkpoints';
      if (!(TRACKING_VIEWS as readonly string[]).includes(view)) {
        throw new DhlProblem(400, `Parameters not having correct format: trackingView (valid parameters for trackingView are [${TRACKING_VIEWS.join(', ')}]`);
      }
      const level = url.searchParams.get('levelOfDetail') ?? 'shipment';
      if (!(LEVELS_OF_DETAIL as readonly string[]).includes(level)) {
        throw new DhlProblem(400, `Parameters not having correct format: levelOfDetail (valid parameters for levelOfDetail are [${LEVELS_OF_DETAIL.join(', ')}]`);
      }
      const record = tracking ? shipments.get(decodeURIComponent(tracking[1] ?? '')) : byReference.get(url.searchParams.get('shipmentReference') ?? '');
      if (!record) throw new DhlProblem(404, 'No data found');
      return ok(200, myDhlTrackingReply(record, now(), view, level), { 'Content-Language': 'eng' });
    } catch (err) {
      if (err instanceof DhlProblem) return refuse(res, err, instance);
      throw err;
    }
  }

  function handleUnified(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const instance = `/shipments${url.search}`;
    const problem = (status: number, title: string, detail: string, headers: Record<string, string> = {}): void => {
      if (status === 401) stats.unauthorized++;
      if (status === 429) stats.throttled++;
      reply(res, status, { title, detail, status, instance }, { 'Content-Language': 'en', ...headers }, 'application/problem+json');
    };
    stats.calls.unifiedTracking++;
    const key = req.headers['dhl-api-key'];
    if (key !== credentials.apiKey) return problem(401, 'Unauthorized', 'Unauthorized for given resource.');
    const retryAfter = rateLimits ? windows.take(`unified\n${credentials.apiKey}`, now()) : undefined;
    if (retryAfter !== undefined) return problem(429, 'Too Many Requests', `Rate limit of ${perSecond} calls per second exceeded.`, { 'Retry-After': String(retryAfter) });
    const fault = takeFault('unifiedTracking');
    if (fault) return sendFault(res, fault.status, instance, true);
    const number = url.searchParams.get('trackingNumber');
    if (!number) return problem(400, 'Bad Request', 'The trackingNumber query parameter is required.');
    const service = url.searchParams.get('service');
    const record = shipments.get(number);
    if (!record || (service !== null && service !== 'express')) return problem(404, 'No result found', 'No shipment with given tracking number found.');
    reply(res, 200, unifiedTrackingReply(record, now(), `/shipments${url.search}`), { 'Content-Language': 'en' });
  }

  function snapshot(): DhlSandboxStats {
    return {
      now: new Date(now()).toISOString(),
      calls: { ...stats.calls },
      statuses: { ...stats.statuses },
      unauthorized: stats.unauthorized,
      throttled: stats.throttled,
      shipments: shipments.size,
      pickups: pickups.size,
      pickupCancellations: stats.pickupCancellations,
      requestsByReference: { ...stats.requestsByReference },
      labelsByReference: { ...stats.labelsByReference },
      paperworkByReference: structuredClone(stats.paperworkByReference),
      advancedSeconds: advancedMs / 1000,
      injectedFaults,
      pendingFaults: faults.map((f) => ({ ...f })),
    };
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method === 'GET' && path === '/_sandbox/stats') return send(res, 200, snapshot());
    if (req.method === 'POST' && path === '/_sandbox/advance') {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req)) as unknown;
      } catch {
        body = undefined;
      }
      const seconds = isRecord(body) ? body.seconds : undefined;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return send(res, 400, { error: 'expected {"seconds": a non-negative number}' });
      advance(seconds);
      return send(res, 200, { now: new Date(now()).toISOString(), advancedSeconds: advancedMs / 1000 });
    }
    if (req.method === 'POST' && path === '/_sandbox/faults') {
      try {
        injectFaults(JSON.parse(await readBody(req)) as DhlFaultSpec);
      } catch (err) {
        return send(res, 400, { error: err instanceof Error ? err.message : String(err) });
      }
      return send(res, 200, { pendingFaults: faults });
    }
    send(res, 404, { error: `no admin route ${req.method} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    try {
      if (path.startsWith('/_sandbox/')) return await handleAdmin(req, res, path);
      if (path === '/track/shipments' && req.method === 'GET') return handleUnified(req, res, url);
      const prefix = MYDHL_PREFIXES.find((p) => path.startsWith(`${p}/`));
      if (prefix) return await handleMyDhl(req, res, path.slice(prefix.length), url);
      reply(res, 404, { instance: path, detail: 'Resource not found', title: 'Not Found', message: 'Not Found', status: '404' }, {}, 'application/problem+json');
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof BodyTooLarge) return reply(res, 413, { instance: path, detail: `Request body larger than ${MAX_BODY} bytes`, title: 'Payload Too Large', message: 'Payload Too Large', status: '413' });
      const detail = err instanceof Error ? err.message : String(err);
      reply(res, 500, { instance: path, detail: `999: Process failure occurred. ${detail}`, title: 'Internal Server Error', message: 'Internal Server Error', status: '500' });
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const listening = await listen(server, options.port, options.host);
  baseUrl = listening.url;

  return {
    url: baseUrl,
    port: listening.port,
    close: listening.close,
    stats: snapshot,
    advance,
    injectFaults,
  };
}
