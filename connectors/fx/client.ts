/**
 * The currency-rate clients, declared for the shared pipeline: ECB (keyless XML files) and XE
 * (HTTP Basic). One bucket per (tenant, vendor, operation); bodies are read as text (XML for
 * ECB; JSON whose numbers must not pass through floats for XE). They return the vendors' own
 * data: mappings/fx turns it into canonical rates.
 */
import { basicAuth } from '../http/auth.js';
import { parseConfig } from '../http/error-factories.js';
import {
  createPipeline,
  type ConnectorClientOptions,
  type AuthHook,
  type CallOptions,
  type ClientStats,
  type ErrorTable,
  type Pipeline,
  type PipelineRequest,
  } from '../http/pipeline.js';
import type { VendorName } from '../http/request-checks.js';
import { RateLimiterRegistry, type RateLimitPlan } from '../http/rate-limiter.js';
import {
  DEFAULT_ECB_HISTORY_TIMEOUT_MS,
  DEFAULT_FX_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_FX_TIMEOUT_MS,
  ECB,
  ecbBaseUrl,
  EcbSettingsSchema,
  XE,
  xeBaseUrl,
  XeCredentialsSchema,
  XeSettingsSchema,
  type EcbFeed,
  type EcbSettings,
  type XeCredentials,
  type XeSettings,
} from './config.js';
import { fxErrorFromResponse, recogniseXeErrorReply, type FxVendor } from './errors.js';
import { getEcbRates, getEcbRatesBetween, type EcbRatesBetweenOptions, type EcbRatesFile } from './operations/get-ecb-rates.js';
import { xeConvertFrom, type XeConvertFromParams } from './operations/convert-from.js';
import { xeHistoricRate, type XeHistoricRateParams } from './operations/historic-rate.js';
import type { XeRatesReply } from './operations/xe-rates.js';
import { FX_RATE_LIMITS, type FxOperation } from './rate-limits.js';

/** Caravan identifies itself to the rate sources. */
export const FX_USER_AGENT = 'Caravan/0.1 (currency rates)';

export type FxRequest = PipelineRequest & { readonly operation: FxOperation };

interface CommonClientOptions extends ConnectorClientOptions {
  /** Shared by all clients of a worker; a private one when omitted. */
  readonly limiter?: RateLimiterRegistry;
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
  getRates(feed: EcbFeed, options?: CallOptions): Promise<EcbRatesFile>;
  /** The smallest file holding the rates published in [from, to] (see chooseEcbFeed); mappings/fx keeps the range. */
  getRatesBetween(from: string, to: string, options: EcbRatesBetweenOptions & CallOptions): Promise<EcbRatesFile>;
  stats(): ClientStats;
}

export interface XeClient {
  /** GET /v1/convert_from.json: the live (or the package's latest) rates from one currency. */
  convertFrom(params: XeConvertFromParams, options?: CallOptions): Promise<XeRatesReply>;
  /** GET /v1/historic_rate.json: the rates from one currency on one date. */
  historicRate(params: XeHistoricRateParams, options?: CallOptions): Promise<XeRatesReply>;
  stats(): ClientStats;
}

/**
 * ECB has no error bodies (an HTML page or a cut-short file in a 2xx is named by the XML
 * reader, which knows the file); XE answers `{ code, message }`, inside a 200 too.
 */
function fxErrors(vendor: FxVendor): ErrorTable {
  return (reply, context) => {
    if (reply.status >= 200 && reply.status < 300) {
      return vendor === 'xe' ? recogniseXeErrorReply(reply.body, { operation: context.operation, status: reply.status, headers: reply.headers, nowMs: context.nowMs }) : undefined;
    }
    return fxErrorFromResponse({ vendor, operation: context.operation, status: reply.status, headers: reply.headers, text: String(reply.body ?? ''), nowMs: context.nowMs });
  };
}

interface FxDeclaration {
  readonly name: VendorName & { readonly vendor: FxVendor };
  readonly baseUrl: string;
  readonly accept: string;
  readonly auth?: AuthHook;
  readonly settings: { timeoutMs?: number; rateLimit?: RateLimitPlan; maxInProcessWaitMs?: number };
}

function fxPipeline(declaration: FxDeclaration, options: CommonClientOptions): Pipeline {
  const { name, settings } = declaration;
  const { tenant } = options;
  return createPipeline({
    ...name,
    baseUrl: declaration.baseUrl,
    userAgent: FX_USER_AGENT,
    accept: declaration.accept,
    timeoutMs: settings.timeoutMs ?? DEFAULT_FX_TIMEOUT_MS,
    ...(declaration.auth === undefined ? {} : { auth: declaration.auth }),
    rateLimit: {
      limiter: options.limiter ?? new RateLimiterRegistry(),
      key: (operation) => ({ tenant, vendor: name.vendor, operation }),
      plan: (operation) => settings.rateLimit ?? FX_RATE_LIMITS[operation as FxOperation],
      maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_FX_MAX_IN_PROCESS_WAIT_MS,
    },
    errors: fxErrors(name.vendor),
    requestIdHeader: ['x-request-id', 'x-amzn-requestid'],
    logger: options.logger.child({ vendor: name.vendor, tenant }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
}

export function createEcbClient(options: CreateEcbClientOptions): EcbClient {
  const settings = parseConfig(ECB, 'settings', EcbSettingsSchema, options.settings ?? {});
  const { send, stats } = fxPipeline({ name: ECB as FxDeclaration['name'], baseUrl: ecbBaseUrl(settings), accept: 'text/xml, application/xml;q=0.9', settings }, options);
  const historyTimeoutMs = settings.historyTimeoutMs ?? DEFAULT_ECB_HISTORY_TIMEOUT_MS;
  return {
    getRates: (feed, callOptions) => getEcbRates(send, feed, { historyTimeoutMs }, callOptions),
    getRatesBetween: (from, to, callOptions) => getEcbRatesBetween(send, from, to, { ...callOptions, historyTimeoutMs }),
    stats,
  };
}

export function createXeClient(options: CreateXeClientOptions): XeClient {
  const settings = parseConfig(XE, 'settings', XeSettingsSchema, options.settings ?? {});
  // zod's messages name the field, never its value.
  const { accountId, apiKey } = parseConfig(XE, 'credentials', XeCredentialsSchema, options.credentials);
  const { send, stats } = fxPipeline(
    // HTTP basic auth: account id as user, API key as password.
    { name: XE as FxDeclaration['name'], baseUrl: xeBaseUrl(settings), accept: 'application/json', auth: basicAuth(accountId, apiKey), settings },
    options,
  );
  return {
    convertFrom: (params, callOptions) => xeConvertFrom(send, params, callOptions),
    historicRate: (params, callOptions) => xeHistoricRate(send, params, callOptions),
    stats,
  };
}
