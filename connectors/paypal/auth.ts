/**
 * PayPal OAuth 2.0 client credentials (developer.paypal.com/api/rest/authentication/, as
 * ../shared/vendor/paypal/SOURCE.md records it): POST /v1/oauth2/token with HTTP Basic
 * `client_id:client_secret` and the form `grant_type=client_credentials` answers
 * `{scope, access_token, token_type: "Bearer", app_id, expires_in, nonce}` (expires_in in
 * seconds, about 9 h). TokenAuth caches the token until 60 s before it expires, fetches one
 * token for all concurrent callers and drops it when PayPal refuses it (the pipeline then
 * refreshes once). The token request has its own pipeline: no rate-limit bucket.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { basicAuthorization, TokenAuth, type IssuedToken } from '../http/auth.js';
import type { RetryPolicy } from '../http/client.js';
import { contractError } from '../http/error-factories.js';
import { createPipeline, errorsFromRecogniser, type ErrorTable } from '../http/pipeline.js';
import { countLike } from '../http/wire-leniency.js';
import { PAYPAL_VENDOR, recognisePaypalErrorReply } from './errors.js';

export const PAYPAL_TOKEN_OPERATION = 'oauthToken';
export const PAYPAL_TOKEN_PATH = '/v1/oauth2/token';

export const PaypalTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: countLike.refine((n) => n > 0, 'expected a positive lifetime'),
  scope: z.string().optional(),
  app_id: z.string().optional(),
});

const SITE = { vendor: PAYPAL_VENDOR, label: 'PayPal', operation: PAYPAL_TOKEN_OPERATION };
const paypalReplyErrors = errorsFromRecogniser(recognisePaypalErrorReply);

const tokenErrors: ErrorTable = (reply, context) => {
  const failure = paypalReplyErrors(reply, context);
  if (failure !== undefined) return failure;
  if (PaypalTokenResponseSchema.safeParse(reply.body).success) return undefined;
  return contractError(SITE, 'token response without access_token/expires_in', { status: reply.status });
};

export interface PaypalOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly clock: { now(): number };
  readonly logger: Logger;
  readonly retryPolicy?: RetryPolicy;
}

export function createPaypalOAuth(options: PaypalOAuthOptions): TokenAuth {
  const { send } = createPipeline({
    vendor: PAYPAL_VENDOR,
    label: 'PayPal',
    logName: 'paypal oauth token',
    baseUrl: options.baseUrl,
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
    errors: tokenErrors,
    requestIdHeader: 'paypal-debug-id',
    logger: options.logger,
    clock: options.clock,
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const authorization = basicAuthorization(options.clientId, options.clientSecret);
  const fetchToken = async (): Promise<IssuedToken> => {
    const response = await send({
      operation: PAYPAL_TOKEN_OPERATION,
      method: 'POST',
      path: PAYPAL_TOKEN_PATH,
      headers: { authorization },
      body: { form: { grant_type: 'client_credentials' } },
      // A token request creates nothing.
      idempotent: true,
      sensitive: [options.clientId, options.clientSecret, authorization],
    });
    const token = PaypalTokenResponseSchema.parse(response.data);
    return { accessToken: token.access_token, expiresInS: token.expires_in };
  };
  return new TokenAuth({ fetchToken, headers: (accessToken) => ({ authorization: `Bearer ${accessToken}` }), clock: options.clock });
}
