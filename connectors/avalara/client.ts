/**
 * The AvaTax REST v2 client: every call carries the Authorization and X-Avalara-Client
 * headers, takes a token from the tenant's AvaTax bucket when a limiter is given, is resent
 * briefly on transient failures only when it is idempotent, and turns every failure into a
 * ConnectorError. Writes address documents by codes derived from business keys
 * (transactionCodeFor), so commit, void and refund are safe to repeat.
 */
import { staticAuth } from '../http/auth.js';
import { parseConfig } from '../http/error-factories.js';
import { createPipeline, errorsFromRecogniser, type CallOptions, type ConnectorClientOptions, type ClientStats, type ErrorTable, type PipelineRequest } from '../http/pipeline.js';
import type { RateLimiterRegistry } from '../http/rate-limiter.js';
import { avalaraAuthorization, avalaraClientHeader } from './auth.js';
import {
  AVALARA,
  avalaraBaseUrl,
  AvalaraConnectionSettingsSchema,
  AvalaraCredentialsSchema,
  DEFAULT_AVALARA_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_AVALARA_RATE_LIMIT,
  DEFAULT_AVALARA_TIMEOUT_MS,
  type AvalaraConnectionSettings,
  type AvalaraCredentials,
} from './config.js';
import { AVALARA_VENDOR, recogniseAvalaraErrorReply } from './errors.js';
import { commitTransaction, type CommitTransactionParams } from './operations/commit-transaction.js';
import { createOrAdjustTransaction, type AvalaraAdjustment } from './operations/create-or-adjust-transaction.js';
import { createTransaction } from './operations/create-transaction.js';
import { getTransactionByCode, type GetTransactionByCodeParams } from './operations/get-transaction-by-code.js';
import { ping, type AvalaraPingOutcome } from './operations/ping.js';
import { refundTransaction, type RefundTransactionParams } from './operations/refund-transaction.js';
import type { AvalaraTransactionResult, AvalaraWriteResult } from './operations/transaction-result.js';
import { voidTransaction, type VoidTransactionParams } from './operations/void-transaction.js';
import type { AvalaraCreateTransactionModel } from './schemas.js';

/** AvaTax operation ids (the description's operationId). */
export const AVALARA_OPERATIONS = [
  'CreateTransaction',
  'CreateOrAdjustTransaction',
  'CommitTransaction',
  'VoidTransaction',
  'RefundTransaction',
  'GetTransactionByCode',
  'Ping',
] as const;
export type AvalaraOperation = (typeof AVALARA_OPERATIONS)[number];

export const AVALARA_USER_AGENT = 'Caravan/0.1.0 (AvaTax REST v2)';

/** AvaTax throttles per account, so one bucket per tenant covers every operation. */
const RATE_LIMIT_OPERATION = 'api';

/** `idempotent` is always stated: a resend after a network error must not create a second document. */
export type AvalaraRequest = PipelineRequest & { readonly operation: AvalaraOperation; readonly idempotent: boolean };

export interface CreateAvalaraClientOptions extends ConnectorClientOptions {
  readonly settings: AvalaraConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: AvalaraCredentials;
  /** Shared by all clients of a worker; without one, no client-side throttling. */
  readonly limiter?: RateLimiterRegistry;
}

export interface AvalaraClient {
  /** The connection's company code (the default for every call). */
  readonly companyCode: string;
  /** CreateTransaction. Resent after transient failures only when it has a code and does not commit. */
  createTransaction(model: AvalaraCreateTransactionModel, options?: CallOptions): Promise<AvalaraTransactionResult>;
  /** CreateOrAdjustTransaction: the idempotent create (a code is required). */
  createOrAdjustTransaction(
    model: AvalaraCreateTransactionModel,
    adjustment?: AvalaraAdjustment,
    options?: CallOptions,
  ): Promise<AvalaraTransactionResult>;
  /** CommitTransaction; committing a committed document is `already_applied`. */
  commitTransaction(params: CommitTransactionParams, options?: CallOptions): Promise<AvalaraWriteResult>;
  /** VoidTransaction; voiding a voided document is `already_applied`. */
  voidTransaction(params: VoidTransactionParams, options?: CallOptions): Promise<AvalaraWriteResult>;
  /** RefundTransaction; an existing refund document with the same refund code is `already_applied`. */
  refundTransaction(params: RefundTransactionParams, options?: CallOptions): Promise<AvalaraWriteResult>;
  getTransactionByCode(params: GetTransactionByCodeParams, options?: CallOptions): Promise<AvalaraTransactionResult>;
  /** Ping: connectivity, version and whether the credentials authenticate. */
  ping(options?: CallOptions): Promise<AvalaraPingOutcome>;
  stats(): ClientStats;
}

/** AvaTax answers errors with an `{ "error": { code, message, details } }` body, at any status. */
export const avalaraErrors: ErrorTable = errorsFromRecogniser(recogniseAvalaraErrorReply);

export function createAvalaraClient(options: CreateAvalaraClientOptions): AvalaraClient {
  const settings = parseConfig(AVALARA, 'connection settings', AvalaraConnectionSettingsSchema, options.settings);
  const credentials = parseConfig(AVALARA, 'credentials', AvalaraCredentialsSchema, options.credentials);
  const { tenant, limiter, retryPolicy } = options;
  const plan = settings.rateLimit ?? DEFAULT_AVALARA_RATE_LIMIT;
  const { send, stats } = createPipeline({
    ...AVALARA,
    baseUrl: avalaraBaseUrl(settings),
    userAgent: AVALARA_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_AVALARA_TIMEOUT_MS,
    auth: staticAuth({
      authorization: avalaraAuthorization(credentials),
      // AvaTax asks every caller to identify its software in this header.
      'x-avalara-client': avalaraClientHeader(settings),
    }),
    ...(limiter === undefined
      ? {}
      : {
          rateLimit: {
            limiter,
            // AvaTax throttles per account: one bucket per tenant covers every operation.
            key: () => ({ tenant, vendor: AVALARA_VENDOR, operation: RATE_LIMIT_OPERATION }),
            plan: () => plan,
            maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_AVALARA_MAX_IN_PROCESS_WAIT_MS,
          },
        }),
    errors: avalaraErrors,
    requestIdHeader: 'x-correlation-id',
    logger: options.logger.child({ vendor: AVALARA_VENDOR, tenant, environment: settings.environment }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(retryPolicy === undefined ? {} : { retryPolicy }),
  });

  const companyCode = settings.companyCode;
  return {
    companyCode,
    createTransaction: (model, callOptions) => createTransaction(send, model, companyCode, callOptions),
    createOrAdjustTransaction: (model, adjustment, callOptions) => createOrAdjustTransaction(send, model, companyCode, adjustment, callOptions),
    commitTransaction: (params, callOptions) => commitTransaction(send, params, companyCode, callOptions),
    voidTransaction: (params, callOptions) => voidTransaction(send, params, companyCode, callOptions),
    refundTransaction: (params, callOptions) => refundTransaction(send, params, companyCode, callOptions),
    getTransactionByCode: (params, callOptions) => getTransactionByCode(send, params, companyCode, callOptions),
    ping: (callOptions) => ping(send, callOptions),
    stats,
  };
}
