/**
 * The one request pipeline every connector sends through. A vendor declares what differs
 * (base URL, auth, rate-limit plan, error table, user agent, timeouts); its operations build
 * a PipelineRequest and parse the reply. Per attempt the pipeline:
 *
 *   auth headers → rate-limit token → send (with the caller's signal) → read rate headers →
 *   classify the reply through the vendor's error table (every reply: vendors put errors in
 *   HTTP 200s) → on failure: refresh credentials once (auth), wait out a 429 in-process (up to
 *   maxWaitMs) or resend an idempotent request after a transient failure (short backoff) →
 *   otherwise throw the ConnectorError.
 *
 * It never leaves a listener on the caller's signal once a request settles (a shared
 * activity signal sees thousands of requests), logs one debug line per attempt (vendor,
 * operation, status, duration, request id — never headers or bodies) and counts what it did.
 */
import { setTimeout as sleepTimer } from 'node:timers/promises';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Logger } from 'pino';
import { describeNetworkError, isCancellation, isNetworkError, kindForStatus, parseRetryAfter, headerValue } from './classify.js';
import type { Clock } from './clock.js';
import { createHttpClient, SHORT_RETRY_POLICY, UnparsedBody, type RetryPolicy } from './client.js';
import { contractError, networkError, rateLimitWaitError, type ErrorSite } from './error-factories.js';
import type { ErrorReplyContext } from './error-reply.js';
import { ConnectorError } from './errors.js';
import { buildQueryString, type QueryValue } from './query.js';
import { RateLimitWaitTooLongError, type AcquireOptions, type RateLimitKey, type RateLimitPlan } from './rate-limiter.js';
import { redactText } from './redact.js';
import { requestSignal } from './request-signal.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request body and how it is encoded on the wire. */
export type RequestBody =
  | { readonly json: unknown }
  | { readonly xml: string }
  | { readonly form: Readonly<Record<string, string>> }
  /** Sent byte for byte with exactly this Content-Type (an upload to a presigned URL signed for it). */
  | { readonly raw: string | Uint8Array; readonly contentType: string };

export type QueryParams = ReadonlyArray<readonly [string, QueryValue]>;

/** One API call, as an operation builds it. */
export interface PipelineRequest {
  /** The vendor's operation id; also the rate-limit bucket and the log/message label. */
  readonly operation: string;
  /** Default GET. */
  readonly method?: HttpMethod;
  /**
   * Path under the base URL (or an absolute URL, e.g. a token endpoint), with `{name}`
   * placeholders filled from `pathParams` (each value percent-encoded).
   */
  readonly path: string;
  readonly pathParams?: Readonly<Record<string, string>>;
  /** In the order given; arrays are sent comma-separated (Swagger 2 `csv`). */
  readonly query?: QueryParams;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  /**
   * Safe to resend after a network error or a transient reply: the same state results.
   * Default: true for GET/PUT/DELETE, false for POST/PATCH.
   */
  readonly idempotent?: boolean;
  /** Read-timeout override (a large file). */
  readonly timeoutMs?: number;
  /**
   * `text`: the body as received (XML, or JSON whose numbers must not pass through floats);
   * `bytes`: a Buffer, empty bodies included (a gzip document, an upload's empty answer). Default `json`.
   */
  readonly read?: 'json' | 'text' | 'bytes';
  /** What the call is about, for logs and messages; never personal data (e.g. a country code). */
  readonly subject?: string;
  /** Values that must never reach a message (a VAT number in the body …). */
  readonly sensitive?: readonly string[];
  /** Correlation ids worth logging with the request (never secrets or personal data). */
  readonly trace?: Readonly<Record<string, string>>;
  /** The model describes this success without a body (SP-API cancelReport answers 200 and nothing). */
  readonly bodyless?: boolean;
  /** Credentials for this request instead of the declaration's (SP-API: a restricted data token). */
  readonly auth?: AuthHook;
}

