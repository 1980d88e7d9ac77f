/**
 * Every AvaTax operation: the request sent (method, path, query, headers, exact JSON body) and
 * the parsed result, answered with the recorded sandbox responses.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { AvalaraCreateTransactionModel } from '../../../connectors/avalara/index.js';
import { avalaraTransactionToTaxQuote } from '../../../mappings/avalara/index.js';
import {
  answer,
  BASIC_TOKEN,
  BEARER_TOKEN,
  CREDENTIALS,
  expectAvalaraHeaders,
  isolateNetworkPerTest,
  makeKit,
  recorded,
  SANDBOX,
  type SeenRequest,
} from './avalara-test-kit.js';

isolateNetworkPerTest();

const LINE = 'LI-a844605f-e114-4933-a0cf-7a434ac83cdf';

/** The VAT Europe → US order as taxQuoteRequestToCreateTransaction builds it (see test/mappings/avalara). */
const VAT_EU_US: AvalaraCreateTransactionModel = {
  type: 'SalesOrder',
  code: 'R010728950',
  date: '2019-09-20',
  customerCode: 'delbert.stroman@klocko.com',
  addresses: {
    shipFrom: { line1: '10 Paternoster Sq', city: 'London', country: 'GB', postalCode: 'EC4M 7LS' },
    shipTo: { line1: '822 Reed St', city: 'Philadelphia', region: 'PA', country: 'US', postalCode: '19147' },
  },
  lines: [{ number: LINE, quantity: 1, amount: 10, taxCode: 'P0000000', itemCode: 'SKU-5', taxIncluded: false, description: 'Product #5 - 8485' }],
  commit: false,
  currencyCode: 'USD',
  referenceCode: 'R010728950',
};

/** The exact bytes: the connection's company code is filled in after the caller's fields. */
const VAT_EU_US_JSON =
  '{"type":"SalesOrder","code":"R010728950","date":"2019-09-20","customerCode":"delbert.stroman@klocko.com",' +
  '"addresses":{"shipFrom":{"line1":"10 Paternoster Sq","city":"London","country":"GB","postalCode":"EC4M 7LS"},' +
  '"shipTo":{"line1":"822 Reed St","city":"Philadelphia","region":"PA","country":"US","postalCode":"19147"}},' +
  `"lines":[{"number":"${LINE}","quantity":1,"amount":10,"taxCode":"P0000000","itemCode":"SKU-5","taxIncluded":false,"description":"Product #5 - 8485"}],` +
  '"commit":false,"currencyCode":"USD","referenceCode":"R010728950","companyCode":"test1"}';

describe('CreateTransaction', () => {
  it('POST /api/v2/transactions/create with the exact body; the recorded 201 parsed and mapped', async () => {
    const seen: SeenRequest[] = [];
    const vcr = recorded('transactions__create__vat__europe_to_us');
    const scope = nock(SANDBOX).post('/api/v2/transactions/create').reply(answer(seen, vcr.response.status, vcr.response.body, { 'x-correlation-id': 'corr-1' }));
    const { client, logs } = makeKit();
    const result = await client.createTransaction(VAT_EU_US);
    scope.done();
    const requestLogs = logs.entries().filter((e) => e.msg === 'avalara request');
    expect(requestLogs.map((e) => [e.msg, e.operation, e.status, e.requestId, e.attempt, e.tenant])).toEqual([
      ['avalara request', 'CreateTransaction', 201, 'corr-1', 1, 'acme'],
    ]);
    expect(logs.text()).not.toContain(CREDENTIALS.licenseKey);
    expect(logs.text()).not.toContain(BASIC_TOKEN);
    expect(seen.map((r) => [r.method, r.path])).toEqual([['POST', '/api/v2/transactions/create']]);
    expectAvalaraHeaders(seen[0], { json: true });
    expect(seen[0]?.rawBody).toBe(VAT_EU_US_JSON);
    expect([result.status, result.requestId, result.transaction.code, result.transaction.status, result.transaction.totalTax]).toEqual([
      201,
      'corr-1',
      'R010728950',
      'Temporary',
      0.8,
    ]);
    const quote = avalaraTransactionToTaxQuote(result.transaction);
    expect(quote.ok && [quote.value.jurisdiction, quote.value.totalTax]).toEqual(['US-PA', { amountMinor: 80, currency: 'USD' }]);
  });

  it('a model that names its own company keeps it', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/api/v2/transactions/create').reply(answer(seen, 201, recorded('transactions__create__vat__europe_to_us').response.body));
    await makeKit().client.createTransaction({ ...VAT_EU_US, companyCode: 'OTHER' });
    expect((JSON.parse(seen[0]!.rawBody) as { companyCode: string }).companyCode).toBe('OTHER');
  });

  it('with a bearer token instead of the license key', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/api/v2/transactions/create').reply(answer(seen, 201, recorded('transactions__create__vat__europe_to_us').response.body));
    await makeKit({ credentials: { bearerToken: BEARER_TOKEN } }).client.createTransaction(VAT_EU_US);
    expectAvalaraHeaders(seen[0], { json: true, authorization: `Bearer ${BEARER_TOKEN}` });
  });
});

