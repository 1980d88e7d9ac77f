/**
 * The webhook intake through fastify.inject: Stripe signatures accepted and refused (wrong
 * secret, changed body, older than 300 s), each event recorded once and its workflow started
 * under the event's id, PayPal refused without a verifier and checked by the one given.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { SANDBOX_PAYPAL_CREDENTIALS, SANDBOX_PAYPAL_WEBHOOK_ID, startPaypalSandbox } from '../../sandbox/paypal/index.js';
import { stripeWebhookSecretsFromConfig } from '../../server/payment-event-starter.js';
import { paypalVerifierFromConfig } from '../../server/paypal-verifier.js';
import { buildWebhookServer, type PaypalWebhookVerifier, type StartPaymentEvent, type WebhookServerOptions } from '../../server/webhooks.js';
import { getWebhookEvent, markWebhookEventProcessed, migrateLatest, openDatabase } from '../../store/index.js';
import { captureLogs, type CapturedLogs } from '../connectors/log-capture.js';

const SECRET = 'whsec_CaravanTestSecret0123456789abcdef';
const OTHER_SECRET = 'whsec_SomeoneElsesSecret0123456789abcdef';
const NOW_MS = Date.parse('2026-03-02T16:10:00Z');
const NOW_S = NOW_MS / 1000;
const PAYOUT_PAID = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'stripe', 'webhook-events', 'payout.paid.json'), 'utf8');
const PAYPAL_EVENT = JSON.stringify({ id: 'WH-1234', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: { id: 'CAP-1' } });

/** Stripe's scheme, written out (docs.stripe.com/webhooks "verify manually"): v1 = HMAC-SHA256(secret, "<t>.<body>"). */
function sign(body: string, secret = SECRET, t = NOW_S): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')},v0=deadbeef`;
}

let dir: string;
let db: Knex;
let starts: { ref: unknown; workflowId: string }[];
let logs: CapturedLogs;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-webhooks-'));
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await db('webhook_events').delete();
  starts = [];
  logs = captureLogs();
});

const recordingStarter: StartPaymentEvent = async (ref, workflowId) => {
  starts.push({ ref, workflowId });
  return starts.filter((s) => s.workflowId === workflowId).length === 1 ? 'started' : 'already-started';
};

function server(over: Partial<WebhookServerOptions> = {}) {
  return buildWebhookServer({
    db,
    tenants: ['acme', 'globex'],
    stripeSecrets: (tenant) => (tenant === 'acme' ? [SECRET] : []),
    startPaymentEvent: recordingStarter,
    logger: logs.logger,
    nowMs: () => NOW_MS,
    ...over,
  });
}

const postStripe = async (app: Awaited<ReturnType<typeof server>>, body: string, signature: string | undefined, tenant = 'acme') =>
  app.inject({ method: 'POST', url: `/webhooks/stripe/${tenant}`, payload: body, headers: { 'content-type': 'application/json; charset=utf-8', ...(signature === undefined ? {} : { 'stripe-signature': signature }) } });

