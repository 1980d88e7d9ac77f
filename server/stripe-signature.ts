/**
 * Stripe webhook signatures, checked with the official `stripe` package
 * (`Stripe.webhooks.constructEvent`: the `Stripe-Signature` header's `t=` and `v1=` HMAC-SHA256
 * of `<t>.<raw body>` with the endpoint's secret, compared in constant time). The package is used
 * for this alone: the API calls go through the shared pipeline (connectors/stripe/client.ts).
 * 300 s tolerance, Stripe's default and the issue's: an older timestamp is a replay.
 */
import Stripe from 'stripe';

export const STRIPE_SIGNATURE_TOLERANCE_S = 300;

export type StripeSignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether `header` signs `rawBody` with any of the endpoint's secrets (several while a secret is
 * rolled). The reason on failure is Stripe's message (no signature, timestamp outside the
 * tolerance, no matching signature), never a secret.
 */
export function checkStripeSignature(rawBody: string, header: string | undefined, secrets: readonly string[], nowMs: number = Date.now()): StripeSignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'no Stripe-Signature header' };
  let reason = 'no webhook secret to check it with';
  for (const secret of secrets) {
    try {
      Stripe.webhooks.constructEvent(rawBody, header, secret, STRIPE_SIGNATURE_TOLERANCE_S, undefined, nowMs);
      return { ok: true };
    } catch (e) {
      reason = e instanceof Error ? e.message.split('\n')[0]! : 'signature check failed';
    }
  }
  return { ok: false, reason };
}
