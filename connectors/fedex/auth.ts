/**
 * FedEx OAuth 2.0 client credentials (developer.fedex.com, API Authorization): POST
 * /oauth/token with a form body (grant_type=client_credentials, client_id, client_secret)
 * answers `{access_token, token_type: "bearer", expires_in, scope}` (karrio's recorded
 * authentication__LoginResponse.json: expires_in 3599). TokenAuth caches the token until 60 s
 * before it expires, fetches one token for all concurrent callers and drops it when FedEx
 * refuses it (the pipeline then refreshes once). The token request has its own pipeline: no
 * rate-limit bucket, FedEx's error table.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { TokenAuth, type IssuedToken } from '../http/auth.js';
import type { RetryPolicy } from '../http/client.js';
import { contractError } from '../http/error-factories.js';
import { createPipeline, errorsFromRecogniser, type ErrorTable } from '../http/pipeline.js';
import { FEDEX_VENDOR, recogniseFedexErrorReply } from './errors.js';

export const FEDEX_TOKEN_OPERATION = 'oauthToken';
export const FEDEX_TOKEN_PATH = '/oauth/token';

export const FedexTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
});

const SITE = { vendor: FEDEX_VENDOR, label: 'FedEx', operation: FEDEX_TOKEN_OPERATION };
const fedexReplyErrors = errorsFromRecogniser(recogniseFedexErrorReply);

const tokenErrors: ErrorTable = (reply, context) => {
  const failure = fedexReplyErrors(reply, context);
  if (failure !== undefined) return failure;
  if (FedexTokenResponseSchema.safeParse(reply.body).success) return undefined;
  return contractError(SITE, 'token response without access_token/expires_in', { status: reply.status });
};

export interface FedexOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly clock: { now(): number };
  readonly logger: Logger;
  readonly retryPolicy?: RetryPolicy;
}

export function createFedexOAuth(options: FedexOAuthOptions): TokenAuth {
  const { send } = createPipeline({
    vendor: FEDEX_VENDOR,
    label: 'FedEx',
    logName: 'fedex oauth token',
    baseUrl: options.baseUrl,
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
    errors: tokenErrors,
    logger: options.logger,
    clock: options.clock,
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const fetchToken = async (): Promise<IssuedToken> => {
    const response = await send({
      operation: FEDEX_TOKEN_OPERATION,
      method: 'POST',
      path: FEDEX_TOKEN_PATH,
      body: { form: { grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret } },
      // A token request creates nothing.
      idempotent: true,
      sensitive: [options.clientId, options.clientSecret],
    });
    const token = FedexTokenResponseSchema.parse(response.data);
    return { accessToken: token.access_token, expiresInS: token.expires_in };
  };
  return new TokenAuth({ fetchToken, headers: (accessToken) => ({ authorization: `Bearer ${accessToken}` }), clock: options.clock });
}
