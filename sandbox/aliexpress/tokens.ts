/**
 * The seller authorisation of the IOP "system" APIs: `/auth/token/create` turns a one-time
 * authorisation code into an access token and a refresh token; `/auth/token/refresh` gives a
 * fresh access token for a refresh token that is known, unrevoked and unexpired (else the
 * IOP error `IllegalRefreshToken`). Replies are the IOP REST form: fields at the top level with
 * `code: "0"`. Tokens are random; the demo refresh token is always known.
 */
import { randomBytes } from 'node:crypto';
import type { JsonOut } from './json-text.js';

interface RefreshGrant {
  readonly expiresMs: number;
  revoked: boolean;
}

export type TokenReply = { ok: true; body: Record<string, JsonOut> } | { ok: false; code: 'IllegalRefreshToken' | 'InvalidCode'; message: string };

export interface TokenOptions {
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
}

const token = (prefix: string): string => `${prefix}${randomBytes(24).toString('hex')}`;

export class TokenService {
  private readonly access = new Map<string, number>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly usedCodes = new Set<string>();
  issued = 0;

  constructor(
    private readonly options: TokenOptions,
    demoRefreshToken: string,
  ) {
    this.refresh.set(demoRefreshToken, { expiresMs: Number.MAX_SAFE_INTEGER, revoked: false });
  }

  /** Whether the access token is usable at `nowMs`: 'ok', 'expired' or 'unknown'. */
  check(accessToken: string, nowMs: number): 'ok' | 'expired' | 'unknown' {
    const expires = this.access.get(accessToken);
    if (expires === undefined) return 'unknown';
    return nowMs < expires ? 'ok' : 'expired';
  }

  revoke(refreshToken: string): boolean {
    const grant = this.refresh.get(refreshToken);
    if (grant === undefined) return false;
    grant.revoked = true;
    return true;
  }

  /** Ends an access token at once (for tests of the refusal). */
  expireAccess(accessToken: string): void {
    if (this.access.has(accessToken)) this.access.set(accessToken, 0);
  }

  create(code: string, nowMs: number): TokenReply {
    if (this.usedCodes.has(code)) return { ok: false, code: 'InvalidCode', message: 'The authorization code has been used or has expired' };
    this.usedCodes.add(code);
    const refreshToken = token('50001');
    this.refresh.set(refreshToken, { expiresMs: nowMs + this.options.refreshTtlSeconds * 1000, revoked: false });
    return { ok: true, body: this.grant(refreshToken, nowMs) };
  }

  refreshWith(refreshToken: string, nowMs: number): TokenReply {
    const grant = this.refresh.get(refreshToken);
    if (grant === undefined || grant.revoked || grant.expiresMs <= nowMs) {
      return { ok: false, code: 'IllegalRefreshToken', message: 'The specified refresh token is invalid or expired' };
    }
    return { ok: true, body: this.grant(refreshToken, nowMs) };
  }

  private grant(refreshToken: string, nowMs: number): Record<string, JsonOut> {
    const accessToken = token('50000');
    const expiresMs = nowMs + this.options.accessTtlSeconds * 1000;
    this.access.set(accessToken, expiresMs);
    this.issued += 1;
    const refreshExpires = this.refresh.get(refreshToken)!.expiresMs;
    const refreshLeft = refreshExpires === Number.MAX_SAFE_INTEGER ? 10 * 365 * 86_400 : Math.floor((refreshExpires - nowMs) / 1000);
    return {
      code: '0',
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: this.options.accessTtlSeconds,
      refresh_expires_in: refreshLeft,
      expire_time: expiresMs,
      refresh_token_valid_time: nowMs + refreshLeft * 1000,
      account: 'cn1500sandbox@caravan-demo.example',
      account_platform: 'seller_center',
      seller_id: 2000000000001,
      user_id: 2000000000001,
      user_nick: 'cn1500sandbox',
      sp: 'ae',
      locale: 'en_US',
    };
  }
}
