/**
 * The AliExpress Open Platform client, declared for the shared pipeline: the IOP gateway
 * (`/sync` business APIs named by `method`, `/rest{path}` system APIs), every request a signed
 * form body made at send time (signing.ts), the seller's token from auth.ts, one bucket per
 * (tenant, operation), and the family's error table — gateway `error_response`, IOP top-level
 * errors and business errors inside HTTP 200 (errors.ts). Replies are read as text and parsed
 * with integers above 2^53 kept exact (order and product ids arrive as bare JSON numbers).
 */
import { parseConfig } from '../http/error-factories.js';
import { ConnectorError } from '../http/errors.js';
import { parseJsonLosslessly } from '../http/lossless-json.js';
import {
  createPipeline,
  errorsFromRecogniser,
  type CallOptions,
  type ClientStats,
  type ConnectorClientOptions,
  type ErrorTable,
  type PipelineResponse,
} from '../http/pipeline.js';
import { RateLimiterRegistry } from '../http/rate-limiter.js';
import { AliexpressAuth, type AliexpressToken } from './auth.js';
import {
  ALIEXPRESS,
  aliexpressBaseUrl,
  AliexpressConnectionSettingsSchema,
  AliexpressCredentialsSchema,
  DEFAULT_ALIEXPRESS_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_ALIEXPRESS_TIMEOUT_MS,
  type AliexpressConnectionSettings,
  type AliexpressCredentials,
} from './config.js';
import { ALIEXPRESS_VENDOR, recogniseAliexpressErrorReply } from './errors.js';
import { listOrders, type ListOrdersParams, type ListOrdersResult } from './operations/list-orders.js';
import { aliexpressRateLimit } from './rate-limits.js';
import { signedParams, type SignParams } from './signing.js';

/** Caravan identifies itself to the gateway. */
export const ALIEXPRESS_USER_AGENT = 'Caravan/0.1 (AliExpress Open Platform)';

export interface CreateAliexpressClientOptions extends ConnectorClientOptions {
  readonly settings: AliexpressConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: AliexpressCredentials;
  /** The connection's name in messages (default `<tenant>/aliexpress`). */
  readonly connection?: string;
  /** Shared by all clients of a worker; a private one when omitted. */
  readonly limiter?: RateLimiterRegistry;
}

/** One signed IOP sync call: its `method`, business parameters as sent, and whether a resend is safe. */
export interface SyncCall {
  readonly method: string;
  readonly params: SignParams;
  readonly idempotent: boolean;
}

/** Sends a signed `/sync` call for the seller and returns the parsed (lossless) reply. */
export type SyncSend = (call: SyncCall, options?: CallOptions) => Promise<PipelineResponse>;

export interface AliexpressClient {
  /** Exchanges the authorisation code from the seller's consent for tokens (kept for later calls). */
  createToken(code: string, options?: CallOptions): Promise<AliexpressToken>;
  /** `aliexpress.solution.order.get`: one page of the seller's orders. */
  listOrders(params: ListOrdersParams, options?: CallOptions): Promise<ListOrdersResult>;
  stats(): ClientStats;
}

/** A reply's text parsed losslessly (a body that is not JSON stays text for the recogniser). */
function losslessBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const parsed = parseJsonLosslessly(body);
  return parsed.ok ? parsed.value : body;
}

const recognise = errorsFromRecogniser(recogniseAliexpressErrorReply);

/** The family's error shapes at any status, 200 included, on the losslessly parsed body. */
export const aliexpressErrors: ErrorTable = (reply, context) => recognise({ ...reply, body: losslessBody(reply.body) }, context);

export function createAliexpressClient(options: CreateAliexpressClientOptions): AliexpressClient {
  const settings = parseConfig(ALIEXPRESS, 'connection settings', AliexpressConnectionSettingsSchema, options.settings);
  const credentials = parseConfig(ALIEXPRESS, 'credentials', AliexpressCredentialsSchema, options.credentials);
  const { tenant } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const { send, stats } = createPipeline({
    ...ALIEXPRESS,
    baseUrl: aliexpressBaseUrl(settings),
    userAgent: ALIEXPRESS_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_ALIEXPRESS_TIMEOUT_MS,
    rateLimit: {
      limiter: options.limiter ?? new RateLimiterRegistry(),
      key: (operation) => ({ tenant, vendor: ALIEXPRESS_VENDOR, operation }),
      plan: (operation) => settings.rateLimit ?? aliexpressRateLimit(operation),
      maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_ALIEXPRESS_MAX_IN_PROCESS_WAIT_MS,
    },
    errors: aliexpressErrors,
    logger: options.logger.child({ vendor: ALIEXPRESS_VENDOR, tenant }),
    clock,
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const auth = new AliexpressAuth({
    send,
    appKey: settings.appKey,
    appSecret: credentials.appSecret,
    connection: options.connection ?? `${tenant}/aliexpress`,
    clock,
    refreshToken: credentials.refreshToken,
    ...('accessToken' in credentials ? { accessToken: credentials.accessToken } : {}),
  });

  const sync: SyncSend = async (call, callOptions) => {
    const accessToken = await auth.accessToken(callOptions);
    // Signed here, with the clock read now: the gateway allows limited skew from `timestamp`.
    const form = signedParams({ protocol: 'iop-sync', method: call.method, appKey: settings.appKey, accessToken }, credentials.appSecret, call.params, clock.now());
    try {
      const response = await send(
        { operation: call.method, method: 'POST', path: '/sync', body: { form }, read: 'text', idempotent: call.idempotent, sensitive: [accessToken, form.sign!] },
        callOptions,
      );
      return { ...response, data: losslessBody(response.data) };
    } catch (error) {
      // A refused token is dropped, so the next call refreshes it.
      if (error instanceof ConnectorError && error.kind === 'auth') auth.invalidate(accessToken);
      throw error;
    }
  };

  return {
    createToken: (code, callOptions) => auth.createToken(code, callOptions),
    listOrders: (params, callOptions) => listOrders(sync, params, callOptions),
    stats: () => ({ ...stats(), tokenRefreshes: auth.refreshes() }),
  };
}
