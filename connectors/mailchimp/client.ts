/**
 * The Mailchimp Marketing API client, declared for the shared pipeline: the data center's
 * host, HTTP Basic with the API key, one bucket per (tenant, operation), and Mailchimp's
 * problem-document error table.
 */
import { basicAuth } from '../http/auth.js';
import { parseConfig } from '../http/error-factories.js';
import {
  createPipeline,
  errorsFromRecogniser,
  type CallOptions,
  type ClientStats,
  type ConnectorClientOptions,
  type ErrorTable,
  type PipelineRequest,
} from '../http/pipeline.js';
import { RateLimiterRegistry } from '../http/rate-limiter.js';
import {
  DEFAULT_MAILCHIMP_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_MAILCHIMP_TIMEOUT_MS,
  MAILCHIMP,
  mailchimpBaseUrl,
  MailchimpConnectionSettingsSchema,
  MailchimpCredentialsSchema,
  type MailchimpConnectionSettings,
  type MailchimpCredentials,
} from './config.js';
import { MAILCHIMP_VENDOR, recogniseMailchimpErrorReply } from './errors.js';
import { getLists, type GetListsParams, type GetListsResult } from './operations/get-lists.js';
import { MAILCHIMP_RATE_LIMITS, type MailchimpOperation } from './rate-limits.js';

/** Caravan identifies itself to Mailchimp. */
export const MAILCHIMP_USER_AGENT = 'Caravan/0.1 (Mailchimp Marketing API)';

export type MailchimpRequest = PipelineRequest & { readonly operation: MailchimpOperation };

export interface CreateMailchimpClientOptions extends ConnectorClientOptions {
  readonly settings?: MailchimpConnectionSettings;
  /** Resolved secrets; never logged. */
  readonly credentials: MailchimpCredentials;
  /** Shared by all clients of a worker; a private one when omitted. */
  readonly limiter?: RateLimiterRegistry;
}

export interface MailchimpClient {
  /** GET /lists: one page of the account's audiences. */
  getLists(params?: GetListsParams, options?: CallOptions): Promise<GetListsResult>;
  stats(): ClientStats;
}

/** Mailchimp's problem documents at any status (a 2xx carrying one included), and every non-2xx. */
export const mailchimpErrors: ErrorTable = errorsFromRecogniser(recogniseMailchimpErrorReply);

export function createMailchimpClient(options: CreateMailchimpClientOptions): MailchimpClient {
  const settings = parseConfig(MAILCHIMP, 'connection settings', MailchimpConnectionSettingsSchema, options.settings ?? {});
  const credentials = parseConfig(MAILCHIMP, 'credentials', MailchimpCredentialsSchema, options.credentials);
  const { tenant } = options;
  const { send, stats } = createPipeline({
    ...MAILCHIMP,
    baseUrl: mailchimpBaseUrl(settings, credentials),
    userAgent: MAILCHIMP_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_MAILCHIMP_TIMEOUT_MS,
    // Basic auth: any user name, the API key as password (Marketing API "Authentication").
    auth: basicAuth('caravan', credentials.apiKey),
    rateLimit: {
      limiter: options.limiter ?? new RateLimiterRegistry(),
      key: (operation) => ({ tenant, vendor: MAILCHIMP_VENDOR, operation }),
      plan: (operation) => settings.rateLimit ?? MAILCHIMP_RATE_LIMITS[operation as MailchimpOperation],
      maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_MAILCHIMP_MAX_IN_PROCESS_WAIT_MS,
    },
    errors: mailchimpErrors,
    requestIdHeader: 'x-request-id',
    logger: options.logger.child({ vendor: MAILCHIMP_VENDOR, tenant }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  return {
    getLists: (params, callOptions) => getLists(send, params, callOptions),
    stats,
  };
}