/** A reply as the vendor's error table sees it. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, unknown>>;
  /** Parsed JSON, an UnparsedBody, undefined for an empty body, or the text (read: 'text'). */
  readonly body: unknown;
}

/** What an error table needs besides the reply. */
export interface ReplyContext {
  readonly operation: string;
  readonly subject?: string;
  readonly nowMs: number;
  /** Masks the request's sensitive values; apply it to any text quoted from the reply. */
  readonly scrub: (text: string) => string;
}

/**
 * The vendor's error table: a ConnectorError for a reply that is a failure (whatever its
 * status), undefined for a success. Called for EVERY reply, 2xx included.
 */
export type ErrorTable = (reply: Reply, context: ReplyContext) => ConnectorError | undefined;

/** A successful reply (failures are thrown as ConnectorError). */
export interface PipelineResponse {
  readonly status: number;
  /** Parsed JSON, the body text for `read: 'text'`, a Buffer for `read: 'bytes'`. */
  readonly data: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly requestId?: string;
}

/** What one request's auth hook hands the pipeline. */
export interface AuthGrant {
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The vendor refused these credentials (an `auth` failure): drop them. When present, the
   * pipeline calls it once per request and resends with fresh credentials.
   */
  readonly reject?: () => void;
}

export interface AuthRequestContext {
  readonly operation: string;
  readonly method: HttpMethod;
  /** Path and query as sent (signing schemes sign them). */
  readonly url: string;
  readonly signal?: AbortSignal;
}

/** Adds credentials to every request: static headers, a cached token, a signature. */
export interface AuthHook {
  authorize(context: AuthRequestContext): AuthGrant | Promise<AuthGrant>;
  /** Token requests made so far (for stats); absent for static credentials. */
  refreshes?(): number;
}

/** The shared limiter's public API (connectors/http/rate-limiter.ts); nothing else is used. */
export interface RateLimiter {
  acquire(key: RateLimitKey, plan: RateLimitPlan, options?: AcquireOptions): Promise<void>;
  observeRate(key: RateLimitKey, rate: number): unknown;
  penalize(key: RateLimitKey, waitMs: number): unknown;
  rateOf(key: RateLimitKey): number | undefined;
}

export interface RateLimitDeclaration {
  readonly limiter: RateLimiter;
  /** The bucket of an operation: (tenant, vendor, operation[, scope]). */
  key(operation: string): RateLimitKey;
  plan(operation: string): RateLimitPlan;
  /**
   * Further buckets a request of `operation` takes a token from before its own: quotas the
   * vendor counts across operations (an app's calls per second over all APIs, a daily
   * allowance as a bucket of that size refilled over the day). A quota error still parks the
   * work until the vendor's reset (the error's retryAfterMs).
   */
  quotas?(operation: string): readonly { readonly key: RateLimitKey; readonly plan: RateLimitPlan }[];
  /** Longest in-process wait for a token or after a 429; a longer one throws rate_limited. */
  readonly maxWaitMs: number;
  /** The vendor's current rate from reply headers (e.g. x-amzn-RateLimit-Limit). */
  readRate?(headers: Readonly<Record<string, unknown>>): number | undefined;
  /** 429s waited out in-process per request (default 0: the first one goes back to Temporal). */
  readonly throttleRetries?: number;
  /** Whether a throttling failure holds back the whole bucket (default yes). */
  penalizes?(failure: ConnectorError): boolean;
}

