/**
 * The VIES REST client, declared for the shared pipeline: no credentials, one bucket per
 * operation shared by every tenant (VIES limits per source IP), and VIES's error table, which
 * judges a reply by its error code as much as by its status — VIES reports MS_UNAVAILABLE in
 * a 200 and INVALID_INPUT in a 500. Checking a number changes nothing, so any transient
 * failure may be resent. Messages and logs carry the country code only: the VAT number
 * asked about is buyer data.
 */
import type { Logger } from 'pino';
import { UnparsedBody, type RetryPolicy } from '../http/client.js';
import type { Clock } from '../http/clock.js';
import { contractError, parseConfig } from '../http/error-factories.js';
import { createPipeline, type CallOptions, type ClientStats, type ErrorTable, type PipelineRequest } from '../http/pipeline.js';
import { RateLimiterRegistry } from '../http/rate-limiter.js';
import { siteOf } from '../http/request-checks.js';
import { DEFAULT_VIES_MAX_IN_PROCESS_WAIT_MS, DEFAULT_VIES_TIMEOUT_MS, VIES, viesBaseUrl, ViesSettingsSchema, type ViesSettings } from './config.js';
import { readViesErrorBody, scrubberFor, viesErrorFromResponse, viesErrorRule, VIES_VENDOR } from './errors.js';
import { checkStatus, type ViesStatus } from './operations/check-status.js';
import { checkVatNumber, type ViesCheckResult, type ViesCheckVatParams } from './operations/check-vat-number.js';
import { VIES_RATE_LIMIT_TENANT, VIES_RATE_LIMITS, type ViesOperation } from './rate-limits.js';

/** Caravan identifies itself to the EC. */
export const VIES_USER_AGENT = 'Caravan/0.1 (VIES VAT number check)';

/** `subject` is the member state asked about; `sensitive` the VAT numbers in the body. */
export type ViesRequest = PipelineRequest & { readonly operation: ViesOperation };

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
  checkVatNumber(params: ViesCheckVatParams, options?: CallOptions): Promise<ViesCheckResult>;
  /** GET /check-status: whether VIES and each member state's register are up. */
  checkStatus(options?: CallOptions): Promise<ViesStatus>;
  stats(): ClientStats;
}

/** VIES errors come as a CommonResponse with `actionSucceed: false`, under any status (200 included). */
export const viesErrors: ErrorTable = (reply, context) => {
  const ok = reply.status >= 200 && reply.status < 300;
  if (ok && readViesErrorBody(reply.body) === undefined) {
    if (!(reply.body instanceof UnparsedBody) && reply.body !== undefined) return undefined;
    const contentType = typeof reply.headers['content-type'] === 'string' ? ` (content-type ${reply.headers['content-type']})` : '';
    const preview = reply.body instanceof UnparsedBody ? context.scrub(reply.body.preview(80)) : '(empty body)';
    return contractError(siteOf(VIES, context.operation, context.subject), `HTTP ${reply.status} with a body that is not JSON${contentType}: ${preview}`, { status: reply.status });
  }
  return viesErrorFromResponse({
    operation: context.operation,
    ...(context.subject === undefined ? {} : { countryCode: context.subject }),
    status: reply.status,
    headers: reply.headers,
    data: reply.body,
    nowMs: context.nowMs,
    scrub: context.scrub,
  });
};

export function createViesClient(options: CreateViesClientOptions): ViesClient {
  const settings = parseConfig(VIES, 'settings', ViesSettingsSchema, options.settings ?? {});
  const { send, stats } = createPipeline({
    ...VIES,
    baseUrl: viesBaseUrl(settings),
    userAgent: VIES_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_VIES_TIMEOUT_MS,
    rateLimit: {
      limiter: options.limiter ?? new RateLimiterRegistry(),
      key: (operation) => ({ tenant: VIES_RATE_LIMIT_TENANT, vendor: VIES_VENDOR, operation }),
      plan: (operation) => settings.rateLimit ?? VIES_RATE_LIMITS[operation as ViesOperation],
      maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_VIES_MAX_IN_PROCESS_WAIT_MS,
      // A member state's limit concerns that country only; a global one (or a bare 429) holds every check back.
      penalizes: (failure) => viesErrorRule(failure.vendorCode)?.limit !== 'member-state',
    },
    errors: viesErrors,
    // The VAT numbers asked about are buyer data: masked in every message.
    scrubber: scrubberFor,
    logger: options.logger.child({
      vendor: VIES_VENDOR,
      ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
      ...(settings.useTestService === true ? { testService: true } : {}),
    }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });

  return {
    checkVatNumber: (params, callOptions) => checkVatNumber(send, params, settings, callOptions),
    checkStatus: (callOptions) => checkStatus(send, callOptions),
    stats,
  };
}
