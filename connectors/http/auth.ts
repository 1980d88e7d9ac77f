/**
 * Auth hooks for the pipeline. Static credentials (HTTP Basic, an API key header) are one
 * header per request; bearer tokens from a token endpoint (LWA, OAuth client credentials)
 * are cached until shortly before expiry, fetched once for many concurrent callers, and
 * dropped when the vendor refuses them. Every header value here is a secret: never log it.
 */
import type { AuthGrant, AuthHook } from './pipeline.js';

/** `Basic base64(user:password)` (RFC 7617). */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** The same headers on every request (HTTP Basic, a fixed bearer token, an API key). */
export function staticAuth(headers: Readonly<Record<string, string>>): AuthHook {
  const grant: AuthGrant = { headers };
  return { authorize: () => grant };
}

/** HTTP Basic on every request. */
export function basicAuth(user: string, password: string): AuthHook {
  return staticAuth({ authorization: basicAuthorization(user, password) });
}

export interface IssuedToken {
  readonly accessToken: string;
  /** Lifetime in seconds (`expires_in`). */
  readonly expiresInS: number;
}

/** Refresh this long before `expires_in` runs out, so a token never expires mid-request. */
export const DEFAULT_TOKEN_EXPIRY_SKEW_MS = 60_000;

export interface TokenAuthOptions {
  /** Asks the vendor's token endpoint for a token (through its own pipeline). */
  readonly fetchToken: () => Promise<IssuedToken>;
  /** The headers carrying a token: `{ authorization: 'Bearer …' }`, `{ 'x-amz-access-token': … }`. */
  readonly headers: (accessToken: string) => Readonly<Record<string, string>>;
  readonly clock: { now(): number };
  readonly skewMs?: number;
}

interface CachedToken {
  readonly accessToken: string;
  /** Epoch ms after which the token is no longer used (expiry minus skew). */
  readonly refreshAt: number;
}

/** A cached bearer token (LWA refresh-token grant, OAuth client credentials …). */
export class TokenAuth implements AuthHook {
  private cached: CachedToken | undefined;
  private inflight: Promise<string> | undefined;
  private requests = 0;

  constructor(private readonly options: TokenAuthOptions) {}

  refreshes(): number {
    return this.requests;
  }

  async accessToken(): Promise<string> {
    const cached = this.cached;
    if (cached !== undefined && this.options.clock.now() < cached.refreshAt) return cached.accessToken;
    // Single flight: concurrent callers share one token request.
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * Drops the cached token after the vendor refused it. Only the refused token is dropped, so
   * many calls failing with the same stale token cause one refresh, not one each.
   */
  invalidate(rejectedToken?: string): void {
    if (rejectedToken === undefined || this.cached?.accessToken === rejectedToken) this.cached = undefined;
  }

  async authorize(): Promise<AuthGrant> {
    const token = await this.accessToken();
    return { headers: this.options.headers(token), reject: () => this.invalidate(token) };
  }

  private async fetch(): Promise<string> {
    this.requests += 1;
    const issued = await this.options.fetchToken();
    const skewMs = this.options.skewMs ?? DEFAULT_TOKEN_EXPIRY_SKEW_MS;
    const lifetimeMs = issued.expiresInS * 1000;
    // A token living shorter than the skew is still used once rather than refreshed in a loop.
    const refreshAt = this.options.clock.now() + Math.max(lifetimeMs - skewMs, lifetimeMs / 2);
    this.cached = { accessToken: issued.accessToken, refreshAt };
    return issued.accessToken;
  }
}
