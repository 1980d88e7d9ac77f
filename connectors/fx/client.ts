/**
 * The currency-rate clients: ECB (keyless files) and XE (basic auth). Every call takes a
 * token from the (tenant, vendor, operation) bucket, is retried briefly on transient
 * failures, reads the body as raw text (XML for ECB; JSON whose numbers must not pass
 * through floats for XE) and turns every failure into a ConnectorError.
 */
import type { Logger } from 'pino';
import { isCancellation, isNetworkError } from '../http/classify.js';
import type { Clock } from '../http/clock.js';
import { createHttpClient, sendWithRetry, type RetryPolicy } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { RateLimiterRegistry, RateLimitWaitTooLongError, type RateLimitKey, type RateLimitPlan } from '../http/rate-limiter.js';
import { xeAuthorizationHeader } from './auth.js';
import {
  DEFAULT_ECB_HISTORY_TIMEOUT_MS,
  DEFAULT_FX_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_FX_TIMEOUT_MS,
  ecbBaseUrl,
  EcbSettingsSchema,
  xeBaseUrl,
  XeCredentialsSchema,
  XeSettingsSchema,
  type EcbFeed,
  type EcbSettings,
  type XeCredentials,
  type XeSettings,
} from './config.js';
import { ECB_VENDOR, fxContractError, fxErrorFromResponse, fxNetworkError, fxRequestId, recogniseXeErrorReply, XE_VENDOR, type FxVendor } from './errors.js';
import { getEcbRates, getEcbRatesBetween, type EcbRatesBetweenOptions } from './operations/get-ecb-rates.js';
import { xeConvertFrom, type XeConvertFromParams } from './operations/convert-from.js';
import { xeHistoricRate, type XeHistoricRateParams } from './operations/historic-rate.js';
import { FX_RATE_LIMITS, type FxOperation } from './rate-limits.js';
import type { FxRatesResult } from './rates-result.js';

/** Caravan identifies itself to the rate sources. */
export const FX_USER_AGENT = 'Caravan/0.1 (currency rates)';

export interface FxRequest {
  readonly operation: FxOperation;
  /** Path without the base URL. */
  readonly path: string;
  /** Encoded query string without `?`. */
  readonly query?: string;
  /** Timeout override (the ECB full history is large). */
  readonly timeoutMs?: number;
}

/** A 2xx answer with its raw body text (failures are thrown as ConnectorError). */
export interface FxResponse {
  readonly status: number;
  readonly text: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly requestId?: string;
}

export interface FxCallOptions {
  /** Cancels waiting and the request (e.g. the activity's cancellation signal). */
  readonly signal?: AbortSignal;
  /** Called before waiting for a rate-limit token, with the expected wait (heartbeat from here). */
  readonly onRateLimitWait?: (ms: number) => void;
  /** Longest in-process wait for a rate-limit token (default 20 s); a longer one throws rate_limited. */
  readonly maxWaitMs?: number;
}

export type FxSend = (request: FxRequest, options?: FxCallOptions) => Promise<FxResponse>;

export interface FxClientStats {
  /** HTTP requests sent (every attempt counts). */
  readonly requests: number;
  /** 429 responses seen. */
  readonly throttled: number;
  /** In-process resends after transient failures. */
  readonly retries: number;
}

interface CommonClientOptions {
  readonly tenant: string;
  readonly logger: Logger;
  /** Shared by all clients of a worker; a private one when omitted. */
  readonly limiter?: RateLimiterRegistry;
  readonly clock?: Pick<Clock, 'now'>;
  /** Short in-process retry of transient failures (tests shrink the backoff). */
  readonly retryPolicy?: RetryPolicy;
}

export interface CreateEcbClientOptions extends CommonClientOptions {
  readonly settings?: EcbSettings;
}

export interface CreateXeClientOptions extends CommonClientOptions {
  readonly settings?: XeSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: XeCredentials;
}

