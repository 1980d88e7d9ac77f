/**
 * A PayPal webhook verifier for the intake server: `(headers, rawBody) => Promise<boolean>`.
 * true only when PayPal answers SUCCESS for this delivery; false for a delivery without its
 * PAYPAL-* headers, a body that is not a JSON object, or FAILURE. PayPal being unreachable or
 * refusing our credentials is thrown, not false: the intake then answers 5xx and PayPal
 * delivers again later, instead of a genuine event being dropped as forged.
 */
import type { CallOptions } from '../http/pipeline.js';
import type { PaypalClient } from './client.js';
import { isJsonObjectText, paypalWebhookDelivery, type WebhookHeaders } from './operations/verify-webhook-signature.js';

export type PaypalWebhookVerifier = (headers: WebhookHeaders, rawBody: string | Buffer) => Promise<boolean>;

export function paypalWebhookVerifier(client: Pick<PaypalClient, 'verifyWebhookSignature'>, options: { readonly webhookId?: string; readonly call?: CallOptions } = {}): PaypalWebhookVerifier {
  return async (headers, rawBody) => {
    const text = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
    const delivery = paypalWebhookDelivery(headers, text);
    if ('missing' in delivery || !isJsonObjectText(text)) return false;
    const reply = await client.verifyWebhookSignature(delivery, { ...options.call, ...(options.webhookId === undefined ? {} : { webhookId: options.webhookId }) });
    return reply.verification_status === 'SUCCESS';
  };
}
