/**
 * A seller's session on an AliExpress / Alibaba.com open platform (IOP "system" APIs, signed
 * with the path prefix): the authorisation code becomes tokens (`/auth/token/create`), the access
 * token is renewed with the refresh token (`/auth/token/refresh`) shortly before it runs out and
 * kept in memory until then; concurrent callers share one renewal. A refused refresh token
 * (`IllegalRefreshToken`: revoked or past its lifetime) cannot be cured by a retry: the seller must
 * authorise the app again, so it is a non-retryable `auth` error naming the connection. Every
 * token request is signed when it is sent, with the clock read then.
 */
import { z } from 'zod';
import { DEFAULT_TOKEN_EXPIRY_SKEW_MS } from './auth.js';
import { parseReply } from './error-factories.js';
import { ConnectorError } from './errors.js';
import { signedParams } from './open-platform-signing.js';
import type { CallOptions, Send } from './pipeline.js';
import type { VendorName } from './request-checks.js';

export const TOKEN_CREATE_PATH = '/auth/token/create';
export const TOKEN_REFRESH_PATH = '/auth/token/refresh';

/** Numbers arrive as JSON numbers or as digits (the Alibaba.com guide's samples send text). */
const Count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** The token reply's fields used here (account and user details are ignored). */
export const OpenPlatformTokenReplySchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  /** Lifetime in seconds. */
  expires_in: Count.optional(),
  refresh_expires_in: Count.optional(),
  /** Expiry as epoch ms (AliExpress adds it to the IOP reply). */
  expire_time: Count.optional(),
});

export interface OpenPlatformToken {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Epoch ms when the access token runs out, when the reply says. */
  readonly expiresAt?: number;
  /** Epoch ms when the refresh token runs out, when the reply says. */
  readonly refreshExpiresAt?: number;
}

export interface OpenPlatformSessionOptions {
  /** A pipeline whose base URL is the gateway (`/rest` is prefixed here). */
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

/** The seller's access token for one connection, renewed when due. */
export class OpenPlatformSession {
  private held: OpenPlatformToken | undefined;
  private pending: Promise<string> | undefined;
  private tokenCalls = 0;

  constructor(
    /** The vendor as errors name it (`aliexpress` / `AliExpress`). */
    private readonly vendor: VendorName,
    private readonly options: OpenPlatformSessionOptions,
  ) {
    const { accessToken, refreshToken, accessTokenExpiresAt } = options;
    if (accessToken !== undefined || refreshToken !== undefined) {
      this.held = {
        accessToken: accessToken ?? '',
        ...(refreshToken === undefined ? {} : { refreshToken }),
        ...(accessToken === undefined ? { expiresAt: 0 } : accessTokenExpiresAt === undefined ? {} : { expiresAt: accessTokenExpiresAt }),
      };
    }
  }

  /** Token API calls made (create and refresh). */
  refreshes(): number {
    return this.tokenCalls;
  }

  /** The code from the seller's consent → tokens, kept for later calls. */
  async createToken(code: string, call?: CallOptions): Promise<OpenPlatformToken> {
    this.held = await this.tokenCall(TOKEN_CREATE_PATH, { code }, call);
    return this.held;
  }

  /** The held access token until shortly before it runs out, then a renewed one. */
  async accessToken(call?: CallOptions): Promise<string> {
    const t = this.held;
    const skew = this.options.skewMs ?? DEFAULT_TOKEN_EXPIRY_SKEW_MS;
    if (t !== undefined && t.accessToken !== '' && (t.expiresAt === undefined || this.options.clock.now() < t.expiresAt - skew)) return t.accessToken;
    this.pending ??= this.renew(call).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets an access token the platform refused, so the next call renews it. */
  invalidate(refused: string): void {
    if (this.held !== undefined && this.held.accessToken === refused) this.held = { ...this.held, accessToken: '' };
  }

  private async renew(call?: CallOptions): Promise<string> {
    const refreshToken = this.held?.refreshToken;
    if (refreshToken === undefined) throw this.mustReauthorise('has no refresh token and its access token ran out: the seller must authorise the app again');
    try {
      this.held = await this.tokenCall(TOKEN_REFRESH_PATH, { refresh_token: refreshToken }, call);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'auth') throw error;
      throw this.mustReauthorise(`refresh token was refused (${error.vendorCode ?? 'auth'}: revoked or expired): the seller must authorise the app again`, error);
    }
    return this.held.accessToken;
  }

  private async tokenCall(apiPath: string, business: Record<string, string>, call?: CallOptions): Promise<OpenPlatformToken> {
    this.tokenCalls += 1;
    const { appKey, appSecret, clock, send } = this.options;
    const form = signedParams({ protocol: 'iop-rest', apiPath, appKey }, appSecret, business, clock.now());
    const response = await send(
      { operation: apiPath, method: 'POST', path: `/rest${apiPath}`, body: { form }, idempotent: false, sensitive: [...Object.values(business), form.sign!] },
      call,
    );
    const reply = parseReply({ ...this.vendor, operation: apiPath }, OpenPlatformTokenReplySchema, response, 'token reply');
    const now = clock.now();
    const expiresAt = reply.expire_time ?? (reply.expires_in === undefined ? undefined : now + reply.expires_in * 1000);
    return {
      accessToken: reply.access_token,
      ...(reply.refresh_token === undefined ? {} : { refreshToken: reply.refresh_token }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
      ...(reply.refresh_expires_in === undefined ? {} : { refreshExpiresAt: now + reply.refresh_expires_in * 1000 }),
    };
  }

  private mustReauthorise(what: string, cause?: ConnectorError): ConnectorError {
    return new ConnectorError('auth', `${this.vendor.label} connection ${this.options.connection} ${what}`, {
      vendor: this.vendor.vendor,
      operation: TOKEN_REFRESH_PATH,
      ...(cause?.vendorCode === undefined ? {} : { vendorCode: cause.vendorCode }),
      ...(cause?.requestId === undefined ? {} : { requestId: cause.requestId }),
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
