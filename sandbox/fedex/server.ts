/**
 * Offline stand-in for the FedEx APIs on node:http, in the wire formats of rate-api.json,
 * ship-api.json, track.json and upload-documents-api.json:
 *
 *   POST /oauth/token                     client credentials → bearer token
 *   POST /rate/v1/rates/quotes            rateReplyDetails per service
 *   POST /ship/v1/shipments               labels (base64 PDF), commercial invoice
 *   PUT  /ship/v1/shipments/cancel        once; a second time is an error
 *   POST /track/v1/trackingnumbers        scan events advancing on the sandbox clock
 *   POST /documents/v1/etds/upload        multipart ETD upload → docId
 *   GET  /_sandbox/stats, POST /_sandbox/advance {seconds},
 *   POST /_sandbox/faults {operation, status: 500|503, count, afterCommit?}
 *
 * Each API call: bearer token (401 NOT.AUTHORIZED.ERROR), the project's right to the API
 * (a Track-only project gets 403 elsewhere), the throttles (10-second window per project,
 * organisation daily quota until 00:00 GMT; 429 with Retry-After), then the operation.
 * Time is the sandbox clock: the injected clock sped up by timeScale plus /_sandbox/advance;
 * access tokens alone expire on the injected clock, so advancing tracking by days does not
 * invalidate a token the caller rightly holds as fresh.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FedexError, isRecord } from './errors.js';
import { parseMultipart, readEtdUpload } from './etd.js';
import { FedexOAuth, SANDBOX_FEDEX_CREDENTIALS, SANDBOX_FEDEX_TRACKING_CREDENTIALS, type FedexCredentials } from './oauth.js';
import { FedexQuotas, TRANSACTIONS_PER_WINDOW } from './quotas.js';
import { rateReply } from './rates.js';
import { attachedDocumentIds, cancelFedexShipment, createFedexShipment, fedexTrackingNumber, shipmentReferenceOf, type FedexShipmentRecord } from './shipments.js';
import { notFoundResult, trackResult } from './tracking.js';
import { listen } from '../kit/listen.js';

export interface FedexSandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The clock the sandbox clock starts from and runs with. Default the system clock. */
  clock?: () => Date;
  /** false = no 429 at all (neither the 10-second window nor the daily quota). Default true. */
  rateLimits?: boolean;
  /** The organisation's transactions per GMT day. Default 500 000 (FedEx's example). */
  dailyQuota?: number;
  /** Transactions per project per 10 seconds. Default 1400. */
  transactionsPerWindow?: number;
  /** Sandbox seconds per real second. Default 1. */
  timeScale?: number;
  /** Access-token lifetime. Default 3599, as FedEx issues them. */
  tokenTtlSeconds?: number;
  credentials?: FedexCredentials;
  trackingCredentials?: FedexCredentials;
  /** Seed of the tracking numbers. Default 42. */
  seed?: number;
}

export type FedexSandboxOperation = 'token' | 'rates' | 'ship' | 'cancel' | 'track' | 'etdUpload';

export interface FedexFaultSpec {
  readonly operation: Exclude<FedexSandboxOperation, 'token'>;
  readonly status: 500 | 503;
  /** The next `count` calls of `operation` fail this way. */
  readonly count: number;
  /** Do the operation (ship, cancel, upload) and then answer the error: the reply is lost on its way. */
  readonly afterCommit?: boolean;
}

export interface FedexSandboxStats {
  /** The sandbox clock, ISO. */
  now: string;
  calls: Record<FedexSandboxOperation, number>;
  statuses: Record<string, number>;
  tokensIssued: number;
  unauthorized: number;
  /** Every 429, daily-quota ones included. */
  throttled: number;
  dailyQuotaRefusals: number;
  shipments: number;
  cancellations: number;
  /** POST /ship/v1/shipments requests per customer reference: a retry counts again. */
  requestsByReference: Record<string, number>;
  /** Shipments (labels bought) per customer reference: stays 1 however often it is sent. */
  labelsByReference: Record<string, number>;
  etdUploads: number;
  /** Uploaded ETD documents by docId: type code, file name and size. */
  etdDocuments: Record<string, { documentType: string; name: string; bytes: number }>;
  /** The ETD document ids each shipment (by customer reference) named in etdDetail.attachedDocuments. */
  attachedDocumentsByReference: Record<string, string[]>;
  advancedSeconds: number;
  injectedFaults: number;
  pendingFaults: FedexFaultSpec[];
}

export interface FedexSandbox {
  /** Base URL for every FedEx path, e.g. http://127.0.0.1:8720 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  stats(): FedexSandboxStats;
  /** Moves the sandbox clock forward, as POST /_sandbox/advance does. */
  advance(seconds: number): void;
  /** Makes the next calls of an operation fail, as POST /_sandbox/faults does. */
  injectFaults(spec: FedexFaultSpec | readonly FedexFaultSpec[]): void;
}

