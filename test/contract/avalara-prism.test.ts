/**
 * Contract test: the AvaTax connector's requests checked against Avalara's own REST v2
 * description (21.12.0). Stoplight Prism serves it with --errors, so a request that breaks the
 * description is answered 4xx with an `sl-violations` header; a recording proxy between the
 * connector and Prism keeps every status and violation header for the asserts.
 *
 * The description's security demands Basic AND OAuth on every operation, which no client can
 * satisfy; the fixture is the vendor file with the overlay its SOURCE.md suggests (either
 * scheme), see test/fixtures/avalara/SOURCE.md.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAvalaraClient, transactionCodeFor, type AvalaraClient, type AvalaraCredentials } from '../../connectors/avalara/index.js';
import { avalaraTransactionToTaxQuote, taxQuoteRequestToCreateTransaction } from '../../mappings/avalara/index.js';
import { TaxQuoteRequestSchema } from '../../mappings/canonical/tax.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const SPEC = fileURLToPath(new URL('../fixtures/avalara/openapi/avatax-rest-v2-21.12.0.security-overlay.openapi.yaml', import.meta.url));
const LICENSE: AvalaraCredentials = { accountId: '1100012345', licenseKey: 'CONTRACT-LICENSE-KEY' };

let prism: RunningPrism | undefined;
let proxy: RunningRecorder | undefined;
let exchanges: PrismExchange[] = [];

function makeClient(credentials: AvalaraCredentials): AvalaraClient {
  if (proxy === undefined) throw new Error('prism not started');
  return createAvalaraClient({
    tenant: 'contract',
    settings: { environment: 'sandbox', companyCode: 'DEFAULT', baseUrl: proxy.url },
    credentials,
    logger: pino({ level: 'silent' }),
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });
}

let client: AvalaraClient;

beforeAll(async () => {
  prism = await startPrism({ mode: 'mock', spec: SPEC, startTimeoutMs: 30_000 });
  proxy = await startPrismRecorder(prism.url, (exchange) => exchanges.push(exchange));
  client = makeClient(LICENSE);
}, 35_000);

afterAll(async () => {
  await Promise.all([prism?.stop(), proxy?.stop()]);
});

beforeEach(() => {
  exchanges = [];
});

/** Runs a connector call; if it fails, the error names Prism's violations (the connector only sees a 4xx). */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const seen = exchanges.map((e) => `${e.method} ${e.url} → ${e.status} ${e.violations ?? ''}`).join('\n');
    throw new Error(`${(error as Error).message}\nPrism exchanges:\n${seen}`, { cause: error });
  }
}

function expectAllValid(urls: readonly string[]): void {
  expect(exchanges.map((e) => ({ url: e.url, status: e.status, violations: e.violations }))).toEqual(urls.map((url) => ({ url, status: 200, violations: undefined })));
}

