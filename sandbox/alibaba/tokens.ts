/**
 * /auth/token/create and /auth/token/refresh of the Alibaba.com Open Platform (replies as
 * samples/openapi-v2-guide/generate_access_token__example_response.json and
 * refresh_access_token__example_response.json; lifetimes 864000 s and 5184000 s as there).
 * Any unused authorisation code is accepted once (the sandbox runs no OAuth website). A refresh
 * keeps the refresh token and issues a new access token; earlier access tokens stay valid until
 * they expire.
 */
import { randomBytes } from 'node:crypto';

export const ACCESS_TTL_SECONDS = 864_000;
export const REFRESH_TTL_SECONDS = 5_184_000;

interface RefreshGrant {
  readonly appKey: string;
  readonly expiresAtMs: number;
  revoked: boolean;
}

export interface AccessGrant {
  readonly appKey: string;
  readonly refreshToken: string;
  readonly expiresAtMs: number;
}

/** What the handlers answer: the reply body's fields (request_id is added by the server). */
export type TokenReply = { ok: true; body: Record<string, string | Record<string, string>> } | { ok: false; code: string; message: string };

const SELLER_INFO = { account_id: '7063844', account: 'seller@caravan-demo.example', account_platform: 'seller_center', country: 'cn' };
const USER_INFO = { country: 'CN', loginId: 'caravandemo', user_id: '200042362', seller_id: '1001' };
const token = (prefix: string): string => `${prefix}${randomBytes(30).toString('base64url').replace(/[-_]/g, 'x')}`;

export class TokenService {
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly access = new Map<string, AccessGrant>();
  private readonly usedCodes = new Set<string>();
  issued = 0;

  constructor(seed: readonly { appKey: string; refreshToken: string }[], nowMs: number) {
    for (const s of seed) this.refresh.set(s.refreshToken, { appKey: s.appKey, expiresAtMs: nowMs + REFRESH_TTL_SECONDS * 1000, revoked: false });
  }

  create(appKey: string, code: string | undefined, nowMs: number): TokenReply {
    if (!code) return { ok: false, code: 'MissingParameter', message: 'The input parameter "code" that is mandatory for processing this request is not supplied' };
    if (this.usedCodes.has(code)) return { ok: false, code: 'InvalidCode', message: 'The authorization code is invalid or has already been used' };
    this.usedCodes.add(code);
    const refreshToken = token('500016000300');
    this.refresh.set(refreshToken, { appKey, expiresAtMs: nowMs + REFRESH_TTL_SECONDS * 1000, revoked: false });
    return { ok: true, body: { ...this.grant(appKey, refreshToken, nowMs), ...SELLER_INFO, user_info: USER_INFO, code: '0' } };
  }

  refreshAccess(appKey: string, refreshToken: string | undefined, nowMs: number): TokenReply {
    if (!refreshToken) return { ok: false, code: 'MissingParameter', message: 'The input parameter "refresh_token" that is mandatory for processing this request is not supplied' };
    const grant = this.refresh.get(refreshToken);
    if (!grant || grant.revoked || grant.appKey !== appKey || grant.expiresAtMs <= nowMs) {
      return { ok: false, code: 'IllegalRefreshToken', message: 'The specified refresh token is invalid or expired' };
    }
    return { ok: true, body: { ...this.grant(appKey, refreshToken, nowMs), code: '0' } };
  }

  /** Revokes a refresh token and the access tokens issued from it (the seller withdrew the authorisation). */
  revoke(refreshToken: string): boolean {
    const grant = this.refresh.get(refreshToken);
    if (!grant) return false;
    grant.revoked = true;
    for (const [k, a] of this.access) if (a.refreshToken === refreshToken) this.access.delete(k);
    return true;
  }

  /** The grant behind an access token, when it is valid for the app now. */
  check(appKey: string, accessToken: string | undefined, nowMs: number): AccessGrant | undefined {
    const grant = accessToken === undefined ? undefined : this.access.get(accessToken);
    return grant && grant.appKey === appKey && grant.expiresAtMs > nowMs ? grant : undefined;
  }

  private grant(appKey: string, refreshToken: string, nowMs: number): Record<string, string> {
    const accessToken = token('50000601');
    this.access.set(accessToken, { appKey, refreshToken, expiresAtMs: nowMs + ACCESS_TTL_SECONDS * 1000 });
    this.issued++;
    const refreshLeft = Math.max(0, Math.floor(((this.refresh.get(refreshToken)?.expiresAtMs ?? nowMs) - nowMs) / 1000));
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: String(ACCESS_TTL_SECONDS), refresh_expires_in: String(refreshLeft) };
  }
}