describe('CreateOrAdjustTransaction', () => {
  it('POST /api/v2/transactions/createoradjust wraps the model; the recorded adjusted invoice parsed', async () => {
    const seen: SeenRequest[] = [];
    const vcr = recorded('transactions__adjust__invoice_order_success', 1);
    nock(SANDBOX).post('/api/v2/transactions/createoradjust').reply(answer(seen, 200, vcr.response.body));
    const { client } = makeKit();
    const result = await client.createOrAdjustTransaction({ ...VAT_EU_US, type: 'SalesInvoice', commit: true }, { reason: 'PriceAdjusted', description: 'order edited' });
    expect(seen.map((r) => [r.method, r.path])).toEqual([['POST', '/api/v2/transactions/createoradjust']]);
    expectAvalaraHeaders(seen[0], { json: true });
    expect(JSON.parse(seen[0]!.rawBody)).toEqual({
      adjustmentReason: 'PriceAdjusted',
      adjustmentDescription: 'order edited',
      createTransactionModel: { ...VAT_EU_US, type: 'SalesInvoice', commit: true, companyCode: 'test1' },
    });
    expect([result.status, result.transaction.code, result.transaction.status, result.transaction.adjustmentReason, result.transaction.version]).toEqual([
      200,
      'R680546412',
      'Committed',
      'PriceAdjusted',
      2,
    ]);
  });

  it('without an adjustment the body holds the model only', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/api/v2/transactions/createoradjust').reply(answer(seen, 201, recorded('transactions__create__vat__europe_to_us').response.body));
    await makeKit().client.createOrAdjustTransaction(VAT_EU_US);
    expect(seen[0]?.rawBody).toBe(`{"createTransactionModel":${VAT_EU_US_JSON}}`);
  });
});

describe('CommitTransaction', () => {
  it('POST …/transactions/{code}/commit?documentType=SalesInvoice with {"commit":true}', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX)
      .post('/api/v2/companies/test1/transactions/caravan-acme-1001/commit')
      .query({ documentType: 'SalesInvoice' })
      .reply(answer(seen, 200, recorded('create_tax_adjustments__simple_completed_order').response.body));
    const result = await makeKit().client.commitTransaction({ transactionCode: 'caravan-acme-1001', documentType: 'SalesInvoice' });
    expect(seen.map((r) => [r.method, r.path, r.rawBody])).toEqual([
      ['POST', '/api/v2/companies/test1/transactions/caravan-acme-1001/commit?documentType=SalesInvoice', '{"commit":true}'],
    ]);
    expectAvalaraHeaders(seen[0], { json: true });
    expect(result.outcome === 'applied' && [result.transaction.code, result.transaction.status]).toEqual(['R966011343', 'Committed']);
  });
});

describe('VoidTransaction', () => {
  it('the recorded void: POST …/transactions/R251928987/void with {"code":"DocVoided"}', async () => {
    const seen: SeenRequest[] = [];
    const vcr = recorded('transactions__void__success', 1);
    nock(SANDBOX).post('/api/v2/companies/test1/transactions/R251928987/void').reply(answer(seen, vcr.response.status, vcr.response.body));
    const result = await makeKit().client.voidTransaction({ transactionCode: 'R251928987' });
    expect(`${vcr.request.method} ${vcr.request.uri}`).toBe(`POST ${SANDBOX}${seen[0]?.path}`);
    expect(JSON.parse(seen[0]!.rawBody)).toEqual(vcr.request.body);
    expect(seen[0]?.rawBody).toBe('{"code":"DocVoided"}');
    expectAvalaraHeaders(seen[0], { json: true });
    expect(result.outcome === 'applied' && [result.transaction.code, result.transaction.status]).toEqual(['R251928987', 'Cancelled']);
  });

  it('another reason and document type, and codes AvaTax asks to escape in paths', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX)
      .post('/api/v2/companies/test1/transactions/A_-ava2f-_B%20C_-ava2b-_D/void')
      .query({ documentType: 'SalesOrder' })
      .reply(answer(seen, 200, recorded('transactions__void__success', 1).response.body));
    await makeKit().client.voidTransaction({ transactionCode: 'A/B C+D', reason: 'DocDeleted', documentType: 'SalesOrder' });
    expect([seen[0]?.path, seen[0]?.rawBody]).toEqual(['/api/v2/companies/test1/transactions/A_-ava2f-_B%20C_-ava2b-_D/void?documentType=SalesOrder', '{"code":"DocDeleted"}']);
  });
});

