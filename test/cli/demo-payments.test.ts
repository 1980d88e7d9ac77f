/**
 * The demo's PayPal import and its reconciliation side by side: the PayPal stand-in, seeded around
 * the demo's anchor as `npm start` seeds it, read into the demo tenant's ledger over the demo's
 * ledger period (the real connector and page activity): none of its lines falls in the period the
 * demo reconciles (the Amazon stand-in's newest settlement period), where the stand-in's sales,
 * which are no demo orders, would be named missing orders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentLedgerActivities } from '../../activities/payment-ledger.js';
import { runReconciliation } from '../../activities/reconcile.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { demoLedgerPeriod } from '../../cli/commands/demo-payments.js';
import { anchoredClock, DEMO_STRIPE_TEST_KEY, startPaymentStandIns } from '../../cli/stack-payments.js';
import { resolveStripeMock } from '../../worker/stripe-mock.js';
import { DEMO_CONFIG_PATH, loadTenantsConfig } from '../../config/tenants-config.js';
import { SANDBOX_PAYPAL_CREDENTIALS, startPaypalSandbox, type PaypalSandbox } from '../../sandbox/paypal/index.js';
import { closeDatabase, countLedgerLines, migrateLatest, openDatabase, upsertOrders } from '../../store/index.js';
import { order } from '../engines/reconcile/reconcile-fixtures.js';

const TODAY = '2026-12-06';
const ANCHOR = new Date(`${TODAY}T08:30:00Z`);
/** Where the Amazon stand-in's newest settlement period starts for this anchor (its last one ends 3 days before, 14 days long): the demo reconciles from there. */
const RECONCILED_FROM = '2026-11-19T00:00:00.000Z';
const ORDERS = [1, 2, 3, 4, 5, 6].map((n) => order(`028-100000${n}-000000${n}`, 'amazon-eu', 1000 + n * 1111, 'EUR'));
const logger = pino({ level: 'silent' });
const fx = { rateTableFor: () => Promise.resolve({ date: TODAY, rates: [] } as never) };

describe('the demo: PayPal lines in the ledger, the reconciliation unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-demo-payments-'));
  let db: Knex;
  let paypal: PaypalSandbox;
  beforeAll(async () => {
    paypal = await startPaypalSandbox({ clock: anchoredClock(ANCHOR) });
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    await upsertOrders(db, 'demo', ORDERS);
  });
  afterAll(async () => {
    await paypal.close();
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the ledger period ends before the reconciled period begins', () => {
    expect(demoLedgerPeriod(ANCHOR)).toEqual({ from: '2026-10-07T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
    expect(demoLedgerPeriod(ANCHOR, RECONCILED_FROM)).toEqual({ from: '2026-10-07T00:00:00.000Z', to: RECONCILED_FROM });
    expect(demoLedgerPeriod(ANCHOR, '2026-12-01T00:00:00.000Z').to).toBe('2026-11-28T00:00:00.000Z');
  });

  it('imports the stand-in over that period, and the reconciled period sees none of it', async () => {
    const config = loadTenantsConfig(DEMO_CONFIG_PATH, { CARAVAN_SANDBOX_PAYPAL_URL: paypal.url });
    const env = { CARAVAN_DEMO_PAYPAL_CLIENT_ID: SANDBOX_PAYPAL_CREDENTIALS.clientId, CARAVAN_DEMO_PAYPAL_CLIENT_SECRET: SANDBOX_PAYPAL_CREDENTIALS.clientSecret };
    const activities = createPaymentLedgerActivities({ db, config, vendors: createVendorClients({ config, logger, env }), logger, fx, context: () => ({ cancellationSignal: new AbortController().signal }) });
    const { from, to } = demoLedgerPeriod(ANCHOR, RECONCILED_FROM);
    let cursor: string | undefined;
    let inserted = 0;
    do {
      const page = await activities.importPaymentLedgerPage({ tenant: 'demo', connection: 'paypal', from, to, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.failed).toBe(0);
      inserted += page.inserted;
      cursor = page.cursor;
    } while (cursor !== undefined);
    const seeded = paypal.transactions().filter((t) => t.atMs >= Date.parse(from) && t.atMs < Date.parse(to)).length;
    expect(seeded).toBeGreaterThan(100);
    expect(await countLedgerLines(db, { tenant: 'demo', source: 'paypal' })).toBe(inserted);
    expect(inserted).toBeGreaterThanOrEqual(seeded);

    // The stand-in's sales are no demo orders: reconciled, they are missing orders; the demo's period has none of them.
    const inside = await runReconciliation({ db, config }, { tenant: 'demo', period: { from: '2026-11-01', to: '2026-11-07' }, asOf: `${TODAY}T04:00:00Z` });
    expect(inside.result.discrepancies.filter((d) => d.kind === 'missing-order').length).toBeGreaterThan(5);
    const reconciled = await runReconciliation({ db, config }, { tenant: 'demo', period: { from: RECONCILED_FROM.slice(0, 10), to: '2026-12-02' }, asOf: `${TODAY}T04:00:00Z` });
    expect(reconciled.result.discrepancies).toEqual([]);
    expect(reconciled.result.totals).toEqual([]);
  });
});

describe('the demo stack: payment stand-ins', () => {
  it('starts the PayPal stand-in on the anchor, and stripe-mock only when a binary is found (never built); publishes their URLs and demo keys', async () => {
    const keys = ['CARAVAN_SANDBOX_PAYPAL_URL', 'CARAVAN_DEMO_PAYPAL_CLIENT_ID', 'CARAVAN_DEMO_PAYPAL_CLIENT_SECRET', 'CARAVAN_SANDBOX_STRIPE_URL', 'CARAVAN_DEMO_STRIPE_SECRET_KEY'] as const;
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    for (const k of keys) delete process.env[k];
    const stops: (() => Promise<void>)[] = [];
    const said: string[] = [];
    try {
      const found = await resolveStripeMock({ allowBuild: false }).then(() => true, () => false);
      const s = await startPaymentStandIns({ paypalPort: 0, anchor: ANCHOR, host: '127.0.0.1' }, (l) => said.push(l), stops, (port) => new Error(`in use ${port}`));
      expect(process.env.CARAVAN_SANDBOX_PAYPAL_URL).toBe(s.paypal.url);
      expect(process.env.CARAVAN_DEMO_PAYPAL_CLIENT_ID).toBe(SANDBOX_PAYPAL_CREDENTIALS.clientId);
      expect(s.paypal.stats().now.slice(0, 10)).toBe(TODAY);
      expect(s.stripeMock !== undefined).toBe(found);
      expect(process.env.CARAVAN_DEMO_STRIPE_SECRET_KEY).toBe(found ? DEMO_STRIPE_TEST_KEY : undefined);
      if (s.stripeMock) expect((await fetch(`${s.stripeMock.url}/v1/balance_transactions`, { headers: { authorization: `Bearer ${DEMO_STRIPE_TEST_KEY}` } })).status).toBe(200);
      expect(said.join('\n')).toContain(found ? 'stripe-mock' : 'the demo leaves Stripe out');
      expect(stops).toHaveLength(found ? 2 : 1);
    } finally {
      for (const stop of stops.reverse()) await stop();
      for (const k of keys) if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
});