const ROUTES: Readonly<Record<string, FedexSandboxOperation>> = {
  'POST /rate/v1/rates/quotes': 'rates',
  'POST /ship/v1/shipments': 'ship',
  'PUT /ship/v1/shipments/cancel': 'cancel',
  'POST /track/v1/trackingnumbers': 'track',
  // Tracking by reference: the shipments shipped with a customer reference (how a caller finds a label whose reply it lost).
  'POST /track/v1/referencenumbers': 'track',
  'POST /documents/v1/etds/upload': 'etdUpload',
};
const MAX_BODY = 32 * 1024 * 1024;

/** The models' own 500 and 503 examples. */
const FAULTS: Readonly<Record<FedexFaultSpec['status'], readonly [code: string, message: string]>> = {
  500: ['INTERNAL.SERVER.ERROR', 'We encountered an unexpected error and are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.'],
  503: ['SERVICE.UNAVAILABLE.ERROR', 'The service is currently unavailable and we are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.'],
};

function checkFault(spec: unknown): FedexFaultSpec {
  if (!isRecord(spec)) throw new Error('a fault must be an object');
  const { operation, status, count, afterCommit } = spec;
  const operations = [...new Set(Object.values(ROUTES))];
  if (typeof operation !== 'string' || !(operations as string[]).includes(operation)) throw new Error(`operation must be one of ${operations.join(', ')}`);
  if (status !== 500 && status !== 503) throw new Error('status must be 500 or 503');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  if (afterCommit !== undefined && typeof afterCommit !== 'boolean') throw new Error('afterCommit must be a boolean');
  return { operation: operation as FedexFaultSpec['operation'], status, count, ...(afterCommit ? { afterCommit } : {}) };
}

