/** recognisePaypalErrorReply: API errors (name, message, debug_id, details) and OAuth errors (error, error_description). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognisePaypalErrorReply } from '../../../connectors/paypal/index.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'paypal');
const summary = (e: ReturnType<typeof recognisePaypalErrorReply>) => e && { kind: e.kind, status: e.status, vendorCode: e.vendorCode, requestId: e.requestId, message: e.message };

describe('recognisePaypalErrorReply', () => {
  it.each([
    [
      'RESULTSET_TOO_LARGE (Transaction Search over too wide a range, airbytehq/airbyte#70968)',
      { name: 'RESULTSET_TOO_LARGE', message: 'Result set size is greater than the maximum limit. Change the filter criteria and try again.', debug_id: 'f1c2d3e4a5b6c', links: [] },
      { operation: 'listTransactions', status: 400 },
      { kind: 'validation', status: 400, vendorCode: 'RESULTSET_TOO_LARGE', requestId: 'f1c2d3e4a5b6c', message: 'PayPal listTransactions: HTTP 400 RESULTSET_TOO_LARGE: Result set size is greater than the maximum limit. Change the filter criteria and try again.' },
    ],
    [
      'INVALID_REQUEST with its details (field, issue, description)',
      { name: 'INVALID_REQUEST', message: 'Request is not well-formed, syntactically incorrect, or violates schema.', debug_id: 'b014e532dc5c5', details: [{ field: 'start_date', value: '2022-07-01T00:00:00-0700', location: 'query', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' }] },
      { operation: 'listTransactions', status: 400, headers: { 'paypal-debug-id': 'hdr-debug' } },
      {
        kind: 'validation',
        status: 400,
        vendorCode: 'INVALID_REQUEST',
        requestId: 'hdr-debug',
        message: 'PayPal listTransactions: HTTP 400 INVALID_REQUEST: Request is not well-formed, syntactically incorrect, or violates schema.; start_date INVALID_PARAMETER_SYNTAX The value of a field does not conform to the expected format.',
      },
    ],
    [
      'INVALID_REQUEST with empty details (paypal/PayPal-node-SDK#452), saved to a file',
      { debug_id: '4a924c46669da', name: 'INVALID_REQUEST', details: [], links: [], message: 'Data for the given start date is not available.' },
      { operation: 'listTransactions' },
      { kind: 'validation', status: undefined, vendorCode: 'INVALID_REQUEST', requestId: '4a924c46669da', message: 'PayPal listTransactions: INVALID_REQUEST: Data for the given start date is not available.' },
    ],
    [
      'an OAuth token error (401 invalid_client)',
      { error: 'invalid_client', error_description: 'Client Authentication failed' },
      { operation: 'listTransactions', status: 401 },
      { kind: 'auth', status: 401, vendorCode: 'invalid_client', requestId: undefined, message: 'PayPal listTransactions: HTTP 401 invalid_client: Client Authentication failed' },
    ],
    [
      'AUTHENTICATION_FAILURE',
      { name: 'AUTHENTICATION_FAILURE', message: 'Authentication failed due to invalid authentication credentials or a missing Authorization header.', links: [{ href: 'https://developer.paypal.com/docs/api/overview/#error', rel: 'information_link' }] },
      { operation: 'getWebhookEvent', status: 401 },
      { kind: 'auth', status: 401, vendorCode: 'AUTHENTICATION_FAILURE', requestId: undefined, message: 'PayPal getWebhookEvent: HTTP 401 AUTHENTICATION_FAILURE: Authentication failed due to invalid authentication credentials or a missing Authorization header.' },
    ],
    [
      'RATE_LIMIT_REACHED',
      { name: 'RATE_LIMIT_REACHED', message: 'Too many requests. Blocked due to rate limiting.', debug_id: 'abc' },
      { operation: 'listTransactions', status: 429 },
      { kind: 'rate_limited', status: 429, vendorCode: 'RATE_LIMIT_REACHED', requestId: 'abc', message: 'PayPal listTransactions: HTTP 429 RATE_LIMIT_REACHED: Too many requests. Blocked due to rate limiting.' },
    ],
  ])('%s', (_name, body, ctx, expected) => {
    expect(summary(recognisePaypalErrorReply(body, ctx))).toEqual(expected);
  });

  it('claims, in a file, an API error without debug_id by its upper-snake-case name', () => {
    const e = recognisePaypalErrorReply({ name: 'RESULTSET_TOO_LARGE', message: 'Result set size is greater than the maximum limit.' }, { operation: 'listTransactions' });
    expect([e?.vendorCode, e?.kind, e?.message]).toEqual(['RESULTSET_TOO_LARGE', 'validation', 'PayPal listTransactions: RESULTSET_TOO_LARGE: Result set size is greater than the maximum limit.']);
  });

  it('does not claim, in a file, an error without PayPal marks', () => {
    expect(recognisePaypalErrorReply({ name: 'Error', message: 'something' }, { operation: 'reply' })).toBeUndefined();
    expect(recognisePaypalErrorReply({ error: 'some_code', error_description: 'x' }, { operation: 'reply' })).toBeUndefined();
  });

  it('is no error for any real sample, at 200 or in a file', () => {
    for (const dir of ['transaction-search', 'webhook-events', 'paypal-php-sdk-v1-fixtures']) {
      for (const f of readdirSync(join(FIX, dir)).filter((x) => x.endsWith('.json'))) {
        const body = JSON.parse(readFileSync(join(FIX, dir, f), 'utf8')) as unknown;
        expect(recognisePaypalErrorReply(body, { operation: 'listTransactions' }), f).toBeUndefined();
        expect(recognisePaypalErrorReply(body, { operation: 'listTransactions', status: 200 }), f).toBeUndefined();
      }
    }
  });
});
