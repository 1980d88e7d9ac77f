/**
 * Offline, a quote that converts nothing does not reach for the FX source: a tax quote of an
 * order in euros, for a seller who accounts in euros, sends no HTTP request and carries no
 * note about rates. A quote that does convert still asks the source (and says so when it is
 * unreachable).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuoteActivities, type QuoteActivities } from '../../activities/quotes.js';
import { OrderSchema } from '../../mappings/canonical/index.js';
import { closeDatabase, migrateLatest, openDatabase, upsertOrders } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import { DEMO_CONFIG_PATH, loadTenantsConfig } from '../../config/tenants-config.js';

const FIXTURE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'canonical', 'order-de-to-fr.json'), 'utf8');
const EUR_ORDER = OrderSchema.parse(JSON.parse(FIXTURE));
/** The same order in euros shipped to London: the UK's GBP 135 consignment threshold needs a rate. */
const GB_ORDER = OrderSchema.parse({
  ...(JSON.parse(FIXTURE) as Record<string, unknown>),
  externalId: '303-0000000-0000001',
  shipTo: { name: 'Sam Jones', lines: ['1 Downing Street'], city: 'London', postalCode: 'SW1A 2AA', country: 'GB' },
});
const ref = (externalId: string) => ({ tenant: 'demo', channel: EUR_ORDER.channel, externalId });

describe('quotes offline', () => {
  let db: Knex;
  let activities: QuoteActivities;
  const attempts: string[] = [];
  const onNoMatch = (req: { hostname?: string; host?: string; path?: string }) => {
    attempts.push(`${req.hostname ?? req.host ?? '?'}${req.path ?? ''}`);
  };

  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-quote-offline-')), 'caravan.db') });
    await migrateLatest(db);
    await upsertOrders(db, 'demo', [EUR_ORDER, GB_ORDER]);
    // The real ECB address, as a user's config would have it; the network is off.
    const config = loadTenantsConfig(DEMO_CONFIG_PATH, { CARAVAN_ECB_URL: 'https://www.ecb.europa.eu' });
    activities = createQuoteActivities({ db, config, logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await closeDatabase(db);
  });
  beforeEach(() => {
    attempts.length = 0;
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('a tax quote all in euros sends no request and says nothing about FX rates', async () => {
    const quote = await activities.quoteOrderTax(ref(EUR_ORDER.externalId));

    expect(attempts).toEqual([]);
    expect([quote.scheme, quote.jurisdiction, quote.totalTax]).toEqual(['oss', 'FR', { amountMinor: 1127, currency: 'EUR' }]);
    expect(quote.notes.filter((n) => /FX|ECB|ecb/.test(n))).toEqual([]);
  });

  it('a tax quote to the UK in euros asks the ECB for rates and notes that it could not read them', async () => {
    const quote = await activities.quoteOrderTax(ref(GB_ORDER.externalId));

    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a.startsWith('www.ecb.europa.eu'))).toBe(true);
    expect(quote.notes.some((n) => n.startsWith('FX rates for 2026-03-02 could not be read from ecb'))).toBe(true);
  });
});
