import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createEcbClient, createXeClient, type EcbFeed, type XeConvertFromParams, type XeHistoricRateParams } from '../../../connectors/fx/index.js';
import { ConnectorError } from '../../../connectors/http/errors.js';
import { Decimal } from '../../../mappings/canonical/decimal.js';
import { isTargetBusinessDay, renderDailyXml, renderHistoryXml, SANDBOX_XE_ACCOUNT, startFxSandbox, type EcbDay, type FxSandbox, type FxSandboxOptions } from '../../../sandbox/fx/index.js';
import { ecbDoc } from '../../mappings/fx/fx-fixtures.js';
import type { MappingResult } from '../../../mappings/canonical/result.js';
import { ecbRatesFileToFxRates, ecbXmlToFxRates, xeRatesReplyToFxRates, type FxRatesResult } from '../../../mappings/fx/index.js';

const quiet = pino({ level: 'silent' });
const TINY_RETRY = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 };

let sandbox: FxSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function mapped<T>(result: MappingResult<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

/** The connectors, with their replies mapped to canonical rates (mappings/fx) as activities do. */
interface RateClients {
  readonly ecb: { getRates(feed: EcbFeed): Promise<FxRatesResult> };
  readonly xe: { convertFrom(params: XeConvertFromParams): Promise<FxRatesResult>; historicRate(params: XeHistoricRateParams): Promise<FxRatesResult> };
}

async function start(options: FxSandboxOptions): Promise<{ sandbox: FxSandbox } & RateClients> {
  sandbox = await startFxSandbox(options);
  // A generous bucket: these tests call faster than the polite production plan allows.
  const rateLimit = { rate: 1000, burst: 100 };
  const ecb = createEcbClient({ tenant: 'acme', settings: { baseUrl: sandbox.url, rateLimit }, logger: quiet, retryPolicy: TINY_RETRY });
  const xe = createXeClient({ tenant: 'acme', settings: { baseUrl: sandbox.url, rateLimit }, credentials: { ...SANDBOX_XE_ACCOUNT }, logger: quiet, retryPolicy: TINY_RETRY });
  return {
    sandbox,
    ecb: { getRates: async (feed) => mapped(ecbRatesFileToFxRates(await ecb.getRates(feed))) },
    xe: {
      convertFrom: async (params) => mapped(xeRatesReplyToFxRates(await xe.convertFrom(params))),
      historicRate: async (params) => mapped(xeRatesReplyToFxRates(await xe.historicRate(params))),
    },
  };
}

async function rejection(p: Promise<unknown>): Promise<ConnectorError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

/** Tuesday after Easter 2026, 17:30 CEST: that day's rates are out. */
const AFTER_EASTER = new Date('2026-04-07T15:30:00Z');

async function fixtureDays(path: string): Promise<EcbDay[]> {
  const text = readFileSync(new URL(`../../fixtures/fx/${path}`, import.meta.url), 'utf8');
  const mapped = ecbXmlToFxRates(await ecbDoc(text));
  if (!mapped.ok) throw new Error(mapped.error.message);
  const byDate = new Map<string, Record<string, string>>();
  for (const r of mapped.value.rates) byDate.set(r.date, { ...byDate.get(r.date), [r.quote]: r.rate });
  return [...byDate].map(([date, rates]) => ({ date, rates }));
}

describe('ECB files in ECB\'s exact layouts', () => {
  it('renders the real 2018-06-11 daily and 90-day files byte for byte from their rates', async () => {
    const daily = readFileSync(new URL('../../fixtures/fx/ecb/eurofxref-daily_2018-06-11.xml', import.meta.url), 'utf8');
    const ninety = readFileSync(new URL('../../fixtures/fx/ecb/eurofxref-hist-90d_2018-06-11.xml', import.meta.url), 'utf8');
    expect(renderDailyXml((await fixtureDays('ecb/eurofxref-daily_2018-06-11.xml'))[0]!)).toBe(daily);
    expect(renderHistoryXml(await fixtureDays('ecb/eurofxref-hist-90d_2018-06-11.xml'))).toBe(ninety);
  });

  it('serves injected fixture days exactly', async () => {
    const days = await fixtureDays('ecb/eurofxref-hist-90d_2018-06-11.xml');
    const { ecb } = await start({ now: () => new Date('2018-06-11T15:00:00Z'), rates: { businessDays: 0, days } });
    const daily = await ecb.getRates('daily');
    expect(daily.dates).toEqual(['2018-06-11']);
    expect(daily.rates.find((r) => r.quote === 'USD')?.rate).toBe('1.179');
    const ninety = await ecb.getRates('hist90d');
    expect([ninety.dates.length, ninety.rates.length]).toEqual([61, 61 * 32]);
  });
});

describe('generated ECB days', () => {
  it('publishes the TARGET business days up to today at 16:00, for the 2026 list of 29 currencies', async () => {
    const { ecb, sandbox } = await start({ now: () => AFTER_EASTER, rates: { businessDays: 120 } });

    const daily = await ecb.getRates('daily');
    expect(daily.dates).toEqual(['2026-04-07']);
    expect(daily.rates).toHaveLength(29);
    expect(daily.rates.map((r) => r.quote)).not.toContain('BGN'); // euro since 1 January 2026

    const ninety = await ecb.getRates('hist90d');
    expect(ninety.dates[0]).toBe('2026-01-08'); // 89 days before 2026-04-07
    expect(ninety.dates.at(-1)).toBe('2026-04-07');
    expect(ninety.dates.every(isTargetBusinessDay)).toBe(true);
    for (const closed of ['2026-04-03', '2026-04-06', '2026-04-04']) expect(ninety.dates).not.toContain(closed);
    expect(ninety.dates).toContain('2026-04-02');

    const history = await ecb.getRates('hist');
    expect(history.dates).toHaveLength(120);
    // Late 2025 still had the lev, pegged.
    expect(history.rates.filter((r) => r.quote === 'BGN').every((r) => r.rate === '1.9558' && r.date <= '2025-12-31')).toBe(true);
    expect(history.rates.some((r) => r.quote === 'BGN')).toBe(true);
    expect(sandbox.stats().latestEcbDate).toBe('2026-04-07');
  });

  it('has plausible magnitudes, and the same figures for a date whenever it is fetched', async () => {
    const first = await start({ now: () => AFTER_EASTER, rates: { businessDays: 30 } });
    const early = await first.ecb.getRates('hist');
    await first.sandbox.close();
    const second = await start({ now: () => new Date('2026-05-20T16:00:00Z'), rates: { businessDays: 60 } });
    const later = await second.ecb.getRates('hist');
    const pick = (rates: typeof early.rates, quote: string) => rates.find((r) => r.date === '2026-03-16' && r.quote === quote)?.rate;
    for (const quote of ['USD', 'JPY', 'GBP', 'IDR']) {
      expect(pick(later.rates, quote), quote).toBe(pick(early.rates, quote));
    }
    const usd = Number(pick(early.rates, 'USD'));
    const jpy = Number(pick(early.rates, 'JPY'));
    expect(usd).toBeGreaterThan(1.0);
    expect(usd).toBeLessThan(1.35);
    expect(jpy).toBeGreaterThan(150);
    expect(jpy).toBeLessThan(210);
    expect(pick(early.rates, 'USD')).toMatch(/^\d\.\d{1,4}$/);
  });

  it('another seed gives other figures', async () => {
    const a = await start({ now: () => AFTER_EASTER, rates: { businessDays: 1, seed: 1 } });
    const one = await a.ecb.getRates('daily');
    await a.sandbox.close();
    const b = await start({ now: () => AFTER_EASTER, rates: { businessDays: 1, seed: 2 } });
    const two = await b.ecb.getRates('daily');
    expect(one.rates.find((r) => r.quote === 'USD')?.rate).not.toBe(two.rates.find((r) => r.quote === 'USD')?.rate);
  });

  it('answers gzip when asked (axios asks)', async () => {
    const { ecb, sandbox } = await start({ now: () => AFTER_EASTER, rates: { businessDays: 5 } });
    await ecb.getRates('daily');
    expect(sandbox.stats().operations.ecbDaily).toEqual({ requests: 1, statuses: { 200: 1 }, injectedFaults: 0, gzipped: 1 });
  });
});

describe('XE stand-in', () => {
  it('convert_from: exact crosses of the day\'s EUR values to 10 decimals, stamped to the minute', async () => {
    const now = new Date('2026-04-07T15:31:27Z');
    const { ecb, xe } = await start({ now: () => now, rates: { businessDays: 5 } });
    const eur = await ecb.getRates('daily');
    const result = await xe.convertFrom({ from: 'USD', to: ['EUR', 'JPY', 'KWD'] });
    expect(result.rates.map((r) => [r.base, r.quote, r.date, r.timestamp])).toEqual([
      ['USD', 'EUR', '2026-04-07', '2026-04-07T15:31:00Z'],
      ['USD', 'JPY', '2026-04-07', '2026-04-07T15:31:00Z'],
      ['USD', 'KWD', '2026-04-07', '2026-04-07T15:31:00Z'],
    ]);
    const eurUsd = Decimal.parse(eur.rates.find((r) => r.quote === 'USD')!.rate);
    const eurJpy = Decimal.parse(eur.rates.find((r) => r.quote === 'JPY')!.rate);
    const mid = (quote: string) => result.rates.find((r) => r.quote === quote)!.rate;
    // USD→EUR = 1 / EURUSD and USD→JPY = EURJPY / EURUSD, rounded half-even to 10 decimals (trailing zeros dropped).
    expect(Decimal.parse(mid('EUR')).eq(Decimal.fromInt(1).div(eurUsd, 10))).toBe(true);
    expect(Decimal.parse(mid('JPY')).eq(eurJpy.div(eurUsd, 10))).toBe(true);
    expect(Number(mid('KWD'))).toBeGreaterThan(0.25);
    expect(Number(mid('KWD'))).toBeLessThan(0.36);
  });

  it('historic_rate: any calendar day (a Saturday too), refusing the future', async () => {
    const { xe } = await start({ now: () => AFTER_EASTER, rates: { businessDays: 5 } });
    const saturday = await xe.historicRate({ from: 'GBP', to: ['KWD', 'EUR'], date: '2026-04-04' });
    expect(saturday.rates.map((r) => [r.quote, r.date, r.timestamp])).toEqual([
      ['KWD', '2026-04-04', '2026-04-04T00:00:00Z'],
      ['EUR', '2026-04-04', '2026-04-04T00:00:00Z'],
    ]);
    const future = await rejection(xe.historicRate({ from: 'GBP', to: ['EUR'], date: '2026-04-08' }));
    expect([future.kind, future.status, future.vendorCode]).toEqual(['validation', 400, '3']);
    const unknown = await rejection(xe.historicRate({ from: 'GBP', to: ['ZZZ'], date: '2026-04-01' }));
    expect([unknown.kind, unknown.message]).toEqual(['validation', 'XE xeHistoricRate: HTTP 400 code 7: No ZZZ found']);
  });

  it('requires basic auth', async () => {
    const { sandbox } = await start({ now: () => AFTER_EASTER, rates: { businessDays: 1 } });
    const stranger = createXeClient({ tenant: 'acme', settings: { baseUrl: sandbox.url }, credentials: { accountId: 'caravan-sandbox', apiKey: 'wrong' }, logger: quiet });
    const error = await rejection(stranger.convertFrom({ from: 'USD', to: ['EUR'] }));
    expect([error.kind, error.status, error.message]).toEqual(['auth', 401, 'XE xeConvertFrom: HTTP 401 code 1: Bad credentials']);
    expect(sandbox.stats().unauthorized).toBe(1);
  });
});

describe('fault injection', () => {
  it('serves an HTML page, then a truncated file, then the real one; the connector never takes them for rates', async () => {
    const { ecb, sandbox } = await start({ now: () => AFTER_EASTER, rates: { businessDays: 5 } });
    sandbox.injectFaults([
      { operation: 'ecbDaily', fault: 'html', count: 2 },
      { operation: 'ecbHist90d', fault: 'truncated', count: 1 },
    ]);
    for (let i = 0; i < 2; i++) {
      const error = await rejection(ecb.getRates('daily'));
      expect(error.kind).toBe('contract');
      expect(error.message).toMatch(/^ECB ecbReferenceRates: eurofxref-daily.xml is not the ECB reference-rate XML: not well-formed XML/);
    }
    expect((await ecb.getRates('daily')).rates).toHaveLength(29);
    const truncated = await rejection(ecb.getRates('hist90d'));
    expect(truncated.message).toMatch(/eurofxref-hist-90d.xml is not the ECB reference-rate XML: not well-formed XML \((Unclosed root tag|Unexpected end)/);
    expect((await ecb.getRates('hist90d')).dates.length).toBeGreaterThan(0);
    const stats = sandbox.stats();
    expect(stats.operations.ecbDaily).toMatchObject({ requests: 3, injectedFaults: 2, statuses: { 200: 3 } });
    expect(stats.operations.ecbHist90d).toMatchObject({ requests: 2, injectedFaults: 1 });
    expect(stats.pendingFaults).toEqual([]);
  });

  it('a 503 is retried by the connector and the next answer succeeds; a 429 reaches XE callers as rate_limited', async () => {
    const { ecb, xe, sandbox } = await start({ now: () => AFTER_EASTER, rates: { businessDays: 5 }, retryAfterSeconds: 7 });
    sandbox.injectFaults({ operation: 'ecbDaily', fault: 503, count: 1 });
    expect((await ecb.getRates('daily')).dates).toEqual(['2026-04-07']);
    expect(sandbox.stats().operations.ecbDaily.statuses).toEqual({ 200: 1, 503: 1 });

    sandbox.injectFaults({ operation: 'xeConvertFrom', fault: 429, count: 1 });
    const error = await rejection(xe.convertFrom({ from: 'USD', to: ['EUR'] }));
    expect([error.kind, error.retryAfterMs]).toEqual(['rate_limited', 7000]);
    sandbox.injectFaults({ operation: 'xeHistoricRate', fault: 'truncated', count: 1 });
    expect((await rejection(xe.historicRate({ from: 'USD', to: ['EUR'], date: '2026-04-01' }))).kind).toBe('contract');
  });

  it('takes faults and gives stats over its admin API', async () => {
    const { sandbox } = await start({ now: () => AFTER_EASTER, rates: { businessDays: 1 } });
    const post = (body: unknown) => fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ operation: 'ecbHist', fault: 'html', count: 1 })).status).toBe(200);
    const bad = await post({ operation: 'ecbHist', fault: 418, count: 1 });
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'fault must be "html", "truncated", 429, 500 or 503' }]);
    const stats = (await (await fetch(`${sandbox.url}/_sandbox/stats`)).json()) as { pendingFaults: unknown[]; latestEcbDate: string };
    expect(stats.pendingFaults).toEqual([{ operation: 'ecbHist', fault: 'html', count: 1 }]);
    expect(stats.latestEcbDate).toBe('2026-04-07');
    expect((await fetch(`${sandbox.url}/stats/eurofxref/eurofxref-weekly.xml`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/stats/eurofxref/eurofxref-daily.xml`, { method: 'POST' })).status).toBe(405);
  });
});
