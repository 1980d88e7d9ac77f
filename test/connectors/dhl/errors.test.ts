import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { dhlErrorFromResponse, type DhlLandedCostRequest } from '../../../connectors/dhl/index.js';
import { UnparsedBody } from '../../../connectors/http/client.js';
import type { ConnectorErrorKind } from '../../../connectors/http/errors.js';
import {
  answer,
  CREDENTIALS,
  EXPECTED_AUTHORIZATION,
  fixtureJson,
  isolateNetworkPerTest,
  makeKit,
  rejection,
  TEST_BASE,
  TEST_PATH_PREFIX,
  type SeenRequest,
} from './dhl-test-kit.js';

const NOW = Date.UTC(2026, 2, 1);

interface Case {
  readonly name: string;
  readonly status: number;
  readonly data: unknown;
  readonly headers?: Record<string, string>;
  readonly kind: ConnectorErrorKind;
  readonly vendorCode?: string;
  readonly message: string;
  readonly retryAfterMs?: number;
}

const CASES: readonly Case[] = [
  {
    name: '400 from the description (account not found)',
    status: 400,
    data: fixtureJson('error-400.spec-example.json'),
    headers: { 'invocation-id': 'inv-400' },
    kind: 'validation',
    vendorCode: '400',
    message: 'DHL Express landedCost failed: HTTP 400 Bad request: The account number is not found or invalid. Please check the account number and retry.',
  },
  {
    name: '400 recorded by karrio (numeric status)',
    status: 400,
    data: fixtureJson('error-400.karrio.json'),
    kind: 'validation',
    vendorCode: '400',
    message: 'DHL Express landedCost failed: HTTP 400 Bad Request: Invalid postal code provided',
  },
  {
    name: '401 with no body',
    status: 401,
    data: undefined,
    kind: 'auth',
    message: 'DHL Express landedCost failed: HTTP 401 an empty body',
  },
  {
    name: '403 from the description (5032 not authorized for the service)',
    status: 403,
    data: fixtureJson('error-403.spec-example.json'),
    kind: 'auth',
    vendorCode: '5032',
    message:
      'DHL Express landedCost failed: HTTP 403 Forbidden: 5032: Not authorized to use  this service. Please contact your DHL Express representative',
  },
  {
    name: '404',
    status: 404,
    data: { instance: '/expressapi/landedcost', title: 'Not found', detail: 'Not found', status: '404' },
    kind: 'not_found',
    vendorCode: '404',
    message: 'DHL Express landedCost failed: HTTP 404 Not found: Not found',
  },
  {
    name: '422 from the description (schema validation)',
    status: 422,
    data: fixtureJson('error-422.spec-example.json'),
    kind: 'validation',
    vendorCode: '422',
    message: 'DHL Express landedCost failed: HTTP 422 Validation error: #/productCode: expected minLength: 1, actual: 0',
  },
  {
    name: '400 with additionalDetails',
    status: 400,
    data: {
      instance: '/expressapi/landedcost',
      title: 'Bad request',
      detail: '7008: The requested Special Service Code is not available',
      additionalDetails: ['7127: The receiverDetails countryCode value provided is invalid.'],
      status: '400',
    },
    kind: 'validation',
    vendorCode: '7008',
    message:
      'DHL Express landedCost failed: HTTP 400 Bad request: 7008: The requested Special Service Code is not available (7127: The receiverDetails countryCode value provided is invalid.)',
  },
  {
    name: '429 with Retry-After',
    status: 429,
    data: { title: 'Too Many Requests', detail: 'rate limit exceeded' },
    headers: { 'retry-after': '30' },
    kind: 'rate_limited',
    retryAfterMs: 30_000,
    message: 'DHL Express landedCost failed: HTTP 429 Too Many Requests: rate limit exceeded',
  },
  {
    name: '500 from the description (999 process failure)',
    status: 500,
    data: fixtureJson('error-500.spec-example.json'),
    kind: 'transient',
    vendorCode: '999',
    message:
      'DHL Express landedCost failed: HTTP 500 Internal Server Error: 999: Process failure occurred. Process ID associated for that transaction (1234567890)',
  },
  {
    name: '502 HTML from a gateway',
    status: 502,
    data: new UnparsedBody('<html><head><title>502 Bad Gateway</title></head></html>'),
    kind: 'transient',
    message: 'DHL Express landedCost failed: HTTP 502 a non-JSON body: <html><head><title>502 Bad Gateway</title></head></html>',
  },
];

describe('dhlErrorFromResponse: problem JSON → ConnectorError kind', () => {
  it.each(CASES)('$name → $kind', (c) => {
    const error = dhlErrorFromResponse({ operation: 'landedCost', status: c.status, data: c.data, nowMs: NOW, ...(c.headers ? { headers: c.headers } : {}) });
    expect({
      kind: error.kind,
      vendor: error.vendor,
      operation: error.operation,
      status: error.status,
      vendorCode: error.vendorCode,
      retryAfterMs: error.retryAfterMs,
      message: error.message,
      retryable: error.retryable,
    }).toEqual({
      kind: c.kind,
      vendor: 'dhl',
      operation: 'landedCost',
      status: c.status,
      vendorCode: c.vendorCode,
      retryAfterMs: c.retryAfterMs,
      message: c.message,
      retryable: c.kind === 'transient' || c.kind === 'rate_limited',
    });
  });

  it('keeps the Invocation-Id as request id', () => {
    const error = dhlErrorFromResponse({
      operation: 'landedCost',
      status: 400,
      data: fixtureJson('error-400.spec-example.json'),
      headers: { 'Invocation-Id': 'inv-400' },
      nowMs: NOW,
    });
    expect(error.requestId).toBe('inv-400');
  });
});

describe('errors through the client', () => {
  isolateNetworkPerTest();
  const REQUEST = fixtureJson<DhlLandedCostRequest>('request.spec-example.json');
  const PATH = `${TEST_PATH_PREFIX}/landed-cost`;

  it('a 400 is thrown as validation at once (never resent)', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(PATH).reply(answer(seen, 400, fixtureJson('error-400.spec-example.json'), { 'invocation-id': 'inv-9' }));
    const error = await rejection(makeKit().client.getLandedCost(REQUEST));
    expect(seen).toHaveLength(1);
    expect([error.kind, error.status, error.requestId]).toEqual(['validation', 400, 'inv-9']);
  });

  it('a 500 is resent twice, then thrown as transient with DHL code 999', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(PATH).times(3).reply(answer(seen, 500, fixtureJson('error-500.spec-example.json')));
    const error = await rejection(makeKit().client.getLandedCost(REQUEST));
    expect(seen).toHaveLength(3);
    expect([error.kind, error.vendorCode, error.retryable]).toEqual(['transient', '999', true]);
  });

  it('a 401 is auth and its message carries no credential', async () => {
    nock(TEST_BASE).post(PATH).reply(401, { title: 'Unauthorized', detail: 'Invalid credentials' });
    const error = await rejection(makeKit().client.getLandedCost(REQUEST));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('DHL Express landedCost failed: HTTP 401 Unauthorized: Invalid credentials');
    expect(error.message).not.toContain(CREDENTIALS.password);
    expect(error.message).not.toContain(EXPECTED_AUTHORIZATION);
  });
});
