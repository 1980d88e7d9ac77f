/**
 * The VIES REST client. Every call takes a token from the shared VIES bucket (VIES limits
 * per source IP, not per tenant), is resent briefly only when the failure is transient —
 * judged from the VIES error code as much as from the status, since VIES reports
 * MS_UNAVAILABLE in a 200 and INVALID_INPUT in a 500 — and turns every failure into a
 * ConnectorError. Logs carry the country code only: the VAT number asked about is buyer data.
 */
import pRetry from 'p-retry';
import type { Logger } from 'pino';
import { isCancellation, isNetworkError } from '../http/classify.js';
import type { Clock } from '../http/clock.js';
import { createHttpClient, SHORT_RETRY_POLICY, UnparsedBody, type RetryPolicy } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { RateLimiterRegistry, RateLimitWaitTooLongError, type RateLimitKey, type RateLimitPlan } from '../http/rate-limiter.js';
import { DEFAULT_VIES_MAX_IN_PROCESS_WAIT_MS, DEFAULT_VIES_TIMEOUT_MS, viesBaseUrl, ViesSettingsSchema, type ViesSettings } from './config.js';
import { readViesErrorBody, scrubberFor, viesContractError, viesErrorFromResponse, viesErrorRule, viesNetworkError, VIES_VENDOR } from './errors.js';
import { checkStatus, type ViesStatus } from './operations/check-status.js';
import { checkVatNumber, type ViesCheckResult, type ViesCheckVatParams } from './operations/check-vat-number.js';
import { VIES_RATE_LIMIT_TENANT, VIES_RATE_LIMITS, type ViesOperation } from './rate-limits.js';

/** Caravan identifies itself to the EC. */
export const VIES_USER_AGENT = 'Caravan/0.1 (VIES VAT number check)';

export interface ViesRequest {
  readonly operation: ViesOperation;
  readonly method: 'GET' | 'POST';
  /** Path under the base URL. */
  readonly path: string;
  /** JSON body (POST). */
  readonly body?: unknown;
  /** The member state asked about, for logs and messages. */
  readonly countryCode?: string;
  /** Values that must never reach a message (the VAT numbers in the body). */
  readonly sensitive?: readonly string[];
}

/** A 2xx answer with a JSON body that is not a VIES error (failures are thrown as ConnectorError). */
export interface ViesResponse {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
}

export interface ViesCallOptions {
  /** Cancels waiting and the request (e.g. the activity's cancellation signal). */
  readonly signal?: AbortSignal;
  /** Called before waiting for a rate-limit token, with the expected wait (heartbeat from here). */
  readonly onRateLimitWait?: (ms: number) => void;
  /** Longest in-process wait for a rate-limit token (default: the settings' maxInProcessWaitMs, else 20 s). */
  readonly maxWaitMs?: number;
}

export type ViesSend = (request: ViesRequest, options?: ViesCallOptions) => Promise<ViesResponse>;

export interface ViesClientStats {
  /** HTTP requests sent (every attempt counts). */
  readonly requests: number;
  /** Answers that were throttling (429, *_MAX_CONCURRENT_REQ*). */
  readonly throttled: number;
  /** In-process resends after transient failures. */
  readonly retries: number;
}

export interface CreateViesClientOptions {
  readonly settings?: ViesSettings;
  readonly logger: Logger;
  /** For logs only: the bucket is shared by all tenants (see VIES_RATE_LIMIT_TENANT). */
  readonly tenant?: string;
  /** Shared by all clients of a worker; a private one when omitted. */
  readonly limiter?: RateLimiterRegistry;
  readonly clock?: Pick<Clock, 'now'>;
  /** Short in-process retry of transient failures (tests shrink the backoff). */
  readonly retryPolicy?: RetryPolicy;
}

export interface ViesClient {
  /**
   * POST /check-vat-number (or /check-vat-test-service when `useTestService`): is the number
   * registered for intra-Community supplies? `countryCode` in VIES form (EL, XI; GR is read as
   * EL), `vatNumber` without its country prefix.
   */
  checkVatNumber(params: ViesCheckVatParams, options?: ViesCallOptions): Promise<ViesCheckResult>;
  /** GET /check-status: whether VIES and each member state's register are up. */
  checkStatus(options?: ViesCallOptions): Promise<ViesStatus>;
  stats(): ViesClientStats;
}

function invalidSettings(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): ConnectorError {
  // Paths and messages only: the requester number never reaches the message.
  const detail = error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  return new ConnectorError('validation', `VIES settings invalid: ${detail}`, { vendor: VIES_VENDOR, operation: 'configure' });
}

