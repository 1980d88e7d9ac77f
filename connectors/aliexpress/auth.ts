/**
 * AliExpress seller authorisation (IOP "system" APIs, signed with the path prefix): the
 * authorisation code becomes an access token (`/auth/token/create`), which is refreshed with the
 * refresh token (`/auth/token/refresh`) shortly before it runs out and kept in memory until then.
 * A refused refresh token (IOP `IllegalRefreshToken`: revoked or expired) cannot be fixed by a
 * retry: the seller must authorise again, so it is a non-retryable `auth` error naming the
 * connection. Every request is signed at send time, with the clock read then.
 */
import { z } from 'zod';
import { DEFAULT_TOKEN_EXPIRY_SKEW_MS } from '../http/auth.js';
import { parseReply } from '../http/error-factories.js';
import { ConnectorError } from '../http/errors.js';
import type { CallOptions, Send } from '../http/pipeline.js';
import { ALIEXPRESS } from './config.js';
import { signedParams } from './signing.js';

export const TOKEN_CREATE_PATH = '/auth/token/create';
export const TOKEN_REFRESH_PATH = '/auth/token/refresh';

/** Numbers arrive as JSON numbers or as text. */
const Count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** The token reply's fields this connector uses (the rest — account, user ids — is ignored). */
export const TokenReplySchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  /** Lifetime in seconds. */
  expires_in: Count.optional(),
  /** Expiry as epoch ms (AliExpress adds it to the IOP reply). */
  expire_time: Count.optional(),
});

export interface AliexpressToken {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Epoch ms when the access token runs out, when the reply says. */
  readonly expiresAt?: number;
}

export interface AliexpressAuthOptions {
  /** A pipeline whose base URL is the gateway (`…/rest` is prefixed here). */
  readonly send: Send;
  readonly appKey: string;
  readonly appSecret: string;
  /** The connection's name in messages (`acme/aliexpress`). */
  readonly connection: string;
  readonly clock: { now(): number };
  /** Tokens already held (from secrets). */
  readonly accessToken?: string;
  readonly refreshToken?: string;
  readonly accessTokenExpiresAt?: number;
  readonly skewMs?: number;
}

/** The seller's access token, refreshed when due; one refresh for many concurrent callers. */
export class AliexpressAuth {
  private token: AliexpressToken | undefined;
  private inflight: Promise<string> | undefined;
  private refreshCount = 0;

  constructor(private readonly options: AliexpressAuthOptions) {
    if (options.accessToken !== undefined) {
      this.token = {
        accessToken: options.accessToken,
        ...(options.refreshToken === undefined ? {} : { refreshToken: options.refreshToken }),
        ...(options.accessTokenExpiresAt === undefined ? {} : { expiresAt: options.accessTokenExpiresAt }),
      };
    } else if (options.refreshToken !== undefined) {
      this.token = { accessToken: '', refreshToken: options.refreshToken, expiresAt: 0 };
    }
  }

  refreshes(): number {
    return this.refreshCount;
  }

  /** Exchanges the authorisation code from the seller's consent for tokens, and keeps them. */
  async createToken(code: string, call?: CallOptions): Promise<AliexpressToken> {
    this.token = await this.request(TOKEN_CREATE_PATH, { code }, call);
    return this.token;
  }

  /** A usable access token: the held one until shortly before it runs out, then a refreshed one. */
  async accessToken(call?: CallOptions): Promise<string> {
    const t = this.token;
    const skew = this.options.skewMs ?? DEFAULT_TOKEN_EXPIRY_SKEW_MS;
    if (t !== undefined && t.accessToken !== '' && (t.expiresAt === undefined || this.options.clock.now() < t.expiresAt - skew)) return t.accessToken;
    this.inflight ??= this.refresh(call).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drops a token the platform refused, so the next call refreshes. */
  invalidate(rejected: string): void {
    if (this.token?.accessToken === rejected) this.token = { ...this.token, accessToken: '' };
  }

  private async refresh(call?: CallOptions): Promise<string> {
    const refreshToken = this.token?.refreshToken;
    if (refreshToken === undefined) throw this.reauthorise('has no refresh token (or its access token ran out): authorise the app again');
    try {
      this.token = await this.request(TOKEN_REFRESH_PATH, { refresh_token: refreshToken }, call);
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'auth') {
        throw this.reauthorise(`refresh token was refused (${error.vendorCode ?? 'auth'}: revoked or expired): the seller must authorise the app again`, error);
      }
      throw error;
    }
    return this.token.accessToken;
  }

  private async request(apiPath: string, business: Record<string, string>, call?: CallOptions): Promise<AliexpressToken> {
    this.refreshCount += 1;
    const { appKey, appSecret, clock, send } = this.options;
    const params = signedParams({ protocol: 'iop-rest', apiPath, appKey }, appSecret, business, clock.now());
    const operation = apiPath;
    const response = await send({ operation, method: 'POST', path: `/rest${apiPath}`, body: { form: params }, idempotent: false, sensitive: Object.values(business) }, call);
    const reply = parseReply({ ...ALIEXPRESS, operation }, TokenReplySchema, response, 'token reply');
    const now = clock.now();
    const expiresAt = reply.expire_time ?? (reply.expires_in === undefined ? undefined : now + reply.expires_in * 1000);
    return {
      accessToken: reply.access_token,
      ...(reply.refresh_token === undefined ? {} : { refreshToken: reply.refresh_token }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    };
  }

  private reauthorise(what: string, cause?: ConnectorError): ConnectorError {
    return new ConnectorError('auth', `AliExpress connection ${this.options.connection} ${what}`, {
      vendor: ALIEXPRESS.vendor,
      operation: TOKEN_REFRESH_PATH,
      ...(cause?.vendorCode === undefined ? {} : { vendorCode: cause.vendorCode }),
      ...(cause?.requestId === undefined ? {} : { requestId: cause.requestId }),
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
