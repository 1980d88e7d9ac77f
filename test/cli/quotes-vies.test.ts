/**
 * `caravan tax quote --buyer-vat` with a tenant whose VAT numbers are checked live in VIES
 * (tax.vatNumberCheck → a vies connection): VIES answered by nock in the EC's wire format,
 * FX rates by the ECB stand-in.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createQuoteService } from '../../activities/quotes.js';
import { taxQuoteCommand } from '../../cli/commands/quotes.js';
import { orderToTaxQuoteRequest, OrderSchema } from '../../mappings/canonical/index.js';
import { startFxSandbox, type FxSandbox } from '../../sandbox/fx/index.js';
import { startViesSandbox } from '../../sandbox/vies/index.js';
import { closeDatabase, migrateLatest, openDatabase } from '../../store/index.js';
import { ConfigError } from '../../worker/env.js';
import { createLogger } from '../../worker/logger.js';
import { DEMO_CONFIG_PATH, parseTenantsConfig, type TenantsConfig } from '../../config/tenants-config.js';

const ORDER = join(import.meta.dirname, '..', 'fixtures', 'canonical', 'order-de-to-fr.json');
const VIES = 'https://ec.europa.eu';
const CHECK = '/taxation_customs/vies/rest-api/check-vat-number';
const BUYER = 'FR40303265045';

type Raw = { tenants: { demo: { connections: Record<string, unknown>; tax: Record<string, unknown> } } };

function demoWithVies(env: NodeJS.ProcessEnv, tax: Record<string, unknown> = { vatNumberCheck: 'vies' }): TenantsConfig {
  const raw = parseYaml(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as Raw;
  raw.tenants.demo.connections.vies = { vendor: 'vies', settings: { requester: { memberStateCode: 'DE', number: '123456789' } } };
  Object.assign(raw.tenants.demo.tax, tax);
  return parseTenantsConfig(raw, env);
}

function viesAnswer(valid: boolean, extra: Record<string, unknown> = {}) {
  return {
    countryCode: 'FR',
    vatNumber: '40303265045',
    requestDate: '2026-03-02T10:00:00.000Z',
    valid,
    requestIdentifier: 'WAPIAAAAZ0123456',
    name: valid ? 'SAS EXEMPLE' : '---',
    address: valid ? '1 RUE DE LA PAIX 75002 PARIS' : '---',
    ...extra,
  };
}

describe('tax quote with a live VIES check', () => {
  let db: Knex;
  let fx: FxSandbox;
  let config: TenantsConfig;
  const logger = createLogger({ level: 'silent' });
  const dir = mkdtempSync(join(tmpdir(), 'caravan-vies-'));

  beforeAll(async () => {
    fx = await startFxSandbox({ now: () => new Date('2026-03-10T18:00:00Z') });
    config = demoWithVies({ CARAVAN_ECB_URL: fx.url });
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
  });
  afterAll(async () => {
    await closeDatabase(db);
    await fx.close();
  });
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const quote = async (buyerVat: string) =>
    JSON.parse(await taxQuoteCommand({ db, config, logger }, ORDER, { json: true, buyerVat })) as { scheme: string; collectedBy: string; totalTax: { amountMinor: number }; notes: string[] };

  it('reverse-charges a DE→FR sale when VIES confirms the buyer, keeping the consultation number', async () => {
    const bodies: unknown[] = [];
    const scope = nock(VIES)
      .post(CHECK, (b: unknown) => (bodies.push(b), true))
      .reply(200, viesAnswer(true));
    const q = await quote('FR 40 303 265 045');
    expect(scope.isDone()).toBe(true);
    expect(bodies).toEqual([{ countryCode: 'FR', vatNumber: '40303265045', requesterMemberStateCode: 'DE', requesterNumber: '123456789' }]);
    expect([q.scheme, q.collectedBy, q.totalTax.amountMinor]).toEqual(['reverse-charge', 'buyer', 0]);
    expect(q.notes).toContain(`VAT number ${BUYER}: format and check digits valid, live check valid`);
    expect(q.notes).toContain('VIES on 2026-03-02T10:00:00.000Z: FR40303265045 valid, consultation number WAPIAAAAZ0123456');
    // The trader's name and address VIES returns stay out of the quote (it may travel in workflow history).
    expect(JSON.stringify(q)).not.toContain('SAS EXEMPLE');
  });

  it('charges VAT as to a consumer when VIES says the number is not registered', async () => {
    nock(VIES).post(CHECK).reply(200, viesAnswer(false, { vatNumber: '03552081317' }));
    const q = await quote('FR03552081317');
    expect([q.scheme, q.collectedBy, q.totalTax.amountMinor]).toEqual(['oss', 'seller', 1127]);
    expect(q.notes.join('\n')).toContain('No reverse charge: VAT number FR03552081317 is not registered (live check: invalid)');
  });

  it('relies on the format check, and says so, when the member state is down', async () => {
    nock(VIES)
      .post(CHECK)
      .times(3)
      .reply(200, { actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE', message: 'member state unavailable' }] });
    const q = await quote('FR 00 300076965');
    expect([q.scheme, q.collectedBy]).toEqual(['reverse-charge', 'buyer']);
    expect(q.notes).toContain(
      'VAT number FR00300076965: format and check digits valid, live check unavailable (unknown): the reverse charge rests on a number VIES has not confirmed (unverified)',
    );
    expect(q.notes.some((n) => n.startsWith('VIES gave no answer for FR00300076965: VIES checkVatNumber (FR): HTTP 200 MS_UNAVAILABLE'))).toBe(true);
  });

  it('does not ask VIES for a badly formatted number, a consumer, or a number VIES does not cover', async () => {
    const scope = nock(VIES).post(CHECK).reply(200, viesAnswer(true));
    const bad = await quote('FR123');
    expect(bad.scheme).toBe('oss');
    const badDigits = await quote('FR40303265046');
    expect(badDigits.scheme).toBe('oss');
    expect(badDigits.notes.join('\n')).toContain('VAT number FR40303265046 is invalid: check digits fail');
    const noNumber = JSON.parse(await taxQuoteCommand({ db, config, logger }, ORDER, { json: true })) as { scheme: string };
    expect(noNumber.scheme).toBe('oss');
    const gb = await quote('GB000472631');
    expect(gb.scheme).toBe('oss');
    expect(scope.isDone()).toBe(false);
  });

  it('reuses an answer within the hour instead of asking VIES again', async () => {
    const scope = nock(VIES).post(CHECK).once().reply(200, viesAnswer(true, { vatNumber: '03512803495' }));
    // The cache lives in the quote service (one per worker; one per CLI command), so two quotes through one service.
    const order = OrderSchema.parse(JSON.parse(readFileSync(ORDER, 'utf8')));
    const tax = config.tenants.demo!.tax!;
    const r = orderToTaxQuoteRequest(order, { seller: tax.seller, shipFrom: tax.shipFrom });
    if (!r.ok) throw new Error(r.error.message);
    const request = { ...r.value, buyer: { isBusiness: true, vatNumber: 'FR03512803495' } };
    const service = createQuoteService({ db, config, logger });
    const first = await service.taxQuote('demo', request);
    const second = await service.taxQuote('demo', request);
    expect(scope.isDone()).toBe(true);
    expect([first.scheme, second.scheme]).toEqual(['reverse-charge', 'reverse-charge']);
  });

  it('end to end against the VIES stand-in over HTTP: a registered buyer gets the reverse charge', async () => {
    const vies = await startViesSandbox({ now: () => new Date('2026-03-02T10:00:00Z') });
    try {
      const raw = parseYaml(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as Raw;
      raw.tenants.demo.connections.vies = { vendor: 'vies', settings: { baseUrl: vies.url, requester: { memberStateCode: 'DE', number: '123456789' } } };
      raw.tenants.demo.tax.vatNumberCheck = 'vies';
      const standIn = parseTenantsConfig(raw, { CARAVAN_ECB_URL: fx.url });
      const run = async (buyerVat: string) =>
        JSON.parse(await taxQuoteCommand({ db, config: standIn, logger }, ORDER, { json: true, buyerVat })) as { scheme: string; notes: string[] };
      const registered = await run('FR40303265045');
      expect(registered.scheme).toBe('reverse-charge');
      expect(registered.notes.some((n) => /^VIES on 2026-03-02T10:00:00.000Z: FR40303265045 valid, consultation number WAPI/.test(n))).toBe(true);
      expect((await run('FR03552081317')).scheme).toBe('oss');
      expect(vies.stats().answers).toEqual({ valid: 1, invalid: 1 });
    } finally {
      await vies.close();
    }
  });

  it('refuses a vatNumberCheck that names no vies connection', () => {
    expect(() => demoWithVies({ CARAVAN_ECB_URL: fx.url }, { vatNumberCheck: 'amazon-eu' })).toThrow(ConfigError);
    expect(() => demoWithVies({ CARAVAN_ECB_URL: fx.url }, { vatNumberCheck: 'amazon-eu' })).toThrow(
      "tenants.demo.tax.vatNumberCheck: must be one of the tenant's vies connections",
    );
  });
});
