/**
 * Login with Amazon (LWA): exchanges the seller's refresh token for a one-hour access token,
 * caches it until shortly before expiry and shares one refresh among concurrent callers.
 */
import type { AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import { isNetworkError } from '../http/classify.js';
import { sendWithRetry, type RetryPolicy } from '../http/client.js';
import type { AmazonCredentials } from './config.js';
import { amazonContractError, amazonNetworkError, amazonRequestId, LWA_OPERATION, lwaErrorFromResponse, recogniseLwaErrorReply } from './errors.js';
import { LwaTokenResponseSchema } from './schemas.js';

/** Refresh this long before `expires_in` runs out, so a token never expires mid-request. */
export const DEFAULT_TOKEN_EXPIRY_SKEW_MS = 60_000;

export interface LwaTokenProviderOptions {
  readonly credentials: AmazonCredentials;
  readonly tokenEndpoint: string;
  readonly http: AxiosInstance;
  readonly clock: { now(): number };
  readonly logger: Logger;
  readonly skewMs?: number;
  readonly retryPolicy?: RetryPolicy;
}

interface CachedToken {
  readonly accessToken: string;
  /** Epoch ms after which the token is no longer used (expiry minus skew). */
  readonly refreshAt: number;
}

export class LwaTokenProvider {
  private cached: CachedToken | undefined;
  private inflight: Promise<string> | undefined;
  private refreshes = 0;

  constructor(private readonly options: LwaTokenProviderOptions) {}

  /** LWA token requests made so far (successful or not). */
  get refreshCount(): number {
    return this.refreshes;
  }

  async getAccessToken(): Promise<string> {
    const cached = this.cached;
    if (cached !== undefined && this.options.clock.now() < cached.refreshAt) return cached.accessToken;
    // Single flight: concurrent callers share one token request.
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * Drops the cached token after Amazon rejected it. Only the rejected token is dropped, so
   * many calls failing with the same stale token cause one refresh, not one each.
   */
  invalidate(rejectedToken?: string): void {
    if (rejectedToken === undefined || this.cached?.accessToken === rejectedToken) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { credentials, http, clock, tokenEndpoint } = this.options;
    // LWA refresh-token grant: form-encoded POST (SP-API guide, "Connecting to the SP-API", step 1).
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }).toString();
    this.refreshes += 1;
    const started = clock.now();
    let response;
    try {
      // Safe to resend: a token request creates nothing.
      response = await sendWithRetry(
        () =>
          http.post<unknown>(tokenEndpoint, form, {
            headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
          }),
        { idempotent: true, ...(this.options.retryPolicy === undefined ? {} : { policy: this.options.retryPolicy }) },
      );
    } catch (error) {
      if (isNetworkError(error)) throw amazonNetworkError(LWA_OPERATION, error);
      throw error;
    }
    const requestId = amazonRequestId(response.headers);
    this.options.logger.debug(
      { operation: LWA_OPERATION, status: response.status, durationMs: clock.now() - started, requestId },
      'amazon lwa token request',
    );
    if (response.status < 200 || response.status >= 300) {
      throw lwaErrorFromResponse({ status: response.status, headers: response.headers, data: response.data, nowMs: clock.now() });
    }
    const parsed = LwaTokenResponseSchema.safeParse(response.data);
    if (!parsed.success) {
      const replyError = recogniseLwaErrorReply(response.data, { status: response.status, headers: response.headers, nowMs: clock.now() });
      if (replyError !== undefined) throw replyError;
      throw amazonContractError(LWA_OPERATION, 'token response without access_token/expires_in', {
        status: response.status,
        headers: response.headers,
        data: response.data,
      });
    }
    const skewMs = this.options.skewMs ?? DEFAULT_TOKEN_EXPIRY_SKEW_MS;
    const lifetimeMs = parsed.data.expires_in * 1000;
    // A token living shorter than the skew is still used once rather than refreshed in a loop.
    const refreshAt = clock.now() + Math.max(lifetimeMs - skewMs, lifetimeMs / 2);
    this.cached = { accessToken: parsed.data.access_token, refreshAt };
    return parsed.data.access_token;
  }
}
