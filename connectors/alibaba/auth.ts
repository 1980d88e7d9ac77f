/**
 * Alibaba.com seller authorisation (Open Platform system APIs, IOP REST signing with the path
 * prefix): the authorisation code becomes tokens (`/auth/token/create`), the access token is
 * renewed with the refresh token (`/auth/token/refresh`) shortly before it runs out (the reply
 * states `expires_in` seconds, as text) and kept in memory until then; concurrent callers share
 * one refresh. A refused refresh token (`IllegalRefreshToken`: revoked or past its ~60 days)
 * cannot be cured by a retry: the seller must authorise again, so it is a non-retryable `auth`
 * error naming the connection. Every request is signed when it is sent, with the clock read then.
 */
import { z } from 'zod';
import { DEFAULT_TOKEN_EXPIRY_SKEW_MS } from '../http/auth.js';
import { parseReply } from '../http/error-factories.js';
import { ConnectorError } from '../http/errors.js';
import type { CallOptions, Send } from '../http/pipeline.js';
import { ALIBABA } from './config.js';
import { alibabaSignedForm } from './signing.js';

export const ALIBABA_TOKEN_CREATE_PATH = '/auth/token/create';
export const ALIBABA_TOKEN_REFRESH_PATH = '/auth/token/refresh';

/** Seconds as a JSON number or digits (the guide's samples send text). */
const Seconds = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** The token reply's fields used here (account and user details are ignored). */
export const AlibabaTokenReplySchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: Seconds.optional(),
  refresh_expires_in: Seconds.optional(),
});

export interface AlibabaToken {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Epoch ms when the access token runs out, when the reply says. */
  readonly expiresAt?: number;
}

export interface AlibabaSessionOptions {
  /** A pipeline whose base URL is the gateway (`/rest` is prefixed here). */
  readonly send: Send;
  readonly appKey: string;
  readonly appSecret: string;
  /** The connection's name in messages (`acme/alibaba`). */
  readonly connection: string;
  readonly clock: { now(): number };
  readonly accessToken?: string;
  readonly refreshToken?: string;
  readonly accessTokenExpiresAt?: number;
  readonly skewMs?: number;
}

/** The seller's tokens for one connection. */
export class AlibabaSession {
  private held: AlibabaToken | undefined;
  private pending: Promise<string> | undefined;
  private tokenCalls = 0;

  constructor(private readonly options: AlibabaSessionOptions) {
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
  async createToken(code: string, call?: CallOptions): Promise<AlibabaToken> {
    this.held = await this.tokenCall(ALIBABA_TOKEN_CREATE_PATH, { code }, call);
    return this.held;
  }

  /** The held access token until shortly before it runs out, then a refreshed one. */
  async accessToken(call?: CallOptions): Promise<string> {
    const t = this.held;
    const skew = this.options.skewMs ?? DEFAULT_TOKEN_EXPIRY_SKEW_MS;
    const fresh = t !== undefined && t.accessToken !== '' && (t.expiresAt === undefined || this.options.clock.now() < t.expiresAt - skew);
    if (fresh) return t.accessToken;
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
      this.held = await this.tokenCall(ALIBABA_TOKEN_REFRESH_PATH, { refresh_token: refreshToken }, call);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'auth') throw error;
      throw this.mustReauthorise(`refresh token was refused (${error.vendorCode ?? 'auth'}: revoked or expired): the seller must authorise the app again`, error);
    }
    return this.held.accessToken;
  }

  private async tokenCall(apiPath: string, business: Record<string, string>, call?: CallOptions): Promise<AlibabaToken> {
    this.tokenCalls += 1;
    const { appKey, appSecret, clock, send } = this.options;
    const form = alibabaSignedForm(apiPath, { appKey }, appSecret, business, clock.now());
    const response = await send(
      { operation: apiPath, method: 'POST', path: `/rest${apiPath}`, body: { form }, idempotent: false, sensitive: [...Object.values(business), form.sign!] },
      call,
    );
    const reply = parseReply({ ...ALIBABA, operation: apiPath }, AlibabaTokenReplySchema, response, 'token reply');
    return {
      accessToken: reply.access_token,
      ...(reply.refresh_token === undefined ? {} : { refreshToken: reply.refresh_token }),
      ...(reply.expires_in === undefined ? {} : { expiresAt: clock.now() + reply.expires_in * 1000 }),
    };
  }

  private mustReauthorise(what: string, cause?: ConnectorError): ConnectorError {
    return new ConnectorError('auth', `Alibaba.com connection ${this.options.connection} ${what}`, {
      vendor: ALIBABA.vendor,
      operation: ALIBABA_TOKEN_REFRESH_PATH,
      ...(cause?.vendorCode === undefined ? {} : { vendorCode: cause.vendorCode }),
      ...(cause?.requestId === undefined ? {} : { requestId: cause.requestId }),
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
