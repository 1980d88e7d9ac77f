import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEMO_CREDENTIALS, startAmazonSandbox, type AmazonSandbox, type LwaCredential } from '../../../sandbox/amazon/index.js';
import { requestToken, spGet, T0, testClock, type OrdersPayload } from './sandbox-client.js';
import { validateResponse } from './swagger-schema.js';

const SECOND: LwaCredential = { clientId: 'amzn1.application-oa2-client.second', clientSecret: 'second-secret', refreshToken: 'Atzr|second-seller' };
const ORDERS_QUERY = { MarketplaceIds: 'A1PA6795UKMFR9', CreatedAfter: '2026-03-14T00:00:00Z' };

const clock = testClock();
let sandbox: AmazonSandbox;

beforeAll(async () => {
  sandbox = await startAmazonSandbox({
    now: clock.now,
    seed: { count: 40, now: new Date(T0) },
    clients: [SANDBOX_DEMO_CREDENTIALS, SECOND],
  });
});
afterAll(async () => {
  await sandbox.close();
});

async function postToken(body: string, contentType = 'application/x-www-form-urlencoded'): Promise<{ status: number; headers: Headers; text: string; json: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}/auth/o2/token`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as Record<string, unknown> };
}
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const demo = SANDBOX_DEMO_CREDENTIALS;

describe('LWA token endpoint', () => {
  it('exchanges a refresh token for a bearer access token (form body)', async () => {
    const r = await postToken(form({ grant_type: 'refresh_token', refresh_token: demo.refreshToken, client_id: demo.clientId, client_secret: demo.clientSecret }));
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['access_token', 'refresh_token', 'token_type', 'expires_in']);
    expect(r.json.access_token).toMatch(/^Atza\|/);
    expect(r.json).toMatchObject({ refresh_token: demo.refreshToken, token_type: 'bearer', expires_in: 3600 });
    expect(r.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(r.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
  });

  it('accepts a JSON body, as the official SDKs send', async () => {
    const r = await postToken(
      JSON.stringify({ grant_type: 'refresh_token', refresh_token: SECOND.refreshToken, client_id: SECOND.clientId, client_secret: SECOND.clientSecret }),
      'application/json',
    );
    expect(r.status).toBe(200);
    expect(r.json.refresh_token).toBe(SECOND.refreshToken);
  });

  it('issues grantless tokens for the client_credentials grant', async () => {
    const r = await postToken(form({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', client_id: demo.clientId, client_secret: demo.clientSecret }));
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['access_token', 'scope', 'token_type', 'expires_in']);
    const denied = await spGet<OrdersPayload>(sandbox.url, '/orders/v0/orders', r.json.access_token as string, ORDERS_QUERY);
    expect(denied.status).toBe(403);
  });

  const errors: [string, Record<string, string>, string, string, string][] = [
    // The recorded sample (TokenTest/test_bad_authorization.yml): client id and secret, no grant_type.
    ['no grant_type', { client_id: demo.clientId, client_secret: demo.clientSecret }, 'unsupported_grant_type', 'OA2UnsupportedGrantTypeException', 'The authorization grant type is not supported by the authorization server'],
    ['a wrong client secret', { grant_type: 'refresh_token', refresh_token: demo.refreshToken, client_id: demo.clientId, client_secret: 'wrong' }, 'invalid_client', 'OA2InvalidClientException', 'Client authentication failed'],
    ['an unknown client', { grant_type: 'refresh_token', refresh_token: demo.refreshToken, client_id: 'nobody', client_secret: demo.clientSecret }, 'invalid_client', 'OA2InvalidClientException', 'Client authentication failed'],
    ['another client’s refresh token', { grant_type: 'refresh_token', refresh_token: SECOND.refreshToken, client_id: demo.clientId, client_secret: demo.clientSecret }, 'invalid_grant', 'OA2InvalidGrantException', 'The request has an invalid grant parameter : refresh_token'],
    ['a missing refresh_token', { grant_type: 'refresh_token', client_id: demo.clientId, client_secret: demo.clientSecret }, 'invalid_request', 'OA2InvalidRequestException', 'The request is missing a required parameter : refresh_token'],
    ['an unknown scope', { grant_type: 'client_credentials', scope: 'sellingpartnerapi::orders', client_id: demo.clientId, client_secret: demo.clientSecret }, 'invalid_scope', 'OA2InvalidScopeException', 'An unknown scope was requested'],
  ];
  it.each(errors)('answers 400 for %s', async (_name, fields, error, errorType, description) => {
    const r = await postToken(form(fields));
    expect(r.status).toBe(400);
    expect(Object.keys(r.json)).toEqual(['error_index', 'error_description', 'error', 'request_id']);
    expect(r.json).toMatchObject({ error, error_description: description, request_id: r.headers.get('x-amzn-RequestId') });
    expect(r.headers.get('x-amzn-ErrorType')).toBe(`${errorType}:http://internal.amazon.com/coral/com.amazon.panda/`);
    // Secrets never come back in an error.
    expect(r.text).not.toContain(demo.clientSecret);
    expect(r.text).not.toContain(demo.refreshToken);
  });
});

describe('SP-API access token checks (403 Unauthorized, no rate-limit header)', () => {
  async function expectDenied(token: string | undefined, details: string): Promise<void> {
    const r = await spGet<OrdersPayload>(sandbox.url, '/orders/v0/orders', token, ORDERS_QUERY);
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details }] });
    expect(r.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
    expect(r.headers.get('x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(validateResponse('/orders/v0/orders', 403, r.body)).toEqual([]);
  }

  it('rejects a request without x-amz-access-token', async () => {
    await expectDenied(undefined, 'Access token is missing in the request header.');
  });

  it('rejects an unknown token', async () => {
    await expectDenied('Atza|not-issued-here', 'The access token you provided is revoked, malformed or invalid.');
  });

  it('rejects a token once expires_in has passed on the sandbox clock', async () => {
    const token = await requestToken(sandbox.url);
    expect((await spGet(sandbox.url, '/orders/v0/orders', token, ORDERS_QUERY)).status).toBe(200);
    clock.advanceSeconds(3599);
    expect((await spGet(sandbox.url, '/orders/v0/orders', token, ORDERS_QUERY)).status).toBe(200);
    clock.advanceSeconds(1);
    await expectDenied(token, 'The access token you provided has expired.');
    const fresh = await requestToken(sandbox.url);
    expect((await spGet(sandbox.url, '/orders/v0/orders', fresh, ORDERS_QUERY)).status).toBe(200);
  });

  it('counts tokens issued', () => {
    expect(sandbox.stats().tokensIssued).toBe(5);
  });
});