/** What differs between vendors; everything else is the pipeline. */
export interface VendorDeclaration {
  /** Vendor id in errors, logs and rate-limit keys: `amazon`. */
  readonly vendor: string;
  /** Name in messages: `Amazon`, `AvaTax`, `DHL Express`. */
  readonly label: string;
  /** Log lines read `<logName> request` (default: the vendor id). */
  readonly logName?: string;
  /** Omit when every request names an absolute URL. */
  readonly baseUrl?: string;
  readonly userAgent: string;
  /** Default Accept header (application/json when absent). */
  readonly accept?: string;
  readonly timeoutMs: number;
  readonly auth?: AuthHook;
  /** Without one the client does no client-side throttling. */
  readonly rateLimit?: RateLimitDeclaration;
  readonly errors: ErrorTable;
  /** The vendor's request-id header (the first present of several), for logs and errors. */
  readonly requestIdHeader?: string | readonly string[];
  /** Headers made per request (a correlation id, a date). */
  readonly headers?: (request: PipelineRequest) => Readonly<Record<string, string>>;
  /** How a request's sensitive values are masked in messages (default: `***`). */
  readonly scrubber?: (values: readonly string[]) => (text: string) => string;
  /** A logger already carrying vendor/tenant fields. */
  readonly logger: Logger;
  readonly clock?: Pick<Clock, 'now'>;
  readonly retryPolicy?: RetryPolicy;
}

export interface CallOptions {
  /** Cancels waiting and the request (e.g. the activity's cancellation signal). */
  readonly signal?: AbortSignal;
  /** Called before waiting for a rate-limit token, with the expected wait (heartbeat from here). */
  readonly onRateLimitWait?: (ms: number) => void;
  /** Longest in-process wait for a rate-limit token or after a 429 (default: the declaration's). */
  readonly maxWaitMs?: number;
}

export interface ClientStats {
  /** HTTP requests sent (every attempt counts). */
  readonly requests: number;
  /** Throttling replies seen (429 and the vendor's equivalents). */
  readonly throttled: number;
  /** Time spent waiting for rate-limit tokens, after 429s included (ms, the declaration's clock). */
  readonly rateLimitWaitMs: number;
  /** In-process resends: transient failures, 429s waited out, one resend after refreshed credentials. */
  readonly retries: number;
  /** Token requests made by the auth hook. */
  readonly tokenRefreshes: number;
}

export type Send = (request: PipelineRequest, options?: CallOptions) => Promise<PipelineResponse>;

export interface Pipeline {
  readonly send: Send;
  stats(): ClientStats;
}

const CONTENT_TYPES = {
  json: 'application/json',
  xml: 'application/xml; charset=utf-8',
  form: 'application/x-www-form-urlencoded;charset=UTF-8',
} as const;

function encodeBody(body: RequestBody): { data: string | Uint8Array; contentType: string } {
  if ('raw' in body) return { data: body.raw, contentType: body.contentType };
  if ('json' in body) return { data: JSON.stringify(body.json), contentType: CONTENT_TYPES.json };
  if ('xml' in body) return { data: body.xml, contentType: CONTENT_TYPES.xml };
  return { data: new URLSearchParams(body.form).toString(), contentType: CONTENT_TYPES.form };
}

