/**
 * AvaTax error answers → ConnectorError kind, with the number of requests each cost: errors
 * that cannot succeed on resend are sent once, transient ones 1 + 2 short retries (idempotent
 * operations only). Secrets never reach a message or a log line.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { AvalaraCreateTransactionModel } from '../../../connectors/avalara/index.js';
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
