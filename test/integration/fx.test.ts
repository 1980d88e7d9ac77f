/**
 * Currency rates on the real dev server: the daily fxRefresh schedule created by
 * `schedules apply` and triggered, a backfill, XE through its API, explained conversions
 * from the stored rates, and a broken feed turned into a typed failure, never a rate.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchedules } from '../../cli/commands/schedules.js';
import { fxBackfillCommand, fxConvertCommand, fxRefreshCommand } from '../../cli/commands/fx.js';
import { listRuns } from '../../cli/commands/runs.js';
import { SANDBOX_XE_ACCOUNT, startFxSandbox, type FxSandbox } from '../../sandbox/fx/index.js';
import { Decimal } from '../../mappings/canonical/decimal.js';
import { getFxRates, latestFxRateDate } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import { createHarness, eventually, type Harness } from './harness.js';

// The sandbox's clock: Tuesday 2026-03-10, 18:00 UTC (after the ECB's 16:00 CET publication).
const NOW = new Date('2026-03-10T18:00:00Z');

describe('fx rates', () => {
  let h: Harness;
  let fx: FxSandbox;

  beforeAll(async () => {
    fx = await startFxSandbox({ now: () => NOW });
    process.env.CARAVAN_TEST_XE_ACCOUNT = SANDBOX_XE_ACCOUNT.accountId;
    process.env.CARAVAN_TEST_XE_KEY = SANDBOX_XE_ACCOUNT.apiKey;
    h = await createHarness({
      tenants: [`fx-${Date.now().toString(36)}`],
      extraConfig: {
        fx: {
          default: 'ecb',
          sources: {
            ecb: { vendor: 'ecb', settings: { baseUrl: fx.url } },
            xe: {
              vendor: 'xe',
              settings: { baseUrl: fx.url },
              secrets: { accountId: { env: 'CARAVAN_TEST_XE_ACCOUNT' }, apiKey: { env: 'CARAVAN_TEST_XE_KEY' } },
              base: 'EUR',
              currencies: ['USD', 'GBP', 'JPY', 'KWD'],
            },
          },
          refresh: { sources: ['ecb'], at: '16:30', timezone: 'Europe/Berlin' },
        },
      },
    });
  });
  afterAll(async () => {
    try {
      await h?.client.schedule.getHandle('fx-refresh/ecb').delete();
    } catch {
      // not created
    }
    await h?.stop();
    await fx?.close();
  });

  it('the daily schedule refreshes the ECB rates', async () => {
    const applied = await applySchedules(h.client, h.config, { taskQueue: h.taskQueue });
    expect(applied.created).toContain('fx-refresh/ecb');
    const schedule = await h.client.schedule.getHandle('fx-refresh/ecb').describe();
    expect(schedule.spec.timezone).toBe('Europe/Berlin');
    expect(schedule.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 16, end: 16, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'fxRefresh' });

    await h.client.schedule.getHandle('fx-refresh/ecb').trigger();
    const runs = await eventually(async () => {
      const r = await listRuns(h.client, { flow: 'fx-refresh', limit: 5 });
      return r.some((x) => x.status === 'COMPLETED' && x.workflowId.startsWith('fx-refresh/ecb-')) ? r : undefined;
    }, 60_000);
    expect(runs[0]!.channel).toBe('ecb');

    // ecbDays() lists the newest day first, as the ECB's files do.
    const latest = fx.ecbDays()[0]!;
    expect(latest.date).toBe('2026-03-10');
    expect(await latestFxRateDate(h.db, 'ecb')).toBe('2026-03-10');
    const stored = await getFxRates(h.db, { source: 'ecb', from: '2026-03-10', to: '2026-03-10' });
    expect(stored).toHaveLength(Object.keys(latest.rates).length);
    expect(Decimal.parse(stored.find((r) => r.quote === 'USD')!.rate).eq(Decimal.parse(latest.rates.USD!))).toBe(true);
  });

  it('backfills a range once, and a rerun changes nothing', async () => {
    const first = await fxBackfillCommand(h.client, h.config, { from: '2026-01-01', to: '2026-02-28', taskQueue: h.taskQueue });
    const published = fx.ecbDays().filter((d) => d.date >= '2026-01-01' && d.date <= '2026-02-28');
    expect(first.dates).toBe(published.length);
    expect(first.firstDate).toBe(published.at(-1)!.date);
    expect(first.lastDate).toBe(published[0]!.date);
    expect(first.inserted).toBe(published.reduce((n, d) => n + Object.keys(d.rates).length, 0));
    // 1 January is a TARGET holiday: nothing published.
    expect(published.some((d) => d.date === '2026-01-01')).toBe(false);

    // The same backfill again (a new run of the same workflow id): every rate is already stored.
    const again = await fxBackfillCommand(h.client, h.config, { from: '2026-01-01', to: '2026-02-28', taskQueue: h.taskQueue });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted, dates: first.dates });
  });

  it('reads XE with basic auth, rates kept exactly as published', async () => {
    const r = await fxRefreshCommand(h.client, h.config, { source: 'xe', taskQueue: h.taskQueue });
    expect(r.source).toBe('xe');
    expect(r.rates).toBe(4);
    const kwd = (await getFxRates(h.db, { source: 'xe', from: '2026-03-10', to: '2026-03-10' })).find((x) => x.quote === 'KWD');
    expect(kwd?.rate).toMatch(/^\d+\.\d{1,10}$/);
  });

  it('converts from the stored rates and explains a weekend fallback', async () => {
    const logger = createLogger({ level: 'silent' });
    // Saturday 2026-02-28 → the rate of Friday 2026-02-27.
    const text = await fxConvertCommand({ db: h.db, config: h.config, logger }, { amount: '100', from: 'USD', to: 'JPY', date: '2026-02-28' });
    const friday = fx.ecbDays().find((d) => d.date === '2026-02-27')!;
    expect(text).toContain('published for 2026-02-27');
    expect(text).toContain('weekend, 1 day(s) back');
    expect(text).toContain('(cross through EUR)');
    // The history files drop trailing zeros (1.1300 → 1.13), and the store keeps the text it read.
    const asPublished = (rate: string) => Decimal.parse(rate).normalize().toString();
    expect(text).toContain(`1 EUR = ${asPublished(friday.rates.JPY!)} JPY`);
    expect(text).toContain(`1 EUR = ${asPublished(friday.rates.USD!)} USD`);
  });

  it('turns an HTML page in place of the XML into a typed failure, storing nothing', async () => {
    const before = await getFxRates(h.db, { source: 'ecb', from: '2000-01-01', to: '2100-01-01' });
    fx.injectFaults({ operation: 'ecbDaily', fault: 'html', count: 1 });
    const failure = await fxRefreshCommand(h.client, h.config, { taskQueue: h.taskQueue }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause?.cause as { type?: string; message?: string } | undefined;
    expect(cause?.type).toBe('contract');
    expect(cause?.message).toMatch(/not the ECB reference-rate XML/);
    expect(await getFxRates(h.db, { source: 'ecb', from: '2000-01-01', to: '2100-01-01' })).toHaveLength(before.length);
  });
});
