/**
 * Login with Amazon token endpoint (POST /auth/o2/token) as recorded in
 * samples/peddler-vcr/TokenTest: refresh_token and client_credentials grants, 400 errors
 * with `x-amzn-ErrorType` and a body of error_index, error_description, error, request_id.
 */
import { randomBytes } from 'node:crypto';

export interface LwaCredential {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/** The credential the sandbox accepts by default (sandbox-only values, not secrets of any real app). */
export const SANDBOX_DEMO_CREDENTIALS: LwaCredential = Object.freeze({
  clientId: 'amzn1.application-oa2-client.caravansandbox0000000000000001',
  clientSecret: 'amzn1.oa2-cs.v1.caravansandboxdemosecret00000000000000000000000000000000',
  refreshToken: 'Atzr|IwEBICaravanSandboxDemoRefreshToken-NotARealToken-0001',
});

/** Scopes of grantless operations (client_credentials grant). */
const GRANTLESS_SCOPES = new Set([
  'sellingpartnerapi::notifications',
  'sellingpartnerapi::client_credential:rotation',
  'sellingpartnerapi::migration',
]);

export interface IssuedToken {
  /** Rate-limit key: one bucket set per application–selling-partner pair. */
  readonly partyKey: string;
  readonly clientId: string;
  readonly expiresAtMs: number;
  /** Grantless tokens cannot call seller operations such as getOrders. */
  readonly grantless: boolean;
}

export interface LwaResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

type LwaErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope';

const ERROR_TYPES: Readonly<Record<LwaErrorCode, string>> = {
  invalid_request: 'OA2InvalidRequestException',
  invalid_client: 'OA2InvalidClientException',
  invalid_grant: 'OA2InvalidGrantException',
  unsupported_grant_type: 'OA2UnsupportedGrantTypeException',
  invalid_scope: 'OA2InvalidScopeException',
};

function lwaError(code: LwaErrorCode, description: string, requestId: string): LwaResponse {
  return {
    status: 400,
    headers: { 'x-amzn-ErrorType': `${ERROR_TYPES[code]}:http://internal.amazon.com/coral/com.amazon.panda/` },
    body: {
      error_index: randomBytes(48).toString('base64url'),
      error_description: description,
      error: code,
      request_id: requestId,
    },
  };
}

/** Form fields from an x-www-form-urlencoded body, or a JSON object (the official SDKs send JSON). */
export function parseTokenRequestBody(raw: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes('json')) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, v as string]),
      );
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

export class LwaTokenService {
  private readonly tokens = new Map<string, IssuedToken>();
  issued = 0;

  constructor(
    private readonly clients: readonly LwaCredential[],
    private readonly ttlSeconds: number,
  ) {}

  handle(fields: Record<string, string>, nowMs: number, requestId: string): LwaResponse {
    const grantType = fields.grant_type;
    if (grantType !== 'refresh_token' && grantType !== 'client_credentials' && grantType !== 'authorization_code') {
      return lwaError('unsupported_grant_type', 'The authorization grant type is not supported by the authorization server', requestId);
    }
    for (const name of ['client_id', 'client_secret'] as const) {
      if (!fields[name]) return lwaError('invalid_request', `The request is missing a required parameter : ${name}`, requestId);
    }
    if (grantType === 'refresh_token' && !fields.refresh_token) {
      return lwaError('invalid_request', 'The request is missing a required parameter : refresh_token', requestId);
    }
    if (grantType === 'client_credentials' && !fields.scope) {
      return lwaError('invalid_request', 'The request is missing a required parameter : scope', requestId);
    }
    const ofClient = this.clients.filter((c) => c.clientId === fields.client_id);
    if (ofClient.length === 0 || !ofClient.some((c) => c.clientSecret === fields.client_secret)) {
      return lwaError('invalid_client', 'Client authentication failed', requestId);
    }
    if (grantType === 'authorization_code') {
      // The sandbox does not run the OAuth website flow: no code is ever valid.
      return lwaError('invalid_grant', 'The request has an invalid grant parameter : code', requestId);
    }
    this.sweep(nowMs);
    if (grantType === 'client_credentials') {
      const scope = fields.scope as string;
      if (!scope.split(' ').every((s) => GRANTLESS_SCOPES.has(s))) {
        return lwaError('invalid_scope', 'An unknown scope was requested', requestId);
      }
      const accessToken = this.issue({ partyKey: `${fields.client_id}\n(grantless)`, clientId: fields.client_id as string, grantless: true }, nowMs);
      return { status: 200, headers: {}, body: { access_token: accessToken, scope, token_type: 'bearer', expires_in: this.ttlSeconds } };
    }
    const credential = ofClient.find((c) => c.refreshToken === fields.refresh_token && c.clientSecret === fields.client_secret);
    if (!credential) {
      return lwaError('invalid_grant', 'The request has an invalid grant parameter : refresh_token', requestId);
    }
    const accessToken = this.issue(
      { partyKey: `${credential.clientId}\n${credential.refreshToken}`, clientId: credential.clientId, grantless: false },
      nowMs,
    );
    // LWA echoes the refresh token it was given.
    return {
      status: 200,
      headers: {},
      body: { access_token: accessToken, refresh_token: credential.refreshToken, token_type: 'bearer', expires_in: this.ttlSeconds },
    };
  }

  lookup(accessToken: string): IssuedToken | undefined {
    return this.tokens.get(accessToken);
  }

  private issue(token: Omit<IssuedToken, 'expiresAtMs'>, nowMs: number): string {
    const accessToken = `Atza|IwEB${randomBytes(96).toString('base64url')}`;
    this.tokens.set(accessToken, { ...token, expiresAtMs: nowMs + this.ttlSeconds * 1000 });
    this.issued++;
    return accessToken;
  }

  /** Forgets tokens expired for a day; until then they still answer "expired". */
  private sweep(nowMs: number): void {
    if (this.tokens.size < 1000) return;
    for (const [k, t] of this.tokens) if (t.expiresAtMs + 86_400_000 < nowMs) this.tokens.delete(k);
  }
}
