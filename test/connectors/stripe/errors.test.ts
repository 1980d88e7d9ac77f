/** recogniseStripeErrorReply: Stripe's `{ error: { type, code, message, param, decline_code } }` at any status, and only Stripe's in a file. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseStripeErrorReply, shouldRetryKind } from '../../../connectors/stripe/index.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'stripe');
const summary = (e: ReturnType<typeof recogniseStripeErrorReply>) => e && { kind: e.kind, status: e.status, vendorCode: e.vendorCode, requestId: e.requestId, message: e.message };

describe('recogniseStripeErrorReply', () => {
  it.each([
    [
      'a missing resource (404, resource_missing)',
      { error: { code: 'resource_missing', doc_url: 'https://stripe.com/docs/error-codes/resource-missing', message: 'No such event: evt_123', param: 'id', type: 'invalid_request_error' } },
      { operation: 'retrieveEvent', status: 404, headers: { 'request-id': 'req_abc' } },
      { kind: 'not_found', status: 404, vendorCode: 'resource_missing', requestId: 'req_abc', message: 'Stripe retrieveEvent: HTTP 404 resource_missing: No such event: evt_123; param id' },
    ],
    [
      'a card decline (402) with its decline code',
      { error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', type: 'card_error' } },
      { operation: 'createCharge', status: 402 },
      { kind: 'validation', status: 402, vendorCode: 'card_declined', requestId: undefined, message: 'Stripe createCharge: HTTP 402 card_declined: Your card has insufficient funds.; decline_code insufficient_funds' },
    ],
    [
      'a bad API key (401, type only)',
      { error: { message: 'Invalid API Key provided: sk_test_****1234', type: 'invalid_request_error' } },
      { operation: 'listBalanceTransactions', status: 401 },
      { kind: 'auth', status: 401, vendorCode: 'invalid_request_error', requestId: undefined, message: 'Stripe listBalanceTransactions: HTTP 401 invalid_request_error: Invalid API Key provided: sk_test_****1234' },
    ],
    [
      'a rate limit (429)',
      { error: { code: 'rate_limit', message: 'Too many requests hit the API too quickly.', type: 'invalid_request_error' } },
      { operation: 'listBalanceTransactions', status: 429 },
      { kind: 'rate_limited', status: 429, vendorCode: 'rate_limit', requestId: undefined, message: 'Stripe listBalanceTransactions: HTTP 429 rate_limit: Too many requests hit the API too quickly.' },
    ],
    [
      'an error saved to a file (no status): the kind from its type',
      { error: { type: 'api_error', message: 'An unknown error occurred' } },
      { operation: 'retrieveEvent' },
      { kind: 'transient', status: undefined, vendorCode: 'api_error', requestId: undefined, message: 'Stripe retrieveEvent: api_error: An unknown error occurred' },
    ],
    [
      'an HTML page from a gateway (502)',
      '<html><head><title>502 Bad Gateway</title></head></html>',
      { operation: 'retrieveEvent', status: 502 },
      { kind: 'transient', status: 502, vendorCode: undefined, requestId: undefined, message: expect.stringContaining('Stripe retrieveEvent: HTTP 502 with a non-JSON body') },
    ],
  ])('%s', (_name, body, ctx, expected) => {
    expect(summary(recogniseStripeErrorReply(body, ctx))).toEqual(expected);
  });

  it('claims, in a file, an error of a type it does not list when the type has Stripe\'s form or the doc link is Stripe\'s', () => {
    expect(recogniseStripeErrorReply({ error: { type: 'temporary_session_expired_error', message: 'x' } }, { operation: 'retrieveEvent' })?.vendorCode).toBe('temporary_session_expired_error');
    expect(recogniseStripeErrorReply({ error: { type: 'new_kind', code: 'c1', doc_url: 'https://stripe.com/docs/error-codes/c1' } }, { operation: 'retrieveEvent' })?.vendorCode).toBe('c1');
  });

  it("does not claim another vendor's error object in a file (AvaTax's { error: { code, message } } has no Stripe type)", () => {
    expect(recogniseStripeErrorReply({ error: { code: 'AuthenticationException', message: 'Authentication failed.', target: 'HttpRequestHeaders' } }, { operation: 'reply' })).toBeUndefined();
    expect(recogniseStripeErrorReply({ error: 'invalid_client', error_description: 'Client authentication failed' }, { operation: 'reply' })).toBeUndefined();
  });

  it('is no error for any real sample, at 200 or in a file', () => {
    for (const dir of ['webhook-events', 'objects-djstripe']) {
      for (const f of readdirSync(join(FIX, dir))) {
        const body = JSON.parse(readFileSync(join(FIX, dir, f), 'utf8')) as unknown;
        expect(recogniseStripeErrorReply(body, { operation: 'retrieveEvent' }), f).toBeUndefined();
        expect(recogniseStripeErrorReply(body, { operation: 'retrieveEvent', status: 200 }), f).toBeUndefined();
      }
    }
  });
});

describe('Stripe-Should-Retry', () => {
  const apiError = { error: { type: 'api_error', message: 'An unknown error occurred' } };
  const lock = { error: { type: 'invalid_request_error', code: 'lock_timeout', message: 'This object cannot be accessed right now' } };
  const kindOf = (body: unknown, status: number, header?: string) =>
    recogniseStripeErrorReply(body, { operation: 'createRefund', status, headers: header === undefined ? {} : { 'Stripe-Should-Retry': header } })?.kind;

  it('overrules the kind: false makes a 500 final, true makes a 409 and a 400 retryable; absent leaves it', () => {
    expect([kindOf(apiError, 500), kindOf(apiError, 500, 'false'), kindOf(apiError, 500, 'true')]).toEqual(['transient', 'conflict', 'transient']);
    expect([kindOf(lock, 409), kindOf(lock, 409, 'true')]).toEqual(['transient', 'transient']);
    expect([kindOf({ error: { type: 'invalid_request_error', message: 'x' } }, 400), kindOf({ error: { type: 'invalid_request_error', message: 'x' } }, 400, 'true')]).toEqual(['validation', 'transient']);
  });

  it('leaves a kind it agrees with alone', () => {
    expect(shouldRetryKind('validation', 'false')).toBe('validation');
    expect(shouldRetryKind('rate_limited', 'true')).toBe('rate_limited');
    expect(shouldRetryKind('rate_limited', 'false')).toBe('conflict');
  });
});
