/**
 * The AliExpress / Alibaba.com open platforms' transport on the shared pipeline: replies read as
 * text and parsed with integers above 2^53 kept exact, the family's error shapes recognised at
 * any status (200 included), one bucket per (tenant, operation), the seller's session
 * (open-platform-session.ts), and each business call signed when it is sent — IOP sync (`/sync`,
 * the API named by `method`) or IOP REST (`/rest{api_path}`). A refused access token is dropped,
 * so the next call renews it.
 */
import type { Logger } from 'pino';
import { ConnectorError } from './errors.js';
import type { ErrorReplyContext } from './error-reply.js';
import { parseJsonLosslessly } from './lossless-json.js';
import { OpenPlatformSession } from './open-platform-session.js';
import { signedParams, type SignParams } from './open-platform-signing.js';
import type { RetryPolicy } from './client.js';
import { createPipeline, errorsFromRecogniser, type CallOptions, type ClientStats, type ErrorTable, type PipelineResponse } from './pipeline.js';
import type { RateLimitPlan } from './rate-limiter.js';
import { RateLimiterRegistry } from './rate-limiter.js';
import type { VendorName } from './request-checks.js';

/** A reply's text parsed losslessly (a body that is not JSON stays text for the recogniser). */
export function losslessBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const parsed = parseJsonLosslessly(body);
  return parsed.ok ? parsed.value : body;
}

/** A vendor's error recogniser as the pipeline's table, on the losslessly parsed body. */
export function openPlatformErrors(recogniser: (body: unknown, ctx: ErrorReplyContext) => ConnectorError | undefined): ErrorTable {
  const recognise = errorsFromRecogniser(recogniser);
  return (reply, context) => recognise({ ...reply, body: losslessBody(reply.body) }, context);
}

/** Where a business call goes: an IOP sync method, or an IOP REST path. */
export type OpenPlatformApi = { readonly method: string } | { readonly apiPath: string };

export interface OpenPlatformTransportOptions {
  readonly vendor: VendorName;
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly errors: ErrorTable;
  readonly tenant: string;
  readonly connection: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly refreshToken?: string;
  readonly accessToken?: string;
  readonly plan: (operation: string) => RateLimitPlan;
  readonly maxWaitMs: number;
  readonly limiter?: RateLimiterRegistry;
  readonly logger: Logger;
  readonly clock?: { now(): number };
  readonly retryPolicy?: RetryPolicy;
}

export interface OpenPlatformTransport {
  readonly session: OpenPlatformSession;
  /** A signed business call with the seller's token; the reply parsed losslessly. */
  call(api: OpenPlatformApi, params: SignParams, idempotent: boolean, options?: CallOptions): Promise<PipelineResponse>;
  stats(): ClientStats;
}

export function createOpenPlatformTransport(o: OpenPlatformTransportOptions): OpenPlatformTransport {
  const clock = o.clock ?? { now: () => Date.now() };
  const { send, stats } = createPipeline({
    ...o.vendor,
    baseUrl: o.baseUrl,
    userAgent: o.userAgent,
    timeoutMs: o.timeoutMs,
    rateLimit: {
      limiter: o.limiter ?? new RateLimiterRegistry(),
      key: (operation) => ({ tenant: o.tenant, vendor: o.vendor.vendor, operation }),
      plan: o.plan,
      maxWaitMs: o.maxWaitMs,
    },
    errors: o.errors,
    logger: o.logger.child({ vendor: o.vendor.vendor, tenant: o.tenant }),
    clock,
    ...(o.retryPolicy === undefined ? {} : { retryPolicy: o.retryPolicy }),
  });
  const session = new OpenPlatformSession(o.vendor, {
    send,
    appKey: o.appKey,
    appSecret: o.appSecret,
    connection: o.connection,
    clock,
    ...(o.refreshToken === undefined ? {} : { refreshToken: o.refreshToken }),
    ...(o.accessToken === undefined ? {} : { accessToken: o.accessToken }),
  });

  async function call(api: OpenPlatformApi, params: SignParams, idempotent: boolean, options?: CallOptions): Promise<PipelineResponse> {
    const accessToken = await session.accessToken(options);
    // Signed here, with the clock read now: the gateway allows limited skew from `timestamp`.
    const form =
      'method' in api
        ? signedParams({ protocol: 'iop-sync', method: api.method, appKey: o.appKey, accessToken }, o.appSecret, params, clock.now())
        : signedParams({ protocol: 'iop-rest', apiPath: api.apiPath, appKey: o.appKey, accessToken }, o.appSecret, params, clock.now());
    const operation = 'method' in api ? api.method : api.apiPath;
    const path = 'method' in api ? '/sync' : `/rest${api.apiPath}`;
    try {
      const response = await send({ operation, method: 'POST', path, body: { form }, read: 'text', idempotent, sensitive: [accessToken, form.sign!] }, options);
      return { ...response, data: losslessBody(response.data) };
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'auth') session.invalidate(accessToken);
      throw error;
    }
  }

  return { session, call, stats: () => ({ ...stats(), tokenRefreshes: session.refreshes() }) };
}
