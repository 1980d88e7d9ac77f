/**
 * AvaTax error answers → ConnectorError kind, with the number of requests each cost: errors
 * that cannot succeed on resend are sent once, transient ones 1 + 2 short retries (idempotent
 * operations only). Secrets never reach a message or a log line.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { recogniseAvalaraErrorReply, type AvalaraCreateTransactionModel } from '../../../connectors/avalara/index.js';
import type { ConnectorErrorKind } from '../../../connectors/http/errors.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { answer, BASIC_TOKEN, CREDENTIALS, fixtureText, isolateNetworkPerTest, makeKit, recorded, rejection, SANDBOX, type SeenRequest } from './avalara-test-kit.js';

isolateNetworkPerTest();

const GET_PATH = '/api/v2/companies/test1/transactions/caravan-acme-1001';

interface Case {
  readonly name: string;
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  readonly kind: ConnectorErrorKind;
  readonly vendorCode?: string;
  readonly retryAfterMs?: number;
  readonly message: string;
  readonly requests: number;
}

const cases: Case[] = [
  {
    name: '400 MissingLine (recorded get_tax__error.json)',
    status: 400,
    body: recorded('get_tax__error').response.body,
    kind: 'validation',
    vendorCode: 'MissingLine',
    message:
      "AvaTax GetTransactionByCode: HTTP 400 MissingLine: Transactions must have at least one line. (The CreateTransactionModel object must have an element called 'lines', with at least one valid line record.)",
    requests: 1,
  },
  {
    name: '401 AuthenticationException',
    status: 401,
    body: JSON.parse(fixtureText('errors/error-401-authentication.synthetic.json')),
    kind: 'auth',
    vendorCode: 'AuthenticationException',
    message: 'AvaTax GetTransactionByCode: HTTP 401 AuthenticationException: Authentication failed. (Missing authentication or unable to authenticate the user or the account.)',
    requests: 1,
  },
  {
    name: '404 EntityNotFoundError',
    status: 404,
    body: JSON.parse(fixtureText('errors/error-404-entity-not-found.synthetic.json')),
    kind: 'not_found',
    vendorCode: 'EntityNotFoundError',
    message: "AvaTax GetTransactionByCode: HTTP 404 EntityNotFoundError: Document not found. (The Document with code 'caravan-acme-1001' was not found.)",
    requests: 1,
  },
  {
    name: '429 with Retry-After',
    status: 429,
    body: JSON.parse(fixtureText('errors/error-429-rate-limit.synthetic.json')),
    headers: { 'retry-after': '7' },
    kind: 'rate_limited',
    vendorCode: 'RateLimitExceededError',
    retryAfterMs: 7000,
    message: 'AvaTax GetTransactionByCode: HTTP 429 RateLimitExceededError: Rate limit exceeded. (Too many requests: slow down and try again later.)',
    requests: 1,
  },
  {
    name: '429 without a body',
    status: 429,
    body: '',
    kind: 'rate_limited',
    message: 'AvaTax GetTransactionByCode: HTTP 429 with an empty body',
    requests: 1,
  },
  {
    name: '500 InternalServerError',
    status: 500,
    body: JSON.parse(fixtureText('errors/error-500-internal.synthetic.json')),
    kind: 'transient',
    vendorCode: 'InternalServerError',
    message: 'AvaTax GetTransactionByCode: HTTP 500 InternalServerError: Internal server error. (An unexpected error occurred; please try again.)',
    requests: 3,
  },
  {
    name: '503 HTML page from a proxy',
    status: 503,
    body: fixtureText('errors/error-503-gateway.synthetic.html'),
    kind: 'transient',
    message:
      'AvaTax GetTransactionByCode: HTTP 503 with a non-JSON body: <!DOCTYPE html> <html><head><title>503 Service Unavailable</title></head> <body><h1>503 Service Unavailable</h1><p>The s…',
    requests: 3,
  },
  {
    name: '200 with an HTML body',
    status: 200,
    body: fixtureText('errors/error-503-gateway.synthetic.html'),
    kind: 'contract',
    message:
      'AvaTax GetTransactionByCode: HTTP 200 without a JSON body: <!DOCTYPE html> <html><head><title>503 Service Unavailable</title></head> <body><h1>503 Service Unavailable</h1><p>The s…',
    requests: 1,
  },
  {
    name: '200 with JSON that is no TransactionModel',
    status: 200,
    body: { code: 42, lines: 'none' },
    kind: 'contract',
    message: 'AvaTax GetTransactionByCode: response is not a TransactionModel (code: Invalid input: expected string, received number)',
    requests: 1,
  },
];

describe('error answers → ConnectorError', () => {
  it.each(cases)('$name → $kind', async ({ status, body, headers, kind, vendorCode, retryAfterMs, message, requests }) => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).get(GET_PATH).times(3).reply(answer(seen, status, body, headers));
    const { client, logs } = makeKit();
    const error = await rejection(client.getTransactionByCode({ transactionCode: 'caravan-acme-1001' }));
    expect({ kind: error.kind, vendorCode: error.vendorCode, retryAfterMs: error.retryAfterMs, message: error.message, vendor: error.vendor, requests: seen.length }).toEqual({
      kind,
      vendorCode,
      retryAfterMs,
      message,
      vendor: 'avalara',
      requests,
    });
    expect(error.status).toBe(status);
    expect(logs.text()).not.toContain(CREDENTIALS.licenseKey);
    expect(logs.text()).not.toContain(BASIC_TOKEN);
  });

  it('a network error, after two short retries, is transient and names no secret', async () => {
    nock(SANDBOX).get(GET_PATH).times(3).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { client, logs } = makeKit();
    const error = await rejection(client.getTransactionByCode({ transactionCode: 'caravan-acme-1001' }));
    expect([error.kind, error.vendorCode, error.message, client.stats().requests, client.stats().retries]).toEqual([
      'transient',
      'ECONNRESET',
      'AvaTax GetTransactionByCode: network error ECONNRESET: socket hang up',
      3,
      2,
    ]);
    expect(`${error.message}${String(error.cause)}${logs.text()}`).not.toContain(BASIC_TOKEN);
  });

  it('a create that commits is never resent: a 500 costs one request', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/api/v2/transactions/create').times(3).reply(answer(seen, 500, JSON.parse(fixtureText('errors/error-500-internal.synthetic.json'))));
    const model: AvalaraCreateTransactionModel = {
      type: 'SalesInvoice',
      code: 'caravan-acme-1001',
      date: '2026-03-02',
      customerCode: 'c-1',
      lines: [{ number: '1', amount: 10 }],
      commit: true,
    };
    const error = await rejection(makeKit().client.createTransaction(model));
    expect([error.kind, seen.length]).toEqual(['transient', 1]);
  });
});

describe('requests AvaTax would refuse are refused before sending', () => {
  it.each([
    ['no lines', { date: '2026-03-02', customerCode: 'c', lines: [] }, 'AvaTax CreateTransaction: CreateTransactionModel invalid: lines: needs at least one line (AvaTax answers MissingLine otherwise)'],
    ['no customer code', { date: '2026-03-02', lines: [{ amount: 1 }] }, 'AvaTax CreateTransaction: CreateTransactionModel invalid: customerCode: Invalid input: expected string, received undefined'],
    ['a 51-character code', { code: 'x'.repeat(51), date: '2026-03-02', customerCode: 'c', lines: [{ amount: 1 }] }, 'AvaTax CreateTransaction: CreateTransactionModel invalid: code: Too big: expected string to have <=50 characters'],
    ['an amount as a string', { date: '2026-03-02', customerCode: 'c', lines: [{ amount: '10.0' }] }, 'AvaTax CreateTransaction: CreateTransactionModel invalid: lines[0].amount: Invalid input: expected number, received string'],
  ])('%s', async (_name, model, message) => {
    const error = await rejection(makeKit().client.createTransaction(model as unknown as AvalaraCreateTransactionModel));
    expect([error.kind, error.message]).toEqual(['validation', message]);
  });

  it('CreateOrAdjust without a code (it would not be idempotent)', async () => {
    const error = await rejection(makeKit().client.createOrAdjustTransaction({ date: '2026-03-02', customerCode: 'c', lines: [{ amount: 1 }] }));
    expect(error.message).toBe('AvaTax CreateOrAdjustTransaction: createTransactionModel.code must be a non-empty string');
  });

  it('a refund without a refund code, a void with an unknown reason', async () => {
    const { client } = makeKit();
    const refund = await rejection(client.refundTransaction({ transactionCode: 's', refundTransactionCode: '', refundDate: '2026-03-02' }));
    const voided = await rejection(client.voidTransaction({ transactionCode: 's', reason: 'Oops' as never }));
    expect([refund.message, voided.message]).toEqual([
      'AvaTax RefundTransaction: refundTransactionCode must be a non-empty string',
      'AvaTax VoidTransaction: reason must be one of Unspecified, PostFailed, DocDeleted, DocVoided, AdjustmentCancelled',
    ]);
  });
});

describe('throttling', () => {
  it("a 429's Retry-After holds back the tenant's next call (our bucket), which goes back to Temporal", async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).get(GET_PATH).reply(answer(seen, 429, JSON.parse(fixtureText('errors/error-429-rate-limit.synthetic.json')), { 'retry-after': '30' }));
    const kit = makeKit();
    const limiter = new RateLimiterRegistry({ clock: kit.clock });
    const { client } = makeKit({ limiter, clock: kit.clock });
    const first = await rejection(client.getTransactionByCode({ transactionCode: 'caravan-acme-1001' }));
    const second = await rejection(client.ping());
    expect([first.kind, first.retryAfterMs, second.kind, second.retryAfterMs, second.message, seen.length, client.stats().throttled]).toEqual([
      'rate_limited',
      30_000,
      'rate_limited',
      30_000,
      'AvaTax Ping: rate limit, next request slot in 30000 ms',
      1,
      1,
    ]);
  });
});

describe('settings and credentials', () => {
  it('bad settings name the field; bad credentials never echo a secret', () => {
    expect(() => makeKit({ settings: { environment: 'staging' as never, companyCode: '' } })).toThrow(
      'AvaTax connection settings invalid: environment: Invalid option: expected one of "sandbox"|"production"; companyCode: Too small: expected string to have >=1 characters',
    );
    let message = '';
    try {
      makeKit({ credentials: { accountId: 'not-a-number', licenseKey: CREDENTIALS.licenseKey } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^AvaTax credentials invalid: /);
    expect(message).not.toContain(CREDENTIALS.licenseKey);
  });
});

describe('recogniseAvalaraErrorReply: one function for the connector and `caravan map`', () => {
  // reactioncommerce/reaction#1733 quotes this real 401 body: an ErrorResult whose details carry number, faultCode, helpLink, severity.
  const AUTH_401 = {
    error: {
      code: 'AuthenticationException',
      message: 'Authentication failed.',
      target: 'HttpRequestHeaders',
      details: [
        {
          code: 'AuthenticationException',
          number: 30,
          message: 'Authentication failed.',
          description: 'Unable to authenticate the user or the account.',
          faultCode: 'Client',
          helpLink: 'http://developer.avalara.com/avatax/errors/AuthenticationException',
          severity: 'Exception',
        },
      ],
    },
  };

  it('the recorded MissingLine answer (get_tax__error.json) is a validation error with code and description', () => {
    const { response } = recorded('get_tax__error');
    const error = recogniseAvalaraErrorReply(response.body, { operation: 'CreateTransaction', status: response.status });
    expect([error?.kind, error?.status, error?.vendorCode, error?.message]).toEqual([
      'validation',
      400,
      'MissingLine',
      "AvaTax CreateTransaction: HTTP 400 MissingLine: Transactions must have at least one line. (The CreateTransactionModel object must have an element called 'lines', with at least one valid line record.)",
    ]);
  });

  it('the reported 401 body is auth; with no status (a file) its code still decides', () => {
    const at401 = recogniseAvalaraErrorReply(AUTH_401, { operation: 'CreateTransaction', status: 401, headers: { 'x-correlation-id': 'corr-1' } });
    expect([at401?.kind, at401?.vendorCode, at401?.requestId, at401?.message]).toEqual([
      'auth',
      'AuthenticationException',
      'corr-1',
      'AvaTax CreateTransaction: HTTP 401 AuthenticationException: Authentication failed. (Unable to authenticate the user or the account.)',
    ]);
    const file = recogniseAvalaraErrorReply(AUTH_401, { operation: 'CreateTransaction' });
    expect([file?.kind, file?.status, file?.message]).toEqual([
      'auth',
      undefined,
      'AvaTax CreateTransaction: AuthenticationException: Authentication failed. (Unable to authenticate the user or the account.)',
    ]);
  });

  it('an ErrorResult inside an HTTP 200 is an error; details may be null, an unknown code in a 200 is a contract error', () => {
    const inOk = recogniseAvalaraErrorReply({ error: { code: 'EntityNotFoundError', message: 'Document not found.', details: null } }, { operation: 'GetTransactionByCode', status: 200 });
    expect([inOk?.kind, inOk?.status, inOk?.vendorCode]).toEqual(['not_found', 200, 'EntityNotFoundError']);
    const unknown = recogniseAvalaraErrorReply({ error: { code: 'SomethingNew' } }, { operation: 'Ping', status: 200 });
    expect([unknown?.kind, unknown?.message]).toEqual(['contract', 'AvaTax Ping: HTTP 200 SomethingNew']);
  });

  it('a TransactionModel and an HTML page without status are not errors; the same page with a 503 is transient', async () => {
    const { response } = recorded('create_tax_adjustments__simple_completed_order');
    expect(recogniseAvalaraErrorReply(response.body, { operation: 'CreateTransaction', status: response.status })).toBeUndefined();
    const page = fixtureText('errors/error-503-gateway.synthetic.html');
    expect(recogniseAvalaraErrorReply(page, { operation: 'CreateTransaction' })).toBeUndefined();
    expect(recogniseAvalaraErrorReply(page, { operation: 'CreateTransaction', status: 503, headers: { 'Retry-After': '7' } })).toMatchObject({ kind: 'transient', retryAfterMs: 7000 });
  });

  it('GetTransactionByCode answered 200 with an ErrorResult fails with that code, sent once', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).get(GET_PATH).query(true).reply(answer(seen, 200, { error: { code: 'EntityNotFoundError', message: 'Document with code caravan-acme-1001 not found.' } }));
    const { client } = makeKit();
    const error = await rejection(client.getTransactionByCode({ transactionCode: 'caravan-acme-1001' }));
    expect([error.kind, error.status, error.vendorCode, error.message]).toEqual([
      'not_found',
      200,
      'EntityNotFoundError',
      'AvaTax GetTransactionByCode: HTTP 200 EntityNotFoundError: Document with code caravan-acme-1001 not found.',
    ]);
    expect(seen).toHaveLength(1);
  });
});