describe('POST /webhooks/stripe/:tenant', () => {
  it('accepts a signed event: 200 at once, recorded with its body, its workflow started under the event id', async () => {
    const app = await server();
    const res = await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID));
    const eventId = (JSON.parse(PAYOUT_PAID) as { id: string }).id;
    expect([res.statusCode, res.json()]).toEqual([200, { received: true, eventId, duplicate: false }]);
    expect(starts).toEqual([{ ref: { tenant: 'acme', provider: 'stripe', eventId }, workflowId: `payment-event/acme/stripe/${eventId}` }]);
    const stored = await getWebhookEvent(db, { tenant: 'acme', provider: 'stripe', eventId });
    expect([stored?.type, stored?.payload, stored?.deliveries]).toEqual(['payout.paid', PAYOUT_PAID, 1]);
    expect(logs.text()).not.toContain(SECRET);
    expect(logs.text()).not.toContain('v1=');
  });

  it('counts a repeated delivery; starts it again only while it is not processed', async () => {
    const app = await server();
    const eventId = (JSON.parse(PAYOUT_PAID) as { id: string }).id;
    await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID));
    const again = await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID));
    expect(again.json()).toEqual({ received: true, eventId, duplicate: true });
    expect(starts).toHaveLength(2);
    await markWebhookEventProcessed(db, { tenant: 'acme', provider: 'stripe', eventId }, { outcome: 'recorded' });
    expect((await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID))).statusCode).toBe(200);
    expect(starts).toHaveLength(2);
    expect((await getWebhookEvent(db, { tenant: 'acme', provider: 'stripe', eventId }))?.deliveries).toBe(3);
  });

  it.each([
    ['signed with another secret', () => sign(PAYOUT_PAID, OTHER_SECRET), /No signatures found matching the expected signature/],
    ['a body changed after signing', () => sign(PAYOUT_PAID.replace('"amount": ', '"amount": 1')), /No signatures found matching the expected signature/],
    ['signed 301 s ago (outside the 300 s tolerance)', () => sign(PAYOUT_PAID, SECRET, NOW_S - 301), /Timestamp outside the tolerance zone/],
    ['no Stripe-Signature header', () => undefined, /no Stripe-Signature header/],
    ['a header without a v1 signature', () => `t=${NOW_S}`, /No signatures found with expected scheme/],
  ])('refuses an event %s: 400, nothing recorded or started', async (_name, signature, reason) => {
    const app = await server();
    const res = await postStripe(app, PAYOUT_PAID, signature());
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: string }).error).toMatch(reason);
    expect(await db('webhook_events').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(starts).toEqual([]);
  });

  it('accepts a signature 299 s old, and one made with the second of two secrets (a secret being rolled)', async () => {
    const app = await server({ stripeSecrets: () => [OTHER_SECRET, SECRET] });
    expect((await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID, SECRET, NOW_S - 299))).statusCode).toBe(200);
  });

  it('answers 404 for an unknown tenant, 503 for a tenant without a webhook secret', async () => {
    const app = await server();
    expect((await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID), 'initech')).statusCode).toBe(404);
    expect((await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID), 'globex')).statusCode).toBe(503);
  });

  it('refuses a signed body that is no event (400)', async () => {
    const app = await server();
    const body = '{"object":"list"}';
    const res = await postStripe(app, body, sign(body));
    expect([res.statusCode, (res.json() as { error: string }).error]).toEqual([400, 'not a stripe event: expected a JSON object with an id and type']);
  });

  it('answers 503 when the workflow cannot be started, keeps the event, and starts it on the next delivery', async () => {
    let fail = true;
    const app = await server({
      startPaymentEvent: async (ref, workflowId) => {
        if (fail) throw new Error('Temporal unreachable');
        return recordingStarter(ref, workflowId);
      },
    });
    expect((await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID))).statusCode).toBe(503);
    fail = false;
    expect((await postStripe(app, PAYOUT_PAID, sign(PAYOUT_PAID))).statusCode).toBe(200);
    expect(starts).toHaveLength(1);
  });
});

describe('POST /webhooks/paypal/:tenant', () => {
  const postPaypal = (app: Awaited<ReturnType<typeof server>>) =>
    app.inject({ method: 'POST', url: '/webhooks/paypal/acme', payload: PAYPAL_EVENT, headers: { 'content-type': 'application/json', 'paypal-transmission-sig': 'sig', 'paypal-transmission-id': 'tid' } });

  it('refuses every delivery while no verifier is configured (401)', async () => {
    const res = await postPaypal(await server());
    expect([res.statusCode, (res.json() as { error: string }).error]).toEqual([401, 'PayPal webhook verification is not configured: deliveries are refused']);
    expect(starts).toEqual([]);
  });

  it('hands the verifier the headers and the raw body; records and starts what it verifies', async () => {
    const seen: { sig: unknown; body: string; tenant: string }[] = [];
    const verifier: PaypalWebhookVerifier = async (headers, rawBody, tenant) => {
      seen.push({ sig: headers['paypal-transmission-sig'], body: rawBody, tenant });
      return true;
    };
    const res = await postPaypal(await server({ paypalVerifier: verifier }));
    expect([res.statusCode, res.json()]).toEqual([200, { received: true, eventId: 'WH-1234', duplicate: false }]);
    expect(seen).toEqual([{ sig: 'sig', body: PAYPAL_EVENT, tenant: 'acme' }]);
    expect(starts.map((s) => s.workflowId)).toEqual(['payment-event/acme/paypal/WH-1234']);
  });

  it('refuses what the verifier refuses (401), and answers 503 when it cannot tell', async () => {
    expect((await postPaypal(await server({ paypalVerifier: async () => false }))).statusCode).toBe(401);
    expect((await postPaypal(await server({ paypalVerifier: async () => Promise.reject(new Error('PayPal down')) }))).statusCode).toBe(503);
    expect(starts).toEqual([]);
  });
});