function readBuffer(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new FedexError(413, 'REQUEST.ENTITY.TOO.LARGE', `The request body is larger than ${MAX_BODY} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export async function startFedexSandbox(options: FedexSandboxOptions = {}): Promise<FedexSandbox> {
  const clock = options.clock ?? ((): Date => new Date());
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`);
  const dailyQuota = options.dailyQuota ?? 500_000;
  if (!Number.isInteger(dailyQuota) || dailyQuota < 0) throw new Error(`dailyQuota must be a non-negative integer, got ${dailyQuota}`);
  const rateLimits = options.rateLimits ?? true;
  const project = options.credentials ?? SANDBOX_FEDEX_CREDENTIALS;
  const trackingProject = options.trackingCredentials ?? SANDBOX_FEDEX_TRACKING_CREDENTIALS;
  const seed = options.seed ?? 42;
  const oauth = new FedexOAuth(project, trackingProject, options.tokenTtlSeconds ?? 3599);
  const quotas = new FedexQuotas(options.transactionsPerWindow ?? TRANSACTIONS_PER_WINDOW, dailyQuota, timeScale);

  const startMs = clock().getTime();
  let advancedMs = 0;
  const now = (): number => startMs + (clock().getTime() - startMs) * timeScale + advancedMs;
  const advance = (seconds: number): void => {
    if (!(Number.isFinite(seconds) && seconds >= 0)) throw new Error(`seconds must be a non-negative number, got ${seconds}`);
    advancedMs += seconds * 1000;
  };

  const shipments = new Map<string, FedexShipmentRecord>();
  const byTrackingNumber = new Map<string, FedexShipmentRecord>();
  const byReference = new Map<string, FedexShipmentRecord>();
  let issuedNumbers = 0;
  const uploadedDocuments = new Set<string>();
  let faults: FedexFaultSpec[] = [];
  let injectedFaults = 0;
  function injectFaults(spec: FedexFaultSpec | readonly FedexFaultSpec[]): void {
    const list = (Array.isArray(spec) ? spec : [spec]) as unknown[];
    faults.push(...list.map(checkFault));
  }
  function takeFault(op: FedexSandboxOperation): FedexFaultSpec | undefined {
    const i = faults.findIndex((f) => f.operation === op);
    if (i < 0) return undefined;
    const fault = faults[i] as FedexFaultSpec;
    faults = fault.count > 1 ? faults.map((f, j) => (j === i ? { ...f, count: f.count - 1 } : f)) : faults.filter((_, j) => j !== i);
    injectedFaults++;
    return fault;
  }
  const counters = {
    calls: { token: 0, rates: 0, ship: 0, cancel: 0, track: 0, etdUpload: 0 } as Record<FedexSandboxOperation, number>,
    statuses: {} as Record<string, number>,
    unauthorized: 0,
    throttled: 0,
    cancellations: 0,
    requestsByReference: {} as Record<string, number>,
    labelsByReference: {} as Record<string, number>,
    etdUploads: 0,
    etdDocuments: {} as Record<string, { documentType: string; name: string; bytes: number }>,
    attachedDocumentsByReference: {} as Record<string, string[]>,
  };

  function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    counters.statuses[status] = (counters.statuses[status] ?? 0) + 1;
    send(res, status, body, headers);
  }

  function fail(res: ServerResponse, err: FedexError, transactionId: string | undefined, customerTransactionId: string | undefined): void {
    if (err.status === 401) counters.unauthorized++;
    if (err.status === 429) counters.throttled++;
    // The upload API's errors carry no transaction ids (upload-documents-api.json).
    const ids = transactionId === undefined ? {} : { transactionId, ...(customerTransactionId !== undefined ? { customerTransactionId } : {}) };
    reply(res, err.status, { ...ids, errors: err.errors }, err.headers);
  }

  async function jsonBody(req: IncomingMessage): Promise<unknown> {
    const text = (await readBuffer(req)).toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FedexError(400, 'INVALID.INPUT.EXCEPTION', 'Invalid field value in the input: the request body is not valid JSON.');
    }
  }

  async function operate(op: FedexSandboxOperation, req: IncomingMessage, transactionId: string, customerTransactionId: string | undefined): Promise<{ status: number; body: unknown }> {
    const ids = { transactionId, ...(customerTransactionId !== undefined ? { customerTransactionId } : {}) };
    switch (op) {
      case 'rates':
        return { status: 200, body: { ...ids, output: rateReply(await jsonBody(req), project.accountNumber) } };
      case 'ship': {
        const body = await jsonBody(req);
        const reference = shipmentReferenceOf(body);
        if (reference !== undefined) {
          counters.requestsByReference[reference] = (counters.requestsByReference[reference] ?? 0) + 1;
          const earlier = byReference.get(reference);
          if (earlier) return { status: 200, body: earlier.reply };
        }
        const record = createFedexShipment(body, {
          accountNumber: project.accountNumber,
          nowMs: now(),
          nextTrackingNumber: () => fedexTrackingNumber(seed, issuedNumbers++),
          transactionId,
          ...(customerTransactionId !== undefined ? { customerTransactionId } : {}),
          uploadedDocument: (docId) => uploadedDocuments.has(docId),
        });
        shipments.set(record.masterTrackingNumber, record);
        for (const n of record.trackingNumbers) byTrackingNumber.set(n, record);
        if (reference !== undefined) {
          byReference.set(reference, record);
          counters.labelsByReference[reference] = (counters.labelsByReference[reference] ?? 0) + 1;
          counters.attachedDocumentsByReference[reference] = attachedDocumentIds(body);
        }
        return { status: 200, body: record.reply };
      }
      case 'cancel': {
        cancelFedexShipment(await jsonBody(req), project.accountNumber, (n) => shipments.get(n), now());
        counters.cancellations++;
        return { status: 200, body: { ...ids, output: { cancelledShipment: true, cancelledHistory: true, successMessage: 'Success' } } };
      }
      case 'track': {
        const body = await jsonBody(req);
        const byRef = isRecord(body) && isRecord(body.referencesInformation) ? body.referencesInformation.value : undefined;
        if (typeof byRef === 'string') {
          const record = byReference.get(byRef);
          const n = record?.masterTrackingNumber ?? byRef;
          return { status: 200, body: { ...ids, output: { completeTrackResults: [{ trackingNumber: n, trackResults: [record ? trackResult(record, n, now(), false) : notFoundResult(n)] }] } } };
        }
        const infos = isRecord(body) && Array.isArray(body.trackingInfo) ? body.trackingInfo : [];
        const numbers = infos.map((i) => (isRecord(i) && isRecord(i.trackingNumberInfo) ? i.trackingNumberInfo.trackingNumber : undefined));
        if (numbers.length === 0 || numbers.some((n) => typeof n !== 'string' || n === '')) {
          throw new FedexError(400, 'TRACKING.TRACKINGNUMBER.EMPTY', 'Please provide tracking number.', 'trackingInfo.trackingNumberInfo.trackingNumber');
        }
        const detailed = isRecord(body) && body.includeDetailedScans === true;
        const at = now();
        const completeTrackResults = (numbers as string[]).map((n) => {
          const record = byTrackingNumber.get(n);
          return { trackingNumber: n, trackResults: [record ? trackResult(record, n, at, detailed) : notFoundResult(n)] };
        });
        return { status: 200, body: { ...ids, output: { completeTrackResults } } };
      }
      case 'etdUpload': {
        const upload = readEtdUpload(parseMultipart(await readBuffer(req), req.headers['content-type']));
        counters.etdUploads++;
        const n = counters.etdUploads;
        const docId = `090493e1${(0x81586300 + n).toString(16)}`;
        uploadedDocuments.add(docId);
        counters.etdDocuments[docId] = { documentType: upload.documentType, name: upload.name, bytes: upload.bytes };
        return {
          status: 201,
          body: {
            output: { meta: { documentType: upload.documentType, docId, folderId: [`0b0493e1${(0x812f8900 + n).toString(16)}`] } },
            ...(customerTransactionId !== undefined ? { customerTransactionId } : {}),
          },
        };
      }
      default:
        throw new FedexError(404, 'NOT.FOUND.ERROR', 'The resource you requested is no longer available. Please modify your request and try again.');
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, op: FedexSandboxOperation): Promise<void> {
    counters.calls[op]++;
    const header = req.headers['x-customer-transaction-id'];
    const customerTransactionId = typeof header === 'string' ? header : undefined;
    const transactionId = op === 'etdUpload' ? undefined : randomUUID();
    try {
      // Token lifetimes run on the caller's clock (the injected one), not the advanced sandbox clock.
      const token = oauth.check(req.headers.authorization, clock().getTime(), (message) =>
        op === 'etdUpload' ? new FedexError(401, 'AUTHENTICATION.TOKEN.INVALID', 'Invalid token passed in the request') : new FedexError(401, 'NOT.AUTHORIZED.ERROR', message),
      );
      if (token.trackOnly && op !== 'track') {
        throw new FedexError(403, 'FORBIDDEN.ERROR', 'We could not authorize your credentials. Please check your permissions and try again.');
      }
      if (rateLimits) quotas.take(token.clientId, now());
      const fault = takeFault(op);
      const injected = (f: FedexFaultSpec): FedexError => new FedexError(f.status, ...FAULTS[f.status]);
      if (fault && !fault.afterCommit) throw injected(fault);
      const { status, body } = await operate(op, req, transactionId ?? randomUUID(), customerTransactionId);
      if (fault) throw injected(fault);
      reply(res, status, body);
    } catch (err) {
      if (err instanceof FedexError) return fail(res, err, transactionId, customerTransactionId);
      throw err;
    }
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counters.calls.token++;
    const transactionId = randomUUID();
    try {
      const form = new URLSearchParams((await readBuffer(req)).toString('utf8'));
      reply(res, 200, oauth.issue(form, clock().getTime()));
    } catch (err) {
      if (err instanceof FedexError) return fail(res, err, transactionId, undefined);
      throw err;
    }
  }

  function snapshot(): FedexSandboxStats {
    return {
      now: new Date(now()).toISOString(),
      calls: { ...counters.calls },
      statuses: { ...counters.statuses },
      tokensIssued: oauth.issued,
      unauthorized: counters.unauthorized,
      throttled: counters.throttled,
      dailyQuotaRefusals: quotas.dailyRefusals,
      shipments: shipments.size,
      cancellations: counters.cancellations,
      requestsByReference: { ...counters.requestsByReference },
      labelsByReference: { ...counters.labelsByReference },
      etdUploads: counters.etdUploads,
      etdDocuments: structuredClone(counters.etdDocuments),
      attachedDocumentsByReference: structuredClone(counters.attachedDocumentsByReference),
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
        body = JSON.parse((await readBuffer(req)).toString('utf8')) as unknown;
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
        injectFaults(JSON.parse((await readBuffer(req)).toString('utf8')) as FedexFaultSpec);
      } catch (err) {
        return send(res, 400, { error: err instanceof Error ? err.message : String(err) });
      }
      return send(res, 200, { pendingFaults: faults });
    }
    send(res, 404, { error: `no admin route ${req.method} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    try {
      if (path.startsWith('/_sandbox/')) return await handleAdmin(req, res, path);
      if (req.method === 'POST' && path === '/oauth/token') return await handleToken(req, res);
      const op = ROUTES[`${req.method} ${path}`];
      if (op) return await handleApi(req, res, op);
      reply(res, 404, { transactionId: randomUUID(), errors: [{ code: 'NOT.FOUND.ERROR', message: 'The resource you requested is no longer available. Please modify your request and try again.' }] });
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof FedexError) return fail(res, err, randomUUID(), undefined);
      reply(res, 500, {
        transactionId: randomUUID(),
        errors: [{ code: 'INTERNAL.SERVER.ERROR', message: 'We encountered an unexpected error and are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.' }],
      });
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const listening = await listen(server, options.port, options.host);

  return {
    url: listening.url,
    port: listening.port,
    close: listening.close,
    stats: snapshot,
    advance,
    injectFaults,
  };
}
