/**
 * Login with Amazon (LWA): the seller's refresh token buys a one-hour access token, sent in
 * `x-amz-access-token` (SP-API takes no Authorization header). The token request goes through
 * its own pipeline (no rate-limit bucket, LWA's error table); TokenAuth caches the token.
 */
import type { Logger } from 'pino';
import { TokenAuth, type IssuedToken } from '../http/auth.js';
import type { RetryPolicy } from '../http/client.js';
import { contractError } from '../http/error-factories.js';
import { createPipeline, type ErrorTable } from '../http/pipeline.js';
import type { AmazonCredentials } from './config.js';
import { AMAZON_VENDOR, amazonRequestId, LWA_OPERATION, recogniseLwaErrorReply } from './errors.js';
import { LwaTokenResponseSchema } from './schemas.js';

export { DEFAULT_TOKEN_EXPIRY_SKEW_MS } from '../http/auth.js';

export interface LwaAuthOptions {
  readonly credentials: AmazonCredentials;
  readonly tokenEndpoint: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly clock: { now(): number };
  readonly logger: Logger;
  readonly skewMs?: number;
  readonly retryPolicy?: RetryPolicy;
}

const LWA_SITE = { vendor: AMAZON_VENDOR, label: 'Amazon', operation: LWA_OPERATION };
const NO_TOKEN = 'token response without access_token/expires_in';

const lwaErrors: ErrorTable = (reply, context) => {
  const ok = reply.status >= 200 && reply.status < 300;
  if (ok && LwaTokenResponseSchema.safeParse(reply.body).success) return undefined;
  // Any non-2xx, and an LWA `{ error }` body inside a 2xx, is named by LWA's own code.
  const replyError = recogniseLwaErrorReply(reply.body, { status: reply.status, headers: reply.headers, nowMs: context.nowMs });
  if (replyError !== undefined) return replyError;
  const requestId = amazonRequestId(reply.headers);
  return contractError(LWA_SITE, NO_TOKEN, { status: reply.status, data: reply.body, ...(requestId === undefined ? {} : { requestId }) });
};

export function createLwaAuth(options: LwaAuthOptions): TokenAuth {
  const { credentials, clock } = options;
  const lwa = createPipeline({
    vendor: AMAZON_VENDOR,
    label: 'Amazon',
    logName: 'amazon lwa token',
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
    errors: lwaErrors,
    requestIdHeader: 'x-amzn-requestid',
    logger: options.logger,
    clock,
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const fetchToken = async (): Promise<IssuedToken> => {
    // LWA refresh-token grant: form-encoded POST (SP-API guide, "Connecting to the SP-API", step 1).
    const response = await lwa.send({
      operation: LWA_OPERATION,
      method: 'POST',
      path: options.tokenEndpoint,
      body: {
        form: {
          grant_type: 'refresh_token',
          refresh_token: credentials.refreshToken,
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
        },
      },
      // Safe to resend: a token request creates nothing.
      idempotent: true,
    });
    // The error table has checked the body already.
    const token = LwaTokenResponseSchema.parse(response.data);
    return { accessToken: token.access_token, expiresInS: token.expires_in };
  };
  return new TokenAuth({
    fetchToken,
    headers: (accessToken) => ({ 'x-amz-access-token': accessToken }),
    clock,
    ...(options.skewMs === undefined ? {} : { skewMs: options.skewMs }),
  });
}