export function createViesClient(options: CreateViesClientOptions): ViesClient {
  const parsed = ViesSettingsSchema.safeParse(options.settings ?? {});
  if (!parsed.success) throw invalidSettings(parsed.error);
  const settings = parsed.data;
  const limiter = options.limiter ?? new RateLimiterRegistry();
  const clock = options.clock ?? { now: () => Date.now() };
  const policy = options.retryPolicy ?? SHORT_RETRY_POLICY;
  const maxInProcessWaitMs = settings.maxInProcessWaitMs ?? DEFAULT_VIES_MAX_IN_PROCESS_WAIT_MS;
  const logger = options.logger.child({
    vendor: VIES_VENDOR,
    ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
    ...(settings.useTestService === true ? { testService: true } : {}),
  });
  const api = createHttpClient({
    vendor: VIES_VENDOR,
    baseURL: viesBaseUrl(settings),
    timeoutMs: settings.timeoutMs ?? DEFAULT_VIES_TIMEOUT_MS,
    userAgent: VIES_USER_AGENT,
    logger,
  });
  const counters = { requests: 0, throttled: 0, retries: 0 };

  const sendOnce = async (request: ViesRequest, key: RateLimitKey, plan: RateLimitPlan, attempt: number, callOptions: ViesCallOptions): Promise<ViesResponse> => {
    const { operation, countryCode } = request;
    const { signal } = callOptions;
    const scrub = scrubberFor(request.sensitive ?? []);
    try {
      await limiter.acquire(key, plan, {
        maxWaitMs: callOptions.maxWaitMs ?? maxInProcessWaitMs,
        ...(signal === undefined ? {} : { signal }),
        ...(callOptions.onRateLimitWait === undefined ? {} : { onWait: callOptions.onRateLimitWait }),
      });
    } catch (error) {
      if (!(error instanceof RateLimitWaitTooLongError)) throw error;
      throw new ConnectorError('rate_limited', `VIES ${operation}: rate limit, next request slot in ${error.waitMs} ms`, {
        vendor: VIES_VENDOR,
        operation,
        retryAfterMs: error.waitMs,
      });
    }
    counters.requests += 1;
    const started = clock.now();
    const where = { operation, ...(countryCode === undefined ? {} : { countryCode }), attempt };
    let res;
    try {
      res = await api.request<unknown>({
        method: request.method,
        url: request.path,
        ...(request.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, data: JSON.stringify(request.body) }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (isCancellation(error) || !isNetworkError(error)) throw error;
      logger.debug({ ...where, durationMs: clock.now() - started, error: (error as { code?: string }).code }, 'vies request failed');
      throw viesNetworkError(operation, countryCode, error, scrub);
    }
    const headers = res.headers as Readonly<Record<string, unknown>>;
    const errorBody = readViesErrorBody(res.data);
    logger.debug(
      { ...where, status: res.status, durationMs: clock.now() - started, ...(errorBody?.code === undefined ? {} : { vendorCode: errorBody.code }) },
      'vies request',
    );
    const ok = res.status >= 200 && res.status < 300;
    if (ok && errorBody === undefined) {
      if (res.data instanceof UnparsedBody || res.data === undefined) {
        const contentType = typeof headers['content-type'] === 'string' ? ` (content-type ${headers['content-type']})` : '';
        const preview = res.data instanceof UnparsedBody ? scrub(res.data.preview(80)) : '(empty body)';
        throw viesContractError(operation, countryCode, `HTTP ${res.status} with a body that is not JSON${contentType}: ${preview}`, { status: res.status });
      }
      return { status: res.status, data: res.data, headers };
    }
    const failure = viesErrorFromResponse({
      operation,
      ...(countryCode === undefined ? {} : { countryCode }),
      status: res.status,
      headers,
      data: res.data,
      nowMs: clock.now(),
      scrub,
    });
    if (failure.kind === 'rate_limited') {
      counters.throttled += 1;
      // A member state's limit concerns that country only; a global one (or a bare 429) holds every check back.
      if (viesErrorRule(failure.vendorCode)?.limit !== 'member-state') limiter.penalize(key, failure.retryAfterMs ?? Math.ceil(1000 / plan.rate));
    }
    throw failure;
  };

  const send: ViesSend = async (request, callOptions = {}) => {
    const { signal } = callOptions;
    const key: RateLimitKey = { tenant: VIES_RATE_LIMIT_TENANT, vendor: VIES_VENDOR, operation: request.operation };
    const plan = settings.rateLimit ?? VIES_RATE_LIMITS[request.operation];
    try {
      return await pRetry(
        async (attempt) => {
          if (attempt > 1) counters.retries += 1;
          return sendOnce(request, key, plan, attempt, callOptions);
        },
        {
          retries: policy.retries,
          factor: 2,
          minTimeout: policy.minTimeoutMs,
          maxTimeout: policy.maxTimeoutMs,
          randomize: true,
          ...(signal === undefined ? {} : { signal }),
          // Checking a number changes nothing at VIES, so any transient failure may be resent; nothing else is.
          shouldRetry: (error) => error instanceof ConnectorError && error.kind === 'transient',
        },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  };

  return {
    checkVatNumber: (params, callOptions) => checkVatNumber(send, params, settings, callOptions),
    checkStatus: (callOptions) => checkStatus(send, callOptions),
    stats: () => ({ ...counters }),
  };
}