/** A raw request straight to Prism, bypassing the connector's own checks. */
function raw(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  if (prism === undefined) throw new Error('prism not started');
  const { port } = prism;
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { accept: 'application/json', ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const BASIC = `Basic ${Buffer.from('1100012345:CONTRACT-LICENSE-KEY').toString('base64')}`;

/** A cross-border order as the activities build it: canonical request → mapping → connector. */
function mappedModel(type: 'SalesOrder' | 'SalesInvoice' | 'ReturnInvoice', commit: boolean) {
  const request = TaxQuoteRequestSchema.parse({
    reference: 'order-1001',
    date: '2026-03-02',
    seller: { country: 'DE' },
    shipFrom: { lines: ['Hauptstr. 1', 'Hof 2'], city: 'Berlin', postalCode: '10115', country: 'DE' },
    shipTo: { lines: ['822 Reed St'], city: 'Philadelphia', region: 'PA', postalCode: '19147', country: 'US' },
    buyer: { vatNumber: 'US-EIN-12', isBusiness: true },
    currency: 'USD',
    incoterm: 'DDP',
    lines: [
      { id: 'sku-1', description: 'Leather bag', quantity: 2, amount: { amountMinor: 25_000, currency: 'USD' }, hsCode: '420221' },
      { id: 'sku-2', amount: { amountMinor: 1_999, currency: 'USD' }, taxCategory: 'books' },
    ],
    shipping: { amountMinor: 1_500, currency: 'USD' },
  });
  const code = transactionCodeFor({ tenant: 'contract', order: 'order-1001' }, type === 'ReturnInvoice' ? { refund: 'rma1' } : 'sale');
  const mapped = taxQuoteRequestToCreateTransaction(request, { companyCode: 'DEFAULT', code, type, commit });
  if (!mapped.ok) throw mapped.error;
  return mapped.value;
}

describe('AvaTax REST v2 requests against the official description (Prism --errors)', () => {
  it('CreateTransaction with a mapped order, and the answer maps to a TaxQuote', async () => {
    const result = await call(() => client.createTransaction(mappedModel('SalesOrder', false)));
    expectAllValid(['/api/v2/transactions/create']);
    // Prism answers the description's TransactionModel example (a California sale).
    const quote = avalaraTransactionToTaxQuote(result.transaction);
    expect(quote.ok && [quote.value.jurisdiction, quote.value.totalTax]).toEqual(['US-CA', { amountMinor: 6250, currency: 'USD' }]);
  });

  it('CreateOrAdjustTransaction (committing invoice, with an adjustment reason) and a ReturnInvoice', async () => {
    await call(() => client.createOrAdjustTransaction(mappedModel('SalesInvoice', true), { reason: 'PriceAdjusted', description: 'order edited' }));
    await call(() => client.createOrAdjustTransaction(mappedModel('ReturnInvoice', true)));
    expectAllValid(['/api/v2/transactions/createoradjust', '/api/v2/transactions/createoradjust']);
  });

  it('CommitTransaction, with and without documentType', async () => {
    await call(() => client.commitTransaction({ transactionCode: 'caravan-contract-order-1001', documentType: 'SalesInvoice' }));
    await call(() => client.commitTransaction({ transactionCode: 'caravan-contract-order-1001' }));
    expectAllValid([
      '/api/v2/companies/DEFAULT/transactions/caravan-contract-order-1001/commit?documentType=SalesInvoice',
      '/api/v2/companies/DEFAULT/transactions/caravan-contract-order-1001/commit',
    ]);
  });

  it('VoidTransaction, every reason code', async () => {
    for (const reason of ['Unspecified', 'PostFailed', 'DocDeleted', 'DocVoided', 'AdjustmentCancelled'] as const) {
      await call(() => client.voidTransaction({ transactionCode: 'caravan-contract-order-1001', reason, documentType: 'SalesInvoice' }));
    }
    expect(exchanges).toHaveLength(5);
    expectAllValid(Array.from({ length: 5 }, () => '/api/v2/companies/DEFAULT/transactions/caravan-contract-order-1001/void?documentType=SalesInvoice'));
  });

  it('RefundTransaction, full and partial', async () => {
    const refundTransactionCode = transactionCodeFor({ tenant: 'contract', order: 'order-1001' }, { refund: 'rma1' });
    await call(() => client.refundTransaction({ transactionCode: 'caravan-contract-order-1001', refundTransactionCode, refundDate: '2026-03-05', refundType: 'Full' }));
    await call(() =>
      client.refundTransaction({
        transactionCode: 'caravan-contract-order-1001',
        refundTransactionCode,
        refundDate: '2026-03-05',
        refundType: 'Partial',
        refundLines: ['sku-1'],
        refundPercentage: 50,
        referenceCode: 'rma1',
        documentType: 'SalesInvoice',
      }),
    );
    expectAllValid([
      '/api/v2/companies/DEFAULT/transactions/caravan-contract-order-1001/refund',
      '/api/v2/companies/DEFAULT/transactions/caravan-contract-order-1001/refund?documentType=SalesInvoice',
    ]);
  });

  it('GetTransactionByCode and Ping, with Basic and with a bearer token', async () => {
    await call(() => client.getTransactionByCode({ transactionCode: 'caravan-contract-order-1001~rrma1', documentType: 'ReturnInvoice' }));
    const { result } = await call(() => client.ping());
    await call(() => makeClient({ bearerToken: 'contract-bearer-token' }).ping());
    expectAllValid([
      '/api/v2/companies/DEFAULT/transactions/caravan-contract-order-1001~rrma1?documentType=ReturnInvoice',
      '/api/v2/utilities/ping',
      '/api/v2/utilities/ping',
    ]);
    expect([result.version, result.authenticated]).toEqual(['1.0.0.0', true]);
  });
});

describe('the contract check can fail', () => {
  it("Prism rejects amounts sent as strings (Spree's Ruby SDK sends \"10.0\"; the description says double)", async () => {
    const body = { type: 'SalesOrder', code: 'c', date: '2026-03-02', customerCode: 'c', lines: [{ number: '1', quantity: 1, amount: '10.0' }] };
    const response = await raw('POST', '/api/v2/transactions/create', body, { authorization: BASIC });
    expect(response.status).toBe(400);
    expect(JSON.parse(String(response.headers['sl-violations']))).toEqual([
      { location: ['request', 'body', 'lines', '0', 'amount'], severity: 'Error', code: 'type', message: 'Request body property lines.0.amount must be number' },
    ]);
  });

  it('Prism rejects a void reason outside the enum and a commit flag that is not a boolean', async () => {
    const voided = await raw('POST', '/api/v2/companies/DEFAULT/transactions/c/void', { code: 'Voided' }, { authorization: BASIC });
    const committed = await raw('POST', '/api/v2/companies/DEFAULT/transactions/c/commit', { commit: 'yes' }, { authorization: BASIC });
    expect([voided.status, committed.status]).toEqual([400, 400]);
    expect(String(voided.headers['sl-violations'])).toContain('Request body property code must be equal to one of the allowed values');
    expect(String(committed.headers['sl-violations'])).toContain('Request body property commit must be boolean');
  });

  it('Prism still enforces authentication after the overlay', async () => {
    const response = await raw('GET', '/api/v2/utilities/ping', undefined, {});
    expect(response.status).toBe(401);
    expect(JSON.parse(String(response.headers['sl-violations']))).toEqual([{ location: ['request'], severity: 'Error', code: 401, message: 'Invalid security scheme used' }]);
  });
});
