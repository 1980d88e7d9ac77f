/**
 * Webhooks in, end to end on the real dev server: `caravan serve`'s intake (fastify.inject), the
 * paymentEvent workflow on an in-process worker, the ledger in the hub database. The replay
 * test: the same payout event delivered 25 times, shuffled in among other events (each also
 * delivered more than once, some at the same moment), has exactly one effect: one workflow run,
 * one ledger line; and the events about the same payout (created, then paid) one line between them.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeWebhookSecretsFromConfig, temporalPaymentEventStarter } from '../../server/payment-event-starter.js';
import { buildWebhookServer } from '../../server/webhooks.js';
import { countLedgerLines, getWebhookEvent, ledgerLinesByPayout } from '../../store/index.js';
import { FLOWS, paymentEventWorkflowId, RECONCILE_LATE_DATA_SIGNAL, searchAttributeKeys } from '../../temporal.config.js';
import { createLogger } from '../../worker/logger.js';
import type { PaymentEventSummary } from '../../workflows/payment-event.js';
import { prng } from '../support/prng.js';
import { createHarness, eventually, type Harness } from './harness.js';

const SECRET = 'whsec_CaravanIntegrationSecret0123456789';
const SAMPLES = join(import.meta.dirname, '..', 'fixtures', 'stripe', 'webhook-events');

/** A real sample with its zeroed ids made distinct: the event id, and the balance transaction/object ids it names. */
function event(sample: string, eventId: string, ids: Record<string, string>): string {
  let text = readFileSync(join(SAMPLES, `${sample}.json`), 'utf8');
  for (const [zeroed, id] of Object.entries(ids)) text = text.split(zeroed).join(id);
  const parsed = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify({ ...parsed, id: eventId });
}

