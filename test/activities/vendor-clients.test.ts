/**
 * One connector per (tenant, connection), for every vendor: a DHL landed-cost quote asked
 * twice builds one client (its secrets read once) and sends two requests; a connection
 * asked for a capability its vendor lacks, or given a malformed secret, is a ConfigError
 * naming the connection and the field, never the secret's value.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuoteService } from '../../activities/quotes.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { ConfigError } from '../../config/errors.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { closeDatabase, migrateLatest, openDatabase } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import { transactionCodeFor } from '../../connectors/avalara/index.js';
import { LONDON, PHILADELPHIA, RECORDED_LINE_ID, recordedTransaction, taxRequest, usd } from '../mappings/avalara/fixtures.js';
import { fixtureJson, SPEC_EXAMPLE_SHIPMENT } from '../mappings/dhl/fixtures.js';

const DHL = 'https://express.api.dhl.com';
const PATH = '/mydhlapi/test/landed-cost';
const logger = createLogger({ level: 'silent' });

const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        // The DHL answer is in AUD: a seller booking in AUD needs no rates.
        currency: 'AUD',
        duty: { provider: 'dhl-express' },
        connections: {
          avatax: {
            vendor: 'avalara',
            settings: { environment: 'sandbox', companyCode: 'CARAVAN' },
            secrets: { accountId: { env: 'AVATAX_ACCOUNT' }, licenseKey: { env: 'AVATAX_KEY' } },
          },
          'dhl-express': {
            vendor: 'dhl',
            settings: { environment: 'test', accountNumber: '123456789' },
            secrets: { username: { env: 'DHL_KEY' }, password: { env: 'DHL_SECRET' } },
          },
        },
      },
    },
  },
  {},
);

/** The environment secrets are read from, counting each read. */
function countingEnv(values: Record<string, string>) {
  const reads: string[] = [];
  const env = new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string') reads.push(name);
      return target[name as string];
    },
  });
  return { env: env as NodeJS.ProcessEnv, reads };
}

describe('one connector cache per (tenant, connection)', () => {
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-vendor-clients-')), 'caravan.db') });
    await migrateLatest(db);
  });
  afterAll(async () => {
    await closeDatabase(db);
  });
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('two DHL landed-cost quotes share one client: secrets read once, two requests sent with them', async () => {
    const seen: { auth: unknown; account: unknown }[] = [];
    nock(DHL)
      .post(PATH)
      .times(2)
      .reply(function (_uri, body) {
        seen.push({ auth: this.req.headers.authorization, account: (body as { accounts?: { number?: string }[] }).accounts?.[0]?.number });
        return [200, fixtureJson('response-200.spec-example.json')];
      });
    const { env, reads } = countingEnv({ DHL_KEY: 'caravan-apikey-test', DHL_SECRET: 'caravan-secret-Xy9!' });
    const service = createQuoteService({ db, config, logger, env });

    const first = await service.landedCost('acme', SPEC_EXAMPLE_SHIPMENT, { date: '2026-03-02' });
    const second = await service.landedCost('acme', SPEC_EXAMPLE_SHIPMENT, { date: '2026-03-02' });

    expect([first.provider, first.total]).toEqual(['dhl-express', { amountMinor: 62292, currency: 'AUD' }]);
    // Everything is in the seller's currency: no rates were asked for.
    expect(first.notes.filter((n) => n.startsWith('FX rates'))).toEqual([]);
    expect(second).toEqual(first);
    expect(reads).toEqual(['DHL_KEY', 'DHL_SECRET']);
    // Basic base64("caravan-apikey-test:caravan-secret-Xy9!"); the account from the connection's settings.
    const auth = 'Basic Y2FyYXZhbi1hcGlrZXktdGVzdDpjYXJhdmFuLXNlY3JldC1YeTkh';
    expect(seen).toEqual([
      { auth, account: '123456789' },
      { auth, account: '123456789' },
    ]);
  });

  it('an AvaTax tax quote goes through the tax-provider capability as a SalesOrder of the connection\'s company', async () => {
    const sent: Record<string, unknown>[] = [];
    nock('https://sandbox-rest.avatax.com')
      .post('/api/v2/transactions/create')
      .reply(201, (_uri, body) => {
        sent.push(body as Record<string, unknown>);
        return recordedTransaction('transactions__create__vat__europe_to_us');
      });
    const service = createQuoteService({ db, config, logger, env: { AVATAX_ACCOUNT: '2000123456', AVATAX_KEY: 'caravan-license-key' } });
    const request = taxRequest({
      reference: 'R010728950',
      seller: { country: 'GB' },
      shipFrom: LONDON,
      shipTo: PHILADELPHIA,
      lines: [{ id: RECORDED_LINE_ID, description: 'Product #5 - 8485', amount: usd(1000) }],
    });
    const quote = await service.taxQuote('acme', request, { provider: 'avatax' });
    expect([quote.provider, quote.jurisdiction, quote.totalTax]).toEqual(['avalara', 'US-PA', usd(80)]);
    expect(sent.map((b) => [b.type, b.companyCode, b.code])).toEqual([['SalesOrder', 'CARAVAN', transactionCodeFor({ tenant: 'acme', order: 'R010728950' })]]);
  });

  it('hands out the same connector for a connection, and one per connection', () => {
    const vendors = createVendorClients({ config, logger, env: { DHL_KEY: 'k', DHL_SECRET: 's' } });
    const a = vendors.capability('acme', 'dhl-express', 'landedCostProvider');
    expect(vendors.capability('acme', 'dhl-express', 'landedCostProvider').capability).toBe(a.capability);
    expect(vendors.connection('acme', 'dhl-express').connector.vendor).toBe('dhl');
  });

  it('a capability the vendor lacks is a ConfigError naming the connection and who offers it', async () => {
    const vendors = createVendorClients({ config, logger, env: { DHL_KEY: 'k', DHL_SECRET: 's' } });
    expect(() => vendors.capability('acme', 'dhl-express', 'orderSource')).toThrow(ConfigError);
    expect(() => vendors.capability('acme', 'dhl-express', 'orderSource')).toThrow('connection "acme/dhl-express" (dhl) is no orderSource: vendors that are: amazon');
    const service = createQuoteService({ db, config, logger, vendors });
    const request = taxRequest({ reference: 'R-1', seller: { country: 'GB' }, shipFrom: LONDON, shipTo: PHILADELPHIA, lines: [{ id: 'a', amount: usd(1000) }] });
    await expect(service.taxQuote('acme', request, { provider: 'dhl-express' })).rejects.toThrow(
      'connection "acme/dhl-express" (dhl) is no taxProvider: vendors that are: avalara',
    );
  });

  it('a malformed secret is named by its field, its value never shown', () => {
    const vendors = createVendorClients({ config, logger, env: { DHL_KEY: 'user:with-colon', DHL_SECRET: 's' } });
    const error = (() => {
      try {
        vendors.connection('acme', 'dhl-express');
      } catch (e) {
        return e as Error;
      }
      throw new Error('the connection was built');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('the secrets of tenants.acme.connections.dhl-express are not usable:\n  tenants.acme.connections.dhl-express.secrets.username: must not contain ":"');
    expect(error.message).not.toContain('user:with-colon');
  });
});

