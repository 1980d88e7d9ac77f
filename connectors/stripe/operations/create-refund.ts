/**
 * createRefund — POST /v1/refunds (form-encoded, spec3.yaml `PostRefunds`): a refund of a charge
 * or payment intent, in full or `amount` minor units. The only write, so the only call that
 * carries an `Idempotency-Key`: derived from the business keys (tenant, order, what is refunded,
 * how much, why, and the caller's refund key), never random. A Temporal retry is a fresh call: the
 * same key makes Stripe answer with the refund it already made instead of paying out twice.
 * The key is also what makes resending after a network error or a 5xx safe (`idempotent`).
 */
import { createHash } from 'node:crypto';
import { headerValue } from '../../http/classify.js';
import { parseReply } from '../../http/error-factories.js';
import type { CallOptions, PipelineRequest, PipelineResponse, Send } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import { STRIPE } from '../config.js';
import { StripeRefundSchema, type StripeRefund } from '../schemas/index.js';

const OPERATION = 'createRefund';
const SITE = siteOf(STRIPE, OPERATION);

/** spec3.yaml `reason` enum. */
export const STRIPE_REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;
export type StripeRefundReason = (typeof STRIPE_REFUND_REASONS)[number];

export interface CreateRefundParams {
  /** The seller's order the refund belongs to: part of the idempotency key, sent as `metadata[order_id]`. */
  readonly orderId: string;
  /** `ch_…`; exactly one of charge and paymentIntent. */
  readonly charge?: string;
  /** `pi_…`. */
  readonly paymentIntent?: string;
  /** Minor units; the whole remaining amount when absent. */
  readonly amount?: number;
  readonly reason?: StripeRefundReason;
  /**
   * Tells apart two refunds that share every other business key (the same amount refunded twice
   * on one order for two returns): the return's id, say. Part of the idempotency key.
   */
  readonly refundKey?: string;
}

export interface CreateRefundResult {
  readonly refund: StripeRefund;
  readonly idempotencyKey: string;
  /** Stripe answered with the refund an earlier request with this key made (`Idempotent-Replayed: true`). */
  readonly replayed: boolean;
  readonly requestId?: string;
}

/**
 * The refund's `Idempotency-Key` (at most 255 characters, Stripe): a readable prefix and the
 * SHA-256 of the business keys, so the same refund always has the same key and no key leaks an
 * order number into Stripe's logs.
 */
export function stripeRefundIdempotencyKey(tenant: string, params: CreateRefundParams): string {
  const keys = [tenant, params.orderId, params.charge ?? '', params.paymentIntent ?? '', params.amount ?? 'full', params.reason ?? '', params.refundKey ?? ''];
  return `caravan-refund-${createHash('sha256').update(JSON.stringify(keys)).digest('hex').slice(0, 48)}`;
}

export function buildCreateRefundRequest(tenant: string, params: CreateRefundParams): PipelineRequest {
  const { orderId, charge, paymentIntent, amount, reason } = params;
  if (orderId.trim() === '') throw refuse(SITE, 'orderId must name the order the refund belongs to');
  if ((charge === undefined) === (paymentIntent === undefined)) throw refuse(SITE, 'give exactly one of charge (ch_…) and paymentIntent (pi_…)');
  if (charge !== undefined && !/^(?:ch|py)_\w+$/.test(charge)) throw refuse(SITE, `charge must be a charge id (ch_…), got "${charge}"`);
  if (paymentIntent !== undefined && !/^pi_\w+$/.test(paymentIntent)) throw refuse(SITE, `paymentIntent must be a payment intent id (pi_…), got "${paymentIntent}"`);
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0)) throw refuse(SITE, `amount must be a positive integer of minor units, got ${amount}`);
  if (reason !== undefined && !(STRIPE_REFUND_REASONS as readonly string[]).includes(reason)) {
    throw refuse(SITE, `reason must be one of ${STRIPE_REFUND_REASONS.join(', ')}, got "${String(reason)}"`);
  }
  const form: Record<string, string> = {
    ...(charge === undefined ? {} : { charge }),
    ...(paymentIntent === undefined ? {} : { payment_intent: paymentIntent }),
    ...(amount === undefined ? {} : { amount: String(amount) }),
    ...(reason === undefined ? {} : { reason }),
    'metadata[order_id]': orderId,
  };
  return {
    operation: OPERATION,
    method: 'POST',
    path: '/v1/refunds',
    headers: { 'idempotency-key': stripeRefundIdempotencyKey(tenant, params) },
    body: { form },
    idempotent: true,
    subject: charge ?? paymentIntent,
  };
}

export function parseCreateRefundResponse(response: PipelineResponse, idempotencyKey: string): CreateRefundResult {
  const refund = parseReply(SITE, StripeRefundSchema, response, 'Stripe refund');
  const replayed = headerValue(response.headers, 'idempotent-replayed') === 'true';
  return { refund, idempotencyKey, replayed, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function createRefund(send: Send, tenant: string, params: CreateRefundParams, options?: CallOptions): Promise<CreateRefundResult> {
  const request = buildCreateRefundRequest(tenant, params);
  return parseCreateRefundResponse(await send(request, options), request.headers!['idempotency-key']!);
}
