/**
 * The demo's reconciliation on the stand-ins, without Temporal: the Amazon stand-in started as
 * `npm start` starts it (240 orders, plantSettlementDiscrepancies) and the PayPal stand-in on the
 * same anchor; the hub holds the shipped orders at their totals; the settlements created since the
 * planted one come in through the real connector and settlement activity, the period's PayPal
 * withdrawals through the real page activity (each withdrawal's instant only), the bank's
 * camt.053 is generated from the ledger's payouts; one pass with the demo tenants file's rules
 * names exactly the four planted discrepancies, nothing else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentLedgerActivities } from '../../activities/payment-ledger.js';
import type { ReportActivityContext } from '../../activities/reports.js';
import { runReconciliation } from '../../activities/reconcile.js';
import { createSettlementActivities } from '../../activities/settlements.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { bankImportCommand } from '../../cli/commands/bank.js';
import { comparePlanted, DEMO_BANK_IBANS, demoBankStatements, demoMissingWithdrawal, demoPeriodPayouts, demoReconcilePeriod, demoWithdrawals, plantedDiscrepancies } from '../../cli/commands/demo-reconcile.js';
import { anchoredClock } from '../../cli/stack-payments.js';
import { DEMO_CONFIG_PATH, loadTenantsConfig } from '../../config/tenants-config.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { discrepancyId } from '../../engines/reconcile/index.js';
import { generateAmazonSeed, KNOWN_MALFORMED_ORDERS, MARKETPLACES, SANDBOX_DEMO_CREDENTIALS, startAmazonSandbox, type AmazonSandbox, type PlantedSettlement } from '../../sandbox/amazon/index.js';
import { SANDBOX_PAYPAL_CREDENTIALS, startPaypalSandbox, type PaypalSandbox } from '../../sandbox/paypal/index.js';
import { closeDatabase, migrateLatest, openDatabase, upsertOrders } from '../../store/index.js';
import { FakeClock } from '../connectors/fake-clock.js';
import { order } from '../engines/reconcile/reconcile-fixtures.js';

const ANCHOR = new Date('2026-12-06T08:30:00Z');
const logger = pino({ level: 'silent' });
const context: ReportActivityContext = { heartbeat: () => undefined, cancellationSignal: new AbortController().signal };
const fx = { rateTableFor: () => Promise.resolve({ date: '2026-12-01', rates: [] } as never) };
const seed = generateAmazonSeed({ now: ANCHOR, count: 240 }).orders;
const malformed = new Set(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId));
const EU = MARKETPLACES.filter((m) => m.region === 'EU').map((m) => m.marketplaceId);

describe('the demo reconciliation on the stand-ins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-demo-reconcile-'));
  const limiterClock = new FakeClock(ANCHOR.getTime());
  let amazon: AmazonSandbox;
  let paypal: PaypalSandbox;
  let db: Knex;
  beforeAll(async () => {
    amazon = await startAmazonSandbox({ orders: seed, now: () => ANCHOR, rateLimits: false, plantSettlementDiscrepancies: true });
    paypal = await startPaypalSandbox({ clock: anchoredClock(ANCHOR) });
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    // What the demo's order import leaves in the hub: every well-formed shipped order, at its total.
    const held = seed.filter((o) => !malformed.has(o.order.AmazonOrderId) && ['Shipped', 'InvoiceUnconfirmed'].includes(o.order.OrderStatus) && o.order.OrderTotal !== undefined);
    const minor = (a: string, currency: string) => (currency === 'JPY' ? Number(a) : Math.round(Number(a) * 100));
    await upsertOrders(db, 'demo', held.map((o) => order(o.order.AmazonOrderId, 'amazon-eu', minor(o.order.OrderTotal!.Amount!, o.order.OrderTotal!.CurrencyCode!), o.order.OrderTotal!.CurrencyCode!)));
  });
  afterAll(async () => {
    await amazon?.close();
    await paypal?.close();
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('derives the period, the withdrawals and the expectations from what the stand-ins name', () => {
    const planted = amazon.plantedSettlement()!;
    const period = demoReconcilePeriod(planted);
    // The settlement's days through its deposit day.
    expect(period).toEqual({ from: planted.startTime.slice(0, 10), to: planted.depositTime.slice(0, 10) });
    expect(Date.parse(planted.depositTime)).toBeGreaterThan(Date.parse(planted.endTime));
    const withdrawals = demoWithdrawals(paypal.transactions(), period);
    expect(withdrawals.length).toBeGreaterThanOrEqual(1);
    expect(withdrawals.every((w) => w.eventCode === 'T0400' && w.amount.minor < 0)).toBe(true);
    const refund = { ...planted, refundedTwice: { ...planted.refundedTwice, amount: '-12.34' } };
    expect(plantedDiscrepancies(refund, { source: 'paypal', payoutId: 'P1', amount: { amountMinor: 100, currency: 'EUR' } }).map((p) => [p.kind, p.keys])).toEqual([
      ['amount-mismatch', { orderId: planted.overpaid.orderId, compared: 'sales' }],
      ['fee-anomaly', { orderId: planted.overcharged.orderId }],
      ['duplicate-refund', { orderId: planted.refundedTwice.orderId, amountMinor: '-1234' }],
      ['payout-not-received', { payoutId: 'P1' }],
    ]);
    expect(() => plantedDiscrepancies({ ...planted, refundedTwice: { ...planted.refundedTwice, amount: '12,34' } } as PlantedSettlement, { source: 'paypal', payoutId: 'P1', amount: { amountMinor: 1, currency: 'EUR' } })).toThrow('is not an amount');
    const statements = demoBankStatements(
      [
        { source: 'paypal', payoutId: 'A', amount: { amountMinor: 1000, currency: 'EUR' }, expectedOn: '2026-11-20', references: ['A'], lineIds: [] },
        { source: 'paypal', payoutId: 'B', amount: { amountMinor: 2000, currency: 'EUR' }, expectedOn: '2026-11-27', references: ['B'], lineIds: [] },
        { source: 'amazon', payoutId: '11000000007', amount: { amountMinor: 3000, currency: 'GBP' }, expectedOn: '2026-11-28', references: ['11000000007'], lineIds: [] },
      ],
      'B',
      '2026-12-01T22:00:00Z',
    );
    expect(statements.map((st) => [st.currency, st.account, st.entries])).toEqual([
      ['EUR', DEMO_BANK_IBANS.EUR, 1],
      ['GBP', DEMO_BANK_IBANS.GBP, 1],
    ]);
    expect(statements[0]!.xml).toContain('<Amt Ccy="EUR">10.00</Amt>');
    expect(statements[0]!.xml).toContain('PAYPAL TRANSFER A');
    expect(statements[0]!.xml).not.toContain('TRANSFER B');
    expect(statements[1]!.xml).toContain('<IBAN>GB33BUKB20201555555555</IBAN>');
    expect(statements[1]!.xml).toContain('AMAZON TRANSFER 11000000007');
    // A currency without an IBAN account: the account named by another id.
    const [yen] = demoBankStatements([{ source: 'amazon', payoutId: 'X', amount: { amountMinor: 1, currency: 'JPY' }, expectedOn: '2026-11-28', references: [], lineIds: [] }], 'B', '2026-12-01T22:00:00Z');
    expect(yen).toMatchObject({ currency: 'JPY', account: 'DEMO-JPY-0001', entries: 1 });
    expect(yen!.xml).toContain('<Othr><Id>DEMO-JPY-0001</Id></Othr>');
  });

  it('names exactly the planted discrepancies, with the rules of the demo tenants file', async () => {
    const planted = amazon.plantedSettlement()!;
    const period = demoReconcilePeriod(planted);
    const config = loadTenantsConfig(DEMO_CONFIG_PATH, { CARAVAN_SANDBOX_URL: amazon.url, CARAVAN_SANDBOX_PAYPAL_URL: paypal.url });
    const env = {
      CARAVAN_DEMO_LWA_CLIENT_ID: SANDBOX_DEMO_CREDENTIALS.clientId,
      CARAVAN_DEMO_LWA_CLIENT_SECRET: SANDBOX_DEMO_CREDENTIALS.clientSecret,
      CARAVAN_DEMO_LWA_REFRESH_TOKEN_EU: SANDBOX_DEMO_CREDENTIALS.refreshToken,
      CARAVAN_DEMO_PAYPAL_CLIENT_ID: SANDBOX_PAYPAL_CREDENTIALS.clientId,
      CARAVAN_DEMO_PAYPAL_CLIENT_SECRET: SANDBOX_PAYPAL_CREDENTIALS.clientSecret,
    };
    const vendors = createVendorClients({ config, logger, env, limiter: new RateLimiterRegistry({ clock: limiterClock }) });
    expect((config.tenants.demo!.connections['amazon-eu']!.settings.marketplaceIds as string[]).includes(planted.marketplaceId)).toBe(true);
    expect(EU).toContain(planted.marketplaceId);

    // settlementsImport's activities: the reports created since the planted one.
    const settlements = createSettlementActivities({ db, config, vendors, logger, dataDir: dir, fx, context: () => context });
    const listed = await settlements.listSettlementReports({ tenant: 'demo', connection: 'amazon-eu', createdSince: planted.reportCreatedTime });
    expect(listed.reports.map((r) => r.reportId)).toContain(planted.reportId);
    for (const r of listed.reports) {
      limiterClock.nowMs += 120_000;
      expect((await settlements.importSettlementReport({ tenant: 'demo', connection: 'amazon-eu', reportId: r.reportId, documentId: r.documentId })).failed).toBe(0);
    }

    // paymentLedgerSync's activity: each withdrawal of the period, at its instant.
    const ledger = createPaymentLedgerActivities({ db, config, vendors, logger, fx, context: () => ({ cancellationSignal: new AbortController().signal }) });
    const withdrawals = demoWithdrawals(paypal.transactions(), period);
    for (const w of withdrawals) {
      const page = await ledger.importPaymentLedgerPage({ tenant: 'demo', connection: 'paypal', from: new Date(w.atMs).toISOString(), to: new Date(w.atMs + 1000).toISOString() });
      expect(page).toMatchObject({ failed: 0, inserted: 1 });
    }

    const payouts = await demoPeriodPayouts(db, 'demo', period);
    // PayPal's withdrawals, and the deposit of every settlement closed with the planted one (the planted one's among them).
    expect(payouts.filter((p) => p.source === 'paypal')).toHaveLength(withdrawals.length);
    expect(payouts.filter((p) => p.source === 'amazon').map((p) => p.payoutId)).toContain(planted.settlementId);
    const missing = payouts.find((p) => p.lineIds.includes(demoMissingWithdrawal(withdrawals, planted)!.id))!;
    for (const statement of demoBankStatements(payouts, missing.payoutId, `${period.to}T22:00:00Z`)) {
      const file = join(dir, `camt053-${statement.currency}.xml`);
      writeFileSync(file, statement.xml);
      expect((await bankImportCommand({ db, config }, file, { tenant: 'demo' })).errors).toEqual([]);
    }

    const planned = plantedDiscrepancies(planted, missing);
    const run = await runReconciliation({ db, config }, { tenant: 'demo', period, asOf: ANCHOR.toISOString() });
    const found = run.result.discrepancies;
    expect(comparePlanted(planned, found)).toEqual({ missing: [], unexpected: [] });
    expect(found).toHaveLength(4);
    expect(run.result.pending).toEqual([]);
    expect(found.map((d) => d.id).sort()).toEqual(planned.map((p) => discrepancyId(p.kind, { source: p.kind === 'payout-not-received' ? 'paypal' : 'amazon', ...p.keys })).sort());
    expect(found.find((d) => d.kind === 'fee-anomaly')?.difference).toEqual({ amountMinor: -300, currency: 'EUR' });
    expect(found.find((d) => d.kind === 'amount-mismatch')?.difference).toEqual({ amountMinor: 500, currency: 'EUR' });
    expect(run.result.payoutMatches).toHaveLength(payouts.length - 1);
    expect(run.result.orderMatches.length).toBeGreaterThan(20);
  });
});
