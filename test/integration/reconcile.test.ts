/**
 * The reconcile workflow on the real dev server. Time cannot be skipped there, so the tenants
 * file gives grace periods of seconds (bankGraceDays in fractions of a day, counted from the end
 * of the payout's expected day — yesterday — so the deadline lands a few seconds after the test
 * starts):
 * - a payout with no bank credit is pending until its deadline: the run sleeps on a durable
 *   timer, then passes again and declares it; the summary is in the memo, tenant and flow in
 *   the search attributes, the report on disk;
 * - a bank credit imported before the deadline plus a `lateData` signal wake the run early and
 *   clear the payout: nothing declared;
 * - the demo's planted discrepancies (an Amazon stand-in settlement imported by settlementsImport,
 *   PayPal stand-in withdrawals by paymentLedgerSync, a camt.053) are found by the workflow, exactly those;
 * - the nightly Schedule comes from the tenants file and its run reconciles the day before it started.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { parse as parseYaml } from 'yaml';
import { bankImportCommand, wakeReconcileRuns } from '../../cli/commands/bank.js';
import { camt053Statement, demoReconcilePeriod, runDemoReconciliation, stripePayoutTransaction } from '../../cli/commands/demo-reconcile.js';
import { generateAmazonSeed, KNOWN_MALFORMED_ORDERS } from '../../sandbox/amazon/index.js';
import { SANDBOX_PAYPAL_CREDENTIALS, SANDBOX_PAYPAL_WEBHOOK_ID, startPaypalSandbox, type PaypalSandbox } from '../../sandbox/paypal/index.js';
import { ledgerImportCommand } from '../../cli/commands/ledger.js';
import { startReconcile } from '../../cli/commands/reconcile.js';
import { signalReconcileLateData } from '../../worker/reconcile-signaller.js';
import { listRuns } from '../../cli/commands/runs.js';
import { applySchedules } from '../../cli/commands/schedules.js';
import { DEMO_CONFIG_PATH } from '../../config/tenants-config.js';
import { discrepancyId } from '../../engines/reconcile/index.js';
import { main } from '../../cli/main.js';
import { upsertOrders } from '../../store/index.js';
import { reconcileScheduleId, reconcileWorkflowId, SEARCH_ATTRIBUTES } from '../../temporal.config.js';
import type { reconcile, ReconcileProgress } from '../../workflows/reconcile.js';
import { order } from '../engines/reconcile/reconcile-fixtures.js';
import { createHarness, eventually, tenantsConfigFor, type Harness } from './harness.js';

const HISTORIES = join(import.meta.dirname, '..', 'fixtures', 'histories');
const DAY_MS = 86_400_000;
const t0 = Date.now();
const today = new Date(t0).toISOString().slice(0, 10);
const yesterday = new Date(t0 - DAY_MS).toISOString().slice(0, 10);
const todayStart = Date.parse(`${today}T00:00:00Z`);
/** bankGraceDays that make a payout expected yesterday due `ms` after the test file started. */
const graceDaysFor = (ms: number) => (t0 + ms - todayStart) / DAY_MS;
const WAIT_MS = 20_000;
const LATE_MS = 240_000;