/** `path` with `{name}` filled in, and the query string. */
export function requestUrl(request: Pick<PipelineRequest, 'path' | 'pathParams' | 'query'>): string {
  const params = request.pathParams ?? {};
  const path = request.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} missing for ${request.path}`);
    return encodeURIComponent(value);
  });
  const query = request.query === undefined ? '' : buildQueryString(request.query);
  return query === '' ? path : `${path}?${query}`;
}

/** Replaces each sensitive value in a text (a message quoting the request or the reply). */
export function scrubberFor(values: readonly (string | undefined)[]): (text: string) => string {
  const secrets = values.filter((v): v is string => typeof v === 'string' && v.length >= 3);
  if (secrets.length === 0) return (text) => text;
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}

function withRetryAfter(failure: ConnectorError, retryAfterMs: number): ConnectorError {
  if (failure.retryAfterMs === retryAfterMs) return failure;
  return new ConnectorError(failure.kind, failure.message, {
    vendor: failure.vendor,
    operation: failure.operation,
    retryAfterMs,
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...(failure.vendorCode === undefined ? {} : { vendorCode: failure.vendorCode }),
    ...(failure.requestId === undefined ? {} : { requestId: failure.requestId }),
    ...(failure.cause === undefined ? {} : { cause: failure.cause }),
  });
}

/** Jittered exponential backoff (factor 2, each wait randomised by 1–2×, capped). */
function backoffMs(retry: number, policy: RetryPolicy): number {
  const base = policy.minTimeoutMs * 2 ** (retry - 1) * (1 + Math.random());
  return Math.min(Math.round(base), policy.maxTimeoutMs);
}

type Outcome = { readonly response: AxiosResponse<unknown> } | { readonly error: unknown };

export function createPipeline(declaration: VendorDeclaration): Pipeline {
  const { vendor, label, auth, rateLimit, logger } = declaration;
  const logName = declaration.logName ?? vendor;
  const clock = declaration.clock ?? { now: () => Date.now() };
  const policy = declaration.retryPolicy ?? SHORT_RETRY_POLICY;
  const api: AxiosInstance = createHttpClient({
    vendor,
    ...(declaration.baseUrl === undefined ? {} : { baseURL: declaration.baseUrl }),
    timeoutMs: declaration.timeoutMs,
    userAgent: declaration.userAgent,
    logger,
  });
  const counters = { requests: 0, throttled: 0, rateLimitWaitMs: 0, retries: 0 };
  const requestIdHeaders = declaration.requestIdHeader === undefined ? [] : [declaration.requestIdHeader].flat();
  const requestIdOf = (headers: Readonly<Record<string, unknown>>): string | undefined => {
    for (const name of requestIdHeaders) {
      const value = headerValue(headers, name);
      if (value !== undefined) return value;
    }
    return undefined;
  };

  async function takeToken(site: ErrorSite, call: CallOptions): Promise<void> {
    if (rateLimit === undefined) return;
    const started = clock.now();
    const options = {
      maxWaitMs: call.maxWaitMs ?? rateLimit.maxWaitMs,
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      ...(call.onRateLimitWait === undefined ? {} : { onWait: call.onRateLimitWait }),
    };
    try {
      for (const quota of rateLimit.quotas?.(site.operation) ?? []) await rateLimit.limiter.acquire(quota.key, quota.plan, options);
      await rateLimit.limiter.acquire(rateLimit.key(site.operation), rateLimit.plan(site.operation), options);
    } catch (error) {
      if (error instanceof RateLimitWaitTooLongError) throw rateLimitWaitError(site, error.waitMs);
      throw error;
    } finally {
      counters.rateLimitWaitMs += clock.now() - started;
    }
  }

  async function sendOnce(request: PipelineRequest, url: string, grant: AuthGrant | undefined, signal: AbortSignal | undefined): Promise<Outcome> {
    const body = request.body === undefined ? undefined : encodeBody(request.body);
    try {
      const response = await api.request<unknown>({
        method: request.method ?? 'GET',
        url,
        headers: {
          ...(declaration.accept === undefined ? {} : { accept: declaration.accept }),
          ...declaration.headers?.(request),
          ...request.headers,
          ...grant?.headers,
          ...(body === undefined ? {} : { 'content-type': body.contentType }),
        },
        ...(body === undefined ? {} : { data: body.data }),
        ...(request.read === 'text' ? { transformResponse: [(data: unknown) => data] } : {}),
        ...(request.read === 'bytes' ? { responseType: 'arraybuffer' as const, transformResponse: [(data: unknown) => data] } : {}),
        ...(request.timeoutMs === undefined ? {} : { timeout: request.timeoutMs }),
        ...(signal === undefined ? {} : { signal }),
      });
      return { response };
    } catch (error) {
      return { error };
    }
  }

  /** A failure for a 2xx the error table accepted but whose body is unusable. */
  function unusableSuccess(site: ErrorSite, request: PipelineRequest, reply: Reply, requestId: string | undefined): ConnectorError | undefined {
    if (reply.status === 204 || request.read === 'bytes' || request.bodyless === true) return undefined;
    const details = { status: reply.status, ...(requestId === undefined ? {} : { requestId }) };
    if (request.read === 'text') {
      return typeof reply.body === 'string' && reply.body.trim() !== '' ? undefined : contractError(site, `HTTP ${reply.status} with an empty body`, details);
    }
    if (reply.body instanceof UnparsedBody || reply.body === undefined) {
      return contractError(site, `HTTP ${reply.status} without a JSON body`, { ...details, data: reply.body });
    }
    return undefined;
  }

  /** A non-2xx the error table had nothing to say about: the shared status table decides. */
  function byStatus(site: ErrorSite, reply: Reply, requestId: string | undefined): ConnectorError {
    const kind = kindForStatus(reply.status) ?? 'contract';
    const retryAfterMs = parseRetryAfter(headerValue(reply.headers, 'retry-after'), clock.now());
    const what = reply.body instanceof UnparsedBody ? `a non-JSON body: ${reply.body.preview()}` : reply.body === undefined ? 'an empty body' : 'an unexpected body';
    const text = `${site.label} ${site.operation}: HTTP ${reply.status} with ${what}`;
    return new ConnectorError(kind, redactText(site.scrub === undefined ? text : site.scrub(text)), {
      vendor,
      operation: site.operation,
      status: reply.status,
      ...(requestId === undefined ? {} : { requestId }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  /**
   * Every in-flight request listens on its own signal (the limiter's wait, the socket, the
   * backoff sleep), fed by one listener on the caller's shared signal: eight concurrent
   * requests of one activity would otherwise put 16+ listeners on it (MaxListenersExceededWarning).
   */
  const send: Send = async (request, call = {}) => {
    const scoped = requestSignal(call.signal);
    try {
      return await sendScoped(request, scoped.signal === undefined ? call : { ...call, signal: scoped.signal });
    } finally {
      scoped.release();
    }
  };

  const sendScoped: Send = async (request, call = {}) => {
    const { operation, subject } = request;
    const { signal } = call;
    const method = request.method ?? 'GET';
    const scrub = (declaration.scrubber ?? scrubberFor)(request.sensitive ?? []);
    const site: ErrorSite = { vendor, label, operation, scrub, ...(subject === undefined ? {} : { subject }) };
    const idempotent = request.idempotent ?? (method !== 'POST' && method !== 'PATCH');
    const url = requestUrl(request);
    const authHook = request.auth ?? auth;
    const logFields = { operation, ...request.trace };
    let transientRetries = 0;
    let throttleRetries = 0;
    let authRetried = false;
    for (let attempt = 1; ; attempt += 1) {
      signal?.throwIfAborted();
      const grant = authHook === undefined ? undefined : await authHook.authorize({ operation, method, url, ...(signal === undefined ? {} : { signal }) });
      await takeToken(site, call);
      counters.requests += 1;
      const started = clock.now();
      const outcome = await sendOnce(request, url, grant, signal);

      let failure: ConnectorError | undefined;
      let reply: Reply | undefined;
      if ('error' in outcome) {
        if (signal?.aborted) throw signal.reason;
        if (isCancellation(outcome.error) || !isNetworkError(outcome.error)) throw outcome.error;
        logger.debug({ ...logFields, durationMs: clock.now() - started, attempt, error: describeNetworkError(outcome.error).code }, `${logName} request failed`);
        failure = networkError(site, outcome.error);
      } else {
        const { response } = outcome;
        const headers = response.headers as Readonly<Record<string, unknown>>;
        const requestId = requestIdOf(headers);
        reply = { status: response.status, headers, body: response.data };
        const rate = rateLimit?.readRate?.(headers);
        if (rate !== undefined) rateLimit?.limiter.observeRate(rateLimit.key(operation), rate);
        failure = declaration.errors(reply, { operation, nowMs: clock.now(), scrub, ...(subject === undefined ? {} : { subject }) });
        logger.debug(
          {
            ...logFields,
            status: response.status,
            durationMs: clock.now() - started,
            attempt,
            ...(requestId === undefined ? {} : { requestId }),
            ...(failure?.vendorCode === undefined ? {} : { vendorCode: failure.vendorCode }),
          },
          `${logName} request`,
        );
        const ok = response.status >= 200 && response.status < 300;
        if (failure === undefined && ok) failure = unusableSuccess(site, request, reply, requestId);
        if (failure === undefined && ok) return { status: response.status, data: response.data, headers, ...(requestId === undefined ? {} : { requestId }) };
        failure ??= byStatus(site, reply, requestId);
      }

      if (failure.kind === 'rate_limited' && reply !== undefined) {
        counters.throttled += 1;
        if (rateLimit !== undefined) {
          const key = rateLimit.key(operation);
          // No Retry-After (Amazon sends none): wait until our mirror of the bucket holds a token again.
          const waitMs = failure.retryAfterMs ?? Math.ceil(1000 / (rateLimit.limiter.rateOf(key) ?? rateLimit.plan(operation).rate));
          if (rateLimit.penalizes?.(failure) ?? true) rateLimit.limiter.penalize(key, waitMs);
          const maxWaitMs = call.maxWaitMs ?? rateLimit.maxWaitMs;
          if (throttleRetries < (rateLimit.throttleRetries ?? 0) && waitMs <= maxWaitMs) {
            throttleRetries += 1;
            counters.retries += 1;
            logger.debug({ ...logFields, waitMs, throttleRetries }, `${logName} throttled: waiting in-process`);
            continue;
          }
          throw withRetryAfter(failure, waitMs);
        }
        throw failure;
      }
      if (failure.kind === 'auth' && grant?.reject !== undefined && !authRetried && reply !== undefined) {
        // Expired or revoked token: drop it, fetch a fresh one and resend once.
        authRetried = true;
        counters.retries += 1;
        grant.reject();
        logger.debug({ ...logFields, status: reply.status }, `${logName} credentials refused: refreshing once`);
        continue;
      }
      if (failure.kind === 'transient' && idempotent && transientRetries < policy.retries) {
        transientRetries += 1;
        counters.retries += 1;
        try {
          await sleepTimer(backoffMs(transientRetries, policy), undefined, signal === undefined ? undefined : { signal });
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          throw error;
        }
        continue;
      }
      throw failure;
    }
  };

  return {
    send,
    stats: () => ({ ...counters, tokenRefreshes: auth?.refreshes?.() ?? 0 }),
  };
}

/**
 * A vendor's error-reply recogniser (connectors/<vendor>/errors.ts, the same function the
 * mapping debugger uses) as its error table: asked about every reply, 2xx included, since
 * vendors put errors inside HTTP 200 envelopes.
 */
export function errorsFromRecogniser(recognise: (body: unknown, ctx: ErrorReplyContext) => ConnectorError | undefined): ErrorTable {
  return (reply, context) => {
    const error = recognise(reply.body, { operation: context.operation, status: reply.status, headers: reply.headers, nowMs: context.nowMs });
    // Recognisers know no request: vendors echo its sensitive values (Mailchimp: "foo@example.com looks fake"), masked here.
    if (error === undefined) return undefined;
    const message = context.scrub(error.message);
    return message === error.message ? error : withMessage(error, message);
  };
}

function withMessage(error: ConnectorError, message: string): ConnectorError {
  return new ConnectorError(error.kind, message, {
    vendor: error.vendor,
    operation: error.operation,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.vendorCode === undefined ? {} : { vendorCode: error.vendorCode }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}

/** The options every connector factory takes, whatever the vendor. */
export interface ConnectorClientOptions {
  readonly tenant: string;
  readonly logger: Logger;
  /** Token expiry and wait measurement (tests use a fake clock); the limiter has its own. */
  readonly clock?: Pick<Clock, 'now'>;
  /** Short in-process retry of transient failures (tests shrink the backoff). */
  readonly retryPolicy?: RetryPolicy;
}
