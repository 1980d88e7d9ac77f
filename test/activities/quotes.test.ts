/**
 * The quote activities name a stored order by its key and load it themselves: the workflow
 * passes no address, and the quote it gets back carries none. Failures no retry can cure are
 * non-retryable.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuoteActivities, type QuoteActivities } from '../../activities/quotes.js';
import { OrderSchema } from '../../mappings/canonical/index.js';
import { startFxSandbox, type FxSandbox } from '../../sandbox/fx/index.js';
import { closeDatabase, migrateLatest, openDatabase, upsertOrders } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import { DEMO_CONFIG_PATH, loadTenantsConfig } from '../../config/tenants-config.js';

const ORDER = OrderSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'canonical', 'order-de-to-fr.json'), 'utf8')));
const REF = { tenant: 'demo', channel: ORDER.channel, externalId: ORDER.externalId };

describe('quote activities on stored orders', () => {
  let db: Knex;
  let fx: FxSandbox;
  let activities: QuoteActivities;

  beforeAll(async () => {
    fx = await startFxSandbox({ now: () => new Date('2026-03-10T18:00:00Z') });
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-quote-activities-')), 'caravan.db') });
    await migrateLatest(db);
    await upsertOrders(db, 'demo', [ORDER]);
    const config = loadTenantsConfig(DEMO_CONFIG_PATH, { CARAVAN_ECB_URL: fx.url });
    activities = createQuoteActivities({ db, config, logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await closeDatabase(db);
    await fx.close();
  });

  it('quotes the tax of a stored order from its key; the result names no buyer or address', async () => {
    const quote = await activities.quoteOrderTax(REF);
    expect([quote.reference, quote.scheme, quote.jurisdiction, quote.totalTax]).toEqual([`${ORDER.channel}:${ORDER.externalId}`, 'oss', 'FR', { amountMinor: 1127, currency: 'EUR' }]);
    const text = JSON.stringify(quote);
    for (const personal of ['Camille Martin', '12 rue des Lilas', '69003']) expect(text).not.toContain(personal);
  });

  it('quotes the landed cost of a stored order (purchase date by default)', async () => {
    const quote = await activities.quoteOrderLandedCost({ ...REF, incoterm: 'DDP' });
    expect([quote.destination, quote.incoterm, quote.date, quote.duty.amountMinor]).toEqual(['FR', 'DDP', '2026-03-02', 0]);
    expect(JSON.stringify(quote)).not.toContain('Camille Martin');
  });

  it('an order the hub does not hold is a non-retryable failure naming it', async () => {
    const error = await activities.quoteOrderTax({ ...REF, externalId: '303-0000000-0000000' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    const failure = error as ApplicationFailure;
    expect([failure.type, failure.nonRetryable, failure.message]).toEqual([
      'OrderNotFoundError',
      true,
      `no order 303-0000000-0000000 of tenant "demo" on channel "${ORDER.channel}" in the hub`,
    ]);
  });

  it('an unknown tenant is a config failure', async () => {
    const error = (await activities.quoteOrderLandedCost({ ...REF, tenant: 'acme' }).catch((e: unknown) => e)) as ApplicationFailure;
    expect([error.type, error.nonRetryable]).toEqual(['config', true]);
  });
});