const suffix = t0.toString(36);
const tenants = { wait: `rec-wait-${suffix}`, late: `rec-late-${suffix}`, demo: `rec-demo-${suffix}`, nightly: `rec-night-${suffix}`, cli: `rec-cli-${suffix}`, giveUp: `rec-giveup-${suffix}`, noWait: `rec-nowait-${suffix}` };
const demoRules = (parseYaml(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as { tenants: { demo: { reconcile: { rules: unknown } } } }).tenants.demo.reconcile.rules;

/** The demo's stand-ins: the Amazon one seeded and planted as `npm start` does it, the PayPal one on the same clock. */
const amazonSeed = generateAmazonSeed({ now: new Date(t0), count: 240 }).orders;

describe('reconcile workflow', () => {
  let h: Harness;
  let paypal: PaypalSandbox;
  beforeAll(async () => {
    paypal = await startPaypalSandbox({});
    process.env.CARAVAN_TEST_PAYPAL_CLIENT_ID = SANDBOX_PAYPAL_CREDENTIALS.clientId;
    process.env.CARAVAN_TEST_PAYPAL_CLIENT_SECRET = SANDBOX_PAYPAL_CREDENTIALS.clientSecret;
    h = await createHarness({
      tenants: Object.values(tenants),
      sandbox: { orders: amazonSeed, plantSettlementDiscrepancies: true },
      configFor: (generated) => {
        const all = (generated as { tenants: Record<string, Record<string, unknown>> }).tenants;
        all[tenants.wait]!.reconcile = { rules: { bankGraceDays: graceDaysFor(WAIT_MS) } };
        all[tenants.late]!.reconcile = { rules: { bankGraceDays: graceDaysFor(LATE_MS) } };
        all[tenants.demo]!.reconcile = { rules: demoRules };
        (all[tenants.demo]!.connections as Record<string, unknown>).paypal = {
          vendor: 'paypal',
          settings: { endpoint: paypal.url, webhookId: SANDBOX_PAYPAL_WEBHOOK_ID },
          secrets: { clientId: { env: 'CARAVAN_TEST_PAYPAL_CLIENT_ID' }, clientSecret: { env: 'CARAVAN_TEST_PAYPAL_CLIENT_SECRET' } },
        };
        all[tenants.nightly]!.reconcile = { schedule: { cron: '30 5 * * *' } };
        all[tenants.giveUp]!.reconcile = { rules: { bankGraceDays: graceDaysFor(LATE_MS) } };
        all[tenants.noWait]!.reconcile = { rules: { bankGraceDays: graceDaysFor(LATE_MS) } };
        return generated;
      },
    });
  });
  afterAll(async () => {
    await h?.client.schedule
      .getHandle(reconcileScheduleId(tenants.nightly))
      .delete()
      .catch(() => undefined);
    await h?.stop();
    await paypal?.close();
  });

  const logger = pino({ level: 'silent' });
  async function importPayout(tenant: string, payoutId: string, amountMinor: number) {
    const file = join(h.dir, `${payoutId}.json`);
    writeFileSync(file, JSON.stringify({ object: 'list', has_more: false, url: '/v1/balance_transactions', data: [stripePayoutTransaction(payoutId, amountMinor, yesterday, yesterday)] }));
    await ledgerImportCommand({ db: h.db, config: h.config, logger }, 'stripe.balance-transactions', file, { tenant });
  }
  /** The run's history replays against today's code; CARAVAN_RECORD_HISTORIES=1 keeps it for the replay test. */
  async function replayAndKeep(workflowId: string, runId: string | undefined, file: string) {
    const history = await h.client.workflow.getHandle(workflowId, runId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, `replay-${file}`);
    if (process.env.CARAVAN_RECORD_HISTORIES === '1') writeFileSync(join(HISTORIES, file), historyToJSON(history));
  }
  const progressOf = (tenant: string) => h.client.workflow.getHandle<typeof reconcile>(reconcileWorkflowId(tenant, yesterday, yesterday)).query<ReconcileProgress>('progress');

  it('waits for a payout until its grace deadline on a durable timer, then declares it not received', async () => {
    const payoutId = `po_wait${suffix}`;
    await importPayout(tenants.wait, payoutId, 12_345);
    const s = await startReconcile(h.client, h.config, { tenant: tenants.wait, from: yesterday, to: yesterday, taskQueue: h.taskQueue });
    expect(s.workflowId).toBe(`reconcile/${tenants.wait}/${yesterday}..${yesterday}`);
    const waiting = await eventually(async () => {
      const p = await progressOf(tenants.wait);
      return p.phase === 'waiting-for-late-data' ? p : undefined;
    });
    expect(waiting.last).toMatchObject({ pending: 1, pendingByKind: { 'payout-not-received': 1 }, open: 0 });
    expect(Date.parse(waiting.nextPassAt!)).toBeGreaterThanOrEqual(t0 + WAIT_MS - 1000);
    expect((await s.handle.describe()).status.name).toBe('RUNNING');

    const result = await s.handle.result();
    expect(Date.now()).toBeGreaterThanOrEqual(t0 + WAIT_MS);
    expect(result).toMatchObject({ passes: 2, pending: 0, open: 1, gaveUpWaiting: false, byKind: { 'payout-not-received': 1, 'amount-mismatch': 0, 'fee-anomaly': 0 } });
    const id = discrepancyId('payout-not-received', { source: 'stripe', payoutId });
    expect(readFileSync(result.files.csv, 'utf8')).toContain(id);
    expect(result.files.csv.startsWith(join(h.dir, 'data', 'reconcile'))).toBe(true);

    await replayAndKeep(s.workflowId, undefined, 'reconcile-grace-wait.json');
    const d = await s.handle.describe();
    expect(d.memo).toMatchObject({ reconcile: { period: `${yesterday}..${yesterday}`, open: 1, pending: 0, byKind: { 'payout-not-received': 1 }, report: { csv: result.files.csv } } });
    expect(d.searchAttributes[SEARCH_ATTRIBUTES.tenant.name]).toEqual([tenants.wait]);
    expect(d.searchAttributes[SEARCH_ATTRIBUTES.flow.name]).toEqual(['reconcile']);
  });

  it('a bank deposit arriving before the deadline and a lateData signal clear the payout at once', async () => {
    const payoutId = `po_late${suffix}`;
    await importPayout(tenants.late, payoutId, 50_000);
    // Started as the CLI does, with a history limit that makes the wake-up continue as new.
    const handle = await h.client.workflow.start<typeof reconcile>('reconcile', {
      taskQueue: h.taskQueue,
      workflowId: reconcileWorkflowId(tenants.late, yesterday, yesterday),
      args: [{ tenant: tenants.late, from: yesterday, to: yesterday, continueAsNewAfterEvents: 1 }],
    });
    await eventually(async () => (await progressOf(tenants.late)).phase === 'waiting-for-late-data');

    const camt = join(h.dir, 'late-deposit.xml');
    writeFileSync(
      camt,
      camt053Statement({
        messageId: `IT-${suffix}`,
        statementId: `IT-STMT-${suffix}`,
        createdAt: new Date().toISOString(),
        iban: 'DE89370400440532013000',
        currency: 'EUR',
        entries: [{ amount: { amountMinor: 50_000, currency: 'EUR' }, bookingDate: today, bankReference: `IT-${suffix}-1`, remittance: `STRIPE PAYMENTS ${payoutId}` }],
      }),
    );
    const imported = await bankImportCommand({ db: h.db, config: h.config }, camt, { tenant: tenants.late });
    expect(imported.errors).toEqual([]);
    // What `caravan bank import` does after writing new entries (and the webhook intake on a payout event):
    // wake the tenant's waiting runs, found by search attributes.
    const signalled = await eventually(async () => {
      const ids = await wakeReconcileRuns(h.client, imported);
      return ids.length > 0 ? ids : undefined;
    });
    expect(signalled).toEqual([handle.workflowId]);

    const result = await handle.result();
    expect(Date.now()).toBeLessThan(t0 + LATE_MS);
    expect(result).toMatchObject({ passes: 2, lateData: 1, pending: 0, open: 0, payoutsMatched: 1, continuedAsNew: 1 });
    expect(existsSync(result.files.json)).toBe(true);
    expect(await signalReconcileLateData(h.client, `${tenants.late}-none`)).toEqual([]);
    await replayAndKeep(handle.workflowId, handle.firstExecutionRunId, 'reconcile-late-data-continued.json');
  });

  it('stops waiting at maxWaitMs and reports what is still pending', async () => {
    await importPayout(tenants.giveUp, `po_giveup${suffix}`, 777);
    const s = await startReconcile(h.client, h.config, { tenant: tenants.giveUp, from: yesterday, to: yesterday, taskQueue: h.taskQueue, maxWaitMs: 1500 });
    const result = await s.handle.result();
    expect(Date.now()).toBeLessThan(t0 + LATE_MS);
    expect(result).toMatchObject({ gaveUpWaiting: true, pending: 1, pendingByKind: { 'payout-not-received': 1 }, open: 0, passes: 2 });
    expect(readFileSync(result.files.csv, 'utf8')).toContain(`pending,${discrepancyId('payout-not-received', { source: 'stripe', payoutId: `po_giveup${suffix}` })}`);
  });

  it('the demo: settlementsImport and paymentLedgerSync on the stand-ins, then the workflow names exactly the planted discrepancies', async () => {
    // What the demo's order import leaves in the hub: every well-formed shipped order of the stand-in, at its total.
    const malformed = new Set(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId));
    const held = amazonSeed.filter((o) => !malformed.has(o.order.AmazonOrderId) && ['Shipped', 'InvoiceUnconfirmed'].includes(o.order.OrderStatus) && o.order.OrderTotal !== undefined);
    const minor = (a: string, currency: string) => (currency === 'JPY' ? Number(a) : Math.round(Number(a) * 100));
    await upsertOrders(h.db, tenants.demo, held.map((o) => order(o.order.AmazonOrderId, 'amazon', minor(o.order.OrderTotal!.Amount!, o.order.OrderTotal!.CurrencyCode!), o.order.OrderTotal!.CurrencyCode!)));
    const lines = await runDemoReconciliation({ client: h.client, db: h.db, config: h.config, logger, dataDir: join(h.dir, 'data'), taskQueue: h.taskQueue, amazon: h.sandbox, paypal }, tenants.demo);
    expect(lines.join('\n')).toContain('found exactly the 4 planted discrepancies (amount-mismatch, fee-anomaly, duplicate-refund, payout-not-received)');
    const period = demoReconcilePeriod(h.sandbox.plantedSettlement()!);
    const result = await h.client.workflow.getHandle<typeof reconcile>(reconcileWorkflowId(tenants.demo, period.from, period.to)).result();
    expect(result).toMatchObject({ open: 4, pending: 0, byKind: { 'missing-order': 0, 'amount-mismatch': 1, 'fee-anomaly': 1, 'unmatched-refund': 0, 'duplicate-refund': 1, 'payout-not-received': 1 } });
  });

  it('the nightly Schedule comes from the tenants file and reconciles the day before its run', async () => {
    const applied = await applySchedules(h.client, h.config, { taskQueue: h.taskQueue });
    const scheduleId = reconcileScheduleId(tenants.nightly);
    expect(applied.created).toEqual([scheduleId]);
    const handle = h.client.schedule.getHandle(scheduleId);
    const d = await handle.describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconcile', args: [{ tenant: tenants.nightly }], taskQueue: h.taskQueue });
    expect(d.policies.overlap).toBe('ALLOW_ALL');
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 5, end: 5, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
    await handle.trigger();
    const run = await eventually(async () => (await listRuns(h.client, { tenant: tenants.nightly })).find((r) => r.status === 'COMPLETED'), 60_000);
    expect(run.workflowId.startsWith(`${scheduleId}/nightly-`)).toBe(true);
    const result = await h.client.workflow.getHandle<typeof reconcile>(run.workflowId).result();
    const started = (await h.client.workflow.getHandle(run.workflowId).describe()).startTime;
    expect(result.period).toEqual({ from: new Date(started.getTime() - DAY_MS).toISOString().slice(0, 10), to: new Date(started.getTime() - DAY_MS).toISOString().slice(0, 10) });
    expect(result).toMatchObject({ open: 0, pending: 0, passes: 1 });
  });

  it('caravan reconcile starts the workflow and waits for its result; --as-of only goes with --local', async () => {
    const saved = { ...process.env };
    const out: string[] = [];
    const err: string[] = [];
    const configPath = join(h.dir, 'cli.config.yaml');
    writeFileSync(configPath, toYaml(tenantsConfigFor(h.sandbox.url, [tenants.cli, tenants.noWait], {}, 1000)));
    Object.assign(process.env, { CARAVAN_CONFIG: configPath, CARAVAN_DATA_DIR: h.dir, TEMPORAL_ADDRESS: inject('temporalAddress'), CARAVAN_TASK_QUEUE: h.taskQueue });
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(String(s)));
    try {
      expect(await main(['reconcile', '--tenant', tenants.cli, '--from', yesterday, '--to', yesterday])).toBe(0);
      const text = out.join('\n');
      expect(text).toContain(`started reconcile/${tenants.cli}/${yesterday}..${yesterday}`);
      expect(text).toContain(`${tenants.cli} ${yesterday}..${yesterday}: 0 orders and 0 payouts matched; no discrepancies`);
      expect(text).toContain(`report: ${join(h.dir, 'data', 'reconcile', `reconcile-${tenants.cli}-${yesterday}-${yesterday}.csv`)}`);
      expect(await main(['reconcile', '--tenant', tenants.cli, '--from', yesterday, '--to', yesterday, '--as-of', today])).toBe(2);
      expect(err.join('\n')).toContain('--as-of goes with --local');

      // --no-wait: the first pass's summary and when the run looks again; the run goes on waiting.
      await importPayout(tenants.noWait, `po_nowait${suffix}`, 4200);
      out.length = 0;
      expect(await main(['reconcile', '--tenant', tenants.noWait, '--from', yesterday, '--to', yesterday, '--no-wait'])).toBe(0);
      expect(out.join('\n')).toMatch(/1 pending: the run looks again at \d{4}-\d{2}-\d{2}T/);
      const handle = h.client.workflow.getHandle(reconcileWorkflowId(tenants.noWait, yesterday, yesterday));
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.terminate('test done');
    } finally {
      vi.restoreAllMocks();
      process.env = saved;
    }
  });
});
