/**
 * OAuth 2.0 client credentials as FedEx and PayPal run them: POST the token path with
 * `grant_type=client_credentials` — the client id and secret in the form (FedEx) or as HTTP
 * Basic (PayPal) — and read `{access_token, expires_in}`. TokenAuth caches the token until
 * 60 s before it expires, fetches one token for all concurrent callers and drops it when the
 * vendor refuses it (the pipeline then refreshes once). The token request has its own pipeline:
 * no rate-limit bucket, the vendor's error table.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { basicAuthorization, TokenAuth, type IssuedToken } from './auth.js';
import type { RetryPolicy } from './client.js';
import { contractError } from './error-factories.js';
import { createPipeline, errorsFromRecogniser, type ErrorTable } from './pipeline.js';
import type { ConnectorError } from './errors.js';
import type { ErrorReplyContext } from './error-reply.js';
import { countLike } from './wire-leniency.js';

export const CLIENT_CREDENTIALS_OPERATION = 'oauthToken';

/** `expires_in` as a JSON number or digits in text (both seen in the wild). */
export const ClientCredentialsTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: countLike.refine((n) => n > 0, 'expected a positive lifetime'),
  scope: z.string().optional(),
});

export interface ClientCredentialsVendor {
  readonly vendor: string;
  readonly label: string;
  readonly tokenPath: string;
  /** `form`: client_id and client_secret in the form body; `basic`: HTTP Basic. */
  readonly credentialsIn: 'form' | 'basic';
  readonly recogniseError: (body: unknown, ctx: ErrorReplyContext) => ConnectorError | undefined;
  readonly requestIdHeader?: string;
}

export interface ClientCredentialsOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly clock: { now(): number };
  readonly logger: Logger;
  readonly retryPolicy?: RetryPolicy;
}

export function createClientCredentialsAuth(vendor: ClientCredentialsVendor, options: ClientCredentialsOptions): TokenAuth {
  const site = { vendor: vendor.vendor, label: vendor.label, operation: CLIENT_CREDENTIALS_OPERATION };
  const replyErrors = errorsFromRecogniser(vendor.recogniseError);
  const errors: ErrorTable = (reply, context) => {
    const failure = replyErrors(reply, context);
    if (failure !== undefined) return failure;
    if (ClientCredentialsTokenSchema.safeParse(reply.body).success) return undefined;
    return contractError(site, 'token response without access_token/expires_in', { status: reply.status });
  };
  const { send } = createPipeline({
    vendor: vendor.vendor,
    label: vendor.label,
    logName: `${vendor.vendor} oauth token`,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
    errors,
    ...(vendor.requestIdHeader === undefined ? {} : { requestIdHeader: vendor.requestIdHeader }),
    logger: options.logger,
    clock: options.clock,
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const basic = vendor.credentialsIn === 'basic' ? basicAuthorization(options.clientId, options.clientSecret) : undefined;
  const fetchToken = async (): Promise<IssuedToken> => {
    const response = await send({
      operation: CLIENT_CREDENTIALS_OPERATION,
      method: 'POST',
      path: vendor.tokenPath,
      ...(basic === undefined ? {} : { headers: { authorization: basic } }),
      body: { form: basic === undefined ? { grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret } : { grant_type: 'client_credentials' } },
      // A token request creates nothing.
      idempotent: true,
      sensitive: [options.clientId, options.clientSecret, ...(basic === undefined ? [] : [basic])],
    });
    const token = ClientCredentialsTokenSchema.parse(response.data);
    return { accessToken: token.access_token, expiresInS: token.expires_in };
  };
  return new TokenAuth({ fetchToken, headers: (accessToken) => ({ authorization: `Bearer ${accessToken}` }), clock: options.clock });
}