function sign(body: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`;
}

describe('Stripe webhooks into the ledger', () => {
  let h: Harness;
  let app: FastifyInstance;
  const tenant = `hook-${Date.now().toString(36)}`;

  beforeAll(async () => {
    process.env.CARAVAN_TEST_STRIPE_KEY = 'sk_test_CaravanIntegrationKey';
    process.env.CARAVAN_TEST_STRIPE_WHSEC = SECRET;
    h = await createHarness({
      tenants: [tenant],
      configFor: (generated) => {
        const tenants = generated['tenants'] as Record<string, { connections: Record<string, unknown> }>;
        tenants[tenant]!.connections['stripe'] = {
          vendor: 'stripe',
          settings: {},
          secrets: { secretKey: { env: 'CARAVAN_TEST_STRIPE_KEY' }, webhookSecret: { env: 'CARAVAN_TEST_STRIPE_WHSEC' } },
        };
        return generated;
      },
    });
    const logger = createLogger({ level: 'silent' });
    app = await buildWebhookServer({
      db: h.db,
      tenants: [tenant],
      stripeSecrets: stripeWebhookSecretsFromConfig(h.config, logger),
      startPaymentEvent: temporalPaymentEventStarter(h.client, h.taskQueue),
      logger,
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.stop();
  });

  it('the same event 25 times, out of order with others, has exactly one effect', async () => {
    const txn = 'txn_000000000000000000000000';
    const events = {
      sale: event('charge.succeeded', 'evt_it_sale', { [txn]: 'txn_it_sale', ch_000000000000000000000000: 'ch_it_1' }),
      refund: event('charge.refunded', 'evt_it_refund', { [txn]: 'txn_it_refund', ch_000000000000000000000000: 'ch_it_1' }),
      payoutCreated: event('payout.created', 'evt_it_payout_created', { [txn]: 'txn_it_payout', po_000000000000000000000000: 'po_it_1' }),
      payoutPaid: event('payout.paid', 'evt_it_payout_paid', { [txn]: 'txn_it_payout', po_000000000000000000000000: 'po_it_1' }),
      customer: event('customer.created', 'evt_it_customer', {}),
    };
    const times: Record<keyof typeof events, number> = { sale: 3, refund: 2, payoutCreated: 2, payoutPaid: 25, customer: 2 };
    const deliveries = (Object.keys(times) as (keyof typeof events)[]).flatMap((k) => Array.from({ length: times[k] }, () => k));
    const random = prng(20261206);
    for (let i = deliveries.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }

    // Four at a time: some deliveries of one event arrive together.
    const statuses: number[] = [];
    for (let i = 0; i < deliveries.length; i += 4) {
      const batch = deliveries.slice(i, i + 4).map(async (k) => {
        const body = events[k];
        const res = await app.inject({ method: 'POST', url: `/webhooks/stripe/${tenant}`, payload: body, headers: { 'content-type': 'application/json', 'stripe-signature': sign(body) } });
        return res.statusCode;
      });
      statuses.push(...(await Promise.all(batch)));
    }
    expect(statuses).toEqual(deliveries.map(() => 200));

    const ids = Object.fromEntries(Object.entries(events).map(([k, body]) => [k, (JSON.parse(body) as { id: string }).id])) as Record<keyof typeof events, string>;
    const summaries = Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(async ([k, id]) => [k, (await h.client.workflow.getHandle(paymentEventWorkflowId(tenant, 'stripe', id)).result()) as PaymentEventSummary]),
      ),
    ) as Record<keyof typeof events, PaymentEventSummary>;

    expect(Object.fromEntries(Object.entries(summaries).map(([k, s]) => [k, [s.outcome, s.lines, s.inserted + s.updated + s.unchanged]]))).toEqual({
      sale: ['recorded', 1, 1],
      refund: ['recorded', 1, 1],
      payoutCreated: ['recorded', 1, 1],
      payoutPaid: ['recorded', 1, 1],
      customer: ['no-ledger-effect', 0, 0],
    });
    // Two events about one payout: one of them inserted its line, the other found it.
    expect(summaries.payoutCreated.inserted + summaries.payoutPaid.inserted).toBe(1);
    expect(summaries.payoutPaid.payoutIds).toEqual(['po_it_1']);
    // No reconcile workflow runs for this tenant: nobody to tell, and that is fine.
    expect(summaries.payoutPaid.reconcileSignalled).toBe(0);

    expect(await countLedgerLines(h.db, { tenant, source: 'stripe' })).toBe(3);
    const payout = await ledgerLinesByPayout(h.db, tenant, ['po_it_1']);
    expect(payout.map((l) => [l.line.lineId, l.line.kind, l.line.gross.amountMinor, l.line.currency])).toEqual([['txn_it_payout', 'payout', -1100, 'USD']]);

    const stored = await getWebhookEvent(h.db, { tenant, provider: 'stripe', eventId: ids.payoutPaid });
    expect([stored?.deliveries, stored?.outcome]).toEqual([25, 'recorded']);

    // One workflow run per event, however many deliveries.
    for (const id of Object.values(ids)) {
      const runs = await eventually(async () => {
        const found: string[] = [];
        for await (const w of h.client.workflow.list({ query: `WorkflowId = "${paymentEventWorkflowId(tenant, 'stripe', id)}"` })) found.push(w.runId);
        return found.length > 0 ? found : undefined;
      });
      expect(runs, id).toHaveLength(1);
    }

    // A delivery after processing starts nothing and changes nothing.
    const again = await app.inject({ method: 'POST', url: `/webhooks/stripe/${tenant}`, payload: events.payoutPaid, headers: { 'content-type': 'application/json', 'stripe-signature': sign(events.payoutPaid) } });
    expect(again.json()).toEqual({ received: true, eventId: ids.payoutPaid, duplicate: true });
    expect(await countLedgerLines(h.db, { tenant, source: 'stripe' })).toBe(3);
  });

  it("tells the tenant's running reconcile workflow about a payout event (lateData)", async () => {
    // A stand-in for the reconcile workflow: a run of that type and flow on a queue no worker polls stays Running and takes signals.
    const reconcile = await h.client.workflow.start('reconcile', {
      taskQueue: `${h.taskQueue}-reconcile`,
      workflowId: `reconcile/${tenant}/stand-in`,
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: tenant },
        { key: searchAttributeKeys.flow, value: FLOWS.reconcile },
      ],
    });
    try {
      await eventually(async () => {
        for await (const w of h.client.workflow.list({ query: `CaravanTenant = "${tenant}" AND CaravanFlow = "${FLOWS.reconcile}" AND ExecutionStatus = "Running"` })) return w.workflowId;
        return undefined;
      });
      const body = event('payout.paid', 'evt_it_payout_2', { txn_000000000000000000000000: 'txn_it_payout_2', po_000000000000000000000000: 'po_it_2' });
      const res = await app.inject({ method: 'POST', url: `/webhooks/stripe/${tenant}`, payload: body, headers: { 'content-type': 'application/json', 'stripe-signature': sign(body) } });
      expect(res.statusCode).toBe(200);
      const summary = (await h.client.workflow.getHandle(paymentEventWorkflowId(tenant, 'stripe', 'evt_it_payout_2')).result()) as PaymentEventSummary;
      expect([summary.payoutIds, summary.reconcileSignalled]).toEqual([['po_it_2'], 1]);
      const history = await reconcile.fetchHistory();
      const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).map((e) => e.workflowExecutionSignaledEventAttributes!);
      expect(signals.map((a) => a.signalName)).toEqual([RECONCILE_LATE_DATA_SIGNAL]);
      const payload = signals[0]!.input!.payloads![0]!;
      expect(JSON.parse(Buffer.from(payload.data!).toString('utf8'))).toEqual({ source: 'stripe payout.paid', reference: 'po_it_2' });
    } finally {
      await reconcile.terminate('test over');
    }
  });

  it('refuses a delivery signed more than 300 s ago: nothing recorded', async () => {
    const body = event('charge.succeeded', 'evt_it_stale', { txn_000000000000000000000000: 'txn_it_stale' });
    const res = await app.inject({ method: 'POST', url: `/webhooks/stripe/${tenant}`, payload: body, headers: { 'content-type': 'application/json', 'stripe-signature': sign(body, Math.floor(Date.now() / 1000) - 301) } });
    expect(res.statusCode).toBe(400);
    expect(await getWebhookEvent(h.db, { tenant, provider: 'stripe', eventId: 'evt_it_stale' })).toBeUndefined();
  });
});