describe('paypalVerifierFromConfig: the PayPal stand-in verifies what it signed', () => {
  const SAMPLE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'paypal', 'webhook-events', 'CHECKOUT.ORDER.COMPLETED.v2.json'), 'utf8').trim();
  const env = { P_ID: SANDBOX_PAYPAL_CREDENTIALS.clientId, P_SECRET: SANDBOX_PAYPAL_CREDENTIALS.clientSecret };
  const configFor = (url: string, webhookId: string | undefined) =>
    parseTenantsConfig(
      {
        tenants: {
          acme: {
            connections: {
              paypal: {
                vendor: 'paypal',
                settings: { endpoint: url, ...(webhookId === undefined ? {} : { webhookId }), rateLimit: { rate: 100, burst: 100 } },
                secrets: { clientId: { env: 'P_ID' }, clientSecret: { env: 'P_SECRET' } },
              },
            },
          },
          globex: { connections: {} },
        },
      },
      {},
    );

  it('accepts a signed event (recorded, started), refuses a tampered one or one signed for another webhook id', async () => {
    const sandbox = await startPaypalSandbox({ daysBefore: 1, daysAfter: 0 });
    try {
      const app = await server({ paypalVerifier: paypalVerifierFromConfig(configFor(sandbox.url, SANDBOX_PAYPAL_WEBHOOK_ID), logs.logger, { env })! });
      const eventId = (JSON.parse(SAMPLE) as { id: string }).id;
      const post = (body: string, headers: Record<string, string>, tenant = 'acme') =>
        app.inject({ method: 'POST', url: `/webhooks/paypal/${tenant}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });

      const ok = await post(SAMPLE, sandbox.signWebhook(SAMPLE));
      expect([ok.statusCode, ok.json()]).toEqual([200, { received: true, eventId, duplicate: false }]);
      expect(starts.map((s) => s.workflowId)).toEqual([`payment-event/acme/paypal/${eventId}`]);
      expect((await getWebhookEvent(db, { tenant: 'acme', provider: 'paypal', eventId }))?.payload).toBe(SAMPLE);

      const tampered = SAMPLE.replace(eventId, `${eventId}X`);
      expect((await post(tampered, sandbox.signWebhook(SAMPLE))).statusCode).toBe(401);
      const otherHook = SAMPLE.replace(eventId, `${eventId}Y`);
      expect((await post(otherHook, sandbox.signWebhook(otherHook, { webhookId: '1AB23456CD789012E' }))).statusCode).toBe(401);
      // A tenant without a PayPal connection naming its webhookId: refused, and the setting named.
      expect((await post(SAMPLE, sandbox.signWebhook(SAMPLE), 'globex')).statusCode).toBe(401);
      expect(logs.text()).toContain('settings.webhookId');
      expect(starts).toHaveLength(1);
      expect(sandbox.stats().verifications).toEqual({ success: 1, failure: 2 });
      expect(logs.text()).not.toContain(SANDBOX_PAYPAL_CREDENTIALS.clientSecret);
    } finally {
      await sandbox.close();
    }
  });

  it('is undefined when no tenant names a webhookId (deliveries refused as not configured)', () => {
    expect(paypalVerifierFromConfig(configFor('http://127.0.0.1:9', undefined), logs.logger, { env })).toBeUndefined();
  });
});

describe('stripeWebhookSecretsFromConfig', () => {
  it("reads each Stripe connection's webhookSecret by its reference, and names one that does not resolve", () => {
    const config = parseTenantsConfig(
      {
        tenants: {
          acme: {
            connections: {
              'stripe-eu': { vendor: 'stripe', settings: {}, secrets: { secretKey: { env: 'STRIPE_KEY' }, webhookSecret: { env: 'STRIPE_WHSEC' } } },
              'stripe-us': { vendor: 'stripe', settings: {}, secrets: { secretKey: { env: 'STRIPE_KEY' }, webhookSecret: { env: 'STRIPE_WHSEC_US' } } },
              'stripe-api-only': { vendor: 'stripe', settings: {}, secrets: { secretKey: { env: 'STRIPE_KEY' } } },
            },
          },
        },
      },
      {},
    );
    const secrets = stripeWebhookSecretsFromConfig(config, logs.logger, { STRIPE_WHSEC: SECRET });
    expect(secrets('acme')).toEqual([SECRET]);
    expect(secrets('globex')).toEqual([]);
    expect(logs.text()).toContain('stripe-us');
    expect(logs.text()).not.toContain(SECRET);
  });
});
