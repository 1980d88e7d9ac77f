/** Shared set-up for the Amazon connector tests: fixtures, LWA mocks, a client on a fake clock. */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { createAmazonClient, type AmazonClient, type CreateAmazonClientOptions } from '../../../connectors/amazon/index.js';
import type { AmazonConnectionSettings } from '../../../connectors/amazon/config.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';

export const EU_ENDPOINT = 'https://sellingpartnerapi-eu.amazon.com';
export const LWA_HOST = 'https://api.amazon.com';
export const LWA_PATH = '/auth/o2/token';

/** Distinctive fake secrets, so a leak into logs or messages is detectable. */
export const CREDENTIALS = {
  clientId: 'amzn1.application-oa2-client.caravantest',
  clientSecret: 'amzn1.oa2-cs.v1.caravan-secret-value',
  refreshToken: 'Atzr|caravan-refresh-token-value',
} as const;

export const SETTINGS: AmazonConnectionSettings = {
  region: 'eu',
  marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P'],
};

const FIXTURES = new URL('../../fixtures/amazon/connector/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** The recorded LWA success body (access_token "FILTERED" by the recorder), optionally with another token. */
export function lwaTokenBody(accessToken?: string, expiresIn?: number): Record<string, unknown> {
  const body = fixtureJson('lwa-token.peddler.json');
  return {
    ...body,
    ...(accessToken === undefined ? {} : { access_token: accessToken }),
    ...(expiresIn === undefined ? {} : { expires_in: expiresIn }),
  };
}

/** The exact form body the refresh-token grant must send. */
export const EXPECTED_LWA_FORM =
  'grant_type=refresh_token' +
  `&refresh_token=${encodeURIComponent(CREDENTIALS.refreshToken)}` +
  `&client_id=${encodeURIComponent(CREDENTIALS.clientId)}` +
  `&client_secret=${encodeURIComponent(CREDENTIALS.clientSecret)}`;

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body?: unknown;
}

/** Mocks LWA for `times` requests; each answer may carry its own access token. */
export function mockLwa(tokens: readonly string[] = ['FILTERED'], expiresIn = 3600, seen: SeenRequest[] = []): nock.Scope {
  let i = 0;
  return nock(LWA_HOST)
    .post(LWA_PATH)
    .times(tokens.length)
    .reply(function (path, body) {
      seen.push({ method: 'POST', path, headers: { ...this.req.headers }, body });
      const token = tokens[Math.min(i, tokens.length - 1)];
      i += 1;
      return [200, lwaTokenBody(token, expiresIn), { 'content-type': 'application/json;charset=UTF-8', 'x-amzn-requestid': `lwa-${i}` }];
    });
}

export interface Kit {
  readonly client: AmazonClient;
  readonly clock: FakeClock;
  readonly limiter: RateLimiterRegistry;
  readonly logs: CapturedLogs;
}

/** A client on an auto-advancing fake clock with tiny transient-retry backoff. */
export function makeKit(overrides: Partial<CreateAmazonClientOptions> & { clock?: FakeClock } = {}): Kit {
  const clock = overrides.clock ?? new FakeClock();
  const limiter = overrides.limiter ?? new RateLimiterRegistry({ clock });
  const logs = captureLogs();
  const client = createAmazonClient({
    tenant: 'acme',
    settings: SETTINGS,
    credentials: { ...CREDENTIALS },
    logger: logs.logger,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...overrides,
    limiter,
    clock,
  });
  return { client, clock, limiter, logs };
}

/** Records one SP-API request into `seen` and answers with the given status, body and headers. */
export function answer(
  seen: SeenRequest[],
  status: number,
  body: string | Record<string, unknown>,
  headers: Record<string, string> = {},
): (this: nock.ReplyFnContext, path: string, requestBody: nock.Body) => nock.ReplyFnResult {
  return function (path) {
    seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers } });
    const contentType = typeof body === 'string' && body.trimStart().startsWith('<') ? 'text/html' : 'application/json';
    return [status, body, { 'content-type': contentType, ...headers }];
  };
}

