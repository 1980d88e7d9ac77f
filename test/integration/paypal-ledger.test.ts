/**
 * PayPal end to end on the run's dev server, against the PayPal stand-in: `caravan ledger sync`
 * starts paymentLedgerSync (tenant/channel/flow search attributes, id from temporal.config.ts),
 * the worker reads Transaction Search into the ledger and a second run adds nothing; and a
 * webhook the stand-in signed is verified by `caravan serve`'s PayPal verifier (built from the
 * connection's webhookId), recorded and processed by paymentEvent, a tampered one refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerSyncCommand } from '../../cli/commands/ledger-sync.js';
import { scheduleOptions } from '../../cli/commands/schedules.js';
import { SANDBOX_PAYPAL_CREDENTIALS, SANDBOX_PAYPAL_WEBHOOK_ID, startPaypalSandbox, type PaypalSandbox } from '../../sandbox/paypal/index.js';
import { temporalPaymentEventStarter } from '../../server/payment-event-starter.js';
import { paypalVerifierFromConfig } from '../../server/paypal-verifier.js';
import { buildWebhookServer } from '../../server/webhooks.js';
import { countLedgerLines, getWebhookEvent } from '../../store/index.js';
import { FLOWS, paymentEventWorkflowId, paymentLedgerSyncScheduleId, searchAttributeKeys } from '../../temporal.config.js';
import type { PaymentLedgerSyncResult } from '../../workflows/payment-ledger-sync.js';
import { createLogger } from '../../worker/logger.js';
import type { PaymentEventSummary } from '../../workflows/payment-event.js';
import { createHarness, eventually, type Harness } from './harness.js';

const DAY_MS = 86_400_000;
const CAPTURE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'paypal', 'webhook-events', 'PAYMENT.CAPTURE.COMPLETED.v2.json'), 'utf8').trim();

describe('PayPal into the ledger: ledger sync and verified webhooks', () => {
  let h: Harness;
  let paypal: PaypalSandbox;
  let app: FastifyInstance;
  const tenant = `paypal-${Date.now().toString(36)}`;

  beforeAll(async () => {
    paypal = await startPaypalSandbox({ daysBefore: 30, daysAfter: 0, maxResults: 40 });
    process.env.CARAVAN_TEST_PAYPAL_ID = SANDBOX_PAYPAL_CREDENTIALS.clientId;
    process.env.CARAVAN_TEST_PAYPAL_SECRET = SANDBOX_PAYPAL_CREDENTIALS.clientSecret;
    h = await createHarness({
      tenants: [tenant],
      configFor: (generated) => {
        const tenants = generated['tenants'] as Record<string, { connections: Record<string, unknown> }>;
        tenants[tenant]!.connections['paypal'] = {
          vendor: 'paypal',
          settings: { endpoint: paypal.url, webhookId: SANDBOX_PAYPAL_WEBHOOK_ID, rateLimit: { rate: 100, burst: 100 } },
          secrets: { clientId: { env: 'CARAVAN_TEST_PAYPAL_ID' }, clientSecret: { env: 'CARAVAN_TEST_PAYPAL_SECRET' } },
        };
        return generated;
      },
    });
    const logger = createLogger({ level: 'silent' });
    app = await buildWebhookServer({
      db: h.db,
      tenants: [tenant],
      stripeSecrets: () => [],
      paypalVerifier: paypalVerifierFromConfig(h.config, logger)!,
      startPaymentEvent: temporalPaymentEventStarter(h.client, h.taskQueue),
      logger,
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.stop();
    await paypal?.close();
  });

  it('caravan ledger sync imports the period once; a second run adds nothing', async () => {
    const day = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const from = new Date(day - 20 * DAY_MS).toISOString().slice(0, 10);
    const to = new Date(day - 5 * DAY_MS).toISOString().slice(0, 10);
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    const toMs = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
    const expected = paypal.transactions().filter((t) => t.atMs >= fromMs && t.atMs < toMs).length;
    expect(expected).toBeGreaterThan(40); // more than maxResults: the connector splits the window

    const out: string[] = [];
    const first = await ledgerSyncCommand(h.client, h.config, { tenant, channel: 'paypal', from, to, taskQueue: h.taskQueue }, (l) => out.push(l));
    expect(first).toMatchObject({ records: expected, failed: 0, coveredTo: new Date(toMs).toISOString() });
    expect(first!.inserted).toBe(first!.lines);
    expect(await countLedgerLines(h.db, { tenant, source: 'paypal' })).toBe(first!.lines);
    const workflowId = `payment-ledger-sync/${tenant}/paypal/${new Date(fromMs).toISOString()}..${new Date(toMs).toISOString()}`;
    expect(out[0]).toMatch(new RegExp(`^started: ${workflowId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
    expect(out.join('\n')).toContain(`${first!.records} transaction(s)`);
    const described = await h.client.workflow.getHandle(workflowId).describe();
    expect([described.typedSearchAttributes.get(searchAttributeKeys.tenant), described.typedSearchAttributes.get(searchAttributeKeys.channel), described.typedSearchAttributes.get(searchAttributeKeys.flow)]).toEqual([tenant, 'paypal', 'payment-ledger-sync']);

    const again = await ledgerSyncCommand(h.client, h.config, { tenant, channel: 'paypal', from, to, taskQueue: h.taskQueue }, () => undefined);
    expect([again!.inserted, again!.unchanged]).toEqual([0, first!.lines]);
    expect(await countLedgerLines(h.db, { tenant, source: 'paypal' })).toBe(first!.lines);
  });

  it('a webhook the stand-in signed is verified, recorded and processed into the ledger; a tampered one is refused', async () => {
    const before = await countLedgerLines(h.db, { tenant, source: 'paypal' });
    const eventId = (JSON.parse(CAPTURE) as { id: string }).id;
    const post = (body: string, headers: Record<string, string>) => app.inject({ method: 'POST', url: `/webhooks/paypal/${tenant}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });

    const tampered = CAPTURE.replace('"2.51"', '"251.00"');
    expect(tampered).not.toBe(CAPTURE);
    expect((await post(tampered, paypal.signWebhook(CAPTURE))).statusCode).toBe(401);
    expect(await getWebhookEvent(h.db, { tenant, provider: 'paypal', eventId })).toBeUndefined();

    const res = await post(CAPTURE, paypal.signWebhook(CAPTURE));
    expect([res.statusCode, res.json()]).toEqual([200, { received: true, eventId, duplicate: false }]);
    const summary = (await h.client.workflow.getHandle(paymentEventWorkflowId(tenant, 'paypal', eventId)).result()) as PaymentEventSummary;
    expect([summary.outcome, summary.lines, summary.inserted]).toEqual(['recorded', 1, 1]);
    expect(await countLedgerLines(h.db, { tenant, source: 'paypal' })).toBe(before + 1);
    expect((await getWebhookEvent(h.db, { tenant, provider: 'paypal', eventId }))?.outcome).toBe('recorded');
    expect(paypal.stats().verifications).toEqual({ success: 1, failure: 1 });
  });

  it("a connection's ledger Schedule runs paymentLedgerSync over its look-back, up to where PayPal's data is refreshed", async () => {
    const scheduleId = paymentLedgerSyncScheduleId(tenant, 'paypal');
    await h.client.schedule.create(scheduleOptions({ kind: 'ledger', scheduleId, tenant, channel: 'paypal', flow: FLOWS.paymentLedgerSync, every: '1h', lookback: '2d', paused: false }, h.taskQueue));
    try {
      const started = Date.now();
      await h.client.schedule.getHandle(scheduleId).trigger();
      const workflowId = await eventually(async () => {
        for await (const w of h.client.workflow.list({ query: `CaravanTenant = "${tenant}" AND CaravanFlow = "${FLOWS.paymentLedgerSync}" AND CaravanChannel = "paypal"` })) {
          if (w.workflowId.startsWith(`${scheduleId}/scheduled`)) return w.workflowId;
        }
        return undefined;
      }, 30_000);
      const result = (await h.client.workflow.getHandle(workflowId).result()) as PaymentLedgerSyncResult;
      // Two days back from the run's start; PayPal's data ends about 3 h before it.
      const lagMs = started - Date.parse(result.coveredTo);
      expect(lagMs).toBeGreaterThan(2.9 * 3_600_000);
      expect(lagMs).toBeLessThan(3.1 * 3_600_000 + 60_000);
      const expected = paypal.transactions().filter((t) => t.atMs >= started - 2 * DAY_MS - 60_000 && t.atMs < Date.parse(result.coveredTo)).length;
      expect(result.records).toBeGreaterThanOrEqual(expected - 2);
      expect(result.records).toBeLessThanOrEqual(expected + 2);
      expect(result.failed).toBe(0);
    } finally {
      await h.client.schedule.getHandle(scheduleId).delete();
    }
  });
});
