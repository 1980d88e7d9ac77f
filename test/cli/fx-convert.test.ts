/**
 * `caravan fx convert` against ECB stand-ins at two addresses: rates are read from the
 * configured address, remembered with it, and rates from another address never stand in
 * for them. Offline, the error says how to go on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fxConvertCommand } from '../../cli/commands/fx.js';
import { Decimal } from '../../mappings/canonical/decimal.js';
import { startFxSandbox, type FxSandbox } from '../../sandbox/fx/index.js';
import { closeDatabase, migrateLatest, openDatabase } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import { DEMO_CONFIG_PATH, loadTenantsConfig } from '../../config/tenants-config.js';

const DATE = '2026-03-02';
const NOW = () => new Date('2026-03-10T18:00:00Z');

describe('caravan fx convert and where rates come from', () => {
  let db: Knex;
  let a: FxSandbox;
  let b: FxSandbox;
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    a = await startFxSandbox({ now: NOW, rates: { seed: 42 } });
    b = await startFxSandbox({ now: NOW, rates: { seed: 7 } });
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-fx-convert-')), 'caravan.db') });
    await migrateLatest(db);
  });
  afterAll(async () => {
    await closeDatabase(db);
    await Promise.all([a.close(), b.close()]);
  });

  const usdOn = (s: FxSandbox) => s.ecbDays().find((d) => d.date === DATE)!.rates.USD!;
  /** 100 USD in EUR at the published EUR→USD rate, half-even to cents. */
  const expected = (s: FxSandbox) => Decimal.parse('100').div(Decimal.parse(usdOn(s)), 2, 'half-even').toString();
  const convertAt = async (s: FxSandbox | string) => {
    const config = loadTenantsConfig(DEMO_CONFIG_PATH, { CARAVAN_ECB_URL: typeof s === 'string' ? s : s.url });
    return fxConvertCommand({ db, config, logger }, { amount: '100', from: 'USD', to: 'EUR', date: DATE });
  };

  it('uses only the rates of the configured address, and says when that is not the ECB itself', async () => {
    expect(usdOn(a)).not.toBe(usdOn(b));
    const first = await convertAt(a);
    expect(first.split('\n')[0]).toBe(`100.00 USD = ${expected(a)} EUR`);
    expect(first).toContain(`published 1 EUR = ${usdOn(a)} USD (ecb, ${DATE})`);
    expect(first).toContain(`read from ${a.url} (not https://www.ecb.europa.eu: a mirror or a stand-in)`);

    // Another address: a's stored rates do not count; b is read and its figures are used.
    const second = await convertAt(b);
    expect(second.split('\n')[0]).toBe(`100.00 USD = ${expected(b)} EUR`);
    const origins = await db('fx_rates').distinct('origin').where({ source: 'ecb', date: DATE });
    expect(origins.map((o: { origin: string }) => o.origin)).toEqual([b.url]);

    // Back to a: read again rather than taking b's figures.
    expect((await convertAt(a)).split('\n')[0]).toBe(`100.00 USD = ${expected(a)} EUR`);
  });

  it('offline, the error says how to go on', async () => {
    await expect(convertAt('http://127.0.0.1:9')).rejects.toThrow(/no connection to the source: point CARAVAN_ECB_URL at a mirror/);
  });
});
