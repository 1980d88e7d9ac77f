/**
 * The PayPal REST client: OAuth client-credentials bearer tokens, the app's rate through the
 * shared limiter, PayPal's error table (name, message, debug_id, details[].issue), the
 * `PayPal-Debug-Id` of every reply, and a refused token refreshed once before the failure is
 * an auth error naming the connection.
 */
import { parseConfig } from '../http/error-factories.js';
import { ConnectorError } from '../http/errors.js';
import { createPipeline, errorsFromRecogniser, type CallOptions, type ClientStats, type ConnectorClientOptions, type ErrorTable, type Send } from '../http/pipeline.js';
import type { RateLimiterRegistry } from '../http/rate-limiter.js';
import { refuse, siteOf } from '../http/request-checks.js';
import { createPaypalOAuth } from './auth.js';
import {
  DEFAULT_PAYPAL_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_PAYPAL_TIMEOUT_MS,
  PAYPAL,
  paypalBaseUrl,
  PaypalConnectionSettingsSchema,
  PaypalCredentialsSchema,
  type PaypalConnectionSettingsInput,
  type PaypalCredentials,
} from './config.js';
import { PAYPAL_VENDOR, recognisePaypalErrorReply } from './errors.js';
import { listBalances, type PaypalBalancesQuery } from './operations/list-balances.js';
import { searchTransactions, type PaypalTransactionSearchQuery } from './operations/search-transactions.js';
import { VERIFY_WEBHOOK_SIGNATURE_OPERATION, verifyWebhookSignature, type PaypalWebhookDelivery } from './operations/verify-webhook-signature.js';
import { DEFAULT_PAYPAL_RATE_LIMIT, PAYPAL_RATE_LIMIT_OPERATION } from './rate-limits.js';
import type { PaypalBalancesReply, PaypalTransactionSearchReply, PaypalVerifySignatureReply } from './schemas/index.js';
import { listPaypalTransactions, type PaypalListingPage, type PaypalListingQuery } from './transaction-listing.js';

export const PAYPAL_USER_AGENT = 'Caravan/0.1';

export interface CreatePaypalClientOptions extends ConnectorClientOptions {
  readonly settings: PaypalConnectionSettingsInput;
  /** Resolved secrets; never logged. */
  readonly credentials: PaypalCredentials;
  /** Shared by all clients of a worker; without one, no client-side throttling. */
  readonly limiter?: RateLimiterRegistry;
  /** The connection's name in the tenants file, for auth failures. */
  readonly connection?: string;
}

export interface PaypalClient {
  /** One page of GET /v1/reporting/transactions (a range of at most 31 days). */
  searchTransactions(query: PaypalTransactionSearchQuery, options?: CallOptions): Promise<PaypalTransactionSearchReply>;
  /** Any period, resumable: 31-day windows, split on RESULTSET_TOO_LARGE, bounded by last_refreshed_datetime. */
  listTransactions(query: PaypalListingQuery, options?: CallOptions): Promise<PaypalListingPage>;
  /** GET /v1/reporting/balances */
  listBalances(query?: PaypalBalancesQuery, options?: CallOptions): Promise<PaypalBalancesReply>;
  /** POST /v1/notifications/verify-webhook-signature against the connection's webhook id (or the one given). */
  verifyWebhookSignature(delivery: PaypalWebhookDelivery, options?: CallOptions & { readonly webhookId?: string }): Promise<PaypalVerifySignatureReply>;
  /** The connection's webhook id, when its settings name one. */
  readonly webhookId?: string;
  stats(): ClientStats;
}

export const paypalErrors: ErrorTable = errorsFromRecogniser(recognisePaypalErrorReply);

/** An auth failure that survived the one token refresh, restated with the connection it concerns. */
function namingConnection(error: unknown, who: string): unknown {
  if (!(error instanceof ConnectorError) || error.kind !== 'auth') return error;
  return new ConnectorError('auth', `${who}: ${error.message} (check the connection's clientId/clientSecret secrets)`, {
    vendor: error.vendor,
    operation: error.operation,
    cause: error,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.vendorCode === undefined ? {} : { vendorCode: error.vendorCode }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
  });
}

export function createPaypalClient(options: CreatePaypalClientOptions): PaypalClient {
  const settings = parseConfig(PAYPAL, 'connection settings', PaypalConnectionSettingsSchema, options.settings);
  const credentials = parseConfig(PAYPAL, 'credentials', PaypalCredentialsSchema, options.credentials);
  const clock = options.clock ?? { now: () => Date.now() };
  const baseUrl = paypalBaseUrl(settings);
  const timeoutMs = settings.timeoutMs ?? DEFAULT_PAYPAL_TIMEOUT_MS;
  const logger = options.logger.child({ vendor: PAYPAL_VENDOR, tenant: options.tenant, environment: settings.environment });
  const retry = options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy };
  const auth = createPaypalOAuth({ clientId: credentials.clientId, clientSecret: credentials.clientSecret, baseUrl, userAgent: PAYPAL_USER_AGENT, timeoutMs, clock, logger, ...retry });
  const pipeline = createPipeline({
    ...PAYPAL,
    baseUrl,
    userAgent: PAYPAL_USER_AGENT,
    timeoutMs,
    auth,
    ...(options.limiter === undefined
      ? {}
      : {
          rateLimit: {
            limiter: options.limiter,
            key: () => ({ tenant: options.tenant, vendor: PAYPAL_VENDOR, operation: PAYPAL_RATE_LIMIT_OPERATION }),
            plan: () => settings.rateLimit ?? DEFAULT_PAYPAL_RATE_LIMIT,
            maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_PAYPAL_MAX_IN_PROCESS_WAIT_MS,
          },
        }),
    errors: paypalErrors,
    requestIdHeader: 'paypal-debug-id',
    logger,
    clock,
    ...retry,
  });
  const who = `PayPal connection ${options.connection === undefined ? '' : `"${options.connection}" `}of tenant ${options.tenant}`;
  const send: Send = async (request, callOptions) => {
    try {
      return await pipeline.send(request, callOptions);
    } catch (error) {
      throw namingConnection(error, who);
    }
  };
  const pageSize = settings.pageSize;
  return {
    searchTransactions: (query, o) => searchTransactions(send, query, o),
    listTransactions: (query, o) => listPaypalTransactions(send, pageSize === undefined || query.pageSize !== undefined ? query : { ...query, pageSize }, clock.now(), o),
    listBalances: (query, o) => listBalances(send, query, o),
    verifyWebhookSignature: (delivery, o = {}) => {
      const { webhookId = settings.webhookId, ...callOptions } = o;
      if (webhookId === undefined) throw refuse(siteOf(PAYPAL, VERIFY_WEBHOOK_SIGNATURE_OPERATION), `${who} names no webhookId in its settings`);
      return verifyWebhookSignature(send, delivery, webhookId, callOptions);
    },
    ...(settings.webhookId === undefined ? {} : { webhookId: settings.webhookId }),
    stats: pipeline.stats,
  };
}
