/**
 * FedEx OAuth (POST /oauth/token, form body grant_type=client_credentials, client_id,
 * client_secret) as authentication__LoginResponse.json shows it: {access_token,
 * token_type: "bearer", expires_in, scope: "CXS-TP"}. Tracking may run on a project of its
 * own (the issue's separate tracking credentials): its tokens open Track only.
 */
import { randomBytes } from 'node:crypto';
import { FedexError } from './errors.js';

export interface FedexCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accountNumber: string;
}

/** The Ship/Rate/ETD project the sandbox accepts by default (sandbox values, not real secrets). */
export const SANDBOX_FEDEX_CREDENTIALS: FedexCredentials = Object.freeze({
  clientId: 'l7sandboxcaravanfedex0000000000001',
  clientSecret: 'sandbox-fedex-secret-0001',
  accountNumber: '740561073',
});

/** A Track-only project of the same organisation. */
export const SANDBOX_FEDEX_TRACKING_CREDENTIALS: FedexCredentials = Object.freeze({
  clientId: 'l7sandboxcaravanfedextrack00000002',
  clientSecret: 'sandbox-fedex-track-secret-0002',
  accountNumber: '740561073',
});

export interface FedexToken {
  readonly clientId: string;
  readonly trackOnly: boolean;
  readonly expiresAtMs: number;
}

export class FedexOAuth {
  private readonly tokens = new Map<string, FedexToken>();
  issued = 0;

  constructor(
    private readonly project: FedexCredentials,
    private readonly trackingProject: FedexCredentials,
    private readonly ttlSeconds: number,
  ) {}

  issue(form: URLSearchParams, nowMs: number): Record<string, unknown> {
    const grant = form.get('grant_type');
    const id = form.get('client_id');
    const secret = form.get('client_secret');
    if (grant === null || id === null || secret === null) {
      throw new FedexError(400, 'BAD.REQUEST.ERROR', 'Missing or duplicate parameters. Please modify your request and try again.');
    }
    if (grant !== 'client_credentials') {
      throw new FedexError(400, 'BAD.REQUEST.ERROR', 'The given grant type is not supported. Please modify your request and try again.');
    }
    const match = [this.project, this.trackingProject].find((p) => p.clientId === id && p.clientSecret === secret);
    if (!match) throw new FedexError(401, 'NOT.AUTHORIZED.ERROR', 'The given client credentials were not valid. Please modify your request and try again.');
    const accessToken = randomBytes(48).toString('base64url');
    this.tokens.set(accessToken, { clientId: match.clientId, trackOnly: match === this.trackingProject, expiresAtMs: nowMs + this.ttlSeconds * 1000 });
    this.issued++;
    return { access_token: accessToken, token_type: 'bearer', expires_in: this.ttlSeconds, scope: 'CXS-TP' };
  }

  /** The bearer token's grant, or the 401 FedEx answers: unknown and expired tokens alike. */
  check(authorization: string | undefined, nowMs: number, unauthorized: (message: string) => FedexError): FedexToken {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw unauthorized('Authorization header is missing or malformed. Please modify your request and try again.');
    const token = this.tokens.get(match[1] as string);
    if (!token) throw unauthorized('Invalid token passed in the request. Please modify your request and try again.');
    if (token.expiresAtMs <= nowMs) throw unauthorized('Access token expired. Please modify your request and try again.');
    return token;
  }
}