export interface EcbClient {
  /** One reference-rate file: `daily`, `hist90d` or `hist`. */
  getRates(feed: EcbFeed, options?: FxCallOptions): Promise<FxRatesResult>;
  /** Rates published in [from, to], read from the smallest file that covers `from` (see chooseEcbFeed). */
  getRatesBetween(from: string, to: string, options: EcbRatesBetweenOptions & FxCallOptions): Promise<FxRatesResult>;
  stats(): FxClientStats;
}

export interface XeClient {
  /** GET /v1/convert_from.json: the live (or the package's latest) rates from one currency. */
  convertFrom(params: XeConvertFromParams, options?: FxCallOptions): Promise<FxRatesResult>;
  /** GET /v1/historic_rate.json: the rates from one currency on one date. */
  historicRate(params: XeHistoricRateParams, options?: FxCallOptions): Promise<FxRatesResult>;
  stats(): FxClientStats;
}

function invalidSettings(vendor: FxVendor, what: string, error: { issues: { path: PropertyKey[]; message: string }[] }): ConnectorError {
  const detail = error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  return new ConnectorError('validation', `${vendor === ECB_VENDOR ? 'ECB' : 'XE'} ${what} invalid: ${detail}`, { vendor, operation: 'configure' });
}

interface SendContext {
  readonly vendor: FxVendor;
  readonly tenant: string;
  readonly baseURL: string;
  readonly timeoutMs: number;
  readonly accept: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly plan: (operation: FxOperation) => RateLimitPlan;
  readonly maxInProcessWaitMs: number;
  readonly common: CommonClientOptions;
}

function createSend(ctx: SendContext): { send: FxSend; stats: () => FxClientStats } {
  const { vendor, tenant, common } = ctx;
  const limiter = common.limiter ?? new RateLimiterRegistry();
  const clock = common.clock ?? { now: () => Date.now() };
  const logger = common.logger.child({ vendor, tenant });
  const api = createHttpClient({ vendor, baseURL: ctx.baseURL, timeoutMs: ctx.timeoutMs, userAgent: FX_USER_AGENT, logger });
  const counters = { requests: 0, throttled: 0, retries: 0 };

  const send: FxSend = async (request, callOptions = {}) => {
    const { operation } = request;
    const { signal } = callOptions;
    const key: RateLimitKey = { tenant, vendor, operation };
    const plan = ctx.plan(operation);
    const url = request.query ? `${request.path}?${request.query}` : request.path;
    let response;
    try {
      response = await sendWithRetry(
        async (attempt) => {
          await limiter.acquire(key, plan, {
            maxWaitMs: callOptions.maxWaitMs ?? ctx.maxInProcessWaitMs,
            ...(signal === undefined ? {} : { signal }),
            ...(callOptions.onRateLimitWait === undefined ? {} : { onWait: callOptions.onRateLimitWait }),
          });
          counters.requests += 1;
          const started = clock.now();
          try {
            const res = await api.get<string>(url, {
              headers: { accept: ctx.accept, ...ctx.headers },
              // Raw text: XML is not JSON, and XE's numbers must not pass through JSON.parse.
              transformResponse: [(data: unknown) => data],
              ...(request.timeoutMs === undefined ? {} : { timeout: request.timeoutMs }),
              ...(signal === undefined ? {} : { signal }),
            });
            logger.debug({ operation, status: res.status, durationMs: clock.now() - started, attempt }, `${vendor} request`);
            return res;
          } catch (error) {
            if (isNetworkError(error)) {
              logger.debug({ operation, durationMs: clock.now() - started, attempt, error: (error as { code?: string }).code }, `${vendor} request failed`);
            }
            throw error;
          }
        },
        {
          idempotent: true,
          ...(common.retryPolicy === undefined ? {} : { policy: common.retryPolicy }),
          ...(signal === undefined ? {} : { signal }),
          onRetry: () => {
            counters.retries += 1;
          },
        },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isCancellation(error)) throw error;
      if (error instanceof RateLimitWaitTooLongError) {
        throw new ConnectorError('rate_limited', `${vendor.toUpperCase()} ${operation}: rate limit, next request slot in ${error.waitMs} ms`, {
          vendor,
          operation,
          retryAfterMs: error.waitMs,
        });
      }
      if (isNetworkError(error)) throw fxNetworkError(vendor, operation, error);
      throw error;
    }

    const headers = response.headers as Readonly<Record<string, unknown>>;
    const text = typeof response.data === 'string' ? response.data : response.data === undefined || response.data === null ? '' : String(response.data);
    const requestId = fxRequestId(headers);
    if (response.status >= 200 && response.status < 300) {
      if (text.trim() === '') throw fxContractError(vendor, operation, `HTTP ${response.status} with an empty body`, { status: response.status, headers });
      // An XE error body inside a 200. (ECB's 2xx pages and cut files are named by the XML parser
      // of the operation, which knows the file; recogniseEcbErrorReply names the same cases.)
      const replyError = vendor === XE_VENDOR ? recogniseXeErrorReply(text, { operation, status: response.status, headers, nowMs: clock.now() }) : undefined;
      if (replyError !== undefined) throw replyError;
      return { status: response.status, text, headers, ...(requestId === undefined ? {} : { requestId }) };
    }
    const failure = fxErrorFromResponse({ vendor, operation, status: response.status, headers, text, nowMs: clock.now() });
    if (failure.kind === 'rate_limited') {
      counters.throttled += 1;
      // The vendor's quota is spent: hold our bucket for as long as it asks (or one refill).
      limiter.penalize(key, failure.retryAfterMs ?? Math.ceil(1000 / plan.rate));
    }
    throw failure;
  };

  return { send, stats: () => ({ ...counters }) };
}