describe('RefundTransaction', () => {
  it('POST …/transactions/{sale}/refund with the refund code; the recorded ReturnInvoice parsed', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX)
      .post('/api/v2/companies/test1/transactions/R975363174/refund')
      .query({ documentType: 'SalesInvoice' })
      .reply(answer(seen, 201, recorded('transactions__refund__partial_refund_with_refund_success').response.body));
    const result = await makeKit().client.refundTransaction({
      transactionCode: 'R975363174',
      refundTransactionCode: 'R975363174-1',
      refundDate: '2019-09-20',
      refundType: 'Partial',
      refundLines: [LINE],
      referenceCode: 'R975363174',
      documentType: 'SalesInvoice',
    });
    expect(seen.map((r) => [r.method, r.path])).toEqual([['POST', '/api/v2/companies/test1/transactions/R975363174/refund?documentType=SalesInvoice']]);
    expect(seen[0]?.rawBody).toBe(
      `{"refundTransactionCode":"R975363174-1","refundDate":"2019-09-20","refundType":"Partial","refundLines":["${LINE}"],"referenceCode":"R975363174"}`,
    );
    expectAvalaraHeaders(seen[0], { json: true });
    expect(result.outcome === 'applied' && [result.transaction.code, result.transaction.type, result.transaction.totalTax]).toEqual(['R975363174-1', 'ReturnInvoice', -0.8]);
  });
});

describe('GetTransactionByCode', () => {
  it('the recorded GET …/transactions/custom123, with documentType', async () => {
    const seen: SeenRequest[] = [];
    const vcr = recorded('transactions__get_by_code__order_with_custom_code_success');
    nock(SANDBOX).get('/api/v2/companies/test1/transactions/custom123').query({ documentType: 'ReturnInvoice' }).reply(answer(seen, 200, vcr.response.body));
    const result = await makeKit().client.getTransactionByCode({ transactionCode: 'custom123', documentType: 'ReturnInvoice' });
    expect(seen.map((r) => [r.method, r.path, r.rawBody])).toEqual([['GET', '/api/v2/companies/test1/transactions/custom123?documentType=ReturnInvoice', '']]);
    expectAvalaraHeaders(seen[0], { json: false });
    expect([result.transaction.code, result.transaction.type, result.transaction.status]).toEqual(['custom123', 'ReturnInvoice', 'Saved']);
  });
});

describe('Ping', () => {
  it('GET /api/v2/utilities/ping; the recorded answer', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).get('/api/v2/utilities/ping').reply(answer(seen, 200, recorded('utilities__ping').response.body));
    const { result } = await makeKit().client.ping();
    expect(seen.map((r) => [r.method, r.path, r.rawBody])).toEqual([['GET', '/api/v2/utilities/ping', '']]);
    expectAvalaraHeaders(seen[0], { json: false });
    expect([result.version, result.authenticated, result.authenticationType, result.authenticatedAccountId]).toEqual(['19.9.1', true, 'UsernamePassword', 2000336981]);
  });

  it('production and an overridden base URL', async () => {
    const seenProd: SeenRequest[] = [];
    const seenLocal: SeenRequest[] = [];
    nock('https://rest.avatax.com').get('/api/v2/utilities/ping').reply(answer(seenProd, 200, recorded('utilities__ping').response.body));
    nock('http://127.0.0.1:4010').get('/mock/api/v2/utilities/ping').reply(answer(seenLocal, 200, recorded('utilities__ping').response.body));
    await makeKit({ settings: { environment: 'production', companyCode: 'ACME' } }).client.ping();
    await makeKit({ settings: { environment: 'sandbox', companyCode: 'ACME', baseUrl: 'http://127.0.0.1:4010/mock/' } }).client.ping();
    expect([seenProd.length, seenLocal.length]).toEqual([1, 1]);
  });
});
