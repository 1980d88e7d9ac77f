/** Settings, credentials, headers, and the fit between the connector's and the mappings' wire types. */
import { describe, expect, it } from 'vitest';
import {
  AVALARA_BASE_URLS,
  AvalaraConnectionSettingsSchema,
  AvalaraCredentialsSchema,
  avalaraBaseUrl,
  avalaraClientHeader,
  type AvalaraCreateTransactionModel,
  type AvalaraTransaction,
} from '../../../connectors/avalara/index.js';
import { avalaraAuthorization } from '../../../connectors/avalara/auth.js';
import { avalaraTransactionToTaxQuote, taxQuoteRequestToCreateTransaction } from '../../../mappings/avalara/index.js';
import { TaxQuoteRequestSchema } from '../../../mappings/canonical/tax.js';
import { BASIC_TOKEN, BEARER_TOKEN, CREDENTIALS, recorded } from './avalara-test-kit.js';

describe('settings', () => {
  it('environment → AvaTax host; an override wins, without its trailing slash', () => {
    expect(AVALARA_BASE_URLS).toEqual({ sandbox: 'https://sandbox-rest.avatax.com', production: 'https://rest.avatax.com' });
    expect(avalaraBaseUrl({ environment: 'production' })).toBe('https://rest.avatax.com');
    expect(avalaraBaseUrl({ environment: 'sandbox', baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
  });

  it('company code, timeout and unknown keys', () => {
    expect(AvalaraConnectionSettingsSchema.safeParse({ environment: 'sandbox', companyCode: 'ACME', timeoutMs: 5000 }).success).toBe(true);
    const bad = AvalaraConnectionSettingsSchema.safeParse({ environment: 'sandbox', companyCode: 'x'.repeat(51), timeoutMs: -1, region: 'eu' });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['companyCode', 'too_big'],
      ['timeoutMs', 'too_small'],
      ['', 'unrecognized_keys'],
    ]);
  });

  it('X-Avalara-Client names app, version, adapter and the description version', () => {
    expect(avalaraClientHeader({})).toBe('Caravan; 0.1.0; Caravan-AvaTax-REST; 21.12.0');
    expect(avalaraClientHeader({ clientApp: { name: 'Acme Hub', version: '2.3' } })).toBe('Acme Hub; 2.3; Caravan-AvaTax-REST; 21.12.0');
    expect(AvalaraConnectionSettingsSchema.safeParse({ environment: 'sandbox', companyCode: 'A', clientApp: { name: 'a;b', version: '1' } }).success).toBe(false);
  });
});

describe('credentials', () => {
  it('account id + license key as HTTP Basic, or a bearer token', () => {
    expect(avalaraAuthorization(CREDENTIALS)).toBe(`Basic ${BASIC_TOKEN}`);
    expect(Buffer.from(BASIC_TOKEN, 'base64').toString()).toBe('2000336981:CARAVAN-LICENSE-KEY-6F1C9A2B');
    expect(avalaraAuthorization({ bearerToken: BEARER_TOKEN })).toBe(`Bearer ${BEARER_TOKEN}`);
  });

  it('the account id is numeric; one scheme or the other, nothing else', () => {
    expect(AvalaraCredentialsSchema.safeParse({ accountId: 'acme', licenseKey: 'k' }).success).toBe(false);
    expect(AvalaraCredentialsSchema.safeParse({ accountId: '1', licenseKey: '' }).success).toBe(false);
    expect(AvalaraCredentialsSchema.safeParse({ username: 'u', password: 'p' }).success).toBe(false);
    expect(AvalaraCredentialsSchema.safeParse({ bearerToken: 't' }).success).toBe(true);
  });
});

describe('wire types fit both ways', () => {
  it("the mapping's CreateTransactionModel is the connector's input; the connector's transaction is the mapping's input", () => {
    const request = TaxQuoteRequestSchema.parse({
      reference: 'o-1',
      date: '2026-03-02',
      seller: { country: 'US' },
      shipFrom: { lines: ['1 Main St'], country: 'US', region: 'PA' },
      shipTo: { lines: ['2 Main St'], country: 'US', region: 'PA' },
      currency: 'USD',
      lines: [{ id: 'a', amount: { amountMinor: 1000, currency: 'USD' } }],
    });
    const mapped = taxQuoteRequestToCreateTransaction(request, { companyCode: 'ACME', code: 'caravan-acme-o-1', type: 'SalesOrder' });
    if (!mapped.ok) throw mapped.error;
    // One description (connectors/avalara/schemas.ts): the mapping's output is the connector's input type,
    // the connector's parsed answer the mapping's input type (tsc checks both).
    const input: AvalaraCreateTransactionModel = mapped.value;
    const fromApi = recorded('transactions__create__vat__europe_to_us').response.body as AvalaraTransaction;
    const forMapping: Parameters<typeof avalaraTransactionToTaxQuote>[0] = fromApi;
    expect([input.code, forMapping.code]).toEqual(['caravan-acme-o-1', 'R010728950']);
  });
});
