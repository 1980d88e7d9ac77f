/**
 * The payment-event activity on a real SQLite hub database: a recorded Stripe or PayPal event
 * becomes its ledger lines once (a second run finds them), a notice marks the event processed
 * without lines, a body the mapping refuses is marked rejected with the reason.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentEventActivities, type ReconcileSignaller } from '../../activities/payment-events.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { countLedgerLines, getWebhookEvent, migrateLatest, openDatabase, recordWebhookEvent } from '../../store/index.js';
import type { PaymentEventSignal } from '../../temporal.config.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const read = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

let dir: string;
let db: Knex;
const signals: PaymentEventSignal[] = [];
const reconcile: ReconcileSignaller = { signalRunning: async (s) => (signals.push(s), 1) };
const config = parseTenantsConfig({ tenants: { acme: { connections: {} } } }, {});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-payment-events-'));
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const activities = () => createPaymentEventActivities({ db, config, logger: pino({ level: 'silent' }), reconcile });

async function recorded(provider: 'stripe' | 'paypal', eventId: string, payload: string, type = 'x') {
  await recordWebhookEvent(db, { tenant: 'acme', provider, eventId, type, payload });
  return { tenant: 'acme', provider, eventId } as const;
}

describe('recordPaymentEvent', () => {
  it('records a Stripe payout event as its payout line, once; the payout is named for reconcile', async () => {
    const ref = await recorded('stripe', 'evt_payout', read('stripe/webhook-events/payout.paid.json'), 'payout.paid');
    const first = await activities().recordPaymentEvent(ref);
    expect(first).toMatchObject({ type: 'payout.paid', outcome: 'recorded', lines: 1, inserted: 1, unchanged: 0, unconverted: 1, payoutIds: ['po_000000000000000000000000'] });
    const again = await activities().recordPaymentEvent(ref);
    expect([again.inserted, again.unchanged]).toEqual([0, 1]);
    expect(await countLedgerLines(db, { tenant: 'acme', source: 'stripe' })).toBe(1);
    expect((await getWebhookEvent(db, ref))?.outcome).toBe('recorded');
  });

  it("records a real PayPal capture as a sale line", async () => {
    const ref = await recorded('paypal', 'WH-capture', read('paypal/webhook-events/PAYMENT.CAPTURE.COMPLETED.v2.json'), 'PAYMENT.CAPTURE.COMPLETED');
    const result = await activities().recordPaymentEvent(ref);
    expect([result.outcome, result.lines, result.inserted]).toEqual(['recorded', 1, 1]);
    expect(await countLedgerLines(db, { tenant: 'acme', source: 'paypal' })).toBe(1);
  });

  it('marks an event that moves no money processed, with the reason, and writes nothing', async () => {
    const ref = await recorded('stripe', 'evt_customer', read('stripe/webhook-events/customer.created.json'), 'customer.created');
    const result = await activities().recordPaymentEvent(ref);
    expect([result.outcome, result.lines, result.detail]).toEqual(['no-ledger-effect', 0, 'customer.created moves no money on the Stripe balance']);
    expect((await getWebhookEvent(db, ref))?.outcome).toBe('no-ledger-effect');
  });

  it('marks a body the mapping refuses rejected, naming the field', async () => {
    const ref = await recorded('stripe', 'evt_bad', JSON.stringify({ id: 'evt_bad', type: 'charge.succeeded', created: 'yesterday', data: { object: { object: 'charge' } } }), 'charge.succeeded');
    const result = await activities().recordPaymentEvent(ref);
    expect(result.outcome).toBe('rejected');
    expect(result.detail).toContain('created: expected a Unix timestamp (seconds)');
    expect((await getWebhookEvent(db, ref))?.detail).toBe(result.detail);
  });

  it('fails, not retryable, for an event that was never recorded', async () => {
    await expect(activities().recordPaymentEvent({ tenant: 'acme', provider: 'stripe', eventId: 'evt_none' })).rejects.toMatchObject({ type: 'not_found', nonRetryable: true });
  });
});

describe('signalReconcile', () => {
  it('hands the signal to the signaller; without one nobody is told', async () => {
    const signal = { tenant: 'acme', provider: 'stripe', eventId: 'evt_payout', type: 'payout.paid', payoutIds: ['po_1'], linesChanged: 1 };
    expect(await activities().signalReconcile(signal)).toEqual({ signalled: 1 });
    expect(signals).toEqual([signal]);
    expect(await createPaymentEventActivities({ db, config, logger: pino({ level: 'silent' }) }).signalReconcile(signal)).toEqual({ signalled: 0 });
  });
});