export function createEcbClient(options: CreateEcbClientOptions): EcbClient {
  const parsed = EcbSettingsSchema.safeParse(options.settings ?? {});
  if (!parsed.success) throw invalidSettings(ECB_VENDOR, 'settings', parsed.error);
  const settings = parsed.data;
  const { send, stats } = createSend({
    vendor: ECB_VENDOR,
    tenant: options.tenant,
    baseURL: ecbBaseUrl(settings),
    timeoutMs: settings.timeoutMs ?? DEFAULT_FX_TIMEOUT_MS,
    accept: 'text/xml, application/xml;q=0.9',
    headers: {},
    plan: (operation) => settings.rateLimit ?? FX_RATE_LIMITS[operation],
    maxInProcessWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_FX_MAX_IN_PROCESS_WAIT_MS,
    common: options,
  });
  const historyTimeoutMs = settings.historyTimeoutMs ?? DEFAULT_ECB_HISTORY_TIMEOUT_MS;
  return {
    getRates: (feed, callOptions) => getEcbRates(send, feed, { historyTimeoutMs }, callOptions),
    getRatesBetween: (from, to, callOptions) => getEcbRatesBetween(send, from, to, { ...callOptions, historyTimeoutMs }),
    stats,
  };
}

export function createXeClient(options: CreateXeClientOptions): XeClient {
  const parsedSettings = XeSettingsSchema.safeParse(options.settings ?? {});
  if (!parsedSettings.success) throw invalidSettings(XE_VENDOR, 'settings', parsedSettings.error);
  const parsedCredentials = XeCredentialsSchema.safeParse(options.credentials);
  // zod's messages name the field, never its value.
  if (!parsedCredentials.success) throw invalidSettings(XE_VENDOR, 'credentials', parsedCredentials.error);
  const settings = parsedSettings.data;
  const { send, stats } = createSend({
    vendor: XE_VENDOR,
    tenant: options.tenant,
    baseURL: xeBaseUrl(settings),
    timeoutMs: settings.timeoutMs ?? DEFAULT_FX_TIMEOUT_MS,
    accept: 'application/json',
    headers: { authorization: xeAuthorizationHeader(parsedCredentials.data) },
    plan: (operation) => settings.rateLimit ?? FX_RATE_LIMITS[operation],
    maxInProcessWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_FX_MAX_IN_PROCESS_WAIT_MS,
    common: options,
  });
  return {
    convertFrom: (params, callOptions) => xeConvertFrom(send, params, callOptions),
    historicRate: (params, callOptions) => xeHistoricRate(send, params, callOptions),
    stats,
  };
}
