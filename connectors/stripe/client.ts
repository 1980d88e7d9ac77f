/**
 * The Stripe API client, declared for the shared pipeline (connectors/http) rather than built on
 * the official `stripe` package: one pipeline for every vendor keeps Stripe's calls in the
 * worker's shared rate-limit buckets (held across processes on PostgreSQL), under the same retry
 * rules Temporal expects (short in-process retries only, ConnectorError kinds) and the same log
 * redaction. The `stripe` package is used where it adds what the pipeline has no business
 * doing: checking webhook signatures (server/stripe-signature.ts).
 *
 * Declared here: the base URL, Bearer auth with the secret key, the pinned `Stripe-Version`, two
 * buckets per account (reads and writes, at the key's mode), Stripe's error table (with
 * `Stripe-Should-Retry`) and its `Request-Id`.
 */
import { staticAuth } from '../http/auth.js';
import { parseConfig } from '../http/error-factories.js';
import { createPipeline, errorsFromRecogniser, type CallOptions, type ClientStats, type ConnectorClientOptions, type ErrorTable } from '../http/pipeline.js';
import { RateLimiterRegistry } from '../http/rate-limiter.js';
import {
  DEFAULT_STRIPE_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_STRIPE_TIMEOUT_MS,
  STRIPE,
  STRIPE_API_VERSION,
  stripeBaseUrl,
  StripeConnectionSettingsSchema,
  StripeCredentialsSchema,
  stripeModeOf,
  type StripeConnectionSettings,
  type StripeCredentials,
} from './config.js';
import { recogniseStripeErrorReply, STRIPE_VENDOR } from './errors.js';
import { createRefund, type CreateRefundParams, type CreateRefundResult } from './operations/create-refund.js';
import { listAllStripeObjects, listStripeObjects, type StripeListEntry, type StripeListOperation, type StripeListPage, type StripeListParams } from './operations/list-objects.js';
import { STRIPE_OPERATION_BUCKETS, STRIPE_RATE_LIMITS, type StripeOperation } from './rate-limits.js';
import type { StripeBalanceTransaction } from './schemas/index.js';

export interface StripePayoutTransactions {
  readonly payoutId: string;
  readonly transactions: StripeBalanceTransaction[];
}

/** Caravan identifies itself to Stripe. */
export const STRIPE_USER_AGENT = 'Caravan/0.1 (Stripe API)';

export interface CreateStripeClientOptions extends ConnectorClientOptions {
  readonly settings?: StripeConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: StripeCredentials;
  /** Shared by all clients of a worker; a private one when omitted. */
  readonly limiter?: RateLimiterRegistry;
}

type ListMethod<O extends StripeListOperation> = (params?: StripeListParams, options?: CallOptions) => Promise<StripeListPage<StripeListEntry<O>>>;

export interface StripeClient {
  listPayouts: ListMethod<'listPayouts'>;
  listBalanceTransactions: ListMethod<'listBalanceTransactions'>;
  listCharges: ListMethod<'listCharges'>;
  listRefunds: ListMethod<'listRefunds'>;
  listDisputes: ListMethod<'listDisputes'>;
  listEvents: ListMethod<'listEvents'>;
  /**
   * Every balance transaction a payout paid out (`payout=po_…`), all pages. The entries do not
   * name their payout (only the payout's own transaction has it, as its `source`; seen on real
   * accounts, airbytehq/airbyte#46499): the result carries the payout id for the caller to attach.
   */
  balanceTransactionsOfPayout(payoutId: string, options?: CallOptions): Promise<StripePayoutTransactions>;
  /** A refund, with an Idempotency-Key from the business keys. */
  createRefund(params: CreateRefundParams, options?: CallOptions): Promise<CreateRefundResult>;
  stats(): ClientStats;
}

/** Stripe's error objects at any status (an error inside a 2xx included), and every non-2xx. */
export const stripeErrors: ErrorTable = errorsFromRecogniser(recogniseStripeErrorReply);

export function createStripeClient(options: CreateStripeClientOptions): StripeClient {
  const settings = parseConfig(STRIPE, 'connection settings', StripeConnectionSettingsSchema, options.settings ?? {});
  const credentials = parseConfig(STRIPE, 'credentials', StripeCredentialsSchema, options.credentials);
  const { tenant } = options;
  const mode = stripeModeOf(credentials.secretKey);
  const { send, stats } = createPipeline({
    ...STRIPE,
    baseUrl: stripeBaseUrl(settings),
    userAgent: STRIPE_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_STRIPE_TIMEOUT_MS,
    auth: staticAuth({ authorization: `Bearer ${credentials.secretKey}` }),
    headers: () => ({ 'stripe-version': STRIPE_API_VERSION }),
    rateLimit: {
      limiter: options.limiter ?? new RateLimiterRegistry(),
      // Stripe counts per account and mode: one key is one account in one mode.
      key: (operation) => ({ tenant, vendor: STRIPE_VENDOR, operation: STRIPE_OPERATION_BUCKETS[operation as StripeOperation] ?? 'read', scope: mode }),
      plan: () => settings.rateLimit ?? STRIPE_RATE_LIMITS[mode],
      maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_STRIPE_MAX_IN_PROCESS_WAIT_MS,
      // Stripe sends no Retry-After: one 429 is waited out in-process for a token, the next goes back to Temporal.
      throttleRetries: 1,
    },
    errors: stripeErrors,
    requestIdHeader: 'request-id',
    logger: options.logger.child({ vendor: STRIPE_VENDOR, tenant }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const list =
    <O extends StripeListOperation>(operation: O): ListMethod<O> =>
    (params, callOptions) =>
      listStripeObjects(send, operation, params, callOptions);
  return {
    listPayouts: list('listPayouts'),
    listBalanceTransactions: list('listBalanceTransactions'),
    listCharges: list('listCharges'),
    listRefunds: list('listRefunds'),
    listDisputes: list('listDisputes'),
    listEvents: list('listEvents'),
    balanceTransactionsOfPayout: async (payoutId, callOptions) => ({
      payoutId,
      transactions: await listAllStripeObjects(send, 'listBalanceTransactions', { filters: [['payout', payoutId]] }, callOptions),
    }),
    createRefund: (params, callOptions) => createRefund(send, tenant, params, callOptions),
    stats,
  };
}
