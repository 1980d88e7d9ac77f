/**
 * The webhook intake of `caravan serve` (fastify): payment providers post their events here.
 *
 *   POST /webhooks/stripe/:tenant   Stripe-Signature checked with the tenant's endpoint secret(s)
 *                                   (300 s tolerance, on the raw body)
 *   POST /webhooks/paypal/:tenant   checked by the injected PayPal verifier (verify-webhook-signature);
 *                                   refused while none is configured
 *   GET  /healthz
 *
 * Each verified event is recorded by its id (store/webhook-events-repository.ts: a repeat is only
 * counted), answered 2xx at once, and processed by the paymentEvent workflow, started with the
 * event's own workflow id so a repeated delivery starts nothing new. An event already processed
 * is not started again; one recorded but not processed yet (the first start failed) is started
 * again by its next delivery. When the event cannot be recorded or started the answer is 503,
 * so the provider delivers it again later (both resend for days).
 *
 * Nothing of a delivery is logged but provider, tenant, event id, type and outcome: never its
 * headers (the signature), its body, or a secret.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { PaymentEventRef } from '../activities/payment-events-types.js';
import { recordWebhookEvent, type WebhookProvider } from '../store/index.js';
import { paymentEventWorkflowId } from '../temporal.config.js';
import { checkStripeSignature } from './stripe-signature.js';

export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Checks a PayPal delivery (PayPal's verify-webhook-signature with the tenant's webhook id):
 * true only when PayPal says SUCCESS. A throw means "cannot tell now" (503, PayPal resends).
 */
export type PaypalWebhookVerifier = (headers: WebhookHeaders, rawBody: string, tenant: string) => Promise<boolean>;

/** Starts the event's workflow; `already-started` when a workflow of that id exists (running or closed). */
export type StartPaymentEvent = (ref: PaymentEventRef, workflowId: string) => Promise<'started' | 'already-started'>;

export interface WebhookServerOptions {
  readonly db: Knex;
  /** Tenants the intake answers for; any other is 404. */
  readonly tenants: readonly string[];
  /** The tenant's Stripe endpoint secrets (resolved; several while one is rolled). Empty: not configured. */
  readonly stripeSecrets: (tenant: string) => readonly string[];
  readonly paypalVerifier?: PaypalWebhookVerifier;
  readonly startPaymentEvent: StartPaymentEvent;
  readonly logger: Logger;
  /** For the signature's tolerance (tests); Date.now by default. */
  readonly nowMs?: () => number;
  /** Largest body accepted (bytes); Stripe events are a few KB, 1 MiB by default. */
  readonly bodyLimit?: number;
}

interface Delivery {
  readonly provider: WebhookProvider;
  readonly tenant: string;
  readonly rawBody: string;
}

const TENANT = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The event's id and type from a body, by the provider's field names; undefined when absent. */
function eventFacts(provider: WebhookProvider, body: unknown): { id: string; type: string } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const type = provider === 'stripe' ? b['type'] : b['event_type'];
  return typeof b['id'] === 'string' && b['id'] !== '' && typeof type === 'string' && type !== '' ? { id: b['id'], type } : undefined;
}

export async function buildWebhookServer(opts: WebhookServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    // One line per delivery, written below: fastify's own request lines would add nothing safe.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
  });
  const log = opts.logger.child({ component: 'webhooks' });
  const tenants = new Set(opts.tenants);
  const now = opts.nowMs ?? Date.now;

  // The raw body, untouched: the signature is over the bytes as sent.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  /** Records a verified delivery, starts its workflow unless it was processed, answers. */
  async function intake(delivery: Delivery, reply: FastifyReply): Promise<FastifyReply> {
    const { provider, tenant } = delivery;
    let body: unknown;
    try {
      body = JSON.parse(delivery.rawBody);
    } catch {
      body = undefined;
    }
    const facts = eventFacts(provider, body);
    if (facts === undefined) return reply.code(400).send({ error: `not a ${provider} event: expected a JSON object with an id and ${provider === 'stripe' ? 'type' : 'event_type'}` });
    const workflowId = paymentEventWorkflowId(tenant, provider, facts.id);
    const fields = { provider, tenant, eventId: facts.id, type: facts.type };
    try {
      const { first, event } = await recordWebhookEvent(opts.db, { tenant, provider, eventId: facts.id, type: facts.type, payload: delivery.rawBody, workflowId });
      const started = event.processedAt === undefined ? await opts.startPaymentEvent({ tenant, provider, eventId: facts.id }, workflowId) : 'processed';
      log.info({ ...fields, first, deliveries: event.deliveries, workflow: started }, 'webhook event');
      return reply.code(200).send({ received: true, eventId: facts.id, duplicate: !first });
    } catch (e) {
      log.error({ ...fields, error: e instanceof Error ? e.message : String(e) }, 'webhook event not taken: the provider will deliver it again');
      return reply.code(503).send({ error: 'event not taken now; deliver it again' });
    }
  }

  const knownTenant = (tenant: string, reply: FastifyReply): boolean => {
    if (TENANT.test(tenant) && tenants.has(tenant)) return true;
    void reply.code(404).send({ error: 'unknown tenant' });
    return false;
  };

  app.post<{ Params: { tenant: string }; Body: string }>('/webhooks/stripe/:tenant', async (request, reply) => {
    const { tenant } = request.params;
    if (!knownTenant(tenant, reply)) return reply;
    const secrets = opts.stripeSecrets(tenant);
    if (secrets.length === 0) {
      log.error({ provider: 'stripe', tenant }, 'no Stripe webhook secret configured (connections.<stripe>.secrets.webhookSecret)');
      return reply.code(503).send({ error: 'Stripe webhooks are not configured for this tenant' });
    }
    const signature = request.headers['stripe-signature'];
    const check = checkStripeSignature(request.body, Array.isArray(signature) ? signature[0] : signature, secrets, now());
    if (!check.ok) {
      log.warn({ provider: 'stripe', tenant, reason: check.reason }, 'webhook refused: signature');
      return reply.code(400).send({ error: `signature check failed: ${check.reason}` });
    }
    return intake({ provider: 'stripe', tenant, rawBody: request.body }, reply);
  });

  app.post<{ Params: { tenant: string }; Body: string }>('/webhooks/paypal/:tenant', async (request, reply) => {
    const { tenant } = request.params;
    if (!knownTenant(tenant, reply)) return reply;
    if (opts.paypalVerifier === undefined) {
      log.warn({ provider: 'paypal', tenant }, 'webhook refused: no PayPal verifier configured');
      return reply.code(401).send({ error: 'PayPal webhook verification is not configured: deliveries are refused' });
    }
    let verified: boolean;
    try {
      verified = await opts.paypalVerifier(request.headers, request.body, tenant);
    } catch (e) {
      log.error({ provider: 'paypal', tenant, error: e instanceof Error ? e.message : String(e) }, 'PayPal verification unavailable');
      return reply.code(503).send({ error: 'verification unavailable now; deliver it again' });
    }
    if (!verified) {
      log.warn({ provider: 'paypal', tenant }, 'webhook refused: PayPal did not verify the signature');
      return reply.code(401).send({ error: 'signature check failed' });
    }
    return intake({ provider: 'paypal', tenant, rawBody: request.body }, reply);
  });

  app.get('/healthz', async () => ({ ok: true }));
  return app;
}
